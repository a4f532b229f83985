//! Loading a corpus again by reading only what changed: the roots are
//! walked again and every file looked at, but a file with the stat it had
//! gives the articles it gave, taken from the corpus before.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::parsed::Parsed;
use super::progress::Progress;
use super::walk::{self, Found};
use super::{Corpus, Done, FileRecord, Input, LoadError, LoadOptions};

impl Corpus {
    /// What [`Corpus::load`] of the same roots would give now, with the same
    /// `options`, reading only the files whose size, times, inode or device
    /// changed since this corpus was loaded, and new ones. Order,
    /// duplicates, ids and warnings come out as a full load's: the files'
    /// articles are put together again and go through the same steps.
    pub fn refresh(&self, options: &LoadOptions) -> Result<Corpus, LoadError> {
        if self.sources.seeds {
            return Ok(Self::seeds(options));
        }
        let start = SystemTime::now();
        // Only changed files are read: too few to be worth telling.
        let progress = Progress::new(&|_| {});
        // Keyed by the paths' bytes, hashed quickly: the walk makes every
        // path the same way, and hashing a `Path` takes it apart first.
        let files = &self.sources.files;
        let mut known: HashMap<(&[u8], &str), &FileRecord, RandomState> =
            HashMap::with_capacity_and_hasher(files.len(), RandomState::default());
        known.extend(files.iter().map(|f| ((key(f.path()), f.id()), f)));
        let linked = Arc::new(AtomicBool::new(false));
        let done: Vec<(usize, Done)> = walk::walk_roots(&self.root_paths, &linked)?
            .enumerate()
            .par_bridge()
            .filter_map(|(seq, (root, step))| {
                let done = match step.resolve()? {
                    Found::Input(input) => {
                        let now = input.stat();
                        match known.get(&(key(&input.path), input.id.as_str())) {
                            Some(&file) if file.reusable(now.as_ref()) => {
                                self.reuse(input, root, file)
                            }
                            _ => Done::read(input, root, options, start, &progress),
                        }
                    }
                    Found::Warning(warning) => Done::Skipped(warning),
                };
                Some((seq, done))
            })
            .collect();
        let mut corpus = Self::assemble(done, self.root_paths.clone());
        corpus.sources.linked = linked.load(Ordering::Relaxed);
        Ok(corpus)
    }

    /// Whether this corpus, a refresh of `before`, read no file again and
    /// lost none, with the same warnings: then it is `before` over again.
    pub fn is_same_as(&self, before: &Corpus) -> bool {
        self.sources.read == 0
            && self.sources.files.len() == before.sources.files.len()
            && self.articles.len() == before.articles.len()
            && self.report.warnings == before.report.warnings
    }

    /// What `file` gave when this corpus was loaded, as if parsed again.
    pub(super) fn reuse(&self, input: Input, root: usize, file: &FileRecord) -> Done {
        let parsed = Parsed {
            batches: vec![self.sources.articles_of(file, &self.articles)],
            warnings: file.warnings.clone(),
            bytes: file.bytes,
            stat: file.stat,
        };
        Done::File {
            input,
            root,
            parsed,
            reused: true,
        }
    }
}

fn key(path: &Path) -> &[u8] {
    path.as_os_str().as_bytes()
}

#[cfg(test)]
#[path = "refresh_tests.rs"]
mod tests;
