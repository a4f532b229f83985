//! Fetching feeds over HTTP, politely: conditional requests, compression,
//! timeouts, a body limit, redirects checked hop by hop, Retry-After
//! honoured. One blocking client ([`Client`], ureq with rustls) shared by
//! a few threads ([`schedule::fetch_all`]); no async runtime.

pub mod article;
pub mod feed;
mod http;
pub mod run;
pub mod schedule;

use std::time::Duration;

pub use article::{fetch_full_text, may_fetch_unasked};
pub use feed::{FeedReport, Outcome};
pub use http::{Conditional, Got, Response, get};
pub use run::{Run, RunError, fetch_subscribed};
pub use schedule::{Progress, Summary, fetch_all};

use crate::feeds::archive::ArchiveError;

/// What byline says it is, to every server.
pub const USER_AGENT: &str = concat!("byline/", env!("CARGO_PKG_VERSION"));

/// How fetching behaves; the defaults are what the issue asks for, tests
/// shorten the timeouts.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Connections open at once, over all hosts.
    pub connections: usize,
    /// Connections open at once to one host.
    pub per_host: usize,
    pub connect_timeout: Duration,
    /// For a whole request, body included.
    pub timeout: Duration,
    /// The most bytes of a body, after decompression.
    pub body_limit: u64,
    pub max_redirects: usize,
    /// Items older than this many days are pruned after a fetch, unless
    /// the feed says otherwise.
    pub keep_days: Option<u32>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connections: 8,
            per_host: 2,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            body_limit: 16 << 20,
            max_redirects: 5,
            keep_days: None,
        }
    }
}

impl FetchOptions {
    /// The defaults with what `feeds.toml`'s `[fetch]` sets.
    pub fn from_settings(settings: &crate::feeds::FetchSettings) -> FetchOptions {
        let d = FetchOptions::default();
        FetchOptions {
            connections: settings.connections.unwrap_or(d.connections).max(1),
            per_host: settings.per_host.unwrap_or(d.per_host).max(1),
            connect_timeout: settings
                .connect_timeout
                .map_or(d.connect_timeout, Duration::from_secs),
            timeout: settings.timeout.map_or(d.timeout, Duration::from_secs),
            keep_days: settings.keep_days,
            ..d
        }
    }
}

/// Why a feed (or an article) could not be fetched, in words a reader
/// understands; server-given text in it is cleaned.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("DNS: no such host {0}")]
    Dns(String),
    #[error("timed out")]
    Timeout,
    #[error("TLS: {0}")]
    Tls(String),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("HTTP {0}")]
    Status(u16),
    /// 429 or 503: the server asked to come back later.
    /// `until` is from Retry-After, else the back-off; `None` before the
    /// back-off is worked out.
    #[error("HTTP {status}: the server is busy; {}", until_text(*.until))]
    Refused { status: u16, until: Option<i64> },
    #[error("larger than the {} MiB limit", .0 >> 20)]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("redirected to {0}, which byline does not follow")]
    BadRedirect(String),
    #[error("{0}")]
    BadUrl(String),
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("no article in the page: {0}")]
    NoArticle(String),
    #[error("{0}")]
    Network(String),
    #[error("archive: {0}")]
    Archive(#[from] ArchiveError),
}

fn until_text(until: Option<i64>) -> String {
    match until.and_then(|t| chrono::DateTime::from_timestamp(t, 0)) {
        Some(t) => format!(
            "not asked again before {}",
            t.format("%Y-%m-%d %H:%M:%S UTC")
        ),
        None => "backing off".to_owned(),
    }
}

/// The one HTTP client of a fetch, shared by its threads.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    options: FetchOptions,
}

impl Client {
    pub fn new(options: &FetchOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_global(Some(options.timeout))
            // Redirects are followed by hand, hop by hop: each is checked,
            // and a permanent one must be seen to move the subscription.
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build();
        Client {
            agent: config.into(),
            options: options.clone(),
        }
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }
}

/// The feed in `bytes`, or why it is not one. Entries without a guid keep
/// an empty id here, so that the archive picks the key (link, else hash).
pub fn parse_feed(bytes: &[u8], base: &str) -> Result<feed_rs::model::Feed, FetchError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(base))
        .id_generator(|_, _, _| String::new())
        .build();
    parser.parse(bytes).map_err(|e| {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
        if head.contains("<html") || head.contains("<!doctype html") {
            FetchError::NotAFeed("an HTML page".to_owned())
        } else {
            FetchError::NotAFeed(crate::clean::single_line(&e.to_string()))
        }
    })
}

#[cfg(test)]
#[path = "fetch_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
pub(crate) mod test_server;
