//! Reading state in the app: read and starred marks, views, the position in
//! each article, and the article open last. Time comes with each message;
//! nothing here reads a clock.
//!
//! An article becomes read once it has been open in the focused reader,
//! in a focused window, for [`READ_AFTER_MS`] counted from when it was
//! opened, or when the user scrolls on through it. An article the user
//! marked unread stays unread until it is opened anew, whatever the
//! scrolling, and across a restart.

use super::App;
use crate::geometry::{Focus, Geometry};
use crate::state::{Mark, ReadingState, Session, Stamp, View};

/// How long an article stays open in the reader before it counts as read.
pub const READ_AFTER_MS: u64 = 1500;

/// The read mark's timer.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ReadTimer {
    /// Since when the open article has been read.
    running: Option<Stamp>,
    /// The article the timer last started for: it starts once per opening.
    timed: Option<usize>,
    /// An article marked unread while open: nothing marks it read until
    /// another one has been opened.
    kept_unread: Option<usize>,
}

impl ReadTimer {
    pub(super) fn deadline(&self) -> Option<Stamp> {
        self.running
            .map(|since| Stamp(since.0.saturating_add(READ_AFTER_MS)))
    }

    pub(super) fn due(&self, now: Stamp) -> bool {
        self.deadline().is_some_and(|at| now >= at)
    }
}

impl App {
    /// Starts from saved state, at the time of this message: the article
    /// open last, where it was left. A restored article marked unread on
    /// purpose stays unread.
    pub fn restore_state(&mut self, state: ReadingState) {
        self.state = state;
        self.start_new_marks();
        self.recount_unread();
        let session = self.state.session().clone();
        // Before sessions were kept, the article open last was reopened.
        let (reader, wanted) = match session.selected {
            Some(id) => (session.reader, Some(id)),
            None => (true, self.state.last_open().map(str::to_owned)),
        };
        let listed = (self.view, self.saved_view, self.sort);
        self.view = session.view;
        // A saved view gone from config.toml: all, as its `view` says.
        self.saved_view = session
            .saved_view
            .as_ref()
            .and_then(|name| self.config.views.iter().position(|v| v.name == *name));
        if self.saved_view.is_some() {
            self.view = View::All;
        }
        self.combine_filters();
        self.sort = session.sort.unwrap_or(self.sort);
        // All of them, as they were listed: the rows stand (at a million
        // articles, sorting them again would be a tenth of the start).
        let unchanged = listed == (self.view, self.saved_view, self.sort) && self.filter.is_empty();
        if !(unchanged && self.view == View::All) {
            self.relist();
        }
        let found = wanted.and_then(|id| self.rows.iter().position(|&i| self.corpus.id(i) == id));
        let Some(row) = found else {
            self.settle();
            return;
        };
        let index = self.rows[row];
        if reader && self.state.marked_unread(self.corpus.id(index)) {
            self.timer.kept_unread = Some(index);
        }
        self.focus = if reader { Focus::Reader } else { Focus::List };
        self.select_with_context(row);
    }

    /// The terminal window gained or lost the keyboard.
    pub(super) fn window_focus(&mut self, focused: bool) {
        self.window_focused = focused;
        if !focused {
            // Time away from the window is not reading: the count starts
            // again when it comes back.
            self.timer.timed = None;
        }
        self.follow_reader(false);
    }

    fn open_id(&self) -> Option<&str> {
        let index = self.reader.article?;
        Some(self.corpus.id(index))
    }

    pub(super) fn mark_open_article_read(&mut self) {
        self.timer.running = None;
        if self.reader.article.is_some() && self.reader.article == self.timer.kept_unread {
            return;
        }
        let now = self.now;
        if let Some(id) = self.open_id().map(str::to_owned)
            && self.state.mark_read(&id, now)
        {
            self.state_changed();
        }
    }

    /// Scrolling on through the open article reads it.
    pub(super) fn scrolled_on(&mut self) {
        if self.reader.pending.is_none() {
            self.mark_open_article_read();
        }
    }

