//! What a file's first bytes say it is, where the name says otherwise or
//! nothing: a feed saved as `.txt` or without extension, a JSON Feed saved
//! as `.json`. Only the start of the file is looked at.

use super::InputKind;

/// How far into a file the signs are looked for.
const HEAD: usize = 1024;

/// The kind the content shows, given the kind its name gave.
pub fn refine(kind: InputKind, bytes: &[u8]) -> InputKind {
    match kind {
        InputKind::Text => markup_kind(bytes).unwrap_or(kind),
        InputKind::Json if is_json_feed(bytes) => InputKind::Feed,
        _ => kind,
    }
}

/// A feed or a page, when the text starts as one.
fn markup_kind(bytes: &[u8]) -> Option<InputKind> {
    let start = start_of(bytes);
    if !start.starts_with(b"<") {
        return None;
    }
    let head = &start[..start.len().min(HEAD)];
    let starts = |sign: &[u8]| {
        head.get(..sign.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(sign))
    };
    let feed_roots: [&[u8]; 4] = [b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"];
    if feed_roots.iter().any(|root| starts(root)) {
        return Some(InputKind::Feed);
    }
    if starts(b"<?xml") {
        let has = |sign: &[u8]| head.windows(sign.len()).any(|w| w == sign);
        return (has(b"<rss") || has(b"<feed") || has(b"<rdf:RDF")).then_some(InputKind::Feed);
    }
    (starts(b"<!doctype html") || starts(b"<html")).then_some(InputKind::Html)
}

/// JSON Feed says so in its `version`, which comes first in practice.
fn is_json_feed(bytes: &[u8]) -> bool {
    let start = start_of(bytes);
    let head = &start[..start.len().min(HEAD)];
    start.starts_with(b"{") && memchr::memmem::find(head, b"jsonfeed.org/version").is_some()
}

/// The bytes after a UTF-8 byte order mark and leading white space.
fn start_of(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let blank = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[blank..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_and_pages_are_known_by_their_start() {
        let cases: [(&[u8], InputKind); 7] = [
            (
                b"<?xml version='1.0'?>\n<rss version='2.0'>",
                InputKind::Feed,
            ),
            (
                b"\xef\xbb\xbf <feed xmlns='http://www.w3.org/2005/Atom'>",
                InputKind::Feed,
            ),
            (b"<rdf:RDF xmlns:rdf='x'>", InputKind::Feed),
            (b"<!DOCTYPE html><html>", InputKind::Html),
            (b"<?xml version='1.0'?><svg/>", InputKind::Text),
            (b"Title\n<rss>", InputKind::Text),
            (b"", InputKind::Text),
        ];
        for (bytes, kind) in cases {
            assert_eq!(refine(InputKind::Text, bytes), kind, "{bytes:?}");
        }
    }

    #[test]
    fn json_feeds_are_known_by_their_version() {
        let feed = br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#;
        assert_eq!(refine(InputKind::Json, feed), InputKind::Feed);
        assert_eq!(
            refine(InputKind::Json, br#"{"items": []}"#),
            InputKind::Json
        );
        // A JSON file is never taken for markup.
        assert_eq!(refine(InputKind::Json, b"<rss>"), InputKind::Json);
    }
}
