//! All feeds at once: a few threads take feeds from one queue, at most
//! `connections` at a time and `per_host` to one host, and say how each
//! went as it ends. Cancelling stops feeds from starting; those under way
//! end within the request timeout.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::feed::{FeedReport, Outcome, fetch_feed_then};
use super::{Client, FetchOptions};
use crate::feeds::Subscription;
use crate::feeds::archive::Archive;

/// What [`fetch_all`] tells as it goes, from its worker threads.
#[derive(Debug)]
pub enum Progress<'a> {
    /// Feed `index` (of `total`) started.
    Started {
        index: usize,
        total: usize,
        label: &'a str,
    },
    /// Feed `index` ended so; `done` of `total` have ended now.
    Finished {
        index: usize,
        done: usize,
        total: usize,
        report: &'a FeedReport,
    },
}

/// Every feed's report, in the order of the subscriptions given.
#[derive(Debug)]
pub struct Summary {
    pub reports: Vec<FeedReport>,
    pub elapsed: Duration,
}

impl Summary {
    pub fn failures(&self) -> usize {
        self.reports
            .iter()
            .filter(|r| r.outcome.is_failure())
            .count()
    }

    /// One line for a status bar: `12 feeds: 40 new, 3 updated, 2 failed`.
    pub fn line(&self) -> String {
        let (mut new, mut updated) = (0, 0);
        for r in &self.reports {
            if let Outcome::Fetched(m) = &r.outcome {
                (new, updated) = (new + m.new, updated + m.updated);
            }
        }
        let n = self.reports.len();
        let mut line = format!("{n} feed{}: {new} new", if n == 1 { "" } else { "s" });
        if updated > 0 {
            line.push_str(&format!(", {updated} updated"));
        }
        match self.failures() {
            0 => {}
            failed => line.push_str(&format!(", {failed} failed")),
        }
        line
    }

    /// `name: error in words` for each feed that failed, and for each full
    /// text that could not be fetched: for a warnings list.
    pub fn failure_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for r in &self.reports {
            if let Outcome::Failed(e) = &r.outcome {
                lines.push(format!("{}: {e}", r.label));
            }
            for why in &r.full_text_errors {
                lines.push(format!("{}: full text not fetched: {why}", r.label));
            }
        }
        lines
    }

    /// Whether any feed's file changed (new or updated items, a move): the
    /// articles should be loaded again.
    pub fn changed(&self) -> bool {
        self.reports.iter().any(|r| {
            r.moved_to.is_some()
                || matches!(&r.outcome, Outcome::Fetched(m) if m.new + m.updated > 0)
        })
    }

    /// `(old URL, new URL)` of each feed that moved for good: apply them to
    /// the subscriptions with [`Subscriptions::move_url`] and save. The
    /// archive files have moved already.
    ///
    /// [`Subscriptions::move_url`]: crate::feeds::Subscriptions::move_url
    pub fn moves(&self) -> impl Iterator<Item = (&str, &str)> {
        self.reports
            .iter()
            .filter_map(|r| Some((r.url.as_str(), r.moved_to.as_deref()?)))
    }
}

/// Feeds not yet started, and how many connections each host has open.
struct Queue {
    pending: Vec<usize>,
    per_host: HashMap<String, usize>,
}

/// Fetches `subs` into `archive`. The caller holds the fetch lock
/// ([`Archive::lock_fetch`]). `progress` is called from worker threads;
/// `cancel` set stops feeds from starting. `now` is Unix seconds.
pub fn fetch_all(
    subs: &[Subscription],
    archive: &Archive,
    options: &FetchOptions,
    now: i64,
    cancel: &AtomicBool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Summary {
    let started = Instant::now();
    let client = Client::new(options);
    let hosts: Vec<String> = subs.iter().map(|s| host_of(&s.url)).collect();
    let queue = Mutex::new(Queue {
        pending: (0..subs.len()).rev().collect(),
        per_host: HashMap::new(),
    });
    let freed = Condvar::new();
    let results: Mutex<Vec<Option<FeedReport>>> =
        Mutex::new((0..subs.len()).map(|_| None).collect());
    let total = subs.len();
    // As many threads as connections: a feed being written to disk has
    // given its host's connection to the next one already.
    let workers = options.connections.clamp(1, total.max(1));
    let finished = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(index) = next(&queue, &freed, &hosts, options.per_host, cancel) {
                    let sub = &subs[index];
                    progress(Progress::Started {
                        index,
                        total,
                        label: &sub.label(),
                    });
                    let released = AtomicBool::new(false);
                    let release_once = || {
                        if !released.swap(true, Ordering::SeqCst) {
                            release(&queue, &freed, &hosts[index]);
                        }
                    };
                    let report = fetch_feed_then(&client, archive, sub, now, &release_once);
                    release_once();
                    progress(Progress::Finished {
                        index,
                        done: finished.fetch_add(1, Ordering::SeqCst) + 1,
                        total,
                        report: &report,
                    });
                    lock(&results)[index] = Some(report);
                }
            });
        }
    });
    let reports = lock(&results)
        .drain(..)
        .zip(subs)
        .map(|(report, sub)| report.unwrap_or_else(|| cancelled(sub)))
        .collect();
    Summary {
        reports,
        elapsed: started.elapsed(),
    }
}

/// The next feed whose host has a connection free, waiting for one;
/// `None` when none are left or the fetch is cancelled.
fn next(
    queue: &Mutex<Queue>,
    freed: &Condvar,
    hosts: &[String],
    per_host: usize,
    cancel: &AtomicBool,
) -> Option<usize> {
    let mut q = lock(queue);
    loop {
        if cancel.load(Ordering::Relaxed) || q.pending.is_empty() {
            return None;
        }
        // From the end: `pending` is kept in reverse, so feeds start in order.
        let free = q
            .pending
            .iter()
            .rposition(|&i| q.per_host.get(&hosts[i]).copied().unwrap_or(0) < per_host.max(1));
        if let Some(at) = free {
            let index = q.pending.remove(at);
            *q.per_host.entry(hosts[index].clone()).or_default() += 1;
            return Some(index);
        }
        // Woken when a feed ends; the timeout only lets a cancel be seen.
        q = freed
            .wait_timeout(q, Duration::from_millis(100))
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}

fn release(queue: &Mutex<Queue>, freed: &Condvar, host: &str) {
    if let Some(n) = lock(queue).per_host.get_mut(host) {
        *n = n.saturating_sub(1);
    }
    freed.notify_all();
}

/// A poisoned lock means a progress callback panicked; the data is whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn cancelled(sub: &Subscription) -> FeedReport {
    FeedReport {
        label: sub.label(),
        url: sub.url.clone(),
        outcome: Outcome::Cancelled,
        moved_to: None,
        full_text_errors: Vec::new(),
    }
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}
