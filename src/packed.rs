//! Many strings laid end to end in one: one allocation for a hundred
//! thousand titles or ids, and a scan over them streams through memory.

use crate::article::Article;

/// Strings by index, stored end to end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packed {
    text: String,
    /// Where each string ends in `text`; it starts where the one before ends.
    ends: Vec<usize>,
}

impl Packed {
    pub fn with_capacity(strings: usize, bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
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
    pub fn from_parts(text: String, ends: Vec<usize>) -> Option<Self> {
        if ends.last().copied().unwrap_or(0) != text.len() {
            return None;
        }
        let mut start = 0;
        for &end in &ends {
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        Some(Self { text, ends })
    }

    pub fn parts(&self) -> (&str, &[usize]) {
        (&self.text, &self.ends)
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

    /// The string at `index`; `""` past the end.
    pub fn get(&self, index: usize) -> &str {
        let start = match index.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(index).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }
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
    dates: Vec<Option<i64>>,
}

impl TitleIndex {
    pub fn new(articles: &[Article]) -> Self {
        let titles = Packed::from_strs(articles.iter().map(|a| a.title.as_str()));
        let dates = articles.iter().map(|a| a.date).collect();
        Self { titles, dates }
    }

    /// Titles and their dates, by index; `None` unless there are as many
    /// of each.
    pub fn from_parts(titles: Packed, dates: Vec<Option<i64>>) -> Option<Self> {
        (titles.len() == dates.len()).then_some(Self { titles, dates })
    }

    pub fn titles(&self) -> &Packed {
        &self.titles
    }

    pub fn dates(&self) -> &[Option<i64>] {
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
    fn parts_are_checked() {
        let packed = Packed::from_strs(["ab", "中"].into_iter());
        let (text, ends) = (packed.parts().0.to_owned(), packed.parts().1.to_vec());
        assert_eq!(ends, [2, 5]);
        assert!(Packed::from_parts(text.clone(), ends).is_some());
        assert!(
            Packed::from_parts(text.clone(), vec![2, 4]).is_none(),
            "inside 中"
        );
        assert!(
            Packed::from_parts(text.clone(), vec![3, 2]).is_none(),
            "backwards"
        );
        assert!(
            Packed::from_parts(text.clone(), vec![2, 9]).is_none(),
            "past the end"
        );
        assert!(
            Packed::from_parts(text, vec![2]).is_none(),
            "short of the end"
        );
        assert_eq!(
            Packed::from_parts(String::new(), vec![]),
            Some(Packed::default())
        );
    }
}
