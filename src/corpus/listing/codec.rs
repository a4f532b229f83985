//! A listing's bytes: every field with its length, a checksum at the end.

use rayon::prelude::*;

use super::{Listing, LoadReport};
use crate::clean::{is_clean, is_clean_line};
use crate::corpus::{EntryAt, Warning, WarningKind};
use crate::packed::{Packed, TitleIndex};
use files::put_files;

mod files;

/// The start of every listing file; the number changes with the layout.
pub(super) const MAGIC: &[u8] = b"byline listing 4\n";

pub fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Strings end to end, then where each ends.
fn put_packed(out: &mut Vec<u8>, packed: &Packed) {
    let (text, ends) = packed.parts();
    put_bytes(out, text.as_bytes());
    put_u64(out, ends.len() as u64);
    for &end in ends {
        put_u64(out, end as u64);
    }
}

pub fn encode(listing: &Listing, key: &[u8]) -> Vec<u8> {
    let (text, _) = listing.titles.titles().parts();
    let mut out = Vec::with_capacity(key.len() + 3 * text.len() + 40 * listing.len());
    out.extend_from_slice(MAGIC);
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
    put_packed(&mut out, &listing.ids);
    put_packed(&mut out, &listing.sections);
    put_packed(&mut out, listing.titles.titles());
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
    let sum = checksum(&out);
    put_u64(&mut out, sum);
    out
}

/// Of everything before it in the file: a damaged listing is a miss, not a
/// wrong title.
fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6279_6c69_6e65).hash_one(bytes)
}

/// The listing in `bytes` if it was written under `key` (under any key
/// without one), whole and sound.
pub fn decode(bytes: &[u8], key: Option<&[u8]>) -> Option<Listing> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    let sum = u64::from_le_bytes(sum.try_into().ok()?);
    // The sum on one core while the other decodes: a tenth of a
    // million-title listing's read. What fails either is a miss.
    let (whole, listing) = rayon::join(|| checksum(body) == sum, || decode_body(body, key));
    listing.filter(|_| whole)
}

/// What [`decode`] reads after the sum is checked.
fn decode_body(body: &[u8], key: Option<&[u8]>) -> Option<Listing> {
    let mut r = Reader(body.strip_prefix(MAGIC)?);
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
    let [ids, sections, titles] = [r.packed()?, r.packed()?, r.packed()?];
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
    // The strings are checked and copied on every core, all three at once:
    // a million titles are most of a listing.
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

/// A [`Packed`] as the file holds it, not yet checked.
struct RawPacked<'a> {
    text: &'a [u8],
    /// `count` ends, eight bytes each.
    ends: &'a [u8],
    count: usize,
}

impl RawPacked<'_> {
    /// Strings that are each one cleaned line, as ids, sections and
    /// titles are: what a listing holds is printed as it is, so one that
    /// somehow holds more (a forged one, say) is not used.
    fn build(&self) -> Option<Packed> {
        let text = std::str::from_utf8(self.text).ok()?.to_owned();
        let ends = self
            .ends
            .chunks_exact(8)
            .map(|end| usize::try_from(u64::from_le_bytes(end.try_into().ok()?)).ok())
            .collect::<Option<Vec<_>>>()?;
        let packed = Packed::from_parts(text, ends)?;
        all_clean_lines(&packed).then_some(packed)
    }
}

/// Strings checked at once by [`all_clean_lines`]; few in unit tests, so
/// that their strings make several runs.
#[cfg(not(test))]
const RUN: usize = 4096;
#[cfg(test)]
const RUN: usize = 3;

