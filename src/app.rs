//! The reader's state and everything that changes it. `App::update` does no
//! I/O and never touches the terminal: sizes come in through `resize`, keys
//! come in as [`Action`]s, and drawing reads the result.

use std::sync::Arc;

use ratatui::layout::Rect;

mod find;
mod line_edit;
mod marks;
mod mouse;
mod search;

pub use find::Find;
pub use line_edit::{LineEdit, LineKey};
pub use marks::READ_AFTER_MS;
pub use search::SearchOverlay;

use crate::action::Action;
use crate::config::Config;
use crate::corpus::Corpus;
use crate::layout::ArticleLayout;
use crate::state::{Mark, ReadingState, Stamp, View};
use crate::ui::geometry::{self, Focus, Geometry};

/// A window above the panes that takes input first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { top: usize },
    Warnings { top: usize },
    Search(SearchOverlay),
}

/// The article in the reading pane, laid out for the current width.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// Index into the corpus.
    pub article: Option<usize>,
    pub layout: ArticleLayout,
    /// The first line on screen.
    pub top: usize,
}

#[derive(Debug)]
pub struct App {
    pub corpus: Arc<Corpus>,
    pub config: Config,
    pub area: Rect,
    pub focus: Focus,
    /// The list: corpus indices, in the order shown.
    pub rows: Vec<usize>,
    pub selected: usize,
    /// The first row of the list on screen.
    pub list_top: usize,
    pub reader: Reader,
    pub overlay: Option<Overlay>,
    /// Text being found in the open article.
    pub find: Option<Find>,
    /// Draw without colours (`NO_COLOR`): bold and reverse video only.
    pub monochrome: bool,
    pub quit: bool,
    pub suspend: bool,
    /// Read and starred marks, positions; saved by the caller when `unsaved`.
    pub state: ReadingState,
    pub unsaved: bool,
    /// Unread articles in the corpus, kept up to date for the status bar.
    pub unread: usize,
    view: View,
    /// A word for the status bar about the last thing done; the next key clears it.
    pub message: Option<String>,
    /// Whether any article has a date: the list keeps a column for them.
    pub has_dates: bool,
    /// The time, as last told by [`App::tick`].
    now: Stamp,
    /// Since when the open article has been in the reader, unread.
    reading_since: Option<Stamp>,
    /// The article the read timer was started for.
    timed_article: Option<usize>,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, config: Config, area: Rect) -> Self {
        let rows = (0..corpus.articles.len()).collect();
        let mut app = Self {
            corpus,
            config,
            area,
            focus: Focus::List,
            rows,
            selected: 0,
            list_top: 0,
            reader: Reader::default(),
            overlay: None,
            find: None,
            monochrome: false,
            quit: false,
            suspend: false,
            state: ReadingState::default(),
            unsaved: false,
            unread: 0,
            view: View::All,
            message: None,
            has_dates: false,
            now: Stamp(0),
            reading_since: None,
            timed_article: None,
        };
        app.has_dates = app.corpus.articles.iter().any(|a| a.date.is_some());
        app.settle();
        app.restore_state(ReadingState::default());
        app
    }

    pub fn geometry(&self) -> Geometry {
        Geometry::new(self.area, &self.config.reader, self.focus)
    }

    /// The corpus index of the selected article.
    pub fn selected_article(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// A new terminal size: the selected article and the paragraph at the top
    /// of the reader stay where they are.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.settle();
    }

    pub fn update(&mut self, action: Action) {
        self.message = None;
        if self.overlay.is_some() {
            self.update_overlay(action);
            return;
        }
        match action {
            Action::Down => self.step(1, true),
            Action::Up => self.step(1, false),
            Action::HalfPageDown => self.step(self.page() / 2, true),
            Action::HalfPageUp => self.step(self.page() / 2, false),
            Action::PageDown => self.step(self.page(), true),
            Action::PageUp => self.step(self.page(), false),
            Action::Top => self.step(usize::MAX, false),
            Action::Bottom => self.step(usize::MAX, true),
            Action::Open if !self.rows.is_empty() => self.focus = Focus::Reader,
            Action::Back if self.find.is_some() => self.find = None,
            Action::Back => self.focus = Focus::List,
            Action::SwitchFocus if !self.rows.is_empty() => {
                self.focus = match self.focus {
                    Focus::List => Focus::Reader,
                    Focus::Reader => Focus::List,
                }
            }
            Action::NextArticle => self.select(self.selected.saturating_add(1)),
            Action::PrevArticle => self.select(self.selected.saturating_sub(1)),
            Action::Help => self.overlay = Some(Overlay::Help { top: 0 }),
            Action::Search => self.open_search(),
            Action::Find if self.focus == Focus::List => self.open_search(),
            Action::Find => self.open_find(),
            Action::NextHit => self.find_next(true),
            Action::PrevHit => self.find_next(false),
            Action::Warnings => self.overlay = Some(Overlay::Warnings { top: 0 }),
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::ToggleRead => self.toggle(Mark::Read),
            Action::ToggleStar => self.toggle(Mark::Star),
            Action::Undo => self.undo(),
            Action::CycleView => self.cycle_view(),
            _ => {}
        }
        self.settle();
    }

    /// Overlays take input first: movement scrolls them, anything that
    /// means "go back" closes them.
    fn update_overlay(&mut self, action: Action) {
        let page = self.page();
        let last = self.overlay_last_top();
        let Some(Overlay::Help { top } | Overlay::Warnings { top }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Down => *top = top.saturating_add(1).min(last),
            Action::Up => *top = top.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => {
                *top = top.saturating_add(page / 2).min(last)
            }
            Action::PageUp | Action::HalfPageUp => *top = top.saturating_sub(page / 2),
            Action::Top => *top = 0,
            Action::Bottom => *top = last,
            Action::Back | Action::Quit | Action::Help | Action::Warnings | Action::Open => {
                self.overlay = None
            }
            Action::Suspend => self.suspend = true,
            _ => {}
        }
    }

    /// The help or warnings window shows its lines in the screen's height
    /// less its border: the furthest it scrolls.
    fn overlay_last_top(&self) -> usize {
        let lines = match &self.overlay {
            Some(Overlay::Help { .. }) => self.config.keymap.help_rows().len(),
            Some(Overlay::Warnings { .. }) => self.corpus.report.warnings.len().max(1),
            _ => 0,
        };
        lines.saturating_sub(usize::from(self.area.height).saturating_sub(2))
    }

    /// Moves the list selection or scrolls the reader, by `n` (clamped).
    pub(super) fn step(&mut self, n: usize, forward: bool) {
        match self.focus {
            Focus::List => {
                let target = if forward {
                    self.selected.saturating_add(n)
                } else {
                    self.selected.saturating_sub(n)
                };
                self.select(target);
            }
            Focus::Reader => {
                let top = self.reader.top;
                self.reader.top = if forward {
                    top.saturating_add(n)
                } else {
                    top.saturating_sub(n)
                };
                if forward {
                    self.mark_open_article_read();
                }
            }
        }
    }

    /// Selects a row (clamped); the reader shows it from its top.
    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
        self.settle();
    }

    /// A page: the height of the panes.
    pub fn page(&self) -> usize {
        let geometry = self.geometry();
        geometry.list_rows().max(geometry.reader_rows()).max(1)
    }

    /// Restores every invariant after a change: the selection is in range
    /// and on screen, the reader shows the selected article laid out for
    /// the current width, and its scroll offset is in range.
    fn settle(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        // The list's rows even while the reader has the whole screen, so the
        // list is scrolled as it was when it comes back.
        let list = Geometry::new(self.area, &self.config.reader, Focus::List);
        let rows = list.list_rows().max(1);
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + rows {
            self.list_top = self.selected + 1 - rows;
        }
        self.list_top = self.list_top.min(self.rows.len().saturating_sub(rows));
        if self.rows.is_empty() {
            self.focus = Focus::List;
        }
        let relaid = self.lay_out_reader();
        if let Some(article_changed) = relaid {
            self.refresh_find(article_changed);
        }
        let last_top = self.reader.layout.lines.len().saturating_sub(self.page());
        self.reader.top = self.reader.top.min(last_top);
        self.follow_reader(relaid == Some(true));
    }

    /// Lays out the selected article for the current width when either
    /// changed: `None` when neither did, else whether the article did.
    fn lay_out_reader(&mut self) -> Option<bool> {
        let article = self.selected_article();
        let width = geometry::wrap_width(self.area, &self.config.reader);
        // Too small to read (or not yet sized): wrapping at one column would
        // only cost time; the layout waits for a real size.
        let too_small = self.geometry().too_small;
        let reader = &mut self.reader;
        if too_small || (reader.article == article && reader.layout.width == width) {
            return None;
        }
        let Some(index) = article else {
            self.reader = Reader::default();
            return Some(true);
        };
        // Same article at a new width: keep the paragraph at the top. A newly
        // opened one starts where it was left.
        let same = reader.article == article;
        let block = match same {
            true => reader.layout.lines.get(reader.top).map_or(0, |l| l.block),
            false => self.state.position(&self.corpus.articles[index].id),
        };
        reader.layout = ArticleLayout::new(&self.corpus.articles[index], width);
        reader.top = if block == 0 {
            0
        } else {
            reader.layout.line_of_block(block)
        };
        reader.article = article;
        Some(!same)
    }

    /// How far through the article the reader is, 0 to 100.
    pub fn reader_percent(&self) -> usize {
        let lines = self.reader.layout.lines.len();
        let page = self.page();
        if lines <= page {
            return 100;
        }
        (self.reader.top * 100 / (lines - page)).min(100)
    }
}

#[cfg(test)]
#[path = "app/tests.rs"]
mod tests;
