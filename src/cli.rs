//! The command line: `byline [list|show|search|stats|config] [PATH...]`.
//!
//! Every subcommand prints what the reader would show, so scripts and tests
//! see the same corpus, ids and ranking as a person does.

mod print;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::corpus::listing::{self, Listing};
use crate::corpus::{Corpus, LoadError, LoadOptions, Warning};
use crate::search;
use crate::state::{ReadingState, StateError, Store, View};
use crate::xdg::Env;

use print::{plural, print_article, print_config, print_json_lines, print_rows, print_stats};

#[derive(Debug, Parser)]
#[command(
    name = "byline",
    version,
    about = "A fast terminal news reader: a list pane, a reading pane and fuzzy search.",
    long_about = "A fast terminal news reader: a list pane, a reading pane and fuzzy search.\n\n\
        With no subcommand, opens the reader (press ? in it for the keys). PATHs are files or directories of articles: \
        plain text (.txt: title on the first line, then paragraphs), JSON (.json: an array, or \
        an object with an `articles` or `items` array), JSON Lines (.jsonl, .ndjson), saved \
        web pages (.html, .htm) and feeds (.xml, .rss, .atom, .rdf: RSS, Atom, JSON Feed). \
        Directories are walked recursively, skipping hidden entries. With no PATH, byline \
        opens the `paths` of `[corpus]` in its configuration file, or else the articles \
        bundled with it. `byline config` shows where the configuration and reading state \
        live.",
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
    /// Files or directories of articles [default: `[corpus] paths` from the configuration, else the bundled seed articles]
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
        /// Only articles not yet read (as saved by the reader for this corpus)
        #[arg(long, conflicts_with = "starred")]
        unread: bool,
        /// Only starred articles (as saved by the reader for this corpus)
        #[arg(long)]
        starred: bool,
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
    /// Where the configuration and reading state live; the defaults
    Config {
        /// Print the default configuration, commented, to copy from
        #[arg(long)]
        print_default: bool,
    },
}

impl Command {
    /// Whether the command reads the user's configuration. `config` does
    /// not, so it still works when the file is broken: it is how to fix it.
    pub fn needs_config(&self) -> bool {
        !matches!(self, Command::Config { .. })
    }
}

/// What commands need besides their arguments, settled in `main` from the
/// configuration and the environment.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub options: LoadOptions,
    /// Opened when no PATH is given (`[corpus] paths`); empty: the seeds.
    pub default_paths: Vec<PathBuf>,
    /// The configuration file looked for, whether or not it exists.
    pub config_file: Option<PathBuf>,
    /// Where reading state is kept; `None` when no home can be found.
    pub state_dir: Option<PathBuf>,
    /// Where listings are cached for `search`; `None`: not cached.
    pub cache_dir: Option<PathBuf>,
}

impl Context {
    pub fn new(config: &Config, env: &Env) -> Context {
        Context {
            options: config.load_options(),
            default_paths: config.default_paths(env),
            config_file: env.config_file(),
            state_dir: env.state_dir(),
            cache_dir: env.cache_dir(),
        }
    }
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
    #[error("reading state {0}")]
    State(#[from] StateError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load(_) => 2,
            CliError::NoSuchId(_) | CliError::State(_) | CliError::Io(_) => 1,
        }
    }
}

/// Loads the corpus the arguments name (or the configured default; the
/// bundled seeds when neither), and says how long it took.
pub fn open_corpus(args: &CorpusArgs, context: &Context) -> Result<(Corpus, Duration), LoadError> {
    let started = Instant::now();
    let paths = paths(args, context);
    let corpus = if paths.is_empty() {
        Corpus::seeds(&context.options)
    } else {
        Corpus::load(paths, &context.options)?
    };
    Ok((corpus, started.elapsed()))
}

/// The paths given, else those configured; empty: the bundled seeds.
fn paths<'a>(args: &'a CorpusArgs, context: &'a Context) -> &'a [PathBuf] {
    if args.paths.is_empty() {
        &context.default_paths
    } else {
        &args.paths
    }
}

/// Loads the corpus the arguments name, printing warnings and their count.
///
/// The corpus is left to the end of the process, which is near, instead of
/// being freed article by article: that was 13 ms of `byline search` on a
/// hundred thousand articles.
fn load(
    args: &CorpusArgs,
    context: &Context,
    io: &mut Io,
) -> Result<(&'static Corpus, Duration), CliError> {
    let (corpus, elapsed) = open_corpus(args, context)?;
    report_warnings(&corpus.report.warnings, args.quiet, io)?;
    Ok((Box::leak(Box::new(corpus)), elapsed))
}

