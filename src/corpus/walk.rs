//! Turning the paths given into a sorted list of article files.
//!
//! Links are followed, but every directory is entered once, known by its
//! device and inode: a tree of links to links (31 folders, each with two
//! links to the next, make 2^30 paths) costs what its real folders cost.
//! `/proc`, `/sys` and `/dev` are never entered through a link or a walk:
//! they are endless, or block, and only a path naming them is read.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::iter;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use walkdir::{DirEntry, WalkDir};

use super::input::{Input, InputKind, Source, kind_of};
use super::warning::{LoadError, Warning, WarningKind};
use crate::clean::{escape_path, path_id, single_line};

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
    let steps = walk_roots(roots, &Arc::default())?;
    Ok(steps.map(|(_, step)| step))
}

/// As [`walk`], each step with the index of its root, and `linked` set
/// when the walk follows a link under a root: what changed under a link's
/// target is not told under the link's path (and a folder reached by two
/// paths is walked under the first only), so a change cannot be told from
/// the paths a watcher names (see [`walk_under`]).
pub fn walk_roots(
    roots: &[PathBuf],
    linked: &Arc<AtomicBool>,
) -> Result<impl Iterator<Item = (usize, Step)> + Send + use<>, LoadError> {
    let mut steps: Vec<Box<dyn Iterator<Item = Step> + Send>> = Vec::with_capacity(roots.len());
    for root in roots {
        let meta = match fs::metadata(root) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(LoadError::NotFound(escape_path(root.as_os_str())));
            }
            Err(err) => {
                let warning = Warning::new(root, WarningKind::Walk(err.to_string()));
                steps.push(Box::new(iter::once(Step::Warning(warning))));
                continue;
            }
        };
        if meta.is_dir() {
            steps.push(Box::new(walk_dir(root, Arc::clone(linked))));
        } else {
            let name = root.file_name().unwrap_or_default();
            let (id, name) = path_id(name.as_bytes());
            steps.push(Box::new(iter::once(Step::Input(Input {
                path: root.clone(),
                id,
                name,
                section: String::new(),
                kind: kind_of(root).unwrap_or(InputKind::Text),
                source: Source::Unchecked,
            }))));
        }
    }
    let steps = steps.into_iter().enumerate();
    Ok(steps.flat_map(|(root, steps)| steps.map(move |step| (root, step))))
}

fn walk_dir(root: &Path, linked: Arc<AtomicBool>) -> impl Iterator<Item = Step> + Send + use<> {
    let root: Arc<Path> = Arc::from(root);
    let mut seen = HashSet::new();
    // A root inside one of them was named: what is under it is wanted.
    let special = special_dirs();
    let root_is_special = fs::metadata(&root).is_ok_and(|m| is_special(&root, &m, &special));
    let special = if root_is_special { Vec::new() } else { special };
    WalkDir::new(&root)
        .follow_links(true)
        // By file name, as `sort_by_file_name` would, but without taking
        // both paths apart at every comparison: entries sorted together
        // are siblings, so their whole paths order as their names do.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() > 0 && e.file_name().as_bytes().starts_with(b".") {
                return false;
            }
            let is_dir = e.file_type().is_dir();
            // Only folders and links cost a look: files are most entries.
            if !is_dir && !e.path_is_symlink() {
                return true;
            }
            if e.depth() > 0 && e.path_is_symlink() {
                linked.store(true, Ordering::Relaxed);
            }
            let Ok(meta) = e.metadata() else {
                return true;
            };
            let first_visit = !is_dir || seen.insert((meta.dev(), meta.ino()));
            first_visit && (e.depth() == 0 || !is_special(e.path(), &meta, &special))
        })
        .map(move |entry| Step::Entry(Arc::clone(&root), entry))
}

/// The devices and inodes of `/proc`, `/sys` and `/dev`, those there are.
fn special_dirs() -> Vec<(u64, u64)> {
    ["/proc", "/sys", "/dev"]
        .iter()
        .filter_map(|dir| fs::metadata(dir).ok())
        .map(|m| (m.dev(), m.ino()))
        .collect()
}

/// Whether `path` (a link's target, or a folder the walk reached) is in
/// `/proc`, `/sys` or `/dev`: itself one of them, or on the same device
/// and under one once its links are resolved.
fn is_special(path: &Path, meta: &fs::Metadata, special: &[(u64, u64)]) -> bool {
    if special.contains(&(meta.dev(), meta.ino())) {
        return true;
    }
    let on_special_device = special.iter().any(|&(dev, _)| dev == meta.dev());
    on_special_device
        && fs::canonicalize(path).is_ok_and(|p| {
            ["/proc", "/sys", "/dev"]
                .iter()
                .any(|dir| p.starts_with(dir))
        })
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
                let kind = match err.loop_ancestor() {
                    Some(_) => WarningKind::LinkLoop,
                    None => WarningKind::Walk(
                        err.io_error()
                            .map_or_else(|| err.to_string(), |e| e.to_string()),
                    ),
                };
                Some(Found::Warning(Warning::new(&path, kind)))
            }
        }
    }
}

fn resolve_entry(root: &Path, entry: &DirEntry) -> Option<Found> {
    resolve_file(root, entry.path(), entry.file_type())
}

/// What the walk of the folder `root` gives for `path` under it, of type
/// `file_type` (a link's target's, as the walk follows links).
pub fn resolve_file(root: &Path, path: &Path, file_type: fs::FileType) -> Option<Found> {
    if file_type.is_dir() {
        return None;
    }
    // The name alone: cheaper than taking the whole path apart.
    let name = Path::new(path.file_name().unwrap_or(path.as_os_str()));
    let kind = kind_of(name)?;
    if is_project_file(name) {
        return None;
    }
    if !file_type.is_file() {
        let warning = Warning::new(path, WarningKind::NotRegularFile);
        return Some(Found::Warning(warning));
    }
    // Walked paths join their parts with `/` already: the raw bytes are
    // the id's, and the section is its folders.
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .as_os_str()
        .as_bytes();
    let section = memchr::memrchr(b'/', rel).map_or(&b""[..], |at| &rel[..at]);
    let (id, name) = path_id(rel);
    Some(Found::Input(Input {
        path: path.to_owned(),
        id,
        name,
        section: single_line(&String::from_utf8_lossy(section)),
        kind,
        // With links followed, the walk's file type is the target's.
        source: Source::RegularFile,
    }))
}

/// What the walk of the folder `root` gives at and under `dir`, a folder
/// in it, in order; `None` when that cannot be told from `dir` alone: a
/// link under it (it may lead to a folder walked under another path, or
/// out of the roots), a file with other hard links (it may change through
/// them), or anything the walk would warn of.
pub fn walk_under(root: &Path, dir: &Path) -> Option<Vec<Input>> {
    let entries = WalkDir::new(dir)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_bytes().starts_with(b"."));
    let mut inputs = Vec::new();
    for entry in entries {
        let entry = entry.ok()?;
        if entry.path_is_symlink() {
            return None;
        }
        if entry.file_type().is_file() && entry.metadata().ok()?.nlink() > 1 {
            return None;
        }
        match resolve_entry(root, &entry) {
            Some(Found::Input(input)) => inputs.push(input),
            Some(Found::Warning(_)) => return None,
            None => {}
        }
    }
    Some(inputs)
}
