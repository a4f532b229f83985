//! The mouse: the wheel scrolls the pane under the pointer, a click selects
//! a row or focuses the reader.

use ratatui::layout::Position;

use super::App;
use crate::geometry::Focus;

/// Lines the mouse wheel moves.
const WHEEL_LINES: usize = 3;

impl App {
    /// A click: on a list row selects it, on the reader focuses it.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        if self.overlay.is_some() {
            self.overlay = None;
            return;
        }
        let geometry = self.geometry();
        let at = Position { x, y };
        if let Some(pane) = geometry.sections.filter(|r| r.contains(at)) {
            let top = self.sections.as_ref().map_or(0, |p| p.top);
            return self.choose_section(top + usize::from(y - pane.y));
        }
        if let Some(list) = geometry.list.filter(|r| r.contains(at)) {
            let row = self.list_top + usize::from(y - list.y);
            if row < self.rows.len() {
                self.focus = Focus::List;
                self.select(row);
            }
        } else if geometry.reader.is_some_and(|r| r.contains(at)) && !self.rows.is_empty() {
            self.focus = Focus::Reader;
        }
    }

    /// The wheel scrolls the pane under the pointer, whatever has focus.
    pub(super) fn wheel(&mut self, x: u16, y: u16, down: bool) {
        // Under a window the panes are out of reach.
        if self.overlay.is_some() {
            return;
        }
        let geometry = self.geometry();
        let at = Position { x, y };
        let focus = if geometry.list.is_some_and(|r| r.contains(at)) {
            Focus::List
        } else if geometry.reader.is_some_and(|r| r.contains(at)) {
            Focus::Reader
        } else {
            return;
        };
        let saved = std::mem::replace(&mut self.focus, focus);
        self.step(WHEEL_LINES, down);
        self.focus = saved;
        self.settle();
    }
}
