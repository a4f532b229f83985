//! The reader's state and everything that changes it. [`App::handle`] is
//! the one way in: it takes a [`Msg`] and the time it was received, changes
//! the app, and returns the [`Effects`] the loop must carry out. It does no
//! I/O, never blocks and never touches the terminal; slow work (ranking,
//! finding in a huge article, laying one out, saving) goes out as a [`Job`]
//! and comes back as a message. Drawing reads the app through its getters.

use std::sync::Arc;

use ratatui::layout::Rect;

mod act;
mod fetch;
mod filter;
mod find;
mod fresh;
mod full_text;
mod input;
mod line_edit;
mod link;
mod list;
mod loading;
mod marks;
mod mouse;
mod msg;
mod preview;
mod reader;
mod reload;
mod save;
mod search;
mod sections;

pub use filter::ListFilter;
pub use find::Find;
pub use line_edit::{LineEdit, LineKey};
pub use link::openable;
pub use marks::READ_AFTER_MS;
pub use msg::{Effects, Exit, Fetched, Found, Job, LaidOut, Msg, Opened, Pane, Signal};
pub use preview::Preview;
pub use reader::{INLINE_BYTES, Reader};
pub use search::{FindMode, Indexing, SearchOverlay};
pub use sections::{SectionRow, SectionsPane};

use crate::config::Config;
use crate::corpus::Corpus;
use crate::geometry::{Focus, Geometry};
use crate::state::{ReadingState, Sort, Stamp, View};

/// A window above the panes that takes input first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        top: usize,
    },
    /// The warnings, wrapped to the window's width.
    Warnings {
        top: usize,
        lines: Vec<String>,
    },
    Search(SearchOverlay),
}

#[derive(Debug)]
pub struct App {
    corpus: Arc<Corpus>,
    config: Config,
    area: Rect,
    focus: Focus,
    /// The list: corpus indices, in the order shown.
    rows: Vec<usize>,
    selected: usize,
    /// The first row of the list on screen.
    list_top: usize,
    reader: Reader,
    overlay: Option<Overlay>,
    /// The finder's preview of its selected hit, laid out for its width.
    preview: Preview,
    /// Text being found in the open article.
    find: Option<Find>,
    /// The full-text index's progress, for the finder's text mode.
    indexing: search::Indexing,
    /// Draw without colours (`NO_COLOR`): bold and reverse video only.
    monochrome: bool,
    /// Read and starred marks, positions; see [`save`] for when they are written.
    state: ReadingState,
    saving: save::Saving,
    /// Unread articles in the corpus, kept up to date for the status bar.
    unread: usize,
    view: View,
    /// The saved view shown (index into the config's views); `view` is
    /// then all.
    saved_view: Option<usize>,
    /// The filter on top of the view, its prompt while open, and the text
    /// typed last (the prompt opens with it).
    filter: ListFilter,
    filter_prompt: Option<LineEdit>,
    filter_typed: String,
    /// The sections pane while open, and the section chosen in it.
    sections: Option<SectionsPane>,
    section: Option<String>,
    sort: Sort,
    /// A word for the status bar about the last thing done; the next key clears it.
    message: Option<String>,
    /// Problems found after the load (reading state, saving): shown with
    /// the load's warnings.
    warnings: Vec<String>,
    /// Whether any article has a date, or a section: the list keeps a
    /// column for each only then.
    has_dates: bool,
    has_sections: bool,
    /// The time of the message being handled.
    now: Stamp,
    /// A fetch under way: feeds done, of how many.
    fetching: Option<(usize, usize)>,
    /// When to fetch by itself (`fetch_on_start`, `refresh_minutes`);
    /// `None` while a fetch runs and when the settings never ask.
    next_fetch: Option<Stamp>,
    /// The id of the article whose full text is being fetched (`F`).
    full_text: Option<String>,
    /// Archive items first fetched after this (Unix seconds) are new;
    /// see [`fresh`].
    new_after: Option<i64>,
    /// Bodies loading behind a corpus made from its listing.
    loading: loading::Loading,
    /// A number typed before a key: which of the article's links it means.
    count: Option<usize>,
    /// The terminal window has the keyboard: reading time counts only then.
    window_focused: bool,
    timer: marks::ReadTimer,
    /// What the message being handled asks of the loop.
    out: Effects,
}

impl App {
    /// The app at `now`, in a terminal of `area`, before any message.
    pub fn new(corpus: Arc<Corpus>, config: Config, area: Rect, now: Stamp) -> Self {
        let (has_dates, has_sections) = reload::dated_and_sectioned(&corpus);
        let new_after = fresh::newest_first_seen(&corpus);
        let mut app = Self {
            corpus,
            config,
            area,
            focus: Focus::List,
            rows: Vec::new(),
            selected: 0,
            list_top: 0,
            reader: Reader::default(),
            overlay: None,
            preview: Preview::default(),
            find: None,
            indexing: search::Indexing::default(),
            monochrome: false,
            state: ReadingState::default(),
            saving: save::Saving::default(),
            unread: 0,
            view: View::All,
            saved_view: None,
            filter: ListFilter::default(),
            filter_prompt: None,
            filter_typed: String::new(),
            sections: None,
            section: None,
            sort: if has_dates {
                Sort::Newest
            } else {
                Sort::Corpus
            },
            message: None,
            warnings: Vec::new(),
            has_dates,
            has_sections,
            now,
            fetching: None,
            next_fetch: None,
            new_after,
            full_text: None,
            loading: loading::Loading::default(),
            count: None,
            window_focused: true,
            timer: marks::ReadTimer::default(),
            out: Effects::default(),
        };
        app.relist();
        app.start_loading();
        app.settle();
        app.want_body();
        app.recount_unread();
        app.next_fetch = app.first_fetch();
        // Nothing has happened yet: nothing to save.
        app.saving = save::Saving::default();
        app
    }

