//! Untrusted text enters the program here, once: bytes are decoded, then
//! every escape sequence and control character is removed, so that nothing
//! drawn later can reach the terminal as a command.

use memchr::memmem;

mod boilerplate;
mod decode;
mod names;
mod owned;
mod plain;

pub use boilerplate::{Boilerplate, DEFAULT_BOILERPLATE};
pub use decode::{DecodeError, decode};
pub use names::{escape_path, path_id};
pub use owned::{is_unchanged, sanitize_owned};
use plain::is_graphic;

/// Removes escape sequences (7-bit and C1 forms) whole, other control
/// characters, zero-width and bidirectional-control characters; expands tabs;
/// turns CR, CRLF and Unicode line separators into `\n`; folds runs of spaces
/// and trims every line.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_graphic(b) {
            // The common case, copied in one go: printable ASCII with single
            // spaces between words, and the newlines between its lines.
            let end = plain::run_end(bytes, i);
            // A run is ASCII, so both ends are on char boundaries.
            out.push_str(&input[i..end]);
            i = end;
            continue;
        }
        match b {
            b' ' | b'\t' => push_space(&mut out),
            b'\n' => push_newline(&mut out),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => push_newline(&mut out),
            0x1b => {
                i = skip_escape(bytes, i + 1);
                continue;
            }
            0x80.. => {
                // `i` is on a char boundary: every other branch moves by whole chars.
                let Some(c) = input.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                match c {
                    '\u{9b}' => i = skip_csi(bytes, i),
                    '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                        i = skip_string(bytes, i)
                    }
                    '\u{2028}' | '\u{2029}' | '\u{85}' => push_newline(&mut out),
                    '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
                        // Unusual spaces fold like ordinary ones.
                        push_space(&mut out)
                    }
                    c if is_invisible(c) => {}
                    c => out.push(c),
                }
                continue;
            }
            _ => {} // other C0 controls and DEL
        }
        i += 1;
    }
    trim_end_spaces(&mut out);
    out
}

/// Zero-width, bidirectional-control and C1 characters: never drawn.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}')
}

fn push_space(out: &mut String) {
    if !(out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
        out.push(' ');
    }
}

fn push_newline(out: &mut String) {
    trim_end_spaces(out);
    out.push('\n');
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Skips the sequence after an ESC at `bytes[i - 1]`; returns the next index.
fn skip_escape(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'[') => skip_csi(bytes, i + 1),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => skip_string(bytes, i + 1),
        // nF: intermediates, then one final byte.
        Some(0x20..=0x2f) => {
            let mut j = i;
            while matches!(bytes.get(j), Some(0x20..=0x2f)) {
                j += 1;
            }
            if matches!(bytes.get(j), Some(0x30..=0x7e)) {
                j + 1
            } else {
                j
            }
        }
        // Fp, Fe and Fs: one final byte.
        Some(0x30..=0x7e) => i + 1,
        _ => i,
    }
}

/// Skips a control sequence's parameters, intermediates and final byte.
fn skip_csi(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(0x20..=0x3f)) {
        i += 1;
    }
    if matches!(bytes.get(i), Some(0x40..=0x7e)) {
        i + 1
    } else {
        i
    }
}

/// Skips a control string (OSC, DCS, SOS, PM, APC) up to and including its
/// terminator: BEL, ESC \ or C1 ST. An unterminated string ends at the line's
/// end, so that one stray byte cannot swallow the rest of an article.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            0x07 => return i + 1,
            0x1b if bytes.get(i + 1) == Some(&b'\\') => return i + 2,
            0x1b => return i,
            0xc2 if bytes.get(i + 1) == Some(&0x9c) => return i + 2,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    i
}

/// Cleaned text on one line: for what is shown as one (titles, ids, file
/// names in warnings), where a newline would break the line it stands in.
/// Its lines are joined by one space; blank ones are dropped.
pub fn single_line(text: &str) -> String {
    let text = sanitize(text);
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        return text;
    }
    // Sanitized lines are trimmed: joining the non-empty ones is enough.
    let lines = text.split('\n').filter(|line| !line.is_empty());
    lines.collect::<Vec<_>>().join(" ")
}

/// Whether cleaning leaves `text` as it is: what [`sanitize`] gives, and
/// all that may reach the terminal. Told without a copy (see
/// [`is_unchanged`]): a listing's million titles are checked this way.
pub fn is_clean(text: &str) -> bool {
    is_unchanged(text)
}

/// Whether `text` is one line that cleaning leaves as it is, as
/// [`single_line`] gives (titles, ids, sections, paths in warnings).
pub fn is_clean_line(text: &str) -> bool {
    memchr::memchr(b'\n', text.as_bytes()).is_none() && is_clean(text)
}

/// Splits cleaned text into a title (its first non-blank line) and a body
/// made by [`paragraphs`].
pub fn split_article(text: &str) -> (&str, String) {
    let text = text.trim_start_matches('\n');
    let (title, rest) = text.split_once('\n').unwrap_or((text, ""));
    (title, paragraphs(rest))
}

/// [`paragraphs`] of text already owned: its own buffer when no lines join.
pub fn into_paragraphs(text: String) -> String {
    owned::paragraphs_owned(text)
}

/// One paragraph a line. When the text has blank lines, they separate
/// paragraphs and the lines between them are joined (hard-wrapped text, BBC
/// style); otherwise every line is a paragraph (the seed's style).
pub fn paragraphs(text: &str) -> String {
    let text = text.trim_matches('\n');
    if memmem::find(text.as_bytes(), b"\n\n").is_none() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut new_paragraph = false;
    // memchr's SIMD search rather than `split('\n')`'s.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let line = &text[start..end];
        start = end + 1;
        if line.is_empty() {
            new_paragraph = true;
            continue;
        }
        if !out.is_empty() {
            out.push(if new_paragraph { '\n' } else { ' ' });
        }
        out.push_str(line);
        new_paragraph = false;
    }
    out
}

#[cfg(test)]
#[path = "clean_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "clean/differential_tests.rs"]
mod differential_tests;
