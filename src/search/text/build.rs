//! Building a [`TextIndex`]: articles are tokenized a chunk at a time on
//! every core, each chunk gathering its own postings, which are then
//! appended in corpus order, so every postings list comes out sorted.

use std::borrow::Borrow;

use hashbrown::HashMap;
use rayon::prelude::*;

use super::postings::Term;
use super::{TITLE_WEIGHT, TextIndex, tokens};
use crate::article::Article;

/// Articles per chunk, and chunks per wave between progress reports.
const CHUNK: usize = 2048;
const WAVE: usize = 8;

type Map<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// One chunk's postings, by term, and its articles' token counts.
struct Chunk {
    postings: Map<Term>,
    titles: Vec<u32>,
    bodies: Vec<u32>,
}

pub(super) fn build(
    articles: &[impl Borrow<Article> + Sync],
    progress: &dyn Fn(f32),
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<TextIndex> {
    let mut index = TextIndex::default();
    let chunks: Vec<usize> = (0..articles.len().div_ceil(CHUNK)).collect();
    for wave in chunks.chunks(WAVE) {
        if cancelled() {
            return None;
        }
        let built: Vec<Chunk> = wave
            .par_iter()
            .map(|&c| chunk(articles, c * CHUNK..articles.len().min((c + 1) * CHUNK)))
            .collect();
        for c in built {
            index.append(c);
        }
        progress(index.len() as f32 / articles.len().max(1) as f32);
    }
    index.finish();
    Some(index)
}

/// Where an article's words stand: the title's from 0, the body's after a
/// gap of one, so that no phrase runs from the title into the body.
pub(super) fn positions_of(article: &Article, mut each: impl FnMut(&str, u32)) -> (u32, u32) {
    let mut at = 0u32;
    tokens::for_each(&article.title, |t, _| {
        each(t, at);
        at = at.saturating_add(1);
    });
    let title = at;
    at = at.saturating_add(1);
    tokens::for_each(&article.body, |t, _| {
        each(t, at);
        at = at.saturating_add(1);
    });
    (title, at - title - 1)
}

/// BM25's weighted count of a term at `positions` in an article whose
/// title has `title` words.
pub(super) fn weighted(positions: &[u32], title: u32) -> u32 {
    let in_title = positions.partition_point(|&p| p < title) as u32;
    let in_body = positions.len() as u32 - in_title;
    in_title
        .saturating_mul(TITLE_WEIGHT)
        .saturating_add(in_body)
}

fn chunk(articles: &[impl Borrow<Article>], range: std::ops::Range<usize>) -> Chunk {
    let mut ids: Map<u32> = Map::default();
    let mut terms: Vec<Term> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let (mut titles, mut bodies) = (Vec::with_capacity(range.len()), Vec::new());
    // (local term id, position) of one article's words.
    let mut words: Vec<(u32, u32)> = Vec::new();
    for doc in range {
        words.clear();
        let (title, body) = positions_of(articles[doc].borrow(), |t, at| {
            let id = match ids.get(t) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    ids.insert(t.to_owned(), id);
                    names.push(t.to_owned());
                    terms.push(Term::default());
                    id
                }
            };
            words.push((id, at));
        });
        words.sort_unstable();
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        let mut positions = Vec::new();
        for group in words.chunk_by(|a, b| a.0 == b.0) {
            positions.clear();
            positions.extend(group.iter().map(|w| w.1));
            terms[group[0].0 as usize].push(doc, weighted(&positions, title), &positions);
        }
        titles.push(title);
        bodies.push(body);
    }
    Chunk {
        postings: names.into_iter().zip(terms).collect(),
        titles,
        bodies,
    }
}

impl TextIndex {
    fn append(&mut self, chunk: Chunk) {
        for (term, list) in chunk.postings {
            let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            let id = *self.terms.entry(term).or_insert(next);
            if id == next {
                self.postings.push(Term::default());
            }
            self.postings[id as usize].append(&list);
        }
        self.titles.extend(chunk.titles);
        self.bodies.extend(chunk.bodies);
    }

    /// The sorted vocabulary for prefixes, the kept offsets, the average
    /// length.
    pub(super) fn finish(&mut self) {
        self.sorted = self.terms.iter().map(|(t, &id)| (t.clone(), id)).collect();
        self.sorted.par_sort_unstable();
        self.postings.par_iter_mut().for_each(|term| {
            // Lists grew by doubling: up to half of each would lie unused.
            term.docs.shrink_to_fit();
            term.stream.shrink_to_fit();
            term.index_skips();
        });
        let total: u64 = (0..self.len()).map(|d| u64::from(self.length(d))).sum();
        self.average = total as f32 / self.len().max(1) as f32;
    }
}
