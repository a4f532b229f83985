//! HTML to structured text: what feeds, saved pages and JSON fields carry
//! becomes paragraphs one a line (see [`crate::article::Article::body`]),
//! keeping headings, lists, quotes, preformatted text and tables as text
//! conventions, and links as numbered references.
//!
//! HTML is untrusted. Every run of text is cleaned by
//! [`crate::clean::single_line`] after html5ever has decoded its entities,
//! so `&#27;[2J` is removed like a raw escape; scripts, styles, frames,
//! objects, forms and templates are dropped; only http, https and mailto
//! links are offered.

mod links;
mod render;
mod tags;

use std::borrow::Cow;

use dom_query::{Document, NodeRef};
use url::Url;

use crate::clean::{into_paragraphs, is_unchanged, sanitize};

pub use links::{allowed_link, resolve_link};

/// Elements beyond this many in one document are not parsed: html5ever's
/// tree building slows down on deep nesting (every start tag looks through
/// the open elements), so a bound on elements bounds the time.
pub const MAX_ELEMENTS: usize = 60_000;

/// Text rendered from HTML (or plain text kept as it is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Paragraphs one a line, links as ` [N]` after their text.
    pub body: String,
    /// The URL of reference N at `N - 1`.
    pub links: Vec<String>,
    /// The markup was cut at [`MAX_ELEMENTS`].
    pub cut: bool,
}

impl Rendered {
    /// The body with its `Links:` list at the end, as newsboat shows them,
    /// and the links.
    pub fn into_parts(self) -> (String, Vec<String>) {
        let mut body = self.body;
        append_link_list(&mut body, &self.links, &[]);
        (body, self.links)
    }
}

/// Ends `body` with the list of `links`, numbered from 1; `notes` (by
/// index) add a word after a URL, such as an enclosure's type.
pub fn append_link_list(body: &mut String, links: &[String], notes: &[(usize, String)]) {
    if links.is_empty() {
        return;
    }
    if !body.is_empty() {
        body.push('\n');
    }
    body.push_str("Links:");
    for (i, url) in links.iter().enumerate() {
        body.push_str(&format!("\n[{}] {url}", i + 1));
        if let Some((_, note)) = notes.iter().find(|(at, _)| *at == i) {
            body.push_str(&format!(" ({note})"));
        }
    }
}

/// A field that may hold HTML: rendered when the format says it is HTML
/// (`is_html`) or when it holds markup ([`looks_like_html`]); otherwise
/// cleaned as plain text. Relative links resolve against `base`.
pub fn render_field(text: &str, is_html: bool, base: Option<&Url>) -> Rendered {
    if !is_html && !looks_like_html(text) {
        return plain(Cow::Borrowed(text));
    }
    let (markup, cut) = cut_markup(text, MAX_ELEMENTS);
    let document = Document::fragment(markup);
    let mut rendered = render_node(&document.root(), base);
    rendered.cut = cut;
    rendered
}

/// The body of the first of `fields` that is not blank once rendered by
/// [`render_field`], and its links; the field at `html_at` is HTML by its
/// name (JSON Feed's `content_html`), the others when they hold markup.
/// Links resolve against `url`, the entry's own.
pub fn first_body<'a>(
    fields: impl IntoIterator<Item = Option<Cow<'a, str>>>,
    html_at: usize,
    url: Option<&str>,
) -> (String, Vec<String>) {
    // Parsed only for a field that is HTML: most JSON bodies are not, and
    // a load may hold a million of them.
    let mut base: Option<Option<Url>> = None;
    // Taken one at a time: a field after the first body is not looked at.
    for (at, field) in fields.into_iter().enumerate() {
        let Some(text) = field else {
            continue;
        };
        let rendered = if at == html_at || looks_like_html(&text) {
            let base = base.get_or_insert_with(|| url.and_then(|u| Url::parse(u).ok()));
            render_field(&text, true, base.as_ref())
        } else {
            plain(text)
        };
        if !rendered.body.is_empty() {
            return (rendered.body, rendered.links);
        }
    }
    (String::new(), Vec::new())
}

