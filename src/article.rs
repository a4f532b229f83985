//! The article model: what the loader produces and everything else reads.

mod body;

use chrono::{DateTime, Datelike, Local, Utc};
use serde::Serialize;

pub use body::Body;

/// Words per minute used for the reading-time estimate.
const WORDS_PER_MINUTE: usize = 230;
/// Chinese, Japanese and Korean are read by the character, at about
/// 300 to 500 a minute.
const CJK_PER_MINUTE: usize = 400;

/// How much text an article holds: words, and CJK characters, which have
/// no spaces between words and are counted one by one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    pub words: usize,
    pub cjk: usize,
}

impl Extent {
    /// Minutes to read at an average pace; 0 only for no text at all.
    pub fn minutes(self) -> usize {
        let per = WORDS_PER_MINUTE * CJK_PER_MINUTE;
        (self.words * CJK_PER_MINUTE + self.cjk * WORDS_PER_MINUTE).div_ceil(per)
    }

    /// `120 words · 1 min read`, `850 characters · 3 min read`, `empty`.
    pub fn label(self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let amount = match (self.words, self.cjk) {
            (0, 0) => return "empty".to_owned(),
            (words, 0) => plural(words, "word", "words"),
            (0, cjk) => plural(cjk, "character", "characters"),
            (words, cjk) => format!(
                "{}, {}",
                plural(words, "word", "words"),
                plural(cjk, "character", "characters")
            ),
        };
        format!("{amount} · {} min read", self.minutes())
    }
}

/// CJK punctuation and full-width forms (`，`, `。`, `「`): between words,
/// not words.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Whether `c` is read as a word of its own: Han ideographs, kana, Hangul.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3134F)
}

/// One article, its text already cleaned (see [`crate::clean`]).
///
/// The body keeps one paragraph per line (`'\n'` between paragraphs), so the
/// whole text is a single allocation and paragraphs are cheap to iterate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable across runs of the same corpus: the relative path of a file,
    /// or `path#N` for the N-th (1-based) entry of a JSON file.
    pub id: String,
    /// The id as shown, when the file's name had to be escaped to make the
    /// id (see [`Article::shown_id`]); `None` for plain names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub title: String,
    /// The parent folder relative to the root given, or the JSON `section`.
    pub section: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<i64>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    /// Shared by clones (see [`Body`]).
    #[serde(skip)]
    pub body: Body,
    /// The URLs a body's `[N]` references stand for, N-th at `N - 1`: the
    /// body ends with them too, as a `Links:` list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The title was made from the body's first words (a feed item may have
    /// none), so it should be shown as such.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub title_from_body: bool,
    /// The feeds' archive kept the item's whole page, not only the feed's
    /// text (`F`, or a feed's `full_text`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
    /// Unix seconds when the archive first fetched the item; `None` for
    /// anything not from the archive. The list marks it new by this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<i64>,
}

/// What the list shows of an article, and finds it by: there before its
/// body has been read (see [`crate::corpus::Corpus::head`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Head<'a> {
    pub id: &'a str,
    /// See [`Article::shown_id`].
    pub shown_id: &'a str,
    pub title: &'a str,
    pub section: &'a str,
    pub date: Option<i64>,
    pub first_seen: Option<i64>,
}

impl Head<'_> {
    /// The day in the reader's time zone, for the list.
    pub fn local_day_label(self) -> Option<String> {
        let local = DateTime::<Utc>::from_timestamp(self.date?, 0)?.with_timezone(&Local);
        Some(local.format("%Y-%m-%d").to_string())
    }

    /// An article of this head and nothing else: no body yet.
    pub fn to_article(self) -> Article {
        Article {
            id: self.id.to_owned(),
            name: (self.shown_id != self.id).then(|| self.shown_id.to_owned()),
            title: self.title.to_owned(),
            section: self.section.to_owned(),
            date: self.date,
            first_seen: self.first_seen,
            ..Article::default()
        }
    }
}

