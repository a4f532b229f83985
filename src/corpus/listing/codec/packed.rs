//! The ids, sections and titles of a listing as it holds them: each a
//! text, then where each string ends, checked before they are used.

use rayon::prelude::*;

use super::Reader;
use crate::clean::is_clean_line;
use crate::packed::Packed;

impl<'a> Reader<'a> {
    /// Where each string of `text` ends, to be checked with it by
    /// [`RawPacked::build`].
    pub(super) fn packed(&mut self, text: String) -> Option<RawPacked<'a>> {
        let count = self.len()?;
        let width = match self.take(1)? {
            [4] => 4,
            [8] => 8,
            _ => return None,
        };
        let ends = self.take(count.checked_mul(width)?)?;
        Some(RawPacked {
            text,
            ends,
            width,
            count,
        })
    }
}

/// A [`Packed`] as the file holds it, not yet checked.
pub(super) struct RawPacked<'a> {
    text: String,
    /// `count` ends, `width` bytes each.
    ends: &'a [u8],
    width: usize,
    pub(super) count: usize,
}

impl RawPacked<'_> {
    /// Strings that are each one cleaned line, as ids, sections and
    /// titles are: what a listing holds is printed as it is, so one that
    /// somehow holds more (a forged one, say) is not used.
    pub(super) fn build(self) -> Option<Packed> {
        let text = self.text;
        let ends = (self.ends.chunks_exact(self.width))
            .map(|end| {
                // Little-endian: the missing high bytes are zeros.
                let mut bytes = [0; 8];
                bytes[..end.len()].copy_from_slice(end);
                usize::try_from(u64::from_le_bytes(bytes)).ok()
            })
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
pub(super) fn all_clean_lines(packed: &Packed) -> bool {
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
