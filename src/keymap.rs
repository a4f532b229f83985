//! Keys: parsing key strings such as `ctrl-d`, `G` or `pagedown`, and the
//! table from keys to [`Action`]s that drives input and the help overlay.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// A key with its modifiers, as written in `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` with an order, so a key table sorts the same way every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(Named),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Named {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
}

const NAMES: &[(&str, Named)] = &[
    ("up", Named::Up),
    ("down", Named::Down),
    ("left", Named::Left),
    ("right", Named::Right),
    ("home", Named::Home),
    ("end", Named::End),
    ("pageup", Named::PageUp),
    ("pagedown", Named::PageDown),
    ("enter", Named::Enter),
    ("esc", Named::Esc),
    ("tab", Named::Tab),
    ("backtab", Named::BackTab),
    ("backspace", Named::Backspace),
    ("delete", Named::Delete),
    ("insert", Named::Insert),
];

/// Why a key string is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad key {0:?}: write a character (`j`, `G`, `?`), a name (up, down, left, right, home, end, pageup, pagedown, enter, esc, tab, backtab, backspace, delete, insert, space, f1-f12), optionally after ctrl- or alt-"
)]
pub struct BadKey(pub String);

impl std::str::FromStr for Key {
    type Err = BadKey;

    fn from_str(s: &str) -> Result<Self, BadKey> {
        let bad = || BadKey(s.to_owned());
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ if rest == "space" => KeyCodeOrd::Char(' '),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(&(_, named)) = NAMES.iter().find(|(n, _)| *n == lower) {
                    KeyCodeOrd::Named(named)
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    KeyCodeOrd::F(n)
                } else {
                    return Err(bad());
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(named) => {
                let name = NAMES
                    .iter()
                    .find(|(_, n)| *n == named)
                    .map_or("?", |(s, _)| s);
                f.write_str(name)
            }
        }
    }
}

impl Key {
    /// The key a terminal event stands for; `None` for keys byline never binds.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            // The character already says whether shift was down.
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Up => KeyCodeOrd::Named(Named::Up),
            KeyCode::Down => KeyCodeOrd::Named(Named::Down),
            KeyCode::Left => KeyCodeOrd::Named(Named::Left),
            KeyCode::Right => KeyCodeOrd::Named(Named::Right),
            KeyCode::Home => KeyCodeOrd::Named(Named::Home),
            KeyCode::End => KeyCodeOrd::Named(Named::End),
            KeyCode::PageUp => KeyCodeOrd::Named(Named::PageUp),
            KeyCode::PageDown => KeyCodeOrd::Named(Named::PageDown),
            KeyCode::Enter => KeyCodeOrd::Named(Named::Enter),
            KeyCode::Esc => KeyCodeOrd::Named(Named::Esc),
            KeyCode::Tab => KeyCodeOrd::Named(Named::Tab),
            KeyCode::BackTab => KeyCodeOrd::Named(Named::BackTab),
            KeyCode::Backspace => KeyCodeOrd::Named(Named::Backspace),
            KeyCode::Delete => KeyCodeOrd::Named(Named::Delete),
            KeyCode::Insert => KeyCodeOrd::Named(Named::Insert),
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }
}

impl From<Key> for KeyEvent {
    /// The terminal event a key stands for: what scripts and tests send.
    fn from(key: Key) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        modifiers.set(KeyModifiers::CONTROL, key.ctrl);
        modifiers.set(KeyModifiers::ALT, key.alt);
        let code = match key.code {
            KeyCodeOrd::Char(c) => KeyCode::Char(c),
            KeyCodeOrd::F(n) => KeyCode::F(n),
            KeyCodeOrd::Named(named) => match named {
                Named::Up => KeyCode::Up,
                Named::Down => KeyCode::Down,
                Named::Left => KeyCode::Left,
                Named::Right => KeyCode::Right,
                Named::Home => KeyCode::Home,
                Named::End => KeyCode::End,
                Named::PageUp => KeyCode::PageUp,
                Named::PageDown => KeyCode::PageDown,
                Named::Enter => KeyCode::Enter,
                Named::Esc => KeyCode::Esc,
                Named::Tab => KeyCode::Tab,
                Named::BackTab => KeyCode::BackTab,
                Named::Backspace => KeyCode::Backspace,
                Named::Delete => KeyCode::Delete,
                Named::Insert => KeyCode::Insert,
            },
        };
        KeyEvent::new(code, modifiers)
    }
}

/// Which action each key does, in the order the keys were bound (the
/// order of `config.toml`, so the first key of an action is its main one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    keys: Vec<(Key, Action)>,
}

impl Keymap {
    /// Binds `key` to `action`; returns the action it was bound to before.
    pub fn bind(&mut self, key: Key, action: Action) -> Option<Action> {
        match self.keys.iter_mut().find(|(k, _)| *k == key) {
            Some((_, bound)) => Some(std::mem::replace(bound, action)),
            None => {
                self.keys.push((key, action));
                None
            }
        }
    }

    pub fn action(&self, key: &Key) -> Option<Action> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, a)| *a)
    }

    /// The main key of `action`, as help and hints name it ("unbound" when
    /// the configuration gave it none).
    pub fn key_name(&self, action: Action) -> String {
        self.keys_of(action)
            .first()
            .map_or_else(|| "unbound".to_owned(), ToString::to_string)
    }

    /// The keys of `action`, main one first.
    pub fn keys_of(&self, action: Action) -> Vec<Key> {
        self.keys
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// Each action with its keys, in [`Action::ALL`] order: what help shows.
    pub fn help_rows(&self) -> Vec<(Action, String)> {
        Action::ALL
            .iter()
            .map(|&a| {
                let keys: Vec<String> = self.keys_of(a).iter().map(ToString::to_string).collect();
                (a, keys.join(" "))
            })
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn key_strings_round_trip() {
        for s in [
            "j",
            "G",
            "?",
            "/",
            "[",
            "space",
            "ctrl-d",
            "alt-x",
            "ctrl-alt-k",
            "pagedown",
            "f5",
            "esc",
            "backtab",
        ] {
            assert_eq!(key(s).to_string(), s);
        }
        assert_eq!(key("PageDown").to_string(), "pagedown");
        assert_eq!(key("ctrl-D"), key("ctrl-d"));
    }

    #[test]
    fn bad_key_strings_are_refused() {
        for s in ["", "ctrl-", "pgdn", "f13", "f0", "jj", "\u{7}"] {
            assert!(s.parse::<Key>().is_err(), "{s:?}");
        }
    }

    #[test]
    fn events_map_to_keys_ignoring_shift_on_characters() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Some(key("G")));
        let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ev), Some(key("ctrl-d")));
        let ev = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
        assert_eq!(Key::from_event(&ev), Some(key("pagedown")));
    }

    #[test]
    fn keys_round_trip_through_events() {
        for s in [
            "j", "G", "space", "ctrl-d", "alt-x", "pagedown", "f5", "esc", "中",
        ] {
            assert_eq!(
                Key::from_event(&KeyEvent::from(key(s))),
                Some(key(s)),
                "{s}"
            );
        }
    }
}
