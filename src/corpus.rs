//! Loading a corpus: walking the paths given, reading every article file in
//! parallel, cleaning its text once, and dropping exact duplicates.
//!
//! Layers, lowest first: [`warning`], [`options`] and `input` say what is
//! loaded and what went wrong; `parsed` holds what every format's parser
//! shares; `entries` parses the JSON entries that `json` and `jsonl` find;
//! `text`, `json`, `jsonl`, `page` and `feed` parse one format each, and
//! `sniff` tells a file's format by its start where its name does not;
//! this file walks and dispatches.

mod changed;
mod dedup;
mod entries;
mod feed;
mod gather;
mod input;
mod json;
mod jsonl;
mod lazy;
pub mod listing;
mod options;
mod page;
mod parsed;
mod progress;
mod refresh;
mod sniff;
mod sources;
mod stat;
mod text;
mod walk;
mod warning;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::article::Article;
use gather::{Done, Gathered, concat, gather};
use input::Contents;
use parsed::{Job, Parsed};
use progress::Progress;
use walk::{Found, Step};

pub use changed::Changes;
pub use dedup::Duplicate;
pub use input::{Input, InputKind};
pub use lazy::Bodies;
pub use options::{DEFAULT_MAX_BODY, DEFAULT_MAX_JSON, DEFAULT_MAX_LINE, LoadOptions};
pub use page::article_text;
pub use sources::{FileRecord, Sources};
pub use stat::FileStat;
pub use warning::{EntryAt, LoadError, Warning, WarningKind};

/// The articles bundled into the binary: the seeds the project started from.
pub const SEEDS: &[(&str, &[u8])] = &[(
    "000_67028faab5672e93.txt",
    include_bytes!("../seeds/000_67028faab5672e93.txt"),
)];

/// What a load found besides articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub files: usize,
    pub bytes: u64,
    pub duplicates: usize,
    pub warnings: Vec<Warning>,
}

impl LoadReport {
    /// Files that could not be read (permissions, I/O errors): unlike the
    /// rest of a load, that depends on who reads, and when.
    pub fn unreadable(&self) -> usize {
        let unreadable = |w: &&Warning| matches!(w.kind, WarningKind::Unreadable(_));
        self.warnings.iter().filter(unreadable).count()
    }
}

/// The articles in memory, in corpus order (roots as given, paths sorted).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Shared: a reload keeps an unchanged file's articles by a count.
    pub articles: Vec<Arc<Article>>,
    pub report: LoadReport,
    /// What the corpus was opened from; it names the corpus for saved
    /// state. Each is the path as given, decoded losslessly when it is
    /// UTF-8; it is not cleaned (whoever shows one cleans it).
    pub roots: Vec<String>,
    /// The paths as given, byte for byte (`<seeds>` for the seeds).
    pub root_paths: Vec<PathBuf>,
    /// Articles dropped as exact duplicates of one that was kept.
    pub duplicates: Vec<Duplicate>,
    /// The files the articles came from, in corpus order, and the index
    /// in it of each article's: one file can be read again alone. Shared
    /// with the corpora reloaded from this one; a corpus made from its
    /// listing keeps its files with its bodies instead.
    pub files: Vec<Arc<Input>>,
    pub file_of: Vec<u32>,
    /// Bodies not loaded yet: a corpus made from its listing (see
    /// [`Corpus::from_listing`]) reads them a file at a time, on demand.
    pub bodies: Option<Bodies>,
    /// The files read, and what each gave: what a refresh starts from.
    pub sources: Sources,
    /// Different for every load and refresh (0 for a corpus built by
    /// hand): an index into `articles` is only meaningful with its epoch,
    /// so answers about an older corpus can be told and dropped.
    pub epoch: u64,
}

/// The epoch of the next load.
static EPOCH: AtomicU64 = AtomicU64::new(1);

/// A new epoch, for a corpus just made (see [`Corpus::epoch`]).
fn next_epoch() -> u64 {
    EPOCH.fetch_add(1, Ordering::Relaxed)
}

impl Corpus {
    /// Loads every article under `paths` (files or directories).
    pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Result<Self, LoadError> {
        Self::load_telling(paths, options, &|_| {})
    }

