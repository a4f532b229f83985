//! What the subcommands print: the same ids, titles and text the reader shows.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;
use serde::Serialize;

use super::Context;
use crate::article::{Article, day_label};
use crate::config::DEFAULT_CONFIG;
use crate::corpus::Corpus;
use crate::corpus::listing::Listing;
use crate::layout::ArticleLayout;
use crate::search::text::Snippet;
use crate::state::ReadingState;

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Articles as JSON Lines, with all their metadata.
pub(super) fn print_json_lines<'a>(
    articles: impl Iterator<Item = &'a Article>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for a in articles {
        serde_json::to_writer(&mut out, &Listed::from(a))?;
        writeln!(out)?;
    }
    out.flush()
}

/// How many rows are formatted at once, in pieces of [`ROWS_A_PIECE`] on
/// every core, before they are written in order.
const ROWS_AT_ONCE: usize = 1 << 16;
const ROWS_A_PIECE: usize = 4096;

/// The lines of `list` and `search` for the articles at `indices`.
///
/// Formatted on every core: in ranked order each row reads its id, section,
/// date and title from four places in a listing of a hundred megabytes,
/// and waiting on memory was a quarter of a one-letter search of a million
/// titles.
pub(super) fn print_rows(
    listing: &Listing,
    indices: impl Iterator<Item = usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut batch = Vec::with_capacity(ROWS_AT_ONCE);
    let mut indices = indices.peekable();
    while indices.peek().is_some() {
        batch.clear();
        batch.extend(indices.by_ref().take(ROWS_AT_ONCE));
        let pieces: Vec<Vec<u8>> = batch
            .par_chunks(ROWS_A_PIECE)
            .map(|piece| rows(listing, piece))
            .collect();
        for piece in pieces {
            out.write_all(&piece)?;
        }
    }
    out.flush()
}

/// The rows of the articles at `indices`, in that order.
///
/// Every row's fields are found first, then written: finding them is a
/// few reads from memory a row, which do not wait on each other when
/// nothing else is done in between, so the processor has many under way
/// at once (a third off printing a third of a million rows).
fn rows(listing: &Listing, indices: &[usize]) -> Vec<u8> {
    let titles = listing.titles.titles();
    let fields: Vec<_> = indices
        .iter()
        .map(|&i| {
            let (id, section) = (listing.ids.get(i), listing.sections.get(i));
            (id, section, listing.titles.date(i), titles.get(i))
        })
        .collect();
    let mut out = Vec::with_capacity(indices.len() * 96);
    for (id, section, date, title) in fields {
        // Writing to a Vec cannot fail.
        let _ = write_row(&mut out, id, section, date, title);
    }
    out
}

/// The lines of `list` for articles at hand (when filtered, the whole
/// corpus is loaded, not the listing).
pub(super) fn print_article_rows<'a>(
    articles: impl Iterator<Item = &'a Article>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for a in articles {
        write_row(&mut out, a.shown_id(), &a.section, a.date, &a.title)?;
    }
    out.flush()
}

/// `id<TAB>section<TAB>date<TAB>title`.
fn write_row(
    out: &mut impl Write,
    id: &str,
    section: &str,
    date: Option<i64>,
    title: &str,
) -> io::Result<()> {
    write_fields(out, id, section, date, title)?;
    out.write_all(b"\n")
}

/// [`write_row`] without its end of line.
fn write_fields(
    out: &mut impl Write,
    id: &str,
    section: &str,
    date: Option<i64>,
    title: &str,
) -> io::Result<()> {
    // Pieces rather than `writeln!`: its machinery was most of the time of
    // printing a hundred thousand results.
    let date = date.and_then(day_label);
    for field in [id, section_name(section), date.as_deref().unwrap_or("-")] {
        out.write_all(field.as_bytes())?;
        out.write_all(b"\t")?;
    }
    out.write_all(title.as_bytes())
}

