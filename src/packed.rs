//! Many strings laid end to end in one: one allocation for a hundred
//! thousand titles or ids, and a scan over them streams through memory.

use std::borrow::Borrow;
use std::ops::Range;

use crate::article::Article;

/// Strings by index, stored end to end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packed {
    text: String,
    /// Where each string ends in `text`; it starts where the one before ends.
    ends: Ends,
}

/// Past this many bytes of text, ends take eight bytes; few in unit tests,
/// so that both widths are made, stored and read.
#[cfg(not(test))]
const NARROW_MOST: usize = u32::MAX as usize;
#[cfg(test)]
const NARROW_MOST: usize = 8;

/// Where each string of a [`Packed`] ends: four bytes each while its text
/// is short enough (every real one is: a million titles are 40 MB), eight
/// past that. A third of a listing of a million titles was ends, and a
/// listing's ends are read straight into these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ends {
    Narrow(Vec<u32>),
    Wide(Vec<u64>),
}

impl Default for Ends {
    fn default() -> Self {
        Self::Narrow(Vec::new())
    }
}

impl Ends {
    pub fn len(&self) -> usize {
        match self {
            Self::Narrow(ends) => ends.len(),
            Self::Wide(ends) => ends.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where string `index` ends, if there is one.
    pub fn get(&self, index: usize) -> Option<usize> {
        match self {
            Self::Narrow(ends) => ends.get(index).map(|&end| end as usize),
            Self::Wide(ends) => ends.get(index).and_then(|&end| usize::try_from(end).ok()),
        }
    }

    fn push(&mut self, end: usize) {
        match self {
            Self::Narrow(ends) if end <= NARROW_MOST => ends.push(end as u32),
            Self::Narrow(ends) => {
                let mut wide: Vec<u64> = ends.iter().map(|&end| u64::from(end)).collect();
                wide.push(end as u64);
                *self = Self::Wide(wide);
            }
            Self::Wide(ends) => ends.push(end as u64),
        }
    }
}

impl Packed {
    pub fn with_capacity(strings: usize, bytes: usize) -> Self {
        let ends = match bytes <= NARROW_MOST {
            true => Ends::Narrow(Vec::with_capacity(strings)),
            false => Ends::Wide(Vec::with_capacity(strings)),
        };
        Self {
            text: String::with_capacity(bytes),
            ends,
        }
    }

    /// Made of `strings`, in order.
    pub fn from_strs<'a>(strings: impl ExactSizeIterator<Item = &'a str> + Clone) -> Self {
        let bytes = strings.clone().map(str::len).sum();
        let mut packed = Self::with_capacity(strings.len(), bytes);
        for s in strings {
            packed.push(s);
        }
        packed
    }

    /// From the parts [`Packed::parts`] gave; `None` unless every end is in
    /// order and on a character boundary, and the last is the text's end.
    pub fn from_parts(text: String, ends: Ends) -> Option<Self> {
        let last = match ends.len() {
            0 => Some(0),
            n => ends.get(n - 1),
        };
        let in_order = match &ends {
            Ends::Narrow(ends) => in_order(&text, ends),
            Ends::Wide(ends) => in_order(&text, ends),
        };
        (last == Some(text.len()) && in_order).then_some(Self { text, ends })
    }

    pub fn parts(&self) -> (&str, &Ends) {
        (&self.text, &self.ends)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The string at `index`; `""` past the end. Asked of every title by
    /// every search: one match on the width, then plain slice reads.
    #[inline]
    pub fn get(&self, index: usize) -> &str {
        let bounds = match &self.ends {
            Ends::Narrow(ends) => bounds(ends, index),
            Ends::Wide(ends) => bounds(ends, index),
        };
        bounds
            .and_then(|(start, end)| self.text.get(start..end))
            .unwrap_or("")
    }

    /// The strings at `indices`, end to end; `""` past the end.
    pub fn span(&self, indices: Range<usize>) -> &str {
        let start = self.start_of(indices.start);
        let end = self.start_of(indices.end);
        self.text.get(start..end).unwrap_or("")
    }

    /// Where the string at `index` starts: where the one before it ends
    /// (the text's end past the last).
    fn start_of(&self, index: usize) -> usize {
        match index.checked_sub(1) {
            Some(before) => self.ends.get(before).unwrap_or(self.text.len()),
            None => 0,
        }
    }
}

/// Where the string at `index` starts and ends, if there is one.
#[inline]
fn bounds<E: Copy + Into<u64>>(ends: &[E], index: usize) -> Option<(usize, usize)> {
    let end = (*ends.get(index)?).into();
    let start = match index.checked_sub(1) {
        Some(before) => ends.get(before).map_or(0, |&e| e.into()),
        None => 0,
    };
    Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
}

/// Whether `ends` are in order, each on a character boundary of `text`.
fn in_order<E: Copy + TryInto<usize>>(text: &str, ends: &[E]) -> bool {
    let mut start = 0;
    ends.iter().all(|&end| {
        let end = end.try_into().unwrap_or(usize::MAX);
        let next = end >= start && text.is_char_boundary(end);
        start = end;
        next
    })
}

/// Every title of a corpus in one string, with the dates ranking needs:
/// built once (about as long as one search takes), then ranked again and
/// again by the overlay's worker. Indices are the corpus's.
///
/// Plain data, here below both: a corpus's listing caches it on disk and
/// `search` ranks it, and the corpus must not import the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleIndex {
    titles: Packed,
    /// Seconds since the epoch, [`NO_DATE`] for none: half the bytes of
    /// `Option<i64>`, and a listing's dates are read straight into these.
    dates: Vec<i64>,
}

/// A date that is no date: 292 billion years before the epoch, older than
/// any a corpus can give.
pub const NO_DATE: i64 = i64::MIN;

impl TitleIndex {
    pub fn new(articles: &[impl Borrow<Article>]) -> Self {
        let articles = articles.iter().map(Borrow::borrow);
        let titles = Packed::from_strs(articles.clone().map(|a: &Article| a.title.as_str()));
        let dates = articles.map(|a| a.date.unwrap_or(NO_DATE)).collect();
        Self { titles, dates }
    }

