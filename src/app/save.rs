//! When the reading state is written: soon after each change, at most once
//! a second, one save at a time, on a worker ([`Job::Save`]). A failed save
//! is tried again a second later; the loop saves what is left at exit.

use super::{App, Job};
use crate::state::{ReadingState, Stamp};

/// The most reading state a crash (even kill -9) can lose.
pub const SAVE_EVERY_MS: u64 = 1000;

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Saving {
    /// Changes not yet handed to a save.
    dirty: bool,
    /// A save is under way.
    in_flight: bool,
    /// No save starts before this.
    not_before: Stamp,
}

impl Saving {
    pub(super) fn changed(&mut self) {
        self.dirty = true;
    }

    pub(super) fn pending(&self) -> bool {
        self.dirty || self.in_flight
    }

    pub(super) fn deadline(&self) -> Option<Stamp> {
        (self.dirty && !self.in_flight).then_some(self.not_before)
    }
}

impl App {
    pub(super) fn save_if_due(&mut self) {
        let saving = &mut self.saving;
        if !saving.dirty || saving.in_flight || self.now < saving.not_before {
            return;
        }
        saving.dirty = false;
        saving.in_flight = true;
        saving.not_before = Stamp(self.now.0.saturating_add(SAVE_EVERY_MS));
        self.out.jobs.push(Job::Save(Box::new(self.state.clone())));
    }

    pub(super) fn saved(&mut self, result: Result<Option<String>, String>) {
        self.saving.in_flight = false;
        match result {
            Ok(None) => {}
            Ok(Some(warning)) => self.warn(warning),
            Err(error) => {
                // Tried again when the second is up; said once in the list.
                self.saving.dirty = true;
                let error = format!("reading state not saved: {error}");
                if self.warnings.last() != Some(&error) {
                    self.warnings.push(error.clone());
                }
                self.message = Some(error);
            }
        }
    }

    /// The state to write at exit, when anything is not written yet.
    pub fn unsaved_state(&self) -> Option<Box<ReadingState>> {
        self.saving.pending().then(|| Box::new(self.state.clone()))
    }
}
