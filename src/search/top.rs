//! The best `k` of a ranking without scoring every match in full: the
//! overlay and `byline search -n` show only the first rows.
//!
//! Each worker keeps the best `k` keys it has seen. Once it holds `k`, a
//! title is first given its best possible key, from a bound of its score
//! that costs one pass over it ([`super::score::Scorer::bound`]) and its
//! exact whole-word flag, length, date and place. When that key sorts after
//! the worker's `k`-th, the title cannot be among the best `k` of the
//! corpus either, and is not scored. Keys are unique (the corpus index ends
//! them), so the result is exactly the first `k` of [`super::rank`].

use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::titles::Titles;
use super::{CHUNK, Hit, Pass, PassScratch, RankKey, TitleIndex, everything, rank_first};
use crate::article::Article;

/// The first `k` hits of [`super::rank`], scoring only titles that could
/// be among them. `None` when `cancelled` said so before the pass ended.
pub fn rank_top(
    articles: &[impl std::borrow::Borrow<Article> + Sync],
    query: &str,
    k: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    top_first(articles, articles.len(), query, k, cancelled)
}

/// [`rank_top`] over a [`TitleIndex`].
pub fn rank_index_top(
    index: &TitleIndex,
    query: &str,
    k: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    top_first(index, index.len(), query, k, cancelled)
}

/// [`rank_top`] over the first `count` titles.
pub(super) fn top_first<T: Titles + ?Sized>(
    titles: &T,
    count: usize,
    query: &str,
    k: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let count = count.min(titles.count());
    if query.is_empty() {
        return Some(everything(0..count.min(k)));
    }
    if k >= count {
        // Nothing could be pruned: the whole ranking is the top.
        return rank_first(titles, count, query, cancelled);
    }
    let pass = Pass::new(query);
    let best = (0..count.div_ceil(CHUNK))
        .into_par_iter()
        .try_fold(
            || (Best::new(k), PassScratch::default()),
            |(mut best, mut scratch), c| {
                if cancelled() {
                    return None;
                }
                for i in c * CHUNK..count.min((c + 1) * CHUNK) {
                    if let Some(key) = pass.key_before(i, titles, &mut scratch, best.worst()) {
                        best.offer(key);
                    }
                }
                Some((best, scratch))
            },
        )
        .map(|kept| kept.map(|(best, _)| best))
        .try_reduce(|| Best::new(k), |a, b| Some(a.merge(b)))?;
    if cancelled() {
        return None;
    }
    Some(best.into_hits())
}

/// The best `k` keys seen, the worst of them on top of the heap.
struct Best {
    k: usize,
    heap: BinaryHeap<RankKey>,
}

impl Best {
    fn new(k: usize) -> Self {
        Self {
            k,
            heap: BinaryHeap::new(),
        }
    }

    /// The `k`-th best key once there are `k`: only a better one enters.
    fn worst(&self) -> Option<&RankKey> {
        self.heap.peek().filter(|_| self.heap.len() >= self.k)
    }

    fn offer(&mut self, key: RankKey) {
        if self.heap.len() < self.k {
            self.heap.push(key);
        } else if let Some(mut worst) = self.heap.peek_mut()
            && key < *worst
        {
            *worst = key;
        }
    }

    fn merge(mut self, other: Self) -> Self {
        for key in other.heap {
            self.offer(key);
        }
        self
    }

    fn into_hits(self) -> Vec<Hit> {
        let mut keys = self.heap.into_vec();
        keys.sort_unstable();
        keys.iter().map(RankKey::hit).collect()
    }
}

#[cfg(test)]
#[path = "top_tests.rs"]
mod tests;
