//! The list: which articles it shows (the view), in what order (the
//! sort), and moving through it as a news reader does: to the next unread
//! article, or marking the whole view read.

use std::cmp::Reverse;

use rayon::prelude::*;

use super::App;
use crate::article::Head;
use crate::corpus::Corpus;
use crate::geometry::Focus;
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
            Sort::Newest => by_date(&mut rows, corpus, true),
            Sort::Oldest => by_date(&mut rows, corpus, false),
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

/// Sorts `rows` by date, newest or oldest first, undated articles last,
/// ties in corpus order. Each row's key is gathered first, with the row,
/// into one number, and those are sorted on every core: comparing through
/// the articles missed the cache at every step (a third of a
/// million-article start), and one number compares at once.
fn by_date(rows: &mut [usize], corpus: &Corpus, newest: bool) {
    let mut keyed: Vec<u128> = rows
        .iter()
        .map(|&i| date_key(corpus.date(i), newest) | i as u128)
        .collect();
    keyed.par_sort_unstable();
    for (row, key) in rows.iter_mut().zip(keyed) {
        *row = (key & ROW_BITS) as usize;
    }
}

/// The low 63 bits of a key: the row (a Vec holds fewer than 2^63).
const ROW_BITS: u128 = (1 << 63) - 1;

/// A date as the high bits of a key that sorts as `by_date` wants: no date
/// sets the top bit, after every date; then the date, its sign bit flipped
/// to keep an i64's order as a u64, all bits flipped for newest first.
fn date_key(date: Option<i64>, newest: bool) -> u128 {
    let Some(date) = date else {
        return 1 << 127;
    };
    let key = (date as u64) ^ (1 << 63);
    u128::from(if newest { !key } else { key }) << 63
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use proptest::prelude::*;

    use super::*;
    use crate::article::Article;

    proptest! {
        #[test]
        fn dates_sort_as_a_stable_sort_by_date_does(
            dates in proptest::collection::vec(
                proptest::option::of(prop_oneof![any::<i64>(), -3i64..3]),
                0..300,
            ),
            newest: bool,
        ) {
            let articles = dates
                .iter()
                .map(|&date| Article { date, ..Article::default() })
                .collect();
            let corpus = Corpus { articles, ..Corpus::default() };
            let mut rows: Vec<usize> = (0..dates.len()).rev().step_by(2).collect();
            let mut want = rows.clone();
            // Stable: ties keep corpus order once the rows are in it.
            want.sort_unstable();
            want.sort_by(|&a, &b| match (dates[a], dates[b]) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) if newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
            });
            by_date(&mut rows, &corpus, newest);
            prop_assert_eq!(rows, want);
        }
    }
}
