//! The reading state on disk: one JSON file per corpus, replaced atomically,
//! behind a lock, merged with what another instance wrote before each save.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ReadingState, Stamp};

/// Why the state could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct StateError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> StateError + '_ {
    move |source| StateError {
        path: path.to_owned(),
        source,
    }
}

/// A state read from disk, and what the user should be told about it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub state: ReadingState,
    /// Set when the file was unreadable and moved aside; say it in the UI.
    pub warning: Option<String>,
}

const VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    /// Which corpus this is, for a person looking in the folder.
    roots: &'a [String],
    state: &'a ReadingState,
}

#[derive(Deserialize)]
struct FileIn {
    state: ReadingState,
}

/// Where the state of one corpus lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
    roots: Vec<String>,
    /// `<key>.json`, the state.
    file: PathBuf,
    /// `<key>.lock`: never replaced, unlike the state file, so everyone
    /// locks the same inode.
    lock: PathBuf,
    /// `<key>.json.tmp`: written whole, then renamed over the state.
    temp: PathBuf,
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
            temp: dir.join(format!("{key}.json.tmp")),
            dir,
            roots,
        }
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Reads the state; a missing file is a fresh state, an unreadable one is
    /// moved aside (with a warning) and a fresh state starts.
    pub fn load(&self) -> Result<Loaded, StateError> {
        if !self.file.exists() {
            return Ok(Loaded::default());
        }
        // Locked so an unreadable file is not moved aside while another
        // instance replaces it with a good one.
        let _lock = self.lock()?;
        self.read()
    }

    /// Merges `state` with what is on disk and writes the result. Returns a
    /// warning when the file on disk was unreadable and moved aside.
    pub fn save(&self, state: &ReadingState) -> Result<Option<String>, StateError> {
        fs::create_dir_all(&self.dir).map_err(at(&self.dir))?;
        let _lock = self.lock()?;
        let Loaded {
            state: mut merged,
            warning,
        } = self.read()?;
        merged.merge(state);
        let out = FileOut {
            version: VERSION,
            roots: &self.roots,
            state: &merged,
        };
        let bytes = serde_json::to_vec(&out).map_err(|e| at(&self.file)(e.into()))?;
        self.write_temp(&bytes)?;
        self.install()?;
        Ok(warning)
    }

    fn lock(&self) -> Result<File, StateError> {
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&self.lock)
            .map_err(at(&self.lock))?;
        // Released when the file is dropped.
        file.lock().map_err(at(&self.lock))?;
        Ok(file)
    }

    /// Reads the file; call with the lock held.
    fn read(&self) -> Result<Loaded, StateError> {
        let bytes = match fs::read(&self.file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(at(&self.file)(e)),
        };
        match serde_json::from_slice::<FileIn>(&bytes) {
            Ok(file) => Ok(Loaded {
                state: file.state,
                warning: None,
            }),
            Err(e) => {
                let aside = self.move_aside()?;
                let warning = format!(
                    "reading state {} was unreadable ({e}); kept it as {} and started afresh",
                    self.file.display(),
                    aside.display()
                );
                Ok(Loaded {
                    state: ReadingState::default(),
                    warning: Some(warning),
                })
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

    /// Writes the temporary file whole and to disk. A crash after this
    /// leaves the old state in place and a stray temp file that the next
    /// save overwrites.
    fn write_temp(&self, bytes: &[u8]) -> Result<(), StateError> {
        let mut temp = File::create(&self.temp).map_err(at(&self.temp))?;
        temp.write_all(bytes).map_err(at(&self.temp))?;
        temp.sync_all().map_err(at(&self.temp))
    }

    /// Renames the temp file over the state, then syncs the folder so the
    /// rename itself survives a power cut.
    fn install(&self) -> Result<(), StateError> {
        fs::rename(&self.temp, &self.file).map_err(at(&self.file))?;
        sync_dir(&self.dir).map_err(at(&self.dir))
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Folders cannot be opened as files here; the rename is as durable as the
/// platform makes it.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
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
