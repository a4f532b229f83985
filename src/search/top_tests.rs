//! The pruned top `k` against the whole ranking cut at `k`: the same
//! articles in the same order, ties included, for the extended syntax too.

use proptest::prelude::*;

use super::*;
use crate::search::tests::corpus;
use crate::search::{rank, rank_index};

fn cut(hits: Option<Vec<Hit>>, k: usize) -> Option<Vec<Hit>> {
    hits.map(|mut h| {
        h.truncate(k);
        h
    })
}

/// Titles of words from a small vocabulary, so that many tie on score
/// and on date and whole words are common: the cases pruning must keep.
fn worded(picks: &[(Vec<usize>, Option<i64>)]) -> Vec<Article> {
    const WORDS: &[&str] = &[
        "mini", "minister", "Minis", "e", "ta", "tax", "oil", "in", "Blair", "été", "中非", "a-b",
        "x_y", "mIni",
    ];
    let entries: Vec<(String, Option<i64>)> = picks
        .iter()
        .map(|(words, date)| {
            let title: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
            (title.join(" "), *date)
        })
        .collect();
    corpus(&entries)
}

#[test]
fn the_top_of_a_simple_ranking() {
    let articles = corpus(&[
        ("Mutual funds rise".into(), None),
        ("Nothing here".into(), None),
        ("Mutu to hold talks".into(), Some(1)),
        ("Chelsea sack Mutu".into(), None),
        ("Mutu again".into(), Some(2)),
    ]);
    let top = |k| rank_top(&articles, "mutu", k, &|| false).map(|h| h.len());
    assert_eq!(top(2), Some(2));
    let first: Vec<usize> = rank_top(&articles, "mutu", 2, &|| false)
        .unwrap_or_default()
        .iter()
        .map(|h| h.index)
        .collect();
    assert_eq!(first, [4, 3], "whole words, the shorter title first");
    assert_eq!(top(0), Some(0));
    assert_eq!(top(99), Some(4));
    assert_eq!(
        rank_top(&articles, "", 3, &|| false).map(|h| h.len()),
        Some(3)
    );
}

#[test]
fn a_cancelled_top_returns_none() {
    let articles = corpus(&vec![("a".to_owned(), None); 5000]);
    assert_eq!(rank_top(&articles, "a", 10, &|| true), None);
}

proptest! {
    #[test]
    fn the_top_k_is_the_ranking_cut_at_k(
        entries in prop::collection::vec(("[abAB 1é中_-]{0,14}", prop::option::of(0i64..3)), 0..60),
        query in "[abAB 1é中'^$!|]{1,7}",
        k in 0usize..12,
    ) {
        let articles = corpus(&entries);
        let top = rank_top(&articles, &query, k, &|| false);
        prop_assert_eq!(top, cut(rank(&articles, &query, &|| false), k));
    }
}

proptest! {
    // Thousands of titles a case, over several chunks and workers.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_top_k_of_many_chunks_is_the_ranking_cut_at_k(
        picks in prop::collection::vec(
            (prop::collection::vec(0usize..64, 1..6), prop::option::of(0i64..4)),
            1500..4000,
        ),
        query in prop::sample::select(vec![
            "e", "m", "mini", "Mini", "min", "ta", "tax", "'tax !oil", "^mini", "in$",
            "'oil | 'tax", "mi ta", "ete", "中", "!e", "^Blair$", "b | e", "x_", "ab",
        ]),
        k in 1usize..80,
    ) {
        let articles = worded(&picks);
        let index = TitleIndex::new(&articles);
        let whole = cut(rank(&articles, query, &|| false), k);
        prop_assert_eq!(rank_top(&articles, query, k, &|| false), whole.clone());
        prop_assert_eq!(rank_index_top(&index, query, k, &|| false), whole.clone());
        prop_assert_eq!(cut(rank_index(&index, query, &|| false), k), whole);
    }
}
