//! Two-character queries in one pass over the title, with no matrix.
//!
//! With two pattern characters SkimMatcherV2's matrix has two rows, and the
//! final score reads only the second row's match scores. Those depend on
//! the first row one column back and on a `bonus` cell that, for two rows,
//! always holds 0 when read (it is written one column late and the row
//! starts fresh). So one left-to-right pass carrying the first row's two
//! running values gives the same scores, as a proptest checks against
//! SkimMatcherV2. Two letters are the commonest slow query: nearly every
//! title has them in order.

use super::rules::{
    BONUS_CONSECUTIVE, BONUS_FIRST_CHAR_MULTIPLIER, CharType, GAP_EXTENSION, GAP_START, NEG_INF,
    Unit, in_place_bonus, match_score,
};

/// The score of `choice` for the pattern `[a, b]`, given where each first
/// matches (`first`, from the matcher's own first test, which passed).
pub(super) fn score<U: Unit>(
    choice: &[U],
    [a, b]: [char; 2],
    case_sensitive: bool,
    first: [usize; 2],
) -> i64 {
    let [from, second] = first;
    let mut prev = match from.checked_sub(1) {
        Some(at) => CharType::of(choice[at].char()),
        None => CharType::of('\0'),
    };
    // The first row's match and skip scores one column back.
    let (mut m, mut p) = (NEG_INF, NEG_INF);
    let mut best = NEG_INF;
    for (at, unit) in choice.iter().enumerate().skip(from) {
        let c = unit.char();
        let kind = CharType::of(c);
        let mut in_place = in_place_bonus(prev, kind);
        if at == 0 {
            in_place *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        prev = kind;
        if at >= second
            && let Some(score) = match_score(c, b, case_sensitive)
        {
            let after_match = m + in_place.max(BONUS_CONSECUTIVE);
            best = best.max(after_match.max(p + in_place) + score);
        }
        let next_m = match match_score(c, a, case_sensitive) {
            // Row 0 allows a skip everywhere, at GAP_EXTENSION.
            Some(score) => score + GAP_EXTENSION + in_place,
            None => NEG_INF,
        };
        p = (GAP_START + GAP_EXTENSION + m).max(GAP_EXTENSION + p);
        m = next_m;
    }
    i64::from(best)
}
