//! The list: which articles it shows (the view), in what order (the
//! sort), and moving through it as a news reader does: to the next unread
//! article, or marking the whole view read.

use std::cmp::Reverse;

use super::App;
use crate::article::Head;
use crate::geometry::Focus;
use crate::order::by_date;
use crate::state::{Sort, View};

impl App {
    /// Builds the rows again for the view and the sort; the selected
    /// article stays selected when it is still in the list.
    pub(super) fn relist(&mut self) {
        let selected = self.selected_article();
        let corpus = &*self.corpus;
        let mut rows = (self.state).filter(self.view, corpus.len(), |i| corpus.id(i));
        if !self.filter.is_empty() {
            rows.retain(|&i| self.filter.admits(i, &corpus.article(i), &self.state));
        }
        match self.sort {
            Sort::Corpus => {}
            Sort::Newest => match corpus.newest_first() {
                // Every article, in the order its listing kept.
                Some(order) if rows.len() == corpus.len() => {
                    rows = order.iter().map(|&i| i as usize).collect();
                }
                _ => by_date(&mut rows, |i| corpus.date(i), true),
            },
            Sort::Oldest => by_date(&mut rows, |i| corpus.date(i), false),
            Sort::Title => rows.sort_by_cached_key(|&i| corpus.head(i).title.to_lowercase()),
            // Articles without a section after the rest.
            Sort::Section => {
                rows.sort_by(|&a, &b| section_key(corpus.head(a)).cmp(&section_key(corpus.head(b))))
            }
        }
        self.rows = rows;
        let row = selected.and_then(|s| self.rows.iter().position(|&r| r == s));
        self.selected = row.unwrap_or(0);
    }

    /// Shows the next view (the status bar names it): all, unread,
    /// starred, then the saved views of config.toml in order. Switching
    /// views is not reading: the timer is not restarted.
    pub(super) fn cycle_view(&mut self) {
        let saved = self.config.views.len();
        (self.view, self.saved_view) = match (self.view, self.saved_view) {
            (_, Some(i)) if i + 1 < saved => (View::All, Some(i + 1)),
            (_, Some(_)) => (View::All, None),
            (View::Starred, None) if saved > 0 => (View::All, Some(0)),
            (view, None) => (view.cycle(), None),
        };
        self.combine_filters();
        self.relist();
        self.list_top = 0;
    }

    pub(super) fn cycle_sort(&mut self) {
        self.sort = self.sort.cycle();
        self.relist();
        self.list_top = 0;
    }

    /// Opens the next unread article after the selected row, wrapping
    /// around the list; says so when there is none.
    pub(super) fn next_unread(&mut self) {
        let n = self.rows.len();
        let unread = |i: &usize| !self.state.is_read(self.corpus.id(self.rows[*i]));
        let Some(row) = (1..=n).map(|k| (self.selected + k) % n).find(unread) else {
            self.message = Some("no unread articles".to_owned());
            return;
        };
        self.focus = Focus::Reader;
        self.select(row);
    }

    /// Marks every article of the view read, as one step to undo.
    pub(super) fn mark_all_read(&mut self) {
        let ids = self.rows.iter().map(|&i| self.corpus.id(i));
        let count = self.state.mark_all_read(ids, self.now);
        let key = self.config.keymap.key_name(crate::action::Action::Undo);
        self.message = Some(match count {
            0 => "nothing unread here".to_owned(),
            n => format!("{n} marked read ({key} undoes)"),
        });
        if count > 0 {
            self.state_changed();
        }
    }
}

fn section_key(head: Head<'_>) -> (bool, &str, Reverse<Option<i64>>) {
    (head.section.is_empty(), head.section, Reverse(head.date))
}
