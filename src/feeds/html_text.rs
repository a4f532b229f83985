//! A stopgap from HTML to the loader's plain text: tags dropped, block
//! ends made paragraph breaks, the common entities decoded, scripts and
//! styles left out. The HTML work (`src/html*`) replaces it with a real
//! renderer; until then summaries stay readable.

use crate::clean::{into_paragraphs, sanitize};

/// Elements whose end (or start) ends a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "ul",
    "ol",
    "table",
    "figure",
    "hr",
];

/// The text of an HTML fragment, cleaned, paragraphs one a line.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Inside <script>, <style> and the like: their text is not prose.
    let mut skipping: Option<&'static str> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&decode_entities(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(open) = skipping {
            if closing && name == open {
                skipping = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "svg" if !closing => {
                skipping = ["script", "style", "noscript", "template", "svg"]
                    .into_iter()
                    .find(|s| *s == name);
            }
            n if BLOCKS.contains(&n) => out.push_str("\n\n"),
            _ => {}
        }
    }
    if skipping.is_none() {
        out.push_str(&decode_entities(rest));
    }
    // One paragraph per block: line breaks inside one are only layout.
    let paragraphs: Vec<String> = out
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    into_paragraphs(sanitize(&paragraphs.join("\n\n")))
}

/// `&amp;`, `&lt;`, `&#39;`, `&#x2014;` and friends; unknown ones stay.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let number = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "hellip" => Some('…'),
        "rsquo" => Some('’'),
        "lsquo" => Some('‘'),
        "rdquo" => Some('”'),
        "ldquo" => Some('“'),
        _ => match name.strip_prefix('#')? {
            hex if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            dec => number(dec, 10),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_blocks_become_paragraphs_and_entities_decode() {
        let html = "<p>One &amp; <b>two</b>\n  lines</p><p>Caf&#233; &#x2014; ok</p>\
                    <script>alert(1)</script><p>x &bogus; y</p>";
        assert_eq!(
            html_to_text(html),
            "One & two lines\nCafé — ok\nx &bogus; y"
        );
    }

    #[test]
    fn escapes_in_entities_are_cleaned_too() {
        assert_eq!(
            html_to_text("a&#27;[31mred"),
            "ared",
            "the escape goes whole"
        );
        assert_eq!(html_to_text("unclosed <b"), "unclosed");
    }
}
