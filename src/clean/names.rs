//! File names, which are bytes and can hold anything: escaped (never
//! cleaned) where they must be found again or told apart.

use std::ffi::OsStr;
use std::fmt::Write;
use std::os::unix::ffi::OsStrExt;

use super::{plain, single_line};

/// A path as shown in a warning: printable characters as they are, every
/// other byte or character escaped (`\x1b`, `\u{202e}`, a space that
/// cleaning would fold as `\x20`), so that the user can find the file.
/// What it gives is a fixed point of cleaning.
pub fn escape_path(path: &OsStr) -> String {
    let bytes = path.as_bytes();
    if is_plain(bytes) {
        // Checked: plain bytes are printable ASCII, so UTF-8.
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_char(&mut out, c);
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    // Nor may a space end it: cleaning trims it.
    if out.ends_with(' ') {
        out.pop();
        out.push_str("\\x20");
    }
    out
}

/// Pushes `c`, or its escape when cleaning would change or drop it.
fn push_char(out: &mut String, c: char) {
    let mut one = [0; 4];
    let text = c.encode_utf8(&mut one);
    let keep = match c {
        // A space after a space or at the start would be folded away.
        ' ' => !(out.is_empty() || out.ends_with(' ')),
        '\\' | '\n' => false,
        _ => super::sanitize(text) == *text,
    };
    if keep {
        out.push(c);
    } else if c.is_ascii() {
        let _ = write!(out, "\\x{:02x}", u32::from(c));
    } else {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    }
}

/// Printable ASCII with single spaces inside, no `%` and no `\`: what an
/// id or path keeps as it is, told in one fast pass (nearly every name).
fn is_plain(bytes: &[u8]) -> bool {
    match bytes.first() {
        Some(&b) if plain::is_graphic(b) => {
            plain::run_end(bytes, 0) == bytes.len()
                && !bytes.ends_with(b" ")
                && memchr::memchr3(b'%', b'\\', b'\n', bytes).is_none()
        }
        _ => false,
    }
}

/// An id for a relative path of raw bytes: the path itself when it is a
/// fixed point of [`single_line`] (today's ids, so saved reading state
/// keeps working) and holds no `%`; otherwise every byte but ASCII letters,
/// digits and `-._/` percent-escaped, with the cleaned path beside it for
/// display. Escaped ids always hold a `%` and plain ones never do, so no
/// two paths share an id.
pub fn path_id(raw: &[u8]) -> (String, Option<String>) {
    if is_plain(raw) {
        return (String::from_utf8_lossy(raw).into_owned(), None);
    }
    if let Ok(text) = std::str::from_utf8(raw)
        && !text.contains('%')
        && single_line(text) == text
    {
        return (text.to_owned(), None);
    }
    let mut id = String::with_capacity(raw.len() * 3);
    for &b in raw {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'/') {
            id.push(char::from(b));
        } else {
            let _ = write!(id, "%{b:02X}");
        }
    }
    (id, Some(single_line(&String::from_utf8_lossy(raw))))
}
