//! Fuzzy ranking of titles: one engine for `byline search` and the overlay.
//!
//! A cheap case-insensitive subsequence test rejects most titles before the
//! rest are scored as `SkimMatcherV2` scores them (`search/score.rs`); the work is
//! split over every core and checks for cancellation between chunks, so a
//! newer query can stop a stale one. Each title's place in the ranking is
//! computed with its score, so the final sort never reaches back into the
//! corpus.

mod extended;
pub mod filter;
mod fold;
mod highlight;
mod in_article;
mod prefilter;
mod score;
pub mod text;
mod titles;
mod top;
mod worker;

use std::borrow::Borrow;
use std::cmp::Reverse;

use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::article::Article;
use extended::Extended;
use fold::Folded;
use prefilter::{Needle, whole_word};
use score::{Scorer, Scratch};
use titles::Titles;

pub use highlight::{Segment, segments};
pub use in_article::{ArticleHit, find_in_layout, find_in_layout_until, next_hit, previous_hit};
pub use titles::TitleIndex;
pub use top::{rank_index_top, rank_top};
pub use worker::{SearchResult, SearchWorker};

/// How many titles a worker scores between two checks for cancellation.
const CHUNK: usize = 1024;

/// Ranking and highlighting look at most this many characters of a title,
/// and of a query, [`MATCH_QUERY_CHARS`]: matching costs time and memory in
/// proportion to the two lengths multiplied, and a 1 MB title would ask for
/// gigabytes. No title on screen is this long.
pub const MATCH_CHARS: usize = 1024;
pub const MATCH_QUERY_CHARS: usize = 128;

/// The start of `text`, at most `chars` characters of it: what is matched.
pub fn matched_part(text: &str, chars: usize) -> &str {
    // No more bytes than that, so no more characters: most titles, and
    // counting their characters was a tenth of a search that found nothing.
    if text.len() <= chars {
        return text;
    }
    match text.char_indices().nth(chars) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

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

/// Every article whose title matches `query`, best first (the rule is on
/// [`RankKey`]). An empty query lists everything in corpus order. Returns
/// `None` when `cancelled` said so before the pass ended.
pub fn rank(
    articles: &[impl Borrow<Article> + Sync],
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    rank_first(articles, articles.len(), query, cancelled)
}

/// [`rank`] over a [`TitleIndex`]: the same result, faster to scan.
pub fn rank_index(
    index: &TitleIndex,
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    rank_first(index, index.len(), query, cancelled)
}

/// [`rank`] over the first `count` titles only.
fn rank_first<T: Titles + ?Sized>(
    titles: &T,
    count: usize,
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let count = count.min(titles.count());
    if query.is_empty() {
        return Some(everything(0..count));
    }
    let pass = Pass::new(query);
    let chunks = (0..count.div_ceil(CHUNK)).into_par_iter().map(|c| {
        (!cancelled()).then(|| {
            let mut scratch = PassScratch::default();
            let indices = c * CHUNK..count.min((c + 1) * CHUNK);
            let keys = indices.filter_map(|i| pass.key(i, titles, &mut scratch));
            keys.collect()
        })
    });
    finish(chunks.collect(), cancelled)
}

/// [`rank`] over the articles at `among` only, in the order `rank` would
/// give them. When the query grows by a letter, only the titles that
/// matched before can match, so typing narrows the last result instead of
/// scanning the whole corpus again.
pub fn rank_among(
    articles: &[Article],
    among: &[usize],
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    rank_among_in(articles, among, query, cancelled)
}

fn rank_among_in<T: Titles + ?Sized>(
    titles: &T,
    among: &[usize],
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    if query.is_empty() {
        return Some(everything(among.iter().copied()));
    }
    let pass = Pass::new(query);
    let chunks = among.par_chunks(CHUNK).map(|chunk| {
        (!cancelled()).then(|| {
            let mut scratch = PassScratch::default();
            let known = chunk.iter().filter(|&&i| i < titles.count());
            let keys = known.filter_map(|&i| pass.key(i, titles, &mut scratch));
            keys.collect()
        })
    });
    finish(chunks.collect(), cancelled)
}

fn everything(indices: impl Iterator<Item = usize>) -> Vec<Hit> {
    indices
        .map(|index| Hit {
            index,
            score: 0,
            word: false,
        })
        .collect()
}

/// What one ranking pass needs for every title.
struct Pass {
    query: Extended,
    /// The fast path, for a query of one fuzzy term (most queries).
    plain: Option<Plain>,
}

/// One fuzzy term: a cheap prefilter, then the scorer.
struct Plain {
    /// `None` for one character, which the scorer looks for itself.
    needle: Option<Needle>,
    scorer: Scorer,
    text: String,
}

/// Buffers one chunk of titles reuses: the scorer's, and a folded title.
#[derive(Default)]
struct PassScratch {
    score: Scratch,
    folded: Folded,
}

impl Pass {
    fn new(query: &str) -> Self {
        let query = Extended::parse(matched_part(query, MATCH_QUERY_CHARS));
        let plain = query.plain().map(|text| Plain {
            needle: (text.chars().nth(1).is_some()).then(|| Needle::new(text)),
            scorer: Scorer::with_case(text, !query.ignore_case),
            text: text.to_owned(),
        });
        Self { query, plain }
    }

    fn key<T: Titles + ?Sized>(
        &self,
        index: usize,
        titles: &T,
        scratch: &mut PassScratch,
    ) -> Option<RankKey> {
        self.key_before(index, titles, scratch, None)
    }

    /// The title's key, or `None` when it does not match or, given `worst`,
    /// when even its best possible key (a bound on its score) sorts after
    /// `worst`: then it cannot enter a top whose last is `worst`, and it is
    /// not scored in full.
    fn key_before<T: Titles + ?Sized>(
        &self,
        index: usize,
        titles: &T,
        scratch: &mut PassScratch,
        worst: Option<&RankKey>,
    ) -> Option<RankKey> {
        let title = matched_part(titles.title(index), MATCH_CHARS);
        // Most titles are matched as they are; others with accents folded.
        let view = if !fold::needs_folding(title) {
            title
        } else {
            scratch.folded.fold(title, self.query.ignore_case);
            scratch.folded.text.as_str()
        };
        let date = titles.date(index);
        let key = |word: bool, score| {
            let length = if word { title.len() } else { 0 };
            RankKey::new(word, length, score, date, index)
        };
        let enters = worst.map(|worst| move |word: bool, bound: i64| key(word, bound) < *worst);
        let (score, word) = match &self.plain {
            Some(plain) => plain.score(view, self.query.ignore_case, &mut scratch.score, enters)?,
            None => self.query.score(view, &mut scratch.score, enters)?,
        };
        Some(key(word, score))
    }
}

impl Plain {
    /// The score and whether the query stands as a whole word; `None` when
    /// the title does not match, or when `enters`, asked with the whole-word
    /// flag and a bound of the score, says the title cannot place.
    fn score(
        &self,
        title: &str,
        ignore_case: bool,
        scratch: &mut Scratch,
        enters: Option<impl Fn(bool, i64) -> bool>,
    ) -> Option<(i64, bool)> {
        if let Some(needle) = &self.needle
            && !needle.may_match(title)
        {
            return None;
        }
        let Some(enters) = enters else {
            let score = self.scorer.score(title, scratch)?;
            return Some((score, whole_word(title, &self.text, ignore_case)));
        };
        let word = whole_word(title, &self.text, ignore_case);
        if !enters(word, self.scorer.bound(title)) {
            return None;
        }
        Some((self.scorer.score(title, scratch)?, word))
    }
}

/// The ranking rule as one value that sorts best first, built while the
/// title is at hand so the sort never reaches back into the corpus.
///
/// Whole-word hits first, the shortest title first: SkimMatcherV2 alone
/// gives a bonus to a match at the start of a title, so "Mutu to hold talks
/// with Juventus" would outrank "Chelsea sack Mutu" for `mutu`, where a person
/// expects the title most about the word. Then by score, newer date, corpus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RankKey {
    /// Not a whole word (1 bit), the title's length for whole words (31
    /// bits), `i32::MAX - score` (32 bits): one comparison usually decides.
    major: u64,
    date: Reverse<Option<i64>>,
    index: usize,
}

