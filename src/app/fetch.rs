//! Fetching the subscribed feeds from the reader (`r`, and by itself with
//! `fetch_on_start` and `refresh_minutes`): a worker fetches into the
//! archive while the reader goes on, the status bar counts the feeds,
//! failures go into the warnings list, and the list is loaded again, new
//! articles in it and the selection where it was.
//!
//! One fetch at a time: the next one by itself is set only when a fetch
//! ends, `refresh_minutes` after it, so a slow fetch is never overtaken.

use super::{App, Fetched, Job};
use crate::corpus::Changes;
use crate::state::Stamp;

const MINUTE_MS: u64 = 60_000;

impl App {
    pub(super) fn fetch(&mut self) {
        if self.fetching.is_some() {
            self.message = Some("already fetching".to_owned());
            return;
        }
        self.fetching = Some((0, 0));
        self.next_fetch = None;
        self.out.jobs.push(Job::Fetch);
    }

    /// When the first fetch by itself is due, as the settings say.
    pub(super) fn first_fetch(&self) -> Option<Stamp> {
        if self.config.fetch.on_start {
            Some(self.now)
        } else {
            self.refresh_after(self.now)
        }
    }

    /// `refresh_minutes` after `then`, unless it is 0.
    fn refresh_after(&self, then: Stamp) -> Option<Stamp> {
        let minutes = u64::from(self.config.fetch.refresh_minutes);
        (minutes > 0).then(|| Stamp(then.0.saturating_add(minutes * MINUTE_MS)))
    }

    /// When the reader fetches next by itself; `None`: not unless asked.
    pub fn next_fetch(&self) -> Option<Stamp> {
        self.next_fetch
    }

    pub(super) fn fetch_if_due(&mut self) {
        if self.next_fetch.is_some_and(|at| at <= self.now) && self.fetching.is_none() {
            self.fetch();
            self.out.redraw = true;
        }
    }

    pub(super) fn fetched(&mut self, fetched: Result<Fetched, String>) {
        self.fetching = None;
        self.next_fetch = self.refresh_after(self.now);
        match fetched {
            Ok(Fetched {
                summary,
                failures,
                changed,
            }) => {
                for failure in failures {
                    self.warnings.push(failure);
                }
                self.message = Some(summary);
                if changed {
                    self.out.jobs.push(Job::Reload(Changes::everything()));
                }
            }
            Err(error) => {
                let warning = format!("not fetched: {error}");
                // A refresh that keeps failing the same way says so once.
                if self.warnings.last() == Some(&warning) {
                    self.message = Some(warning);
                } else {
                    self.warn(warning);
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "fetch_tests.rs"]
mod tests;
