//! The finder's text mode: Tab switches between ranking titles and
//! searching titles and bodies. The full-text index is built on a worker
//! the first time the finder opens, its progress shown in the status bar;
//! a query asked before it is ready is asked again when it is.

use super::{App, Job, Overlay, SearchOverlay};
use crate::search::Hit;
use crate::search::text::{TextQuery, TextResult, tokens_in};

/// What the finder searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FindMode {
    #[default]
    Titles,
    Text,
}

impl FindMode {
    /// The query line's prompt: the title finder keeps fzf's bare `> `.
    pub fn prompt(self) -> &'static str {
        match self {
            FindMode::Titles => "> ",
            FindMode::Text => "text> ",
        }
    }
}

/// How far the full-text index has come.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Indexing {
    /// Asked for: it is built once per run.
    requested: bool,
    /// 0 to 1; `None` before the first report.
    progress: Option<f32>,
}

impl Indexing {
    pub fn ready(&self) -> bool {
        self.progress.is_some_and(|p| p >= 1.0)
    }

    /// The percentage built while building, for the status bar.
    pub fn building_percent(&self) -> Option<u32> {
        match (self.requested, self.progress) {
            (true, None) => Some(0),
            (true, Some(p)) if p < 1.0 => Some((p * 100.0) as u32),
            _ => None,
        }
    }
}

impl App {
    /// The full-text index's progress (the status bar shows it).
    pub fn indexing(&self) -> Indexing {
        self.indexing
    }

    pub(in crate::app) fn start_indexing(&mut self) {
        if !self.indexing.requested {
            self.indexing.requested = true;
            self.out.jobs.push(Job::IndexText);
        }
    }

    /// Progress of the index; when done, the text query on the line is
    /// asked again, since it was answered "not ready".
    pub(in crate::app) fn indexed(&mut self, progress: f32) {
        let was_ready = self.indexing.ready();
        self.indexing.progress = Some(progress);
        let text_mode =
            matches!(&self.overlay, Some(Overlay::Search(o)) if o.mode == FindMode::Text);
        if !was_ready && self.indexing.ready() && text_mode {
            self.ask_for_hits();
        }
    }

    /// Asks for the hits of the query on the line, in the finder's mode.
    pub(in crate::app) fn ask_for_hits(&mut self) {
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        overlay.complete = false;
        overlay.highlights.clear();
        let query = overlay.line.text.clone();
        let job = match overlay.mode {
            FindMode::Titles => Job::Rank(query),
            FindMode::Text => {
                overlay.text_generation += 1;
                Job::TextSearch {
                    generation: overlay.text_generation,
                    query,
                }
            }
        };
        self.out.jobs.push(job);
    }

    /// Tab: titles to text and back, the query kept.
    pub(in crate::app) fn switch_mode(&mut self) {
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        overlay.mode = match overlay.mode {
            FindMode::Titles => FindMode::Text,
            FindMode::Text => FindMode::Titles,
        };
        overlay.hits.clear();
        overlay.snippets.clear();
        overlay.selected = 0;
        self.ask_for_hits();
        self.settle();
    }

    /// Hits from the text worker; stale ones are dropped.
    pub(in crate::app) fn text_results(&mut self, result: TextResult) {
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        let current = overlay.mode == FindMode::Text
            && result.generation == overlay.text_generation
            && result.query == overlay.line.text;
        if !current || !result.ready {
            return;
        }
        take_text_hits(overlay, result);
        self.settle();
    }

    /// After a text hit opens: in-article find set to the query's words,
    /// the reader on the first hit.
    pub(in crate::app) fn find_text_hit(&mut self, query: &str) {
        let words = TextQuery::parse(query).find_words();
        if !words.is_empty() {
            self.find_query(&words);
        }
    }
}

fn take_text_hits(overlay: &mut SearchOverlay, result: TextResult) {
    // Stored as title hits so selection, paging and the preview are shared;
    // the BM25 score is kept to a thousandth.
    overlay.hits = result
        .hits
        .iter()
        .map(|h| Hit {
            index: h.index,
            score: (h.score * 1000.0) as i64,
            word: false,
        })
        .collect();
    overlay.snippets = result.snippets;
    overlay.complete = true;
    overlay.selected = 0;
}

/// The characters of `title` that are words of `query`, to highlight.
pub(super) fn title_positions(title: &str, query: &TextQuery) -> Vec<usize> {
    let mut out = Vec::new();
    for range in tokens_in(title, query) {
        let first = title[..range.start].chars().count();
        out.extend(first..first + title[range].chars().count());
    }
    out
}
