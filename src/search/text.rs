//! Full-text search: an inverted index over titles and bodies, ranked by
//! BM25 (k1 = 1.2, b = 0.75), the title counting [`TITLE_WEIGHT`] times.
//!
//! The index lives in memory and is built off the UI thread, a chunk of
//! articles at a time so progress can be shown and a newer corpus can stop
//! it, or is read from the cache on disk ([`store`]). Every word's
//! positions are kept, compactly ([`postings`]), so that a phrase is
//! checked without reading any article's text.

mod answer;
mod build;
mod phrase;
mod postings;
mod query;
mod snippet;
pub mod store;
mod tokens;
mod update;

use std::borrow::Borrow;

use hashbrown::HashMap;
use rayon::prelude::*;

use crate::article::Article;
use postings::Term;

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
    postings: Vec<Term>,
    /// Words in each article's title, and in its body.
    titles: Vec<u32>,
    bodies: Vec<u32>,
    average: f32,
}

/// The same terms in the same articles at the same places, whatever
/// ids the terms were given.
impl PartialEq for TextIndex {
    fn eq(&self, other: &Self) -> bool {
        let terms = |i: &'_ Self| -> Vec<(String, Term)> {
            let term = |id: &u32| i.postings[*id as usize].clone();
            let all = i.sorted.iter().map(|(t, id)| (t.clone(), term(id)));
            all.filter(|(_, t)| !t.docs.is_empty()).collect()
        };
        self.titles == other.titles && self.bodies == other.bodies && terms(self) == terms(other)
    }
}

/// One matching article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextHit {
    pub index: usize,
    pub score: f32,
}

impl TextIndex {
    /// Indexes `articles` on the calling thread's rayon pool.
    pub fn new(articles: &[impl Borrow<Article> + Sync]) -> Self {
        build::build(articles, &|_| {}, &|| false).unwrap_or_default()
    }

    /// Like [`TextIndex::new`], reporting the share done (0 to 1) after
    /// each chunk; `None` when `cancelled` said so.
    pub fn build(
        articles: &[impl Borrow<Article> + Sync],
        progress: &dyn Fn(f32),
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Self> {
        build::build(articles, progress, cancelled)
    }

    pub fn len(&self) -> usize {
        self.titles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }

    /// About how many bytes of memory the index holds (postings,
    /// positions, terms twice, lengths): what a benchmark reports.
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self
            .postings
            .iter()
            .map(|t| t.docs.capacity() * 8 + t.stream.capacity() + 80)
            .sum();
        let terms: usize = self
            .sorted
            .iter()
            .map(|(t, _)| 2 * (t.capacity() + 28))
            .sum();
        postings + terms + self.titles.capacity() * 8
    }

    /// BM25's length of article `doc`: its words, the title's weighted.
    fn length(&self, doc: usize) -> u32 {
        let title = self.titles.get(doc).copied().unwrap_or(0);
        let body = self.bodies.get(doc).copied().unwrap_or(0);
        title.saturating_mul(TITLE_WEIGHT).saturating_add(body)
    }

    /// [`TextIndex::find`]; `articles` are no longer read (phrases are
    /// checked by positions), and the argument stays for callers.
    pub fn search(&self, _articles: &[impl Borrow<Article>], query: &TextQuery) -> Vec<TextHit> {
        self.find(query)
    }

    /// The articles that hold every clause of `query`, best first (ties in
    /// corpus order).
    pub fn find(&self, query: &TextQuery) -> Vec<TextHit> {
        let n = self.len();
        // How many positive clauses each article satisfies; -1 once excluded.
        let mut satisfied = vec![0i32; n];
        let mut needed = 0;
        for clause in &query.clauses {
            if let Clause::Exclude(words) = clause {
                for doc in self.phrase_docs(&self.phrase_terms(words, false)) {
                    satisfied[doc as usize] = i32::MIN;
                }
                continue;
            }
            needed += 1;
            self.count_clause(clause, needed, &mut satisfied);
        }
        let mut scores = vec![0f32; n];
        for term in self.scored_terms(query) {
            self.add_bm25(term, &mut scores);
        }
        // Best first, ties in corpus order, as one `u64` a hit: scores are
        // never negative, so their bits order as they do, and sorting
        // plain integers is several times quicker than comparing floats.
        let mut keys: Vec<u64> = (0..n)
            .filter(|&doc| satisfied[doc] == needed)
            .map(|doc| (u64::from(!scores[doc].max(0.0).to_bits()) << 32) | doc as u64)
            .collect();
        keys.par_sort_unstable();
        keys.into_iter()
            .map(|key| TextHit {
                index: (key & u64::from(u32::MAX)) as usize,
                score: f32::from_bits(!((key >> 32) as u32)),
            })
            .collect()
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
                        .docs
                        .iter()
                        .for_each(|p| count(p.doc as usize));
                }
            }
            Clause::Word(w) => {
                let postings = self
                    .id(w)
                    .map_or(&[][..], |id| &self.postings[id as usize].docs);
                postings.iter().for_each(|p| count(p.doc as usize));
            }
            Clause::Phrase(words) | Clause::PrefixPhrase(words) | Clause::Exclude(words) => {
                let prefix = matches!(clause, Clause::PrefixPhrase(_));
                let terms = self.phrase_terms(words, prefix);
                for doc in self.phrase_docs(&terms) {
                    count(doc as usize);
                }
            }
        }
    }

    /// BM25 of `term` added to every article that holds it.
    fn add_bm25(&self, term: u32, scores: &mut [f32]) {
        let Some(term) = self.postings.get(term as usize) else {
            return;
        };
        let idf = idf(self.len(), term.docs.len());
        for p in &term.docs {
            let length = self.length(p.doc as usize);
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

    /// For each word of a phrase, the terms it stands for: itself, or
    /// when `prefix`, for the last word, every term starting so.
    fn phrase_terms(&self, words: &[String], prefix: bool) -> Vec<Vec<&Term>> {
        let last = words.len().saturating_sub(1);
        let term = |id: u32| &self.postings[id as usize];
        words
            .iter()
            .enumerate()
            .map(|(i, w)| match prefix && i == last {
                true => self.with_prefix(w).map(term).collect(),
                false => self.id(w).map(term).into_iter().collect(),
            })
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

#[cfg(test)]
#[path = "text/tests.rs"]
mod tests;
