//! A corpus's listing (ids, sections, dates and titles: what `byline
//! search` ranks and prints), kept on disk between runs. On an archive that
//! has not changed, a search then reads one file instead of parsing every
//! article again.
//!
//! A listing is found by a key holding everything a load depends on:
//! byline's version and build (its executable's size and time), the load
//! options, the paths as given, every walk warning, and for every file the
//! walk finds its path, kind, size, device, inode, and modification and
//! change times. Any difference is a miss: the corpus is loaded, and the
//! listing written again. A file changed in the last two seconds could
//! change again with the same times, and one that could not be read may be
//! readable by someone else or later: a load with either is not cached.
//! Listings are read only if this user owns them, whole (a checksum ends
//! them) and free of control characters; listings not rewritten for 30
//! days are deleted when another is written.

use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod codec;

use std::path::PathBuf as RootPath;

use super::walk::{self, Found};
use super::{Corpus, Input, LoadError, LoadOptions, LoadReport, roots_of};
use crate::order::by_date;
use crate::packed::{Packed, TitleIndex};
use codec::{encode, put_bytes, put_u64};

/// How long a file must have been left alone before a listing counts on it.
pub const SETTLE: Duration = Duration::from_secs(2);

/// What `byline search` needs of a corpus, by corpus index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub ids: Packed,
    pub sections: Packed,
    pub titles: TitleIndex,
    /// Every article, newest first (see [`by_date`]): a start from the
    /// listing lists them without sorting.
    pub newest: Vec<u32>,
    /// Which file each article is in (see [`Corpus::files`]).
    pub files: Vec<Input>,
    pub file_of: Vec<u32>,
    pub report: LoadReport,
    /// What names the corpus, for its reading state (see [`Corpus::roots`]).
    pub roots: Vec<String>,
    /// The paths as given, byte for byte (see [`Corpus::root_paths`]).
    pub root_paths: Vec<RootPath>,
    /// Read from the cache rather than loaded.
    pub cached: bool,
}

