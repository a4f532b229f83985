//! JSON Lines files read a chunk of whole lines at a time, so that a file of
//! hundreds of megabytes is never in memory twice, as bytes and as articles.
//!
//! Only UTF-8 is read this way. A file that turns out to be anything else (a
//! UTF-16 BOM, or bytes that are not UTF-8, which mean Windows-1252) is left
//! to the whole-file path, so that it decodes exactly as before.

use std::io::{self, Read};

use super::json;
use super::{Batches, Input, LoadOptions, Parsed, Warning};
use crate::clean::DecodeError;

/// About this many bytes are parsed at once: enough entries to keep every
/// core busy, little next to a whole corpus.
#[cfg(not(test))]
const CHUNK: usize = 8 << 20;
/// Tiny in unit tests, so that every JSON Lines test crosses chunks.
#[cfg(test)]
const CHUNK: usize = 16;

/// Parses a JSON Lines file, read from `reader`, as [`json::parse_lines`]
/// would parse it whole; `None` when it is not UTF-8 and must be read whole.
pub fn parse(input: &Input, reader: impl Read, options: &LoadOptions) -> Option<Parsed> {
    let mut chunks = LineChunks::new(reader);
    let mut parsed = Parsed::default();
    let mut at = Location::default();
    let mut first = true;
    loop {
        let end = match chunks.next_chunk() {
            Ok(0) => break,
            Ok(end) => end,
            Err(err) => return Some(super::unreadable(input, err)),
        };
        let mut chunk = &chunks.buf[..end];
        if first {
            first = false;
            match encoding_rs::Encoding::for_bom(chunk) {
                Some((encoding, _)) if encoding != encoding_rs::UTF_8 => return None,
                Some((_, bom)) => chunk = &chunk[bom..],
                None => {}
            }
        }
        if memchr::memchr(0, chunk).is_some() {
            // Like a whole-file read: one warning, and all of the bytes counted.
            let rest = io::copy(&mut chunks.reader, &mut io::sink()).unwrap_or(0);
            let message = format!("{}; skipped", DecodeError::Binary);
            return Some(Parsed::failed(input, message, chunks.total + rest));
        }
        let text = std::str::from_utf8(chunk).ok()?;
        let batches = parse_chunk(input, text, &mut at, options, &mut parsed.warnings);
        parsed.batches.extend(batches);
    }
    parsed.bytes = chunks.total;
    Some(parsed)
}

/// How much of a JSON Lines file came before a chunk of it.
#[derive(Debug, Default)]
pub struct Location {
    pub line: usize,
    /// Entries, that is non-blank lines: they number the articles.
    pub entry: usize,
}

/// Parses whole lines of JSON Lines found `at` a place in their file, and
/// moves `at` past them.
pub fn parse_chunk(
    input: &Input,
    text: &str,
    at: &mut Location,
    options: &LoadOptions,
    warnings: &mut Vec<Warning>,
) -> Batches {
    let mut located = Vec::new();
    let mut line_count = 0;
    for (n, line) in lines(text).enumerate() {
        line_count = n + 1;
        if !line.trim().is_empty() {
            located.push((at.line + n + 1, line));
        }
    }
    let batches = json::parse_entries(input, &located, at.entry, options, warnings);
    at.line += line_count;
    at.entry += located.len();
    batches
}

/// What `str::lines` gives, found with memchr's SIMD search instead of the
/// standard library's plainer one (6% of loading JSON Lines).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let line = &rest[..at];
                (line.strip_suffix('\r').unwrap_or(line), &rest[at + 1..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// A file read into one reused buffer, handed out in runs of whole lines.
struct LineChunks<R> {
    reader: R,
    buf: Vec<u8>,
    /// How much of `buf` was handed out last time.
    done: usize,
    eof: bool,
    /// Bytes read from the file so far.
    total: u64,
}

impl<R: Read> LineChunks<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            buf: Vec::new(),
            done: 0,
            eof: false,
            total: 0,
        }
    }

    /// The length of the next run of whole lines at the start of `buf` (the
    /// last line of the file may lack its newline); 0 at the end.
    fn next_chunk(&mut self) -> io::Result<usize> {
        self.buf.drain(..self.done);
        let mut target = CHUNK;
        loop {
            while !self.eof && self.buf.len() < target {
                let want = target - self.buf.len();
                let read = (&mut self.reader)
                    .take(want as u64)
                    .read_to_end(&mut self.buf)?;
                self.total += read as u64;
                self.eof = read < want;
            }
            if self.eof {
                self.done = self.buf.len();
                return Ok(self.done);
            }
            if let Some(newline) = memchr::memrchr(b'\n', &self.buf) {
                self.done = newline + 1;
                return Ok(self.done);
            }
            // One line longer than a chunk: read on to its end.
            target = self.buf.len() + CHUNK;
        }
    }
}

#[cfg(test)]
#[path = "jsonl_tests.rs"]
mod tests;
