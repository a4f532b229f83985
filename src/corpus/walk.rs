//! Turning the paths given into a sorted list of article files.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{LoadError, Warning};
use crate::clean::sanitize;

/// How a file's articles are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Title on the first line, then paragraphs.
    Text,
    /// An array of articles, or an object with an `articles`/`items` array.
    Json,
    /// One JSON article a line.
    JsonLines,
}

/// One file to read.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Relative to the root given, with `/` separators: the base of the ids.
    pub id: String,
    /// The parent folder relative to the root, `""` at the root.
    pub section: String,
    pub kind: InputKind,
    embedded: Option<&'static [u8]>,
}

impl Input {
    pub fn embedded(name: &str, bytes: &'static [u8]) -> Self {
        Self {
            path: PathBuf::from(name),
            id: name.to_owned(),
            section: String::new(),
            kind: kind_of(Path::new(name)).unwrap_or(InputKind::Text),
            embedded: Some(bytes),
        }
    }

    /// Reads at most `limit` bytes; says whether there was more.
    pub fn read_limited(&self, limit: usize) -> io::Result<(Vec<u8>, bool)> {
        if let Some(bytes) = self.embedded {
            let cut = bytes.len() > limit;
            return Ok((bytes[..bytes.len().min(limit)].to_vec(), cut));
        }
        let mut bytes = read_regular(&self.path, limit as u64 + 1)?;
        let cut = bytes.len() > limit;
        bytes.truncate(limit);
        Ok((bytes, cut))
    }

    pub fn read_all(&self) -> io::Result<Vec<u8>> {
        match self.embedded {
            Some(bytes) => Ok(bytes.to_vec()),
            None => read_regular(&self.path, u64::MAX),
        }
    }
}

/// Reads up to `limit` bytes of a regular file, in one read when the size is
/// right. Anything else is refused before it is opened: a FIFO would block.
fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other("not a regular file; skipped"));
    }
    let size = meta.len().min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    fs::File::open(path)?.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The article kind a file name says, if any.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(InputKind::Text),
        "json" => Some(InputKind::Json),
        "jsonl" | "ndjson" => Some(InputKind::JsonLines),
        _ => None,
    }
}

/// Files that sit beside articles but are not articles (BBC's `README.TXT`).
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let stem = stem.to_ascii_lowercase();
    [
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "notice",
        "authors",
    ]
    .contains(&stem.as_str())
}

/// Every article file under `roots`, in order. A root that does not exist is
/// an error; anything else that cannot be walked becomes a warning.
pub fn inputs(roots: &[PathBuf], warnings: &mut Vec<Warning>) -> Result<Vec<Input>, LoadError> {
    let mut found = Vec::new();
    for root in roots {
        let meta = match fs::metadata(root) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(LoadError::NotFound(sanitize(&root.display().to_string())));
            }
            Err(err) => {
                warnings.push(Warning::new(root, err));
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(root, &mut found, warnings);
        } else {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            found.push(Input {
                path: root.clone(),
                id: sanitize(&name),
                section: String::new(),
                kind: kind_of(root).unwrap_or(InputKind::Text),
                embedded: None,
            });
        }
    }
    Ok(found)
}

fn walk_dir(root: &Path, found: &mut Vec<Input>, warnings: &mut Vec<Warning>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_owned();
                let message = match err.loop_ancestor() {
                    Some(_) => "symbolic link loop; skipped".to_owned(),
                    None => err
                        .io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string()),
                };
                warnings.push(Warning::new(&path, message));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let Some(kind) = kind_of(path) else { continue };
        if is_project_file(path) {
            continue;
        }
        if !entry.file_type().is_file() {
            warnings.push(Warning::new(path, "not a regular file; skipped"));
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path);
        let section = rel.parent().map(slash_path).unwrap_or_default();
        found.push(Input {
            path: path.to_owned(),
            id: slash_path(rel),
            section,
            kind,
            embedded: None,
        });
    }
}

/// A relative path with `/` separators, cleaned: file names are untrusted.
fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    sanitize(&parts.join("/"))
}
