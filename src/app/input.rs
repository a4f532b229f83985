//! Terminal input turned into what the app does: a text field takes keys
//! while it is open, the key table maps the rest to actions, and the mouse
//! scrolls and selects.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::keymap::{Key, KeyCodeOrd};

impl App {
    pub(super) fn key(&mut self, event: &KeyEvent) {
        if event.kind == KeyEventKind::Release {
            return;
        }
        let Some(key) = Key::from_event(event) else {
            return;
        };
        if self.wants_text() {
            self.text_key(key);
        } else if let Some(action) = self.config.keymap.action(&key) {
            self.act(action);
        } else if let (KeyCodeOrd::Char(digit @ '0'..='9'), false, false) =
            (key.code, key.ctrl, key.alt)
        {
            // A number, then the open or copy key: that link of the article.
            let n = self.count.unwrap_or(0).saturating_mul(10);
            let n = n.saturating_add(usize::from(digit as u8 - b'0'));
            self.count = Some(n);
            let key = self.config.keymap.key_name(crate::action::Action::OpenUrl);
            self.message = Some(format!("link {n}: {key} opens it"));
        }
    }

    pub(super) fn mouse(&mut self, event: &MouseEvent) {
        let (x, y) = (event.column, event.row);
        match event.kind {
            MouseEventKind::ScrollDown => self.wheel(x, y, true),
            MouseEventKind::ScrollUp => self.wheel(x, y, false),
            MouseEventKind::Down(MouseButton::Left) => self.click(x, y),
            _ => {}
        }
    }

    /// Pasted text goes into the open text field, a character at a time
    /// as if typed; line breaks and tabs become spaces. Without a field
    /// open, a paste is not a string of commands.
    pub(super) fn paste(&mut self, text: &str) {
        if !self.wants_text() {
            return;
        }
        for c in text.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if c.is_control() {
                continue;
            }
            self.text_key(Key {
                code: KeyCodeOrd::Char(c),
                ctrl: false,
                alt: false,
            });
        }
    }
}
