//! Web boilerplate ("Advertisement", "Share this article") removed from
//! bodies as they are loaded.

use aho_corasick::AhoCorasick;
use memchr::memmem;

use super::sanitize;

/// Phrases of web boilerplate removed wherever they appear in a body.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    finders: Vec<memmem::Finder<'static>>,
    /// The length of the shortest phrase: no shorter text holds one.
    shortest: usize,
    /// Every phrase at once. Most texts hold none, and one pass over them
    /// says so: a pass per phrase was a seventh of loading the BBC corpus.
    any: Option<AhoCorasick>,
}

/// The phrases bundled with byline, one a line.
pub const DEFAULT_BOILERPLATE: &str = include_str!("../../assets/boilerplate.txt");

impl Default for Boilerplate {
    fn default() -> Self {
        Self::new(DEFAULT_BOILERPLATE.lines())
    }
}

impl Boilerplate {
    /// Blank lines and lines starting with `#` are ignored.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Self {
        let phrases: Vec<&str> = phrases
            .into_iter()
            .map(str::trim)
            .filter(|p| !p.is_empty() && !p.starts_with('#'))
            .collect();
        let finders = phrases
            .iter()
            .map(|p| memmem::Finder::new(p.as_bytes()).into_owned())
            .collect();
        // Should it fail to build, every text takes the pass per phrase.
        let any = AhoCorasick::new(&phrases).ok();
        let shortest = phrases.iter().map(|p| p.len()).min().unwrap_or(usize::MAX);
        Self {
            finders,
            shortest,
            any,
        }
    }

    /// The phrases, in the order given.
    pub fn phrases(&self) -> impl Iterator<Item = &[u8]> {
        self.finders.iter().map(memmem::Finder::needle)
    }

    /// Removes every phrase, folding the spaces left around it.
    pub fn strip(&self, text: &mut String) {
        if text.len() < self.shortest {
            return;
        }
        if let Some(any) = &self.any
            && !any.is_match(text.as_str())
        {
            return;
        }
        for finder in &self.finders {
            if finder.find(text.as_bytes()).is_none() {
                continue;
            }
            let mut kept = String::with_capacity(text.len());
            let mut last = 0;
            for at in finder.find_iter(text.as_bytes()) {
                kept.push_str(&text[last..at]);
                last = at + finder.needle().len();
            }
            kept.push_str(&text[last..]);
            *text = sanitize(&kept);
        }
    }
}
