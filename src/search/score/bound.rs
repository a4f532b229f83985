//! An upper bound of a title's score, far cheaper than the score: one pass
//! over the title noting which characters stand where a bonus is paid.
//!
//! Why it holds, from the matrix ([`super::matrix`]): every value in it is
//! at most the best value of the row before, plus [`SCORE_MATCH`], plus the
//! bonus of the column matched. Row 0 pays the in-place bonus of its column
//! (doubled at the title's first character). Later rows never reach the
//! first column and pay the larger of the in-place bonus and the
//! consecutive one, `max(bonus of the cell to the left, in-place, 4)`;
//! a cell's `bonus` is only ever set to 0 or to that same maximum for the
//! column after it, so it never exceeds `max(4, in-place)` there. Row 0
//! starts from [`GAP_EXTENSION`]. So the score is at most
//! `GAP_EXTENSION + n * SCORE_MATCH` plus, for the first pattern character,
//! the best in-place bonus where it occurs and, for each other, 4 or the
//! best in-place bonus where it occurs. A proptest checks the bound
//! against SkimMatcherV2 itself.

use super::rules::{
    BONUS_CONSECUTIVE, BONUS_FIRST_CHAR_MULTIPLIER, BONUS_HEAD, CharType, GAP_EXTENSION,
    SCORE_MATCH, in_place_bonus,
};

/// Where `title`'s characters stand with a bonus: ASCII ones in a bit set
/// (folded to lower case when case is ignored), others as one flag.
struct Placed {
    ascii: u128,
    other: bool,
    first: Option<char>,
}

/// The bound for `pattern` (its chars) against `title`.
pub(super) fn of(title: &str, pattern: &[char], case_sensitive: bool) -> i64 {
    let placed = Placed::of(title, case_sensitive);
    let mut bonus = 0;
    for (i, &p) in pattern.iter().enumerate() {
        let head = i == 0 && placed.first.is_some_and(|c| same(c, p, case_sensitive));
        bonus += match (head, placed.has(p, case_sensitive), i) {
            (true, _, _) => BONUS_HEAD * BONUS_FIRST_CHAR_MULTIPLIER,
            (_, true, _) => BONUS_HEAD,
            (_, false, 0) => 0,
            (_, false, _) => BONUS_CONSECUTIVE,
        };
    }
    let chars = i64::try_from(pattern.len()).unwrap_or(i64::MAX / 64);
    i64::from(GAP_EXTENSION) + chars * i64::from(SCORE_MATCH) + i64::from(bonus)
}

fn same(c: char, p: char, case_sensitive: bool) -> bool {
    match case_sensitive {
        true => c == p,
        false => c.eq_ignore_ascii_case(&p),
    }
}

impl Placed {
    fn of(title: &str, case_sensitive: bool) -> Self {
        let mut placed = Self {
            ascii: 0,
            other: false,
            first: title.chars().next(),
        };
        let mut prev = CharType::Empty;
        if title.is_ascii() {
            for &b in title.as_bytes() {
                let kind = CharType::of(char::from(b));
                if in_place_bonus(prev, kind) > 0 {
                    placed.ascii |= 1 << fold(b, case_sensitive);
                }
                prev = kind;
            }
            return placed;
        }
        for c in title.chars() {
            let kind = CharType::of(c);
            if in_place_bonus(prev, kind) > 0 {
                match u8::try_from(c) {
                    Ok(b) if b.is_ascii() => placed.ascii |= 1 << fold(b, case_sensitive),
                    _ => placed.other = true,
                }
            }
            prev = kind;
        }
        placed
    }

    /// Whether a character that `p` matches stands with a bonus.
    fn has(&self, p: char, case_sensitive: bool) -> bool {
        match u8::try_from(p) {
            Ok(b) if b.is_ascii() => (self.ascii >> fold(b, case_sensitive)) & 1 == 1,
            _ => self.other,
        }
    }
}

fn fold(b: u8, case_sensitive: bool) -> u8 {
    match case_sensitive {
        true => b,
        false => b.to_ascii_lowercase(),
    }
}
