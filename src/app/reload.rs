//! The articles loaded again (`R`, or after a fetch): the app takes the new
//! corpus and keeps what the user sees, by article id: the selection, the
//! article open and its paragraph, the finder's query, the find. After
//! `R`, the corpus may come twice: from what a watcher recorded, then after
//! every file was looked at; the second is the same corpus when that found
//! nothing more, and then nothing is done.

use std::sync::Arc;

use super::{App, Job, Overlay, Reader};
use crate::corpus::Corpus;

impl App {
    /// The corpus from what a watcher recorded, after `R`.
    pub(super) fn reloaded_recorded(&mut self, corpus: Result<Arc<Corpus>, String>) {
        match corpus {
            Ok(corpus) if Arc::ptr_eq(&corpus, &self.corpus) => {
                self.message = Some("loaded again".to_owned());
            }
            corpus => self.reloaded(corpus),
        }
    }

    pub(super) fn reloaded(&mut self, corpus: Result<Arc<Corpus>, String>) {
        if let Ok(corpus) = &corpus
            && Arc::ptr_eq(corpus, &self.corpus)
        {
            return;
        }
        let first_load = self.loading_ended();
        let corpus = match corpus {
            Ok(corpus) => corpus,
            Err(error) if first_load => {
                self.warn(format!("not loaded, only listed: {error}"));
                return;
            }
            Err(error) => {
                self.warn(format!("not reloaded: {error}"));
                return;
            }
        };
        let before = self.corpus.len();
        let selected = self
            .selected_article()
            .map(|i| self.corpus.id(i).to_owned());
        let old = std::mem::replace(&mut self.corpus, Arc::clone(&corpus));
        if first_load {
            // The listing knew nothing of when items were fetched: the
            // session's new marks start from the whole corpus.
            self.start_new_marks();
        } else {
            self.note_listed();
        }
        (self.has_dates, self.has_sections) = dated_and_sectioned(&corpus);
        // Indices of the old corpus mean nothing now: ids find the articles.
        self.rows.clear();
        self.forget_text_hits();
        self.relist();
        let row = selected.and_then(|id| self.rows.iter().position(|&i| corpus.id(i) == id));
        self.selected = row.unwrap_or(0);
        self.keep_or_reset_reader(&old);
        self.preview = super::Preview::default();
        // The text index was of the old articles: built again when wanted.
        self.indexing = super::Indexing::default();
        if let Some(Overlay::Search(overlay)) = &mut self.overlay {
            overlay.hits.clear();
            self.out.jobs.push(Job::Rank(overlay.line.text.clone()));
            self.start_indexing();
        }
        // Asked after the index was reset, so it is built for these articles.
        self.ask_filter_text();
        self.recount_unread();
        self.out.corpus = Some(corpus);
        let now = self.corpus.len();
        self.message = match now.cmp(&before) {
            // The corpus behind its listing: news only when it differs.
            std::cmp::Ordering::Equal if first_load => None,
            _ if first_load => Some(format!("loaded: {now} articles, {before} listed")),
            std::cmp::Ordering::Greater => Some(format!("loaded again: {} new", now - before)),
            std::cmp::Ordering::Less => Some(format!("loaded again: {} gone", before - now)),
            std::cmp::Ordering::Equal => Some("loaded again".to_owned()),
        };
        self.settle();
    }

    /// The reader as it was when the article open is the same in the new
    /// corpus (as a reload gives it when its file did not change): where it
    /// is read stays to the line. Else it is laid out again from the saved
    /// paragraph of the article, if it stays.
    fn keep_or_reset_reader(&mut self, old: &Corpus) {
        let unchanged = match (self.reader.article, self.selected_article()) {
            (Some(was), Some(now)) if self.reader.pending.is_none() => {
                !old.body_pending(was) && *old.article(was) == *self.corpus.article(now)
            }
            _ => false,
        };
        match unchanged {
            true => self.reader.article = self.selected_article(),
            false => self.reader = Reader::default(),
        }
    }
}

#[cfg(test)]
#[path = "reload_tests.rs"]
mod tests;

/// Whether any article has a date, and whether any has a section: the
/// sorts and the sections pane are offered by these.
pub(super) fn dated_and_sectioned(corpus: &Corpus) -> (bool, bool) {
    let dated = (0..corpus.len()).any(|i| corpus.date(i).is_some());
    (dated, corpus.any_section())
}
