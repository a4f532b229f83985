//! The `byline` binary: parse the command line, load the configuration,
//! hand over to the library.

use std::io;
use std::process::ExitCode;

use byline::cli::{self, Cli, CliError, Command, Context, Io};
use byline::config::Config;
use byline::xdg::Env;
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Stats { corpus: cli.corpus });
    let env = Env::from_process();
    let config = if command.needs_config() {
        // Refused before anything else happens, the terminal included.
        match Config::load(env.config_file().as_deref()) {
            Ok(config) => config,
            Err(e) => {
                eprintln!("byline: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        Config::default()
    };
    let context = Context::new(&config, &env);
    let (mut out, mut err) = (io::stdout().lock(), io::stderr());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
    };
    match cli::run(&command, &context, &mut io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn report(e: &CliError) -> ExitCode {
    eprintln!("byline: {e}");
    ExitCode::from(e.exit_code())
}
