//! A corpus made from its listing (see [`crate::corpus::Corpus::from_listing`]):
//! the list is there at once, the article shown is read from its file as
//! it is wanted, and the whole corpus loads behind, with its progress in
//! the status bar, until it takes the listing's place as a reload does.

use super::{App, Job, Overlay, Preview, Reader};
use crate::corpus::Changes;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Loading {
    /// How much of the corpus is loaded, 0 to 1, while it loads.
    progress: Option<f32>,
    /// The article whose body was asked for last.
    requested: Option<usize>,
}

impl App {
    /// Starts loading the bodies of a corpus made from its listing.
    pub(super) fn start_loading(&mut self) {
        if self.corpus.is_partial() {
            self.loading.progress = Some(0.0);
            self.out.jobs.push(Job::Reload(Changes::everything()));
        }
    }

    /// How much of the corpus is loaded, 0 to 1, while it loads.
    pub fn loading(&self) -> Option<f32> {
        self.loading.progress
    }

    /// Takes the end of the load: whether one was under way.
    pub(super) fn loading_ended(&mut self) -> bool {
        self.loading.requested = None;
        self.loading.progress.take().is_some()
    }

    pub(super) fn loading_progress(&mut self, progress: f32) {
        if self.loading.progress.is_some() {
            self.loading.progress = Some(progress.clamp(0.0, 1.0));
        }
    }

    /// Asks for the body of the article on screen (the finder's preview, or
    /// the reader's) when it is still to be read. One at a time: scrolling
    /// past an article cancels reading it.
    pub(super) fn want_body(&mut self) {
        let shown = match &self.overlay {
            Some(Overlay::Search(_)) => self.preview.article,
            _ => self.reader.article,
        };
        let Some(index) = shown.filter(|&i| self.corpus.body_pending(i)) else {
            return;
        };
        if self.loading.requested != Some(index) {
            self.loading.requested = Some(index);
            self.out.jobs.push(Job::ReadBody(index));
        }
    }

    /// A body was read: the panes showing that article lay it out again.
    /// One that could not be read is not asked for again until the
    /// article is left and come back to.
    pub(super) fn body_read(&mut self, index: usize, result: Result<(), String>) {
        if let Err(why) = result {
            let id = self.corpus.head(index).shown_id;
            self.warn(format!("{id}: not read: {why}"));
            return;
        }
        if self.loading.requested == Some(index) {
            self.loading.requested = None;
        }
        if self.reader.article == Some(index) {
            // Opened again: the layout comes from the body, at the
            // paragraph it was left at.
            self.reader = Reader::default();
        }
        if self.preview.article == Some(index) {
            self.preview = Preview::default();
        }
        self.settle();
    }
}
