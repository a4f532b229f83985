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
            .is_none_or(|i| reader::inline(&self.corpus.articles[i]));
        let Some(find) = &mut self.find else { return };
        find.generation += 1;
        find.current = None;
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

    /// `n` and `N`: the next or previous line with a hit, wrapping around.
    pub(super) fn find_next(&mut self, forward: bool) {
        let Some(find) = &self.find else {
            let key = self.config.keymap.key_name(Action::Find);
            self.message = Some(format!("no search: {key} finds text in the article"));
            return;
        };
        let from = find.current.map_or(self.reader.top, |i| find.hits[i].line);
        let target = match forward {
            true => next_hit(&find.hits, from),
            false => previous_hit(&find.hits, from),
        };
        if let Some(i) = target {
            self.show_hit(i);
        }
    }

    /// Scrolls so the hit stands a third of the way down the page.
    fn show_hit(&mut self, i: usize) {
        let page = self.page();
        let Some(find) = &mut self.find else { return };
        find.current = Some(i);
        self.reader.top = find.hits[i].line.saturating_sub(page / 3);
    }

    /// The reader was laid out again: hits move with the new lines, or go
    /// when the article changed.
    pub(super) fn refresh_find(&mut self, article_changed: bool) {
        if article_changed {
            self.find = None;
        } else if self.find.is_some() {
            self.search_article(false);
        }
    }
}
