//! A listing's bytes: a head with the length of each piece, the pieces,
//! a checksum at the end.

use super::{Listing, LoadReport};
use crate::clean::is_clean;
use crate::packed::{Ends, Packed, TitleIndex};
use files::put_files;
use packed::all_clean_lines;
use warnings::put_warning;

mod files;
mod packed;
mod warnings;

/// The start of every listing file; the number changes with the layout.
pub(super) const MAGIC: &[u8] = b"byline listing 5\n";

pub fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// The pieces of a listing after its head, in the file's order: the texts
/// of the ids, sections and titles; where each of their strings ends; the
/// dates; the newest-first order; which file each article is in; and the
/// rest (key, report, files). Each is read straight into the buffer that
/// keeps it: in a new process every page a read fills is a page fault, and
/// a copy or a conversion of a piece doubles its faults.
const PIECES: usize = 10;
const IDS: usize = 0;
const SECTIONS: usize = 1;
const TITLES: usize = 2;
/// The ends of the three texts, in their order.
const ENDS: usize = 3;
const DATES: usize = 6;
const NEWEST: usize = 7;
const FILE_OF: usize = 8;
const REST: usize = 9;

/// The head of a listing: [`MAGIC`], then the length of each piece.
const HEAD: usize = MAGIC.len() + PIECES * 8;

/// Pieces are read and summed in chunks of this many bytes, on every core.
const CHUNK: usize = 1 << 20;

/// A listing's bytes: the head, the pieces, the checksum of all that.
pub fn encode(listing: &Listing, key: &[u8]) -> Vec<u8> {
    let packed = [&listing.ids, &listing.sections, listing.titles.titles()];
    let mut rest = Vec::new();
    put_bytes(&mut rest, key);
    let report = &listing.report;
    put_u64(&mut rest, report.bytes);
    for n in [report.files, report.duplicates] {
        put_u64(&mut rest, n as u64);
    }
    put_u64(&mut rest, report.warnings.len() as u64);
    for warning in &report.warnings {
        put_warning(&mut rest, warning);
    }
    put_files(&mut rest, &listing.files);
    let [ids_ends, sections_ends, titles_ends] = packed.map(|p| ends_bytes(p.parts().1));
    let numbers = [
        ids_ends,
        sections_ends,
        titles_ends,
        le_bytes(listing.titles.stored_dates(), i64::to_le_bytes),
        le_bytes(&listing.newest, u32::to_le_bytes),
        le_bytes(&listing.file_of, u32::to_le_bytes),
    ];
    let texts = packed.map(|p| p.text().as_bytes());
    let pieces: Vec<&[u8]> = (texts.into_iter())
        .chain(numbers.iter().map(Vec::as_slice))
        .chain([rest.as_slice()])
        .collect();
    let length: usize = pieces.iter().map(|piece| piece.len()).sum();
    let mut out = Vec::with_capacity(HEAD + length + 8);
    out.extend_from_slice(MAGIC);
    for piece in &pieces {
        put_u64(&mut out, piece.len() as u64);
    }
    let chunks = pieces.iter().flat_map(|piece| piece.chunks(CHUNK));
    let sum = sum_of(std::iter::once(checksum(&out)).chain(chunks.map(checksum)));
    pieces.iter().for_each(|piece| out.extend_from_slice(piece));
    put_u64(&mut out, sum);
    out
}

/// Numbers as a listing keeps them: little-endian, end to end.
fn le_bytes<T: Copy, const N: usize>(numbers: &[T], bytes: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    numbers.iter().flat_map(|&n| bytes(n)).collect()
}

/// Four bytes each or eight, as `ends` keeps them.
fn ends_bytes(ends: &Ends) -> Vec<u8> {
    match ends {
        Ends::Narrow(ends) => le_bytes(ends, u32::to_le_bytes),
        Ends::Wide(ends) => le_bytes(ends, u64::to_le_bytes),
    }
}

/// Of one chunk of a listing.
fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6279_6c69_6e65).hash_one(bytes)
}

/// What ends a listing: the sum of the sums of its head and of each chunk
/// of its pieces, in order, each summed on the core that read it. A damaged
/// listing is a miss, not a wrong title.
fn sum_of(sums: impl Iterator<Item = u64>) -> u64 {
    checksum(&sums.flat_map(u64::to_le_bytes).collect::<Vec<u8>>())
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
    let lengths = lengths(bytes.get(..HEAD)?)?;
    let rest = HEAD + lengths[..REST].iter().sum::<usize>();
    Reader(bytes.get(rest..)?).bytes()
}

