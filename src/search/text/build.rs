//! Building a [`TextIndex`]: articles are tokenized a chunk at a time on
//! every core, each chunk gathering its own postings, which are then
//! appended in corpus order, so every postings list comes out sorted.

use hashbrown::HashMap;
use rayon::prelude::*;

use super::{Posting, TITLE_WEIGHT, TextIndex, tokens};
use crate::article::Article;

/// Articles per chunk, and chunks per wave between progress reports.
const CHUNK: usize = 2048;
const WAVE: usize = 8;

type Map<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// One chunk's postings, by term, and its articles' lengths.
struct Chunk {
    postings: Map<Vec<Posting>>,
    lengths: Vec<u32>,
}

pub(super) fn build(
    articles: &[Article],
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

fn chunk(articles: &[Article], range: std::ops::Range<usize>) -> Chunk {
    let mut postings: Map<Vec<Posting>> = Map::default();
    let mut counts: Map<u32> = Map::default();
    let mut lengths = Vec::with_capacity(range.len());
    for doc in range {
        let article = &articles[doc];
        counts.clear();
        let mut length = 0u32;
        let mut count = |text: &str, weight: u32| {
            tokens::for_each(text, |t, _| {
                length = length.saturating_add(weight);
                match counts.get_mut(t) {
                    Some(n) => *n = n.saturating_add(weight),
                    None => {
                        counts.insert(t.to_owned(), weight);
                    }
                }
            });
        };
        count(&article.title, TITLE_WEIGHT);
        count(&article.body, 1);
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        for (term, tf) in counts.drain() {
            postings.entry(term).or_default().push(Posting { doc, tf });
        }
        lengths.push(length);
    }
    Chunk { postings, lengths }
}

impl TextIndex {
    fn append(&mut self, chunk: Chunk) {
        for (term, list) in chunk.postings {
            let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            let id = *self.terms.entry(term).or_insert(next);
            if id == next {
                self.postings.push(Vec::new());
            }
            self.postings[id as usize].extend(list);
        }
        self.lengths.extend(chunk.lengths);
    }

    /// The sorted vocabulary for prefixes, and the average length.
    fn finish(&mut self) {
        self.sorted = self.terms.iter().map(|(t, &id)| (t.clone(), id)).collect();
        self.sorted.par_sort_unstable();
        let total: u64 = self.lengths.iter().map(|&l| u64::from(l)).sum();
        self.average = total as f32 / self.lengths.len().max(1) as f32;
    }
}
