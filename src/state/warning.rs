//! What can go wrong with reading state on disk: warnings (byline goes on,
//! and says so) and errors (a load or a save did not happen).

use std::fmt;
use std::io;
use std::path::PathBuf;

pub use super::lock::Holder;

/// Something the user should be told about the reading state; the reader
/// shows it, commands print it on stderr. [`StateWarning::makes_read_only`]
/// says whether the store stopped writing because of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateWarning {
    /// The lock was held longer than the store waits: the state was read
    /// without it, and nothing will be written.
    Locked { lock: PathBuf, holder: Holder },
    /// The lock could not be opened (`error` says why: a link or a FIFO
    /// planted there, a read-only disk): read without it, write nothing.
    Unlockable { lock: PathBuf, error: String },
    /// The file is of a format newer than this byline knows: writing would
    /// drop what it does not understand, so nothing will be written.
    Newer { path: PathBuf, version: u64 },
    /// The file could not be read (`error` says why); a fresh state is used.
    /// `kept` is where the reader moved it aside; commands leave it.
    Unreadable {
        path: PathBuf,
        error: String,
        kept: Option<PathBuf>,
    },
}

impl StateWarning {
    /// Whether a store that met this warning on load writes nothing after.
    pub fn makes_read_only(&self) -> bool {
        !matches!(self, StateWarning::Unreadable { .. })
    }
}

impl fmt::Display for StateWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateWarning::Locked { lock, holder } => write!(
                f,
                "reading state {} is locked by {holder}; changes made now will not be saved",
                lock.display()
            ),
            StateWarning::Unlockable { lock, error } => write!(
                f,
                "reading state {} cannot be locked ({error}); changes made now will not be saved",
                lock.display()
            ),
            StateWarning::Newer { path, version } => write!(
                f,
                "reading state {} is format {version}, from a newer byline (this one writes \
                 format {}); it is read but never written over",
                path.display(),
                super::format::VERSION
            ),
            StateWarning::Unreadable {
                path,
                error,
                kept: Some(kept),
            } => write!(
                f,
                "reading state {} was unreadable ({error}); kept it as {} and started afresh",
                path.display(),
                kept.display()
            ),
            StateWarning::Unreadable {
                path,
                error,
                kept: None,
            } => write!(
                f,
                "reading state {} is unreadable ({error}); left it as it is",
                path.display()
            ),
        }
    }
}

/// Why the state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A save found the lock held for longer than the store waits.
    #[error("{} is locked by {holder}", lock.display())]
    Locked { lock: PathBuf, holder: Holder },
    /// A save found a file of a newer format, and left it alone.
    #[error("{} is from a newer byline (format {version}); not written over", path.display())]
    Newer { path: PathBuf, version: u64 },
}

/// Turns an I/O error into a [`StateError`] naming `path`.
pub(super) fn at(path: &std::path::Path) -> impl FnOnce(io::Error) -> StateError + '_ {
    move |source| StateError::Io {
        path: path.to_owned(),
        source,
    }
}
