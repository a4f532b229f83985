//! JSON articles: an array, an object holding an `articles` or `items` array
//! (NewsAPI, JSON Feed), or JSON Lines. Field names follow real feeds.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::jsonl::{self, Location};
use super::{Batches, Input, LoadOptions, Warning, limit_body};
use crate::article::Article;
use crate::clean::{decode, into_paragraphs, sanitize, single_line};

/// One entry as feeds spell it; every field is optional and unknown ones are
/// ignored. Which of several synonyms wins is decided in [`RawArticle::into_article`].
///
/// Text fields borrow from the input where JSON has no escapes in them:
/// bodies are copied once, by cleaning, not twice.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawArticle<'a> {
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    headline: Option<Cow<'a, str>>,
    #[serde(borrow)]
    body: Option<Cow<'a, str>>,
    #[serde(borrow)]
    content_html: Option<Cow<'a, str>>,
    #[serde(borrow)]
    content_text: Option<Cow<'a, str>>,
    #[serde(borrow)]
    content: Option<Cow<'a, str>>,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow)]
    description: Option<Cow<'a, str>>,
    #[serde(borrow)]
    summary: Option<Cow<'a, str>>,
    #[serde(borrow)]
    date: Option<DateValue<'a>>,
    #[serde(rename = "publishedAt", borrow)]
    published_at: Option<DateValue<'a>>,
    #[serde(borrow)]
    published: Option<DateValue<'a>>,
    #[serde(borrow)]
    date_published: Option<DateValue<'a>>,
    #[serde(rename = "pubDate", borrow)]
    pub_date: Option<DateValue<'a>>,
    #[serde(borrow)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow)]
    link: Option<Cow<'a, str>>,
    source: Option<Named>,
    author: Option<Named>,
    authors: Option<Vec<Named>>,
    section: Option<Words>,
    category: Option<Words>,
    tags: Option<Words>,
}

/// A string, or an object with a `name` (NewsAPI's `source`, JSON Feed's authors).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Named {
    Plain(String),
    Object { name: Option<String> },
}

impl Named {
    fn name(self) -> Option<String> {
        match self {
            Named::Plain(s) => Some(s),
            Named::Object { name } => name,
        }
    }
}

/// One word or a list of them (`category`, `tags`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Words {
    One(String),
    Many(Vec<String>),
}

impl Words {
    fn into_vec(self) -> Vec<String> {
        match self {
            Words::One(s) => vec![s],
            Words::Many(v) => v,
        }
    }
}

/// A date as text (RFC 3339, RFC 2822, `YYYY-MM-DD`) or as Unix seconds.
///
/// Deserialized by hand: serde's untagged enums copy every value into a
/// buffer of their own first, and every entry has a date.
#[derive(Debug)]
enum DateValue<'a> {
    Text(Cow<'a, str>),
    Seconds(i64),
}

