//! The reading state on disk: one JSON file per corpus, replaced atomically,
//! behind a lock, merged with what another instance wrote before each save.
//!
//! Only the reader writes, and only when it is sure not to lose anything:
//! a store whose lock stayed held, or whose file is of a newer format, is
//! read-only for the rest of the session. Commands read with
//! [`Store::load_read_only`], which never changes a file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::format::{self, Decoded, FileOut};
use super::lock;
use super::warning::{StateError, StateWarning, at};
use super::{ReadingState, Stamp};
use crate::files;

/// A state read from disk, and what the user should be told about it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub state: ReadingState,
    /// For the reader's warnings, or stderr; empty when all went well.
    pub warnings: Vec<StateWarning>,
}

/// The largest state file read. Larger than [`files::READ_LIMIT`], which
/// suits a configuration: state grows with what is read, some hundred bytes
/// an article, and a reader of a million-article archive must not find
/// theirs moved aside as unreadable. Only regular files are read, so the
/// limit is against a sparse or runaway file, not `/dev/zero`.
const STATE_LIMIT: u64 = 256 << 20;

/// How long a load or a save waits for another instance's lock: long
/// enough for any save (they take milliseconds), short enough that a hung
/// holder is noticed at once.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// Where the state of one corpus lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
    roots: Vec<String>,
    /// `<key>.json`, the state.
    file: PathBuf,
    /// `<key>.lock`: never replaced, unlike the state file, so everyone
    /// locks the same inode. Its holder writes its pid in it.
    lock: PathBuf,
    lock_wait: Duration,
    /// Why this store writes nothing, once a load has found a reason.
    read_only: Option<StateWarning>,
}

impl Store {
    /// The store for the corpus opened from `roots` (as in `Corpus::roots`),
    /// in the folder `dir` (see [`crate::xdg::Env::state_dir`]). The same folders
    /// named differently (`./bbc`, `bbc/`) share one file.
    pub fn new(dir: impl Into<PathBuf>, roots: &[String]) -> Store {
        let dir = dir.into();
        let roots: Vec<String> = roots.iter().map(|r| canonical(r)).collect();
        let key = format!("{:016x}", fnv1a(&roots));
        Store {
            file: dir.join(format!("{key}.json")),
            lock: dir.join(format!("{key}.lock")),
            dir,
            roots,
            lock_wait: LOCK_WAIT,
            read_only: None,
        }
    }

    /// The same store, waiting `wait` (instead of [`LOCK_WAIT`]) for a lock.
    pub fn with_lock_wait(self, wait: Duration) -> Store {
        Store {
            lock_wait: wait,
            ..self
        }
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Whether [`Store::save`] writes nothing: a load found the lock held
    /// or unusable, or the file newer. [`Store::read_only_reason`] says which.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    pub fn read_only_reason(&self) -> Option<&StateWarning> {
        self.read_only.as_ref()
    }

    /// Reads the state for the reader, which will save to this store. A
    /// missing file is a fresh state; an unreadable one is moved aside
    /// (with a warning) and a fresh state starts. When the lock stays held
    /// past the wait, or the file is newer, the state is read as it is and
    /// the store turns read-only (with a warning saying why).
    pub fn load(&mut self) -> Result<Loaded, StateError> {
        if !exists(&self.file) && !exists(&self.lock) {
            return Ok(Loaded::default());
        }
        let lock = self.lock.clone();
        let loaded = match lock::acquire(&self.lock, self.lock_wait) {
            // Locked so an unreadable file is not moved aside while another
            // instance replaces it with a good one.
            Ok(Ok(_lock)) => self.read(true)?,
            Ok(Err(holder)) => self.read_unlocked(StateWarning::Locked { lock, holder })?,
            Err(e) => {
                let error = e.to_string();
                self.read_unlocked(StateWarning::Unlockable { lock, error })?
            }
        };
        self.read_only = loaded
            .warnings
            .iter()
            .find(|w| w.makes_read_only())
            .cloned();
        Ok(loaded)
    }

    /// Reads the state without the lock, `why` first among the warnings.
    /// Safe: the file is only ever replaced whole, by a rename.
    fn read_unlocked(&self, why: StateWarning) -> Result<Loaded, StateError> {
        let mut loaded = self.read(false)?;
        loaded.warnings.insert(0, why);
        Ok(loaded)
    }

    /// Reads the state for a command: no lock is taken, nothing is created,
    /// moved or written; an unreadable file is a fresh state and a warning.
    pub fn load_read_only(&self) -> Result<Loaded, StateError> {
        self.read(false)
    }

    /// [`Store::save_reporting`], its warning as text for a status line.
    pub fn save(&self, state: &ReadingState) -> Result<Option<String>, StateError> {
        Ok(self.save_reporting(state)?.map(|w| w.to_string()))
    }

