//! JSON Lines files read a chunk of whole lines at a time, so that a file of
//! hundreds of megabytes is never in memory twice, as bytes and as articles.
//!
//! Only UTF-8 is read this way. A file that turns out to be anything else (a
//! UTF-16 BOM, or bytes that are not UTF-8) is left to the whole-file path,
//! [`parse_lines`], so that it decodes exactly as before.

mod chunks;

use std::io::Read;

use super::entries::parse_entries;
use super::options::mib;
use super::parsed::{Batches, Job, Parsed};
use super::warning::{EntryAt, Warning, WarningKind};
use crate::clean::decode;
use chunks::{LineChunks, Piece};

/// Parses a JSON Lines file, read from `reader`, as [`parse_lines`] would
/// parse it whole; `None` when it is not UTF-8 and must be read whole.
/// Each chunk is parsed, on every core, while the next is read.
pub fn parse(job: Job, reader: impl Read + Send) -> Option<Parsed> {
    let mut chunks = LineChunks::new(reader, job.options.max_line);
    let mut reading = Reading {
        parsed: Parsed::default(),
        at: Location::default(),
        first: true,
    };
    let mut lines: Option<Vec<u8>> = None;
    loop {
        let (next, parsed) = rayon::join(
            || chunks.next_piece(),
            || lines.take().map(|l| (reading.chunk(job, &l), l)),
        );
        let done = match parsed {
            Some((done, lines)) => {
                chunks.give_back(lines);
                done
            }
            None => Ok(()),
        };
        match done {
            Ok(()) => {}
            Err(Stop::NotUtf8) => return None,
            Err(Stop::Binary) => {
                // Like a whole-file read: one warning, and all of the bytes counted.
                let total = chunks.total + chunks.drain();
                return Some(Parsed::failed(job, WarningKind::Binary, total));
            }
        }
        match next {
            Ok(Piece::End) => break,
            Ok(Piece::Lines(read)) => lines = Some(read),
            Ok(Piece::LongLine) => reading.at.skip_line(job, &mut reading.parsed.warnings),
            Err(err) => return Some(Parsed::unreadable(job, &err)),
        }
    }
    if chunks.saw_nul {
        return Some(Parsed::failed(job, WarningKind::Binary, chunks.total));
    }
    let mut parsed = reading.parsed;
    parsed.bytes = chunks.total;
    Some(parsed)
}

/// What [`parse`] has made of the chunks so far.
struct Reading {
    parsed: Parsed,
    at: Location,
    /// No chunk parsed yet: the next may start with a BOM.
    first: bool,
}

/// Why [`parse`] stops before the end of the file.
enum Stop {
    /// The file is not UTF-8 (or is UTF-16): it is read whole instead.
    NotUtf8,
    Binary,
}

impl Reading {
    fn chunk(&mut self, job: Job, mut chunk: &[u8]) -> Result<(), Stop> {
        if std::mem::take(&mut self.first) {
            match encoding_rs::Encoding::for_bom(chunk) {
                Some((encoding, _)) if encoding != encoding_rs::UTF_8 => return Err(Stop::NotUtf8),
                Some((_, bom)) => chunk = &chunk[bom..],
                None => {}
            }
        }
        if memchr::memchr(0, chunk).is_some() {
            return Err(Stop::Binary);
        }
        let text = simdutf8::basic::from_utf8(chunk).map_err(|_| Stop::NotUtf8)?;
        let batches = parse_chunk(job, text, &mut self.at, &mut self.parsed.warnings);
        self.parsed.batches.extend(batches);
        Ok(())
    }
}

/// Parses a whole JSON Lines file already read: one entry a non-blank line.
pub fn parse_lines(
    job: Job,
    bytes: &[u8],
    warnings: &mut Vec<Warning>,
) -> Result<Batches, WarningKind> {
    let text = decode(bytes)?;
    let mut at = Location::default();
    Ok(parse_chunk(job, &text, &mut at, warnings))
}

/// How much of a JSON Lines file came before a chunk of it.
#[derive(Debug, Default)]
struct Location {
    line: usize,
    /// Entries, that is non-blank lines: they number the articles.
    entry: usize,
}

impl Location {
    /// Moves past a line too long to read, and says so.
    fn skip_line(&mut self, job: Job, warnings: &mut Vec<Warning>) {
        self.line += 1;
        self.entry += 1;
        let at = EntryAt {
            n: self.entry,
            line: self.line,
        };
        let kind = WarningKind::LineTooLong {
            mib: mib(job.options.max_line as u64),
        };
        warnings.push(Warning::in_entry(&job.input.path, at, kind));
    }
}

/// Parses whole lines of JSON Lines found `at` a place in their file, and
/// moves `at` past them. Lines over the limit are skipped with a warning.
fn parse_chunk(job: Job, text: &str, at: &mut Location, warnings: &mut Vec<Warning>) -> Batches {
    let mut located = Vec::new();
    let mut batches = Vec::new();
    let mut line_count = 0;
    for (n, line) in lines(text).enumerate() {
        line_count = n + 1;
        if line.len() > job.options.max_line {
            // Entries before it first, so that warnings keep file order.
            batches.extend(parse_entries(job, &located, at.entry, warnings));
            at.entry += located.len();
            located.clear();
            let mut here = Location {
                line: at.line + n,
                entry: at.entry,
            };
            here.skip_line(job, warnings);
            at.entry += 1;
        } else if !line.trim().is_empty() {
            located.push((at.line + n + 1, line));
        }
    }
    batches.extend(parse_entries(job, &located, at.entry, warnings));
    at.line += line_count;
    at.entry += located.len();
    batches
}

/// What `str::lines` gives, found with memchr's SIMD search instead of the
/// standard library's plainer one (6% of loading JSON Lines).
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
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

#[cfg(test)]
#[path = "jsonl_tests.rs"]
mod tests;
