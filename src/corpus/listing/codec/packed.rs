//! The ids, sections and titles of a listing, checked before they are
//! used.

use rayon::prelude::*;

use crate::clean::is_clean_line;
use crate::packed::{Ends, Packed};

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
    // Empty strings, as the sections of a corpus without any are.
    if text.is_empty() {
        return true;
    }
    (0..packed.len()).into_par_iter().step_by(RUN).all(|first| {
        let run = first..(first + RUN).min(packed.len());
        let start = packed.span(0..first).len();
        let bare = match ends {
            Ends::Narrow(ends) => bare_ends(text, start, &ends[run.clone()]),
            Ends::Wide(ends) => bare_ends(text, start, &ends[run.clone()]),
        };
        bare && is_clean_line(packed.span(run))
    })
}

/// Whether none of the strings of `text` from `start` to each of `ends`
/// in turn starts or ends with a space.
fn bare_ends<E: Copy + TryInto<usize>>(text: &str, mut start: usize, ends: &[E]) -> bool {
    let text = text.as_bytes();
    ends.iter().all(|&end| {
        let end = end.try_into().unwrap_or(usize::MAX);
        let spaced = text.get(start) == Some(&b' ') || text.get(end.wrapping_sub(1)) == Some(&b' ');
        let bare = start == end || !spaced;
        start = end;
        bare
    })
}
