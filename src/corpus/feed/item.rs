//! One feed item as an article.

use feed_rs::model::{Entry, Text};
use url::Url;

use super::super::input::Input;
use super::super::options::LoadOptions;
use super::super::parsed::limit_body;
use super::super::warning::WarningKind;
use crate::article::Article;
use crate::clean::{sanitize, single_line};
use crate::html::{self, Rendered, append_link_list, resolve_link};

/// Words of the body that make the title of an item that has none.
const TITLE_WORDS: usize = 12;

/// What every item of one feed shares.
pub(super) struct Context<'a> {
    pub input: &'a Input,
    pub options: &'a LoadOptions,
    pub feed_title: &'a str,
    pub feed_link: Option<&'a str>,
}

/// The article of `entry`; its id is set by the caller. What was wrong
/// with the item goes to `notes`, worded for a file until
/// [`WarningKind::in_item`] says it of the item.
pub(super) fn article(cx: &Context, entry: &Entry, notes: &mut Vec<WarningKind>) -> Article {
    let url = entry
        .links
        .iter()
        .find(|l| l.media_type.is_none() && l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .and_then(|l| resolve_link(&l.href, None));
    let base = url
        .as_deref()
        .or(cx.feed_link)
        .and_then(|u| Url::parse(u).ok());
    let rendered = body_of(entry, base.as_ref());
    if rendered.cut {
        notes.push(WarningKind::MarkupCut);
    }
    let mut body = rendered.body;
    cx.options.boilerplate.strip(&mut body);
    let mut links = rendered.links;
    let enclosures = enclosures(entry, &mut links);
    append_link_list(&mut body, &links, &enclosures);
    notes.extend(limit_body(&mut body, cx.options.max_body, false));
    let mut article = Article {
        title: entry.title.as_ref().map(plain_text).unwrap_or_default(),
        section: if cx.input.section.is_empty() {
            single_line(cx.feed_title)
        } else {
            cx.input.section.clone()
        },
        date: entry
            .published
            .or(entry.updated)
            .map(|d| d.timestamp())
            // Years 1 to 9999 only, as for other formats: dates print as YYYY-MM-DD.
            .filter(|s| (-62_135_596_800..=253_402_300_799).contains(s)),
        url,
        source: (!cx.feed_title.is_empty()).then(|| single_line(cx.feed_title)),
        author: authors(entry),
        tags: tags(entry),
        body: body.into(),
        links,
        ..Article::default()
    };
    if article.title.is_empty() {
        article.title = title_from_body(&article);
        article.title_from_body = true;
    }
    article
}

/// The fullest of the item's content (`content:encoded`, Atom `content`,
/// JSON Feed `content_html`/`content_text`) and its summary (`description`).
fn body_of(entry: &Entry, base: Option<&Url>) -> Rendered {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| Some((c.body.as_deref()?, c.content_type.to_string())));
    let summary = entry
        .summary
        .as_ref()
        .map(|s| (s.content.as_str(), s.content_type.to_string()));
    let fullest = match (content, summary) {
        (Some(c), Some(s)) => Some(if s.0.len() > c.0.len() { s } else { c }),
        (c, s) => c.or(s),
    };
    let Some((text, media_type)) = fullest else {
        return Rendered::default();
    };
    html::render_field(text, media_type.contains("html"), base)
}

/// Text of a title: rendered when it is HTML (Atom `type="html"`, entities
/// in RSS), on one line.
pub(super) fn plain_text(text: &Text) -> String {
    let is_html = text.content_type.to_string().contains("html");
    let rendered = html::render_field(&text.content, is_html, None);
    single_line(&rendered.body)
}

/// Enclosures (podcast audio, images) join the links; the notes say which
/// links they are, by index, with their type.
fn enclosures(entry: &Entry, links: &mut Vec<String>) -> Vec<(usize, String)> {
    let attached = entry
        .links
        .iter()
        .filter(|l| l.media_type.is_some() || l.rel.as_deref() == Some("enclosure"))
        .map(|l| (l.href.clone(), l.media_type.clone()));
    let media = entry.media.iter().flat_map(|m| &m.content).filter_map(|c| {
        let url = c.url.as_ref()?.to_string();
        Some((url, c.content_type.as_ref().map(ToString::to_string)))
    });
    let mut notes = Vec::new();
    for (href, media_type) in attached.chain(media) {
        let Some(url) = resolve_link(&href, None) else {
            continue;
        };
        if links.contains(&url) {
            continue;
        }
        let note = match media_type {
            Some(t) => format!("enclosure, {}", single_line(&t)),
            None => "enclosure".to_owned(),
        };
        notes.push((links.len(), note));
        links.push(url);
    }
    notes
}

fn authors(entry: &Entry) -> Option<String> {
    let names: Vec<String> = entry
        .authors
        .iter()
        .map(|p| single_line(p.name.as_deref().unwrap_or_default()))
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn tags(entry: &Entry) -> Vec<String> {
    let mut tags: Vec<String> = Vec::with_capacity(entry.categories.len());
    for category in &entry.categories {
        let tag = sanitize(category.label.as_deref().unwrap_or(&category.term));
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// A title for an item without one (valid in RSS and JSON Feed): the first
/// words of its body, else its link, else a word saying it has none.
fn title_from_body(article: &Article) -> String {
    let title = html::first_words(&article.body, TITLE_WORDS);
    if !title.is_empty() {
        return title;
    }
    article
        .url
        .clone()
        .unwrap_or_else(|| "(untitled item)".to_owned())
}
