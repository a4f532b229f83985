//! `feeds.toml`: read like the configuration (a bad file is refused with
//! file:line:col), written whole and atomically.

use std::io;
use std::path::Path;

use serde::Deserialize;

use super::Subscriptions;
use crate::config::{ConfigError, Source};
use crate::files;

/// Why the list of feeds could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FeedsError {
    /// The file is there but wrong: names the place, like a bad config.
    #[error(transparent)]
    Invalid(#[from] ConfigError),
    #[error("{file}: {source}")]
    Io { file: String, source: io::Error },
}

/// The `url` of a feed, refused at its place in the file unless http(s).
pub(super) fn http_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let url = String::deserialize(d)?;
    super::check_url(&url).map_err(serde::de::Error::custom)?;
    Ok(url)
}

impl Subscriptions {
    /// Reads `path`; no file there means no subscriptions.
    pub fn load(path: &Path) -> Result<Subscriptions, FeedsError> {
        let file = path.display().to_string();
        let bytes = match files::read_regular(path, files::READ_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Subscriptions::default()),
            Err(source) => return Err(FeedsError::Io { file, source }),
        };
        let text = String::from_utf8(bytes).map_err(|_| ConfigError {
            file: file.clone(),
            at: None,
            message: "not UTF-8 text".to_owned(),
        })?;
        Ok(Subscriptions::parse(&text, &file)?)
    }

    /// `text`, the contents of `file`.
    pub fn parse(text: &str, file: &str) -> Result<Subscriptions, ConfigError> {
        let source = Source { file, text };
        let subs: Subscriptions = toml::from_str(text).map_err(|e| source.toml_error(&e))?;
        // Two entries for one URL would fetch it twice into one file.
        for (i, feed) in subs.feeds.iter().enumerate() {
            if subs.feeds[..i].iter().any(|f| f.url == feed.url) {
                let at = nth_occurrence(text, &feed.url, 2);
                return Err(source.error(at, format!("{} is listed twice", feed.url)));
            }
        }
        Ok(subs)
    }

    /// Writes the list to `path` atomically, creating its folder. Comments
    /// in a hand-written file are not kept.
    pub fn save(&self, path: &Path) -> Result<(), FeedsError> {
        let io_error = |source| FeedsError::Io {
            file: path.display().to_string(),
            source,
        };
        let text = toml::to_string(self).map_err(|e| io_error(io::Error::other(e)))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_error)?;
        }
        let header = "# byline's subscriptions: `byline feeds add URL` and `byline feeds remove` edit this.\n\n";
        files::write_atomically(path, format!("{header}{text}").as_bytes()).map_err(io_error)
    }
}

/// The span of the `n`-th (1-based) occurrence of `needle` in `text`.
fn nth_occurrence(text: &str, needle: &str, n: usize) -> Option<std::ops::Range<usize>> {
    let start = text.match_indices(needle).nth(n.checked_sub(1)?)?.0;
    Some(start..start + needle.len())
}
