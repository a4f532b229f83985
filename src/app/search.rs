//! The fuzzy-search overlay: a query line, the ranked hits, and the
//! selection the user had before, to restore on Esc.
//!
//! Ranking runs elsewhere (a worker thread in the reader, synchronously in
//! tests): the overlay asks for it through [`App::take_search_request`] and
//! takes the answer through [`App::search_results`], so typing never waits.

use super::line_edit::{LineEdit, LineKey};
use super::{App, Overlay};
use crate::keymap::{Key, KeyCodeOrd, Named};
use crate::search::{Hit, SearchResult};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchOverlay {
    pub line: LineEdit,
    pub hits: Vec<Hit>,
    /// The results are for the query as it is now, and whole.
    pub complete: bool,
    /// Index into `hits`.
    pub selected: usize,
    /// A query waiting to be ranked.
    request: Option<String>,
}

impl SearchOverlay {
    /// Moves the selection by `n`, clamped.
    fn move_by(&mut self, n: usize, down: bool) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = match down {
            true => self.selected.saturating_add(n).min(last),
            false => self.selected.saturating_sub(n),
        };
    }
}

impl App {
    /// Whether keys should go to [`App::text_key`] rather than the key table.
    pub fn wants_text(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Search(_)))
            || self.find.as_ref().is_some_and(|f| f.editing)
    }

    /// A key typed while a text field has the keyboard.
    pub fn text_key(&mut self, key: Key) {
        self.message = None;
        if matches!(self.overlay, Some(Overlay::Search(_))) {
            self.search_key(key);
        } else {
            self.find_key(key);
        }
    }

    pub(super) fn open_search(&mut self) {
        let overlay = SearchOverlay {
            request: Some(String::new()),
            ..SearchOverlay::default()
        };
        self.overlay = Some(Overlay::Search(overlay));
    }

    fn search_key(&mut self, key: Key) {
        use KeyCodeOrd::{Char, Named as N};
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        match overlay.line.key(key) {
            LineKey::Changed => {
                overlay.request = Some(overlay.line.text.clone());
                overlay.complete = false;
            }
            LineKey::Enter => {
                let chosen = overlay.hits.get(overlay.selected).map(|h| h.index);
                self.overlay = None;
                if let Some(index) = chosen {
                    self.open_article(index);
                }
            }
            LineKey::Cancel => {
                // The list was never moved: closing restores it.
                self.overlay = None;
            }
            LineKey::Other(key) => match (key.code, key.ctrl) {
                (N(Named::Down), _) | (Char('n' | 'j'), true) => overlay.move_by(1, true),
                (N(Named::Up), _) | (Char('p' | 'k'), true) => overlay.move_by(1, false),
                (N(Named::PageDown), _) => overlay.move_by(10, true),
                (N(Named::PageUp), _) => overlay.move_by(10, false),
                _ => {}
            },
            LineKey::Moved => {}
        }
        self.settle();
    }

    /// The query to rank next, if the overlay has one waiting.
    pub fn take_search_request(&mut self) -> Option<String> {
        match &mut self.overlay {
            Some(Overlay::Search(overlay)) => overlay.request.take(),
            _ => None,
        }
    }

    /// Results from the ranking worker; stale ones (for another query, or
    /// after the overlay closed) are dropped. A new query selects its best hit.
    pub fn search_results(&mut self, result: SearchResult) {
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        if result.query != overlay.line.text {
            return;
        }
        overlay.hits = result.hits;
        overlay.complete = result.complete;
        overlay.selected = 0;
    }

    /// Ranks a waiting query here and now (tests, and a reader whose worker
    /// thread could not start).
    pub fn rank_now(&mut self) {
        if let Some(query) = self.take_search_request() {
            let hits =
                crate::search::rank(&self.corpus.articles, &query, &|| false).unwrap_or_default();
            self.search_results(SearchResult {
                generation: 0,
                query,
                hits,
                complete: true,
            });
        }
    }
}
