//! What the app hears and what it asks for. Everything that happens (a key,
//! a click, a resize, a timer, a worker's answer, a signal) reaches
//! [`super::App::handle`] as a [`Msg`] with the time it was received, and
//! comes back as [`Effects`]: what the loop must do that the app cannot,
//! because it does no I/O and never blocks.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::action::Action;
use crate::corpus::{Changes, Corpus};
use crate::layout::ArticleLayout;
use crate::search::text::TextResult;
use crate::search::{ArticleHit, SearchResult};
use crate::state::ReadingState;

/// One thing that happened.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted at once (bracketed paste).
    Paste(String),
    Resize(u16, u16),
    /// The terminal window gained (`true`) or lost the keyboard.
    Focus(bool),
    /// An action, as if its key had been pressed (scripts and tests).
    Action(Action),
    /// A deadline the app gave ([`super::App::next_deadline`]) came.
    Tick,
    /// The title ranking of a query, from the search worker.
    Ranked(SearchResult),
    /// The full-text hits of a query ([`Job::TextSearch`]).
    TextFound(TextResult),
    /// How much of the full-text index is built, 0 to 1 ([`Job::IndexText`]).
    Indexed {
        progress: f32,
    },
    /// Every hit of the find query in the open article, from a worker.
    Found(Found),
    /// An article laid out at a width, from a worker.
    LaidOut(LaidOut),
    /// A save finished: a warning to show, or why it failed.
    Saved(Result<Option<String>, String>),
    Signal(Signal),
    /// The browser given a link has ended (or could not start).
    Opened(Opened),
    /// Files under the corpus's roots changed (`watch = true`): what is at
    /// these paths is loaded again ([`Job::Reload`]).
    FilesChanged(Changes),
    /// Watching for changes (`watch = true`) could not start: why.
    NotWatching(String),
    /// How much of the corpus a load ([`Job::Reload`]) has read, 0 to 1.
    Loading {
        progress: f32,
    },
    /// The body of the article at `index` was read ([`Job::ReadBody`]),
    /// or why it could not be.
    BodyRead {
        index: usize,
        result: Result<(), String>,
    },
    /// The articles loaded again ([`Job::Reload`], [`Job::ReloadAll`]), or
    /// why they could not be. After [`Msg::ReloadedRecorded`], the same
    /// corpus means that looking at every file found nothing more.
    Reloaded(Result<Arc<Corpus>, String>),
    /// The articles loaded again after `R` from what a watcher recorded
    /// ([`Job::ReloadAll`]): every file is still being looked at, and
    /// [`Msg::Reloaded`] follows.
    ReloadedRecorded(Result<Arc<Corpus>, String>),
    /// A fetch ([`Job::Fetch`]) has finished `done` feeds of `total`.
    Fetching {
        done: usize,
        total: usize,
    },
    /// A fetch ended: what it got, or why it did not run.
    Fetched(Result<Fetched, String>),
    /// A full text ([`Job::FetchFullText`]) is kept in the archive: its
    /// words; or why not.
    FullTextFetched(Result<usize, String>),
}

/// What a fetch brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fetched {
    /// One line for the status bar: `12 feeds: 40 new, 2 failed`.
    pub summary: String,
    /// A line for each feed that failed, for the warnings list.
    pub failures: Vec<String>,
    /// Whether anything in the archive changed: the list is loaded again.
    pub changed: bool,
}

impl Msg {
    /// The key named as in `config.toml` (`j`, `ctrl-d`, `enter`), pressed;
    /// `None` for a name that is no key.
    pub fn key(name: &str) -> Option<Msg> {
        let key: crate::keymap::Key = name.parse().ok()?;
        Some(Msg::Key(key.into()))
    }
}

/// What a signal asks of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTSTP from outside: give the terminal back and stop.
    Stop,
    /// SIGCONT: the terminal may have been reset meanwhile; take it again.
    Continue,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: save and exit.
    Terminate(i32),
}

