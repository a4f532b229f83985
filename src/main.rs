//! The `byline` binary: parse the command line, load the configuration,
//! hand over to the library.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use byline::app::{App, Exit};
use byline::cli::{self, Cli, Command, Context, CorpusArgs, Io};
use byline::config::Config;
use byline::runtime::{
    ArchivePaths, Fetcher, FullTexter, Outcome, archive_fetcher, archive_full_texter,
};
use byline::state::{Loaded, Stamp, Store};
use byline::xdg::Env;
use clap::Parser;
use ratatui::layout::Rect;

// Loading allocates a string or two for every article on every core; glibc's
// allocator grows each thread's heap a page at a time (81k mprotect calls
// for 100k articles), mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    byline::memory::give_back_at_once();
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == byline::tui::guard::GUARD_ARG)
    {
        // The terminal's guard (see `tui::guard`), not a command.
        return match byline::tui::guard::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        };
    }
    let cli = Cli::parse();
    let env = Env::from_process();
    let config = if cli.command.as_ref().is_none_or(Command::needs_config) {
        // Refused before anything else happens, the terminal included.
        match Config::load(env.config_file().as_deref()) {
            Ok(config) => config,
            Err(e) => return fail(&e, 2),
        }
    } else {
        Config::default()
    };
    let mut context = Context::new(&config, &env);
    if cli.command.as_ref().is_none_or(Command::opens_corpus) {
        // Like a bad config, a bad feeds.toml is refused before anything.
        if let Err(e) = context.open_archive_by_default() {
            return fail(&e, 2);
        }
    }
    let Some(command) = cli.command else {
        return read(&cli.corpus, config, &context);
    };
    let (mut out, mut err) = (io::stdout().lock(), io::stderr());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
    };
    match cli::run(&command, &context, &mut io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::CliError::NothingFound) => ExitCode::from(1),
        Err(e) => fail(&e, e.exit_code()),
    }
}

/// Opens the full-screen reader. Load warnings are shown inside it.
fn read(args: &CorpusArgs, config: Config, context: &Context) -> ExitCode {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return fail(
            &"the reader needs a terminal; `byline list` and `byline show` print instead",
            2,
        );
    }
    let corpus = match cli::open_for_reader(args, context) {
        Ok(corpus) => corpus,
        Err(e) => return fail(&e, 2),
    };
    let loader = Box::new(cli::loader(args, context, corpus.report.bytes));
    let mut store = context
        .state_dir
        .as_ref()
        .map(|dir| Store::new(dir, &corpus.roots));
    let mut app = App::new(corpus, config, Rect::default(), Stamp::now());
    app.set_monochrome(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    match store.as_mut().map(Store::load) {
        Some(Ok(Loaded { state, warnings })) => {
            app.restore_state(state);
            // Kept in the warnings list (w), and said at once.
            for warning in warnings {
                app.warn(warning.to_string());
            }
        }
        Some(Err(e)) => app.warn(format!("reading state not loaded: {e}")),
        None => {}
    }
    let feeds = feed_work(context);
    match byline::tui::run(app, store, loader, feeds) {
        Ok(Outcome { exit, saved }) => {
            let code = match exit {
                Exit::Quit => 0,
                Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
            };
            match saved {
                Ok(()) => ExitCode::from(code),
                // The screen is gone: a last failure is told on stderr.
                Err(e) => fail(&e, code.max(1)),
            }
        }
        Err(e) => fail(&e, 1),
    }
}

/// What `r` and `F` run in the reader; neither without a place for the
/// feeds' files.
fn feed_work(context: &Context) -> (Option<Fetcher>, Option<FullTexter>) {
    let Some((feeds_file, archive_dir)) =
        context.feeds_file.clone().zip(context.archive_dir.clone())
    else {
        return (None, None);
    };
    let paths = ArchivePaths {
        feeds_file,
        archive_dir,
    };
    let full_texter = archive_full_texter(paths.clone(), context.options.clone());
    (Some(archive_fetcher(paths)), Some(full_texter))
}

/// Says why on stderr and exits with `code`. Not `eprintln!`, which panics
/// (exit 101) when stderr is closed: the exit code must stay the one meant.
fn fail(e: &dyn std::fmt::Display, code: u8) -> ExitCode {
    let _ = writeln!(io::stderr(), "byline: {e}");
    ExitCode::from(code)
}
