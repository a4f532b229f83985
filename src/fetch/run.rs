//! A whole fetch as `byline fetch` and the reader both run it: read the
//! subscriptions, take the archive's fetch lock, fetch, and point moved
//! feeds at their new URLs in `feeds.toml`.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::{FetchOptions, Progress, Summary, fetch_all};
use crate::feeds::archive::{Archive, ArchiveError};
use crate::feeds::{FeedsError, ListError, Subscriptions};
use crate::state::lock::Holder;

/// Why a fetch did not run, or could not record a move.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Feeds(#[from] FeedsError),
    #[error(transparent)]
    List(#[from] ListError),
    #[error("no feeds subscribed; `byline feeds add URL` or `byline feeds import FILE.opml`")]
    NoFeeds,
    #[error("{holder} is already fetching into {dir}")]
    Busy { holder: Holder, dir: String },
    #[error(transparent)]
    Archive(ArchiveError),
}

/// What to fetch and how.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub feeds_file: &'a Path,
    pub archive: &'a Archive,
    /// Names or URLs; empty: every feed.
    pub names: &'a [String],
    /// How long to wait for another fetch to end; zero: not at all.
    pub lock_wait: Duration,
    /// Unix seconds now.
    pub now: i64,
}

/// Runs a fetch. `adjust` changes the options `feeds.toml` gives (the
/// command line's flags); `progress` and `cancel` as for [`fetch_all`].
/// Moved feeds are already moved in `feeds.toml` when this returns; the
/// summary's [`Summary::moves`] says which, for telling the user.
pub fn fetch_subscribed(
    run: Run,
    adjust: &dyn Fn(&mut FetchOptions),
    cancel: &AtomicBool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary, RunError> {
    let subs = Subscriptions::load(run.feeds_file)?;
    if subs.feeds.is_empty() {
        return Err(RunError::NoFeeds);
    }
    let selected = subs.select(run.names)?;
    let mut options = FetchOptions::from_settings(&subs.fetch);
    adjust(&mut options);
    let _lock = match run.archive.lock_fetch(run.lock_wait) {
        Err(ArchiveError::Busy(holder)) => {
            let dir = run.archive.dir().display().to_string();
            return Err(RunError::Busy { holder, dir });
        }
        other => other.map_err(RunError::Archive)?,
    };
    let summary = fetch_all(&selected, run.archive, &options, run.now, cancel, progress);
    if summary.moves().next().is_some() {
        // Read again: the list may have been edited while the fetch ran.
        let mut subs = Subscriptions::load(run.feeds_file)?;
        for (from, to) in summary.moves() {
            subs.move_url(from, to);
        }
        subs.save(run.feeds_file)?;
    }
    Ok(summary)
}
