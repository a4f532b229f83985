//! The reader's work on the feeds' archive, for the workers: a fetch of
//! every subscription (`r`, and the refreshes), run as `byline fetch`
//! runs it, and the full text of one item (`F`). Here rather than in `main.rs` so that the headless tests run
//! the very same code against their local servers.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::{Fetcher, FullTexter};
use crate::app::Fetched;
use crate::corpus::LoadOptions;
use crate::feeds::Subscriptions;
use crate::feeds::archive::Archive;
use crate::fetch;

/// Where the subscriptions and the archive are.
#[derive(Debug, Clone)]
pub struct ArchivePaths {
    pub feeds_file: PathBuf,
    pub archive_dir: PathBuf,
}

/// What `r` runs: the fetch `byline fetch` runs, telling the loop how far
/// it got. The time is read here, at the edge, never in the app.
pub fn archive_fetcher(paths: ArchivePaths) -> Fetcher {
    archive_fetcher_at(paths, Box::new(|| chrono::Utc::now().timestamp()))
}

/// Unix seconds, from the system clock or a test's.
pub type Clock = Box<dyn Fn() -> i64 + Send + Sync>;

/// [`archive_fetcher`] with the time each fetch starts from `clock`.
pub fn archive_fetcher_at(paths: ArchivePaths, clock: Clock) -> Fetcher {
    Box::new(move |tell| {
        let archive = Archive::new(&paths.archive_dir);
        let run = fetch::Run {
            feeds_file: &paths.feeds_file,
            archive: &archive,
            names: &[],
            // Another fetch under way: say so rather than wait.
            lock_wait: Duration::ZERO,
            now: clock(),
        };
        let progress = |p: fetch::Progress| {
            if let fetch::Progress::Finished { done, total, .. } = p {
                tell(done, total);
            }
        };
        let cancel = AtomicBool::new(false);
        let summary =
            fetch::fetch_subscribed(run, &|_| {}, &cancel, &progress).map_err(|e| e.to_string())?;
        Ok(Fetched {
            summary: summary.line(),
            failures: summary.failure_lines(),
            changed: summary.changed(),
        })
    })
}

/// What `F` runs: traces the article back to its archived item, fetches
/// the item's page (a local address too: the user asked for this one),
/// and keeps its article beside the summary. `options` clean it as the
/// loader cleans the rest (the configured boilerplate).
pub fn archive_full_texter(paths: ArchivePaths, options: LoadOptions) -> FullTexter {
    Box::new(move |id| {
        let subs = Subscriptions::load(&paths.feeds_file).map_err(|e| e.to_string())?;
        let archive = Archive::new(&paths.archive_dir);
        let found = archive.locate(&subs, id).map_err(|e| e.to_string())?;
        let link = found.item.url.ok_or("the item has no link")?;
        let client = fetch::Client::new(&fetch::FetchOptions::from_settings(&subs.fetch));
        let text = fetch::fetch_full_text(&link, &client, &options).map_err(|e| e.to_string())?;
        archive
            .store_full_text(&found.feed_url, &found.item.id, &text)
            .map_err(|e| e.to_string())?;
        Ok(text.split_whitespace().count())
    })
}
