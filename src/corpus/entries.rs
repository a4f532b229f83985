//! Entries of JSON and JSON Lines files: each parsed on its own, in
//! parallel, into an article or the warnings that say why not. Field names
//! follow real feeds (NewsAPI, JSON Feed, RSS converted to JSON).

mod date;
mod fields;

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use super::feed::id::Ids;
use super::parsed::{Batches, Job, limit_body};
use super::warning::{EntryAt, Warning, WarningKind};
use crate::article::Article;
use crate::clean::{into_paragraphs, sanitize, single_line};
use crate::html;
use fields::{Field, RawArticle, Value};

/// Parses entries in parallel; each `(line, json)` that fails becomes a
/// warning. `before` entries of the file came before these.
pub fn parse_entries(
    job: Job,
    located: &[(usize, &str)],
    before: usize,
    warnings: &mut Vec<Warning>,
) -> Batches {
    // A few runs of entries a core, each parsed into a Vec of its own (see
    // [`Batches`]): runs even out uneven entries.
    let run = located
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(1);
    let runs: Vec<(Vec<Arc<Article>>, Vec<Warning>)> = located
        .par_chunks(run)
        .enumerate()
        .map(|(r, entries)| {
            let mut articles = Vec::with_capacity(entries.len());
            let mut notes = Vec::new();
            for (k, &(line, json)) in entries.iter().enumerate() {
                let at = EntryAt {
                    n: before + r * run + k + 1,
                    line,
                };
                articles.extend(parse_entry(job, json, at, &mut notes).map(Arc::new));
            }
            (articles, notes)
        })
        .collect();
    let mut batches = Vec::with_capacity(runs.len());
    for (run, notes) in runs {
        batches.push(run);
        warnings.extend(notes);
    }
    batches
}

/// Entries with an `id` of their own are `file#<id>`, so that they keep
/// their reading state when others are added or pruned; the rest are
/// `file#N`. An id given twice in a file (or one like a position) gets
/// `~2`, `~3`, so that each names one article.
pub fn unique_ids(batches: &mut [Vec<Arc<Article>>]) {
    let positional = |a: &Article| {
        a.id.rsplit_once('#')
            .is_none_or(|(_, n)| n.bytes().all(|b| b.is_ascii_digit()))
    };
    if batches.iter().flatten().all(|a| positional(a)) {
        return;
    }
    let mut ids = Ids::default();
    for article in batches.iter_mut().flatten() {
        // Only parsed, not shared yet: nothing is copied.
        let article = Arc::make_mut(article);
        article.id = ids.unique(std::mem::take(&mut article.id));
    }
}

/// One entry of a file; what is wrong with it goes to `notes`.
fn parse_entry(job: Job, json: &str, at: EntryAt, notes: &mut Vec<Warning>) -> Option<Article> {
    let note = |kind| Warning::in_entry(&job.input.path, at, kind);
    let mut raw = match serde_json::from_str::<RawArticle>(json) {
        Ok(raw) => raw,
        Err(e) => {
            notes.push(note(WarningKind::BadEntry(e.to_string())));
            return None;
        }
    };
    // Text only: a numeric `id` (a database's row) is no stable key.
    let own = match raw.take(Field::Id) {
        Some(Value::Text(id)) if !id.trim().is_empty() => Some(id),
        _ => None,
    };
    let article = into_article(&mut raw, job);
    notes.extend(raw.notes.into_iter().map(note));
    let mut article = article?;
    article.id = match own {
        Some(own) => super::entry_id(&job.input.id, &own),
        None => format!("{}#{}", job.input.id, at.n),
    };
    if let (Some(name), true) = (&job.input.name, article.name.is_none()) {
        article.name = Some(format!("{name}#{}", at.n));
    }
    if article.section.is_empty() {
        article.section.clone_from(&job.input.section);
    }
    Some(article)
}

/// The article an entry holds; `None`, with a note, when it has no title.
fn into_article(raw: &mut RawArticle, job: Job) -> Option<Article> {
    let title = first_text(raw, &[Field::Title, Field::Headline], single_line);
    let Some(title) = title else {
        raw.notes.push(WarningKind::NoTitle);
        return None;
    };
    let url = first_text(raw, &[Field::Url, Field::Link], clean_body);
    // JSON Feed's `content_html` is HTML by its name (index 1); the others
    // are rendered when they hold markup.
    let bodies = [
        Field::Body,
        Field::ContentHtml,
        Field::ContentText,
        Field::Content,
        Field::Text,
        Field::Description,
        Field::Summary,
    ];
    let fields = bodies.iter().map(|&field| text(raw, field));
    let (mut body, links) = html::first_body(fields, 1, url.as_deref());
    // The marker's removal leaves a prefix: no copy needed.
    let (kept, more) = strip_truncation_marker(&body);
    body.truncate(kept.len());
    job.options.boilerplate.strip(&mut body);
    if let Some(more) = more {
        // The cut stays visible: the body would end mid-word otherwise.
        body.push_str(&format!(
            "\n… {} more characters at the source",
            thousands(more)
        ));
    }
    html::append_link_list(&mut body, &links, &[]);
    raw.notes
        .extend(limit_body(&mut body, job.options.max_body, false));
    let (section, tags) = section_and_tags(raw);
    let author = match people(raw, Field::Author) {
        Some(author) => Some(author),
        None => people(raw, Field::Authors),
    };
    let (first_seen, full_text) = archive_marks(raw);
    Some(Article {
        title,
        section,
        date: first_date(raw),
        url,
        source: people(raw, Field::Source),
        author,
        tags,
        body: body.into(),
        links,
        first_seen,
        full_text,
        ..Article::default()
    })
}

