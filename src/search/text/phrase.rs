//! Phrases, checked by the positions the index keeps: an article holds
//! one when some position of its first word is followed, one by one, by
//! positions of the next words. Candidates (articles holding every word)
//! come in corpus order, so each word's positions are read forward once;
//! a long list of candidates is split across cores.

use rayon::prelude::*;

use super::TextIndex;
use super::postings::{Cursor, Term};

/// Candidates per task: enough that starting a task's cursors (a jump by
/// the kept offsets) costs little beside its work.
const TASK: usize = 4096;

impl TextIndex {
    /// The articles holding the phrase whose `i`th word is any of
    /// `words[i]`, in corpus order. A one-word phrase is that word's articles.
    pub(super) fn phrase_docs(&self, words: &[Vec<&Term>]) -> Vec<u32> {
        let candidates = candidates(words);
        if words.len() < 2 {
            return candidates;
        }
        candidates
            .par_chunks(TASK)
            .flat_map_iter(|task| {
                let mut check = Check::new(words);
                task.iter()
                    .copied()
                    .filter(move |&doc| check.holds(doc))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// The articles in which every word has one of its terms, ascending.
fn candidates(words: &[Vec<&Term>]) -> Vec<u32> {
    let mut lists: Vec<Vec<u32>> = words.iter().map(|terms| union(terms)).collect();
    lists.sort_by_key(Vec::len);
    let Some((shortest, rest)) = lists.split_first() else {
        return Vec::new();
    };
    let mut docs = shortest.clone();
    for list in rest {
        docs = intersect(&docs, list);
    }
    docs
}

/// The articles in both sorted lists: by binary search in `long` when it
/// is much the longer, else by walking both.
fn intersect(short: &[u32], long: &[u32]) -> Vec<u32> {
    if long.len() > 16 * short.len() {
        return short
            .iter()
            .copied()
            .filter(|d| long.binary_search(d).is_ok())
            .collect();
    }
    let (mut out, mut j) = (Vec::with_capacity(short.len()), 0);
    for &doc in short {
        while j < long.len() && long[j] < doc {
            j += 1;
        }
        if long.get(j) == Some(&doc) {
            out.push(doc);
        }
    }
    out
}

fn union(terms: &[&Term]) -> Vec<u32> {
    let mut docs: Vec<u32> = terms
        .iter()
        .flat_map(|t| t.docs.iter().map(|p| p.doc))
        .collect();
    if terms.len() > 1 {
        docs.sort_unstable();
        docs.dedup();
    }
    docs
}

/// The cursors of one task, and buffers reused between its candidates.
struct Check<'a> {
    cursors: Vec<Vec<Cursor<'a>>>,
    starts: Vec<u32>,
    next: Vec<u32>,
}

impl<'a> Check<'a> {
    fn new(words: &[Vec<&'a Term>]) -> Self {
        Self {
            cursors: words
                .iter()
                .map(|terms| terms.iter().map(|t| Cursor::new(t)).collect())
                .collect(),
            starts: Vec::new(),
            next: Vec::new(),
        }
    }

    /// Whether `doc` holds the phrase. `starts` holds where it could start
    /// after each word; each next word keeps those it continues.
    fn holds(&mut self, doc: u32) -> bool {
        for (i, cursors) in self.cursors.iter_mut().enumerate() {
            self.next.clear();
            for cursor in cursors.iter_mut() {
                cursor.positions(doc, i as u32, &mut self.next);
            }
            if cursors.len() > 1 {
                self.next.sort_unstable();
                self.next.dedup();
            }
            if i == 0 {
                std::mem::swap(&mut self.starts, &mut self.next);
            } else {
                let next = &self.next;
                self.starts.retain(|p| next.binary_search(p).is_ok());
            }
            if self.starts.is_empty() {
                // The later cursors skip this article when they next move.
                return false;
            }
        }
        true
    }
}
