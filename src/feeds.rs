//! Subscriptions and the archive they fill.
//!
//! The list of feeds is `feeds.toml` in byline's configuration folder
//! ([`file`]); `byline feeds import`/`export` speak OPML ([`opml`]). What
//! `byline fetch` brings home is kept in the archive ([`archive`]), one
//! JSON Lines file per feed, which the loader reads like any other corpus.

pub mod archive;
mod file;
pub mod item;
mod locate;
pub mod opml;

use serde::{Deserialize, Serialize};

pub use file::FeedsError;
pub use locate::{Located, NotLocated};

/// One feed, as `feeds.toml` lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// Only http and https: checked when the file is read.
    #[serde(deserialize_with = "file::http_url")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where its articles go in the reader; by default the feed's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Fetch every new item's page at fetch time, for feeds that carry
    /// only a summary.
    #[serde(default, skip_serializing_if = "is_false")]
    pub full_text: bool,
    /// Items older than this many days are pruned after each fetch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_days: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Subscription {
    pub fn new(url: &str) -> Subscription {
        Subscription {
            url: url.to_owned(),
            ..Subscription::default()
        }
    }

    /// Its name, else its URL without the scheme: what lists and errors say.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) if !name.trim().is_empty() => crate::clean::single_line(name),
            _ => {
                let bare = self.url.split_once("://").map_or(&*self.url, |(_, r)| r);
                crate::clean::single_line(bare)
            }
        }
    }

    /// Whether `key` names it: its name, or its URL exactly.
    pub fn is_named(&self, key: &str) -> bool {
        self.url == key || self.name.as_deref() == Some(key)
    }
}

/// Settings for fetching, the `[fetch]` table of `feeds.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchSettings {
    /// Connections open at once, over all hosts (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connections: Option<usize>,
    /// Connections open at once to one host (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_host: Option<usize>,
    /// Seconds to wait for a connection (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_timeout: Option<u64>,
    /// Seconds a whole request may take, body included (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// Prune items older than this many days after each fetch, unless a
    /// feed says otherwise; none: keep everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_days: Option<u32>,
}

/// The whole of `feeds.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    #[serde(default, skip_serializing_if = "is_default")]
    pub fetch: FetchSettings,
    #[serde(default, rename = "feed")]
    pub feeds: Vec<Subscription>,
}

fn is_default(s: &FetchSettings) -> bool {
    *s == FetchSettings::default()
}

/// Why a change to the list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("already subscribed to {0}")]
    Duplicate(String),
    #[error("no feed named {0:?}; `byline feeds list` shows them")]
    NotFound(String),
    #[error("{0}")]
    BadUrl(String),
}

impl Subscriptions {
    /// Adds `sub` at the end; its URL must be new and http(s).
    pub fn add(&mut self, sub: Subscription) -> Result<(), ListError> {
        check_url(&sub.url).map_err(ListError::BadUrl)?;
        if self.feeds.iter().any(|f| f.url == sub.url) {
            return Err(ListError::Duplicate(crate::clean::single_line(&sub.url)));
        }
        self.feeds.push(sub);
        Ok(())
    }

    /// Removes the feeds `key` names (by name or URL), returning them.
    pub fn remove(&mut self, key: &str) -> Result<Vec<Subscription>, ListError> {
        let (gone, kept) = std::mem::take(&mut self.feeds)
            .into_iter()
            .partition::<Vec<_>, _>(|f| f.is_named(key));
        self.feeds = kept;
        if gone.is_empty() {
            return Err(ListError::NotFound(crate::clean::single_line(key)));
        }
        Ok(gone)
    }

    /// The feeds `keys` name, in list order; all of them when `keys` is empty.
    pub fn select(&self, keys: &[String]) -> Result<Vec<Subscription>, ListError> {
        if let Some(missing) = keys
            .iter()
            .find(|k| !self.feeds.iter().any(|f| f.is_named(k)))
        {
            return Err(ListError::NotFound(crate::clean::single_line(missing)));
        }
        Ok(self
            .feeds
            .iter()
            .filter(|f| keys.is_empty() || keys.iter().any(|k| f.is_named(k)))
            .cloned()
            .collect())
    }

    /// Points the feed at `from` to `to` (after a permanent redirect).
    pub fn move_url(&mut self, from: &str, to: &str) -> bool {
        let mut moved = false;
        for feed in self.feeds.iter_mut().filter(|f| f.url == from) {
            feed.url = to.to_owned();
            moved = true;
        }
        moved
    }
}

/// Only absolute http and https URLs with a host: `file://` and the rest
/// are refused wherever a URL comes from (the user, OPML, a redirect).
pub fn check_url(url: &str) -> Result<url::Url, String> {
    let shown = crate::clean::single_line(url);
    let parsed = url::Url::parse(url).map_err(|e| format!("{shown:?} is not a URL: {e}"))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(parsed),
        "http" | "https" => Err(format!("{shown:?} has no host")),
        other => Err(format!(
            "{shown:?}: only http and https are fetched, not {other}"
        )),
    }
}

#[cfg(test)]
#[path = "feeds_tests.rs"]
mod tests;
