//! Loading a corpus again from the paths a watcher saw change: only those
//! are looked at, and every other file gives the articles it gave without
//! even a stat. What the paths alone cannot tell exactly (a link to a
//! folder, a warning of the walk, a path outside the roots, a root itself)
//! is refreshed whole, as `R` does.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::progress::Progress;
use super::walk::{self, Found};
use super::{Corpus, Done, FileRecord, Input, LoadError, LoadOptions};

/// Paths under the roots that changed (files, or folders with what is
/// under them), or everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    paths: BTreeSet<PathBuf>,
    everything: bool,
}

impl Changes {
    /// Past this many paths, a burst is told as everything, so that the
    /// memory a burst takes stays bounded. Looking at this many paths one
    /// at a time still costs a fraction of a full refresh of a large corpus
    /// (a stat each, against a walk and a stat of every file).
    pub const MOST: usize = 4096;

    /// Everything may have changed: every file is looked at again.
    pub fn everything() -> Self {
        Self {
            paths: BTreeSet::new(),
            everything: true,
        }
    }

    pub fn add(&mut self, path: PathBuf) {
        if self.everything {
            return;
        }
        self.paths.insert(path);
        if self.paths.len() > Self::MOST {
            self.add_everything();
        }
    }

    pub fn add_everything(&mut self) {
        *self = Self::everything();
    }

    pub fn merge(&mut self, other: Changes) {
        match other.everything {
            true => self.add_everything(),
            false => other.paths.into_iter().for_each(|path| self.add(path)),
        }
    }

    pub fn is_everything(&self) -> bool {
        self.everything
    }

    pub fn is_empty(&self) -> bool {
        !self.everything && self.paths.is_empty()
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.paths.iter().map(PathBuf::as_path)
    }
}

impl Corpus {
    /// What [`Corpus::refresh`] gives, looking only at `changes` since this
    /// corpus was loaded (and at files that must be read again whatever
    /// their stat says): the other files are taken as they were. A change
    /// no path names (a file outside the roots, reached through a link to
    /// it) is not seen; a link to a folder anywhere under the roots makes
    /// this a full refresh, as does a file with several hard links, or
    /// anything else the paths cannot tell.
    pub fn refresh_changed(
        &self,
        changes: &Changes,
        options: &LoadOptions,
    ) -> Result<Corpus, LoadError> {
        match self.plan(changes) {
            Some(found) => Ok(self.apply(found, options)),
            None => self.refresh(options),
        }
    }

    /// Whether [`Corpus::refresh_changed`] can look at the paths `changes`
    /// names and no others (or must look at every file, as
    /// [`Corpus::refresh`]): not after a link under a root or a warning of
    /// the walk, nor in a corpus made from its listing or the seeds.
    pub fn can_refresh_only(&self, changes: &Changes) -> bool {
        let sources = &self.sources;
        let partial = self.is_partial() || sources.seeds;
        !(changes.is_everything() || partial || sources.linked || sources.walk_warnings > 0)
    }

    /// What is under the roots now at the paths to look at, root by root;
    /// `None` when only a full refresh can tell.
    pub(super) fn plan(&self, changes: &Changes) -> Option<Vec<Looked>> {
        if !self.can_refresh_only(changes) {
            return None;
        }
        let sources = &self.sources;
        let cwd = std::env::current_dir().ok();
        let mut rels: Vec<BTreeSet<PathBuf>> = vec![BTreeSet::new(); self.root_paths.len()];
        for path in changes.paths() {
            let mut under_a_root = false;
            for (root, given) in self.root_paths.iter().enumerate() {
                // The watcher names paths as notify does: relative roots
                // joined to the working folder.
                let absolute = cwd.as_ref().map(|cwd| cwd.join(given));
                let rel = path
                    .strip_prefix(given)
                    .ok()
                    .or_else(|| path.strip_prefix(absolute.as_ref()?).ok());
                if let Some(rel) = rel {
                    // Made as the walk makes paths: no `.`, no `//`.
                    rels[root].insert(rel.components().collect());
                    under_a_root = true;
                }
            }
            if !under_a_root {
                return None;
            }
        }
        for file in &sources.files {
            match &file.stat {
                // A change made through another of its paths is told
                // under that path only.
                Some(stat) if stat.links > 1 => return None,
                // Files whose stat cannot be trusted are read again, as by
                // a refresh.
                _ if !file.reusable(file.stat.as_ref()) => {
                    let given = self.root_paths.get(file.root)?;
                    rels[file.root].insert(file.path().strip_prefix(given).ok()?.to_owned());
                }
                _ => {}
            }
        }
        let roots = self.root_paths.iter().zip(rels).enumerate();
        roots
            .map(|(root, (given, rels))| look(root, given, rels))
            .collect()
    }

