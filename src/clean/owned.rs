//! Cleaning text the loader already owns, without copying it when it is
//! clean already. News text almost always is: a copy per cleaning step
//! (sanitized, then joined into paragraphs) was two fresh allocations the
//! size of every body, and faulting in their pages was the largest single
//! cost of a load (see README, "Measured").

use super::plain::{BLOCK, block_is_kept, is_graphic, run_end};
use super::{is_invisible, paragraphs, sanitize};

/// Whether [`sanitize`] leaves `text` exactly as it is, told without
/// building a copy: printable text, single spaces between words, newlines
/// that touch no space, and no character that cleaning removes or turns
/// into a space or a newline.
pub fn is_unchanged(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if is_graphic(b) {
            i = run_end(bytes, i);
            continue;
        }
        // Past ASCII, sixteen bytes at once while they are plainly kept.
        let window = i
            .checked_sub(1)
            .and_then(|before| bytes.get(before..i + BLOCK + 1));
        if window.is_some_and(block_is_kept) {
            i += BLOCK;
            continue;
        }
        match b {
            b'\n' => i += 1,
            b' ' if space_is_kept(bytes, i) => i += 1,
            // The rest of a character a block ended in: its first byte was
            // in the block, and was none that cleaning changes.
            0x80..=0xbf => i += 1,
            0xc0.. => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if char_is_kept(c) => i += c.len_utf8(),
                _ => return false,
            },
            // Tabs, CR, escapes, other controls, and spaces that fold.
            _ => return false,
        }
    }
    true
}

/// A space that cleaning keeps: after a character that is kept (not at
/// the start, not after a space or newline), and before a character that
/// is not a space, a newline or the end. A non-ASCII character after it is
/// looked at in its turn.
fn space_is_kept(bytes: &[u8], i: usize) -> bool {
    let after_word = i > 0 && !matches!(bytes[i - 1], b' ' | b'\n');
    after_word
        && bytes
            .get(i + 1)
            .is_some_and(|&n| is_graphic(n) || n >= 0x80)
}

/// A non-ASCII character that [`sanitize`] copies as it is.
fn char_is_kept(c: char) -> bool {
    let folded = matches!(
        c,
        '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{a0}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}'
    );
    !folded && !is_invisible(c)
}

/// [`sanitize`] of text already owned: the text itself when it is clean.
pub fn sanitize_owned(text: String) -> String {
    if is_unchanged(&text) {
        text
    } else {
        sanitize(&text)
    }
}

/// [`paragraphs`] of text already owned: text with no blank line to join
/// stays in its own buffer, trimmed there. Lines to join are copied, by
/// [`paragraphs`]: joining them in place, then checking that the bytes
/// were still UTF-8, cost more than the copy (5% of loading JSON Lines),
/// and a body is copied into its block afterwards anyway.
pub fn paragraphs_owned(mut text: String) -> String {
    let end = text.trim_end_matches('\n').len();
    let start = end - text[..end].trim_start_matches('\n').len();
    if memchr::memmem::find(&text.as_bytes()[start..end], b"\n\n").is_some() {
        return paragraphs(&text);
    }
    text.truncate(end);
    text.drain(..start);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "word",
            "longerwords",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\n\n\n",
            "\r",
            "\t",
            "\x1b[1m",
            "\u{9b}",
            "\u{a0}",
            "é",
            "£",
            "中非",
            "北京東京",
            "—",
            "€",
            "\u{2028}",
            "\u{85}",
            "\u{200b}",
            "\u{feff}",
            "\x7f",
            "\0",
            "\u{fffd}",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn unchanged_exactly_when_sanitize_keeps_the_text(
            pieces in prop::collection::vec(piece(), 0..30)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(is_unchanged(&text), sanitize(&text) == text, "{:?}", text);
        }

        #[test]
        fn unchanged_on_any_text(text in "\\PC{0,60}|[ -~\n\t\r\u{a0}é]{0,60}") {
            prop_assert_eq!(is_unchanged(&text), sanitize(&text) == text, "{:?}", text);
        }

        #[test]
        fn owned_steps_give_what_the_copying_ones_give(
            pieces in prop::collection::vec(piece(), 0..30)
        ) {
            let text = pieces.concat();
            let clean = sanitize(&text);
            prop_assert_eq!(sanitize_owned(text.clone()), clean.clone());
            prop_assert_eq!(paragraphs_owned(clean.clone()), paragraphs(&clean));
        }
    }

    #[test]
    fn lines_with_no_blank_line_between_stay_in_their_buffer() {
        let text = "\n\nfirst line\nsecond line\n\n".to_owned();
        let at = text.as_ptr();
        let body = paragraphs_owned(text);
        assert_eq!(body, "first line\nsecond line");
        assert_eq!(body.as_ptr(), at);
        let joined = paragraphs_owned("one\nline\n\n\ntwo\n".to_owned());
        assert_eq!(joined, "one line\ntwo");
        assert!(!is_unchanged("two  spaces"));
        assert!(!is_unchanged("trailing \nspace"));
        assert!(is_unchanged("naïve £15m café\n\n中非 talks"));
    }
}
