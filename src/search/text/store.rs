//! The text index on disk, in `$XDG_CACHE_HOME/byline/`, so that a corpus
//! seen before is searchable without indexing it again.
//!
//! One file a corpus, named by a hash of its paths as given, so that a
//! corpus that changes replaces its own file. Inside, the key is a hash of
//! every article's title and body (with this format's version): a changed
//! corpus misses, whatever its files' times say. The rules are the title
//! listing's: read only if this user owns it, whole (a checksum ends it),
//! and checked as it is decoded, every list sorted and in range; anything
//! else is ignored and the index built again. Written all or nothing by
//! [`files::write_atomically`]; files not rewritten for 30 days are
//! deleted when another is written.

use std::borrow::Borrow;
use std::fs;
use std::hash::BuildHasher;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use super::TextIndex;
use crate::article::Article;
use crate::files;

mod decode;

/// What a file starts with; the last byte is the format's version.
const MAGIC: &[u8; 12] = b"byline-text\x01";

/// An index file larger than this is not read (4 GiB: a corpus of ten
/// million articles would not fit anyway).
const LARGEST: u64 = 4 << 30;

const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

fn hasher() -> foldhash::quality::FixedState {
    foldhash::quality::FixedState::with_seed(0x7465_7874)
}

/// The hash of every article's title and body, in order.
pub fn key(articles: &[impl Borrow<Article> + Sync]) -> u64 {
    let each: Vec<u64> = articles
        .par_iter()
        .map(|a| {
            let a = a.borrow();
            hasher().hash_one((&a.title, &a.body))
        })
        .collect();
    hasher().hash_one((MAGIC, each))
}

/// The file that holds the index of the corpus at `paths`, in `dir`.
pub fn file_for(dir: &Path, paths: &[PathBuf]) -> PathBuf {
    let names: Vec<&[u8]> = paths.iter().map(|p| p.as_os_str().as_bytes()).collect();
    dir.join(format!("text-{:016x}", hasher().hash_one(names)))
}

/// The index in `file`, if it is this user's, whole, sound and made for
/// articles whose [`key`] is `key`.
pub fn read(file: &Path, key: u64) -> Option<TextIndex> {
    read_if_owned_by(file, rustix::process::geteuid().as_raw(), key)
}

/// [`read`], for the owner `uid`: apart so that a test can be another user.
fn read_if_owned_by(file: &Path, uid: u32, key: u64) -> Option<TextIndex> {
    let owner = fs::symlink_metadata(file).ok()?.uid();
    if owner != uid {
        return None;
    }
    from_bytes(&files::read_regular(file, LARGEST).ok()?, key)
}

/// An index from the bytes of its file, if they are whole, sound and for
/// `key`.
pub fn from_bytes(bytes: &[u8], key: u64) -> Option<TextIndex> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if u64::from_le_bytes(sum.try_into().ok()?) != hasher().hash_one(body) {
        return None;
    }
    let rest = body.strip_prefix(MAGIC)?;
    let (stored, rest) = rest.split_at_checked(8)?;
    if u64::from_le_bytes(stored.try_into().ok()?) != key {
        return None;
    }
    decode::decode(rest)
}

/// The part of [`from_bytes`] past the checksum and the key: for the fuzz
/// target, which could not make a checksum hold.
#[doc(hidden)]
pub fn decode_body(bytes: &[u8]) -> Option<TextIndex> {
    decode::decode(bytes)
}

/// Writes `index` to `file` (best effort: a cache that cannot be written
/// costs only time), and prunes old ones beside it.
pub fn write(file: &Path, key: u64, index: &TextIndex) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut bytes = Vec::with_capacity(index.heap_bytes() / 2);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&key.to_le_bytes());
    decode::encode(index, &mut bytes);
    let sum = hasher().hash_one(&bytes[..]);
    bytes.extend_from_slice(&sum.to_le_bytes());
    files::write_atomically(file, &bytes)?;
    crate::files::prune(dir, b"text-", KEEP);
    Ok(())
}

/// The index of `articles` (loaded from `paths`): from `dir` when a sound
/// one is there, else built (reporting progress) and written there.
/// `None` when `cancelled` stopped the build.
pub fn open(
    articles: &[impl Borrow<Article> + Sync],
    paths: &[PathBuf],
    dir: Option<&Path>,
    progress: &dyn Fn(f32),
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<TextIndex> {
    let Some(dir) = dir else {
        return TextIndex::build(articles, progress, cancelled);
    };
    let (file, key) = (file_for(dir, paths), key(articles));
    if let Some(index) = read(&file, key).filter(|i| i.len() == articles.len()) {
        return Some(index);
    }
    let index = TextIndex::build(articles, progress, cancelled)?;
    let _ = write(&file, key, &index);
    Some(index)
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
