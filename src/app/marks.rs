//! Reading state in the app: read and starred marks, views, the position in
//! each article, and the article open last. Time comes in through
//! [`App::tick`]; nothing here reads a clock.

use super::App;
use crate::state::{Mark, ReadingState, Stamp, View};
use crate::ui::geometry::Focus;

/// How long an article stays open in the reader before it counts as read.
pub const READ_AFTER_MS: u64 = 1500;

impl App {
    /// Starts from saved state: the article open last, where it was left.
    pub fn restore_state(&mut self, state: ReadingState) {
        self.state = state;
        self.recount_unread();
        let last = self.state.last_open().map(str::to_owned);
        if let Some(row) = last.and_then(|id| {
            self.rows
                .iter()
                .position(|&i| self.corpus.articles[i].id == id)
        }) {
            self.focus = Focus::Reader;
            self.select(row);
        }
    }

    /// The time now; marks an article read once it has been open a moment.
    pub fn tick(&mut self, now: Stamp) {
        self.now = now;
        if let Some(since) = self.reading_since
            && now.0.saturating_sub(since.0) >= READ_AFTER_MS
        {
            self.mark_open_article_read();
        }
    }

    /// When [`App::tick`] should next be called with nothing else happening.
    pub fn next_deadline(&self) -> Option<Stamp> {
        self.reading_since
            .map(|since| Stamp(since.0 + READ_AFTER_MS))
    }

    fn open_id(&self) -> Option<&str> {
        let index = self.reader.article?;
        Some(self.corpus.articles[index].id.as_str())
    }

    pub(super) fn mark_open_article_read(&mut self) {
        self.reading_since = None;
        let now = self.now;
        if let Some(id) = self.open_id().map(str::to_owned)
            && self.state.mark_read(&id, now)
        {
            self.state_changed();
        }
    }

    pub(super) fn toggle(&mut self, mark: Mark) {
        let now = self.now;
        let Some(id) = self
            .selected_article()
            .map(|i| self.corpus.articles[i].id.clone())
        else {
            return;
        };
        let value = match mark {
            Mark::Read => self.state.toggle_read(&id, now),
            Mark::Star => self.state.toggle_star(&id, now),
        };
        // A deliberate "unread" must not be undone by the read timer.
        self.reading_since = None;
        self.message = Some(describe(mark, value).to_owned());
        self.state_changed();
    }

    pub(super) fn undo(&mut self) {
        let now = self.now;
        let Some(undone) = self.state.undo(now) else {
            self.message = Some("nothing to undo".to_owned());
            return;
        };
        self.message = Some(format!(
            "undone; now {}",
            describe(undone.mark, undone.value)
        ));
        self.state_changed();
    }

    /// Opens an article in the reader: the fuzzy finder can pick one the
    /// current view hides, and then the view shows all.
    pub(super) fn open_article(&mut self, index: usize) {
        if !self.rows.contains(&index) {
            self.view = View::All;
            self.rows = (0..self.corpus.articles.len()).collect();
            self.message = Some(format!("view: {}", self.view.name()));
        }
        if let Some(row) = self.rows.iter().position(|&r| r == index) {
            self.select(row);
            self.focus = Focus::Reader;
        }
    }

    /// Shows the next view; the selected article stays selected when it is in it.
    pub(super) fn cycle_view(&mut self) {
        self.view = self.view.cycle();
        let selected = self.selected_article();
        let ids = self.corpus.articles.iter().map(|a| a.id.as_str());
        self.rows = self.state.filter(self.view, ids);
        let row = selected.and_then(|s| self.rows.iter().position(|&r| r == s));
        self.selected = row.unwrap_or(0);
        self.list_top = 0;
        self.message = Some(format!("view: {}", self.view.name()));
    }

    /// Keeps the reading position, the article open last, and the read timer
    /// in step with what the reader shows. Called after every change.
    pub(super) fn follow_reader(&mut self, article_changed: bool) {
        let reading = self.focus == Focus::Reader && self.reader.article.is_some();
        if !reading {
            self.reading_since = None;
            self.timed_article = None;
            return;
        }
        let now = self.now;
        let block = self
            .reader
            .layout
            .lines
            .get(self.reader.top)
            .map_or(0, |l| l.block);
        let Some(id) = self.open_id().map(str::to_owned) else {
            return;
        };
        let before = (
            self.state.position(&id),
            self.state.last_open().map(str::to_owned),
        );
        self.state.set_position(&id, block, now);
        self.state.set_last_open(&id, now);
        if before != (self.state.position(&id), Some(id.clone())) {
            self.state_changed();
        }
        // The timer starts once per article opened, so a deliberate
        // "unread" is not turned back by it.
        if article_changed || self.timed_article != self.reader.article {
            self.timed_article = self.reader.article;
            self.reading_since = (!self.state.is_read(&id)).then_some(now);
        }
    }

    fn state_changed(&mut self) {
        self.unsaved = true;
        self.recount_unread();
    }

    fn recount_unread(&mut self) {
        self.unread = self
            .state
            .unread_count(self.corpus.articles.iter().map(|a| a.id.as_str()));
    }

    pub fn view(&self) -> View {
        self.view
    }
}

fn describe(mark: Mark, value: bool) -> &'static str {
    match (mark, value) {
        (Mark::Read, true) => "marked read",
        (Mark::Read, false) => "marked unread",
        (Mark::Star, true) => "starred",
        (Mark::Star, false) => "unstarred",
    }
}
