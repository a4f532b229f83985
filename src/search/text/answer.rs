//! What the finder's text mode gets back for a query: the hits, and the
//! snippets of the first of them, made on the worker so drawing only
//! draws.

use rayon::prelude::*;

use super::{Snippet, TextHit, TextIndex, TextQuery, snippet};
use crate::article::Article;

/// Snippets are made for this many of the best hits: more than a screen
/// shows (two rows a hit), and a query that hits every article costs no
/// more. Each costs a pass over one body: 200 were a third of a query's time.
pub const SNIPPETS: usize = 60;

/// The answer to one full-text query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextResult {
    /// As the query was asked for: stale answers are dropped by it.
    pub generation: u64,
    pub query: String,
    /// Best first.
    pub hits: Vec<TextHit>,
    /// The snippets of the first [`SNIPPETS`] hits, in the same order.
    pub snippets: Vec<Snippet>,
    /// `false` when the index was not built yet: the query is asked again
    /// once it is.
    pub ready: bool,
}

/// Searches `index` (built over `articles`) for `query`.
pub fn answer(
    index: &TextIndex,
    articles: &[impl std::borrow::Borrow<Article> + Sync],
    generation: u64,
    query: String,
) -> TextResult {
    let parsed = TextQuery::parse(&query);
    let hits = index.search(articles, &parsed);
    // Each snippet segments a whole body: on every core.
    let snippets = hits[..hits.len().min(SNIPPETS)]
        .par_iter()
        .filter_map(|h| articles.get(h.index))
        .map(|a| snippet(a.borrow(), &parsed))
        .collect();
    TextResult {
        generation,
        query,
        hits,
        snippets,
        ready: true,
    }
}

/// The answer while the index is still being built.
pub fn not_ready(generation: u64, query: String) -> TextResult {
    TextResult {
        generation,
        query,
        ready: false,
        ..TextResult::default()
    }
}