impl RankKey {
    fn new(word: bool, length: usize, score: i64, date: Option<i64>, index: usize) -> Self {
        // Scores are SkimMatcherV2's i32s; lengths beyond 2^31 bytes do not occur.
        let length = length.min(i32::MAX as usize) as u64;
        let score = score.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        let below_best = (i64::from(i32::MAX) - score) as u64;
        Self {
            major: u64::from(!word) << 63 | length << 32 | below_best,
            date: Reverse(date),
            index,
        }
    }

    fn hit(&self) -> Hit {
        Hit {
            index: self.index,
            score: i64::from(i32::MAX) - (self.major & u64::from(u32::MAX)) as i64,
            word: self.major >> 63 == 0,
        }
    }
}

/// Joins the chunks and sorts them, unless the pass was cancelled.
fn finish(
    chunks: Vec<Option<Vec<RankKey>>>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let mut keys: Vec<RankKey> = Vec::new();
    for chunk in chunks {
        keys.extend(chunk?);
    }
    if cancelled() {
        return None;
    }
    keys.par_sort_unstable();
    let hits = keys.par_iter().map(RankKey::hit);
    Some(hits.collect())
}

/// Character indices of `title` that `query`'s terms matched, to
/// highlight: indices of the original characters, also where the match
/// was made on folded ones.
pub fn positions(title: &str, query: &str) -> Vec<usize> {
    let query = Extended::parse(matched_part(query, MATCH_QUERY_CHARS));
    let mut folded = Folded::default();
    folded.fold(title, query.ignore_case);
    let mut found = query.positions(&folded.text);
    folded.original(&mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;

    /// Articles with these titles and dates and nothing else.
    pub(super) fn corpus(entries: &[(String, Option<i64>)]) -> Vec<Article> {
        entries
            .iter()
            .map(|(title, date)| Article {
                title: title.clone(),
                date: *date,
                ..Article::default()
            })
            .collect()
    }

    /// Articles with these titles and nothing else: what ranking looks at.
    pub(super) fn titled(titles: &[&str]) -> Vec<Article> {
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
    fn long_titles_and_queries_are_matched_in_their_first_part() {
        let far = format!("{}needle", "x".repeat(MATCH_CHARS));
        let near = format!("needle{}", "x".repeat(10 * MATCH_CHARS));
        let articles = titled(&[&far, &near]);
        assert_eq!(
            ranked(&articles, "needle"),
            [1],
            "only the first part is searched"
        );
        let long_query = format!("needle{}", "y".repeat(5 * MATCH_QUERY_CHARS));
        assert_eq!(
            matched_part(&long_query, MATCH_QUERY_CHARS).chars().count(),
            MATCH_QUERY_CHARS
        );
        assert_eq!(matched_part("中非", 1), "中");
        assert_eq!(matched_part("ab", 5), "ab");
    }

    #[test]
    fn positions_are_character_indices() {
        assert_eq!(positions("中非 talks", "中非"), [0, 1]);
        assert_eq!(positions("abc", ""), Vec::<usize>::new());
    }
}

#[cfg(test)]
#[path = "search/rank_tests.rs"]
mod rank_tests;
