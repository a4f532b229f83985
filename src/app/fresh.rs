//! The "new" mark: an archive item is new when the archive first fetched
//! it after the latest first-fetch time of any item listed before this
//! session began (kept with the reading state as `listed_until`). So the
//! items of every fetch since the last session, the reader's own `r` and
//! refreshes included, are marked until the next session, and marking
//! moves nothing in the list. Both times come from the archive's one
//! clock, never compared with the reader's; a first session (or a state
//! file from before the mark) marks only what its own fetches bring.

use super::App;
use crate::corpus::Corpus;

/// The latest first-fetch time of the corpus's archive items.
pub(super) fn newest_first_seen(corpus: &Corpus) -> Option<i64> {
    // A listing keeps no such times (see `Head::first_seen`).
    if corpus.is_partial() {
        return None;
    }
    corpus.articles.iter().filter_map(|a| a.first_seen).max()
}

impl App {
    /// Whether the article at corpus index `index` is new (see above).
    pub fn is_new(&self, index: usize) -> bool {
        let first_seen = self.corpus.head(index).first_seen;
        match (first_seen, self.new_after) {
            (Some(seen), Some(after)) => seen > after,
            // Nothing was listed before: every item came since.
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// New articles in the corpus.
    pub fn new_count(&self) -> usize {
        (0..self.corpus.len()).filter(|&i| self.is_new(i)).count()
    }

    /// The session starts from `listed_until` of the saved state.
    pub(super) fn start_new_marks(&mut self) {
        self.new_after = self
            .state
            .listed_until()
            .or_else(|| newest_first_seen(&self.corpus));
        self.note_listed();
    }

    /// Remembers, for the next session, what this one has listed.
    pub(super) fn note_listed(&mut self) {
        if let Some(newest) = newest_first_seen(&self.corpus)
            && self.state.set_listed_until(newest, self.now)
        {
            self.saving.changed();
        }
    }
}
