//! `F`: the whole page of the article, fetched on a worker
//! ([`Job::FetchFullText`]) into the feeds' archive, which keeps the
//! summary beside it; the articles are loaded again, so the reader shows
//! the new text where it was. Only archived feed items can take one: the
//! archive is where the text is kept. One at a time; failures go into the
//! warnings list.

use super::{App, Job};
use crate::corpus::Changes;

impl App {
    pub(super) fn fetch_full_text(&mut self) {
        if self.full_text.is_some() {
            self.message = Some("already fetching a full text".to_owned());
            return;
        }
        let Some(index) = self.selected_article() else {
            self.message = Some("no article to fetch".to_owned());
            return;
        };
        let article = self.corpus.article(index);
        // Only the archive's items carry the time they were first fetched.
        let message = if self.corpus.body_pending(index) {
            "the article is still being read: F again in a moment"
        } else if article.first_seen.is_none() {
            "not from the feeds' archive: F fetches the page of a fetched item"
        } else if article.url.is_none() {
            "this article has no link to fetch"
        } else {
            let id = article.id.clone();
            self.full_text = Some(id.clone());
            self.out.jobs.push(Job::FetchFullText { id });
            "fetching full text…"
        };
        self.message = Some(message.to_owned());
    }

    /// The id of the article whose full text is being fetched.
    pub fn fetching_full_text(&self) -> Option<&str> {
        self.full_text.as_deref()
    }

    pub(super) fn full_text_fetched(&mut self, result: Result<usize, String>) {
        let id = self.full_text.take().unwrap_or_default();
        let title = self
            .corpus
            .articles
            .iter()
            .find(|a| a.id == id)
            .map_or(id.as_str(), |a| a.title.as_str());
        match result {
            Ok(words) => {
                self.message = Some(format!("full text kept: {words} words"));
                self.out.jobs.push(Job::Reload(Changes::everything()));
            }
            Err(error) => {
                let warning = format!("full text of {title}: {error}");
                self.warn(warning);
            }
        }
    }
}
