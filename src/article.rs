//! The article model: what the loader produces and everything else reads.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

/// Words per minute used for the reading-time estimate.
const WORDS_PER_MINUTE: usize = 230;

/// One article, its text already cleaned (see [`crate::clean`]).
///
/// The body keeps one paragraph per line (`'\n'` between paragraphs), so the
/// whole text is a single allocation and paragraphs are cheap to iterate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable across runs of the same corpus: the relative path of a file,
    /// or `path#N` for the N-th (1-based) entry of a JSON file.
    pub id: String,
    pub title: String,
    /// The parent folder relative to the root given, or the JSON `section`.
    pub section: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<i64>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    #[serde(skip)]
    pub body: String,
    /// The URLs a body's `[N]` references stand for, N-th at `N - 1`: the
    /// body ends with them too, as a `Links:` list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The title was made from the body's first words (a feed item may have
    /// none), so it should be shown as such.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub title_from_body: bool,
}

impl Article {
    /// The paragraphs of the body, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split('\n').filter(|p| !p.is_empty())
    }

    /// Words in the body. Cleaned text separates words by exactly one space
    /// or newline (see [`crate::clean::sanitize`]), so counting separators is
    /// enough, and fast enough for `stats` on a million articles.
    pub fn word_count(&self) -> usize {
        if self.body.is_empty() {
            return 0;
        }
        // Separators come every few bytes, too often for memchr2's find-next
        // loop to pay off. Counting into a byte per run of 255 bytes lets the
        // compiler vectorise the count: five times a plain filter-count here.
        let mut separators = 0;
        for run in self.body.as_bytes().chunks(255) {
            let n = run
                .iter()
                .fold(0u8, |n, &b| n + u8::from(b == b' ' || b == b'\n'));
            separators += usize::from(n);
        }
        separators + 1
    }

    /// Minutes to read at an average pace, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.word_count().div_ceil(WORDS_PER_MINUTE).max(1)
    }

    /// `YYYY-MM-DD`, when the date is known.
    pub fn date_label(&self) -> Option<String> {
        day_label(self.date?)
    }

    /// The metadata line shown under the title:
    /// `section · source · date · N words · M min read`.
    pub fn meta_line(&self) -> String {
        let words = self.word_count();
        let mut parts: Vec<String> = Vec::with_capacity(5);
        for field in [
            Some(&self.section),
            self.source.as_ref(),
            self.author.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if !field.is_empty() {
                parts.push(field.clone());
            }
        }
        parts.extend(self.date_label());
        parts.push(format!(
            "{words} {}",
            if words == 1 { "word" } else { "words" }
        ));
        parts.push(format!("{} min read", self.reading_minutes()));
        parts.join(" · ")
    }
}

/// `YYYY-MM-DD` of a date in Unix seconds.
pub fn day_label(seconds: i64) -> Option<String> {
    // Not `format("%Y-%m-%d")`, nor `format!`: `byline search` prints a
    // hundred thousand dates, and their machinery showed.
    let d = DateTime::<Utc>::from_timestamp(seconds, 0)?;
    let Ok(year @ 0..=9999) = u32::try_from(d.year()) else {
        // Out of the loader's range: as chrono writes it, sign and all.
        return Some(d.format("%Y-%m-%d").to_string());
    };
    let mut label = String::with_capacity(10);
    for (n, width) in [(year, 4), (d.month(), 2), (d.day(), 2)] {
        if !label.is_empty() {
            label.push('-');
        }
        for place in (0..width).rev() {
            let digit = n / 10u32.pow(place) % 10;
            label.push(char::from(b'0' + digit as u8));
        }
    }
    Some(label)
}

fn serialize_date<S: serde::Serializer>(date: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match date.and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0)) {
        Some(d) => s.serialize_str(&d.to_rfc3339()),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_line_skips_missing_fields_and_counts_words() {
        let article = Article {
            section: "tech".into(),
            date: Some(1_100_000_000),
            body: "one two three\nfour".into(),
            ..Article::default()
        };
        assert_eq!(
            article.meta_line(),
            "tech · 2004-11-09 · 4 words · 1 min read"
        );
    }

    #[test]
    fn word_count_spans_many_runs_of_bytes() {
        let body = ["one two three"; 400].join("\n");
        let article = Article {
            body,
            ..Article::default()
        };
        assert_eq!(article.word_count(), 1200);
    }

    #[test]
    fn paragraphs_skip_empty_lines() {
        let article = Article {
            body: "a\n\nb".into(),
            ..Article::default()
        };
        assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["a", "b"]);
    }
}