/// Whether every string of `packed` is one cleaned line
/// ([`is_clean_line`]), told of runs of whole strings at once, on every
/// core: a check a string at a time took 80 ms of a million titles.
///
/// Cleaned text is told by each character and by the neighbours of each
/// space. No string of a run starting or ending with a space, each of its
/// spaces has the neighbours in the run it has in its string, so the run
/// is clean if and only if every string in it is.
fn all_clean_lines(packed: &Packed) -> bool {
    let (text, ends) = packed.parts();
    let text = text.as_bytes();
    let bare_ends = (0..packed.len())
        .into_par_iter()
        .with_min_len(RUN)
        .all(|i| {
            let s = packed.get(i).as_bytes();
            s.first() != Some(&b' ') && s.last() != Some(&b' ')
        });
    bare_ends
        && ends.par_chunks(RUN).enumerate().all(|(n, run)| {
            let start = match n {
                0 => 0,
                n => ends[n * RUN - 1],
            };
            let end = run.last().copied().unwrap_or(start);
            // Ends are on char boundaries (`Packed::from_parts`).
            std::str::from_utf8(&text[start..end]).is_ok_and(is_clean_line)
        })
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

    /// Strings end to end and where each ends, to be checked by
    /// [`RawPacked::build`].
    fn packed(&mut self) -> Option<RawPacked<'a>> {
        let text = self.bytes()?;
        let count = self.len()?;
        let ends = self.take(count.checked_mul(8)?)?;
        Some(RawPacked { text, ends, count })
    }

    fn warning(&mut self) -> Option<Warning> {
        let path = self.str()?;
        let entry = match self.take(1)? {
            [0] => None,
            [1] => Some(EntryAt {
                n: self.len()?,
                line: self.len()?,
            }),
            _ => return None,
        };
        let tag = self.take(1)?[0];
        let n = self.u64()?;
        let texts = (0..self.len()?.min(3))
            .map(|_| self.text())
            .collect::<Option<Vec<_>>>()?;
        let kind = kind_from_parts(tag, texts, n)?;
        is_clean_line(path).then(|| Warning {
            path: path.to_owned(),
            entry,
            kind,
        })
    }
}

fn put_warning(out: &mut Vec<u8>, warning: &Warning) {
    put_bytes(out, warning.path.as_bytes());
    match warning.entry {
        Some(EntryAt { n, line }) => {
            out.push(1);
            put_u64(out, n as u64);
            put_u64(out, line as u64);
        }
        None => out.push(0),
    }
    let (tag, texts, n) = kind_parts(&warning.kind);
    out.push(tag);
    put_u64(out, n);
    put_u64(out, texts.len() as u64);
    for text in texts {
        put_bytes(out, text.as_bytes());
    }
}

/// A kind as a tag, the texts it holds and its number.
fn kind_parts(kind: &WarningKind) -> (u8, Vec<&str>, u64) {
    use WarningKind::*;
    match kind {
        Unreadable(s) => (0, vec![s], 0),
        Walk(s) => (1, vec![s], 0),
        LinkLoop => (2, vec![], 0),
        NotRegularFile => (3, vec![], 0),
        Empty => (4, vec![], 0),
        BlankFile => (5, vec![], 0),
        NoTitle => (6, vec![], 0),
        Binary => (7, vec![], 0),
        BodyCut { mib } => (8, vec![], *mib as u64),
        LineTooLong { mib } => (9, vec![], *mib),
        FileTooLarge { mib } => (10, vec![], *mib),
        MalformedJson(s) => (11, vec![s], 0),
        BadEntry(s) => (12, vec![s], 0),
        BadDate(s) => (13, vec![s], 0),
        BadField {
            field,
            expected,
            found,
        } => (14, vec![field, expected, found], 0),
        DuplicateField(s) => (15, vec![s], 0),
        PageCut { mib } => (16, vec![], *mib as u64),
        MarkupCut => (17, vec![], 0),
        NoArticle(s) => (18, vec![s], 0),
        FeedTooLarge { mib } => (19, vec![], *mib as u64),
        NotAFeed(s) => (20, vec![s], 0),
        NoItems => (21, vec![], 0),
        ItemMarkupCut { id } => (22, vec![id], 0),
        ItemBodyCut { id, mib } => (23, vec![id], *mib as u64),
    }
}

fn kind_from_parts(tag: u8, texts: Vec<String>, n: u64) -> Option<WarningKind> {
    use WarningKind::*;
    let mut texts = texts.into_iter();
    let mut text = || texts.next();
    Some(match tag {
        0 => Unreadable(text()?),
        1 => Walk(text()?),
        2 => LinkLoop,
        3 => NotRegularFile,
        4 => Empty,
        5 => BlankFile,
        6 => NoTitle,
        7 => Binary,
        8 => BodyCut {
            mib: usize::try_from(n).ok()?,
        },
        9 => LineTooLong { mib: n },
        10 => FileTooLarge { mib: n },
        11 => MalformedJson(text()?),
        12 => BadEntry(text()?),
        13 => BadDate(text()?),
        14 => BadField {
            field: text()?,
            expected: text()?,
            found: text()?,
        },
        15 => DuplicateField(text()?),
        16 => PageCut {
            mib: usize::try_from(n).ok()?,
        },
        17 => MarkupCut,
        18 => NoArticle(text()?),
        19 => FeedTooLarge {
            mib: usize::try_from(n).ok()?,
        },
        20 => NotAFeed(text()?),
        21 => NoItems,
        22 => ItemMarkupCut { id: text()? },
        23 => ItemBodyCut {
            id: text()?,
            mib: usize::try_from(n).ok()?,
        },
        _ => return None,
    })
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
