//! The command line: `byline [list|show|search|stats|config] [PATH...]`.
//!
//! Every subcommand prints what the reader would show, so scripts and tests
//! see the same corpus, ids and ranking as a person does. `args` is what
//! the user may type, `commands` what each subcommand does, `print` how
//! its output looks.

mod args;
mod commands;
mod filtered;
mod print;

use std::io::{self, Write};
use std::path::PathBuf;

use crate::config::Config;
use crate::corpus::{LoadError, LoadOptions};
use crate::state::StateError;
use crate::xdg::Env;

pub use args::{Cli, Command, CorpusArgs};
pub use commands::{open_corpus, run};

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
    #[error("filter {0}")]
    Filter(#[from] crate::search::filter::FilterError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load(_) | CliError::Filter(_) => 2,
            CliError::NoSuchId(_) | CliError::State(_) | CliError::Io(_) => 1,
        }
    }
}