impl<'de: 'a, 'a> Deserialize<'de> for DateValue<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = DateValue<'a>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date as text or as Unix seconds")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(DateValue::Text(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(DateValue::Text(Cow::Owned(v.to_owned())))
            }

            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(DateValue::Seconds(v))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(DateValue::Seconds)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }

            /// Python's `time.time()` writes seconds with a fraction.
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                // In range, the cast only drops the fraction.
                if v.is_finite() && v.abs() < 9.2e18 {
                    Ok(DateValue::Seconds(v as i64))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
                }
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// Parses a whole JSON document.
pub fn parse_document(
    input: &Input,
    bytes: &[u8],
    options: &LoadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Batches, String> {
    let text = decode(bytes).map_err(|e| format!("{e}; skipped"))?;
    let entries = top_level_entries(&text).map_err(|e| format!("malformed JSON: {e}; skipped"))?;
    let mut line = LineCounter::new(&text);
    let located: Vec<(usize, &str)> = entries
        .iter()
        .map(|raw| (line.line_of(raw.get()), raw.get()))
        .collect();
    Ok(parse_entries(input, &located, 0, options, warnings))
}

/// Parses JSON Lines: one entry a non-blank line.
pub fn parse_lines(
    input: &Input,
    bytes: &[u8],
    options: &LoadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Batches, String> {
    let text = decode(bytes).map_err(|e| format!("{e}; skipped"))?;
    let mut at = Location::default();
    Ok(jsonl::parse_chunk(input, &text, &mut at, options, warnings))
}

/// The entries of a document: an array, a wrapper object, or one article.
fn top_level_entries(text: &str) -> Result<Vec<&RawValue>, serde_json::Error> {
    #[derive(Deserialize)]
    struct Wrapper<'a> {
        #[serde(borrow, default)]
        articles: Option<Vec<&'a RawValue>>,
        #[serde(borrow, default)]
        items: Option<Vec<&'a RawValue>>,
    }
    if text.trim_start().starts_with('{') {
        let wrapper: Wrapper = serde_json::from_str(text)?;
        return match wrapper.articles.or(wrapper.items) {
            Some(entries) => Ok(entries),
            None => Ok(vec![serde_json::from_str(text)?]),
        };
    }
    serde_json::from_str(text)
}

/// Parses entries in parallel; each `(line, json)` that fails becomes a
/// warning. `before` entries of the file came before these.
pub(super) fn parse_entries(
    input: &Input,
    located: &[(usize, &str)],
    before: usize,
    options: &LoadOptions,
    warnings: &mut Vec<Warning>,
) -> Batches {
    // A few runs of entries a core, each parsed into a Vec of its own (see
    // [`Batches`]): runs even out uneven entries.
    let run = located
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(1);
    let runs: Vec<(Vec<Article>, Vec<String>)> = located
        .par_chunks(run)
        .enumerate()
        .map(|(r, entries)| {
            let mut articles = Vec::with_capacity(entries.len());
            let mut notes = Vec::new();
            for (k, &(line, json)) in entries.iter().enumerate() {
                let n = before + r * run + k + 1;
                articles.extend(parse_entry(input, json, n, line, options, &mut notes));
            }
            (articles, notes)
        })
        .collect();
    let mut batches = Vec::with_capacity(runs.len());
    for (run, notes) in runs {
        batches.push(run);
        warnings.extend(notes.iter().map(|n| Warning::new(&input.path, n)));
    }
    batches
}

/// The `n`-th entry of a file (1-based), found on `line`; what is wrong
/// with it goes to `notes`, worded for a warning.
fn parse_entry(
    input: &Input,
    json: &str,
    n: usize,
    line: usize,
    options: &LoadOptions,
    notes: &mut Vec<String>,
) -> Option<Article> {
    let mut own = Vec::new();
    // serde_path_to_error costs time on every field: it only words the
    // error of an entry already known to be bad.
    let parsed = serde_json::from_str::<RawArticle>(json)
        .map_err(|_| entry_error(json))
        .and_then(|raw| raw.into_article(options, &mut own));
    let article = match parsed {
        Ok(mut a) => {
            a.id = format!("{}#{n}", input.id);
            if a.section.is_empty() {
                a.section.clone_from(&input.section);
            }
            Some(a)
        }
        Err(e) => {
            own.push(format!("{e}; skipped"));
            None
        }
    };
    notes.extend(
        own.iter()
            .map(|note| format!("entry {n} (line {line}): {note}")),
    );
    article
}

/// What is wrong with a bad entry, naming the field when there is one.
fn entry_error(json: &str) -> String {
    let de = &mut serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, RawArticle>(de) {
        Ok(_) => "not an article".to_owned(),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if path == "." || path == "?" {
                inner.to_string()
            } else {
                format!("{path}: {inner}")
            }
        }
    }
}

impl RawArticle<'_> {
    fn into_article(
        self,
        options: &LoadOptions,
        notes: &mut Vec<String>,
    ) -> Result<Article, String> {
        let title = first_text([self.title, self.headline], single_line).ok_or("no title")?;
        let url = first_text([self.url, self.link], clean_body);
        let bodies = [
            self.body,
            self.content_html,
            self.content_text,
            self.content,
            self.text,
            self.description,
            self.summary,
        ];
        let (mut body, links) = crate::html::first_body(bodies, 1, url.as_deref());
        // The marker's removal leaves a prefix: no copy needed.
        body.truncate(strip_truncation_marker(&body).len());
        options.boilerplate.strip(&mut body);
        crate::html::append_link_list(&mut body, &links, &[]);
        notes.extend(limit_body(&mut body, options.max_body, false));
        let date = [
            self.date,
            self.published_at,
            self.published,
            self.date_published,
            self.pub_date,
        ]
        .into_iter()
        .flatten()
        .next()
        .and_then(|d| parse_date(d).map_err(|e| notes.push(e)).ok());
        // The section is the first of section, category and tags; tags keep
        // them all.
        let mut tags: Vec<String> = [self.category, self.tags]
            .into_iter()
            .flatten()
            .flat_map(Words::into_vec)
            .map(|t| sanitize(&t))
            .filter(|t| !t.is_empty())
            .collect();
        let section = self
            .section
            .map(Words::into_vec)
            .and_then(|v| v.into_iter().next());
        let section = first_text(
            [
                section.map(Cow::Owned),
                tags.first().map(|t| Cow::Borrowed(t.as_str())),
            ],
            single_line,
        )
        .unwrap_or_default();
        tags.dedup();
        let author = self
            .author
            .or_else(|| self.authors.and_then(|a| a.into_iter().next()));
        Ok(Article {
            id: String::new(),
            title,
            section,
            date,
            url,
            source: self.source.and_then(Named::name).map(|s| single_line(&s)),
            author: author.and_then(Named::name).map(|s| single_line(&s)),
            tags,
            body,
            links,
            ..Article::default()
        })
    }
}

