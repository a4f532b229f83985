//! Configuration errors that say which file, which line and what is wrong.

use std::fmt;
use std::ops::Range;

/// Why a configuration file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file, as the user would type it.
    pub file: String,
    /// 1-based line and column, when the problem has a place.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A configuration file's name and text, to turn byte spans into places.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// An error at the byte span `span` of the text (its start is what counts).
    ///
    /// The message is cleaned to one line of plain text: it can quote the
    /// file (an unknown key, a bad value), and a key named with escape
    /// sequences must not reach the terminal as commands.
    pub fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_owned(),
            at: span.map(|s| line_column(self.text, s.start)),
            message: crate::clean::single_line(&message.into()),
        }
    }

    pub fn toml_error(&self, e: &toml::de::Error) -> ConfigError {
        // toml's message can end in a newline meant for its own layout, and
        // speaks of Rust types where a user thinks of TOML ones.
        let message = e
            .message()
            .trim_end()
            .replace("unknown field", "unknown key")
            .replace("expected u16", "expected a whole number from 0 to 65535")
            .replace("expected a sequence", "expected a list, such as [\"q\"]");
        self.error(e.span(), message)
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncé\n\nx";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (1, 3));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 6), (2, 3), "é is one column");
        assert_eq!(line_column(text, 8), (4, 1));
        assert_eq!(line_column(text, 99), (4, 2), "past the end: the end");
    }

    #[test]
    fn errors_name_the_file_and_place() {
        let source = Source {
            file: "c.toml",
            text: "a\nbad",
        };
        let e = source.error(Some(2..5), "what");
        assert_eq!(e.to_string(), "c.toml:2:1: what");
        assert_eq!(source.error(None, "what").to_string(), "c.toml: what");
    }
}
