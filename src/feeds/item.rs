//! One archived item, as a line of a feed's JSON Lines file, with the
//! field names the corpus loader reads (`src/corpus/json.rs`), and how a
//! fetched feed's entries are merged into the items already kept.

use serde::{Deserialize, Serialize};

use crate::clean::{sanitize, single_line};

/// An item kept in the archive. Every text field was cleaned on the way in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    /// The stable key: the feed's guid, else the link, else a hash of the
    /// content (`h:` and 16 hex digits). Never changes once written.
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// RFC 3339, as the loader reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub section: String,
    /// The feed's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The full article, once fetched; the loader prefers it to the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The feed's content when it is HTML, for a loader that renders it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    /// The feed's content when it is plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    /// The feed's summary, as text; kept when the full text arrives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
    /// Unix seconds when this item was first fetched: pruning goes by its
    /// date, else by this.
    pub first_seen: i64,
}

/// How a fetch changed one feed's items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Merged {
    pub new: usize,
    pub updated: usize,
}

impl Item {
    /// The time pruning goes by.
    pub fn age_stamp(&self) -> i64 {
        self.date
            .as_deref()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map_or(self.first_seen, |d| d.timestamp())
    }

    /// Takes the feed's newer version of this item, keeping what the
    /// archive owns: the id, when it was first seen, and a full text.
    fn update_from(&mut self, fresh: Item) -> bool {
        let mut fresh = fresh;
        fresh.id.clone_from(&self.id);
        fresh.first_seen = self.first_seen;
        if self.full_text {
            fresh.body.clone_from(&self.body);
            fresh.full_text = true;
        }
        let changed = fresh != *self;
        *self = fresh;
        changed
    }
}

/// Merges `fresh` items into `kept`: one seen again is updated in place
/// (and keeps its id), a new one is added at the end, and one no longer
/// in the feed stays.
pub fn merge(kept: &mut Vec<Item>, fresh: Vec<Item>) -> Merged {
    let mut merged = Merged::default();
    let mut index: std::collections::HashMap<String, usize> = kept
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();
    for item in fresh {
        match index.get(&item.id) {
            Some(&i) => merged.updated += usize::from(kept[i].update_from(item)),
            None => {
                index.insert(item.id.clone(), kept.len());
                kept.push(item);
                merged.new += 1;
            }
        }
    }
    merged
}

/// What a subscription adds to each of its items.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub section: String,
    pub tags: Vec<String>,
    /// Unix seconds now: the first-seen time of new items.
    pub now: i64,
}

/// The items of a parsed feed, cleaned, with their stable ids.
pub fn from_feed(feed: feed_rs::model::Feed, origin: &Origin) -> Vec<Item> {
    let source = feed.title.as_ref().map(|t| single_line(&text_of(t)));
    let source = source.filter(|s| !s.is_empty());
    let section = if origin.section.is_empty() {
        source.clone().unwrap_or_default()
    } else {
        origin.section.clone()
    };
    feed.entries
        .into_iter()
        .map(|entry| from_entry(entry, source.clone(), &section, origin))
        .collect()
}

fn from_entry(
    entry: feed_rs::model::Entry,
    source: Option<String>,
    section: &str,
    origin: &Origin,
) -> Item {
    let title = entry.title.as_ref().map(|t| single_line(&text_of(t)));
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| single_line(&l.href))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let summary = entry
        .summary
        .as_ref()
        .map(text_of)
        .filter(|s| !s.is_empty());
    let (content_html, content_text) = match entry.content.as_ref().and_then(|c| c.body.as_ref()) {
        Some(body) if is_html(entry.content.as_ref().map(|c| c.content_type.as_str())) => {
            (Some(sanitize(body)), None)
        }
        Some(body) => (None, Some(sanitize(body))),
        None => (None, None),
    };
    let mut tags = origin.tags.clone();
    for category in &entry.categories {
        let term = single_line(category.label.as_deref().unwrap_or(&category.term));
        if !term.is_empty() && !tags.contains(&term) {
            tags.push(term);
        }
    }
    let date = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    let mut item = Item {
        id: String::new(),
        title: title
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "(untitled)".to_owned()),
        url,
        date,
        author: entry
            .authors
            .first()
            .and_then(|a| a.name.as_deref())
            .map(single_line),
        section: section.to_owned(),
        source,
        tags,
        body: None,
        content_html,
        content_text,
        summary,
        full_text: false,
        first_seen: origin.now,
    };
    item.id = stable_id(&entry.id, &item);
    item
}

/// The guid when the feed has one, else the link, else a hash of what the
/// item says. The parser is told to leave missing ids empty (see
/// `fetch::parse_feed`), so that a title edit cannot change an id.
fn stable_id(guid: &str, item: &Item) -> String {
    let guid = single_line(guid);
    if !guid.is_empty() && guid.len() <= 512 {
        return guid;
    }
    if let Some(url) = item.url.as_ref().filter(|u| u.len() <= 512) {
        return url.clone();
    }
    let mut hash = Fnv::default();
    for part in [
        Some(&item.title),
        item.summary.as_ref(),
        item.content_html.as_ref(),
        item.content_text.as_ref(),
        item.date.as_ref(),
    ] {
        hash.write(part.map_or("", String::as_str).as_bytes());
        hash.write(&[0]);
    }
    format!("h:{:016x}", hash.0)
}

/// The text of a feed's text construct: HTML rendered as the loader
/// renders it (links numbered, their list at the end), plain kept.
fn text_of(text: &feed_rs::model::Text) -> String {
    if is_html(Some(text.content_type.as_str())) {
        crate::html::render_field(&text.content, true, None)
            .into_parts()
            .0
    } else {
        crate::clean::into_paragraphs(sanitize(&text.content))
    }
}

fn is_html(mime: Option<&str>) -> bool {
    mime.is_some_and(|m| m.contains("html"))
}

/// FNV-1a, 64 bits: stable across versions and machines, unlike std's
/// hasher, which is what ids and file names need.
#[derive(Debug)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
#[path = "item_tests.rs"]
mod tests;