    /// The corpus with the files looked at in `found` in place of what they
    /// gave before, put together as a load puts its files together.
    fn apply(&self, found: Vec<Looked>, options: &LoadOptions) -> Corpus {
        let files = &self.sources.files;
        let mut order = Vec::with_capacity(files.len());
        let mut looks = Vec::new();
        let mut dropped = vec![false; files.len()];
        for looked in found {
            let range = root_range(files, looked.root);
            for gone in &looked.replaced {
                let at = range.start + files[range.clone()].partition_point(|f| f.path() < &**gone);
                for (i, file) in files[at..range.end].iter().enumerate() {
                    if !file.path().starts_with(gone) {
                        break;
                    }
                    dropped[at + i] = true;
                }
            }
            // Where each file looked at goes among the records: found by
            // halving, as comparing paths costs more than comparing places.
            let before = &files[range.clone()];
            let mut inputs = looked
                .inputs
                .into_iter()
                .map(|input| {
                    (
                        range.start + before.partition_point(|f| f.path() < input.path.as_path()),
                        input,
                    )
                })
                .peekable();
            let mut look = |input| {
                looks.push((looked.root, range.clone(), input));
                Place::Look(looks.len() - 1)
            };
            for i in range.clone() {
                while let Some((_, input)) = inputs.next_if(|&(at, _)| at <= i) {
                    order.push(look(input));
                }
                if !dropped[i] {
                    order.push(Place::Keep(i));
                }
            }
            order.extend(inputs.map(|(_, input)| look(input)));
        }
        let start = SystemTime::now();
        let progress = Progress::new(&|_| {});
        // The few files looked at are read on every core; the many kept
        // are taken one by one as they are put together, never all held
        // as steps at once.
        let mut looked: Vec<Option<Done>> = looks
            .into_par_iter()
            .map(|(root, range, input)| {
                let now = input.stat();
                let before = &files[range];
                let at = before.partition_point(|f| f.path() < input.path.as_path());
                Some(match before.get(at) {
                    Some(file) if file.path() == input.path && file.reusable(now.as_ref()) => {
                        self.reuse(input, root, file)
                    }
                    _ => Done::read(input, root, options, start, &progress),
                })
            })
            .collect();
        let articles: usize = order
            .iter()
            .map(|place| match place {
                Place::Keep(record) => files[*record].count,
                Place::Look(k) => looked[*k].as_ref().map_or(0, Done::articles),
            })
            .sum();
        let sizes = (order.len(), articles);
        let done = order.into_iter().filter_map(|place| match place {
            Place::Keep(record) => Some(Done::Kept(record)),
            Place::Look(k) => looked[k].take(),
        });
        Self::assemble_in_order(done, sizes, Some(self), self.root_paths.clone())
    }
}

/// One step of putting the files together again: a file kept as it was
/// (its index in the records), or the `n`-th looked at now. Small: there
/// is one for every file.
enum Place {
    Keep(usize),
    Look(usize),
}

/// The records of `root`'s files: they come root by root.
fn root_range(files: &[FileRecord], root: usize) -> std::ops::Range<usize> {
    files.partition_point(|f| f.root < root)..files.partition_point(|f| f.root <= root)
}

/// What one root holds now at the paths looked at.
pub(super) struct Looked {
    root: usize,
    /// The paths whose records go, files or folders with what was under.
    replaced: Vec<PathBuf>,
    /// What the walk finds now at and under them, in walk order.
    inputs: Vec<Input>,
}

/// Looks at the paths `rels` (relative to the root `given`, the `root`-th)
/// as the walk would; `None` when only a full walk can tell.
fn look(root: usize, given: &Path, rels: BTreeSet<PathBuf>) -> Option<Looked> {
    let mut looked = Looked {
        root,
        replaced: Vec::new(),
        inputs: Vec::new(),
    };
    if rels.is_empty() {
        return Some(looked);
    }
    if !fs::metadata(given).ok()?.is_dir() {
        // A root that is a file is its only file: walked again.
        let Found::Input(input) = walk::walk(&[given.to_owned()]).ok()?.next()?.resolve()? else {
            return None;
        };
        looked.replaced.push(given.to_owned());
        looked.inputs.push(input);
        return Some(looked);
    }
    // A folder looked at covers what is under it, which sorts after it.
    let mut walked: Option<PathBuf> = None;
    for rel in rels {
        if walked.as_ref().is_some_and(|dir| rel.starts_with(dir)) {
            continue;
        }
        let mut parts = rel.components();
        if !parts.all(|c| matches!(c, Component::Normal(_))) || rel.as_os_str().is_empty() {
            // The root itself, or a path that is not plainly under it.
            return None;
        }
        if rel
            .components()
            .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
        {
            // Hidden, or under a hidden folder: the walk does not go there.
            continue;
        }
        let path = given.join(&rel);
        match at(given, &path, &rel)? {
            At::Gone => {}
            At::Folder => {
                looked.inputs.extend(walk::walk_under(given, &path)?);
                walked = Some(rel);
            }
            At::File(Some(input)) => looked.inputs.push(input),
            At::File(None) => {}
        }
        looked.replaced.push(path);
    }
    looked.inputs.sort_by(|a, b| a.path.cmp(&b.path));
    Some(looked)
}

/// What is at `path` now (`rel` under the folder `root`).
enum At {
    Gone,
    /// A folder reached by no link.
    Folder,
    /// A file, and what the walk makes of it (nothing: not an article).
    File(Option<Input>),
}

/// What is at `path`; `None` when only a walk can tell: a link, a folder
/// on the way reached through one, anything the walk would warn of.
fn at(root: &Path, path: &Path, rel: &Path) -> Option<At> {
    // Each folder on the way must be a folder, not a link to one: a link
    // made since the load could lead to a folder already walked.
    let mut on_the_way = root.to_owned();
    let parents = rel.parent().map(Path::components).into_iter().flatten();
    for part in parents {
        on_the_way.push(part);
        match fs::symlink_metadata(&on_the_way) {
            Ok(meta) if meta.is_dir() => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Some(At::Gone),
            _ => return None,
        }
    }
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Some(At::Gone),
        Err(_) => return None,
    };
    if meta.file_type().is_symlink() {
        return None;
    }
    if meta.is_dir() {
        return Some(At::Folder);
    }
    // A file with other links may change through them, told under them.
    if meta.nlink() > 1 {
        return None;
    }
    match walk::resolve_file(root, path, meta.file_type()) {
        Some(Found::Input(input)) => Some(At::File(Some(input))),
        Some(Found::Warning(_)) => None,
        None => Some(At::File(None)),
    }
}

#[cfg(test)]
#[path = "changed_tests.rs"]
mod tests;
