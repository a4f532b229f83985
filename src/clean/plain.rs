//! The fast path of [`super::sanitize`]: finding how far text can be copied
//! as it is. News text is almost all printable ASCII with single spaces, so
//! this is where loading spends its time; it looks at eight bytes at a time
//! (SWAR: plain integer arithmetic on a `u64`, no `unsafe`).

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);

pub(super) fn is_graphic(b: u8) -> bool {
    (0x21..0x7f).contains(&b)
}

/// The end of the run starting at `bytes[start]`, a graphic byte, that
/// sanitizing leaves unchanged: printable ASCII, single spaces between
/// graphic bytes, and newlines that touch no space.
///
/// Such a run needs no decision byte by byte: a space there would be pushed
/// as is (a graphic byte precedes it, so no space precedes it), and a
/// newline would be pushed after trimming spaces there are none of.
pub(super) fn run_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if chunk_is_plain(u64::from_le_bytes(word), bytes, i) {
            i += 8;
            continue;
        }
        // Something to look at closely in these eight bytes: one at a time.
        if !byte_is_plain(bytes, i) {
            return i;
        }
        i += 1;
    }
    while i < bytes.len() && byte_is_plain(bytes, i) {
        i += 1;
    }
    i
}

/// Whether `bytes[i]` continues a run (`i > 0`, and `bytes[i - 1]` is in it).
fn byte_is_plain(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b' ' => is_graphic(bytes[i - 1]) && bytes.get(i + 1).is_some_and(|&n| is_graphic(n)),
        b => is_graphic(b),
    }
}

/// Whether the eight bytes at `bytes[i..]` (`word`, little-endian) all
/// continue a run: printable ASCII and spaces, no two spaces together, and a
/// space at either end only next to a graphic byte. Newlines are left to
/// [`byte_is_plain`]: they are rare enough.
fn chunk_is_plain(word: u64, bytes: &[u8], i: usize) -> bool {
    // Any byte below 0x20 or above 0x7e: the high bit of its byte is set.
    let below = word.wrapping_sub(ONES * 0x20) & !word;
    // (Adding one carries 0x7f into the high bit.)
    let above = word.wrapping_add(ONES) | word;
    if (below | above) & HIGHS != 0 {
        return false;
    }
    let spaces = zero_bytes(word ^ SPACES);
    if spaces == 0 {
        return true;
    }
    let first_space = spaces & 0x80 != 0;
    let last_space = spaces >> 63 != 0;
    spaces & (spaces << 8) == 0
        && (!first_space || is_graphic(bytes[i - 1]))
        && (!last_space || bytes.get(i + 8).is_some_and(|&n| is_graphic(n)))
}

/// The high bit of every zero byte of `word`, and no other bit.
fn zero_bytes(word: u64) -> u64 {
    let low7 = !HIGHS;
    !(((word & low7).wrapping_add(low7)) | word | low7)
}
