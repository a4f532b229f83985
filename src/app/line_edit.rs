//! A one-line text field with a cursor and the usual editing keys, shared
//! by the fuzzy-search overlay and the find-in-article prompt.

use crate::keymap::{Key, KeyCodeOrd, Named};

/// The longest line a field holds: longer than any query a person types
/// or pastes on purpose, short enough that each edit stays cheap.
pub const MAX_CHARS: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEdit {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKey {
    /// The text changed.
    Changed,
    /// Only the cursor moved (or nothing happened).
    Moved,
    Enter,
    Cancel,
    /// Not an editing key: the caller may use it.
    Other(Key),
}

impl LineEdit {
    /// Backspace, Delete and Ctrl-d (forward), Ctrl-w (a word), Ctrl-u
    /// (the line), left/right, Alt-b/Alt-f (a word), Home/End (and their
    /// Emacs forms), Enter, Esc; printable characters are typed.
    pub fn key(&mut self, key: Key) -> LineKey {
        use KeyCodeOrd::{Char, Named as N};
        if key.alt && !key.ctrl {
            return match key.code {
                Char('b') => self.cursor_to(self.cursor - self.word_before_cursor()),
                Char('f') => self.cursor_to(self.cursor + self.word_after_cursor()),
                _ => LineKey::Other(key),
            };
        }
        match (key.code, key.ctrl) {
            (N(Named::Esc), _) | (Char('c' | 'g'), true) => LineKey::Cancel,
            (N(Named::Enter), _) => LineKey::Enter,
            (N(Named::Left), _) | (Char('b'), true) => {
                self.cursor_to(self.cursor.saturating_sub(1))
            }
            (N(Named::Right), _) | (Char('f'), true) => self.cursor_to(self.cursor + 1),
            (N(Named::Home), _) | (Char('a'), true) => self.cursor_to(0),
            (N(Named::End), _) | (Char('e'), true) => self.cursor_to(usize::MAX),
            (N(Named::Backspace), _) | (Char('h'), true) => self.delete_back(1),
            (N(Named::Delete), _) | (Char('d'), true) => self.delete_forward(),
            (Char('w'), true) => self.delete_back(self.word_before_cursor()),
            (Char('u'), true) => {
                self.text.clear();
                self.cursor = 0;
                LineKey::Changed
            }
            (Char(c), false) if !key.alt => self.insert(c.encode_utf8(&mut [0; 4])),
            _ => LineKey::Other(key),
        }
    }

    /// Types `text` at the cursor, as far as the line has room.
    pub fn insert(&mut self, text: &str) -> LineKey {
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let text: String = text.chars().take(room).collect();
        if text.is_empty() {
            return LineKey::Moved;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &text);
        self.cursor += text.chars().count();
        LineKey::Changed
    }

    fn cursor_to(&mut self, at: usize) -> LineKey {
        self.cursor = at.min(self.text.chars().count());
        LineKey::Moved
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Characters from the start of the word before the cursor (and the
    /// spaces after it) to the cursor: what Ctrl-w deletes.
    fn word_before_cursor(&self) -> usize {
        let before: Vec<char> = self.text.chars().take(self.cursor).collect();
        let spaces = before
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        let word = before
            .iter()
            .rev()
            .skip(spaces)
            .take_while(|c| !c.is_whitespace())
            .count();
        spaces + word
    }

    /// Characters from the cursor over the spaces and the word after it:
    /// where Alt-f goes.
    fn word_after_cursor(&self) -> usize {
        let after: Vec<char> = self.text.chars().skip(self.cursor).collect();
        let spaces = after.iter().take_while(|c| c.is_whitespace()).count();
        let word = after
            .iter()
            .skip(spaces)
            .take_while(|c| !c.is_whitespace())
            .count();
        spaces + word
    }

    fn delete_forward(&mut self) -> LineKey {
        if self.cursor >= self.text.chars().count() {
            return LineKey::Moved;
        }
        self.cursor += 1;
        self.delete_back(1)
    }

    fn delete_back(&mut self, n: usize) -> LineKey {
        let n = n.min(self.cursor);
        if n == 0 {
            return LineKey::Moved;
        }
        let (start, end) = (self.byte_at(self.cursor - n), self.byte_at(self.cursor));
        self.text.replace_range(start..end, "");
        self.cursor -= n;
        LineKey::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[&str]) -> String {
        let mut line = LineEdit::default();
        for k in keys {
            line.key(k.parse().unwrap());
        }
        line.text
    }

    #[test]
    fn typing_and_editing() {
        assert_eq!(typed(&["m", "u", "t", "u"]), "mutu");
        assert_eq!(typed(&["a", "b", "backspace"]), "a");
        assert_eq!(typed(&["a", "b", "left", "X"]), "aXb");
        assert_eq!(typed(&["a", "b", "home", "X", "end", "Y"]), "XabY");
        assert_eq!(typed(&["a", "b", "ctrl-a", "X", "ctrl-e", "Y"]), "XabY");
        assert_eq!(typed(&["a", "space", "b", "c", "ctrl-w"]), "a ");
        assert_eq!(typed(&["a", "space", "b", "ctrl-u"]), "");
        assert_eq!(typed(&["中", "非", "left", "backspace"]), "非");
        assert_eq!(typed(&["backspace", "left", "x"]), "x");
        assert_eq!(typed(&["a", "b", "c", "home", "delete", "ctrl-d"]), "c");
        assert_eq!(
            typed(&["a", "b", "end", "delete"]),
            "ab",
            "nothing after the cursor"
        );
        let words = ["o", "n", "e", "space", "t", "w", "o"];
        let with = |extra: &[&str]| typed(&[&words[..], extra].concat());
        assert_eq!(with(&["alt-b", "X"]), "one Xtwo");
        assert_eq!(with(&["alt-b", "alt-b", "X"]), "Xone two");
        assert_eq!(with(&["home", "alt-f", "X"]), "oneX two");
        assert_eq!(with(&["home", "alt-f", "alt-f", "X"]), "one twoX");
    }

    #[test]
    fn a_line_holds_at_most_max_chars() {
        let mut line = LineEdit::default();
        assert_eq!(line.insert(&"ab".repeat(MAX_CHARS)), LineKey::Changed);
        assert_eq!(line.text.chars().count(), MAX_CHARS);
        assert_eq!(line.insert("x"), LineKey::Moved, "no room: nothing typed");
        assert_eq!(line.cursor, MAX_CHARS);
    }

    #[test]
    fn enter_escape_and_other_keys() {
        let mut line = LineEdit::default();
        assert_eq!(line.key("enter".parse().unwrap()), LineKey::Enter);
        assert_eq!(line.key("esc".parse().unwrap()), LineKey::Cancel);
        assert_eq!(line.key("ctrl-c".parse().unwrap()), LineKey::Cancel);
        let down = "down".parse().unwrap();
        assert_eq!(line.key(down), LineKey::Other(down));
    }
}
