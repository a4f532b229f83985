//! Rows by date, newest or oldest first: the list's sort, and the order a
//! listing keeps so that a start need not sort a million rows again.

use rayon::prelude::*;

/// Sorts `rows` by date, newest or oldest first, undated articles last,
/// ties in corpus order. Each row's key is gathered first, with the row,
/// into one number, and those are sorted on every core: comparing through
/// the articles missed the cache at every step (a third of a
/// million-article start), and one number compares at once.
pub fn by_date(rows: &mut [usize], date: impl Fn(usize) -> Option<i64>, newest: bool) {
    let mut keyed: Vec<u128> = rows
        .iter()
        .map(|&i| date_key(date(i), newest) | i as u128)
        .collect();
    keyed.par_sort_unstable();
    for (row, key) in rows.iter_mut().zip(keyed) {
        *row = (key & ROW_BITS) as usize;
    }
}

/// The low 63 bits of a key: the row (a Vec holds fewer than 2^63).
const ROW_BITS: u128 = (1 << 63) - 1;

/// A date as the high bits of a key that sorts as `by_date` wants: no date
/// sets the top bit, after every date; then the date, its sign bit flipped
/// to keep an i64's order as a u64, all bits flipped for newest first.
fn date_key(date: Option<i64>, newest: bool) -> u128 {
    let Some(date) = date else {
        return 1 << 127;
    };
    let key = (date as u64) ^ (1 << 63);
    u128::from(if newest { !key } else { key }) << 63
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn dates_sort_as_a_stable_sort_by_date_does(
            dates in proptest::collection::vec(
                proptest::option::of(prop_oneof![any::<i64>(), -3i64..3]),
                0..300,
            ),
            newest: bool,
        ) {
            let mut rows: Vec<usize> = (0..dates.len()).rev().step_by(2).collect();
            let mut want = rows.clone();
            // Stable: ties keep corpus order once the rows are in it.
            want.sort_unstable();
            want.sort_by(|&a, &b| match (dates[a], dates[b]) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) if newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
            });
            by_date(&mut rows, |i| dates[i], newest);
            prop_assert_eq!(rows, want);
        }
    }
}
