//! The fuzzy-search overlay: a query line, the ranked hits, and the
//! selection the user had before, to restore on Esc.
//!
//! Ranking runs elsewhere: each change of the query asks for it with a
//! [`Job::Rank`], and the answer comes back as a [`Msg::Ranked`](super::Msg),
//! so typing never waits. The matched characters of the rows on screen are
//! worked out here, once per query and row, never while drawing.

mod text;

use std::collections::HashMap;

use super::line_edit::{LineEdit, LineKey};
use super::{App, Job, Overlay};
use crate::geometry::Finder;
use crate::keymap::{Key, KeyCodeOrd, Named};
use crate::search::text::Snippet;
use crate::search::{self, Hit, SearchResult};

pub use text::{FindMode, Indexing};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchOverlay {
    pub line: LineEdit,
    pub hits: Vec<Hit>,
    /// The results are for the query as it is now, and whole.
    pub complete: bool,
    /// Index into `hits`.
    pub selected: usize,
    /// The matched characters of titles on screen, by corpus index.
    highlights: HashMap<usize, Vec<usize>>,
    /// Which remembered query the line shows, counted back from the newest.
    recalled: Option<usize>,
    /// Titles (fuzzy, fzf's syntax) or titles and bodies (BM25); Tab switches.
    pub mode: FindMode,
    /// In text mode, the passages of the first hits, in their order.
    pub snippets: Vec<Snippet>,
    /// The text query the hits to come answer.
    text_generation: u64,
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

    /// The first hit on screen when `rows` rows show: the selection stays
    /// on the last row as it moves down.
    pub fn top(&self, rows: usize) -> usize {
        self.selected.saturating_sub(rows.saturating_sub(1))
    }

    /// How many screen rows one hit takes: text hits show their snippet
    /// under the title.
    pub fn rows_per_hit(&self) -> usize {
        match self.mode {
            FindMode::Titles => 1,
            FindMode::Text => 2,
        }
    }

    /// The passage to show under hit number `i` (text mode).
    pub fn snippet(&self, i: usize) -> Option<&Snippet> {
        self.snippets.get(i)
    }

    /// The characters to highlight in the title of article `index`.
    pub fn highlights(&self, index: usize) -> &[usize] {
        self.highlights.get(&index).map_or(&[], Vec::as_slice)
    }
}

impl App {
    /// Whether keys go to a text field rather than the key table.
    pub fn wants_text(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Search(_)))
            || self.filter_prompt.is_some()
            || self.find.as_ref().is_some_and(|f| f.editing)
    }

    /// A key typed while a text field has the keyboard.
    pub(super) fn text_key(&mut self, key: Key) {
        self.edit_text(|line| line.key(key));
    }

    /// An edit of whichever text field is open.
    pub(super) fn edit_text(&mut self, edit: impl FnOnce(&mut LineEdit) -> LineKey) {
        self.message = None;
        if let Some(line) = &mut self.filter_prompt {
            let done = edit(line);
            return self.filter_line(done);
        }
        match &mut self.overlay {
            Some(Overlay::Search(overlay)) => {
                let done = edit(&mut overlay.line);
                self.search_line(done);
            }
            _ => {
                let Some(find) = &mut self.find else { return };
                let done = edit(&mut find.line);
                self.find_line(done);
            }
        }
    }

    pub(super) fn open_search(&mut self) {
        self.overlay = Some(Overlay::Search(SearchOverlay::default()));
        self.out.jobs.push(Job::Rank(String::new()));
        self.start_indexing();
    }

    fn search_line(&mut self, done: LineKey) {
        use KeyCodeOrd::{Char, Named as N};
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        match done {
            LineKey::Changed => self.ask_for_hits(),
            LineKey::Enter => {
                let chosen = overlay.hits.get(overlay.selected).map(|h| h.index);
                let query = std::mem::take(&mut overlay.line.text);
                let mode = overlay.mode;
                self.overlay = None;
                if !query.is_empty() {
                    self.state.remember_query(&query, self.now);
                    self.saving.changed();
                }
                if let Some(index) = chosen {
                    self.open_article(index);
                    if mode == FindMode::Text {
                        self.find_text_hit(&query);
                    }
                }
            }
            LineKey::Cancel => {
                // The list was never moved: closing restores it.
                self.overlay = None;
            }
            LineKey::Other(key) => match (key.code, key.ctrl, key.alt) {
                (N(Named::Tab), ..) => return self.switch_mode(),
                (Char('p'), false, true) => return self.recall(true),
                (Char('n'), false, true) => return self.recall(false),
                (N(Named::Up), ..) if overlay.selected == 0 => return self.recall(true),
                (N(Named::Down), ..) | (Char('n' | 'j'), true, _) => overlay.move_by(1, true),
                (N(Named::Up), ..) | (Char('p' | 'k'), true, _) => overlay.move_by(1, false),
                (N(Named::PageDown), ..) => overlay.move_by(10, true),
                (N(Named::PageUp), ..) => overlay.move_by(10, false),
                _ => {}
            },
            LineKey::Moved => {}
        }
        self.settle();
    }

    /// Shows an older (or newer) remembered query on the line, as a shell's
    /// history does; past the newest, the line is empty again.
    fn recall(&mut self, older: bool) {
        let queries = self.state.queries();
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        let next = match (overlay.recalled, older) {
            (None, true) => Some(0),
            (None, false) => return,
            (Some(n), true) => Some((n + 1).min(queries.len().saturating_sub(1))),
            (Some(0), false) => None,
            (Some(n), false) => Some(n - 1),
        };
        let Some(text) = next.map_or(Some(""), |n| {
            queries.iter().rev().nth(n).map(String::as_str)
        }) else {
            return;
        };
        overlay.recalled = next;
        overlay.line = LineEdit::default();
        overlay.line.insert(text);
        self.search_line(LineKey::Changed);
    }

    /// Results from the ranking worker; stale ones (for another query, or
    /// after the overlay closed) are dropped. A new query selects its best hit.
    pub(super) fn search_results(&mut self, result: SearchResult) {
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        if result.query != overlay.line.text || overlay.mode != FindMode::Titles {
            return;
        }
        overlay.hits = result.hits;
        overlay.complete = result.complete;
        overlay.selected = 0;
        self.settle();
    }

    /// Works out the highlights of the rows on screen that lack them.
    /// Titles and queries are cut to what ranking matches
    /// ([`search::MATCH_CHARS`]), so a row costs a bounded time and memory
    /// whatever the title.
    pub(super) fn settle_highlights(&mut self) {
        let rows = Finder::new(self.area).result_rows();
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        let query = search::matched_part(&overlay.line.text, search::MATCH_QUERY_CHARS);
        if query.is_empty() {
            return;
        }
        let rows = rows / overlay.rows_per_hit();
        let top = overlay.top(rows);
        let parsed =
            (overlay.mode == FindMode::Text).then(|| search::text::TextQuery::parse(query));
        for hit in overlay.hits.iter().skip(top).take(rows) {
            let title = self.corpus.head(hit.index).title;
            overlay.highlights.entry(hit.index).or_insert_with(|| {
                let title = search::matched_part(title, search::MATCH_CHARS);
                match &parsed {
                    Some(q) => text::title_positions(title, q),
                    None => search::positions(title, query),
                }
            });
        }
    }
}
