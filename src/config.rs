//! Configuration: defaults embedded from `assets/config.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::action::Action;
use crate::keymap::{Key, Keymap};

/// The defaults, commented; `byline config --print-default` prints them.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// Reading-pane geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderConfig {
    pub measure: u16,
    pub list_percent: u16,
    pub two_pane_min_width: u16,
}

/// Everything a user can set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub reader: ReaderConfig,
    pub keymap: Keymap,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    reader: ReaderConfig,
    keys: BTreeMap<String, Vec<String>>,
}

/// Why a configuration is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Toml(String),
    #[error("unknown action {0:?} in [keys]")]
    UnknownAction(String),
    #[error("{0}")]
    BadKey(#[from] crate::keymap::BadKey),
    #[error("key {key} is bound to both {first} and {second}")]
    Duplicate {
        key: String,
        first: &'static str,
        second: &'static str,
    },
}

impl Config {
    /// Parses a whole configuration (no layering).
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string()))?;
        let mut keymap = Keymap::default();
        for (name, keys) in &raw.keys {
            let action =
                Action::from_name(name).ok_or_else(|| ConfigError::UnknownAction(name.clone()))?;
            for key in keys {
                let key: Key = key.parse()?;
                if let Some(first) = keymap.bind(key, action).filter(|&a| a != action) {
                    return Err(ConfigError::Duplicate {
                        key: key.to_string(),
                        first: first.name(),
                        second: action.name(),
                    });
                }
            }
        }
        Ok(Config {
            reader: raw.reader,
            keymap,
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        // The embedded defaults parse: a test below checks it.
        Config::parse(DEFAULT_CONFIG).unwrap_or_else(|_| Config {
            reader: ReaderConfig {
                measure: 80,
                list_percent: 40,
                two_pane_min_width: 90,
            },
            keymap: Keymap::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_default_parses_and_binds_every_action() {
        let config = Config::parse(DEFAULT_CONFIG).unwrap();
        assert_eq!(config.reader.measure, 80);
        assert_eq!(
            config.keymap.action(&"ctrl-d".parse().unwrap()),
            Some(Action::HalfPageDown)
        );
        let unbound: Vec<_> = Action::ALL
            .iter()
            .filter(|a| config.keymap.keys_of(**a).is_empty())
            .collect();
        assert_eq!(unbound, Vec::<&Action>::new());
    }
}
