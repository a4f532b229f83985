//! Fuzzy ranking of titles: one engine for `byline search` and the overlay.
//!
//! A cheap case-insensitive subsequence test rejects most titles before
//! `SkimMatcherV2` scores the rest; the work is split over every core and
//! checks for cancellation between chunks, so a newer query can stop a stale one.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::article::Article;

/// How many titles a worker scores between two checks for cancellation.
const CHUNK: usize = 1024;

/// One matching article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the corpus.
    pub index: usize,
    /// `SkimMatcherV2`'s score.
    pub score: i64,
    /// The query stands in the title as a whole word (or words).
    pub word: bool,
}

/// The fuzzy matcher, set up the way every part of byline uses it.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().smart_case()
}

/// Every article whose title matches `query`, best first: by score, then
/// newer date, then corpus order. An empty query lists everything in corpus
/// order. Returns `None` when `cancelled` said so before the pass ended.
pub fn rank(
    articles: &[Article],
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    if query.is_empty() {
        return Some(
            (0..articles.len())
                .map(|index| Hit {
                    index,
                    score: 0,
                    word: false,
                })
                .collect(),
        );
    }
    let matcher = matcher();
    let needle = Needle::new(query);
    let ignore_case = !query.chars().any(char::is_uppercase);
    let chunks: Vec<Option<Vec<Hit>>> = articles
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            if cancelled() {
                return None;
            }
            let hits = chunk.iter().enumerate().filter_map(|(i, a)| {
                if !needle.may_match(&a.title) {
                    return None;
                }
                let score = matcher.fuzzy_match(&a.title, query)?;
                let word = whole_word(&a.title, query, ignore_case);
                Some(Hit {
                    index: c * CHUNK + i,
                    score,
                    word,
                })
            });
            Some(hits.collect())
        })
        .collect();
    let mut hits: Vec<Hit> = Vec::new();
    for chunk in chunks {
        hits.extend(chunk?);
    }
    if cancelled() {
        return None;
    }
    hits.par_sort_unstable_by(|a, b| compare(articles, a, b));
    Some(hits)
}

/// Whole-word hits first, the shortest title first: SkimMatcherV2 alone
/// gives a bonus to a match at the start of a title, so "Mutu to hold talks
/// with Juventus" would outrank "Chelsea sack Mutu" for `mutu`, where a person
/// expects the title most about the word. Then by score, newer date, corpus order.
fn compare(articles: &[Article], a: &Hit, b: &Hit) -> Ordering {
    let date = |h: &Hit| articles[h.index].date;
    let words_first = b.word.cmp(&a.word);
    let shorter_first = if a.word && b.word {
        articles[a.index]
            .title
            .len()
            .cmp(&articles[b.index].title.len())
    } else {
        Ordering::Equal
    };
    words_first
        .then(shorter_first)
        .then_with(|| b.score.cmp(&a.score))
        .then_with(|| date(b).cmp(&date(a)))
        .then_with(|| a.index.cmp(&b.index))
}

/// Whether `query` stands in `title` between word boundaries (ASCII case
/// folding when `ignore_case`).
fn whole_word(title: &str, query: &str, ignore_case: bool) -> bool {
    let (t, q) = (title.as_bytes(), query.as_bytes());
    if q.is_empty() || q.len() > t.len() {
        return false;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    (0..=t.len() - q.len()).any(|i| {
        let window = &t[i..i + q.len()];
        let same = if ignore_case {
            window.eq_ignore_ascii_case(q)
        } else {
            window == q
        };
        same && (i == 0 || !is_word(t[i - 1])) && t.get(i + q.len()).is_none_or(|&b| !is_word(b))
    })
}

/// Character indices of `query`'s match in `title`, to highlight.
pub fn positions(matcher: &SkimMatcherV2, title: &str, query: &str) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    matcher
        .fuzzy_indices(title, query)
        .map(|(_, p)| p)
        .unwrap_or_default()
}

