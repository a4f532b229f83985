//! The archive: `$XDG_DATA_HOME/byline/feeds/`, one JSON Lines file of
//! items per feed (`<slug>-<hash>.jsonl`, named from the feed's URL, never
//! from anything the feed says), and beside each a hidden `.<name>.http.json`
//! with what the server said last (ETag, Last-Modified, when to come back).
//! Hidden files are skipped by the corpus loader, so the folder opens as a
//! corpus as it is.
//!
//! Every file is replaced whole through [`files::write_atomically`]: a fetch
//! killed at any moment leaves each one as it was or as it was meant to be.
//! `.fetch.lock` lets one fetch run at a time; `.write.lock` is held for
//! each read-change-write of a feed's file, so that storing a full text
//! from the reader while a fetch runs loses neither.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::item::{Fnv, Item};
use crate::files;
use crate::state::lock::{self, Holder, Lock};

/// Why the archive could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: line {line}: {message}", path.display())]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("the archive is busy: {0} is fetching into it")]
    Busy(Holder),
    #[error("no item {0:?} in that feed")]
    NoSuchItem(String),
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.to_owned(),
        source,
    }
}

/// What the server said last time, to ask politely next time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpCache {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Unix seconds before which the server asked not to be asked again
    /// (Retry-After), or a back-off after it was overloaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<i64>,
    /// 429s and 503s in a row, for the back-off.
    #[serde(skip_serializing_if = "is_zero")]
    pub refusals: u32,
    /// Unix seconds of the last fetch that brought a body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<i64>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The fetch lock, held until dropped.
#[derive(Debug)]
pub struct FetchLock(#[allow(dead_code)] Lock);

/// The archive folder. Nothing is created until something is written.
#[derive(Debug, Clone)]
pub struct Archive {
    dir: PathBuf,
}

/// The file name stem of a feed: a slug of its host and path for people,
/// a hash of the whole URL for uniqueness. A URL can only ever choose
/// letters, digits and `-` here.
pub fn stem(url: &str) -> String {
    let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
    let mut slug = String::new();
    for c in bare.chars() {
        if slug.len() >= 40 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let mut hash = Fnv::default();
    hash.write(url.as_bytes());
    format!("{slug}-{:016x}", hash.0)
}

impl Archive {
    pub fn new(dir: impl Into<PathBuf>) -> Archive {
        Archive { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The items of the feed at `url`.
    pub fn items_path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{}.jsonl", stem(url)))
    }

    fn cache_path(&self, url: &str) -> PathBuf {
        self.dir.join(format!(".{}.http.json", stem(url)))
    }

    fn create(&self) -> Result<(), ArchiveError> {
        std::fs::create_dir_all(&self.dir).map_err(at(&self.dir))
    }

    /// Takes the fetch lock, waiting at most `wait`: one fetch at a time.
    pub fn lock_fetch(&self, wait: Duration) -> Result<FetchLock, ArchiveError> {
        self.take(".fetch.lock", wait).map(FetchLock)
    }

    fn take(&self, name: &str, wait: Duration) -> Result<Lock, ArchiveError> {
        self.create()?;
        let path = self.dir.join(name);
        lock::acquire(&path, wait)
            .map_err(at(&path))?
            .map_err(ArchiveError::Busy)
    }

    /// The items kept for the feed at `url`; none when it has no file yet.
    pub fn read_items(&self, url: &str) -> Result<Vec<Item>, ArchiveError> {
        let path = self.items_path(url);
        let bytes = match files::read_regular(&path, ITEMS_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(at(&path)(e)),
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut items = Vec::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let item = serde_json::from_str(line).map_err(|e| ArchiveError::Corrupt {
                path: path.clone(),
                line: n + 1,
                message: e.to_string(),
            })?;
            items.push(item);
        }
        Ok(items)
    }

    /// Replaces the feed's file with `items`, atomically.
    pub fn write_items(&self, url: &str, items: &[Item]) -> Result<(), ArchiveError> {
        self.create()?;
        let path = self.items_path(url);
        let mut out = Vec::with_capacity(items.len() * 512);
        for item in items {
            serde_json::to_writer(&mut out, item).map_err(|e| at(&path)(e.into()))?;
            out.push(b'\n');
        }
        files::write_atomically(&path, &out).map_err(at(&path))
    }

    /// Reads the feed's items, lets `change` change them, and writes them
    /// back if it says so, all under the write lock.
    pub fn update<R>(
        &self,
        url: &str,
        change: impl FnOnce(&mut Vec<Item>) -> (bool, R),
    ) -> Result<R, ArchiveError> {
        let _lock = self.take(".write.lock", WRITE_WAIT)?;
        let mut items = self.read_items(url)?;
        let (changed, result) = change(&mut items);
        if changed {
            self.write_items(url, &items)?;
        }
        Ok(result)
    }

    /// What the server said last time; nothing when unknown or unreadable
    /// (the next fetch is then unconditional, which is only slower).
    pub fn read_cache(&self, url: &str) -> HttpCache {
        files::read_regular(&self.cache_path(url), 1 << 16)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn write_cache(&self, url: &str, cache: &HttpCache) -> Result<(), ArchiveError> {
        self.create()?;
        let path = self.cache_path(url);
        let bytes = serde_json::to_vec(cache).map_err(|e| at(&path)(e.into()))?;
        files::write_atomically(&path, &bytes).map_err(at(&path))
    }

    /// Moves a feed's files to its new URL's names (after a permanent
    /// redirect), unless files are already there.
    pub fn rename_feed(&self, from: &str, to: &str) -> Result<(), ArchiveError> {
        let _lock = self.take(".write.lock", WRITE_WAIT)?;
        for (old, new) in [
            (self.items_path(from), self.items_path(to)),
            (self.cache_path(from), self.cache_path(to)),
        ] {
            if old.exists() && !new.exists() {
                std::fs::rename(&old, &new).map_err(at(&new))?;
            }
        }
        Ok(())
    }

    /// Drops the feed's items whose date (else first fetch) is before
    /// `cutoff` (Unix seconds); how many went.
    pub fn prune(&self, url: &str, cutoff: i64) -> Result<usize, ArchiveError> {
        self.update(url, |items| {
            let before = items.len();
            items.retain(|item| item.age_stamp() >= cutoff);
            let gone = before - items.len();
            (gone > 0, gone)
        })
    }

    /// Replaces an item's shown text with the full article `text`, keeping
    /// its summary, and marks it full text.
    pub fn store_full_text(
        &self,
        url: &str,
        item_id: &str,
        text: &str,
    ) -> Result<(), ArchiveError> {
        let text = crate::clean::into_paragraphs(crate::clean::sanitize(text));
        self.update(url, |items| {
            match items.iter_mut().find(|i| i.id == item_id) {
                Some(item) => {
                    item.body = Some(text);
                    item.full_text = true;
                    (true, Ok(()))
                }
                None => (false, Err(ArchiveError::NoSuchItem(item_id.to_owned()))),
            }
        })?
    }
}

/// A feed's file may grow for years: far more than byline's own files.
const ITEMS_LIMIT: u64 = 1 << 30;

/// Writes of one feed's file take milliseconds; a writer stuck longer is
/// hung, and the caller is told the archive is busy.
const WRITE_WAIT: Duration = Duration::from_secs(10);

#[cfg(test)]
#[path = "archive_tests.rs"]
mod tests;
