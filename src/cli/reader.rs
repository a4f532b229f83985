//! How the reader opens its corpus: from the listing the last load left,
//! when there is one, so that the first frame waits for no body; and how
//! it loads the whole corpus behind that, and again on `R`, leaving a
//! listing for the next start.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::commands::{open_corpus, paths};
use super::{Context, CorpusArgs};
use crate::corpus::listing::{self, SETTLE};
use crate::corpus::{Changes, Corpus, LoadError};

/// The corpus the reader opens with: made from the listing of the last
/// load, its bodies still to be read, when there is one; else loaded.
pub fn open_for_reader(args: &CorpusArgs, context: &Context) -> Result<Arc<Corpus>, LoadError> {
    let (paths, options) = (paths(args, context), &context.options);
    // A path that is gone is an error, as without a listing: not a list
    // of what it held.
    let listed = match &context.cache_dir {
        Some(dir) if !paths.is_empty() && paths.iter().all(|p| p.exists()) => {
            listing::latest(paths, options, dir)
        }
        _ => None,
    };
    if let Some(listing) = listed {
        return Ok(Arc::new(Corpus::from_listing(listing, options)));
    }
    let started = SystemTime::now();
    let corpus = Arc::new(open_corpus(args, context)?.0);
    if !paths.is_empty() {
        keep_listing(Arc::clone(&corpus), context, started);
    }
    Ok(corpus)
}

/// What loads the reader's corpus in the background: behind a corpus made
/// from its listing, on `R`, and when the watcher saw files change (then
/// only what is at the paths it names is looked at). It tells how far it
/// got in bytes (of as many as the last load had), and leaves the listing
/// of what it loaded.
pub fn loader(
    args: &CorpusArgs,
    context: &Context,
    bytes: u64,
) -> impl Fn(&Corpus, &Changes, &(dyn Fn(f32) + Sync)) -> Result<Arc<Corpus>, String> + Send + use<>
{
    let (args, context) = (args.clone(), context.clone());
    let expected = AtomicU64::new(bytes);
    move |before, changes, progress| {
        let started = SystemTime::now();
        let paths = paths(&args, &context);
        let total = expected.load(Ordering::Relaxed).max(1);
        let tell = |done: u64| progress((done as f32 / total as f32).min(0.99));
        // A corpus loaded from files knows their stats: only what changed
        // is read again. One made from a listing (or the seeds) does not.
        let refresh = !paths.is_empty() && !before.sources.files.is_empty();
        let corpus = match paths.is_empty() {
            true => Corpus::seeds(&context.options),
            false if refresh && !changes.is_everything() => before
                .refresh_changed(changes, &context.options)
                .map_err(|e| e.to_string())?,
            false if refresh => before
                .refresh(&context.options)
                .map_err(|e| e.to_string())?,
            false => {
                Corpus::load_telling(paths, &context.options, &tell).map_err(|e| e.to_string())?
            }
        };
        expected.store(corpus.report.bytes, Ordering::Relaxed);
        let corpus = Arc::new(corpus);
        // The watcher's reloads come within moments of a change: a listing
        // would not count on a file changed so lately (see `SETTLE`), and
        // finding that out looks at every file again.
        if !paths.is_empty() && changes.is_everything() {
            keep_listing(Arc::clone(&corpus), &context, started);
        }
        Ok(corpus)
    }
}

/// Writes the listing of `corpus` on a thread of its own: the next start
/// opens from it, and the reader does not wait for the files' times.
fn keep_listing(corpus: Arc<Corpus>, context: &Context, loaded_at: SystemTime) {
    let Some(dir) = context.cache_dir.clone() else {
        return;
    };
    let options = context.options.clone();
    let _ = std::thread::Builder::new()
        .name("byline-listing".into())
        .spawn(move || listing::store(&corpus, &options, &dir, SETTLE, loaded_at));
}