/// A title for an article that has none (valid in RSS and JSON Feed, and
/// pages without `<title>`): the first `words` words of its body, with `…`
/// when there were more; empty for an empty body.
pub fn first_words(body: &str, words: usize) -> String {
    let first = body
        .split('\n')
        .find(|p| !p.is_empty() && *p != "Links:")
        .unwrap_or_default();
    let mut all = first.split(' ');
    let mut title = all.by_ref().take(words).collect::<Vec<_>>().join(" ");
    if !title.is_empty() && all.next().is_some() {
        title.push('…');
    }
    title
}

/// Text without markup, cleaned as any plain text is.
/// Plain text, copied once at most: not at all when it was unescaped into
/// a string of its own and is clean already.
fn plain(text: Cow<'_, str>) -> Rendered {
    let clean = if is_unchanged(&text) {
        text.into_owned()
    } else {
        sanitize(&text)
    };
    Rendered {
        body: into_paragraphs(clean),
        ..Rendered::default()
    }
}

/// Renders a parsed node and everything in it.
pub fn render_node(node: &NodeRef, base: Option<&Url>) -> Rendered {
    render::render(node, base)
}

/// Whether plain-looking text holds markup: a tag (`<p>`, `</b>`, `<!--`)
/// or an entity (`&amp;`, `&#39;`, `&#x2014;`). `AT&T` and `a < b` do not.
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'<', b'&', bytes).any(|at| {
        let rest = &bytes[at + 1..];
        if bytes[at] == b'<' {
            is_tag_start(rest)
        } else {
            is_entity(rest)
        }
    })
}

fn is_tag_start(rest: &[u8]) -> bool {
    let name = match rest {
        [b'/', name @ ..] => name,
        [b'!', b'-', b'-', ..] => return true,
        name => name,
    };
    name.first().is_some_and(u8::is_ascii_alphabetic) && memchr::memchr(b'>', name).is_some()
}

fn is_entity(rest: &[u8]) -> bool {
    let (digits, numeric): (&[u8], bool) = match rest {
        [b'#', b'x' | b'X', tail @ ..] => (tail, true),
        [b'#', tail @ ..] => (tail, true),
        tail => (tail, false),
    };
    let len = digits
        .iter()
        .take_while(|b| {
            if numeric {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_alphanumeric()
            }
        })
        .count();
    let enough = if numeric { len >= 1 } else { len >= 2 };
    enough && len <= 32 && digits.get(len) == Some(&b';')
}

/// Elements nested deeper than this are not parsed (see [`MAX_ELEMENTS`]);
/// real pages nest a few dozen deep.
pub const MAX_NESTING: usize = 512;

/// `markup` up to its `max`-th start tag, or to the tag that would nest
/// deeper than [`MAX_NESTING`], and whether it was cut there. Tags are
/// counted by a scan for `<`: an estimate, as cheap as the scan, that bounds
/// what html5ever is given. Elements that need no end tag (`br`, `p`, `li`)
/// are not counted as nesting.
pub fn cut_markup(markup: &str, max: usize) -> (&str, bool) {
    let bytes = markup.as_bytes();
    let (mut elements, mut depth) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let (closing, name_at) = match bytes.get(at + 1) {
            Some(b'/') => (true, at + 2),
            _ => (false, at + 1),
        };
        let name_len = bytes[name_at.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &bytes[name_at.min(bytes.len())..][..name_len];
        if !name.first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let nests = !needs_no_end(name);
        if closing {
            depth = depth.saturating_sub(usize::from(nests));
            continue;
        }
        elements += 1;
        depth += usize::from(nests && !self_closed(&bytes[name_at + name_len..]));
        if elements > max || depth > MAX_NESTING {
            // `<` is ASCII: a char boundary.
            return (&markup[..at], true);
        }
    }
    (markup, false)
}

/// Void elements, and those whose end tag is commonly left out.
fn needs_no_end(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 22] = [
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"source", b"track", b"wbr", b"p", b"li", b"td", b"th", b"tr", b"dt", b"dd", b"option",
        b"param",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Whether the tag whose attributes start `rest` ends in `/>`.
fn self_closed(rest: &[u8]) -> bool {
    memchr::memchr(b'>', rest).is_some_and(|end| end > 0 && rest[end - 1] == b'/')
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
