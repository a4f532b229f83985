//! One feed, end to end: ask (conditionally), parse, merge into the
//! archive, remember the validators, fetch full texts if the feed wants.

use serde::Serialize;

use super::{Client, Conditional, FetchError, Got, article, get, parse_feed};
use crate::feeds::Subscription;
use crate::feeds::archive::Archive;
use crate::feeds::item::{self, Merged, Origin};

/// What became of one feed.
#[derive(Debug)]
pub enum Outcome {
    Fetched(Merged),
    NotModified,
    /// The server asked not to be asked before then (Unix seconds).
    Deferred(i64),
    Failed(FetchError),
    /// The fetch was cancelled before this feed started.
    Cancelled,
}

impl Outcome {
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Failed(_))
    }
}

/// One feed's line in a fetch's summary.
#[derive(Debug)]
pub struct FeedReport {
    pub label: String,
    pub url: String,
    pub outcome: Outcome,
    /// Where the feed moved for good (301, 308): the subscription should
    /// follow. The archive files already have.
    pub moved_to: Option<String>,
    /// Full texts that could not be fetched, in words.
    pub full_text_errors: Vec<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    feed: &'a str,
    url: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_to: Option<&'a str>,
}

impl FeedReport {
    /// As `byline fetch --json` prints it.
    pub fn to_json(&self) -> serde_json::Value {
        let (status, merged, error) = match &self.outcome {
            Outcome::Fetched(m) => ("fetched", Some(*m), None),
            Outcome::NotModified => ("not_modified", None, None),
            Outcome::Deferred(_) => ("deferred", None, None),
            Outcome::Failed(e) => ("failed", None, Some(e.to_string())),
            Outcome::Cancelled => ("cancelled", None, None),
        };
        serde_json::to_value(JsonReport {
            feed: &self.label,
            url: &self.url,
            status,
            new: merged.map(|m| m.new),
            updated: merged.map(|m| m.updated),
            error,
            moved_to: self.moved_to.as_deref(),
        })
        .unwrap_or_default()
    }
}

/// The back-off after `refusals` 429s or 503s in a row with no
/// Retry-After: 5 minutes, doubling, at most a day.
fn backoff(refusals: u32) -> i64 {
    (300_i64 << refusals.saturating_sub(1).min(9)).min(86_400)
}

/// Fetches `sub` into `archive`. `now` is Unix seconds.
pub fn fetch_feed(client: &Client, archive: &Archive, sub: &Subscription, now: i64) -> FeedReport {
    fetch_feed_then(client, archive, sub, now, &|| {})
}

/// [`fetch_feed`], calling `downloaded` once the feed's own request is
/// over (before parsing and writing), so that the scheduler can give the
/// host's connection to the next feed while this one is stored: writes
/// wait on the disk, not the server. A `full_text` feed goes on talking
/// to servers, so it calls it only at the end.
pub fn fetch_feed_then(
    client: &Client,
    archive: &Archive,
    sub: &Subscription,
    now: i64,
    downloaded: &dyn Fn(),
) -> FeedReport {
    let mut report = FeedReport {
        label: sub.label(),
        url: sub.url.clone(),
        outcome: Outcome::Cancelled,
        moved_to: None,
        full_text_errors: Vec::new(),
    };
    report.outcome = match fetch(client, archive, sub, now, &mut report, downloaded) {
        Ok(outcome) => outcome,
        Err(e) => Outcome::Failed(e),
    };
    report
}

fn fetch(
    client: &Client,
    archive: &Archive,
    sub: &Subscription,
    now: i64,
    report: &mut FeedReport,
    downloaded: &dyn Fn(),
) -> Result<Outcome, FetchError> {
    let mut cache = archive.read_cache(&sub.url);
    if let Some(until) = cache.not_before.filter(|&t| t > now) {
        return Ok(Outcome::Deferred(until));
    }
    let conditional = Conditional {
        etag: cache.etag.clone(),
        last_modified: cache.last_modified.clone(),
    };
    let response = get(client, &sub.url, &conditional);
    if !sub.full_text {
        downloaded();
    }
    let response = match response {
        Err(FetchError::Refused { status, until }) => {
            cache.refusals = cache.refusals.saturating_add(1);
            let until = until.unwrap_or(now + backoff(cache.refusals));
            cache.not_before = Some(until);
            archive.write_cache(&sub.url, &cache)?;
            return Err(FetchError::Refused {
                status,
                until: Some(until),
            });
        }
        other => other?,
    };
    let mut url = sub.url.clone();
    if let Some(to) = &response.moved_to {
        archive.rename_feed(&sub.url, to)?;
        report.moved_to = Some(to.clone());
        url.clone_from(to);
    }
    let before = cache.clone();
    cache.not_before = None;
    cache.refusals = 0;
    let outcome = match response.got {
        Got::NotModified => Outcome::NotModified,
        Got::Body {
            bytes,
            etag,
            last_modified,
        } => {
            let merged = store(
                client,
                archive,
                sub,
                &url,
                &bytes,
                &response.url,
                now,
                report,
            )?;
            // Validators only once the items they stand for are stored.
            (cache.etag, cache.last_modified) = (etag, last_modified);
            cache.fetched = Some(now);
            Outcome::Fetched(merged)
        }
    };
    // A 304 that changes nothing costs no write (nor its two fsyncs).
    if cache != before || report.moved_to.is_some() {
        archive.write_cache(&url, &cache)?;
    }
    Ok(outcome)
}

/// Parses the body and merges its items into the feed's file, pruned.
#[allow(clippy::too_many_arguments)]
fn store(
    client: &Client,
    archive: &Archive,
    sub: &Subscription,
    url: &str,
    bytes: &[u8],
    base: &str,
    now: i64,
    report: &mut FeedReport,
) -> Result<Merged, FetchError> {
    let feed = parse_feed(bytes, base)?;
    let origin = Origin {
        section: sub.section.clone().unwrap_or_default(),
        tags: sub.tags.clone(),
        now,
    };
    let fresh = item::from_feed(feed, &origin);
    let keep_days = sub.keep_days.or(client.options().keep_days);
    let (merged, new_ids) = archive.update(url, |kept| {
        let before = kept.len();
        let merged = item::merge(kept, fresh);
        let new_ids: Vec<(String, String)> = kept[before..]
            .iter()
            .filter_map(|i| Some((i.id.clone(), i.url.clone()?)))
            .collect();
        let len = kept.len();
        if let Some(days) = keep_days {
            let cutoff = now - i64::from(days) * 86_400;
            kept.retain(|item| item.age_stamp() >= cutoff);
        }
        // A feed that said nothing new costs no write.
        let changed = merged.new + merged.updated > 0 || kept.len() != len;
        (changed, (merged, new_ids))
    })?;
    if sub.full_text {
        full_texts(client, archive, url, new_ids, report);
    }
    Ok(merged)
}

/// The pages of a `full_text` feed's new items, each kept in the archive,
/// except those the feed may not make byline fetch ([`article::may_fetch_unasked`]).
fn full_texts(
    client: &Client,
    archive: &Archive,
    url: &str,
    new_ids: Vec<(String, String)>,
    report: &mut FeedReport,
) {
    let options = crate::corpus::LoadOptions::default();
    for (id, link) in new_ids {
        if !article::may_fetch_unasked(url, &link) {
            continue;
        }
        let stored = article::fetch_full_text(&link, client, &options)
            .and_then(|text| Ok(archive.store_full_text(url, &id, &text)?));
        if let Err(e) = stored {
            report.full_text_errors.push(format!("{link}: {e}"));
        }
    }
}
