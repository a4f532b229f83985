//! Reading and writing the files byline keeps for itself: configuration,
//! reading state, the listing cache. They live in folders that other
//! programs (and, with a shared HOME, other users) can reach, so nothing
//! found there is trusted: a FIFO or `/dev/zero` where a file should be is
//! refused rather than read forever, and a file is only ever replaced
//! through a new temporary file of its own, never written through a link
//! someone planted at a predictable name.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rustix::fs::{Mode, OFlags};

/// The most byline reads of a file of its own. Real ones are kilobytes
/// (reading state for a hundred thousand articles is a few megabytes);
/// anything larger is a mistake or an attack, not a file to load whole.
pub const READ_LIMIT: u64 = 16 << 20;

/// The bytes of the regular file at `path`, if it holds at most `limit`.
///
/// Opened without blocking, so a FIFO does not wait for a writer, and
/// checked after opening (not before, which could race a swap) to be a
/// regular file: a FIFO, a device or a folder is an `InvalidInput` error.
/// A missing file is `NotFound`, as from `std::fs::read`.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow after the check: read no more than one byte past
    // the limit, enough to tell.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// The regular file at `path`, open, with what it is (asked of the file
/// opened), for [`read_regular`] and for readers of files too large to read
/// at once: opened and checked as `read_regular` opens and checks.
pub fn open_regular(path: &Path) -> io::Result<(File, fs::Metadata)> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let file = File::from(rustix::fs::open(path, flags, Mode::empty())?);
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok((file, meta))
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("larger than {} MiB", limit >> 20),
    )
}

/// Replaces `file` with `bytes`, all or nothing, even across a power cut.
///
/// The bytes go to a new temporary file beside it, with a random name and
/// created exclusively (so a link planted there is never followed), are
/// synced, and the temporary file is renamed over `file`; then the folder
/// is synced so that the rename itself is on disk. On any error the
/// temporary file is removed and `file` is as it was. The folder must exist.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .map_or_else(|| "file".into(), |name| name.to_string_lossy().into_owned());
    // Named after the file it replaces, so that a stray one (left by a
    // crash) says whose it is, and is pruned with its kind.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(file).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Opens (creating it if need be) the lock file at `path` for reading and
/// writing, without following a link there, and checks it is a regular
/// file: what is locked must be byline's own file, not one a link points to.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    let flags = OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK;
    let file = File::from(rustix::fs::open(
        path,
        flags | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    )?);
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Deletes the files of `dir` named from `prefix` on and not rewritten
/// for `keep`: caches that would otherwise grow without end as corpora
/// come and go. One still in use is only made again.
pub fn prune(dir: &Path, prefix: &[u8], keep: Duration) {
    let (Ok(entries), Some(before)) = (fs::read_dir(dir), SystemTime::now().checked_sub(keep))
    else {
        return;
    };
    for entry in entries.flatten() {
        let ours = entry.file_name().as_bytes().starts_with(prefix);
        let modified = entry.metadata().and_then(|m| m.modified());
        if ours && modified.is_ok_and(|m| m < before) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