/// Load warnings on stderr (unless `quiet`), then how many there were.
fn report_warnings(warnings: &[Warning], quiet: bool, io: &mut Io) -> io::Result<()> {
    if !quiet {
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
    Ok(())
}

/// Runs a subcommand.
pub fn run(command: &Command, context: &Context, io: &mut Io) -> Result<(), CliError> {
    let result = match command {
        Command::List {
            json,
            unread,
            starred,
            corpus,
        } => {
            let view = match (unread, starred) {
                (true, _) => View::Unread,
                (_, true) => View::Starred,
                _ => View::All,
            };
            list(corpus, view, *json, context, io)
        }
        Command::Show {
            id,
            width,
            json,
            corpus,
        } => {
            let (corpus, _) = load(corpus, context, io)?;
            let (_, article) = corpus
                .find(id)
                .ok_or_else(|| CliError::NoSuchId(id.clone()))?;
            Ok(print_article(
                article,
                width.unwrap_or_else(terminal_width),
                *json,
                io.out,
            )?)
        }
        Command::Search {
            query,
            limit,
            json: false,
            corpus,
        } => search_listing(corpus, query, limit.unwrap_or(usize::MAX), context, io),
        Command::Search {
            query,
            limit,
            json: true,
            corpus,
        } => {
            let (corpus, _) = load(corpus, context, io)?;
            let hits = search::rank(&corpus.articles, query, &|| false).unwrap_or_default();
            let shown = hits.iter().take(limit.unwrap_or(usize::MAX));
            Ok(print_json_lines(
                shown.map(|h| &corpus.articles[h.index]),
                io.out,
            )?)
        }
        Command::Stats { corpus } => {
            let (corpus, elapsed) = load(corpus, context, io)?;
            Ok(print_stats(corpus, elapsed, io.out)?)
        }
        Command::Config { print_default } => Ok(print_config(*print_default, context, io.out)?),
    };
    match result {
        // `byline list | head` is not an error.
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The listing of the corpus the arguments name, printing warnings and
/// their count. It comes from the cache when the corpus has not changed
/// since the listing was made: `list` and `search` print lines from it.
fn open_listing(args: &CorpusArgs, context: &Context, io: &mut Io) -> Result<Listing, CliError> {
    let (paths, options) = (paths(args, context), &context.options);
    let listing = match &context.cache_dir {
        Some(dir) if !paths.is_empty() => listing::open(paths, options, dir, listing::SETTLE)?,
        _ => Listing::of(&open_corpus(args, context)?.0),
    };
    report_warnings(&listing.report.warnings, args.quiet, io)?;
    Ok(listing)
}

/// `search` printing lines: ranked from the listing alone.
fn search_listing(
    args: &CorpusArgs,
    query: &str,
    limit: usize,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    let listing = open_listing(args, context, io)?;
    let hits = search::rank_index(&listing.titles, query, &|| false).unwrap_or_default();
    let shown = hits.iter().take(limit).map(|hit| hit.index);
    Ok(print_rows(&listing, shown, io.out)?)
}

/// `list`, keeping the articles `view` shows in the saved state.
fn list(
    args: &CorpusArgs,
    view: View,
    json: bool,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    if !json {
        let listing = open_listing(args, context, io)?;
        let state = saved_state(&listing.roots, view, context, io)?;
        let shown = (0..listing.len()).filter(|&i| state.shows(view, listing.ids.get(i)));
        return Ok(print_rows(&listing, shown, io.out)?);
    }
    let (corpus, _) = load(args, context, io)?;
    let state = saved_state(&corpus.roots, view, context, io)?;
    let shown = corpus.articles.iter().filter(|a| state.shows(view, &a.id));
    Ok(print_json_lines(shown, io.out)?)
}

/// The reading state saved for the corpus named by `roots`, when `view`
/// needs it.
fn saved_state(
    roots: &[String],
    view: View,
    context: &Context,
    io: &mut Io,
) -> Result<ReadingState, CliError> {
    match (&context.state_dir, view) {
        (_, View::All) | (None, _) => Ok(ReadingState::default()),
        (Some(dir), _) => {
            let loaded = Store::new(dir, roots).load()?;
            if let Some(warning) = loaded.warning {
                writeln!(io.err, "warning: {warning}")?;
            }
            Ok(loaded.state)
        }
    }
}

fn terminal_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((cols, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(cols);
    }
    80
}
