//! Plain-text articles: the first non-blank line is the title.

use super::parsed::{Job, limit_body};
use super::warning::{Warning, WarningKind};
use crate::article::Article;
use crate::clean::{decode, sanitize, split_article};

/// Parses one text file; `file_cut` says the read stopped at the size limit.
pub fn parse(
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
    let (title, mut body) = split_article(&text);
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
        title: title.to_owned(),
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
