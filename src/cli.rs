//! The command line: `byline [list|show|search|stats] [PATH...]`.
//!
//! Every subcommand prints what the reader would show, so scripts and tests
//! see the same corpus, ids and ranking as a person does.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::article::Article;
use crate::corpus::{Corpus, LoadError, LoadOptions};
use crate::layout::ArticleLayout;
use crate::search;

#[derive(Debug, Parser)]
#[command(
    name = "byline",
    version,
    about = "A fast terminal news reader: a list pane, a reading pane and fuzzy search.",
    long_about = "A fast terminal news reader: a list pane, a reading pane and fuzzy search.\n\n\
        With no subcommand, opens the reader (press ? in it for the keys). PATHs are files or directories of articles: \
        plain text (.txt: title on the first line, then paragraphs), JSON (.json: an array, or \
        an object with an `articles` or `items` array) and JSON Lines (.jsonl, .ndjson). \
        Directories are walked recursively, skipping hidden entries. With no PATH, byline \
        opens the articles bundled with it.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

#[derive(Debug, Clone, Default, Args)]
pub struct CorpusArgs {
    /// Files or directories of articles [default: the bundled seed articles]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Do not print load warnings on stderr (the summary count stays)
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article, tab-separated: id, section, date, title
    List {
        /// JSON Lines with all metadata instead
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// One article as the reader shows it, wrapped
    Show {
        /// The article's id, as `byline list` prints it
        id: String,
        /// Wrap to this many columns [default: the terminal's width, or 80]
        #[arg(long, short)]
        width: Option<usize>,
        /// The article as JSON, with its paragraphs
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Fuzzy-find titles, best first, in the format of `list`
    Search {
        /// Matched like fzf: letters in order; lowercase ignores case
        query: String,
        /// Print at most N results
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// JSON Lines with all metadata instead
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Counts: articles, sections, words, duplicates, warnings, load time
    Stats {
        #[command(flatten)]
        corpus: CorpusArgs,
    },
}

/// Where a command's output goes: stdout and stderr in `main`, buffers in tests.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Why a command failed, with the exit code it deserves.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("no article with id {0:?}; `byline list` prints the ids")]
    NoSuchId(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load(_) => 2,
            CliError::NoSuchId(_) | CliError::Io(_) => 1,
        }
    }
}

/// Loads the corpus the arguments name (the bundled seeds when none), and
/// says how long it took.
pub fn open_corpus(
    args: &CorpusArgs,
    options: &LoadOptions,
) -> Result<(Corpus, Duration), LoadError> {
    let started = Instant::now();
    let corpus = if args.paths.is_empty() {
        Corpus::seeds(options)
    } else {
        Corpus::load(&args.paths, options)?
    };
    Ok((corpus, started.elapsed()))
}

/// Loads the corpus the arguments name, printing warnings and their count.
pub fn load(
    args: &CorpusArgs,
    options: &LoadOptions,
    io: &mut Io,
) -> Result<(Corpus, Duration), CliError> {
    let (corpus, elapsed) = open_corpus(args, options)?;
    let warnings = &corpus.report.warnings;
    if !args.quiet {
        for w in warnings {
            writeln!(io.err, "warning: {w}")?;
        }
    }
    if !warnings.is_empty() {
        let n = warnings.len();
        writeln!(
            io.err,
            "byline: {n} warning{}; skipped or cut what they name",
            plural(n)
        )?;
    }
    Ok((corpus, elapsed))
}

/// Runs a subcommand.
pub fn run(command: &Command, options: &LoadOptions, io: &mut Io) -> Result<(), CliError> {
    let result = match command {
        Command::List { json, corpus } => {
            let (corpus, _) = load(corpus, options, io)?;
            print_list(corpus.articles.iter(), *json, io.out)
        }
        Command::Show {
            id,
            width,
            json,
            corpus,
        } => {
            let (corpus, _) = load(corpus, options, io)?;
            let (_, article) = corpus
                .find(id)
                .ok_or_else(|| CliError::NoSuchId(id.clone()))?;
            print_article(article, width.unwrap_or_else(terminal_width), *json, io.out)
        }
        Command::Search {
            query,
            limit,
            json,
            corpus,
        } => {
            let (corpus, _) = load(corpus, options, io)?;
            let hits = search::rank(&corpus.articles, query, &|| false).unwrap_or_default();
            let shown = hits.iter().take(limit.unwrap_or(usize::MAX));
            print_list(shown.map(|h| &corpus.articles[h.index]), *json, io.out)
        }
        Command::Stats { corpus } => {
            let (corpus, elapsed) = load(corpus, options, io)?;
            print_stats(&corpus, elapsed, io.out)
        }
    };
    match result {
        // `byline list | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn terminal_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((cols, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(cols);
    }
    80
}

/// `id<TAB>section<TAB>date<TAB>title`, or JSON Lines.
pub fn print_list<'a>(
    articles: impl Iterator<Item = &'a Article>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for a in articles {
        if json {
            serde_json::to_writer(&mut out, &Listed::from(a))?;
            writeln!(out)?;
        } else {
            let section = section_name(&a.section);
            let date = a.date_label().unwrap_or_else(|| "-".into());
            writeln!(out, "{}\t{section}\t{date}\t{}", a.id, a.title)?;
        }
    }
    out.flush()
}

/// An article's metadata as JSON; `paragraphs` only for `show`.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    article: &'a Article,
    words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<Vec<&'a str>>,
}

impl<'a> From<&'a Article> for Listed<'a> {
    fn from(article: &'a Article) -> Self {
        Self {
            article,
            words: article.word_count(),
            paragraphs: None,
        }
    }
}

fn print_article(
    article: &Article,
    width: usize,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let listed = Listed {
            paragraphs: Some(article.paragraphs().collect()),
            ..Listed::from(article)
        };
        serde_json::to_writer_pretty(&mut *out, &listed)?;
        return writeln!(out);
    }
    out.write_all(ArticleLayout::new(article, width).to_text().as_bytes())
}

fn section_name(section: &str) -> &str {
    if section.is_empty() { "-" } else { section }
}

fn print_stats(corpus: &Corpus, elapsed: Duration, out: &mut dyn Write) -> io::Result<()> {
    // Per section: articles kept, and exact duplicates dropped.
    let mut sections: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for a in &corpus.articles {
        sections.entry(section_name(&a.section)).or_default().0 += 1;
    }
    for d in &corpus.duplicates {
        sections.entry(section_name(&d.section)).or_default().1 += 1;
    }
    let words: usize = corpus.articles.iter().map(Article::word_count).sum();
    let report = &corpus.report;
    writeln!(out, "articles    {}", corpus.articles.len())?;
    writeln!(out, "sections    {}", sections.len())?;
    for (name, (count, dropped)) in &sections {
        match dropped {
            0 => writeln!(out, "  {name:<18} {count:>7}")?,
            n => writeln!(
                out,
                "  {name:<18} {count:>7}  (+{n} duplicate{})",
                plural(*n)
            )?,
        }
    }
    writeln!(out, "words       {words}")?;
    writeln!(
        out,
        "files       {} ({:.1} MB)",
        report.files,
        report.bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "duplicates  {} (exact copies, loaded once)",
        report.duplicates
    )?;
    writeln!(out, "warnings    {}", report.warnings.len())?;
    writeln!(out, "load time   {:.1} ms", elapsed.as_secs_f64() * 1000.0)?;
    Ok(())
}
