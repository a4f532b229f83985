//! Turning the matcher's character indices into pieces of a title to draw,
//! highlighted or not, with the display columns each piece covers.
//!
//! SkimMatcherV2 reports `char` indices, while a terminal cell holds a
//! grapheme that may be several chars wide in bytes and 0, 1 or 2 columns
//! wide on screen. Highlighting goes by grapheme: a grapheme is highlighted
//! when any of its chars matched, so an accent or an emoji's joiner never
//! ends up in a different style from the letter it belongs to.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A run of a title drawn in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub highlighted: bool,
    /// The display columns the run covers, counted from the title's start.
    pub columns: Range<usize>,
}

/// `title` cut into runs, highlighted where `positions` (sorted `char`
/// indices, as [`super::positions`] returns them) fall. Empty runs are never
/// returned; an empty title gives no segments.
pub fn segments<'a>(title: &'a str, positions: &[usize]) -> Vec<Segment<'a>> {
    let mut out: Vec<Segment<'a>> = Vec::new();
    let mut wanted = positions.iter().copied().peekable();
    let (mut char_index, mut column) = (0, 0);
    for (start, grapheme) in title.grapheme_indices(true) {
        let chars = grapheme.chars().count();
        let end_char = char_index + chars;
        // Positions inside this grapheme highlight it; skip past them.
        let mut highlighted = false;
        while wanted.next_if(|&p| p < end_char).is_some() {
            highlighted = true;
        }
        let width = grapheme.width();
        let end = start + grapheme.len();
        match out.last_mut() {
            Some(last) if last.highlighted == highlighted => {
                last.text = &title[last_start(title, last)..end];
                last.columns.end += width;
            }
            _ => out.push(Segment {
                text: &title[start..end],
                highlighted,
                columns: column..column + width,
            }),
        }
        char_index = end_char;
        column += width;
    }
    out
}

/// The byte offset where `segment` (a slice of `title`) starts.
fn last_start(title: &str, segment: &Segment<'_>) -> usize {
    segment.text.as_ptr() as usize - title.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The segments as `(text, highlighted)`, compactly.
    fn runs<'a>(title: &'a str, positions: &[usize]) -> Vec<(&'a str, bool)> {
        segments(title, positions)
            .iter()
            .map(|s| (s.text, s.highlighted))
            .collect()
    }

    #[test]
    fn ascii_runs_alternate() {
        assert_eq!(
            runs("Chelsea sack Mutu", &[13, 14, 15, 16]),
            [("Chelsea sack ", false), ("Mutu", true)]
        );
        assert_eq!(
            runs("abcde", &[0, 2]),
            [("a", true), ("b", false), ("c", true), ("de", false)]
        );
        assert_eq!(runs("abc", &[]), [("abc", false)]);
        assert!(runs("", &[0]).is_empty());
    }

    #[test]
    fn cjk_columns_are_two_wide() {
        let s = segments("中非 talks", &[0, 1]);
        assert_eq!(s[0].text, "中非");
        assert_eq!(s[0].columns, 0..4);
        assert_eq!((s[1].text, s[1].highlighted), (" talks", false));
        assert_eq!(s[1].columns, 4..10);
    }

    #[test]
    fn matched_letter_takes_its_combining_mark() {
        // "e" + U+0301 is one grapheme, "é" on screen, one column.
        let title = "cafe\u{301} bar";
        let s = segments(title, &[3]);
        assert_eq!(s[1].text, "e\u{301}");
        assert!(s[1].highlighted);
        assert_eq!(s[1].columns, 3..4);
        assert_eq!(s[2].columns, 4..8);
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        // Man, ZWJ, woman: one grapheme, two columns; a hit on the woman
        // (char 4) highlights all of it.
        let title = "a 👨\u{200d}👩 b";
        let s = runs(title, &[4]);
        assert_eq!(s, [("a ", false), ("👨\u{200d}👩", true), (" b", false)]);
        let widths: Vec<_> = segments(title, &[4])
            .iter()
            .map(|s| s.columns.clone())
            .collect();
        assert_eq!(widths, [0..2, 2..4, 4..6]);
    }

    #[test]
    fn matcher_positions_round_trip() {
        let title = "北京 中非合作";
        let s = segments(title, &crate::search::positions(title, "中非"));
        assert_eq!(
            s.iter()
                .filter(|s| s.highlighted)
                .map(|s| s.text)
                .collect::<Vec<_>>(),
            ["中非"]
        );
        assert_eq!(s[1].columns, 5..9);
    }
}