    /// Draw without colours.
    pub fn set_monochrome(&mut self, monochrome: bool) {
        self.monochrome = monochrome;
    }

    /// The one way in: handles `msg`, received at `now`, and says what the
    /// loop must do.
    pub fn handle(&mut self, msg: Msg, now: Stamp) -> Effects {
        self.now = now;
        let redraw = !matches!(msg, Msg::Tick | Msg::Saved(Ok(None)));
        let finder_open = matches!(self.overlay, Some(Overlay::Search(_)));
        match msg {
            Msg::Key(key) => self.key(&key),
            Msg::Mouse(mouse) => self.mouse(&mouse),
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize(width, height) => self.resize(width, height),
            Msg::Focus(focused) => self.window_focus(focused),
            Msg::Action(action) => self.act(action),
            Msg::Tick => {}
            Msg::Ranked(result) => self.search_results(result),
            Msg::TextFound(result) => {
                self.filter_text_found(&result);
                self.text_results(result);
            }
            Msg::Indexed { progress } => self.indexed_for_all(progress),
            Msg::Found(found) => self.found(found),
            Msg::LaidOut(laid) => self.laid_out(laid),
            Msg::Saved(result) => self.saved(result),
            Msg::Signal(signal) => self.signal(signal),
            Msg::Opened(opened) => self.opened(opened),
            Msg::FilesChanged(changes) => self.out.jobs.push(Job::Reload(changes)),
            Msg::Loading { progress } => self.loading_progress(progress),
            Msg::BodyRead { index, result } => self.body_read(index, result),
            Msg::Reloaded(corpus) => self.reloaded(corpus),
            Msg::ReloadedRecorded(corpus) => self.reloaded_recorded(corpus),
            Msg::NotWatching(why) => self.warn(format!("not watching for changes: {why}")),
            Msg::Fetching { done, total } => self.fetching = Some((done, total)),
            Msg::Fetched(fetched) => self.fetched(fetched),
            Msg::FullTextFetched(result) => self.full_text_fetched(result),
        }
        if finder_open && !matches!(self.overlay, Some(Overlay::Search(_))) {
            // The finder's text searches may have cancelled the filter's.
            self.ask_filter_text();
        }
        self.timers();
        self.want_body();
        self.out.redraw |= redraw;
        std::mem::take(&mut self.out)
    }

    /// When [`App::handle`] wants a [`Msg::Tick`] if nothing else comes:
    /// the read mark, a save, or a fetch of its own.
    pub fn next_deadline(&self) -> Option<Stamp> {
        [
            self.timer.deadline(),
            self.saving.deadline(),
            self.next_fetch,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Runs what is due at `self.now`.
    fn timers(&mut self) {
        if self.timer.due(self.now) {
            self.mark_open_article_read();
        }
        self.save_if_due();
        self.fetch_if_due();
    }

    fn signal(&mut self, signal: Signal) {
        match signal {
            Signal::Stop => self.out.suspend = true,
            Signal::Continue => self.out.reenter = true,
            Signal::Terminate(number) => self.out.exit = Some(Exit::Signal(number)),
        }
    }

    /// A problem to keep in the warnings list, and to say now.
    pub fn warn(&mut self, warning: impl Into<String>) {
        let warning = warning.into();
        self.message = Some(warning.clone());
        self.warnings.push(warning);
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The list: corpus indices, in the order shown.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The selected row of the list.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row of the list on screen.
    pub fn list_top(&self) -> usize {
        self.list_top
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn preview(&self) -> &Preview {
        &self.preview
    }

    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    pub fn monochrome(&self) -> bool {
        self.monochrome
    }

    pub fn state(&self) -> &ReadingState {
        &self.state
    }

    /// Unread articles in the corpus.
    pub fn unread(&self) -> usize {
        self.unread
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The load's warnings, then those found since.
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        let load = self.corpus.report.warnings.iter().map(ToString::to_string);
        load.chain(self.warnings.iter().cloned())
    }

    pub fn warning_count(&self) -> usize {
        self.corpus.report.warnings.len() + self.warnings.len()
    }

    pub fn has_dates(&self) -> bool {
        self.has_dates
    }

    /// A fetch under way: feeds done, of how many.
    pub fn fetching(&self) -> Option<(usize, usize)> {
        self.fetching
    }

    pub fn has_sections(&self) -> bool {
        self.has_sections
    }

    /// Changes are waiting to be saved, or being saved.
    pub fn unsaved(&self) -> bool {
        self.saving.pending()
    }

    pub fn geometry(&self) -> Geometry {
        let geometry = Geometry::new(self.area, &self.config.reader, self.focus);
        match self.sections {
            Some(_) => geometry.with_sections(),
            None => geometry,
        }
    }

    /// The corpus index of the selected article.
    pub fn selected_article(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// A page: the height of the panes.
    pub fn page(&self) -> usize {
        let geometry = self.geometry();
        geometry.list_rows().max(geometry.reader_rows()).max(1)
    }
}

#[cfg(test)]
#[path = "app/tests.rs"]
mod tests;
