//! The `byline` binary: parse the command line, hand over to the library.

use std::io;
use std::process::ExitCode;

use byline::cli::{self, Cli, CliError, Command, Io};
use byline::corpus::LoadOptions;
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = LoadOptions::default();
    let (mut out, mut err) = (io::stdout().lock(), io::stderr());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
    };
    let command = cli.command.unwrap_or(Command::Stats { corpus: cli.corpus });
    match cli::run(&command, &options, &mut io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn report(e: &CliError) -> ExitCode {
    eprintln!("byline: {e}");
    ExitCode::from(e.exit_code())
}
