//! What each subcommand does: load the corpus (or its cached listing) and
//! the saved state it needs, then print.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::print::{
    plural, print_article, print_config, print_json_lines, print_marked_json_lines, print_rows,
    print_stats, print_text_hits,
};
use super::{CliError, Command, Context, CorpusArgs, Io, filtered};
use crate::corpus::listing::{self, Listing};
use crate::corpus::{Corpus, LoadError, Warning};
use crate::search;
use crate::search::text::{TextIndex, TextQuery};
use crate::state::{ReadingState, Store, View};

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
pub(super) fn paths<'a>(args: &'a CorpusArgs, context: &'a Context) -> &'a [PathBuf] {
    if args.seeds {
        &[]
    } else if args.paths.is_empty() {
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
pub(super) fn load(
    args: &CorpusArgs,
    context: &Context,
    io: &mut Io,
) -> Result<(&'static Corpus, Duration), CliError> {
    let (corpus, elapsed) = open_corpus(args, context)?;
    report_warnings(&corpus.report.warnings, args.quiet, io);
    Ok((Box::leak(Box::new(corpus)), elapsed))
}

/// Load warnings on stderr (unless `quiet`), then how many there were.
fn report_warnings(warnings: &[Warning], quiet: bool, io: &mut Io) {
    if !quiet {
        for w in warnings {
            warn(io, format_args!("warning: {w}"));
        }
    }
    if !warnings.is_empty() {
        let n = warnings.len();
        warn(
            io,
            format_args!(
                "byline: {n} warning{}; skipped or cut what they name",
                plural(n)
            ),
        );
    }
}

/// One line on stderr. A stderr that cannot be written (closed, full) must
/// not stop the output asked for, nor fail the command: the line is lost.
fn warn(io: &mut Io, line: std::fmt::Arguments) {
    let _ = writeln!(io.err, "{line}");
}

/// Runs a subcommand. Output to a reader that went away (`byline list |
/// head`) is not an error: the command stops there, quietly, and succeeds,
/// as ripgrep and git do.
pub fn run(command: &Command, context: &Context, io: &mut Io) -> Result<(), CliError> {
    match dispatch(command, context, io) {
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn dispatch(command: &Command, context: &Context, io: &mut Io) -> Result<(), CliError> {
    match command {
        Command::List {
            json,
            unread,
            starred,
            filter,
            corpus,
        } => {
            let view = match (unread, starred) {
                (true, _) => View::Unread,
                (_, true) => View::Starred,
                _ => View::All,
            };
            match filter {
                Some(filter) => filtered::list(corpus, view, filter, *json, context, io),
                None => list(corpus, view, *json, context, io),
            }
        }
        Command::Show {
            id,
            width,
            json,
            corpus,
        } => show(
            corpus,
            id,
            width.map_or_else(|| terminal_width().min(context.measure), usize::from),
            *json,
            context,
            io,
        ),
        Command::Search {
            query,
            text,
            filter,
            limit,
            json,
            corpus,
        } => {
            let limit = limit.unwrap_or(usize::MAX);
            if let Some(filter) = filter {
                let asked = filtered::Asked {
                    query,
                    text: *text,
                    limit,
                    json: *json,
                };
                filtered::search(corpus, &asked, filter, context, io)
            } else if *text {
                search_text(corpus, query, limit, *json, context, io)
            } else if *json {
                search_json(corpus, query, limit, context, io)
            } else {
                search_listing(corpus, query, limit, context, io)
            }
        }
        Command::Stats { corpus } => {
            let (corpus, elapsed) = load(corpus, context, io)?;
            Ok(print_stats(corpus, elapsed, io.out)?)
        }
        Command::Config { print_default } => Ok(print_config(*print_default, context, io.out)?),
        Command::Feeds { command } => super::feeds::run(command, context, io),
        Command::Fetch(args) => super::feeds::fetch(args, context, io),
    }
}

/// `show`: one article, wrapped to `width` or as JSON.
fn show(
    args: &CorpusArgs,
    id: &str,
    width: usize,
    json: bool,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    let (corpus, _) = load(args, context, io)?;
    let (_, article) = corpus
        .find(id)
        .ok_or_else(|| CliError::NoSuchId(id.to_owned()))?;
    Ok(print_article(article, width, json, io.out)?)
}

/// `search --json`: ranked from the whole corpus, for the metadata.
/// A search that found nothing fails, quietly, as grep's and fzf's do.
fn found(hits: usize) -> Result<(), CliError> {
    if hits == 0 {
        return Err(CliError::NothingFound);
    }
    Ok(())
}

fn search_json(
    args: &CorpusArgs,
    query: &str,
    limit: usize,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    let (corpus, _) = load(args, context, io)?;
    let hits = match limit {
        usize::MAX => search::rank(&corpus.articles, query, &|| false),
        // At least one, to tell whether anything matched.
        k => search::rank_top(&corpus.articles, query, k.max(1), &|| false),
    };
    let hits = hits.unwrap_or_default();
    let shown = hits.iter().take(limit).map(|h| &*corpus.articles[h.index]);
    print_json_lines(shown, io.out)?;
    found(hits.len())
}

/// `search --text`: the whole corpus indexed, then ranked by BM25, each
/// hit with its best passage.
fn search_text(
    args: &CorpusArgs,
    query: &str,
    limit: usize,
    json: bool,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    let (corpus, _) = load(args, context, io)?;
    let index = text_index(corpus, context);
    let query = TextQuery::parse(query);
    let hits = index.search(&corpus.articles, &query);
    let count = hits.len();
    let shown = hits.iter().take(limit).map(|h| {
        let article = &*corpus.articles[h.index];
        (article, h.score, search::text::snippet(article, &query))
    });
    print_text_hits(shown, json, io.out)?;
    found(count)
}

/// The text index of `corpus`: from the cache when one made for these
/// very articles is there, else built (and cached).
pub(super) fn text_index(corpus: &Corpus, context: &Context) -> TextIndex {
    let (articles, paths) = (&corpus.articles, &corpus.root_paths);
    let dir = context.cache_dir.as_deref();
    search::text::store::open(articles, paths, dir, &|_| {}, &|| false).unwrap_or_default()
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
    report_warnings(&listing.report.warnings, args.quiet, io);
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
    let hits = match limit {
        usize::MAX => search::rank_index(&listing.titles, query, &|| false),
        // At least one, to tell whether anything matched.
        k => search::rank_index_top(&listing.titles, query, k.max(1), &|| false),
    };
    let hits = hits.unwrap_or_default();
    let shown = hits.iter().take(limit).map(|hit| hit.index);
    print_rows(&listing, shown, io.out)?;
    found(hits.len())
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
    // Read whatever the view: the marks are printed.
    let state = saved_state(&corpus.roots, View::Unread, context, io)?;
    let articles = corpus.articles.iter().map(|a| &**a);
    let shown = articles.filter(|a| state.shows(view, &a.id));
    Ok(print_marked_json_lines(shown, &state, io.out)?)
}

/// The reading state saved for the corpus named by `roots`, when `view`
/// needs it.
pub(super) fn saved_state(
    roots: &[String],
    view: View,
    context: &Context,
    io: &mut Io,
) -> Result<ReadingState, CliError> {
    match (&context.state_dir, view) {
        (_, View::All) | (None, _) => Ok(ReadingState::default()),
        (Some(dir), _) => {
            // Read-only: a command never moves, locks or writes state.
            let loaded = Store::new(dir, roots).load_read_only()?;
            for warning in &loaded.warnings {
                warn(io, format_args!("warning: {warning}"));
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
