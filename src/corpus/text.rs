//! Plain-text articles: the first non-blank line is the title.

use super::{Input, LoadOptions, Warning, limit_body};
use crate::article::Article;
use crate::clean::{decode, sanitize, split_article};

/// Parses one text file; `file_cut` says the read stopped at the size limit.
pub fn parse(
    input: &Input,
    bytes: &[u8],
    file_cut: bool,
    options: &LoadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Article, String> {
    if bytes.is_empty() {
        return Err("empty file; skipped".into());
    }
    let bytes = if file_cut {
        complete_utf8_prefix(bytes)
    } else {
        bytes
    };
    let text = decode(bytes).map_err(|e| format!("{e}; skipped"))?;
    let text = sanitize(&text);
    let (title, mut body) = split_article(&text);
    if title.is_empty() {
        return Err("blank file (no title); skipped".into());
    }
    options.boilerplate.strip(&mut body);
    if let Some(warning) = limit_body(&mut body, options.max_body, file_cut) {
        warnings.push(Warning::new(&input.path, warning));
    }
    Ok(Article {
        id: input.id.clone(),
        title: title.to_owned(),
        section: input.section.clone(),
        body,
        ..Article::default()
    })
}

/// Drops a UTF-8 sequence split by the size limit, so the rest still decodes
/// as UTF-8 rather than falling back to Windows-1252.
fn complete_utf8_prefix(bytes: &[u8]) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_none() => &bytes[..e.valid_up_to()],
        _ => bytes,
    }
}
