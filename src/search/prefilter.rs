//! Cheap tests run on every title before the fuzzy matcher: whether a title
//! can match at all, and whether the query stands in it as a whole word.

/// The query as an ordered list of characters that must appear, ignoring
/// case: a necessary condition for a fuzzy match, much cheaper to test.
pub(super) struct Needle {
    chars: Vec<char>,
}

impl Needle {
    pub(super) fn new(query: &str) -> Self {
        Self {
            chars: query.chars().flat_map(char::to_lowercase).collect(),
        }
    }

    pub(super) fn may_match(&self, title: &str) -> bool {
        let mut rest = title.as_bytes();
        for &c in &self.chars {
            if c.is_ascii() {
                let lower = c as u8;
                let found = memchr::memchr2(lower, lower.to_ascii_uppercase(), rest);
                match found {
                    Some(at) => rest = &rest[at + 1..],
                    None => return false,
                }
            } else {
                // Rare: walk the characters, comparing lowercase forms.
                let text = String::from_utf8_lossy(rest);
                let Some((at, ch)) = text
                    .char_indices()
                    .find(|(_, t)| t.to_lowercase().any(|l| l == c))
                else {
                    return false;
                };
                let consumed = text[..at + ch.len_utf8()].len();
                rest = rest.get(consumed..).unwrap_or_default();
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
