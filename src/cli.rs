//! The command line: `byline [list|show|search|stats|config] [PATH...]`.
//!
//! Every subcommand prints what the reader would show, so scripts and tests
//! see the same corpus, ids and ranking as a person does. `args` is what
//! the user may type, `commands` what each subcommand does, `print` how
//! its output looks.

mod args;
mod commands;
mod feeds;
mod fetch;
mod filtered;
mod print;
mod reader;

use std::io::{self, Write};
use std::path::PathBuf;

use crate::config::Config;
use crate::corpus::{LoadError, LoadOptions};
use crate::state::StateError;
use crate::xdg::Env;

pub use args::{Cli, Command, CorpusArgs};
pub use commands::{open_corpus, run};
pub use feeds::{FeedsCommand, FetchArgs};
pub use reader::{loader, open_for_reader};

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
    /// The subscriptions, `feeds.toml`; `None` when no home can be found.
    pub feeds_file: Option<PathBuf>,
    /// The archive of fetched feeds.
    pub archive_dir: Option<PathBuf>,
    /// The reading measure: `show` wraps no wider.
    pub measure: usize,
}

impl Context {
    pub fn new(config: &Config, env: &Env) -> Context {
        Context {
            options: config.load_options(),
            default_paths: config.default_paths(env),
            config_file: env.config_file(),
            state_dir: env.state_dir(),
            cache_dir: env.cache_dir(),
            feeds_file: env.feeds_file(),
            archive_dir: env.data_dir().map(|d| d.join("feeds")),
            measure: usize::from(config.reader.measure),
        }
    }

    /// With feeds subscribed, the archive is what opens when no PATH is
    /// given (before any `[corpus] paths`). A bad `feeds.toml` is refused.
    pub fn open_archive_by_default(&mut self) -> Result<(), crate::feeds::FeedsError> {
        let (Some(file), Some(archive)) = (&self.feeds_file, &self.archive_dir) else {
            return Ok(());
        };
        if !crate::feeds::Subscriptions::load(file)?.feeds.is_empty() {
            self.default_paths.insert(0, archive.clone());
        }
        Ok(())
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
    /// A search matched nothing: exit 1, saying nothing.
    #[error("nothing matched")]
    NothingFound,
    #[error("filter {0}")]
    Filter(#[from] crate::search::filter::FilterError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error(transparent)]
    Feeds(#[from] crate::feeds::FeedsError),
    #[error(transparent)]
    List(#[from] crate::feeds::ListError),
    #[error(transparent)]
    Archive(#[from] crate::feeds::archive::ArchiveError),
    #[error(transparent)]
    Fetch(#[from] crate::fetch::FetchError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Busy(String),
    #[error("{failed} of {total} feeds failed")]
    FeedsFailed { failed: usize, total: usize },
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load(_) | CliError::Feeds(_) | CliError::Usage(_) | CliError::Filter(_) => 2,
            CliError::NoSuchId(_)
            | CliError::NothingFound
            | CliError::State(_)
            | CliError::Io(_)
            | CliError::List(_)
            | CliError::Archive(_)
            | CliError::Fetch(_)
            | CliError::Busy(_)
            | CliError::FeedsFailed { .. } => 1,
        }
    }
}
