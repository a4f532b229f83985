//! Scores exactly as a fresh `SkimMatcherV2::default().smart_case()` does,
//! without its per-call allocations and thread-local look-ups: that matcher
//! was most of the time of a search.
//!
//! One-character queries, where nearly every title matches, take a shortcut:
//! their score is a maximum over the places the character occurs. Longer ones
//! run SkimMatcherV2's two-row score matrix, ported cell for cell (see
//! [`matrix`]).
//!
//! "Fresh" matters: SkimMatcherV2 reuses its matrix between calls and, for
//! some patterns with a repeated letter, reads a bonus left there by the
//! previous title, so its score can depend on what the same thread scored
//! before. Starting every title from a clean matrix makes ranking repeatable.

mod matrix;
mod pair;

use matrix::Pattern;
pub(super) use matrix::Scratch;

/// SkimMatcherV2's default scoring constants (`SkimScoreConfig::default`).
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const PENALTY_CASE_MISMATCH: i32 = 2 * GAP_EXTENSION;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;

/// Scores titles against one query.
pub(super) struct Scorer {
    pattern: Pattern,
    /// SkimMatcherV2's smart case looks at ASCII capitals only.
    case_sensitive: bool,
    /// The query's bytes when it is a single character.
    single: Option<Single>,
}

/// A one-character query: the byte forms it matches (both ASCII cases when
/// case is ignored; SkimMatcherV2 folds ASCII case only).
struct Single {
    ch: char,
    case_sensitive: bool,
    encoded: [u8; 4],
    len: usize,
}

impl Scorer {
    pub(super) fn new(query: &str) -> Self {
        let mut chars = query.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(ch), None) => {
                let mut encoded = [0; 4];
                let len = ch.encode_utf8(&mut encoded).len();
                Some(Single {
                    ch,
                    case_sensitive: ch.is_ascii_uppercase(),
                    encoded,
                    len,
                })
            }
            _ => None,
        };
        Self {
            pattern: Pattern {
                chars: query.chars().collect(),
                ascii: query.is_ascii().then(|| query.as_bytes().to_vec()),
            },
            case_sensitive: query.chars().any(|c| c.is_ascii_uppercase()),
            single,
        }
    }

    /// SkimMatcherV2's score of `title`, or `None` when it does not match.
    pub(super) fn score(&self, title: &str, scratch: &mut Scratch) -> Option<i64> {
        match &self.single {
            Some(single) => single.score(title).map(i64::from),
            None => matrix::score(title, &self.pattern, self.case_sensitive, scratch),
        }
    }
}

impl Single {
    /// With one pattern character SkimMatcherV2's matrix has a single row,
    /// and its score is the best, over the places the character occurs, of
    /// the match score plus the in-place bonus, after one gap extension.
    fn score(&self, title: &str) -> Option<i32> {
        let bytes = title.as_bytes();
        let best = if self.len == 1 {
            let b = self.encoded[0];
            let (lower, upper) = if self.case_sensitive {
                (b, b)
            } else {
                (b.to_ascii_lowercase(), b.to_ascii_uppercase())
            };
            memchr::memchr2_iter(lower, upper, bytes)
                .map(|at| self.score_at(title, at))
                .max()
        } else {
            // UTF-8 is self-synchronising: a byte match is a character match.
            memchr::memmem::find_iter(bytes, &self.encoded[..self.len])
                .map(|at| self.score_at(title, at))
                .max()
        };
        best.map(|s| s + GAP_EXTENSION)
    }

    fn score_at(&self, title: &str, at: usize) -> i32 {
        let found = title[at..].chars().next().unwrap_or(self.ch);
        let prev = title[..at].chars().next_back().unwrap_or('\0');
        let mut bonus = in_place_bonus(CharType::of(prev), CharType::of(found));
        if at == 0 {
            bonus *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        match_score(found, self.ch, self.case_sensitive).unwrap_or(0) + bonus
    }
}

/// SkimMatcherV2's character classes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl CharType {
    #[inline]
    pub(super) fn of(ch: char) -> Self {
        match ch {
            '\0' => CharType::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
            '0'..='9' => CharType::Number,
            'A'..='Z' => CharType::Upper,
            _ => CharType::Lower,
        }
    }
}

/// SkimMatcherV2's bonus for where a character stands: after a separator
/// or at the start, after punctuation, or at a camel-case hump.
#[inline]
pub(super) fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    use CharType::*;
    match (prev, cur) {
        (Empty | HardSep, _) => BONUS_HEAD,
        (SoftSep, _) => BONUS_BREAK,
        (Lower | Number, Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// SkimMatcherV2's score for `c` standing for `p`: `None` when they differ
/// (ASCII case folded unless `case_sensitive`), less when only by case.
fn match_score(c: char, p: char, case_sensitive: bool) -> Option<i32> {
    let equal = if case_sensitive {
        c == p
    } else {
        c.eq_ignore_ascii_case(&p)
    };
    if !equal {
        return None;
    }
    let mismatch = if c == p { 0 } else { PENALTY_CASE_MISMATCH };
    Some((SCORE_MATCH + mismatch).max(0))
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