/// The query as an ordered list of characters that must appear, ignoring
/// case: a necessary condition for a fuzzy match, much cheaper to test.
struct Needle {
    chars: Vec<char>,
}

impl Needle {
    fn new(query: &str) -> Self {
        Self {
            chars: query.chars().flat_map(char::to_lowercase).collect(),
        }
    }

    fn may_match(&self, title: &str) -> bool {
        let mut rest = title.as_bytes();
        for &c in &self.chars {
            if c.is_ascii() {
                let lower = c as u8;
                let found = memchr::memchr2(lower, lower.to_ascii_uppercase(), rest);
                match found {
                    Some(at) => rest = &rest[at + 1..],
                    None => return false,
                }
            } else {
                // Rare: walk the characters, comparing lowercase forms.
                let text = String::from_utf8_lossy(rest);
                let Some((at, ch)) = text
                    .char_indices()
                    .find(|(_, t)| t.to_lowercase().any(|l| l == c))
                else {
                    return false;
                };
                let consumed = text[..at + ch.len_utf8()].len();
                rest = rest.get(consumed..).unwrap_or_default();
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(titles: &[&str]) -> Vec<Article> {
        titles
            .iter()
            .map(|t| Article {
                title: (*t).into(),
                ..Article::default()
            })
            .collect()
    }

    fn ranked(articles: &[Article], query: &str) -> Vec<usize> {
        rank(articles, query, &|| false)
            .unwrap_or_default()
            .iter()
            .map(|h| h.index)
            .collect()
    }

    #[test]
    fn best_match_first_and_non_matches_dropped() {
        let articles = titled(&[
            "Mutual funds rise",
            "Nothing here",
            "Mutu to hold talks",
            "Chelsea sack Mutu",
        ]);
        assert_eq!(ranked(&articles, "mutu"), [3, 2, 0]);
        assert_eq!(ranked(&articles, "xyz"), Vec::<usize>::new());
    }

    #[test]
    fn whole_words_respect_boundaries_and_case() {
        assert!(whole_word("Chelsea sack Mutu", "mutu", true));
        assert!(whole_word("Mutu's move", "mutu", true));
        assert!(!whole_word("Mutual funds", "mutu", true));
        assert!(!whole_word("Chelsea sack Mutu", "mutu", false));
        assert!(whole_word("sack Mutu now", "sack mutu", true));
    }

    #[test]
    fn empty_query_lists_everything_in_corpus_order() {
        let articles = titled(&["b", "a", "c"]);
        assert_eq!(ranked(&articles, ""), [0, 1, 2]);
    }

    #[test]
    fn smart_case() {
        let articles = titled(&["apple pie", "Apple Inc"]);
        assert_eq!(ranked(&articles, "Apple"), [1]);
        assert_eq!(ranked(&articles, "apple").len(), 2);
    }

    #[test]
    fn ties_go_to_the_newer_then_to_corpus_order() {
        let mut articles = titled(&["same title", "same title", "same title"]);
        articles[1].date = Some(100);
        assert_eq!(ranked(&articles, "same"), [1, 0, 2]);
    }

    #[test]
    fn cancelled_pass_returns_none() {
        let articles = titled(&["a"; 5000]);
        assert_eq!(rank(&articles, "a", &|| true), None);
    }

    #[test]
    fn prefilter_agrees_with_the_matcher() {
        let titles = ["Ünïcode Été", "中非合作论坛", "plain ascii", "ÉTÉ chaud"];
        let m = matcher();
        for query in ["été", "中非", "pa", "ÉT", "zz", "論"] {
            let needle = Needle::new(query);
            for t in titles {
                if m.fuzzy_match(t, query).is_some() {
                    assert!(needle.may_match(t), "{query:?} in {t:?}");
                }
            }
        }
    }

    #[test]
    fn positions_are_character_indices() {
        assert_eq!(positions(&matcher(), "中非 talks", "中非"), [0, 1]);
        assert_eq!(positions(&matcher(), "abc", ""), Vec::<usize>::new());
    }
}
