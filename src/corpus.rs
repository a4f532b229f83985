//! Loading a corpus: walking the paths given, reading every article file in
//! parallel, cleaning its text once, and dropping exact duplicates.

mod dedup;
mod feed;
mod json;
mod jsonl;
pub mod listing;
mod page;
mod sniff;
mod text;
mod walk;

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::Article;
use crate::clean::{Boilerplate, sanitize, single_line};

use walk::{Found, Step};
pub use walk::{Input, InputKind};

/// Bodies longer than this are cut, with a note in the article.
pub const DEFAULT_MAX_BODY: usize = 8 * 1024 * 1024;

/// The articles bundled into the binary: the seeds the project started from.
pub const SEEDS: &[(&str, &[u8])] = &[(
    "000_67028faab5672e93.txt",
    include_bytes!("../seeds/000_67028faab5672e93.txt"),
)];

/// A load that could not start at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    NotFound(String),
}

/// A problem that skipped (or cut) one file or entry; the load went on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, as given or found (cleaned of control characters).
    pub path: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Warning {
    pub fn new(path: &Path, message: impl fmt::Display) -> Self {
        Self {
            path: single_line(&path.display().to_string()),
            message: sanitize(&message.to_string()),
        }
    }
}

/// What a load found besides articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub files: usize,
    pub bytes: u64,
    pub duplicates: usize,
    /// Files that could not be read (permissions, I/O errors): unlike the
    /// rest of a load, that depends on who reads, and when.
    pub unreadable: usize,
    pub warnings: Vec<Warning>,
}

/// How to clean what is loaded.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub boilerplate: Boilerplate,
    pub max_body: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            boilerplate: Boilerplate::default(),
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

/// The articles in memory, in corpus order (roots as given, paths sorted).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub report: LoadReport,
    /// What the corpus was opened from; it names the corpus for saved state.
    pub roots: Vec<String>,
    /// Articles dropped as exact duplicates of one that was kept.
    pub duplicates: Vec<Duplicate>,
}

/// An article that was not kept because an earlier one had the same URL, or
/// the same title and body. Its id still finds the article kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub id: String,
    pub section: String,
    /// Index of the article kept.
    pub of: usize,
}

impl Corpus {
    /// Loads every article under `paths` (files or directories).
    pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Result<Self, LoadError> {
        let steps = walk::walk(paths)?;
        Ok(Self::from_steps(steps, roots_of(paths), options))
    }

    /// The seed articles embedded in the binary.
    pub fn seeds(options: &LoadOptions) -> Self {
        let steps = SEEDS
            .iter()
            .map(|(name, bytes)| Step::Input(Input::embedded(name, bytes)));
        Self::from_steps(steps, vec!["<seeds>".into()], options)
    }