/// The length of each piece, as the head gives them.
fn lengths(head: &[u8]) -> Option<[usize; PIECES]> {
    let mut r = Reader(head.strip_prefix(MAGIC)?);
    let mut lengths = [0; PIECES];
    for length in &mut lengths {
        *length = r.len()?;
    }
    Some(lengths)
}

/// Where a listing is read from, a piece at a time, by several threads at
/// once: its file, or (in tests) its bytes.
pub trait Pieces: Sync {
    /// Fills `into` with the bytes from `offset`; `None` when there are not
    /// as many.
    fn read_at(&self, offset: u64, into: &mut [u8]) -> Option<()>;
}

impl Pieces for std::fs::File {
    fn read_at(&self, offset: u64, into: &mut [u8]) -> Option<()> {
        use std::os::unix::fs::FileExt;
        self.read_exact_at(into, offset).ok()
    }
}

impl Pieces for [u8] {
    fn read_at(&self, offset: u64, into: &mut [u8]) -> Option<()> {
        let start = usize::try_from(offset).ok()?;
        let end = start.checked_add(into.len())?;
        into.copy_from_slice(self.get(start..end)?);
        Some(())
    }
}

/// What a listing's pieces past its texts are read into, each of the
/// length the head gives it.
struct Numbers {
    ends: [Ends; 3],
    dates: Vec<i64>,
    newest: Vec<u32>,
    file_of: Vec<u32>,
    rest: Vec<u8>,
}

impl Numbers {
    /// Zeroed buffers for the pieces of these lengths (fresh pages: nothing
    /// is written to them until the read), if the lengths agree with one
    /// another on how many articles there are.
    fn for_lengths(lengths: &[usize; PIECES]) -> Option<Self> {
        if !lengths[DATES].is_multiple_of(8) {
            return None;
        }
        let count = lengths[DATES] / 8;
        // Four bytes each or eight; none when there are no articles.
        let ends = |length: usize| match (count, length) {
            (0, 0) => Some(Ends::Narrow(Vec::new())),
            _ if length == 4 * count => Some(Ends::Narrow(vec![0; count])),
            _ if length == 8 * count => Some(Ends::Wide(vec![0; count])),
            _ => None,
        };
        let listed = lengths[FILE_OF];
        if lengths[NEWEST] != 4 * count || (listed != 4 * count && listed != 0) {
            return None;
        }
        Some(Self {
            ends: [
                ends(lengths[ENDS])?,
                ends(lengths[ENDS + 1])?,
                ends(lengths[ENDS + 2])?,
            ],
            dates: vec![0; count],
            newest: vec![0; count],
            file_of: vec![0; listed / 4],
            rest: vec![0; lengths[REST]],
        })
    }

    /// Every buffer as bytes, in the file's order.
    fn bytes_mut(&mut self) -> [&mut [u8]; PIECES - ENDS] {
        let [ids_ends, sections_ends, titles_ends] = &mut self.ends;
        [
            ends_bytes_mut(ids_ends),
            ends_bytes_mut(sections_ends),
            ends_bytes_mut(titles_ends),
            bytemuck::cast_slice_mut(&mut self.dates),
            bytemuck::cast_slice_mut(&mut self.newest),
            bytemuck::cast_slice_mut(&mut self.file_of),
            &mut self.rest,
        ]
    }

    /// What was read as little-endian, as numbers (nothing to do on a
    /// little-endian machine).
    fn swap_to_native(&mut self) {
        for ends in &mut self.ends {
            match ends {
                Ends::Narrow(ends) => ends.iter_mut().for_each(|e| *e = u32::from_le(*e)),
                Ends::Wide(ends) => ends.iter_mut().for_each(|e| *e = u64::from_le(*e)),
            }
        }
        self.dates.iter_mut().for_each(|d| *d = i64::from_le(*d));
        for rows in [&mut self.newest, &mut self.file_of] {
            rows.iter_mut().for_each(|r| *r = u32::from_le(*r));
        }
    }
}

fn ends_bytes_mut(ends: &mut Ends) -> &mut [u8] {
    match ends {
        Ends::Narrow(ends) => bytemuck::cast_slice_mut(ends),
        Ends::Wide(ends) => bytemuck::cast_slice_mut(ends),
    }
}

