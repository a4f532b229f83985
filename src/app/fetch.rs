//! Fetching the subscribed feeds from the reader (`r`): a worker fetches
//! into the archive while the reader goes on, the status bar counts the
//! feeds, failures go into the warnings list, and the list is loaded again,
//! new articles in it and the selection where it was.

use super::{App, Fetched, Job};

impl App {
    pub(super) fn fetch(&mut self) {
        if self.fetching.is_some() {
            self.message = Some("already fetching".to_owned());
            return;
        }
        self.fetching = Some((0, 0));
        self.out.jobs.push(Job::Fetch);
    }

    pub(super) fn fetched(&mut self, fetched: Result<Fetched, String>) {
        self.fetching = None;
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
                    self.out.jobs.push(Job::Reload);
                }
            }
            Err(error) => self.warn(format!("not fetched: {error}")),
        }
    }
}
