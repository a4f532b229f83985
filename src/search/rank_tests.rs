//! `rank` against a plain restatement of the ranking rule, scored by a
//! fresh SkimMatcherV2 per title.

use std::cmp::Ordering;

use proptest::prelude::*;

use super::tests::corpus;
use super::*;
use fuzzy_matcher::FuzzyMatcher;

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

/// fzf's rules restated for the test alphabet: terms split at spaces, each
/// scored by a fresh SkimMatcherV2 on the title with `é` read as `e`, the
/// scores summed; smart case by Unicode case over the whole query.
fn reference(articles: &[Article], query: &str) -> Vec<Hit> {
    let ignore_case = !query.chars().any(char::is_uppercase);
    let folded_query = query.replace('é', "e");
    let terms: Vec<&str> = folded_query.split(' ').filter(|t| !t.is_empty()).collect();
    // Fresh for every title: SkimMatcherV2 can carry state between calls.
    let m = || match ignore_case {
        true => SkimMatcherV2::default().ignore_case(),
        false => SkimMatcherV2::default().respect_case(),
    };
    let mut hits: Vec<Hit> = articles
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            let title = a.title.replace('é', "e");
            let mut score = 0;
            for t in &terms {
                score += m().fuzzy_match(&title, t)?;
            }
            let word =
                !terms.is_empty() && terms.iter().all(|t| whole_word(&title, t, ignore_case));
            Some(Hit { index, score, word })
        })
        .collect();
    hits.sort_by(|a, b| compare(articles, a, b));
    hits
}

proptest! {
    #[test]
    fn titles_left_unfolded_are_ones_folding_would_not_change(title in "\\PC{0,8}") {
        let mut folded = fold::Folded::default();
        for ignore_case in [true, false] {
            folded.fold(&title, ignore_case);
            if folded.text != title {
                prop_assert!(fold::needs_folding(&title), "{:?}", title);
            }
        }
    }

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
