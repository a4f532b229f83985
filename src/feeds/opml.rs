//! OPML 2.0, the format feed readers trade subscriptions in. Folders
//! (outlines without an `xmlUrl`) become sections, nested ones joined
//! with `/` as the corpus names folders; `category` becomes tags.

use std::fmt::Write as _;

use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

use super::{Subscription, check_url};
use crate::clean::single_line;

/// What an OPML file held, and what of it was skipped and why.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub feeds: Vec<Subscription>,
    pub skipped: Vec<String>,
}

/// Why an OPML file could not be read at all.
#[derive(Debug, thiserror::Error)]
#[error("malformed OPML at byte {at}: {message}")]
pub struct OpmlError {
    pub at: u64,
    pub message: String,
}

/// The feeds of an OPML document, in document order.
pub fn import(text: &str) -> Result<Imported, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut imported = Imported::default();
    // One entry per open outline: the folder name it adds, if any.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader.read_event().map_err(|e| OpmlError {
            at: reader.error_position(),
            message: single_line(&e.to_string()),
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "opml" => {
                saw_opml = true;
            }
            Event::Start(e) if e.local_name().into_inner() == "outline" => {
                let folder = outline(&e, &folders, &mut imported);
                folders.push(folder);
            }
            Event::Empty(e) if e.local_name().into_inner() == "outline" => {
                outline(&e, &folders, &mut imported);
            }
            Event::End(e) if e.local_name().into_inner() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err(OpmlError {
            at: 0,
            message: "no <opml> element".to_owned(),
        });
    }
    Ok(imported)
}

/// Takes in one outline: a feed when it has an `xmlUrl`, else a folder,
/// whose name is returned.
fn outline(e: &BytesStart, folders: &[Option<String>], imported: &mut Imported) -> Option<String> {
    let attr = |name: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().into_inner().eq_ignore_ascii_case(name))
            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .map(|v| single_line(&v))
            .filter(|v| !v.is_empty())
    };
    let title = attr("title").or_else(|| attr("text"));
    let Some(url) = attr("xmlUrl") else {
        return Some(title.unwrap_or_default());
    };
    if let Err(why) = check_url(&url) {
        imported.skipped.push(why);
        return None;
    }
    if imported.feeds.iter().any(|f| f.url == url) {
        imported.skipped.push(format!("{url} is listed twice"));
        return None;
    }
    let path: Vec<&str> = folders.iter().flatten().map(String::as_str).collect();
    let path: Vec<&str> = path.into_iter().filter(|s| !s.is_empty()).collect();
    let tags = attr("category")
        .map(|c| {
            c.split(',')
                .map(|t| t.trim().trim_start_matches('/').to_owned())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // A name that is only the URL is how an unnamed feed is exported.
    let bare = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let name = title.filter(|t| t != bare && *t != url);
    imported.feeds.push(Subscription {
        url,
        name,
        section: (!path.is_empty()).then(|| path.join("/")),
        tags,
        ..Subscription::default()
    });
    None
}

/// The feeds as an OPML 2.0 document, sections as nested folders.
pub fn export(feeds: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>byline subscriptions</title>\n  </head>\n  <body>\n",
    );
    let mut open: Vec<&str> = Vec::new();
    let mut sorted: Vec<&Subscription> = feeds.iter().collect();
    // Stable: feeds keep their order within a section.
    sorted.sort_by_key(|f| f.section.as_deref().unwrap_or(""));
    for feed in sorted {
        let path: Vec<&str> = feed
            .section
            .as_deref()
            .map(|s| s.split('/').filter(|p| !p.is_empty()).collect())
            .unwrap_or_default();
        let common = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            indent(&mut out, open.len());
            out.push_str("</outline>\n");
        }
        for part in &path[common..] {
            indent(&mut out, open.len());
            let _ = writeln!(out, "<outline text=\"{}\">", escape(*part));
            open.push(part);
        }
        indent(&mut out, open.len());
        out.push_str(&feed_outline(feed));
    }
    while open.pop().is_some() {
        indent(&mut out, open.len());
        out.push_str("</outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn feed_outline(feed: &Subscription) -> String {
    // OPML wants a `text`; `title` only when the user named the feed.
    let mut line = format!(
        "<outline type=\"rss\" text=\"{}\"",
        escape(feed.label().as_str())
    );
    if let Some(name) = &feed.name {
        let _ = write!(line, " title=\"{}\"", escape(name.as_str()));
    }
    let _ = write!(line, " xmlUrl=\"{}\"", escape(feed.url.as_str()));
    if !feed.tags.is_empty() {
        let _ = write!(line, " category=\"{}\"", escape(feed.tags.join(",")));
    }
    line.push_str("/>\n");
    line
}

fn indent(out: &mut String, depth: usize) {
    out.push_str(&"  ".repeat(depth + 2));
}

#[cfg(test)]
#[path = "opml_tests.rs"]
mod tests;
