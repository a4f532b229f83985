//! The list's filter: `\` opens a prompt in the status bar, Enter applies
//! what was typed (the filter language of `byline list --filter`) on top of
//! the view, and Esc in the list clears it.
//!
//! Bare words are a full-text query, answered by the text index on a worker
//! ([`Job::TextSearch`]). Until its answer comes (the index may still be
//! building), the list shows the articles whose titles hold the words, and
//! the status bar says so: a filter never shows an empty list for want of
//! an index.

use super::line_edit::{LineEdit, LineKey};
use super::{App, Job};
use crate::article::Article;
use crate::geometry::Focus;
use crate::search::filter::{Filter, fold_lower};
use crate::search::text::TextResult;
use crate::state::ReadingState;

/// The filter the list shows, on top of its view: the one typed, and the
/// saved view's, as one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// As typed: the status bar shows it.
    pub text: String,
    typed: Filter,
    /// `typed` and the saved view's filter: what the list passes.
    parsed: Filter,
    /// For bare words: which articles (by corpus index) the text index
    /// found; `None` until it answers.
    found: Option<Vec<bool>>,
    /// The text query asked for last, to know its answer.
    generation: u64,
}

/// Text searches of the filter are numbered from here, apart from the
/// finder's, so an answer is never taken for the other's.
const FIRST_GENERATION: u64 = 1 << 62;

impl ListFilter {
    /// Nothing filters the list.
    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }

    /// No filter was typed (a saved view may still filter).
    pub fn typed_is_empty(&self) -> bool {
        self.typed.is_empty()
    }

    /// Whether the bare words are answered from titles for now.
    pub fn titles_only(&self) -> bool {
        !self.parsed.text.is_empty() && self.found.is_none()
    }

    /// Whether article `index` passes.
    pub(super) fn admits(&self, index: usize, article: &Article, state: &ReadingState) -> bool {
        if !self.parsed.admits(article, state) {
            return false;
        }
        if self.parsed.text.is_empty() {
            return true;
        }
        match &self.found {
            Some(found) => found.get(index).copied().unwrap_or(false),
            None => title_holds(&article.title, &self.parsed.text),
        }
    }
}

/// Whether `title` holds every bare word (folded, any case) and none of
/// the `-word`s: how bare words match before the text index answers.
fn title_holds(title: &str, words: &str) -> bool {
    let title = fold_lower(title);
    words.split_whitespace().all(|word| {
        let (negated, word) = match word.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, word),
        };
        let word = fold_lower(word.trim_matches('"'));
        let word = word.trim_end_matches('*');
        title.contains(word) != negated
    })
}

impl App {
    pub fn filter(&self) -> &ListFilter {
        &self.filter
    }

    /// The saved view shown, if one is.
    pub fn saved_view(&self) -> Option<&crate::config::SavedView> {
        self.saved_view.and_then(|i| self.config.views.get(i))
    }

    /// What the status bar calls the view shown.
    pub fn view_name(&self) -> &str {
        self.saved_view()
            .map_or(self.view.name(), |v| v.name.as_str())
    }

    /// The text index's progress, for the finder and the filter: a filter
    /// answered "not ready" is asked again once it is.
    pub(super) fn indexed_for_all(&mut self, progress: f32) {
        let was_ready = self.indexing.ready();
        self.indexed(progress);
        if !was_ready && self.indexing.ready() {
            self.ask_filter_text();
        }
    }

    /// The filter prompt, while it has the keyboard.
    pub fn filter_prompt(&self) -> Option<&LineEdit> {
        self.filter_prompt.as_ref()
    }

    /// Opens the prompt over the list, holding what was typed last (a
    /// filter refused is there to mend).
    pub(super) fn open_filter_prompt(&mut self) {
        let mut line = LineEdit::default();
        line.insert(&self.filter_typed);
        self.filter_prompt = Some(line);
        self.focus = Focus::List;
    }

    pub(super) fn filter_line(&mut self, done: LineKey) {
        match done {
            LineKey::Enter => {
                let text = self
                    .filter_prompt
                    .take()
                    .map(|l| l.text)
                    .unwrap_or_default();
                self.apply_filter(&text);
            }
            LineKey::Cancel => self.filter_prompt = None,
            LineKey::Changed | LineKey::Moved | LineKey::Other(_) => {}
        }
        self.settle();
    }

