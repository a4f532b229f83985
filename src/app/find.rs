//! Finding text in the open article: `/` opens a prompt in the status bar,
//! every hit is highlighted as you type and the first one after where you
//! were is scrolled into view; `n`/`N` go to the next and previous hit,
//! wrapping; Esc clears it.

use super::App;
use super::line_edit::{LineEdit, LineKey};
use crate::keymap::Key;
use crate::search::{ArticleHit, find_in_layout, next_hit, previous_hit};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Find {
    pub line: LineEdit,
    /// The prompt has the keyboard.
    pub editing: bool,
    pub hits: Vec<ArticleHit>,
    /// Index into `hits` of the hit last moved to.
    pub current: Option<usize>,
    /// Where the reader was when the prompt opened, to go back on Esc.
    origin: usize,
}

impl App {
    pub(super) fn open_find(&mut self) {
        self.find = Some(Find {
            editing: true,
            origin: self.reader.top,
            ..Find::default()
        });
    }

    pub(super) fn find_key(&mut self, key: Key) {
        let Some(find) = &mut self.find else { return };
        match find.line.key(key) {
            LineKey::Changed => {
                find.hits = find_in_layout(&self.reader.layout, &find.line.text);
                let first = next_hit(&find.hits, find.origin.saturating_sub(1));
                match first {
                    Some(i) => self.show_hit(i),
                    None => self.reader.top = find.origin,
                }
            }
            LineKey::Enter => {
                find.editing = false;
                if find.hits.is_empty() {
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

    /// `n` and `N`: the next or previous line with a hit, wrapping around.
    pub(super) fn find_next(&mut self, forward: bool) {
        let Some(find) = &self.find else {
            let key = self.config.keymap.key_name(crate::action::Action::Find);
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
        let Some(find) = &mut self.find else { return };
        find.current = Some(i);
        self.reader.top = find.hits[i].line.saturating_sub(self.page() / 3);
    }

    /// The reader was laid out again: hits move with the new lines, or go
    /// when the article changed.
    pub(super) fn refresh_find(&mut self, article_changed: bool) {
        if article_changed {
            self.find = None;
        } else if let Some(find) = &mut self.find {
            find.hits = find_in_layout(&self.reader.layout, &find.line.text);
            find.current = None;
        }
    }
}