impl Article {
    pub fn head(&self) -> Head<'_> {
        Head {
            id: &self.id,
            shown_id: self.shown_id(),
            title: &self.title,
            section: &self.section,
            date: self.date,
            first_seen: self.first_seen,
        }
    }

    /// The id in a form fit to show: the cleaned name when the id had to be
    /// escaped, the id itself otherwise.
    pub fn shown_id(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

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

    /// Words and CJK characters; the word count alone for text without
    /// CJK (most), which [`Article::word_count`] counts fast.
    pub fn extent(&self) -> Extent {
        if self.body.is_ascii() {
            return Extent {
                words: self.word_count(),
                cjk: 0,
            };
        }
        let (mut extent, mut in_word) = (Extent::default(), false);
        for c in self.body.chars() {
            if is_cjk(c) {
                extent.cjk += 1;
                in_word = false;
            } else if c == ' ' || c == '\n' || is_cjk_punctuation(c) {
                in_word = false;
            } else if !in_word {
                extent.words += 1;
                in_word = true;
            }
        }
        extent
    }

    /// Minutes to read at an average pace; 0 for an empty article.
    pub fn reading_minutes(&self) -> usize {
        self.extent().minutes()
    }

    /// `YYYY-MM-DD`, when the date is known.
    pub fn date_label(&self) -> Option<String> {
        day_label(self.date?)
    }

    /// The metadata line shown under the title:
    /// `section · source · author · date and time · N words · M min read`,
    /// and `· full text` when the archive keeps the whole page.
    pub fn meta_line(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(5);
        for field in [
            Some(&self.section),
            self.source.as_ref(),
            self.author.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            // A feed's title is often both its items' section and source.
            if !field.is_empty() && !parts.contains(field) {
                parts.push(field.clone());
            }
        }
        parts.extend(self.date.and_then(local_time_label));
        parts.push(self.extent().label());
        if self.full_text {
            parts.push("full text".to_owned());
        }
        parts.join(" · ")
    }
}

/// `2024-05-12 23:30 -05:00`: the date and time in the reader's time zone.
pub fn local_time_label(seconds: i64) -> Option<String> {
    let utc = DateTime::<Utc>::from_timestamp(seconds, 0)?;
    Some(time_label(&utc.with_timezone(&Local)))
}

fn time_label<Tz: chrono::TimeZone>(time: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    time.format("%Y-%m-%d %H:%M %:z").to_string()
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
        let when = local_time_label(1_100_000_000).unwrap();
        assert_eq!(
            article.meta_line(),
            format!("tech · {when} · 4 words · 1 min read")
        );
    }

    #[test]
    fn times_keep_their_hour_and_zone() {
        let zone = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let utc = DateTime::<Utc>::from_timestamp(1_715_574_600, 0).unwrap();
        assert_eq!(
            time_label(&utc.with_timezone(&zone)),
            "2024-05-12 23:30 -05:00"
        );
        assert_eq!(time_label(&utc), "2024-05-13 04:30 +00:00");
    }

    #[test]
    fn cjk_is_counted_by_the_character() {
        let article = |body: &str| Article {
            body: body.into(),
            ..Article::default()
        };
        let chinese = article(&"政治局会议".repeat(200));
        assert_eq!(
            chinese.extent(),
            Extent {
                words: 0,
                cjk: 1000
            }
        );
        assert_eq!(chinese.extent().label(), "1000 characters · 3 min read");
        let mixed = article("北京， Café naïve 「中非」。");
        assert_eq!(mixed.extent(), Extent { words: 2, cjk: 4 });
        assert_eq!(
            article("").extent().label(),
            "empty",
            "never 1 min read for nothing"
        );
        assert_eq!(article("one").extent().label(), "1 word · 1 min read");
        assert_eq!(article(&["word"; 460].join(" ")).reading_minutes(), 2);
    }

    #[test]
    fn word_count_spans_many_runs_of_bytes() {
        let body = ["one two three"; 400].join("\n");
        let article = Article {
            body: body.into(),
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