impl Listing {
    pub fn of(corpus: &Corpus) -> Self {
        let articles = &corpus.articles;
        Self {
            ids: Packed::from_strs(articles.iter().map(|a| a.id.as_str())),
            sections: Packed::from_strs(articles.iter().map(|a| a.section.as_str())),
            titles: TitleIndex::new(articles),
            newest: newest_first(corpus),
            // To be checked before they are read again: listed.
            files: corpus.files.iter().map(|f| f.relisted()).collect(),
            file_of: corpus.file_of.clone(),
            report: corpus.report.clone(),
            roots: corpus.roots.clone(),
            root_paths: corpus.root_paths.clone(),
            cached: false,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The indices of `corpus`'s articles, newest first.
fn newest_first(corpus: &Corpus) -> Vec<u32> {
    let mut rows: Vec<usize> = (0..corpus.len()).collect();
    by_date(&mut rows, |i| corpus.date(i), true);
    rows.into_iter().map(|i| i as u32).collect()
}

/// The listing of the corpus at `paths`: from the cache in `dir` when
/// nothing it depends on changed, else loaded and, when every file has been
/// left alone for `settle`, cached. A cache that cannot be read or written
/// only costs time: the corpus is loaded.
pub fn open(
    paths: &[PathBuf],
    options: &LoadOptions,
    dir: &Path,
    settle: Duration,
) -> Result<Listing, LoadError> {
    let head = head(paths, options);
    let file = dir.join(file_name(&head));
    let settled_before = SystemTime::now().checked_sub(settle);
    let (key, settled) = key(head, paths, settled_before)?;
    if let Some(listing) = read_own(&file, Some(&key)) {
        return Ok(Listing {
            roots: roots_of(paths),
            root_paths: paths.to_vec(),
            ..listing
        });
    }
    let listing = Listing::of(&Corpus::load(paths, options)?);
    if settled {
        keep(&listing, &file, &key, dir);
    }
    Ok(listing)
}

/// The listing last written for the corpus at `paths`, whether or not its
/// files have changed since: what the reader shows first, while it loads
/// the corpus (which corrects what has changed).
pub fn latest(paths: &[PathBuf], options: &LoadOptions, dir: &Path) -> Option<Listing> {
    let file = dir.join(file_name(&head(paths, options)));
    let listing = read_own(&file, None)?;
    Some(Listing {
        roots: roots_of(paths),
        root_paths: paths.to_vec(),
        ..listing
    })
}

/// Writes the listing of `corpus`, loaded from `paths` from `loaded_at`
/// on, for [`open`] and [`latest`] to find. Only a file left alone since
/// `settle` before the load began is counted on: one changed since could
/// hold other text than the corpus loaded from it.
pub fn store(
    corpus: &Corpus,
    options: &LoadOptions,
    dir: &Path,
    settle: Duration,
    loaded_at: SystemTime,
) -> Result<(), LoadError> {
    let paths = &corpus.root_paths;
    let head = head(paths, options);
    let file = dir.join(file_name(&head));
    let (key, settled) = key(head, paths, loaded_at.checked_sub(settle))?;
    if settled {
        keep(&Listing::of(corpus), &file, &key, dir);
    }
    Ok(())
}

/// Writes `listing` under `key`, unless what was loaded depends on more
/// than the key: a file that could not be read might be readable by
/// someone else, or next time.
fn keep(listing: &Listing, file: &Path, key: &[u8], dir: &Path) {
    if listing.report.unreadable() == 0 {
        // Best effort: a cache that cannot be written is not an error.
        let _ = write_atomically(file, &encode(listing, key));
        crate::files::prune(dir, b"listing-", KEEP);
    }
}

/// The listing in `file`, written under `key` (any, without one), if this
/// user owns it. One written by another (root, say, with this HOME) could
/// list titles of files this user cannot read.
fn read_own(file: &Path, key: Option<&[u8]>) -> Option<Listing> {
    let (file, size) = open_if_owned_by(file, rustix::process::geteuid().as_raw())?;
    codec::read(&file, size, key)
}

/// `file`, open, and its size, if it is a regular file `uid` owns (asked
/// of the file opened, not of its name; a FIFO there is not waited on):
/// apart from [`read_own`] so that a test can be another user without
/// being root.
fn open_if_owned_by(file: &Path, uid: u32) -> Option<(fs::File, u64)> {
    let (file, meta) = crate::files::open_regular(file).ok()?;
    (meta.uid() == uid).then_some((file, meta.len()))
}

/// Listings not rewritten for this long are deleted when another is
/// written, so that the cache does not grow without end as corpora come
/// and go. One still in use is only made again.
const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

/// Everything a load of `paths` depends on, as bytes: the `head` that
/// names the corpus, then its files. Also whether every file has been left
/// alone since `settled_before`.
fn key(
    mut key: Vec<u8>,
    paths: &[PathBuf],
    settled_before: Option<SystemTime>,
) -> Result<(Vec<u8>, bool), LoadError> {
    // A rebuilt byline can load differently under the same version number:
    // its own file says which build it is.
    match std::env::current_exe().and_then(fs::metadata) {
        Ok(exe) => put_times(&mut key, exe.len(), [(exe.mtime(), exe.mtime_nsec())]),
        Err(err) => put_bytes(&mut key, err.to_string().as_bytes()),
    }
    let settled_before = settled_before.unwrap_or(SystemTime::UNIX_EPOCH);
    let mut settled = true;
    for step in walk::walk(paths)? {
        match step.resolve() {
            None => {}
            Some(Found::Warning(warning)) => {
                key.push(b'w');
                put_bytes(&mut key, warning.to_string().as_bytes());
            }
            Some(Found::Input(input)) => {
                key.push(b'f');
                put_bytes(&mut key, input.path.as_os_str().as_bytes());
                key.push(input.kind as u8);
                match fs::metadata(&input.path) {
                    Ok(meta) => {
                        put_u64(&mut key, meta.dev());
                        put_u64(&mut key, meta.ino());
                        let times = [
                            (meta.mtime(), meta.mtime_nsec()),
                            (meta.ctime(), meta.ctime_nsec()),
                        ];
                        put_times(&mut key, meta.len(), times);
                        settled &= times.iter().all(|&t| system_time(t) < settled_before);
                    }
                    Err(err) => put_bytes(&mut key, err.to_string().as_bytes()),
                }
            }
        }
    }
    Ok((key, settled))
}

/// A file's size and times (seconds and nanoseconds since the epoch).
fn put_times<const N: usize>(key: &mut Vec<u8>, len: u64, times: [(i64, i64); N]) {
    put_u64(key, len);
    for (seconds, nanos) in times {
        put_u64(key, seconds as u64);
        put_u64(key, nanos as u64);
    }
}

fn system_time((seconds, nanos): (i64, i64)) -> SystemTime {
    let since = Duration::new(seconds.max(0) as u64, nanos.clamp(0, 999_999_999) as u32);
    SystemTime::UNIX_EPOCH
        .checked_add(since)
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// What names a corpus, before its files: byline's version, the options,
/// and the paths as given (with the folder they are relative to, if any is).
fn head(paths: &[PathBuf], options: &LoadOptions) -> Vec<u8> {
    let mut head = Vec::new();
    put_bytes(&mut head, env!("CARGO_PKG_VERSION").as_bytes());
    put_u64(&mut head, options.max_body as u64);
    let phrases: Vec<&[u8]> = options.boilerplate.phrases().collect();
    put_u64(&mut head, phrases.len() as u64);
    for phrase in phrases {
        put_bytes(&mut head, phrase);
    }
    let relative = paths.iter().any(|p| p.is_relative());
    let dir = relative.then(|| std::env::current_dir().unwrap_or_default());
    put_bytes(&mut head, dir.unwrap_or_default().as_os_str().as_bytes());
    put_u64(&mut head, paths.len() as u64);
    for path in paths {
        put_bytes(&mut head, path.as_os_str().as_bytes());
    }
    head
}

/// One file a corpus: its name is a hash of what names the corpus.
fn file_name(head: &[u8]) -> String {
    use std::hash::BuildHasher;
    let hash = foldhash::quality::FixedState::with_seed(0).hash_one(head);
    format!("listing-{hash:016x}")
}

/// Through the one helper every file byline replaces goes through: a
/// temporary file of its own (never a link planted at a guessable name),
/// synced, renamed, the folder synced.
fn write_atomically(file: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
    crate::files::write_atomically(file, bytes)
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