    /// Walks and parses at once: rayon's workers take the next step of the
    /// walk whenever they are free, so parsing starts with the first file
    /// found instead of after the last. A sequence number puts what they
    /// return back in walk order.
    fn from_steps(
        steps: impl Iterator<Item = Step> + Send,
        roots: Vec<String>,
        options: &LoadOptions,
    ) -> Self {
        let mut done: Vec<(usize, Done)> = steps
            .enumerate()
            .par_bridge()
            .filter_map(|(seq, step)| {
                let done = match step.resolve()? {
                    Found::Input(input) => Done::Parsed(parse(&input, options)),
                    Found::Warning(warning) => Done::Skipped(warning),
                };
                Some((seq, done))
            })
            .collect();
        done.sort_unstable_by_key(|&(seq, _)| seq);
        let (mut articles, mut report) = gather(done);
        let duplicates = dedup::drop_duplicates(&mut articles);
        report.duplicates = duplicates.len();
        // One root's paths are unique already; only several can collide.
        if roots.len() > 1 {
            dedup::make_ids_unique(&mut articles);
        }
        Self {
            articles,
            report,
            roots,
            duplicates,
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

/// What names a corpus opened from `paths` (see [`Corpus::roots`]).
pub fn roots_of(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| sanitize(&p.display().to_string()))
        .collect()
}

/// The articles and report of a load, from what its steps gave in order.
fn gather(done: Vec<(usize, Done)>) -> (Vec<Article>, LoadReport) {
    let mut report = LoadReport::default();
    let mut batches: Batches = Vec::with_capacity(done.len());
    // Warnings of the walk come first, then those of files, in order.
    let mut file_warnings = Vec::new();
    for (_, done) in done {
        match done {
            Done::Skipped(warning) => report.warnings.push(warning),
            Done::Parsed(p) => {
                report.files += 1;
                report.bytes += p.bytes;
                report.unreadable += p.unreadable;
                file_warnings.extend(p.warnings);
                batches.extend(p.batches);
            }
        }
    }
    report.warnings.append(&mut file_warnings);
    (concat(batches), report)
}

/// Articles in runs, in corpus order: parsed in parallel, each run into a
/// Vec of its own, and moved once, by [`concat`], when the load ends.
type Batches = Vec<Vec<Article>>;

/// The articles of every batch, in order, moved once (not at all when
/// there is one batch).
fn concat(mut batches: Batches) -> Vec<Article> {
    if batches.len() == 1 {
        return batches.pop().unwrap_or_default();
    }
    let mut articles = Vec::with_capacity(batches.iter().map(Vec::len).sum());
    for batch in batches {
        articles.extend(batch);
    }
    articles
}

/// What one step of the walk gave.
enum Done {
    Parsed(Parsed),
    Skipped(Warning),
}

/// What one input file gave.
#[derive(Debug, Default)]
struct Parsed {
    batches: Batches,
    warnings: Vec<Warning>,
    bytes: u64,
    /// 1 when the file could not be read.
    unreadable: usize,
}

impl Parsed {
    /// A file that gave no articles after all: only the warning saying why,
    /// and the `bytes` read of it.
    fn failed(input: &Input, message: impl fmt::Display, bytes: u64) -> Self {
        Self {
            warnings: vec![Warning::new(&input.path, message)],
            bytes,
            ..Self::default()
        }
    }
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
    let parsed = match kind {
        InputKind::JsonLines => jsonl::parse(&input, bytes, options)
            .unwrap_or_else(|| parse_read(&input, bytes, false, options)),
        InputKind::Json => parse_read(&input, bytes, false, options),
        InputKind::Text | InputKind::Html | InputKind::Feed => {
            let limit = read_limit(kind, options);
            let cut = bytes.len() > limit;
            parse_read(&input, &bytes[..bytes.len().min(limit)], cut, options)
        }
    };
    (concat(parsed.batches), parsed.warnings)
}

/// How much of a text file is read: a little past the body limit, for the
/// title and blank lines.
fn text_read_limit(options: &LoadOptions) -> usize {
    options.max_body.saturating_add(64 * 1024)
}

/// How much of a page or feed is read: markup takes room besides the text,
/// so twice the body limit, and at least 1 MiB. A longer page is cut (HTML
/// parses to its end whatever it is cut from), a longer feed skipped.
fn markup_read_limit(options: &LoadOptions) -> usize {
    options.max_body.saturating_mul(2).max(1024 * 1024)
}

fn read_limit(kind: InputKind, options: &LoadOptions) -> usize {
    match kind {
        InputKind::Html | InputKind::Feed => markup_read_limit(options),
        _ => text_read_limit(options),
    }
}

fn parse(input: &Input, options: &LoadOptions) -> Parsed {
    if input.kind == InputKind::JsonLines {
        match input.open() {
            Ok(Some(file)) => {
                if let Some(parsed) = jsonl::parse(input, file, options) {
                    return parsed;
                }
            }
            Ok(None) => {}
            Err(err) => return unreadable(input, err),
        }
    }
    let read = match input.kind {
        kind @ (InputKind::Text | InputKind::Html | InputKind::Feed) => {
            input.read_limited(read_limit(kind, options))
        }
        InputKind::Json | InputKind::JsonLines => input.read_all().map(|bytes| (bytes, false)),
    };
    match read {
        Ok((bytes, cut)) => parse_read(input, &bytes, cut, options),
        Err(err) => unreadable(input, err),
    }
}

/// A file that could not be read: only the warning saying why.
fn unreadable(input: &Input, err: std::io::Error) -> Parsed {
    Parsed {
        unreadable: 1,
        ..Parsed::failed(input, err, 0)
    }
}

/// Parses what was read of a file; `cut` says the read stopped at its limit.
fn parse_read(input: &Input, bytes: &[u8], cut: bool, options: &LoadOptions) -> Parsed {
    let mut parsed = Parsed {
        bytes: bytes.len() as u64,
        ..Parsed::default()
    };
    let result = match sniff::refine(input.kind, bytes) {
        InputKind::Text => {
            text::parse(input, bytes, cut, options, &mut parsed.warnings).map(|a| vec![vec![a]])
        }
        InputKind::Html => {
            page::parse(input, bytes, cut, options, &mut parsed.warnings).map(|a| vec![vec![a]])
        }
        InputKind::Feed => feed::parse(input, bytes, cut, options, &mut parsed.warnings),
        InputKind::Json => json::parse_document(input, bytes, options, &mut parsed.warnings),
        InputKind::JsonLines => json::parse_lines(input, bytes, options, &mut parsed.warnings),
    };
    match result {
        Ok(batches) => parsed.batches = batches,
        Err(message) => parsed.warnings.push(Warning::new(&input.path, message)),
    }
    parsed
}

/// Cuts `body` to at most `max` bytes on a character boundary. When it was
/// cut, here or by the read before it, a note ends the body and the warning
/// to report is returned.
fn limit_body(body: &mut String, max: usize, already_cut: bool) -> Option<String> {
    if body.len() <= max && !already_cut {
        return None;
    }
    let mut end = max.min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.truncate(end);
    let mib = max.div_ceil(1024 * 1024);
    body.push_str(&format!(
        "\n[byline: this article was cut at {mib} MiB; the rest was not loaded]"
    ));
    Some(format!("body larger than {mib} MiB; cut"))
}

#[cfg(test)]
#[path = "corpus_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "corpus/json_html_tests.rs"]
mod json_html_tests;
