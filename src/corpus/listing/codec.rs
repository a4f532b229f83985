//! A listing's bytes: its texts first, then every other field with its
//! length, a checksum at the end.

use super::{Listing, LoadReport};
use crate::clean::is_clean;
use crate::packed::{Packed, TitleIndex};
use files::put_files;
use warnings::put_warning;

mod files;
mod packed;
mod warnings;

/// The start of every listing file; the number changes with the layout.
pub(super) const MAGIC: &[u8] = b"byline listing 4\n";

pub fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Past this many bytes of text, ends take eight bytes; few in unit tests,
/// so that both widths are written and read.
#[cfg(not(test))]
const NARROW_MOST: usize = u32::MAX as usize;
#[cfg(test)]
const NARROW_MOST: usize = 8;

/// Where each string of `packed` ends (its text is written apart): four
/// bytes each when the text is short enough (every real one is), else
/// eight. A third of a million-title listing was ends.
fn put_ends(out: &mut Vec<u8>, packed: &Packed) {
    let (text, ends) = packed.parts();
    put_u64(out, ends.len() as u64);
    let width = if text.len() <= NARROW_MOST { 4 } else { 8 };
    out.push(width as u8);
    for &end in ends {
        // Little-endian: the low bytes first, and the rest are zeros.
        out.extend_from_slice(&(end as u64).to_le_bytes()[..width]);
    }
}

/// The head of a listing: [`MAGIC`], then the lengths of the three texts
/// that follow it (ids, sections, titles), each read into its own buffer.
const HEAD: usize = MAGIC.len() + 3 * 8;

/// A listing's bytes: the head, the texts of its ids, sections and titles,
/// then the rest (the key, the report, where each string ends, dates,
/// order and files), then the checksum of all that.
pub fn encode(listing: &Listing, key: &[u8]) -> Vec<u8> {
    let packed = [&listing.ids, &listing.sections, listing.titles.titles()];
    let texts = packed.map(|p| p.parts().0.as_bytes());
    let text_bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut out = Vec::with_capacity(HEAD + key.len() + text_bytes + 40 * listing.len());
    out.extend_from_slice(MAGIC);
    for text in texts {
        put_u64(&mut out, text.len() as u64);
    }
    for text in texts {
        out.extend_from_slice(text);
    }
    put_bytes(&mut out, key);
    let report = &listing.report;
    put_u64(&mut out, report.bytes);
    for n in [report.files, report.duplicates] {
        put_u64(&mut out, n as u64);
    }
    put_u64(&mut out, report.warnings.len() as u64);
    for warning in &report.warnings {
        put_warning(&mut out, warning);
    }
    for packed in packed {
        put_ends(&mut out, packed);
    }
    // Whether each has a date, then the dates: each part of fixed size.
    let dates = listing.titles.dates();
    out.extend(dates.iter().map(|d| u8::from(d.is_some())));
    for date in dates {
        put_u64(&mut out, date.unwrap_or(0) as u64);
    }
    for &row in &listing.newest {
        out.extend_from_slice(&row.to_le_bytes());
    }
    put_files(&mut out, &listing.files, &listing.file_of);
    // In the pieces `read` reads.
    let (head, rest) = out.split_at(HEAD);
    let (ids, rest) = rest.split_at(texts[0].len());
    let (sections, rest) = rest.split_at(texts[1].len());
    let (titles, rest) = rest.split_at(texts[2].len());
    let sum = sum_of([head, ids, sections, titles, rest].map(checksum));
    put_u64(&mut out, sum);
    out
}

/// Of one piece of a listing.
fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6279_6c69_6e65).hash_one(bytes)
}

/// What ends a listing: the sum of the sums of its head, its three texts
/// and the rest, each summed on the core that reads it. A damaged listing
/// is a miss, not a wrong title.
fn sum_of(sums: [u64; 5]) -> u64 {
    checksum(&sums.map(u64::to_le_bytes).concat())
}

/// The listing in `bytes` if it was written under `key` (under any key
/// without one), whole and sound.
#[cfg(test)]
pub fn decode(bytes: &[u8], key: Option<&[u8]>) -> Option<Listing> {
    read(bytes, bytes.len() as u64, key)
}

/// The key the listing in `bytes` was written under.
#[cfg(test)]
pub fn written_under(bytes: &[u8]) -> Option<&[u8]> {
    let mut head = Reader(bytes.get(MAGIC.len()..HEAD)?);
    let texts = head.len()? + head.len()? + head.len()?;
    Reader(bytes.get(HEAD + texts..)?).bytes()
}

/// Where a listing is read from, a piece at a time, by several threads at
/// once: its file, or (in tests) its bytes.
pub trait Pieces: Sync {
    /// `length` bytes from `offset`, in a buffer of their own; `None` when
    /// there are not as many.
    fn piece(&self, offset: u64, length: u64) -> Option<Vec<u8>>;
}

impl Pieces for std::fs::File {
    fn piece(&self, offset: u64, length: u64) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut buffer = vec![0; usize::try_from(length).ok()?];
        self.read_exact_at(&mut buffer, offset).ok()?;
        Some(buffer)
    }
}

