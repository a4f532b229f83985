//! Loading a corpus again by reading only what changed: the roots are
//! walked again and every file looked at, but a file with the stat it had
//! gives the articles it gave, taken from the corpus before.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use rayon::prelude::*;

use super::parsed::Parsed;
use super::progress::Progress;
use super::walk::{self, Found};
use super::{Corpus, Done, FileRecord, FileStat, Input, LoadError, LoadOptions};

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
        let known: HashMap<(&Path, &str), &FileRecord> = self
            .sources
            .files
            .iter()
            .map(|f| ((f.path.as_path(), f.id.as_str()), f))
            .collect();
        let done: Vec<(usize, Done)> = walk::walk(&self.root_paths)?
            .enumerate()
            .par_bridge()
            .filter_map(|(seq, step)| {
                let done = match step.resolve()? {
                    Found::Input(input) => {
                        let now = FileStat::of(&input);
                        match known.get(&(input.path.as_path(), input.id.as_str())) {
                            Some(&file) if file.reusable(now.as_ref()) => self.reuse(input, file),
                            _ => Done::read(input, options, start, &progress),
                        }
                    }
                    Found::Warning(warning) => Done::Skipped(warning),
                };
                Some((seq, done))
            })
            .collect();
        Ok(Self::assemble(done, self.root_paths.clone()))
    }

    /// What `file` gave when this corpus was loaded, as if parsed again.
    fn reuse(&self, input: Input, file: &FileRecord) -> Done {
        let parsed = Parsed {
            batches: vec![self.sources.articles_of(file, &self.articles)],
            warnings: file.warnings.clone(),
            bytes: file.bytes,
        };
        Done::File {
            input,
            parsed,
            stat: file.stat,
            reused: true,
        }
    }
}

#[cfg(test)]
#[path = "refresh_tests.rs"]
mod tests;