    pub(super) fn toggle(&mut self, mark: Mark) {
        let now = self.now;
        let Some(index) = self.selected_article() else {
            return;
        };
        let id = self.corpus.id(index).to_owned();
        let value = match mark {
            Mark::Read => self.state.toggle_read(&id, now),
            Mark::Star => self.state.toggle_star(&id, now),
        };
        if mark == Mark::Read {
            // A deliberate "unread" must not be undone by the read timer,
            // nor by scrolling, until the article is opened anew.
            self.timer.running = None;
            self.timer.kept_unread = (!value).then_some(index);
        }
        self.message = Some(describe(mark, value).to_owned());
        self.state_changed();
    }

    pub(super) fn undo(&mut self) {
        let now = self.now;
        let Some(undone) = self.state.undo(now) else {
            self.message = Some("nothing to undo".to_owned());
            return;
        };
        self.message = Some(match undone.count {
            1 => format!("undone; now {}", describe(undone.mark, undone.value)),
            n => format!(
                "undone; {n} articles {}",
                describe(undone.mark, undone.value)
            ),
        });
        self.state_changed();
    }

    /// Opens an article in the reader: the fuzzy finder can pick one the
    /// current view hides, and then the view shows all.
    pub(super) fn open_article(&mut self, index: usize) {
        if !self.rows.contains(&index) {
            self.view = View::All;
            self.drop_filters();
            self.relist();
            self.message = Some(format!("view: {}", self.view.name()));
        }
        if let Some(row) = self.rows.iter().position(|&r| r == index) {
            self.focus = Focus::Reader;
            self.select_with_context(row);
        }
    }

    /// Selects `row` with rows above it on screen, not at an edge.
    fn select_with_context(&mut self, row: usize) {
        let rows = Geometry::new(self.area, &self.config.reader, Focus::List).list_rows();
        self.list_top = row.saturating_sub(rows / 3);
        self.select(row);
    }

    /// Keeps the view, the order, the focus and the selection for next time.
    pub(super) fn record_session(&mut self) {
        let session = Session {
            view: self.view,
            saved_view: self.saved_view().map(|v| v.name.clone()),
            sort: Some(self.sort),
            reader: self.focus == Focus::Reader,
            selected: self
                .selected_article()
                .map(|i| self.corpus.id(i).to_owned()),
        };
        if self.state.set_session(session, self.now) {
            // Nothing counted changed: no recount, only a save.
            self.saving.changed();
        }
    }

    /// Keeps the reading position, the article open last, and the read timer
    /// in step with what the reader shows. Called after every change.
    pub(super) fn follow_reader(&mut self, article_changed: bool) {
        let reading = self.focus == Focus::Reader && self.reader.article.is_some();
        if article_changed && self.reader.article != self.timer.kept_unread {
            self.timer.kept_unread = None;
        }
        if !reading || !self.window_focused {
            self.timer.running = None;
            self.timer.timed = None;
            return;
        }
        let Some(id) = self.open_id().map(str::to_owned) else {
            return;
        };
        // A layout still on its way has no lines to take a position from.
        if self.reader.pending.is_none() {
            self.record_position(&id);
        }
        // The timer starts once per article opened.
        if article_changed || self.timer.timed != self.reader.article {
            self.timer.timed = self.reader.article;
            let wanted = !self.state.is_read(&id) && self.reader.article != self.timer.kept_unread;
            self.timer.running = wanted.then_some(self.now);
        }
    }

    fn record_position(&mut self, id: &str) {
        let now = self.now;
        let block = self
            .reader
            .layout
            .lines
            .get(self.reader.top)
            .map_or(0, |l| l.block);
        let before = (
            self.state.position(id),
            self.state.last_open().map(str::to_owned),
        );
        self.state.set_position(id, block, now);
        self.state.set_last_open(id, now);
        if before != (self.state.position(id), Some(id.to_owned())) {
            self.state_changed();
        }
    }

    pub(super) fn state_changed(&mut self) {
        self.saving.changed();
        self.out.redraw = true;
        self.recount_unread();
    }

    pub(super) fn recount_unread(&mut self) {
        let corpus = &*self.corpus;
        self.unread = self.state.unread_count(corpus.len(), |i| corpus.id(i));
        self.count_sections();
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
