//! Turning the paths given into a sorted list of article files.

use std::fs;
use std::io::{self, Read};
use std::iter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::{DirEntry, WalkDir};

use super::{LoadError, Warning};
use crate::clean::single_line;

/// How a file's articles are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Title on the first line, then paragraphs.
    Text,
    /// An array of articles, or an object with an `articles`/`items` array.
    Json,
    /// One JSON article a line.
    JsonLines,
    /// A saved web page: one article.
    Html,
    /// RSS, Atom or JSON Feed: an article an item.
    Feed,
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
    source: Source,
}

/// Where an input's bytes are.
#[derive(Debug, Clone)]
enum Source {
    /// Built into the binary.
    Embedded(&'static [u8]),
    /// A file the walk saw is regular: it can be opened without a check.
    RegularFile,
    /// A path given as is, which could be a FIFO: opening it could block.
    Unchecked,
}

impl Input {
    pub fn embedded(name: &str, bytes: &'static [u8]) -> Self {
        Self {
            path: PathBuf::from(name),
            id: name.to_owned(),
            section: String::new(),
            kind: kind_of(Path::new(name)).unwrap_or(InputKind::Text),
            source: Source::Embedded(bytes),
        }
    }

    /// Reads at most `limit` bytes; says whether there was more.
    pub fn read_limited(&self, limit: usize) -> io::Result<(Vec<u8>, bool)> {
        let mut bytes = match self.source {
            Source::Embedded(bytes) => bytes[..bytes.len().min(limit.saturating_add(1))].to_vec(),
            _ => self.read_file((limit as u64).saturating_add(1))?,
        };
        let cut = bytes.len() > limit;
        bytes.truncate(limit);
        Ok((bytes, cut))
    }

    pub fn read_all(&self) -> io::Result<Vec<u8>> {
        match self.source {
            Source::Embedded(bytes) => Ok(bytes.to_vec()),
            _ => self.read_file(u64::MAX),
        }
    }

    /// The file, open; `None` for an embedded input. A path not known to
    /// be a regular file is checked before it is opened: a FIFO would block.
    pub fn open(&self) -> io::Result<Option<fs::File>> {
        match self.source {
            Source::Embedded(_) => Ok(None),
            Source::Unchecked if !fs::metadata(&self.path)?.is_file() => {
                Err(io::Error::other("not a regular file; skipped"))
            }
            _ => fs::File::open(&self.path).map(Some),
        }
    }

    /// Up to `limit` bytes of the file. The size comes from the open file,
    /// so that a file is read in one `read`, four system calls in all.
    fn read_file(&self, limit: u64) -> io::Result<Vec<u8>> {
        let Some(file) = self.open()? else {
            return Ok(Vec::new());
        };
        let size = file.metadata()?.len();
        // Files such as those in /proc say 0 and still have bytes: read on.
        let wanted = if size == 0 { limit } else { size.min(limit) };
        let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit)).unwrap_or(0));
        // `take` stops at the size seen without another call to find EOF.
        file.take(wanted).read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// The article kind a file name says, if any.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    // Compared in place: lowercasing a copy cost an allocation per file.
    let ext = path.extension()?.to_str()?;
    let is = |known: &str| ext.eq_ignore_ascii_case(known);
    if is("txt") {
        Some(InputKind::Text)
    } else if is("json") {
        Some(InputKind::Json)
    } else if is("jsonl") || is("ndjson") {
        Some(InputKind::JsonLines)
    } else if is("html") || is("htm") {
        Some(InputKind::Html)
    } else if is("xml") || is("rss") || is("atom") || is("rdf") {
        Some(InputKind::Feed)
    } else {
        None
    }
}

/// Files that sit beside articles but are not articles (BBC's `README.TXT`).
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    [
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "notice",
        "authors",
    ]
    .iter()
    .any(|name| stem.eq_ignore_ascii_case(name))
}

/// One step of a walk, produced in corpus order and cheaply: what is costly
/// about an entry (its kind, id and section) is worked out by
/// [`Step::resolve`], which can run in parallel with the rest of the walk.
pub enum Step {
    Input(Input),
    Warning(Warning),
    Entry(Arc<Path>, walkdir::Result<DirEntry>),
}

/// What a step turned out to be.
pub enum Found {
    Input(Input),
    Warning(Warning),
}

/// Every article file under `roots`, in order, found as the iterator is
/// driven. Every root is looked at first: one that does not exist is an
/// error before anything is read; anything else that cannot be walked
/// becomes a warning.
pub fn walk(roots: &[PathBuf]) -> Result<impl Iterator<Item = Step> + Send + use<>, LoadError> {
    let mut steps: Vec<Box<dyn Iterator<Item = Step> + Send>> = Vec::with_capacity(roots.len());
    for root in roots {
        let meta = match fs::metadata(root) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(LoadError::NotFound(single_line(
                    &root.display().to_string(),
                )));
            }
            Err(err) => {
                steps.push(Box::new(iter::once(Step::Warning(Warning::new(root, err)))));
                continue;
            }
        };
        if meta.is_dir() {
            steps.push(Box::new(walk_dir(root)));
        } else {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            steps.push(Box::new(iter::once(Step::Input(Input {
                path: root.clone(),
                id: single_line(&name),
                section: String::new(),
                kind: kind_of(root).unwrap_or(InputKind::Text),
                source: Source::Unchecked,
            }))));
        }
    }
    Ok(steps.into_iter().flatten())
}

fn walk_dir(root: &Path) -> impl Iterator<Item = Step> + Send + use<> {
    let root: Arc<Path> = Arc::from(root);
    WalkDir::new(&root)
        .follow_links(true)
        // By file name, as `sort_by_file_name` would, but without taking
        // both paths apart at every comparison: entries sorted together
        // are siblings, so their whole paths order as their names do.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .map(move |entry| Step::Entry(Arc::clone(&root), entry))
}

impl Step {
    /// The input or warning this step is, if any: directories and files
    /// that are not articles are nothing.
    pub fn resolve(self) -> Option<Found> {
        match self {
            Step::Input(input) => Some(Found::Input(input)),
            Step::Warning(warning) => Some(Found::Warning(warning)),
            Step::Entry(root, Ok(entry)) => resolve_entry(&root, &entry),
            Step::Entry(root, Err(err)) => {
                let path = err.path().unwrap_or(&root).to_owned();
                let message = match err.loop_ancestor() {
                    Some(_) => "symbolic link loop; skipped".to_owned(),
                    None => err
                        .io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string()),
                };
                Some(Found::Warning(Warning::new(&path, message)))
            }
        }
    }
}

fn resolve_entry(root: &Path, entry: &DirEntry) -> Option<Found> {
    if entry.file_type().is_dir() {
        return None;
    }
    let path = entry.path();
    // The name alone: cheaper than taking the whole path apart.
    let name = Path::new(entry.file_name());
    let kind = kind_of(name)?;
    if is_project_file(name) {
        return None;
    }
    if !entry.file_type().is_file() {
        let warning = Warning::new(path, "not a regular file; skipped");
        return Some(Found::Warning(warning));
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    // One pass over the components for both: the section is the id's folders.
    let joined = slash_joined(rel);
    let section = joined.rfind('/').map_or("", |at| &joined[..at]);
    Some(Found::Input(Input {
        path: path.to_owned(),
        id: single_line(&joined),
        section: single_line(section),
        kind,
        // With links followed, the walk's file type is the target's.
        source: Source::RegularFile,
    }))
}

/// A relative path with `/` separators, not yet cleaned: file names are
/// untrusted, and must go through `sanitize` before use.
fn slash_joined(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}
