//! Bytes of unknown encoding into text.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Why a file's bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (it contains NUL bytes)")]
    Binary,
}

/// Decodes bytes of unknown encoding: UTF-8 with or without BOM, UTF-16 with
/// a BOM, UTF-8 with a few bad bytes (each becomes U+FFFD), and anything
/// else in the legacy encoding its bytes point to (see [`legacy`]).
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if encoding != UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(rest);
            return Ok(text);
        }
        return decode_8bit(rest);
    }
    decode_8bit(bytes)
}

fn decode_8bit(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) if mostly_utf8(bytes) => Ok(String::from_utf8_lossy(bytes)),
        Err(_) => Ok(legacy(bytes).decode_without_bom_handling(bytes).0),
    }
}

/// Whether bytes that are not quite UTF-8 still are, but for a stray byte
/// or two: more well-formed multi-byte sequences than bad ones. Text in a
/// legacy encoding almost never forms a multi-byte sequence by chance
/// (Latin-1's `£1` does not), so one stray byte in a UTF-8 file no longer
/// turns its every accent and quote into mojibake.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > bad
}

/// The legacy encoding the bytes look like, as a browser would guess it
/// (chardetng, Firefox's detector): Windows-1252 for Western text such as
/// BBC's Latin-1, and others for Cyrillic, Greek, CJK and the rest.
fn legacy(bytes: &[u8]) -> &'static Encoding {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    // ISO-2022-JP is made of escape sequences: never guessed, as browsers
    // do for pages that run scripts. UTF-8 was ruled out already.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // A file has no domain to hint at its origin; a Western one keeps
    // byline's old default, Windows-1252, where the bytes do not clearly
    // say otherwise. Without it a lone `£` (BBC's Latin-1) reads as `Ł`,
    // Windows-1250's; Cyrillic, Greek, CJK and the rest are still found.
    detector.guess(Some(b"uk"), Utf8Detection::Deny)
}
