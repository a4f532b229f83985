//! Reading state: which articles are read or starred, where each was left,
//! and which was open last. [`Store`] keeps it on disk, one file per corpus.
//!
//! Every value carries the [`Stamp`] of its last change, so two copies (two
//! byline instances on one corpus) merge field by field: the newest wins, and
//! nobody's marks are lost. Stamps are always passed in: only the store
//! reads a clock, to bound its wait for a lock and to name a file moved
//! aside.
//!
//! The store never loses what it cannot understand or cannot lock: see
//! [`Store::load`] (the reader's, which may turn the store read-only) and
//! [`Store::load_read_only`] (the commands', which changes nothing).

mod format;
pub(crate) mod lock;
mod session;
mod store;
mod view;
mod warning;

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use format::VERSION;
pub use session::Session;
pub use store::{LOCK_WAIT, Loaded, Store};
pub use view::{Sort, View};
pub use warning::{Holder, StateError, StateWarning};

/// A moment in milliseconds since the Unix epoch, as the caller's clock says.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Stamp(pub u64);

impl Stamp {
    /// Reads the system clock: for the edge of the program, never the logic.
    pub fn now() -> Stamp {
        Stamp::from(SystemTime::now())
    }
}

impl From<SystemTime> for Stamp {
    fn from(time: SystemTime) -> Stamp {
        let millis = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        Stamp(u64::try_from(millis).unwrap_or(u64::MAX))
    }
}

/// A value and the stamp of its last change, stored as `[value, stamp]`.
/// Stamp 0 means "never set" and is not written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Stamped<T>(T, Stamp);

impl<T: Ord + Clone> Stamped<T> {
    fn is_unset(&self) -> bool {
        self.1 == Stamp(0)
    }

    /// Keeps the newer of the two. On equal stamps the larger value wins, so
    /// merging gives the same result in either order.
    fn merge(&mut self, other: &Stamped<T>) {
        if (other.1, &other.0) > (self.1, &self.0) {
            *self = other.clone();
        }
    }
}

/// What is kept about one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct Entry {
    #[serde(skip_serializing_if = "Stamped::is_unset")]
    read: Stamped<bool>,
    #[serde(skip_serializing_if = "Stamped::is_unset")]
    starred: Stamped<bool>,
    #[serde(skip_serializing_if = "Stamped::is_unset")]
    position: Stamped<usize>,
}

impl Entry {
    fn merge(&mut self, other: &Entry) {
        self.read.merge(&other.read);
        self.starred.merge(&other.starred);
        self.position.merge(&other.position);
    }
}

/// A mark the user can toggle, and undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Read,
    Star,
}

/// What [`ReadingState::undo`] put back: `mark` on article `id` is `value`
/// again, and on `count - 1` more articles when a step marked several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub id: String,
    pub mark: Mark,
    pub value: bool,
    pub count: usize,
}

/// One step to undo: every article it changed, and what each was before.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Undo {
    mark: Mark,
    was: Vec<(String, bool)>,
}

/// Undo goes back this many marks; older ones are forgotten.
const UNDO_DEPTH: usize = 256;

/// The reading state of one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    #[serde(default)]
    last_open: Stamped<Option<String>>,
    /// The largest stamp seen: later changes get a larger one even when the
    /// clock passed in runs behind another instance's or goes backwards.
    #[serde(default)]
    clock: Stamp,
    /// Sorted, so the file diffs and compresses well.
    #[serde(default)]
    articles: BTreeMap<String, Entry>,
    /// Where the reader was left: view, order, focus, selection.
    #[serde(default, skip_serializing_if = "Stamped::is_unset")]
    session: Stamped<Session>,
    /// The finder's last queries, newest last.
    #[serde(default, skip_serializing_if = "Stamped::is_unset")]
    queries: Stamped<Vec<String>>,
    /// The latest first-fetch time (Unix seconds) of an archive item the
    /// reader has listed: items fetched after it are new next time.
    #[serde(default, skip_serializing_if = "Stamped::is_unset")]
    listed_until: Stamped<i64>,
    #[serde(skip)]
    undo: Vec<Undo>,
}

impl ReadingState {
    /// A stamp for a change made at `now`, later than every stamp seen.
    fn tick(&mut self, now: Stamp) -> Stamp {
        self.clock = now.max(Stamp(self.clock.0.saturating_add(1)));
        self.clock
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.articles.get(id)
    }

    fn entry_mut(&mut self, id: &str) -> &mut Entry {
        self.articles.entry(id.to_owned()).or_default()
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.entry(id).is_some_and(|e| e.read.0)
    }

    /// Whether the user marked the article unread (rather than never
    /// having read it): nothing should mark it read behind their back.
    pub fn marked_unread(&self, id: &str) -> bool {
        self.entry(id)
            .is_some_and(|e| !e.read.0 && !e.read.is_unset())
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.entry(id).is_some_and(|e| e.starred.0)
    }

    /// The block (paragraph) the reader was at; 0 for an article never opened.
    pub fn position(&self, id: &str) -> usize {
        self.entry(id).map_or(0, |e| e.position.0)
    }

    /// The article open when byline last ran on this corpus.
    pub fn last_open(&self) -> Option<&str> {
        self.last_open.0.as_deref()
    }

