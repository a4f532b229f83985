//! Configuration: the user's `config.toml` laid over the defaults embedded
//! from `assets/config.toml`. Whatever the user leaves out keeps its default;
//! an action listed in `[keys]` takes exactly the keys listed.

mod error;
mod layer;
mod theme;
mod views;

use std::io;
use std::path::{Path, PathBuf};

use ratatui::style::Color;

use crate::clean::{Boilerplate, DEFAULT_BOILERPLATE};
use crate::corpus::LoadOptions;
use crate::files;
use crate::keymap::Keymap;
use crate::xdg::Env;

pub use error::ConfigError;
pub(crate) use error::Source;
use layer::Partial;
pub use theme::Theme;
pub use views::SavedView;

/// The defaults, commented; `byline config --print-default` prints them.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// How the embedded defaults are named in errors (a test keeps them valid).
const DEFAULT_NAME: &str = "<default config>";

/// Reading-pane geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderConfig {
    pub measure: u16,
    pub list_percent: u16,
    pub two_pane_min_width: u16,
}

/// `[corpus]`: what to open, and how to clean it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusConfig {
    /// Opened when no PATH is given; empty means the bundled seeds.
    pub paths: Vec<String>,
    /// Phrases to strip, on top of byline's own list.
    pub boilerplate: Vec<String>,
    /// Load changed files again as they change, as `R` does.
    pub watch: bool,
}

/// When the reader fetches the subscribed feeds by itself (`r` always can).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchConfig {
    /// Fetch as soon as the reader opens.
    pub on_start: bool,
    /// Fetch again this many minutes after the last fetch ended; 0: never.
    pub refresh_minutes: u16,
}

/// Everything a user can set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub reader: ReaderConfig,
    pub keymap: Keymap,
    pub theme: Theme,
    pub corpus: CorpusConfig,
    pub fetch: FetchConfig,
    /// The program (and its first arguments) that opens links, when
    /// `$BROWSER` is not set; empty means xdg-open (open on macOS).
    pub opener: Vec<String>,
    /// `[views]`: saved filters in the view cycle, in file order.
    pub views: Vec<SavedView>,
}

impl Config {
    /// Reads `path` (from [`Env::config_file`]) over the defaults. No path, or
    /// no file there, means the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else {
            return Config::parse("");
        };
        let file = path.display().to_string();
        let refused = |message: String| ConfigError {
            file: file.clone(),
            at: None,
            message,
        };
        // A regular file of at most 16 MiB: a FIFO there would hang byline,
        // a link to /dev/zero eat all memory.
        let bytes = match files::read_regular(path, files::READ_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Config::parse(""),
            Err(e) => return Err(refused(e.to_string())),
        };
        match String::from_utf8(bytes) {
            Ok(text) => Config::from_toml(&text, &file),
            Err(_) => Err(refused("not UTF-8 text".to_owned())),
        }
    }

    /// `text` laid over the defaults, errors naming it `config.toml`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml(text, "config.toml")
    }

    /// `text`, the contents of `file`, laid over the defaults.
    pub fn from_toml(text: &str, file: &str) -> Result<Config, ConfigError> {
        let default_source = Source {
            file: DEFAULT_NAME,
            text: DEFAULT_CONFIG,
        };
        let user_source = Source { file, text };
        let defaults = Partial::parse(&default_source)?;
        let user = Partial::parse(&user_source)?;
        let keymap = layer::keymap(&defaults.keys, &default_source, &user.keys, &user_source)?;
        let merged = user.or(defaults);
        let missing =
            |what: &str| default_source.error(None, format!("{what} is missing from the defaults"));
        let r = merged.reader;
        Ok(Config {
            reader: ReaderConfig {
                measure: r.measure.ok_or_else(|| missing("reader.measure"))?,
                list_percent: r
                    .list_percent
                    .ok_or_else(|| missing("reader.list_percent"))?,
                two_pane_min_width: r
                    .two_pane_min_width
                    .ok_or_else(|| missing("reader.two_pane_min_width"))?,
            },
            keymap,
            theme: merged
                .theme
                .complete()
                .map_err(|field| missing(&format!("theme.{field}")))?,
            opener: r.opener.unwrap_or_default(),
            views: merged.views.unwrap_or_default(),
            fetch: FetchConfig {
                on_start: r.fetch_on_start.unwrap_or_default(),
                refresh_minutes: r.refresh_minutes.unwrap_or_default(),
            },
            corpus: CorpusConfig {
                paths: merged.corpus.paths.unwrap_or_default(),
                boilerplate: merged.corpus.boilerplate.unwrap_or_default(),
                watch: merged.corpus.watch.unwrap_or_default(),
            },
        })
    }

    /// How to load a corpus: byline's boilerplate phrases and the user's.
    pub fn load_options(&self) -> LoadOptions {
        let extra = self.corpus.boilerplate.iter().map(String::as_str);
        LoadOptions {
            boilerplate: Boilerplate::new(DEFAULT_BOILERPLATE.lines().chain(extra)),
            ..LoadOptions::default()
        }
    }

    /// The corpus to open when none is named, `~/` expanded.
    pub fn default_paths(&self, env: &Env) -> Vec<PathBuf> {
        self.corpus
            .paths
            .iter()
            .map(|p| env.expand_home(p))
            .collect()
    }
}

impl Default for Config {
    fn default() -> Self {
        // The embedded defaults parse: a test checks it. The fallback only
        // keeps `default()` total.
        Config::parse("").unwrap_or_else(|_| Config {
            reader: ReaderConfig {
                measure: 80,
                list_percent: 40,
                two_pane_min_width: 90,
            },
            opener: Vec::new(),
            keymap: Keymap::default(),
            theme: Theme {
                list: Color::Reset,
                list_read: Color::Reset,
                selection_fg: Color::Black,
                selection_bg: Color::LightBlue,
                highlight: Color::Yellow,
                star: Color::Yellow,
                status_fg: Color::Black,
                status_bg: Color::Gray,
            },
            corpus: CorpusConfig::default(),
            views: Vec::new(),
            fetch: FetchConfig::default(),
        })
    }
}

#[cfg(test)]
mod tests;
