//! Finding text in the open article: `/` opens a prompt in the status bar,
//! every hit is highlighted as you type and the first one after where you
//! were is scrolled into view; `n`/`N` go to the next and previous hit,
//! wrapping; Esc clears it.
//!
//! In an article of a usual size the hits are found at once; in a long one
//! a worker finds them ([`Job::Find`]), each key cancelling the search
//! before it, and the prompt says so until they come.

use super::line_edit::{LineEdit, LineKey};
use super::{App, Found, Job, reader};
use crate::action::Action;
use crate::search::{ArticleHit, find_in_layout, next_hit, previous_hit};

/// The last hit on the line of hit `i`.
fn last_on_line(hits: &[ArticleHit], i: usize) -> usize {
    let line = hits[i].line;
    hits.partition_point(|h| h.line <= line) - 1
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Find {
    pub line: LineEdit,
    /// The prompt has the keyboard.
    pub editing: bool,
    pub hits: Vec<ArticleHit>,
    /// Index into `hits` of the hit last moved to.
    pub current: Option<usize>,
    /// A worker is finding the query; `hits` are not its hits yet.
    pub searching: bool,
    /// Where the reader was when the prompt opened, to go back on Esc.
    origin: usize,
    /// Which find the hits to come belong to.
    generation: u64,
    /// The hits to come were asked for by typing: show the first one.
    jump: bool,
    /// The article is being laid out on a worker: find (and show the
    /// first hit, when this is set) once its layout comes.
    jump_on_layout: bool,
    /// Where the reader stood when the current hit was shown: once it has
    /// moved (a scroll, a jump), `n` and `N` go on from the screen, as in less.
    shown_at: Option<usize>,
}

impl App {
    pub(super) fn open_find(&mut self) {
        let generation = self.find.as_ref().map_or(0, |f| f.generation);
        self.find = Some(Find {
            editing: true,
            origin: self.reader.top,
            generation,
            ..Find::default()
        });
    }

    /// Starts a find for `query`, as if typed and entered, showing its
    /// first hit: how a full-text hit opens.
    pub(super) fn find_query(&mut self, query: &str) {
        self.open_find();
        let Some(find) = &mut self.find else { return };
        find.editing = false;
        find.origin = 0;
        find.line.insert(query);
        self.search_article(true);
    }

    pub(super) fn find_line(&mut self, done: LineKey) {
        let Some(find) = &mut self.find else { return };
        match done {
            LineKey::Changed => self.search_article(true),
            LineKey::Enter => {
                find.editing = false;
                if find.hits.is_empty() && !find.searching {
                    self.message = Some(format!("not found: {}", find.line.text));
                    self.find = None;
                }
            }
            LineKey::Cancel => {
                self.reader.top = find.origin;
                self.find = None;
            }
            LineKey::Moved | LineKey::Other(_) => {}
        }
        self.settle();
    }

    /// Finds the query in the article as laid out now: here, or on a
    /// worker for a long article. `jump` shows the first hit after where
    /// the prompt opened.
    fn search_article(&mut self, jump: bool) {
        let inline = self
            .reader
            .article
            .is_none_or(|i| reader::inline(&self.corpus.article(i)));
        let laying_out = self.reader.pending.is_some();
        let Some(find) = &mut self.find else { return };
        find.generation += 1;
        find.current = None;
        find.shown_at = None;
        if laying_out && !find.line.text.is_empty() {
            // The lines to search are not here yet: a full-text hit opening
            // a long article would find nothing and scroll nowhere.
            find.searching = true;
            find.jump_on_layout |= jump;
            return;
        }
        if inline || find.line.text.is_empty() {
            let hits = find_in_layout(&self.reader.layout, &find.line.text);
            let generation = find.generation;
            self.found_hits(hits, jump, generation);
            return;
        }
        find.searching = true;
        find.jump = jump;
        self.out.jobs.push(Job::Find {
            generation: find.generation,
            layout: std::sync::Arc::clone(&self.reader.layout),
            query: find.line.text.clone(),
        });
    }

    /// Hits from the worker, unless a newer find asked for others.
    pub(super) fn found(&mut self, found: Found) {
        let Some(find) = &self.find else { return };
        if found.generation != find.generation || !find.searching {
            return;
        }
        let jump = find.jump;
        self.found_hits(found.hits, jump, found.generation);
        self.settle();
    }

    fn found_hits(&mut self, hits: Vec<ArticleHit>, jump: bool, generation: u64) {
        let Some(find) = &mut self.find else { return };
        find.hits = hits;
        find.searching = false;
        find.generation = generation;
        if !jump {
            return;
        }
        match next_hit(&find.hits, find.origin.saturating_sub(1)) {
            Some(i) => self.show_hit(i),
            None => self.reader.top = find.origin,
        }
    }

    /// `n` and `N`: the next or previous hit, every one in turn, wrapping
    /// around; after the reader moved, the first hit from the top of the
    /// screen on (or the last one above it).
    pub(super) fn find_next(&mut self, forward: bool) {
        let Some(find) = &self.find else {
            let key = self.config.keymap.key_name(Action::Find);
            self.message = Some(format!("no search: {key} finds text in the article"));
            return;
        };
        let count = find.hits.len();
        if count == 0 {
            self.message = Some(format!("not found: {}", find.line.text));
            return;
        }
        let current = find
            .current
            .filter(|_| find.shown_at == Some(self.reader.top));
        let target = match (current, forward) {
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
            (None, true) => next_hit(&find.hits, self.reader.top.wrapping_sub(1)).unwrap_or(0),
            (None, false) => {
                previous_hit(&find.hits, self.reader.top).map_or(0, |i| last_on_line(&find.hits, i))
            }
        };
        self.show_hit(target);
    }

    /// Scrolls so the hit stands a third of the way down the page, unless it
    /// is on screen already.
    fn show_hit(&mut self, i: usize) {
        let page = self.page();
        let last_top = self.reader.layout.lines.len().saturating_sub(page);
        let Some(find) = &mut self.find else { return };
        find.current = Some(i);
        let line = find.hits[i].line;
        if !(self.reader.top..self.reader.top + page).contains(&line) {
            self.reader.top = line.saturating_sub(page / 3).min(last_top);
        }
        find.shown_at = Some(self.reader.top);
    }

    /// The reader was laid out again, or shows another article: the same
    /// query is found in its lines, as less keeps a search across files.
    pub(super) fn refresh_find(&mut self, article_changed: bool) {
        let Some(find) = &mut self.find else { return };
        if article_changed {
            find.editing = false;
            find.origin = 0;
            find.jump_on_layout = false;
        }
        let jump = std::mem::take(&mut find.jump_on_layout);
        self.search_article(jump);
    }
}