    /// Loads as [`Corpus::load`] does, telling how many bytes are read
    /// every few megabytes, from whichever thread read the last.
    pub fn load_telling(
        paths: &[PathBuf],
        options: &LoadOptions,
        tell: &(dyn Fn(u64) + Sync),
    ) -> Result<Self, LoadError> {
        let linked = Arc::new(AtomicBool::new(false));
        let steps = walk::walk_roots(paths, &linked)?;
        let mut corpus = Self::from_steps(steps, paths.to_vec(), options, tell);
        corpus.sources.linked = linked.load(Ordering::Relaxed);
        Ok(corpus)
    }

    /// The seed articles embedded in the binary.
    pub fn seeds(options: &LoadOptions) -> Self {
        let steps = SEEDS
            .iter()
            .map(|(name, bytes)| (0, Step::Input(Input::embedded(name, bytes))));
        let mut corpus = Self::from_steps(steps, vec![PathBuf::from("<seeds>")], options, &|_| {});
        corpus.sources.seeds = true;
        corpus
    }

    /// Walks and parses at once: rayon's workers take the next step of the
    /// walk whenever they are free, so parsing starts with the first file
    /// found instead of after the last. A sequence number puts what they
    /// return back in walk order.
    fn from_steps(
        steps: impl Iterator<Item = (usize, Step)> + Send,
        root_paths: Vec<PathBuf>,
        options: &LoadOptions,
        tell: &(dyn Fn(u64) + Sync),
    ) -> Self {
        let start = SystemTime::now();
        let progress = Progress::new(tell);
        let done: Vec<(usize, Done)> = steps
            .enumerate()
            .par_bridge()
            .filter_map(|(seq, (root, step))| {
                let done = match step.resolve()? {
                    Found::Input(input) => Done::read(input, root, options, start, &progress),
                    Found::Warning(warning) => Done::Skipped(warning),
                };
                Some((seq, done))
            })
            .collect();
        Self::assemble(done, root_paths)
    }

    /// The corpus from what each step of a walk gave, in any order: a load
    /// and a refresh end here alike, so that they agree.
    fn assemble(mut done: Vec<(usize, Done)>, root_paths: Vec<PathBuf>) -> Self {
        done.sort_unstable_by_key(|&(seq, _)| seq);
        let articles = done.iter().map(|(_, done)| done.articles()).sum();
        let sizes = (done.len(), articles);
        let done = done.into_iter().map(|(_, done)| done);
        Self::assemble_in_order(done, sizes, None, root_paths)
    }

    /// As [`Corpus::assemble`], from what the steps gave in order (`sizes`:
    /// how many, and how many articles they gave), taken one at a time,
    /// not all held at once; `from` is the corpus refreshed, whose files
    /// [`Done::Kept`] names.
    fn assemble_in_order(
        done: impl Iterator<Item = Done>,
        sizes: (usize, usize),
        from: Option<&Corpus>,
        root_paths: Vec<PathBuf>,
    ) -> Self {
        let Gathered {
            mut articles,
            mut report,
            files,
            mut file_of,
            mut sources,
        } = gather(done, sizes, from);
        let (duplicates, dropped) = dedup::split_duplicates(&mut articles, &mut file_of);
        report.duplicates = duplicates.len();
        sources.dropped = dropped;
        // One root's paths are unique already; only several can collide.
        if root_paths.len() > 1 {
            sources.renamed = dedup::make_ids_unique(&mut articles);
        }
        Self {
            articles,
            report,
            roots: roots_of(&root_paths),
            root_paths,
            duplicates,
            files,
            file_of,
            bodies: None,
            sources,
            epoch: next_epoch(),
        }
    }

    /// The article with this id; the id of a dropped duplicate finds the
    /// article kept in its place.
    pub fn find(&self, id: &str) -> Option<(usize, &Article)> {
        let index = self
            .articles
            .iter()
            .position(|a| a.id == id)
            .or_else(|| self.duplicates.iter().find(|d| d.id == id).map(|d| d.of))?;
        Some((index, self.articles.get(index)?))
    }
}

/// The id the loader gives the entry whose own id is `own` (a feed item's
/// guid, escaped) in the file whose id is `file`: how an article is traced
/// back to its item in the feeds' archive.
pub fn entry_id(file: &str, own: &str) -> String {
    format!("{file}#{}", feed::id::escape(own.trim()))
}

