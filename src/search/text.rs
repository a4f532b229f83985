//! Full-text search: an inverted index over titles and bodies, ranked by
//! BM25 (k1 = 1.2, b = 0.75), the title counting [`TITLE_WEIGHT`] times.
//!
//! The index lives in memory and is built off the UI thread, a chunk of
//! articles at a time so progress can be shown and a newer corpus can stop
//! it. Phrases are checked against the text of the candidates only: keeping
//! every word's positions would double the index for a rare query.

mod answer;
mod build;
mod phrase;
mod query;
mod snippet;
mod tokens;
mod update;

use hashbrown::HashMap;
use rayon::prelude::*;

use crate::article::Article;

pub use answer::{SNIPPETS, TextResult, answer, not_ready};
pub use query::{Clause, TextQuery};
pub use snippet::{Snippet, snippet, tokens_in};

/// BM25's constants, as the issue asks.
pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;
/// A word in the title counts as this many in the body.
pub const TITLE_WEIGHT: u32 = 3;

/// One article's entry in a word's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    doc: u32,
    /// Occurrences, title ones counted [`TITLE_WEIGHT`] times.
    tf: u32,
}

/// The inverted index of a corpus.
#[derive(Debug, Default)]
pub struct TextIndex {
    terms: HashMap<String, u32, foldhash::fast::RandomState>,
    /// Every term, sorted, with its id: prefix queries read a range.
    sorted: Vec<(String, u32)>,
    postings: Vec<Vec<Posting>>,
    /// Weighted length of each article, as `tf` counts.
    lengths: Vec<u32>,
    average: f32,
}

/// One matching article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextHit {
    pub index: usize,
    pub score: f32,
}

impl TextIndex {
    /// Indexes `articles` on the calling thread's rayon pool.
    pub fn new(articles: &[Article]) -> Self {
        build::build(articles, &|_| {}, &|| false).unwrap_or_default()
    }