    /// Titles and their dates, by index; `None` unless there are as many
    /// of each.
    pub fn from_parts(titles: Packed, dates: Vec<Option<i64>>) -> Option<Self> {
        let dates = dates.into_iter().map(|d| d.unwrap_or(NO_DATE)).collect();
        Self::from_stored(titles, dates)
    }

    /// As [`TitleIndex::from_parts`], from the dates as [`Self::stored_dates`]
    /// gives them.
    pub fn from_stored(titles: Packed, dates: Vec<i64>) -> Option<Self> {
        (titles.len() == dates.len()).then_some(Self { titles, dates })
    }

    pub fn titles(&self) -> &Packed {
        &self.titles
    }

    pub fn date(&self, index: usize) -> Option<i64> {
        self.dates.get(index).copied().filter(|&d| d != NO_DATE)
    }

    /// Every date, [`NO_DATE`] for none.
    pub fn stored_dates(&self) -> &[i64] {
        &self.dates
    }

    pub fn len(&self) -> usize {
        self.titles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_by_index() {
        let packed = Packed::from_strs(["one", "", "中非"].into_iter());
        let got: Vec<&str> = (0..4).map(|i| packed.get(i)).collect();
        assert_eq!(got, ["one", "", "中非", ""]);
        assert_eq!(packed.len(), 3);
    }

    #[test]
    fn ends_widen_once_the_text_outgrows_four_bytes() {
        let strings = ["abcde", "fgh", "ij", "klmno"];
        let mut pushed = Packed::default();
        for s in strings {
            pushed.push(s);
        }
        let made = Packed::from_strs(strings.into_iter());
        for packed in [&pushed, &made] {
            assert_eq!(packed.parts().1, &Ends::Wide(vec![5, 8, 10, 15]));
            let got: Vec<&str> = (0..4).map(|i| packed.get(i)).collect();
            assert_eq!(got, strings);
        }
    }

    #[test]
    fn parts_are_checked() {
        let packed = Packed::from_strs(["ab", "中"].into_iter());
        let (text, ends) = (packed.parts().0.to_owned(), packed.parts().1.clone());
        assert_eq!(ends, Ends::Narrow(vec![2, 5]));
        assert!(Packed::from_parts(text.clone(), ends).is_some());
        assert!(
            Packed::from_parts(text.clone(), Ends::Narrow(vec![2, 4])).is_none(),
            "inside 中"
        );
        assert!(
            Packed::from_parts(text.clone(), Ends::Narrow(vec![3, 2])).is_none(),
            "backwards"
        );
        assert!(
            Packed::from_parts(text.clone(), Ends::Narrow(vec![2, 9])).is_none(),
            "past the end"
        );
        assert!(
            Packed::from_parts(text, Ends::Wide(vec![2])).is_none(),
            "short of the end"
        );
        assert_eq!(
            Packed::from_parts(String::new(), Ends::default()),
            Some(Packed::default())
        );
    }
}