    /// Reads `text` as the list's filter; a filter that does not read is
    /// refused with the parser's message, and the old one stays.
    pub fn apply_filter(&mut self, text: &str) {
        self.filter_typed = text.trim().to_owned();
        let parsed = match Filter::parse(text) {
            Ok(parsed) => parsed,
            Err(error) => {
                self.message = Some(format!("filter not applied: {error}"));
                return;
            }
        };
        self.filter.text = self.filter_typed.clone();
        self.filter.typed = parsed;
        self.combine_filters();
        self.refiltered();
    }

    /// Esc in the list: the section chosen goes first, then the filter.
    pub(super) fn clear_filter(&mut self) {
        if self.section.take().is_some() {
            self.combine_filters();
            self.refiltered();
            self.message = Some("all sections".to_owned());
            return;
        }
        self.filter.text.clear();
        self.filter.typed = Filter::default();
        self.filter_typed.clear();
        self.combine_filters();
        self.refiltered();
        self.message = Some("filter cleared".to_owned());
    }

    /// Every filter gone: the saved view, the section, the typed one (the
    /// finder opened an article they hide).
    pub(super) fn drop_filters(&mut self) {
        self.saved_view = None;
        self.section = None;
        self.filter.text.clear();
        self.filter.typed = Filter::default();
        self.combine_filters();
    }

    /// The typed filter and the saved view's made one, again: after
    /// either changed. The rows are the caller's to rebuild.
    pub(super) fn combine_filters(&mut self) {
        let saved = self.saved_view.and_then(|i| self.config.views.get(i));
        let mut parsed = self.filter.typed.clone();
        parsed.terms.extend(self.section_term().map(|t| (false, t)));
        if let Some(saved) = saved {
            parsed.terms.extend(saved.filter.terms.iter().cloned());
            // Every clause of a text query must hold: joined, both do.
            parsed.text = [saved.filter.text.as_str(), parsed.text.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
        }
        // The text index's answer depends on the words alone: kept while
        // only terms change.
        let words_changed = parsed.text != self.filter.parsed.text;
        self.filter.parsed = parsed;
        if words_changed {
            self.filter.found = None;
            self.filter.generation = self.filter.generation.max(FIRST_GENERATION);
            self.ask_filter_text();
        }
    }

    fn refiltered(&mut self) {
        self.relist();
        self.list_top = 0;
        if self.rows.is_empty() && !self.filter.is_empty() {
            self.message = Some(format!("no articles pass {}", self.filter.text));
        }
    }

    /// Asks the text index for the bare words (again: after a reload, or
    /// when the finder's own searches may have cancelled it).
    pub(super) fn ask_filter_text(&mut self) {
        if self.filter.parsed.text.is_empty() || self.filter.found.is_some() {
            return;
        }
        self.start_indexing();
        self.filter.generation += 1;
        self.out.jobs.push(Job::TextSearch {
            generation: self.filter.generation,
            query: self.filter.parsed.text.clone(),
        });
    }

    /// A full-text answer: the filter's, when it is for its words.
    pub(super) fn filter_text_found(&mut self, result: &TextResult) {
        let f = &mut self.filter;
        let ours = result.generation == f.generation && result.query == f.parsed.text;
        if !ours || !result.ready || f.found.is_some() || f.parsed.text.is_empty() {
            return;
        }
        let mut found = vec![false; self.corpus.len()];
        for hit in &result.hits {
            if let Some(slot) = found.get_mut(hit.index) {
                *slot = true;
            }
        }
        f.found = Some(found);
        self.relist();
        self.settle();
    }

    /// The corpus changed: text hits named the old articles' indices. Until
    /// [`App::ask_filter_text`] has an answer, titles stand in.
    pub(super) fn forget_text_hits(&mut self) {
        self.filter.found = None;
    }
}

#[cfg(test)]
mod tests {
    use super::title_holds;

    #[test]
    fn titles_hold_words_folded_and_not_negated_ones() {
        assert!(title_holds("Zürich bank rises", "zurich BANK"));
        assert!(title_holds("Zürich bank rises", "bank -falls"));
        assert!(!title_holds("Zürich bank falls", "bank -falls"));
        assert!(!title_holds("Zürich bank", "geneva"));
        assert!(title_holds("Economy grows", "econ*"));
    }
}
