//! The list: which articles it shows (the view), in what order (the
//! sort), and moving through it as a news reader does: to the next unread
//! article, or marking the whole view read.

use std::cmp::Reverse;

use rayon::slice::ParallelSliceMut;

use super::App;
use crate::article::Article;
use crate::geometry::Focus;
use crate::state::{Sort, View};

impl App {
    /// Builds the rows again for the view and the sort; the selected
    /// article stays selected when it is still in the list.
    pub(super) fn relist(&mut self) {
        let selected = self.selected_article();
        let articles = &self.corpus.articles;
        let mut rows: Vec<usize> = match self.view {
            View::All => (0..articles.len()).collect(),
            view => self
                .state
                .filter(view, articles.iter().map(|a| a.id.as_str())),
        };
        if !self.filter.is_empty() {
            rows.retain(|&i| self.filter.admits(i, &articles[i], &self.state));
        }
        match self.sort {
            Sort::Corpus => {}
            Sort::Newest => by_date(&mut rows, articles, Reverse),
            Sort::Oldest => by_date(&mut rows, articles, |date| date),
            Sort::Title => rows.sort_by_cached_key(|&i| articles[i].title.to_lowercase()),
            // Articles without a section after the rest.
            Sort::Section => {
                rows.sort_by(|&a, &b| section_key(&articles[a]).cmp(&section_key(&articles[b])))
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
        let unread = |i: &usize| !self.state.is_read(&self.corpus.articles[self.rows[*i]].id);
        let Some(row) = (1..=n).map(|k| (self.selected + k) % n).find(unread) else {
            self.message = Some("no unread articles".to_owned());
            return;
        };
        self.focus = Focus::Reader;
        self.select(row);
    }

    /// Marks every article of the view read, as one step to undo.
    pub(super) fn mark_all_read(&mut self) {
        let articles = &self.corpus.articles;
        let ids = self.rows.iter().map(|&i| articles[i].id.as_str());
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

fn section_key(a: &Article) -> (bool, &str, Reverse<Option<i64>>) {
    (a.section.is_empty(), &a.section, Reverse(a.date))
}

/// Sorts `rows` by the key `of` gives each date, undated articles last,
/// ties in corpus order. The keys are gathered first and sorted with the
/// rows, on every core: comparing through the articles missed the cache at every step
/// (a third of a million-article start).
fn by_date<K: Ord + Send>(rows: &mut Vec<usize>, articles: &[Article], of: impl Fn(i64) -> K) {
    let mut keyed: Vec<(bool, Option<K>, usize)> = rows
        .iter()
        .map(|&i| match articles[i].date {
            Some(date) => (false, Some(of(date)), i),
            None => (true, None, i),
        })
        .collect();
    keyed.par_sort_unstable();
    rows.clear();
    rows.extend(keyed.into_iter().map(|(_, _, i)| i));
}
