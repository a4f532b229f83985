//! Case and accent folding as fzf does it by default: smart case by
//! Unicode case, and Latin letters with diacritics read as their base
//! letter, so `zurich` finds "Zürich" and `erdogan` finds "Erdoğan".
//!
//! Folding keeps a map from each folded character back to the character of
//! the original it came from: highlights are drawn on the original.

/// Whether a query asks for case to count: it holds an uppercase letter,
/// by Unicode case (`Zürich`, `ÉTÉ`, `Σ`).
pub(super) fn case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// The base letter of a Latin letter with diacritics, `None` for a
/// combining mark (dropped: "e\u{301}" reads as "e"), or the character
/// itself. A non-ASCII letter is lower-cased when `ignore_case` (one
/// character for one, so the map back stays simple; the rare letters that
/// lower-case to two are kept). ASCII stays as it is: the scorer folds
/// ASCII case itself, and its camel-case bonus needs the capitals.
pub(super) fn fold_char(c: char, ignore_case: bool) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    let based = base(c).unwrap_or(c);
    if !ignore_case {
        return Some(based);
    }
    let mut lower = based.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(one), None) => Some(one),
        _ => Some(based),
    }
}

/// `text` folded, ASCII lower-cased too when `ignore_case`: what a query's
/// terms are matched as.
pub(super) fn fold_str(text: &str, ignore_case: bool) -> String {
    let folded = text.chars().filter_map(|c| fold_char(c, ignore_case));
    match ignore_case {
        true => folded.map(|c| c.to_ascii_lowercase()).collect(),
        false => folded.collect(),
    }
}

/// Whether folding could change `title`: it holds a character from a block
/// with accented letters, combining marks or cased letters. Decided from
/// UTF-8 lead bytes alone, so ASCII and CJK titles (the blocks from U+3000
/// to U+9FFF and Hangul have no case and no accents) skip folding; that was
/// most of the cost folding added to a search of titles.
pub(super) fn needs_folding(title: &str) -> bool {
    // `is_ascii` first: it reads words at a time, and most titles are ASCII.
    !title.is_ascii() && title.bytes().any(needs_folding_byte)
}

/// Whether `b` leads a character that folding could change.
pub(super) fn needs_folding_byte(b: u8) -> bool {
    // C3..DF: U+00C0..U+07FF (Latin-1 letters to Arabic); E1: U+1xxx
    // (Latin Extended Additional, Greek Extended); E2: U+2xxx (Latin
    // Extended-C, Coptic); EA: U+Axxx (Latin Extended-D); EF: fullwidth
    // Latin; F0 and up: the supplementary planes (Deseret and others).
    matches!(b, 0xC3..=0xDF | 0xE1 | 0xE2 | 0xEA | 0xEF | 0xF0..=0xF4)
}

/// A title as matching sees it: accents folded, and non-ASCII letters
/// lower-cased when case is ignored. ASCII titles need none of it.
#[derive(Debug, Default)]
pub(super) struct Folded {
    pub(super) text: String,
    /// For each char of `text`, the index of the char of the title it
    /// came from.
    pub(super) origin: Vec<u32>,
}

impl Folded {
    /// Folds `title` into `self`, reusing the buffers.
    pub(super) fn fold(&mut self, title: &str, ignore_case: bool) {
        self.text.clear();
        self.origin.clear();
        for (i, c) in title.chars().enumerate() {
            if let Some(f) = fold_char(c, ignore_case) {
                self.text.push(f);
                self.origin.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
    }

    /// Folded char indices turned into the title's char indices.
    pub(super) fn original(&self, positions: &mut [usize]) {
        for p in positions {
            if let Some(&o) = self.origin.get(*p) {
                *p = o as usize;
            }
        }
    }
}

/// The base letter of `c`, if it is a Latin letter with diacritics.
fn base(c: char) -> Option<char> {
    let cp = c as usize;
    let table = |t: &[u8], start: usize| {
        let b = *t.get(cp.checked_sub(start)?)?;
        (b != b'.').then_some(char::from(b))
    };
    table(LATIN, 0xC0).or_else(|| table(EXTENDED_ADDITIONAL, 0x1E00))
}

// Generated from Unicode's canonical decompositions (a letter followed by
// combining marks only), plus the letters with strokes that have none:
// Ø Đ Ł Ħ ı Ŧ Ɨ ƀ Ɓ.

/// Bases of U+00C0..U+0250, one byte per code point, `.` for none.
const LATIN: &[u8] = concat!(
    "AAAAAA.CEEEEIIII.NOOOOO.OUUUUY..aaaaaa.ceeeeiiii.nooooo.ouuuuy.y",
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKk.LlLlLl.",
    ".LlNnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz.",
    "bB.....................I........Oo.............Uu...............",
    ".............AaIiOoUuUuUuUuUu.AaAa....GgKkOoOo..j...Gg..NnAa....",
    "AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............",
    "................",
)
.as_bytes();

/// Bases of U+1E00..U+1F00 (Vietnamese and others), as [`LATIN`].
const EXTENDED_ADDITIONAL: &[u8] = concat!(
    "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm",
    "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv",
    "WwWwWwWwWwXxXxYyZzZzZzhtwy......AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe",
    "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy......",
)
.as_bytes();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_accents_fold_to_their_base() {
        assert_eq!(fold_str("Zürich", true), "zurich");
        assert_eq!(fold_str("São Paulo", true), "sao paulo");
        assert_eq!(fold_str("Erdoğan", true), "erdogan");
        assert_eq!(fold_str("ÉTÉ chaud à Paris", false), "ETE chaud a Paris");
        assert_eq!(fold_str("Łódź", true), "lodz");
        assert_eq!(fold_str("Nguyễn", true), "nguyen");
    }

    #[test]
    fn combining_marks_are_dropped_and_mapped_back() {
        let mut f = Folded::default();
        f.fold("cafe\u{301} bar", true);
        assert_eq!(f.text, "cafe bar");
        let mut p = vec![3, 5];
        f.original(&mut p);
        assert_eq!(p, [3, 6]);
    }

    #[test]
    fn titles_that_folding_leaves_alone_are_known_from_their_bytes() {
        let mut f = Folded::default();
        for title in [
            "plain",
            "中非合作 talks",
            "서울 東京",
            "Zürich",
            "ΣΟΦΙΑ",
            "Ｆｕｌｌ",
            "ẞ",
            "cafe\u{301}",
            "ꝀꝂ",
        ] {
            for ignore_case in [true, false] {
                f.fold(title, ignore_case);
                if f.text != title {
                    assert!(needs_folding(title), "{title}");
                }
            }
        }
        assert!(!needs_folding("中非合作 talks") && !needs_folding("plain"));
    }

    #[test]
    fn unicode_case_and_untouched_scripts() {
        assert!(case_sensitive("Zürich"));
        assert!(case_sensitive("ÉTÉ"));
        assert!(!case_sensitive("été"));
        assert_eq!(fold_str("ΣΟΦΙΑ", true), "σοφια");
        assert_eq!(fold_str("中非合作", true), "中非合作");
        // A dotted capital I has a base letter before it lower-cases to two.
        assert_eq!(fold_str("İstanbul", true), "istanbul");
    }
}