/// `into` filled from `offset` a chunk at a time, and the sum of each.
fn read_chunks(from: &(impl Pieces + ?Sized), offset: u64, into: &mut [u8]) -> Option<Vec<u64>> {
    let mut at = offset;
    (into.chunks_mut(CHUNK))
        .map(|chunk| {
            from.read_at(at, chunk)?;
            at += chunk.len() as u64;
            Some(checksum(chunk))
        })
        .collect()
}

/// A text of a listing, read, summed, and checked to be UTF-8.
fn text_at(
    from: &(impl Pieces + ?Sized),
    offset: u64,
    length: usize,
) -> Option<(String, Vec<u64>)> {
    let mut bytes = vec![0; length];
    let sums = read_chunks(from, offset, &mut bytes)?;
    Some((String::from_utf8(bytes).ok()?, sums))
}

/// The listing `from` holds, of `size` bytes, if it was written under
/// `key` (under any key without one), whole and sound.
///
/// The titles, nearly half of a listing, are read on one core and checked
/// to be UTF-8 as soon as they are, while everything else is read on the
/// other; then their strings are checked on every core.
pub fn read(from: &(impl Pieces + ?Sized), size: u64, key: Option<&[u8]>) -> Option<Listing> {
    let mut head = [0; HEAD];
    from.read_at(0, &mut head)?;
    let lengths = lengths(&head)?;
    // The lengths are checked against the file before anything is
    // allocated for them: a forged one asks for no more than the file holds.
    let mut at = [HEAD as u64; PIECES + 1];
    for (piece, &length) in lengths.iter().enumerate() {
        at[piece + 1] = at[piece].checked_add(length as u64)?;
    }
    if at[PIECES].checked_add(8) != Some(size) {
        return None;
    }
    let mut numbers = Numbers::for_lengths(&lengths)?;
    let text = |piece: usize| text_at(from, at[piece], lengths[piece]);
    let (titles, others) = rayon::join(
        || text(TITLES),
        || {
            let (ids, sections) = (text(IDS)?, text(SECTIONS)?);
            let mut sums = Vec::new();
            for (piece, bytes) in numbers.bytes_mut().into_iter().enumerate() {
                sums.extend(read_chunks(from, at[ENDS + piece], bytes)?);
            }
            Some((ids, sections, sums))
        },
    );
    let ((titles, titles_sums), ((ids, ids_sums), (sections, sections_sums), sums)) =
        (titles?, others?);
    let mut sum = [0; 8];
    from.read_at(at[PIECES], &mut sum)?;
    let sums = (std::iter::once(checksum(&head)))
        .chain(ids_sums)
        .chain(sections_sums)
        .chain(titles_sums)
        .chain(sums);
    if sum_of(sums) != u64::from_le_bytes(sum) {
        return None;
    }
    numbers.swap_to_native();
    parse([ids, sections, titles], numbers, key)
}

/// What [`read`] makes of the pieces, once summed. Everything fails as a
/// miss.
fn parse(texts: [String; 3], numbers: Numbers, key: Option<&[u8]>) -> Option<Listing> {
    let mut r = Reader(&numbers.rest);
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
    let files = r.files()?;
    if !r.0.is_empty() || !numbers.file_of.iter().all(|&f| (f as usize) < files.len()) {
        return None;
    }
    let [ids, sections, titles] = texts;
    let Numbers {
        ends: [ids_ends, sections_ends, titles_ends],
        dates,
        newest,
        file_of,
        ..
    } = numbers;
    // The strings are checked on every core, all three at once: a million
    // titles are most of a listing.
    let ((ids, sections), (titles, newest)) = rayon::join(
        || rayon::join(|| packed(ids, ids_ends), || packed(sections, sections_ends)),
        || rayon::join(|| packed(titles, titles_ends), || permutation(newest)),
    );
    Some(Listing {
        ids: ids?,
        sections: sections?,
        titles: TitleIndex::from_stored(titles?, dates)?,
        newest: newest?,
        files,
        file_of,
        report,
        roots: Vec::new(),
        root_paths: Vec::new(),
        cached: true,
    })
}

/// Strings that are each one cleaned line, as ids, sections and titles
/// are: what a listing holds is printed as it is, so one that somehow
/// holds more (a forged one, say) is not used.
fn packed(text: String, ends: Ends) -> Option<Packed> {
    let packed = Packed::from_parts(text, ends)?;
    all_clean_lines(&packed).then_some(packed)
}

/// `rows` if each is there once.
fn permutation(rows: Vec<u32>) -> Option<Vec<u32>> {
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