    /// How many articles have anything saved.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    fn set_mark(&mut self, id: &str, mark: Mark, value: bool, now: Stamp) {
        let stamp = self.tick(now);
        let entry = self.entry_mut(id);
        let field = match mark {
            Mark::Read => &mut entry.read,
            Mark::Star => &mut entry.starred,
        };
        *field = Stamped(value, stamp);
    }

    fn toggle(&mut self, id: &str, mark: Mark, now: Stamp) -> bool {
        let was = match mark {
            Mark::Read => self.is_read(id),
            Mark::Star => self.is_starred(id),
        };
        self.set_mark(id, mark, !was, now);
        self.push_undo(Undo {
            mark,
            was: vec![(id.to_owned(), was)],
        });
        !was
    }

    fn push_undo(&mut self, step: Undo) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
    }

    /// Marks every unread article of `ids` read, as one step to undo;
    /// returns how many were unread.
    pub fn mark_all_read<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
        now: Stamp,
    ) -> usize {
        let was: Vec<(String, bool)> = ids
            .into_iter()
            .filter(|id| !self.is_read(id))
            .map(|id| (id.to_owned(), false))
            .collect();
        for (id, _) in &was {
            self.set_mark(id, Mark::Read, true, now);
        }
        let count = was.len();
        if count > 0 {
            self.push_undo(Undo {
                mark: Mark::Read,
                was,
            });
        }
        count
    }

    /// Marks an article read, as opening it does. Not undoable: undo is for
    /// what the user toggled. Returns whether anything changed.
    pub fn mark_read(&mut self, id: &str, now: Stamp) -> bool {
        if self.is_read(id) {
            return false;
        }
        self.set_mark(id, Mark::Read, true, now);
        true
    }

    /// Flips read/unread; returns the new value.
    pub fn toggle_read(&mut self, id: &str, now: Stamp) -> bool {
        self.toggle(id, Mark::Read, now)
    }

    /// Flips the star; returns the new value.
    pub fn toggle_star(&mut self, id: &str, now: Stamp) -> bool {
        self.toggle(id, Mark::Star, now)
    }

    /// Puts the last toggle back; says which, for the status bar.
    pub fn undo(&mut self, now: Stamp) -> Option<Undone> {
        let Undo { mark, was } = self.undo.pop()?;
        // A new stamp, not the old one: the undo must win over the toggle
        // already saved to disk.
        for (id, value) in &was {
            self.set_mark(id, mark, *value, now);
        }
        let (id, value) = was.first().cloned()?;
        Some(Undone {
            id,
            mark,
            value,
            count: was.len(),
        })
    }

    /// Remembers where the reader is; unchanged positions are not restamped.
    pub fn set_position(&mut self, id: &str, block: usize, now: Stamp) {
        if self.position(id) != block {
            let stamp = self.tick(now);
            self.entry_mut(id).position = Stamped(block, stamp);
        }
    }

    pub fn set_last_open(&mut self, id: &str, now: Stamp) {
        if self.last_open() != Some(id) {
            let stamp = self.tick(now);
            self.last_open = Stamped(Some(id.to_owned()), stamp);
        }
    }

    /// Whether `view` shows the article `id`.
    pub fn shows(&self, view: View, id: &str) -> bool {
        match view {
            View::All => true,
            View::Unread => !self.is_read(id),
            View::Starred => self.is_starred(id),
        }
    }

    /// The indices, among `count` articles whose ids `id` gives, of those
    /// `view` shows, in order.
    pub fn filter<'a>(
        &self,
        view: View,
        count: usize,
        id: impl Fn(usize) -> &'a str + Sync,
    ) -> Vec<usize> {
        match view {
            View::All => (0..count).collect(),
            View::Unread => self.with_mark(Mark::Read, false, count, id),
            View::Starred => self.with_mark(Mark::Star, true, count, id),
        }
    }

    /// How many of `count` articles, whose ids `id` gives, are unread.
    pub fn unread_count<'a>(&self, count: usize, id: impl Fn(usize) -> &'a str + Sync) -> usize {
        count - self.with_mark(Mark::Read, true, count, id).len()
    }

    /// The indices, among `count` articles whose ids `id` gives, of those
    /// whose `mark` is `set`, in order, on every core. The articles are
    /// looked up in a set of the marked ids, not in the tree: a million
    /// lookups in the tree took a fifth of a second at the start, in the
    /// set a hundredth.
    fn with_mark<'a>(
        &self,
        mark: Mark,
        set: bool,
        count: usize,
        id: impl Fn(usize) -> &'a str + Sync,
    ) -> Vec<usize> {
        let marked: foldhash::HashSet<&str> = (self.articles.iter())
            .filter(|(_, e)| match mark {
                Mark::Read => e.read.0,
                Mark::Star => e.starred.0,
            })
            .map(|(id, _)| id.as_str())
            .collect();
        if marked.is_empty() {
            return if set {
                Vec::new()
            } else {
                (0..count).collect()
            };
        }
        (0..count)
            .into_par_iter()
            .with_min_len(4096)
            .filter(|&i| marked.contains(id(i)) == set)
            .collect()
    }

    /// Takes in another copy's changes: per article and per field, the newer
    /// stamp wins. The undo history stays this copy's own.
    pub fn merge(&mut self, other: &ReadingState) {
        self.clock = self.clock.max(other.clock);
        self.last_open.merge(&other.last_open);
        self.session.merge(&other.session);
        self.listed_until.merge(&other.listed_until);
        self.queries.merge(&other.queries);
        for (id, theirs) in &other.articles {
            match self.articles.get_mut(id) {
                Some(ours) => ours.merge(theirs),
                None => {
                    self.articles.insert(id.clone(), theirs.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
