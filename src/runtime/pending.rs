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
    /// The layouts asked for: of which corpus (its epoch), which article,
    /// at which width. One of a corpus since reloaded answers nothing.
    reader: Option<(u64, usize, usize)>,
    preview: Option<(u64, usize, usize)>,
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

    /// The workers that read the corpus were started again with a new one:
    /// what the old ones were asked may never be answered, and the app asks
    /// again what it still wants.
    pub(super) fn new_corpus(&mut self) {
        *self = Self {
            save: self.save,
            reload: self.reload,
            fetch: self.fetch,
            full_text: self.full_text,
            ..Self::default()
        };
    }

    /// `job` was asked of the corpus of this epoch.
    pub(super) fn asked(&mut self, job: &Job, epoch: u64) {
        match job {
            Job::Rank(_) => self.rank = true,
            Job::IndexText => self.index = true,
            Job::TextSearch { generation, .. } => self.text = Some(*generation),
            Job::Find { generation, .. } => self.find = Some(*generation),
            Job::LayOut {
                pane: Pane::Reader,
                article,
                width,
            } => self.reader = Some((epoch, *article, *width)),
            Job::LayOut {
                pane: Pane::Preview,
                article,
                width,
            } => self.preview = Some((epoch, *article, *width)),
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
                let answer = Some((laid.epoch, laid.article, laid.layout.width));
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::Pending;
    use crate::app::{Job, LaidOut, Msg, Pane};
    use crate::layout::ArticleLayout;

    fn laid_out(epoch: u64) -> Msg {
        let layout = ArticleLayout {
            width: 80,
            ..ArticleLayout::default()
        };
        Msg::LaidOut(LaidOut {
            pane: Pane::Reader,
            epoch,
            article: 1,
            layout: Arc::new(layout),
        })
    }

    #[test]
    fn a_layout_of_the_corpus_before_a_reload_does_not_answer_one_asked_after() {
        let mut pending = Pending::default();
        let job = Job::LayOut {
            pane: Pane::Reader,
            article: 1,
            width: 80,
        };
        pending.asked(&job, 7);
        // The same article and width, of the corpus the reload replaced.
        pending.answered(&laid_out(6));
        assert!(!pending.is_empty(), "the script still waits");
        pending.answered(&laid_out(7));
        assert!(pending.is_empty());
    }

    #[test]
    fn a_new_corpus_forgets_what_the_workers_of_the_old_one_were_asked() {
        let mut pending = Pending::default();
        for job in [Job::ReadBody(1), Job::IndexText, Job::Rank("a".into())] {
            pending.asked(&job, 6);
        }
        pending.asked(&Job::Reload(crate::corpus::Changes::everything()), 6);
        pending.new_corpus();
        assert!(
            !pending.is_empty(),
            "the reload is not the corpus's workers'"
        );
        pending.answered(&Msg::Reloaded(Err("gone".into())));
        assert!(pending.is_empty(), "{pending:?}");
    }
}
