//! Checking a phrase in a candidate's text without tokenizing all of it:
//! word segmentation runs at a few dozen MB/s, and a phrase of common
//! words has tens of thousands of candidates.
//!
//! Only the places where the phrase's first word can start are looked at:
//! where its bytes occur (ASCII case ignored), and where a character occurs
//! that folding could change (a token holding one may fold to the word).
//! A token with neither cannot fold to the word, so no place is missed.
//! Around each place the text is cut at ASCII whitespace, which is always
//! a word boundary, and tokenized there alone.

use std::collections::VecDeque;

use aho_corasick::AhoCorasick;

use super::tokens;
use crate::search::fold::needs_folding_byte;

pub(super) struct Phrase<'a> {
    words: &'a [String],
    first: AhoCorasick,
}

impl<'a> Phrase<'a> {
    pub(super) fn new(words: &'a [String]) -> Option<Self> {
        let first = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([words.first()?])
            .ok()?;
        Some(Self { words, first })
    }

    pub(super) fn holds(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let matches = self.first.find_iter(text).map(|m| m.start());
        let foldable = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| needs_folding_byte(b))
            .map(|(i, _)| i);
        let mut places: Vec<usize> = matches.chain(foldable).collect();
        places.sort_unstable();
        let mut checked_to = 0;
        for at in places {
            if at < checked_to {
                continue;
            }
            let (start, end) = self.around(text, at);
            if in_order(&text[start..end], self.words) {
                return true;
            }
            // The next place in the same stretch was covered.
            checked_to = self.chunk_end(text, at);
        }
        false
    }

    /// From the whitespace before `at` to past as many chunks holding a
    /// word as the phrase has words, and one more.
    fn around(&self, text: &str, at: usize) -> (usize, usize) {
        let bytes = text.as_bytes();
        let start = bytes[..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1);
        let (mut end, mut seen) = (start, 0);
        while end < bytes.len() && seen <= self.words.len() {
            let chunk_end = chunk_end_from(bytes, end);
            if text[end..chunk_end].chars().any(char::is_alphanumeric) {
                seen += 1;
            }
            end = chunk_end;
            while end < bytes.len() && bytes[end].is_ascii_whitespace() {
                end += 1;
            }
        }
        (start, end)
    }

    fn chunk_end(&self, text: &str, at: usize) -> usize {
        chunk_end_from(text.as_bytes(), at)
    }
}

/// Where the whitespace-free stretch holding `at` ends.
fn chunk_end_from(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(bytes.len(), |i| at + i)
}

/// Whether `words` stand in `text` one after another. Tokens stream through
/// a window of the last few, whose strings are reused.
fn in_order(text: &str, words: &[String]) -> bool {
    let mut window: VecDeque<String> = VecDeque::new();
    let mut found = false;
    tokens::for_each(text, |t, _| {
        if found {
            return;
        }
        let mut slot = match window.len() == words.len() {
            true => window.pop_front().unwrap_or_default(),
            false => String::new(),
        };
        slot.clear();
        slot.push_str(t);
        window.push_back(slot);
        found = window.len() == words.len() && window.iter().zip(words).all(|(a, b)| a == b);
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(text: &str, phrase: &str) -> bool {
        let words = tokens::collect(phrase);
        Phrase::new(&words).is_some_and(|p| p.holds(text))
    }

    #[test]
    fn places_found_by_bytes_or_by_folding() {
        assert!(holds("The Prime  Minister said", "prime minister"));
        assert!(holds("a prime—minister", "prime minister"));
        assert!(holds("x ÉTÉ chaud", "ete chaud"));
        assert!(holds("cafe\u{301} au lait", "cafe au"));
        assert!(holds("北京举行中非合作论坛", "中非合作"));
        assert!(!holds("primed minister", "prime minister"));
        assert!(!holds("prime. And then minister", "prime minister"));
        assert!(holds("no no no yes", "no no yes"));
        assert!(holds("minister, talks", "minister talks"));
        assert!(holds("prime — minister", "prime minister"));
    }

    proptest::proptest! {
        /// The same answer as tokenizing the whole text.
        #[test]
        fn agrees_with_tokenizing_everything(
            text in "[ab é.,'\n—É\u{301}中非]{0,40}",
            phrase in "[abé中非]{1,3}( [abé中非]{1,3}){1,2}",
        ) {
            let words = tokens::collect(&phrase);
            let all = tokens::collect(&text);
            let naive = words.len() <= all.len() && all.windows(words.len()).any(|w| w == words.as_slice());
            let fast = Phrase::new(&words).is_some_and(|p| p.holds(&text));
            proptest::prop_assert_eq!(fast, naive, "{:?} in {:?}", phrase, text);
        }
    }
}