/// What names a corpus opened from `paths` (see [`Corpus::roots`]): each
/// path as given, not cleaned, so that saved state can find the real path.
pub fn roots_of(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Parses one file's bytes as loading a file of this `kind` named `name`
/// would, without the file system: the whole parsing path, for fuzzing.
pub fn parse_bytes(
    kind: InputKind,
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> (Vec<Article>, Vec<Warning>) {
    let mut input = Input::embedded(name, &[]);
    input.kind = kind;
    let job = Job {
        input: &input,
        options,
    };
    let parsed = match kind {
        InputKind::JsonLines => {
            jsonl::parse(job, bytes).unwrap_or_else(|| parse_whole(job, bytes, bytes.len() as u64))
        }
        InputKind::Json => parse_whole(job, bytes, bytes.len() as u64),
        InputKind::Text | InputKind::Html | InputKind::Feed => {
            let limit = options.read_limit(kind);
            let cut = bytes.len() > limit;
            parse_read(job, &bytes[..bytes.len().min(limit)], cut)
        }
    };
    let articles = concat(parsed.batches).into_iter().map(Arc::unwrap_or_clone);
    (articles.collect(), parsed.warnings)
}

/// A `.json` document, or a JSON Lines file that is not UTF-8, `size`
/// bytes long: refused unread above the limit, parsed whole below it.
fn parse_whole(job: Job, bytes: &[u8], size: u64) -> Parsed {
    if size > job.options.max_json {
        return too_large(job);
    }
    parse_read(job, bytes, false)
}

/// A file refused unread: it is parsed whole, and larger than the limit.
fn too_large(job: Job) -> Parsed {
    let mib = options::mib(job.options.max_json);
    Parsed::failed(job, WarningKind::FileTooLarge { mib }, 0)
}

/// Parses one file, adding what it reads to `progress`.
pub(crate) fn parse(job: Job, progress: &Progress) -> Parsed {
    let input = job.input;
    if input.kind == InputKind::JsonLines {
        match input.open(job.options.max_json) {
            Ok(Some((file, stat))) => {
                if let Some(mut parsed) = jsonl::parse(job, progress.counting(file)) {
                    entries::unique_ids(&mut parsed.batches);
                    parsed.stat = Some(stat);
                    return parsed;
                }
            }
            Ok(None) => {}
            Err(err) => return Parsed::unreadable(job, &err),
        }
    }
    let read = match input.kind {
        kind @ (InputKind::Text | InputKind::Html | InputKind::Feed) => {
            input.read_limited(job.options.read_limit(kind) as u64, false)
        }
        InputKind::Json | InputKind::JsonLines => input.read_limited(job.options.max_json, true),
    };
    let (contents, stat) = match read {
        Ok(read) => read,
        Err(err) => return Parsed::unreadable(job, &err),
    };
    let parsed = match contents {
        Contents::Bytes(bytes, cut) => {
            progress.add(bytes.len() as u64);
            parse_read(job, &bytes, cut)
        }
        Contents::TooLarge => too_large(job),
        Contents::Binary { size } => Parsed::failed(job, WarningKind::Binary, size),
    };
    Parsed { stat, ..parsed }
}

/// Parses what was read of a file; `cut` says the read stopped at its limit.
fn parse_read(job: Job, bytes: &[u8], cut: bool) -> Parsed {
    let mut parsed = Parsed {
        bytes: bytes.len() as u64,
        ..Parsed::default()
    };
    let warnings = &mut parsed.warnings;
    let result = match sniff::refine(job.input.kind, bytes) {
        InputKind::Text => {
            text::parse_whole(job, bytes, cut, warnings).map(|a| vec![vec![Arc::new(a)]])
        }
        InputKind::Html => page::parse(job, bytes, cut, warnings).map(|a| vec![vec![Arc::new(a)]]),
        InputKind::Feed => feed::parse(job, bytes, cut, warnings),
        InputKind::Json => json::parse_document(job, bytes, warnings),
        InputKind::JsonLines => jsonl::parse_lines(job, bytes, warnings),
    };
    match result {
        Ok(batches) => parsed.batches = batches,
        Err(kind) => parsed.warnings.push(job.warning(kind)),
    }
    entries::unique_ids(&mut parsed.batches);
    parsed
}

#[cfg(test)]
#[path = "corpus_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "corpus/json_html_tests.rs"]
mod json_html_tests;