/// Full-text hits: the lines of `search` with the snippet as a fifth
/// column, or JSON Lines with the score and the snippet added.
pub(super) fn print_text_hits<'a>(
    hits: impl Iterator<Item = (&'a Article, f32, Snippet)>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for (article, score, snippet) in hits {
        if json {
            let hit = TextHit {
                listed: Listed::from(article),
                score,
                snippet: &snippet,
            };
            serde_json::to_writer(&mut out, &hit)?;
            writeln!(out)?;
            continue;
        }
        let (id, section) = (article.shown_id(), article.section.as_str());
        // The title ends the row of `list`; the snippet follows it, on
        // one line whatever the text held.
        write_fields(&mut out, id, section, article.date, &article.title)?;
        out.write_all(b"\t")?;
        let flat = snippet.text.replace(['\t', '\n', '\r'], " ");
        out.write_all(flat.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[derive(Serialize)]
struct TextHit<'a> {
    #[serde(flatten)]
    listed: Listed<'a>,
    score: f32,
    snippet: &'a Snippet,
}

/// An article's metadata as JSON; `paragraphs` only for `show`.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    article: &'a Article,
    words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<Vec<&'a str>>,
    /// `list --json`: the marks the reader saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starred: Option<bool>,
}

impl<'a> From<&'a Article> for Listed<'a> {
    fn from(article: &'a Article) -> Self {
        Self {
            article,
            words: article.word_count(),
            paragraphs: None,
            read: None,
            starred: None,
        }
    }
}

/// `list --json`: each article with its read and starred marks.
pub(super) fn print_marked_json_lines<'a>(
    articles: impl Iterator<Item = &'a Article>,
    state: &ReadingState,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for a in articles {
        let listed = Listed {
            read: Some(state.is_read(&a.id)),
            starred: Some(state.is_starred(&a.id)),
            ..Listed::from(a)
        };
        serde_json::to_writer(&mut out, &listed)?;
        writeln!(out)?;
    }
    out.flush()
}

pub(super) fn print_article(
    article: &Article,
    width: usize,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let listed = Listed {
            paragraphs: Some(article.paragraphs().collect()),
            ..Listed::from(article)
        };
        serde_json::to_writer_pretty(&mut *out, &listed)?;
        return writeln!(out);
    }
    out.write_all(ArticleLayout::new(article, width).to_text().as_bytes())
}

fn section_name(section: &str) -> &str {
    if section.is_empty() { "-" } else { section }
}

pub(super) fn print_stats(
    corpus: &Corpus,
    elapsed: Duration,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Per section: articles kept, and exact duplicates dropped.
    let mut sections: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for a in &corpus.articles {
        sections.entry(section_name(&a.section)).or_default().0 += 1;
    }
    for d in &corpus.duplicates {
        sections.entry(section_name(&d.section)).or_default().1 += 1;
    }
    let words: usize = corpus.articles.iter().map(|a| a.word_count()).sum();
    let report = &corpus.report;
    writeln!(out, "articles    {}", corpus.articles.len())?;
    writeln!(out, "sections    {}", sections.len())?;
    for (name, (count, dropped)) in &sections {
        match dropped {
            0 => writeln!(out, "  {name:<18} {count:>7}")?,
            n => writeln!(
                out,
                "  {name:<18} {count:>7}  (+{n} duplicate{})",
                plural(*n)
            )?,
        }
    }
    writeln!(out, "words       {words}")?;
    writeln!(
        out,
        "files       {} ({:.1} MB)",
        report.files,
        report.bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "duplicates  {} (exact copies, loaded once)",
        report.duplicates
    )?;
    writeln!(out, "warnings    {}", report.warnings.len())?;
    writeln!(out, "load time   {:.1} ms", elapsed.as_secs_f64() * 1000.0)?;
    Ok(())
}

/// `config`: the defaults to copy from, or where byline looks for files.
pub(super) fn print_config(
    print_default: bool,
    context: &Context,
    out: &mut dyn Write,
) -> io::Result<()> {
    if print_default {
        out.write_all(DEFAULT_CONFIG.as_bytes())?;
        return Ok(());
    }
    let show = |p: &Option<PathBuf>| {
        p.as_ref().map_or_else(
            || "(no home folder found)".to_owned(),
            |p| p.display().to_string(),
        )
    };
    let present = match &context.config_file {
        Some(p) if p.exists() => "",
        _ => " (absent: the defaults apply; `byline config --print-default` shows them)",
    };
    writeln!(out, "config  {}{present}", show(&context.config_file))?;
    writeln!(out, "state   {}", show(&context.state_dir))?;
    writeln!(out, "cache   {}", show(&context.cache_dir))?;
    Ok(())
}
