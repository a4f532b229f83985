//! Cheap tests run on every title around the fuzzy matcher: whether a title
//! can match at all, and whether the query stands in it as a whole word.

use memchr::memmem::Finder;

/// The query's characters in order, compared as SkimMatcherV2 compares them:
/// ASCII letters in either case unless the query has an ASCII capital, any
/// other character exactly. That is SkimMatcherV2's own first test, so a
/// title failing it cannot match; memchr runs it far faster.
pub(super) struct Needle {
    units: Vec<Unit>,
}

enum Unit {
    /// An ASCII character, in the forms it matches (the same byte twice
    /// when case counts).
    Byte(u8, u8),
    /// Any other character, as its UTF-8 bytes: UTF-8 is self-synchronising,
    /// so finding the bytes finds the character.
    Char(Box<Finder<'static>>),
}

impl Needle {
    pub(super) fn new(query: &str) -> Self {
        let case_sensitive = query.bytes().any(|b| b.is_ascii_uppercase());
        let units = query
            .chars()
            .map(|c| match u8::try_from(c) {
                Ok(b) if b.is_ascii() && !case_sensitive => {
                    Unit::Byte(b.to_ascii_lowercase(), b.to_ascii_uppercase())
                }
                Ok(b) if b.is_ascii() => Unit::Byte(b, b),
                _ => {
                    let mut buf = [0; 4];
                    Unit::Char(Box::new(
                        Finder::new(c.encode_utf8(&mut buf).as_bytes()).into_owned(),
                    ))
                }
            })
            .collect();
        Self { units }
    }

    pub(super) fn may_match(&self, title: &str) -> bool {
        let mut rest = title.as_bytes();
        for unit in &self.units {
            let end = match unit {
                Unit::Byte(a, b) => memchr::memchr2(*a, *b, rest).map(|at| at + 1),
                Unit::Char(finder) => finder.find(rest).map(|at| at + finder.needle().len()),
            };
            match end {
                Some(end) => rest = &rest[end..],
                None => return false,
            }
        }
        true
    }
}

/// Whether `query` stands in `title` between word boundaries (ASCII case
/// folding when `ignore_case`).
///
/// Only the places where the query's first byte occurs are tried (found with
/// memchr): this runs on every matching title, and trying every offset was a
/// tenth of the time of a one-letter search.
pub(super) fn whole_word(title: &str, query: &str, ignore_case: bool) -> bool {
    let (t, q) = (title.as_bytes(), query.as_bytes());
    let Some(&first) = q.first() else {
        return false;
    };
    if q.len() > t.len() {
        return false;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let (a, b) = if ignore_case {
        (first.to_ascii_lowercase(), first.to_ascii_uppercase())
    } else {
        (first, first)
    };
    let last_start = t.len() - q.len();
    memchr::memchr2_iter(a, b, &t[..=last_start]).any(|i| {
        let window = &t[i..i + q.len()];
        let same = if ignore_case {
            window.eq_ignore_ascii_case(q)
        } else {
            window == q
        };
        same && (i == 0 || !is_word(t[i - 1])) && t.get(i + q.len()).is_none_or(|&b| !is_word(b))
    })
}
