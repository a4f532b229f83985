//! Plain-text articles: the first non-blank line is the title.

use super::parsed::{Job, limit_body};
use super::warning::{Warning, WarningKind};
use crate::article::Article;
use crate::clean::{decode, is_unchanged, sanitize, split_article};

/// Parses one text file; `file_cut` says the read stopped at the size
/// limit. The way of text that is not clean UTF-8 (see [`parse_whole`]).
fn parse(
    job: Job,
    bytes: &[u8],
    file_cut: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Article, WarningKind> {
    if bytes.is_empty() {
        return Err(WarningKind::Empty);
    }
    let bytes = if file_cut {
        complete_utf8_prefix(bytes)
    } else {
        bytes
    };
    let text = sanitize(&decode(bytes)?);
    let (title, body) = split_article(&text);
    finish(job, title.to_owned(), body, file_cut, warnings)
}

/// [`parse`] of bytes read whole: text that is UTF-8 and clean already
/// (most) is split into title and paragraphs without sanitizing a copy;
/// anything else takes [`parse`]'s way.
pub fn parse_whole(
    job: Job,
    bytes: &[u8],
    file_cut: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Article, WarningKind> {
    // simdutf8: 4-5x std's check on news text, which was 7% of a load.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) if !file_cut && !text.is_empty() && is_unchanged(text) => {
            let (title, body) = split_article(text);
            finish(job, title.to_owned(), body, file_cut, warnings)
        }
        _ => parse(job, bytes, file_cut, warnings),
    }
}

/// The article of a cleaned title and body.
fn finish(
    job: Job,
    title: String,
    mut body: String,
    file_cut: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Article, WarningKind> {
    if title.is_empty() {
        return Err(WarningKind::BlankFile);
    }
    job.options.boilerplate.strip(&mut body);
    if let Some(kind) = limit_body(&mut body, job.options.max_body, file_cut) {
        warnings.push(job.warning(kind));
    }
    Ok(Article {
        id: job.input.id.clone(),
        name: job.input.name.clone(),
        title,
        section: job.input.section.clone(),
        body: body.into(),
        ..Article::default()
    })
}

/// Drops a UTF-8 sequence split by the size limit, so the rest still decodes
/// as UTF-8 rather than falling back to a legacy encoding.
fn complete_utf8_prefix(bytes: &[u8]) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_none() => &bytes[..e.valid_up_to()],
        _ => bytes,
    }
}