/// What the feeds' archive writes of an item beyond what feeds carry:
/// when it was first fetched, and whether its page was fetched whole.
/// Anything else in those fields is ignored, as no other format has them.
fn archive_marks(raw: &mut RawArticle) -> (Option<i64>, bool) {
    let first_seen = match raw.take(Field::FirstSeen) {
        Some(Value::Raw(json)) => date::parse(json, Field::FirstSeen.name()).ok().flatten(),
        _ => None,
    };
    let full_text = matches!(raw.take(Field::FullText), Some(Value::Bool(true)));
    (first_seen, full_text)
}

/// The first of `fields` that is text and not blank once cleaned by
/// `clean`: [`clean_body`] (paragraphs one a line) or [`single_line`].
/// Those of another shape are noted.
fn first_text(raw: &mut RawArticle, fields: &[Field], clean: fn(&str) -> String) -> Option<String> {
    fields
        .iter()
        .filter_map(|&field| text(raw, field))
        .map(|v| clean(&v))
        .find(|v| !v.is_empty())
}

/// The field as text; noted when it is there but not text.
fn text<'a>(raw: &mut RawArticle<'a>, field: Field) -> Option<Cow<'a, str>> {
    match raw.take(field)? {
        Value::Text(text) => Some(text),
        Value::Null => None,
        other => {
            raw.notes.push(bad_field(field, "text", &other));
            None
        }
    }
}

fn bad_field(field: Field, expected: &'static str, found: &Value) -> WarningKind {
    WarningKind::BadField {
        field: field.name().to_owned(),
        expected: expected.to_owned(),
        found: found.shape().to_owned(),
    }
}

/// Names: a string, an object with a `name`, or a list of either, joined
/// by ", " (`"author": ["Alice", "Bob"]` is "Alice, Bob").
fn people(raw: &mut RawArticle, field: Field) -> Option<String> {
    let value = raw.take(field)?;
    let mut names = Vec::new();
    let mut bad = None;
    let mut add = |value: Value<'_>, names: &mut Vec<String>| match value {
        Value::Text(name) | Value::Object(Some(name)) => names.push(single_line(&name)),
        Value::Null | Value::Object(None) => {}
        other => bad = bad.take().or(Some(other.shape())),
    };
    match value {
        Value::List(items) => items.into_iter().for_each(|v| add(v, &mut names)),
        other => add(other, &mut names),
    }
    if let Some(found) = bad {
        raw.notes.push(WarningKind::BadField {
            field: field.name().to_owned(),
            expected: "a name or a list of names".to_owned(),
            found: found.to_owned(),
        });
    }
    names.retain(|n| !n.is_empty());
    (!names.is_empty()).then(|| names.join(", "))
}

/// Words: a string or a list of strings (`section`, `category`, `tags`);
/// anything else in them is noted and left out.
fn words(raw: &mut RawArticle, field: Field) -> Vec<String> {
    let Some(value) = raw.take(field) else {
        return Vec::new();
    };
    let items = match value {
        Value::List(items) => items,
        one => vec![one],
    };
    let mut words = Vec::with_capacity(items.len());
    let mut bad = None;
    for item in items {
        match item {
            Value::Text(word) => words.push(word.into_owned()),
            Value::Null => {}
            other => bad = bad.or(Some(other.shape())),
        }
    }
    if let Some(found) = bad {
        raw.notes.push(WarningKind::BadField {
            field: field.name().to_owned(),
            expected: "text or a list of text".to_owned(),
            found: found.to_owned(),
        });
    }
    words
}

/// The section is the first of section, category and tags; tags keep
/// category and tags, in order.
fn section_and_tags(raw: &mut RawArticle) -> (String, Vec<String>) {
    let mut tags: Vec<String> = [Field::Category, Field::Tags]
        .into_iter()
        .flat_map(|field| words(raw, field))
        .map(|t| sanitize(&t))
        .filter(|t| !t.is_empty())
        .collect();
    let section = words(raw, Field::Section).into_iter().next();
    let section = [section.as_deref(), tags.first().map(String::as_str)]
        .into_iter()
        .flatten()
        .map(single_line)
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    tags.dedup();
    (section, tags)
}

/// The first date field given, as Unix seconds; a bad one is noted.
fn first_date(raw: &mut RawArticle) -> Option<i64> {
    let dates = [
        Field::Date,
        Field::PublishedAt,
        Field::Published,
        Field::DatePublished,
        Field::PubDate,
    ];
    for field in dates {
        let Some(Value::Raw(json)) = raw.take(field) else {
            continue;
        };
        match date::parse(json, field.name()) {
            Ok(None) => continue,
            Ok(date) => return date,
            Err(kind) => {
                raw.notes.push(kind);
                return None;
            }
        }
    }
    None
}

fn clean_body(text: &str) -> String {
    into_paragraphs(sanitize(text))
}

/// NewsAPI cuts `content` and ends it with `… [+1234 chars]`: the text
/// before the marker, and how many characters were cut.
fn strip_truncation_marker(body: &str) -> (&str, Option<u64>) {
    // Searching backwards for " [+" costs a pass over every body: look at
    // the end first, which the marker needs anyway.
    if !body.ends_with(" chars]") {
        return (body, None);
    }
    let Some(start) = body.rfind(" [+") else {
        return (body, None);
    };
    let digits = &body[start + 3..body.len() - 7];
    match digits.parse::<u64>() {
        Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            (body[..start].trim_end_matches('…').trim_end(), Some(n))
        }
        _ => (body, None),
    }
}

/// `2473` as `2,473`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
