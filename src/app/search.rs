//! The fuzzy-search overlay's state: a query line with a cursor, the ranked
//! hits, and the selection the user had before, to restore on Esc.

use super::{App, Overlay};
use crate::keymap::{Key, KeyCodeOrd, Named};
use crate::search::Hit;
use crate::ui::geometry::Focus;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchOverlay {
    pub query: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// The list row selected when the overlay opened.
    pub row_before: usize,
}

/// What a key did to the overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The query changed: rank again.
    Query,
    /// Only the selection moved.
    Moved,
    Accept,
    Cancel,
    Nothing,
}

impl SearchOverlay {
    /// Applies one key: the usual line-editing keys, and movement.
    pub fn key(&mut self, key: Key) -> Edit {
        use KeyCodeOrd::{Char, Named as N};
        match (key.code, key.ctrl) {
            (N(Named::Esc), _) | (Char('c' | 'g'), true) => Edit::Cancel,
            (N(Named::Enter), _) => Edit::Accept,
            (N(Named::Down), _) | (Char('n' | 'j'), true) => self.move_by(1, true),
            (N(Named::Up), _) | (Char('p' | 'k'), true) => self.move_by(1, false),
            (N(Named::PageDown), _) => self.move_by(10, true),
            (N(Named::PageUp), _) => self.move_by(10, false),
            (N(Named::Left), _) | (Char('b'), true) => {
                self.cursor_to(self.cursor.saturating_sub(1))
            }
            (N(Named::Right), _) | (Char('f'), true) => self.cursor_to(self.cursor + 1),
            (N(Named::Home), _) | (Char('a'), true) => self.cursor_to(0),
            (N(Named::End), _) | (Char('e'), true) => self.cursor_to(usize::MAX),
            (N(Named::Backspace), _) | (Char('h'), true) => self.delete_back(1),
            (Char('w'), true) => self.delete_back(self.word_before_cursor()),
            (Char('u'), true) => {
                self.query.clear();
                self.cursor = 0;
                Edit::Query
            }
            (Char(c), false) if !key.alt => {
                let at = self.byte_at(self.cursor);
                self.query.insert(at, c);
                self.cursor += 1;
                Edit::Query
            }
            _ => Edit::Nothing,
        }
    }

    fn move_by(&mut self, n: usize, down: bool) -> Edit {
        let last = self.hits.len().saturating_sub(1);
        self.selected = if down {
            self.selected.saturating_add(n).min(last)
        } else {
            self.selected.saturating_sub(n)
        };
        Edit::Moved
    }

    fn cursor_to(&mut self, at: usize) -> Edit {
        self.cursor = at.min(self.query.chars().count());
        Edit::Moved
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.query
            .char_indices()
            .nth(chars)
            .map_or(self.query.len(), |(i, _)| i)
    }

    /// Characters from the start of the word before the cursor (and the
    /// spaces after it) to the cursor: what Ctrl-w deletes.
    fn word_before_cursor(&self) -> usize {
        let before: Vec<char> = self.query.chars().take(self.cursor).collect();
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

    fn delete_back(&mut self, n: usize) -> Edit {
        let n = n.min(self.cursor);
        if n == 0 {
            return Edit::Nothing;
        }
        let (start, end) = (self.byte_at(self.cursor - n), self.byte_at(self.cursor));
        self.query.replace_range(start..end, "");
        self.cursor -= n;
        Edit::Query
    }

    /// New results: the best is selected.
    pub fn set_hits(&mut self, hits: Vec<Hit>) {
        self.hits = hits;
        self.selected = 0;
    }
}

impl App {
    /// Whether keys should go to [`App::search_key`] rather than the key table.
    pub fn wants_text(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Search(_)))
    }

    pub(super) fn open_search(&mut self) {
        let mut overlay = SearchOverlay {
            row_before: self.selected,
            ..SearchOverlay::default()
        };
        overlay.set_hits(
            crate::search::rank(&self.corpus.articles, "", &|| false).unwrap_or_default(),
        );
        self.overlay = Some(Overlay::Search(overlay));
    }

    /// A key typed into the search overlay.
    pub fn search_key(&mut self, key: Key) {
        let Some(Overlay::Search(overlay)) = &mut self.overlay else {
            return;
        };
        match overlay.key(key) {
            Edit::Query => {
                let hits = crate::search::rank(&self.corpus.articles, &overlay.query, &|| false);
                overlay.set_hits(hits.unwrap_or_default());
            }
            Edit::Accept => {
                let chosen = overlay.hits.get(overlay.selected).map(|h| h.index);
                self.overlay = None;
                if let Some(row) =
                    chosen.and_then(|index| self.rows.iter().position(|&r| r == index))
                {
                    self.select(row);
                    self.focus = Focus::Reader;
                }
            }
            Edit::Cancel => {
                let row = overlay.row_before;
                self.overlay = None;
                self.select(row);
            }
            Edit::Moved | Edit::Nothing => {}
        }
        self.settle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[&str]) -> SearchOverlay {
        let mut overlay = SearchOverlay::default();
        for k in keys {
            overlay.key(k.parse().unwrap());
        }
        overlay
    }

    #[test]
    fn typing_and_editing_the_query() {
        assert_eq!(typed(&["m", "u", "t", "u"]).query, "mutu");
        assert_eq!(typed(&["a", "b", "backspace"]).query, "a");
        assert_eq!(typed(&["a", "b", "left", "X"]).query, "aXb");
        assert_eq!(typed(&["a", "b", "home", "X", "end", "Y"]).query, "XabY");
        assert_eq!(typed(&["a", "space", "b", "c", "ctrl-w"]).query, "a ");
        assert_eq!(typed(&["a", "space", "b", "ctrl-u"]).query, "");
        assert_eq!(typed(&["中", "非", "left", "backspace"]).query, "非");
    }

    #[test]
    fn movement_is_clamped() {
        let mut overlay = SearchOverlay::default();
        overlay.set_hits(vec![
            Hit {
                index: 0,
                score: 1,
                word: false
            };
            3
        ]);
        for (key, want) in [
            ("down", 1),
            ("ctrl-n", 2),
            ("ctrl-j", 2),
            ("up", 1),
            ("ctrl-k", 0),
            ("ctrl-p", 0),
        ] {
            assert_eq!(overlay.key(key.parse().unwrap()), Edit::Moved);
            assert_eq!(overlay.selected, want, "after {key}");
        }
        assert_eq!(overlay.key("enter".parse().unwrap()), Edit::Accept);
        assert_eq!(overlay.key("esc".parse().unwrap()), Edit::Cancel);
    }
}
