//! JSON documents: an array of articles, an object holding an `articles` or
//! `items` array (NewsAPI, JSON Feed), or one article.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::entries::parse_entries;
use super::parsed::{Batches, Job};
use super::warning::{Warning, WarningKind};
use crate::clean::decode;

/// Parses a whole JSON document.
pub fn parse_document(
    job: Job,
    bytes: &[u8],
    warnings: &mut Vec<Warning>,
) -> Result<Batches, WarningKind> {
    let text = decode(bytes)?;
    let entries =
        top_level_entries(&text).map_err(|e| WarningKind::MalformedJson(e.to_string()))?;
    let mut line = LineCounter::new(&text);
    let located: Vec<(usize, &str)> = entries
        .iter()
        .map(|raw| (line.line_of(raw.get()), raw.get()))
        .collect();
    Ok(parse_entries(job, &located, 0, warnings))
}

/// The entries of a document: an array, a wrapper object, or one article.
fn top_level_entries(text: &str) -> Result<Vec<&RawValue>, serde_json::Error> {
    #[derive(Deserialize)]
    struct Wrapper<'a> {
        #[serde(borrow, default)]
        articles: Option<Vec<&'a RawValue>>,
        #[serde(borrow, default)]
        items: Option<Vec<&'a RawValue>>,
    }
    if text.trim_start().starts_with('{') {
        let wrapper: Wrapper = serde_json::from_str(text)?;
        return match wrapper.articles.or(wrapper.items) {
            Some(entries) => Ok(entries),
            None => Ok(vec![serde_json::from_str(text)?]),
        };
    }
    serde_json::from_str(text)
}

/// Line numbers of slices of one text, counted incrementally.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line where `slice`, a part of the text, starts.
    fn line_of(&mut self, slice: &str) -> usize {
        let at = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let at = at.min(self.text.len()).max(self.offset);
        self.line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.offset..at]).count();
        self.offset = at;
        self.line
    }
}
