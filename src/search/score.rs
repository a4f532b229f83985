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

mod bound;
mod matrix;
mod pair;
mod rules;

use rules::{
    BONUS_FIRST_CHAR_MULTIPLIER, CharType, GAP_EXTENSION, Unit, first_matches, in_place_bonus,
    match_score,
};

/// Scores titles against one query.
pub(super) struct Scorer {
    pattern: Pattern,
    /// SkimMatcherV2's smart case looks at ASCII capitals only.
    case_sensitive: bool,
    /// The query's bytes when it is a single character.
    single: Option<Single>,
}

/// Buffers reused from one title to the next (one set per chunk of titles).
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// A non-ASCII title's chars; ASCII titles are read as bytes.
    choice: Vec<char>,
    work: matrix::Work,
}

/// A query as chars, and as bytes when it is ASCII: most titles are ASCII,
/// and scoring their bytes saves decoding them.
struct Pattern {
    chars: Vec<char>,
    ascii: Option<Vec<u8>>,
}

impl Pattern {
    /// The score of `title` (the pattern has two characters or more), or
    /// `None` when the pattern's characters do not all appear in order.
    fn score(&self, title: &str, case_sensitive: bool, s: &mut Scratch) -> Option<i64> {
        if title.is_ascii() {
            // A non-ASCII query character equals no ASCII one, even ignoring case.
            let bytes = self.ascii.as_deref()?;
            return score_units(title.as_bytes(), bytes, case_sensitive, &mut s.work);
        }
        s.choice.clear();
        s.choice.extend(title.chars());
        score_units(&s.choice, &self.chars, case_sensitive, &mut s.work)
    }
}

/// Two pattern characters take [`pair`]'s single pass, more the matrix.
fn score_units<U: Unit>(
    choice: &[U],
    pattern: &[U],
    case_sensitive: bool,
    w: &mut matrix::Work,
) -> Option<i64> {
    if !first_matches(choice, pattern, case_sensitive, &mut w.first) {
        return None;
    }
    if let ([a, b], [f0, f1]) = (pattern, w.first.as_slice()) {
        let pair = [a.char(), b.char()];
        return Some(pair::score(choice, pair, case_sensitive, [*f0, *f1]));
    }
    matrix::run(choice, pattern, case_sensitive, w)
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
    /// SkimMatcherV2's smart case: case counts when the query has an
    /// ASCII capital. (Ranking decides case itself; tests compare with
    /// SkimMatcherV2's own rule.)
    #[cfg(test)]
    pub(super) fn new(query: &str) -> Self {
        Self::with_case(query, query.chars().any(|c| c.is_ascii_uppercase()))
    }

    /// A scorer for a query whose case rule was decided elsewhere (fzf's
    /// smart case looks at the whole query, by Unicode case).
    pub(super) fn with_case(query: &str, case_sensitive: bool) -> Self {
        let mut chars = query.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(ch), None) => {
                let mut encoded = [0; 4];
                let len = ch.encode_utf8(&mut encoded).len();
                Some(Single {
                    ch,
                    case_sensitive,
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
            case_sensitive,
            single,
        }
    }

    /// No title scores more than this: ranking the best few skips titles
    /// whose bound cannot enter them. See [`bound`] for why it holds.
    pub(super) fn bound(&self, title: &str) -> i64 {
        bound::of(title, &self.pattern.chars, self.case_sensitive)
    }

    /// SkimMatcherV2's score of `title`, or `None` when it does not match.
    pub(super) fn score(&self, title: &str, scratch: &mut Scratch) -> Option<i64> {
        match &self.single {
            Some(single) => single.score(title).map(i64::from),
            None => self.pattern.score(title, self.case_sensitive, scratch),
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

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
