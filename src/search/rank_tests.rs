//! `rank` against a plain restatement of the ranking rule, scored by a
//! fresh SkimMatcherV2 per title.

use std::cmp::Ordering;

use proptest::prelude::*;

use super::*;

/// The rule as first written: whole words first, shortest title first,
/// then score, newer date, corpus order.
fn compare(articles: &[Article], a: &Hit, b: &Hit) -> Ordering {
    let date = |h: &Hit| articles[h.index].date;
    let len = |h: &Hit| articles[h.index].title.len();
    let shorter_first = if a.word && b.word {
        len(a).cmp(&len(b))
    } else {
        Ordering::Equal
    };
    b.word
        .cmp(&a.word)
        .then(shorter_first)
        .then_with(|| b.score.cmp(&a.score))
        .then_with(|| date(b).cmp(&date(a)))
        .then_with(|| a.index.cmp(&b.index))
}

fn reference(articles: &[Article], query: &str) -> Vec<Hit> {
    let ignore_case = !query.chars().any(char::is_uppercase);
    let mut hits: Vec<Hit> = articles
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            let score = matcher().fuzzy_match(&a.title, query)?;
            let word = whole_word(&a.title, query, ignore_case);
            Some(Hit { index, score, word })
        })
        .collect();
    hits.sort_by(|a, b| compare(articles, a, b));
    hits
}

fn corpus(entries: &[(String, Option<i64>)]) -> Vec<Article> {
    entries
        .iter()
        .map(|(title, date)| Article {
            title: title.clone(),
            date: *date,
            ..Article::default()
        })
        .collect()
}

proptest! {
    #[test]
    fn rank_follows_the_rule(
        entries in prop::collection::vec(("[abAB 1é-]{0,12}", prop::option::of(0i64..3)), 0..40),
        query in "[abAB 1é]{1,4}",
    ) {
        let articles = corpus(&entries);
        let ranked = rank(&articles, &query, &|| false);
        prop_assert_eq!(ranked, Some(reference(&articles, &query)));
    }

    #[test]
    fn ranking_among_a_superset_changes_nothing(
        entries in prop::collection::vec(("[abAB 1-]{0,12}", prop::option::of(0i64..3)), 0..40),
        query in "[abAB 1]{1,4}",
    ) {
        let articles = corpus(&entries);
        let everyone: Vec<usize> = (0..articles.len()).rev().collect();
        let among = rank_among(&articles, &everyone, &query, &|| false);
        prop_assert_eq!(among, rank(&articles, &query, &|| false));
    }

    #[test]
    fn the_needle_is_the_matchers_own_first_test(
        title in "[aAbB 1é中É-]{0,12}",
        query in "[aAbB 1é中É]{1,4}",
    ) {
        let matches = matcher().fuzzy_match(&title, &query).is_some();
        prop_assert_eq!(Needle::new(&query).may_match(&title), matches);
    }

    #[test]
    fn an_index_ranks_as_the_articles_do(
        entries in prop::collection::vec(("[abAB 1é中-]{0,12}", prop::option::of(0i64..3)), 0..40),
        query in "[abAB 1é中]{1,4}",
    ) {
        let articles = corpus(&entries);
        let index = TitleIndex::new(&articles);
        prop_assert_eq!(index.len(), articles.len());
        let from_index = rank_index(&index, &query, &|| false);
        prop_assert_eq!(from_index, rank(&articles, &query, &|| false));
    }
}
