//! Where byline keeps files, following the XDG base directory spec. The
//! environment is passed in, so the rules are tested without touching it.

use std::ffi::OsString;
use std::path::PathBuf;

/// The values of the variables these paths depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub xdg_config_home: Option<OsString>,
    pub xdg_state_home: Option<OsString>,
    pub xdg_cache_home: Option<OsString>,
    pub xdg_data_home: Option<OsString>,
    pub home: Option<OsString>,
}

impl Env {
    /// Reads the process environment: for `main`, not the logic.
    pub fn from_process() -> Env {
        Env {
            xdg_config_home: std::env::var_os("XDG_CONFIG_HOME"),
            xdg_state_home: std::env::var_os("XDG_STATE_HOME"),
            xdg_cache_home: std::env::var_os("XDG_CACHE_HOME"),
            xdg_data_home: std::env::var_os("XDG_DATA_HOME"),
            home: std::env::var_os("HOME"),
        }
    }

    /// `$XDG_CONFIG_HOME/byline/config.toml`, else `~/.config/byline/config.toml`.
    pub fn config_file(&self) -> Option<PathBuf> {
        let dir = base(self.xdg_config_home.as_ref(), self.home.as_ref(), ".config")?;
        Some(dir.join("byline").join("config.toml"))
    }

    /// `$XDG_STATE_HOME/byline`, else `~/.local/state/byline`.
    pub fn state_dir(&self) -> Option<PathBuf> {
        let dir = base(
            self.xdg_state_home.as_ref(),
            self.home.as_ref(),
            ".local/state",
        )?;
        Some(dir.join("byline"))
    }

    /// `$XDG_CACHE_HOME/byline`, else `~/.cache/byline`.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        let dir = base(self.xdg_cache_home.as_ref(), self.home.as_ref(), ".cache")?;
        Some(dir.join("byline"))
    }

    /// `$XDG_DATA_HOME/byline`, else `~/.local/share/byline`: the archive
    /// of fetched feeds lives in its `feeds/`.
    pub fn data_dir(&self) -> Option<PathBuf> {
        let dir = base(
            self.xdg_data_home.as_ref(),
            self.home.as_ref(),
            ".local/share",
        )?;
        Some(dir.join("byline"))
    }

    /// `$XDG_CONFIG_HOME/byline/feeds.toml`: the subscriptions.
    pub fn feeds_file(&self) -> Option<PathBuf> {
        Some(self.config_file()?.with_file_name("feeds.toml"))
    }

    /// `path` with a leading `~/` replaced by the home folder.
    pub fn expand_home(&self, path: &str) -> PathBuf {
        match (path.strip_prefix("~/"), self.home.as_ref()) {
            (Some(rest), Some(home)) if !home.is_empty() => PathBuf::from(home).join(rest),
            _ => PathBuf::from(path),
        }
    }
}

/// The spec says a relative or empty `$XDG_*` is ignored.
fn base(xdg: Option<&OsString>, home: Option<&OsString>, fallback: &str) -> Option<PathBuf> {
    if let Some(dir) = xdg.map(PathBuf::from).filter(|p| p.is_absolute()) {
        return Some(dir);
    }
    let home = home.filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(fallback))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(config: Option<&str>, state: Option<&str>, home: Option<&str>) -> Env {
        Env {
            xdg_config_home: config.map(Into::into),
            xdg_state_home: state.map(Into::into),
            xdg_cache_home: None,
            xdg_data_home: None,
            home: home.map(Into::into),
        }
    }

    #[test]
    fn xdg_variables_win_over_home() {
        let e = env(Some("/c"), Some("/s"), Some("/h"));
        assert_eq!(e.config_file(), Some("/c/byline/config.toml".into()));
        assert_eq!(e.state_dir(), Some("/s/byline".into()));
        let e = Env {
            xdg_cache_home: Some("/k".into()),
            ..e
        };
        assert_eq!(e.cache_dir(), Some("/k/byline".into()));
        let e = Env {
            xdg_data_home: Some("/d".into()),
            ..e
        };
        assert_eq!(e.data_dir(), Some("/d/byline".into()));
        assert_eq!(e.feeds_file(), Some("/c/byline/feeds.toml".into()));
    }

    #[test]
    fn home_is_the_fallback_and_relative_xdg_values_are_ignored() {
        for e in [
            env(None, None, Some("/h")),
            env(Some("rel"), Some(""), Some("/h")),
        ] {
            assert_eq!(
                e.config_file(),
                Some("/h/.config/byline/config.toml".into())
            );
            assert_eq!(e.state_dir(), Some("/h/.local/state/byline".into()));
            assert_eq!(e.cache_dir(), Some("/h/.cache/byline".into()));
            assert_eq!(e.data_dir(), Some("/h/.local/share/byline".into()));
        }
        assert_eq!(env(None, None, None).config_file(), None);
        assert_eq!(env(None, None, Some("")).state_dir(), None);
    }

    #[test]
    fn a_leading_tilde_is_home() {
        let e = env(None, None, Some("/h"));
        assert_eq!(e.expand_home("~/news"), PathBuf::from("/h/news"));
        assert_eq!(e.expand_home("news/~/x"), PathBuf::from("news/~/x"));
        assert_eq!(
            env(None, None, None).expand_home("~/n"),
            PathBuf::from("~/n")
        );
    }
}