/// How an attempt to open a link ended, for the status bar.
pub type Opened = Result<(), String>;

/// The answer to a [`Job::Find`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub generation: u64,
    pub hits: Vec<ArticleHit>,
}

/// The answer to a [`Job::LayOut`].
#[derive(Debug, Clone)]
pub struct LaidOut {
    pub pane: Pane,
    /// The epoch of the corpus `article` indexes ([`Corpus::epoch`]): a
    /// layout of a corpus since reloaded is of another article.
    pub epoch: u64,
    pub article: usize,
    pub layout: Arc<ArticleLayout>,
}

/// Where a laid-out article is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Reader,
    /// The finder's preview of the selected hit.
    Preview,
}

/// Work that may take longer than a frame, for a worker thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// Rank the titles for this query (answered by [`Msg::Ranked`]).
    Rank(String),
    /// Build the full-text index unless it is built or being built
    /// (answered by [`Msg::Indexed`], the last with progress 1).
    IndexText,
    /// Search titles and bodies (answered by [`Msg::TextFound`]); a newer
    /// one cancels it.
    TextSearch { generation: u64, query: String },
    /// Find `query` in `layout` (answered by [`Msg::Found`]); a newer find
    /// cancels it.
    Find {
        generation: u64,
        layout: Arc<ArticleLayout>,
        query: String,
    },
    /// Lay out an article at `width` columns (answered by [`Msg::LaidOut`]);
    /// a newer job for the same pane cancels it.
    LayOut {
        pane: Pane,
        article: usize,
        width: usize,
    },
    /// Write the reading state (answered by [`Msg::Saved`]).
    Save(Box<ReadingState>),
    /// Load the articles again, looking at what is at these paths or, for
    /// [`Changes::everything`], at every file (answered by [`Msg::Loading`]
    /// as it goes, then [`Msg::Reloaded`]).
    Reload(Changes),
    /// Load the articles again looking at every file (`R`): at once from
    /// what a watcher recorded when one has been, answered by
    /// [`Msg::ReloadedRecorded`], then behind it, answered by
    /// [`Msg::Reloaded`].
    ReloadAll,
    /// Read the body of the article at this index from its file, in a
    /// corpus made from its listing (answered by [`Msg::BodyRead`]); a
    /// newer one cancels it.
    ReadBody(usize),
    /// Fetch the subscribed feeds (answered by [`Msg::Fetching`] as it goes,
    /// then [`Msg::Fetched`]).
    Fetch,
    /// Fetch the page of the archived item the article `id` was loaded
    /// from, and keep its article in the archive (answered by
    /// [`Msg::FullTextFetched`]).
    FetchFullText { id: String },
}

/// How the program ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Told to stop by this signal: the exit code is 128 + its number.
    Signal(i32),
}

/// What the loop must do after a message.
#[derive(Debug, Default)]
pub struct Effects {
    pub exit: Option<Exit>,
    /// Give the terminal back and stop the process (ctrl-z, SIGTSTP).
    pub suspend: bool,
    /// Take the terminal again and draw everything (SIGCONT).
    pub reenter: bool,
    /// The screen changed.
    pub redraw: bool,
    /// Open this http(s) URL in the browser, giving it the terminal.
    pub open: Option<String>,
    /// Put this text on the clipboard (OSC 52).
    pub copy: Option<String>,
    /// The app now reads this corpus: the workers must too.
    pub corpus: Option<Arc<Corpus>>,
    pub jobs: Vec<Job>,
}

impl Effects {
    /// Adds what `later` asks to what this already asks.
    pub fn merge(&mut self, later: Effects) {
        self.exit = self.exit.or(later.exit);
        self.suspend |= later.suspend;
        self.reenter |= later.reenter;
        self.redraw |= later.redraw;
        self.open = later.open.or(self.open.take());
        self.copy = later.copy.or(self.copy.take());
        self.corpus = later.corpus.or(self.corpus.take());
        self.jobs.extend(later.jobs);
    }
}