/// The first value that is not blank once cleaned by `clean`: [`clean_body`]
/// (paragraphs one a line) or [`single_line`].
fn first_text<const N: usize>(
    values: [Option<Cow<'_, str>>; N],
    clean: fn(&str) -> String,
) -> Option<String> {
    values
        .into_iter()
        .flatten()
        .map(|v| clean(&v))
        .find(|v| !v.is_empty())
}

fn clean_body(text: &str) -> String {
    into_paragraphs(sanitize(text))
}

/// NewsAPI cuts `content` and ends it with `… [+1234 chars]`.
fn strip_truncation_marker(body: &str) -> &str {
    // Searching backwards for " [+" costs a pass over every body: look at
    // the end first, which the marker needs anyway.
    if !body.ends_with(" chars]") {
        return body;
    }
    let Some(start) = body.rfind(" [+") else {
        return body;
    };
    let tail = &body[start + 3..];
    if tail.ends_with(" chars]") && tail[..tail.len() - 7].bytes().all(|b| b.is_ascii_digit()) {
        body[..start].trim_end_matches('…').trim_end()
    } else {
        body
    }
}

/// Unix seconds of a date, or why it was not understood.
fn parse_date(value: DateValue) -> Result<i64, String> {
    let text = match value {
        DateValue::Seconds(n) => return in_range(Ok(timestamp_seconds(n)), &n.to_string()),
        DateValue::Text(text) => text,
    };
    let t = text.trim();
    // The ISO forms first, through FromStr: chrono's format-string parsers
    // re-read the format on every call, which showed in load profiles.
    let seconds = match t.as_bytes().get(10) {
        None => plain_date(t)
            .or_else(|| t.parse::<NaiveDate>().ok())
            .map(midnight),
        Some(b'T' | b't' | b' ') => DateTime::parse_from_rfc3339(t)
            .map(|d| d.timestamp())
            .ok()
            .or_else(|| {
                t.replacen(' ', "T", 1)
                    .parse::<NaiveDateTime>()
                    .ok()
                    .map(|d| d.and_utc().timestamp())
            }),
        Some(_) => None,
    };
    let seconds = seconds.or_else(|| DateTime::parse_from_rfc2822(t).ok().map(|d| d.timestamp()));
    in_range(seconds.ok_or(()), t)
}

/// Unix timestamps come in seconds, milliseconds or microseconds: anything
/// past the year 5000 in one unit is taken as the next.
fn timestamp_seconds(n: i64) -> i64 {
    match n.unsigned_abs() {
        0..=100_000_000_000 => n,
        100_000_000_001..=100_000_000_000_000 => n / 1_000,
        _ => n / 1_000_000,
    }
}

/// Only years 1 to 9999: every date then prints as `YYYY-MM-DD`.
fn in_range(seconds: Result<i64, ()>, shown: &str) -> Result<i64, String> {
    const FIRST: i64 = -62_135_596_800; // 0001-01-01
    const LAST: i64 = 253_402_300_799; // 9999-12-31 23:59:59
    match seconds {
        Ok(s) if (FIRST..=LAST).contains(&s) => Ok(s),
        _ => Err(format!(
            "date {:?} not understood; ignored",
            sanitize(shown)
        )),
    }
}

/// `YYYY-MM-DD` read directly: the commonest form by far, and even
/// chrono's `FromStr` showed in load profiles.
fn plain_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
}

fn midnight(date: NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}

/// Line numbers of slices of one text, counted incrementally.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line where `slice`, a part of the text, starts.
    fn line_of(&mut self, slice: &str) -> usize {
        let at = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let at = at.min(self.text.len()).max(self.offset);
        self.line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.offset..at]).count();
        self.offset = at;
        self.line
    }
}