impl Pieces for [u8] {
    fn piece(&self, offset: u64, length: u64) -> Option<Vec<u8>> {
        let start = usize::try_from(offset).ok()?;
        let end = start.checked_add(usize::try_from(length).ok()?)?;
        self.get(start..end).map(<[u8]>::to_vec)
    }
}

/// The listing `from` holds, of `size` bytes, if it was written under
/// `key` (under any key without one), whole and sound.
///
/// Each text is read straight into the buffer it is kept in (at a million
/// titles, a copy of them was a fifth of a start's page faults), the titles
/// on one core while the rest is read on the other: in a new process,
/// making the pages a read fills costs as much as the read.
pub fn read(from: &(impl Pieces + ?Sized), size: u64, key: Option<&[u8]>) -> Option<Listing> {
    let head = from.piece(0, HEAD as u64)?;
    let mut lengths = Reader(head.strip_prefix(MAGIC)?);
    let lengths = [lengths.u64()?, lengths.u64()?, lengths.u64()?];
    // The lengths are checked against the file before anything is
    // allocated for them: a forged one asks for no more than the file holds.
    let mut at = [HEAD as u64; 4];
    for (n, length) in lengths.into_iter().enumerate() {
        at[n + 1] = at[n].checked_add(length)?;
    }
    let left = size.checked_sub(at[3])?;
    let (titles, rest) = rayon::join(
        || text_at(from, at[2], lengths[2]),
        || {
            let ids = text_at(from, at[0], lengths[0]);
            let sections = text_at(from, at[1], lengths[1]);
            let mut rest = from.piece(at[3], left)?;
            let sum = rest.split_off(rest.len().checked_sub(8)?);
            Some((ids?, sections?, checksum(&rest), rest, sum))
        },
    );
    let ((titles, titles_sum), ((ids, ids_sum), (sections, sections_sum), rest_sum, rest, sum)) =
        (titles?, rest?);
    let sums = [checksum(&head), ids_sum, sections_sum, titles_sum, rest_sum];
    if sum_of(sums).to_le_bytes()[..] != sum[..] {
        return None;
    }
    parse_rest(&rest, [ids, sections, titles], key)
}

/// A text of a listing, read, summed, and checked to be UTF-8.
fn text_at(from: &(impl Pieces + ?Sized), offset: u64, length: u64) -> Option<(String, u64)> {
    let bytes = from.piece(offset, length)?;
    let sum = checksum(&bytes);
    Some((String::from_utf8(bytes).ok()?, sum))
}

/// What [`read`] makes of the rest of the file, once summed, and the texts
/// before it. Everything fails as a miss.
fn parse_rest(rest: &[u8], texts: [String; 3], key: Option<&[u8]>) -> Option<Listing> {
    let mut r = Reader(rest);
    let written_under = r.bytes()?;
    if key.is_some_and(|key| key != written_under) {
        return None;
    }
    let bytes = r.u64()?;
    let [files, duplicates] = [r.len()?, r.len()?];
    let mut report = LoadReport {
        files,
        bytes,
        duplicates,
        warnings: Vec::new(),
    };
    for _ in 0..r.u64()? {
        report.warnings.push(r.warning()?);
    }
    let [ids, sections, titles] = texts;
    let [ids, sections, titles] = [r.packed(ids)?, r.packed(sections)?, r.packed(titles)?];
    let count = titles.count;
    if ids.count != count || sections.count != count {
        return None;
    }
    let dated = r.take(count)?;
    let dates = dated
        .iter()
        .zip(r.take(count.checked_mul(8)?)?.chunks_exact(8))
        .map(|(&dated, date)| match dated {
            0 => Some(None),
            1 => Some(Some(i64::from_le_bytes(date.try_into().ok()?))),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let newest = permutation(r.take(count.checked_mul(4)?)?)?;
    let (files, file_of) = r.files(count)?;
    if !r.0.is_empty() {
        return None;
    }
    // The strings are checked on every core, all three at once: a million
    // titles are most of a listing.
    let (ids, (sections, titles)) = rayon::join(
        || ids.build(),
        || rayon::join(|| sections.build(), || titles.build()),
    );
    Some(Listing {
        ids: ids?,
        sections: sections?,
        titles: TitleIndex::from_parts(titles?, dates)?,
        newest,
        files,
        file_of,
        report,
        roots: Vec::new(),
        root_paths: Vec::new(),
        cached: true,
    })
}

/// The rows in `bytes`, four bytes each, if each is there once.
fn permutation(bytes: &[u8]) -> Option<Vec<u32>> {
    let rows = (bytes.chunks_exact(4))
        .map(|row| Some(u32::from_le_bytes(row.try_into().ok()?)))
        .collect::<Option<Vec<u32>>>()?;
    let mut seen = vec![false; rows.len()];
    for &row in &rows {
        let seen = seen.get_mut(row as usize)?;
        if std::mem::replace(seen, true) {
            return None;
        }
    }
    Some(rows)
}

/// Reads what `put_*` wrote; `None` at the first thing out of place.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    pub(super) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// Text that cleaning leaves as it is, as every text loaded is.
    fn text(&mut self) -> Option<String> {
        let text = self.str()?;
        is_clean(text).then(|| text.to_owned())
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
