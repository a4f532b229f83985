//! What the loop asked of its workers and has not heard back about: a
//! script waits for it before its next message.

use crate::app::{Job, Msg, Pane};

/// The work asked for and not answered yet: only the newest of each kind
/// counts, since a newer job cancels an older one.
#[derive(Debug, Default)]
pub(super) struct Pending {
    pub(super) rank: bool,
    /// The text query asked for, and whether the index is being built.
    text: Option<u64>,
    index: bool,
    find: Option<u64>,
    reader: Option<(usize, usize)>,
    preview: Option<(usize, usize)>,
    pub(super) save: bool,
    reload: bool,
    body: Option<usize>,
    fetch: bool,
    full_text: bool,
}

impl Pending {
    pub(super) fn is_empty(&self) -> bool {
        !self.rank
            && self.text.is_none()
            && !self.index
            && self.find.is_none()
            && self.reader.is_none()
            && self.preview.is_none()
            && !self.save
            && !self.reload
            && self.body.is_none()
            && !self.fetch
            && !self.full_text
    }

    pub(super) fn asked(&mut self, job: &Job) {
        match job {
            Job::Rank(_) => self.rank = true,
            Job::IndexText => self.index = true,
            Job::TextSearch { generation, .. } => self.text = Some(*generation),
            Job::Find { generation, .. } => self.find = Some(*generation),
            Job::LayOut {
                pane: Pane::Reader,
                article,
                width,
            } => self.reader = Some((*article, *width)),
            Job::LayOut {
                pane: Pane::Preview,
                article,
                width,
            } => self.preview = Some((*article, *width)),
            Job::Save(_) => self.save = true,
            Job::Reload(_) | Job::ReloadAll => self.reload = true,
            Job::ReadBody(index) => self.body = Some(*index),
            Job::Fetch => self.fetch = true,
            Job::FetchFullText { .. } => self.full_text = true,
        }
    }

    pub(super) fn answered(&mut self, msg: &Msg) {
        match msg {
            Msg::Ranked(result) if result.complete => self.rank = false,
            Msg::Indexed { progress } if *progress >= 1.0 => self.index = false,
            Msg::TextFound(found) if self.text == Some(found.generation) => self.text = None,
            Msg::Found(found) if self.find == Some(found.generation) => self.find = None,
            Msg::LaidOut(laid) => {
                let answer = Some((laid.article, laid.layout.width));
                let slot = match laid.pane {
                    Pane::Reader => &mut self.reader,
                    Pane::Preview => &mut self.preview,
                };
                if *slot == answer {
                    *slot = None;
                }
            }
            Msg::Saved(_) => self.save = false,
            Msg::Reloaded(_) => self.reload = false,
            Msg::BodyRead { index, .. } if self.body == Some(*index) => self.body = None,
            Msg::Fetched(_) => self.fetch = false,
            Msg::FullTextFetched(_) => self.full_text = false,
            _ => {}
        }
    }
}
