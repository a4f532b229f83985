//! The `byline` binary: parse the command line, hand over to the library.

use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::Arc;

use byline::app::App;
use byline::cli::{self, Cli, CorpusArgs, Io};
use byline::config::Config;
use byline::corpus::LoadOptions;
use clap::Parser;
use ratatui::layout::Rect;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = LoadOptions::default();
    let Some(command) = cli.command else {
        return read(&cli.corpus, &options);
    };
    let (mut out, mut err) = (io::stdout().lock(), io::stderr());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
    };
    match cli::run(&command, &options, &mut io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, e.exit_code()),
    }
}

/// Opens the full-screen reader. Load warnings are shown inside it.
fn read(args: &CorpusArgs, options: &LoadOptions) -> ExitCode {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "byline: the reader needs a terminal; `byline list` and `byline show` print instead"
        );
        return ExitCode::from(2);
    }
    let corpus = match cli::open_corpus(args, options) {
        Ok((corpus, _)) => corpus,
        Err(e) => return fail(&e, 2),
    };
    let mut app = App::new(Arc::new(corpus), Config::default(), Rect::default());
    app.monochrome = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match byline::tui::run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, 1),
    }
}

fn fail(e: &dyn std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("byline: {e}");
    ExitCode::from(code)
}
