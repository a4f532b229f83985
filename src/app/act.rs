//! Actions: what a key of the key table (or a script) asks for.

use super::{App, Exit, Overlay};
use crate::action::Action;
use crate::geometry::Focus;
use crate::state::Mark;

impl App {
    /// Does `action`. Overlays take it first.
    pub(super) fn act(&mut self, action: Action) {
        self.message = None;
        let count = self.count.take();
        if self.overlay.is_some() {
            self.act_on_overlay(action);
            self.settle();
            return;
        }
        if self.sections.is_some() {
            self.act_on_sections(action);
            self.settle();
            return;
        }
        match action {
            Action::Down => self.step(1, true),
            Action::Up => self.step(1, false),
            Action::HalfPageDown => self.step(self.page() / 2, true),
            Action::HalfPageUp => self.step(self.page() / 2, false),
            // At the end of an article, a page on is the next unread one.
            Action::PageDown if self.focus == Focus::Reader && self.at_end() => self.next_unread(),
            Action::PageDown => self.step(self.page(), true),
            Action::PageUp => self.step(self.page(), false),
            Action::Top => self.step(usize::MAX, false),
            Action::Bottom => self.step(usize::MAX, true),
            Action::Open if !self.rows.is_empty() => self.focus = Focus::Reader,
            Action::Back if self.find.is_some() => self.find = None,
            Action::Back
                if self.focus == Focus::List
                    && (!self.filter.typed_is_empty() || self.section.is_some()) =>
            {
                self.clear_filter()
            }
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
            Action::Warnings => {
                let lines = self.warning_lines();
                self.overlay = Some(Overlay::Warnings { top: 0, lines });
            }
            Action::Quit if self.focus == Focus::Reader => self.focus = Focus::List,
            Action::Quit | Action::QuitNow => self.out.exit = Some(Exit::Quit),
            Action::Suspend => self.out.suspend = true,
            Action::ToggleRead => self.toggle(Mark::Read),
            Action::ToggleStar => self.toggle(Mark::Star),
            Action::Undo => self.undo(),
            Action::CycleView => self.cycle_view(),
            Action::CycleSort => self.cycle_sort(),
            Action::Filter => self.open_filter_prompt(),
            Action::Sections => self.toggle_sections(),
            Action::NextUnread => self.next_unread(),
            Action::MarkAllRead => self.mark_all_read(),
            Action::OpenUrl => self.open_url(count),
            Action::CopyUrl => self.copy_url(count),
            Action::Fetch => self.fetch(),
            Action::FullText => self.fetch_full_text(),
            Action::Reload => {
                self.message = Some("loading…".to_owned());
                self.out.jobs.push(super::Job::ReloadAll);
            }
            _ => {}
        }
        self.settle();
    }

    /// Overlays take input first: movement scrolls them, anything that
    /// means "go back" closes them.
    fn act_on_overlay(&mut self, action: Action) {
        let page = self.page();
        let last = self.overlay_last_top();
        let Some(Overlay::Help { top } | Overlay::Warnings { top, .. }) = &mut self.overlay else {
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
            Action::QuitNow => self.out.exit = Some(Exit::Quit),
            Action::Suspend => self.out.suspend = true,
            _ => {}
        }
    }

    /// The help or warnings window shows its lines in the screen's height
    /// less its border: the furthest it scrolls.
    fn overlay_last_top(&self) -> usize {
        let lines = match &self.overlay {
            Some(Overlay::Help { .. }) => self.config.keymap.help_rows().len(),
            Some(Overlay::Warnings { lines, .. }) => lines.len(),
            _ => 0,
        };
        lines.saturating_sub(usize::from(self.area.height).saturating_sub(2))
    }

    /// The warnings, each wrapped to the window's width.
    pub(super) fn warning_lines(&self) -> Vec<String> {
        if self.warning_count() == 0 {
            return vec!["No warnings: every file loaded.".to_owned()];
        }
        let width = crate::geometry::window_text_width(self.area);
        let mut lines = Vec::new();
        for warning in self.warnings() {
            let options = textwrap::Options::new(width).subsequent_indent("  ");
            lines.extend(
                textwrap::wrap(&warning, options)
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        }
        lines
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
            // Nothing to scroll yet: the ends are where it opens.
            Focus::Reader if self.reader.pending.is_some() && n == usize::MAX => {
                self.reader.open_at_end(forward);
            }
            Focus::Reader => {
                let top = self.reader.top;
                self.reader.top = if forward {
                    top.saturating_add(n)
                } else {
                    top.saturating_sub(n)
                };
                if forward {
                    self.scrolled_on();
                }
            }
        }
    }

    /// Selects a row (clamped); the reader shows it from its top.
    pub(super) fn select(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
        self.settle();
    }
}