    /// Merges `state` with what is on disk and writes the result. Returns a
    /// warning when the file on disk was unreadable and moved aside.
    ///
    /// Writes nothing (and says nothing: the load said why) when the store
    /// is read-only. Waits for the lock at most the store's lock wait, and
    /// refuses to write over a file of a newer format.
    pub fn save_reporting(&self, state: &ReadingState) -> Result<Option<StateWarning>, StateError> {
        if self.is_read_only() {
            return Ok(None);
        }
        fs::create_dir_all(&self.dir).map_err(at(&self.dir))?;
        let _lock = match lock::acquire(&self.lock, self.lock_wait).map_err(at(&self.lock))? {
            Ok(lock) => lock,
            Err(holder) => {
                let lock = self.lock.clone();
                return Err(StateError::Locked { lock, holder });
            }
        };
        let Loaded {
            state: mut merged,
            warnings,
        } = self.read(true)?;
        if let Some(&StateWarning::Newer { version, .. }) = warnings.first() {
            let path = self.file.clone();
            return Err(StateError::Newer { path, version });
        }
        merged.merge(state);
        self.remove_stray_temps();
        let out = FileOut {
            version: format::VERSION,
            roots: &self.roots,
            state: &merged,
        };
        let bytes = serde_json::to_vec(&out).map_err(|e| at(&self.file)(e.into()))?;
        files::write_atomically(&self.file, &bytes).map_err(at(&self.file))?;
        Ok(warnings.into_iter().next())
    }

    /// Reads the file; moves an unreadable one aside when `move_aside`
    /// (only with the lock held).
    fn read(&self, move_aside: bool) -> Result<Loaded, StateError> {
        let bytes = match files::read_regular(&self.file, STATE_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            // A FIFO, a device or a huge file is no state file.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::FileTooLarge
                ) =>
            {
                return self.unreadable(e.to_string(), move_aside);
            }
            Err(e) => return Err(at(&self.file)(e)),
        };
        match format::decode(&bytes) {
            Decoded::State(state) => Ok(Loaded {
                state,
                warnings: Vec::new(),
            }),
            Decoded::Newer(version, state) => Ok(Loaded {
                state,
                warnings: vec![StateWarning::Newer {
                    path: self.file.clone(),
                    version,
                }],
            }),
            Decoded::Unreadable(error) => self.unreadable(error, move_aside),
        }
    }

    /// A fresh state, and a warning about the file, moved aside or not.
    fn unreadable(&self, error: String, move_aside: bool) -> Result<Loaded, StateError> {
        let kept = if move_aside {
            Some(self.move_aside()?)
        } else {
            None
        };
        Ok(Loaded {
            state: ReadingState::default(),
            warnings: vec![StateWarning::Unreadable {
                path: self.file.clone(),
                error,
                kept,
            }],
        })
    }

    /// Removes temporary files a crashed save left: every writer holds the
    /// lock while its temporary file exists, so with the lock held, any
    /// there is stray. Best effort: they only take room.
    fn remove_stray_temps(&self) {
        let Some(name) = self.file.file_name().map(|n| n.to_string_lossy()) else {
            return;
        };
        let prefix = format!("{name}.");
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let entry_name = entry.file_name();
            let entry_name = entry_name.to_string_lossy();
            if entry_name.starts_with(&prefix) && entry_name.ends_with(".tmp") {
                // A link is removed itself, never what it points to.
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Renames the state file to `<name>.corrupt-<unix time>`, never over
    /// an earlier one.
    fn move_aside(&self) -> Result<PathBuf, StateError> {
        let secs = Stamp::now().0 / 1000;
        let name = self
            .file
            .file_name()
            .map_or_else(|| "state.json".into(), |n| n.to_string_lossy().into_owned());
        let mut aside = self.dir.join(format!("{name}.corrupt-{secs}"));
        let mut n = 1;
        while aside.exists() {
            n += 1;
            aside = self.dir.join(format!("{name}.corrupt-{secs}-{n}"));
        }
        fs::rename(&self.file, &aside).map_err(at(&self.file))?;
        Ok(aside)
    }
}

/// Whether anything (a link, even a dangling one) is at `path`.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// A root as an absolute path when it names something on disk; as given
/// otherwise (`<seeds>`).
fn canonical(root: &str) -> String {
    fs::canonicalize(root).map_or_else(|_| root.to_owned(), |p| p.display().to_string())
}

/// FNV-1a: tiny and the same on every platform and Rust release, which
/// `DefaultHasher` does not promise; file names must not change.
fn fnv1a(roots: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for root in roots {
        for &b in root.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
