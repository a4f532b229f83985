//! The filter language shared by the list and the command line:
//! `section:sport source:reuters author:smith tag:elections is:unread
//! is:starred after:2005-01-01 before:2005-02-01`, bare words as a
//! full-text query, every term required, `-` in front of a term negating it.

use chrono::NaiveDate;

use super::fold::fold_str;
use crate::article::Article;
use crate::state::ReadingState;

/// One `key:value` term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Section(String),
    Source(String),
    Author(String),
    Tag(String),
    Unread,
    Starred,
    /// On or after this time (the day's start, UTC).
    After(i64),
    /// Before this time (the day's start, UTC).
    Before(i64),
}

/// A parsed filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Each term, and whether it is negated.
    pub terms: Vec<(bool, Term)>,
    /// The bare words, as a full-text query (empty for none).
    pub text: String,
}

/// Why a filter could not be read; the message names the term.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("{term}: not a date; write {key}:YYYY-MM-DD")]
    Date { term: String, key: &'static str },
    #[error("{term}: is: takes unread or starred")]
    Is { term: String },
    #[error(
        "{term}: unknown filter {key}:; filters are section:, source:, author:, tag:, is:, after: and before:"
    )]
    Unknown { term: String, key: String },
    #[error("{term}: {key}: needs a value")]
    Empty { term: String, key: String },
}

impl Filter {
    pub fn parse(text: &str) -> Result<Self, FilterError> {
        let mut filter = Filter::default();
        let mut words = Vec::new();
        for piece in text.split_whitespace() {
            let (negated, body) = match piece.strip_prefix('-') {
                Some(rest) if !rest.is_empty() => (true, rest),
                _ => (false, piece),
            };
            match body.split_once(':') {
                Some((key, value)) if is_key_like(key) => {
                    filter.terms.push((negated, term(piece, key, value)?));
                }
                _ => words.push(piece),
            }
        }
        filter.text = words.join(" ");
        Ok(filter)
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.text.is_empty()
    }

    /// Whether `article` passes every term (the bare words are the full-text
    /// index's business). `state` answers `is:unread` and `is:starred`.
    pub fn admits(&self, article: &Article, state: &ReadingState) -> bool {
        self.terms
            .iter()
            .all(|(negated, t)| t.holds(article, state) != *negated)
    }
}

/// `text` as filters compare it: accents folded, lower case.
pub fn fold_lower(text: &str) -> String {
    fold_str(text, true).to_lowercase()
}

/// A word before `:` names a filter only when it is letters: `12:30` or
/// `http://…` stay words.
fn is_key_like(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic())
}

fn term(piece: &str, key: &str, value: &str) -> Result<Term, FilterError> {
    let term = piece.to_owned();
    if value.is_empty() {
        return Err(FilterError::Empty {
            term,
            key: key.to_owned(),
        });
    }
    let folded = fold_str(value, true).to_lowercase();
    Ok(match key.to_ascii_lowercase().as_str() {
        "section" => Term::Section(folded),
        "source" => Term::Source(folded),
        "author" => Term::Author(folded),
        "tag" => Term::Tag(folded),
        "is" => match folded.as_str() {
            "unread" => Term::Unread,
            "starred" => Term::Starred,
            _ => return Err(FilterError::Is { term }),
        },
        "after" => Term::After(day(value).ok_or(FilterError::Date { term, key: "after" })?),
        "before" => Term::Before(day(value).ok_or(FilterError::Date {
            term,
            key: "before",
        })?),
        _ => {
            return Err(FilterError::Unknown {
                term,
                key: key.to_owned(),
            });
        }
    })
}

/// The start of a `YYYY-MM-DD` day, UTC, in seconds.
fn day(value: &str) -> Option<i64> {
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

impl Term {
    fn holds(&self, a: &Article, state: &ReadingState) -> bool {
        let has = |field: Option<&str>, want: &str| {
            field.is_some_and(|f| fold_str(f, true).to_lowercase().contains(want))
        };
        match self {
            // A section names a folder: `section:news` takes `news/uk` too.
            Term::Section(s) => {
                let section = fold_str(&a.section, true).to_lowercase();
                section == *s || section.starts_with(&format!("{s}/"))
            }
            Term::Source(s) => has(a.source.as_deref(), s),
            Term::Author(s) => has(a.author.as_deref(), s),
            Term::Tag(s) => a
                .tags
                .iter()
                .any(|t| fold_str(t, true).to_lowercase() == *s),
            Term::Unread => !state.is_read(&a.id),
            Term::Starred => state.is_starred(&a.id),
            Term::After(t) => a.date.is_some_and(|d| d >= *t),
            Term::Before(t) => a.date.is_some_and(|d| d < *t),
        }
    }
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
