//! SkimMatcherV2's score matrix for queries of two characters or more,
//! ported cell for cell from fuzzy-matcher 0.3.7 (`build_score_matrix` in
//! its compressed, score-only form) so that every score is the one a fresh
//! matcher gives. Its quirks are kept on purpose: the rows alternate, a
//! cell's `bonus` is written one column late, and cells left from two rows
//! back are read as they are. Changing any of them would change rankings.

use super::rules::{
    BONUS_CONSECUTIVE, BONUS_FIRST_CHAR_MULTIPLIER, CharType, GAP_EXTENSION, GAP_START, NEG_INF,
    Unit, in_place_bonus, match_score,
};

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Best score of an alignment ending with a match here.
    m: i32,
    /// Best score of an alignment where this character is skipped.
    p: i32,
    bonus: i32,
}

/// A fresh matrix cell, as SkimMatcherV2 creates (and resets) them.
const FRESH: Cell = Cell {
    m: NEG_INF,
    p: NEG_INF,
    bonus: 0,
};

/// The matrix's buffers, reused from one title to the next.
#[derive(Debug, Default)]
pub(super) struct Work {
    /// Where each pattern character first matches.
    pub(super) first: Vec<usize>,
    in_place: Vec<i32>,
    cells: Vec<Cell>,
}

/// The score of `choice` for a pattern of three characters or more, once
/// `w.first` holds where each first matches (and all do).
pub(super) fn run<U: Unit>(
    choice: &[U],
    pattern: &[U],
    case_sensitive: bool,
    w: &mut Work,
) -> Option<i64> {
    // Nothing left of the first match is ever read: start the matrix there.
    let skip = w.first[0];
    let before = skip.checked_sub(1).map(|at| choice[at].char());
    let choice = &choice[skip..];
    w.first.iter_mut().for_each(|f| *f -= skip);
    let cols = choice.len() + 1;
    in_place_bonuses(choice, before, &mut w.in_place);
    w.cells.clear();
    w.cells.resize(2 * cols, FRESH);
    // Row 0 stands for "no pattern character yet": every column may be skipped.
    for cell in &mut w.cells[..cols] {
        cell.p = GAP_EXTENSION;
    }
    for (i, &p) in pattern.iter().enumerate() {
        fill_row(choice, w, i, p.char(), case_sensitive);
    }
    let last_row = (pattern.len() & 1) * cols;
    let from = *w.first.last()?;
    let cells = &w.cells[last_row + from..last_row + cols];
    cells.iter().map(|c| i64::from(c.m)).max()
}

/// The bonus for matching at each column (column `j + 1` is character `j`),
/// doubled for the title's first character; `before` is the character
/// before `choice` when it starts inside the title.
fn in_place_bonuses<U: Unit>(choice: &[U], before: Option<char>, out: &mut Vec<i32>) {
    out.clear();
    out.push(0);
    let mut prev = CharType::of(before.unwrap_or('\0'));
    for &c in choice {
        let kind = CharType::of(c.char());
        out.push(in_place_bonus(prev, kind));
        prev = kind;
    }
    if let (None, Some(first)) = (before, out.get_mut(1)) {
        *first *= BONUS_FIRST_CHAR_MULTIPLIER;
    }
}

/// One row of the matrix: pattern character `i` (`p`) against every column
/// from just after its first possible match.
///
/// On slices of the row, the row above and the title, so that the loop
/// indexes nothing (its bounds checks were a good part of a search): the
/// cell to the left is carried along, and written back with its bonus.
fn fill_row<U: Unit>(choice: &[U], w: &mut Work, i: usize, p: char, case_sensitive: bool) {
    let cols = choice.len() + 1;
    let start = w.first[i] + 1;
    if start >= cols {
        return;
    }
    let (even, odd) = w.cells.split_at_mut(cols);
    let (row, above) = match (i + 1) & 1 {
        0 => (even, &*odd),
        _ => (odd, &*even),
    };
    // Column `start - 1 + k` for each: the cell to the left of the one
    // filled, the cell above that, its character and the bonus there.
    let row = &mut row[start - 1..cols];
    let (above, choice) = (&above[start - 1..cols - 1], &choice[start - 1..]);
    let in_place = &w.in_place[start..cols];
    let mut last = row[0];
    for (k, ((&diag, &c), &in_place)) in above.iter().zip(choice).zip(in_place).enumerate() {
        let Some(mut cur) = row.get(k + 1).copied() else {
            break;
        };
        match match_score(c.char(), p, case_sensitive) {
            Some(score) => {
                let consecutive = last.bonus.max(in_place.max(BONUS_CONSECUTIVE));
                last.bonus = consecutive;
                let after_match = diag.m + consecutive;
                let after_skip = diag.p + in_place;
                cur.m = after_match.max(after_skip) + score;
            }
            None => {
                cur.m = NEG_INF;
                cur.bonus = 0;
            }
        }
        let open_gap = GAP_START + GAP_EXTENSION + last.m;
        let extend_gap = GAP_EXTENSION + last.p;
        cur.p = open_gap.max(extend_gap);
        row[k] = last;
        last = cur;
    }
    if let Some(end) = row.last_mut() {
        *end = last;
    }
}