    /// Like [`TextIndex::new`], reporting the share done (0 to 1) after
    /// each chunk; `None` when `cancelled` said so.
    pub fn build(
        articles: &[Article],
        progress: &dyn Fn(f32),
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Self> {
        build::build(articles, progress, cancelled)
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// About how many bytes of memory the index holds (postings, terms
    /// twice, lengths): what a benchmark reports beside the corpus's size.
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self.postings.iter().map(|p| p.capacity() * 8 + 24).sum();
        let terms: usize = self
            .sorted
            .iter()
            .map(|(t, _)| 2 * (t.capacity() + 28))
            .sum();
        postings + terms + self.lengths.capacity() * 4
    }

    /// The articles that hold every clause of `query`, best first (ties in
    /// corpus order). `articles` must be the ones indexed: phrases are
    /// checked against their text.
    pub fn search(&self, articles: &[Article], query: &TextQuery) -> Vec<TextHit> {
        let n = self.len();
        // How many positive clauses each article satisfies; -1 once excluded.
        let mut satisfied = vec![0i32; n];
        let mut needed = 0;
        for clause in &query.clauses {
            match clause {
                Clause::Exclude(words) => {
                    for doc in self.docs_with_all(words) {
                        satisfied[doc] = i32::MIN;
                    }
                }
                _ => {
                    needed += 1;
                    self.count_clause(clause, needed, &mut satisfied);
                }
            }
        }
        let mut scores = vec![0f32; n];
        for term in self.scored_terms(query) {
            self.add_bm25(term, &mut scores);
        }
        let phrases = phrases_of(query);
        let candidates: Vec<usize> = (0..n).filter(|&doc| satisfied[doc] == needed).collect();
        let mut hits: Vec<TextHit> = candidates
            .into_par_iter()
            .filter(|&doc| phrases.is_empty() || phrases_hold(articles.get(doc), &phrases))
            .map(|index| TextHit {
                index,
                score: scores[index],
            })
            .collect();
        hits.par_sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
        hits
    }

    /// Counts clause number `number` (from 1) for every article that
    /// satisfies it and all clauses before it: an article is counted at
    /// most once per clause, however many of a prefix's words it holds.
    fn count_clause(&self, clause: &Clause, number: i32, satisfied: &mut [i32]) {
        let mut count = |doc: usize| {
            if let Some(s) = satisfied.get_mut(doc)
                && *s == number - 1
            {
                *s = number;
            }
        };
        match clause {
            Clause::Prefix(p) => {
                for id in self.with_prefix(p) {
                    self.postings[id as usize]
                        .iter()
                        .for_each(|p| count(p.doc as usize));
                }
            }
            Clause::Word(w) => {
                let postings = self.id(w).map_or(&[][..], |id| &self.postings[id as usize]);
                postings.iter().for_each(|p| count(p.doc as usize));
            }
            Clause::Phrase(words) | Clause::Exclude(words) => {
                self.docs_with_all(words).into_iter().for_each(count)
            }
        }
    }

    /// BM25 of `term` added to every article that holds it.
    fn add_bm25(&self, term: u32, scores: &mut [f32]) {
        let Some(postings) = self.postings.get(term as usize) else {
            return;
        };
        let idf = idf(self.len(), postings.len());
        for p in postings {
            let length = self.lengths.get(p.doc as usize).copied().unwrap_or(0);
            if let Some(score) = scores.get_mut(p.doc as usize) {
                *score += idf * saturation(p.tf, length, self.average);
            }
        }
    }

    /// The ids of the terms a query scores: its words and every term its
    /// prefixes stand for.
    fn scored_terms(&self, query: &TextQuery) -> Vec<u32> {
        let mut ids: Vec<u32> = query.positive_words().filter_map(|w| self.id(w)).collect();
        for prefix in query.prefixes() {
            ids.extend(self.with_prefix(prefix));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn id(&self, term: &str) -> Option<u32> {
        self.terms.get(term).copied()
    }

    fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let start = self.sorted.partition_point(|(t, _)| t.as_str() < prefix);
        self.sorted[start..]
            .iter()
            .take_while(move |(t, _)| t.starts_with(prefix))
            .map(|&(_, id)| id)
    }

    /// The articles holding every one of `words`.
    fn docs_with_all(&self, words: &[String]) -> Vec<usize> {
        let mut lists: Vec<&[Posting]> = Vec::new();
        for w in words {
            match self.id(w) {
                Some(id) => lists.push(&self.postings[id as usize]),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let Some((shortest, rest)) = lists.split_first() else {
            return Vec::new();
        };
        shortest
            .iter()
            .map(|p| p.doc)
            .filter(|&doc| {
                rest.iter()
                    .all(|l| l.binary_search_by_key(&doc, |p| p.doc).is_ok())
            })
            .map(|doc| doc as usize)
            .collect()
    }
}

/// BM25's inverse document frequency (the `+ 1` keeps it positive for
/// words in most articles).
pub fn idf(articles: usize, holding: usize) -> f32 {
    let (n, df) = (articles as f32, holding as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25's term-frequency part for one article.
pub fn saturation(tf: u32, length: u32, average: f32) -> f32 {
    let tf = tf as f32;
    let norm = 1.0 - B + B * length as f32 / average.max(f32::EPSILON);
    tf * (K1 + 1.0) / (tf + K1 * norm)
}

/// The phrases of `query`, ready to be checked.
fn phrases_of(query: &TextQuery) -> Vec<phrase::Phrase<'_>> {
    query
        .clauses
        .iter()
        .filter_map(|c| match c {
            Clause::Phrase(words) => phrase::Phrase::new(words),
            _ => None,
        })
        .collect()
}

/// Whether every one of `phrases` stands in the article, word after word,
/// within the title or within the body.
fn phrases_hold(article: Option<&Article>, phrases: &[phrase::Phrase<'_>]) -> bool {
    let Some(article) = article else { return false };
    phrases
        .iter()
        .all(|p| p.holds(&article.title) || p.holds(&article.body))
}

#[cfg(test)]
#[path = "text/tests.rs"]
mod tests;
