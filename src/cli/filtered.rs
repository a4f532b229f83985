//! `list --filter` and `search --filter`. The whole corpus is loaded, not
//! the cached listing: filters read sources, authors and tags, which the
//! listing does not keep; bare words need the bodies for the index.

use super::commands::{load, saved_state, text_index};
use super::print::{print_article_rows, print_json_lines, print_text_hits};
use super::{CliError, Context, CorpusArgs, Io};
use crate::corpus::Corpus;
use crate::search;
use crate::search::filter::Filter;
use crate::search::text::{TextQuery, snippet};
use crate::state::{ReadingState, View};

/// What the search asks for, besides the filter.
pub(super) struct Asked<'a> {
    pub query: &'a str,
    pub text: bool,
    pub limit: usize,
    pub json: bool,
}

/// The filter read and applied: which articles pass, by corpus index.
fn admitted(
    filter: &str,
    args: &CorpusArgs,
    context: &Context,
    io: &mut Io,
) -> Result<(&'static Corpus, Vec<bool>), CliError> {
    // Read before loading: a typo should not wait for a big corpus.
    let filter = Filter::parse(filter)?;
    let (corpus, _) = load(args, context, io)?;
    // Read-only, and only a default state when none is kept.
    let state: ReadingState = saved_state(&corpus.roots, View::Unread, context, io)?;
    let mut pass: Vec<bool> = corpus
        .articles
        .iter()
        .map(|a| filter.admits(a, &state))
        .collect();
    if !filter.text.is_empty() {
        let index = text_index(corpus, context);
        let mut found = vec![false; pass.len()];
        for hit in index.search(&corpus.articles, &TextQuery::parse(&filter.text)) {
            found[hit.index] = true;
        }
        pass.iter_mut().zip(found).for_each(|(p, f)| *p &= f);
    }
    Ok((corpus, pass))
}

/// `list --filter`, with `--unread`/`--starred` as `view`.
pub(super) fn list(
    args: &CorpusArgs,
    view: View,
    filter: &str,
    json: bool,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    let (corpus, pass) = admitted(filter, args, context, io)?;
    let state = saved_state(&corpus.roots, view, context, io)?;
    let shown = corpus
        .articles
        .iter()
        .zip(&pass)
        .filter(|(a, p)| **p && state.shows(view, &a.id))
        .map(|(a, _)| &**a);
    match json {
        true => Ok(print_json_lines(shown, io.out)?),
        false => Ok(print_article_rows(shown, io.out)?),
    }
}

/// `search --filter`: the titles ranked (or the text searched), then only
/// what the filter admits, in the same order.
pub(super) fn search(
    args: &CorpusArgs,
    asked: &Asked,
    filter: &str,
    context: &Context,
    io: &mut Io,
) -> Result<(), CliError> {
    let (corpus, pass) = admitted(filter, args, context, io)?;
    let articles = &corpus.articles;
    if asked.text {
        let query = TextQuery::parse(asked.query);
        let hits = text_index(corpus, context).find(&query);
        let shown = hits.iter().filter(|h| pass[h.index]).take(asked.limit);
        let rows = shown.map(|h| {
            let article = &*articles[h.index];
            (article, h.score, snippet(article, &query))
        });
        return Ok(print_text_hits(rows, asked.json, io.out)?);
    }
    let hits = search::rank(articles, asked.query, &|| false).unwrap_or_default();
    let shown = hits
        .iter()
        .filter(|h| pass[h.index])
        .take(asked.limit)
        .map(|h| &*articles[h.index]);
    match asked.json {
        true => Ok(print_json_lines(shown, io.out)?),
        false => Ok(print_article_rows(shown, io.out)?),
    }
}
