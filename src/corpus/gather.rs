//! What the steps of a load or a refresh gave, put together in order:
//! the articles, the report, and the record of every file.

use std::sync::Arc;
use std::time::SystemTime;

use super::parsed::{Batches, Job, Parsed};
use super::progress::Progress;
use super::{Corpus, FileRecord, Input, LoadOptions, LoadReport, Sources, Warning, parse};
use crate::article::Article;

/// What the steps of a load gave, put together in order.
pub(super) struct Gathered {
    pub(super) articles: Vec<Arc<Article>>,
    pub(super) report: LoadReport,
    /// The files that gave articles, and which gave each article.
    pub(super) files: Vec<Arc<Input>>,
    pub(super) file_of: Vec<u32>,
    /// Every file read or reused, and what each gave.
    pub(super) sources: Sources,
}

/// The articles, report and files of a load, from what its steps gave in
/// order; `from` is the corpus refreshed, whose files [`Done::Kept`]
/// names. `sizes` are how many steps and articles there are (or about),
/// so that nothing grows as they come.
pub(super) fn gather(
    done: impl Iterator<Item = Done>,
    (steps, expected): (usize, usize),
    from: Option<&Corpus>,
) -> Gathered {
    let mut report = LoadReport::default();
    let mut sources = Sources {
        files: Vec::with_capacity(steps),
        ..Sources::default()
    };
    let mut articles = Vec::with_capacity(expected);
    let (mut files, mut file_of) = (Vec::with_capacity(steps), Vec::with_capacity(expected));
    let mut first = 0;
    // Warnings of the walk come first, then those of files, in order.
    let mut file_warnings = Vec::new();
    for done in done {
        let (input, root, p, reused) = match done {
            Done::Skipped(warning) => {
                report.warnings.push(warning);
                continue;
            }
            Done::Kept(record) => {
                let Some(from) = from else { continue };
                let file = &from.sources.files[record];
                report.files += 1;
                report.bytes += file.bytes;
                sources.files.push(FileRecord {
                    first,
                    ..file.clone()
                });
                first += file.count;
                if file.count > 0 {
                    let at = u32::try_from(files.len()).unwrap_or(u32::MAX);
                    file_of.resize(file_of.len() + file.count, at);
                    files.push(Arc::clone(&file.input));
                }
                file_warnings.extend(file.warnings.iter().cloned());
                // Straight into place: no batch of its own to move again.
                (from.sources).extend_with_articles_of(file, &from.articles, &mut articles);
                continue;
            }
            Done::File {
                input,
                root,
                parsed,
                reused,
            } => (input, root, parsed, reused),
        };
        let count: usize = p.batches.iter().map(Vec::len).sum();
        report.files += 1;
        report.bytes += p.bytes;
        sources.read += usize::from(!reused);
        let input = Arc::new(input);
        sources.files.push(FileRecord {
            input: Arc::clone(&input),
            root,
            stat: p.stat,
            first,
            count,
            bytes: p.bytes,
            warnings: p.warnings.clone(),
        });
        first += count;
        if count > 0 {
            let file = u32::try_from(files.len()).unwrap_or(u32::MAX);
            file_of.resize(file_of.len() + count, file);
            files.push(input);
        }
        file_warnings.extend(p.warnings);
        append(&mut articles, p.batches);
    }
    sources.walk_warnings = report.warnings.len();
    report.warnings.append(&mut file_warnings);
    Gathered {
        articles,
        report,
        files,
        file_of,
        sources,
    }
}

/// Adds `batches` to `articles`, each moved once: a first batch larger
/// than the room made becomes the articles (a JSON Lines file of a
/// million entries is not moved at all).
fn append(articles: &mut Vec<Arc<Article>>, batches: Batches) {
    for batch in batches {
        if articles.is_empty() && batch.capacity() > articles.capacity() {
            *articles = batch;
        } else {
            articles.extend(batch);
        }
    }
}

/// The articles of every batch, in order, moved once (not at all when
/// there is one batch).
pub(super) fn concat(mut batches: Batches) -> Vec<Arc<Article>> {
    if batches.len() == 1 {
        return batches.pop().unwrap_or_default();
    }
    let mut articles = Vec::with_capacity(batches.iter().map(Vec::len).sum());
    for batch in batches {
        articles.extend(batch);
    }
    articles
}

/// What one step of the walk gave: a file read now, one whose articles
/// were taken from the corpus before, or a warning. A file's record is
/// filled in by [`gather`], but for where it is and its stat.
pub(super) enum Done {
    /// A file, parsed now or (`reused`) taken from the corpus before;
    /// `root` is the index of the root walked.
    File {
        input: Input,
        root: usize,
        parsed: Parsed,
        reused: bool,
    },
    /// A file of the corpus refreshed, kept as it was: its index in that
    /// corpus's records.
    Kept(usize),
    Skipped(Warning),
}

impl Done {
    /// How many articles this step gave, duplicates included (a kept
    /// file's are counted in its record).
    pub(super) fn articles(&self) -> usize {
        match self {
            Done::File { parsed, .. } => parsed.batches.iter().map(Vec::len).sum(),
            Done::Kept(_) | Done::Skipped(_) => 0,
        }
    }

    /// `input` read and parsed; its stat is taken when it is opened, before
    /// it is read, so that a change while it is read shows at the next
    /// refresh.
    pub(super) fn read(
        input: Input,
        root: usize,
        options: &LoadOptions,
        start: SystemTime,
        progress: &Progress,
    ) -> Self {
        let job = Job {
            input: &input,
            options,
        };
        let mut parsed = parse(job, progress);
        parsed.stat = parsed.stat.filter(|stat| !stat.is_racy(start));
        Done::File {
            input,
            root,
            parsed,
            reused: false,
        }
    }
}
