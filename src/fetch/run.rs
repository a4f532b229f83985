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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::test_server::{Reply, Server};

    /// The shape of the reader's fetch job (main's `Fetcher`): done of
    /// total as feeds end, then a line, the failures and whether to reload.
    fn as_the_reader_runs_it(
        feeds_file: &Path,
        archive: &Archive,
        tell: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(String, Vec<String>, bool), String> {
        let run = Run {
            feeds_file,
            archive,
            names: &[],
            lock_wait: Duration::ZERO,
            now: 1,
        };
        let progress = |p: Progress| {
            if let Progress::Finished { done, total, .. } = p {
                tell(done, total);
            }
        };
        let summary = fetch_subscribed(run, &|_| {}, &AtomicBool::new(false), &progress)
            .map_err(|e| e.to_string())?;
        Ok((summary.line(), summary.failure_lines(), summary.changed()))
    }

    #[test]
    fn a_whole_fetch_as_the_reader_runs_it() {
        let server = Server::start(|r| match r.path.as_str() {
            "/ok" => Reply::ok(crate::fetch::tests::rss(&[("a", "A")])),
            _ => Reply::status(404),
        });
        let dir = tempfile::tempdir().unwrap();
        let (file, archive) = (
            dir.path().join("feeds.toml"),
            Archive::new(dir.path().join("a")),
        );
        let none = as_the_reader_runs_it(&file, &archive, &|_, _| {});
        assert_eq!(none.unwrap_err(), RunError::NoFeeds.to_string());
        let mut subs = Subscriptions::default();
        for path in ["/ok", "/gone"] {
            subs.add(crate::feeds::Subscription::new(&server.url(path)))
                .unwrap();
        }
        subs.save(&file).unwrap();
        let told = std::sync::Mutex::new(Vec::new());
        let tell = |done, total| told.lock().unwrap().push((done, total));
        let (line, failures, changed) = as_the_reader_runs_it(&file, &archive, &tell).unwrap();
        assert_eq!(line, "2 feeds: 1 new, 1 failed");
        assert_eq!(failures, [format!("{}: HTTP 404", subs.feeds[1].label())]);
        assert!(changed);
        let mut told = told.into_inner().unwrap();
        told.sort_unstable();
        assert_eq!(told, [(1, 2), (2, 2)]);
        let held = archive.lock_fetch(Duration::ZERO).unwrap();
        let busy = as_the_reader_runs_it(&file, &archive, &|_, _| {}).unwrap_err();
        assert!(busy.contains("is already fetching into"), "{busy}");
        drop(held);
    }
}
