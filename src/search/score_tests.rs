use fuzzy_matcher::FuzzyMatcher;
use proptest::prelude::*;

use super::*;

/// The reference: a matcher that has scored nothing before.
fn skim(title: &str, query: &str) -> Option<i64> {
    crate::search::matcher().fuzzy_match(title, query)
}

fn ours(title: &str, query: &str) -> Option<i64> {
    Scorer::new(query).score(title, &mut Scratch::default())
}

#[test]
fn one_letter_scores_match_skim() {
    let titles = [
        "minister",
        "Minister",
        "a minister",
        "the-man",
        "fooBar",
        "x1M",
        "mmm",
        "",
        "中非 talks",
        "ÉTÉ m",
        "(m)",
        "_m",
        "9m",
    ];
    for title in titles {
        for query in ["m", "M", "中", "é", "É", "(", "1", "x"] {
            assert_eq!(
                ours(title, query),
                skim(title, query),
                "{query:?} in {title:?}"
            );
        }
    }
}

#[test]
fn longer_queries_match_skim() {
    let cases = [
        ("a minister", "min"),
        ("Chelsea sack Mutu", "mutu"),
        ("Mutu to hold talks", "mutu"),
        ("中非合作论坛", "中非"),
        ("fooBarBaz", "fbb"),
        ("nothing", "xyz"),
        ("ÉTÉ chaud", "été"),
    ];
    for (title, query) in cases {
        assert_eq!(
            ours(title, query),
            skim(title, query),
            "{query:?} in {title:?}"
        );
    }
}

#[test]
fn the_bound_is_reached_by_a_title_starting_with_the_query() {
    // The bound is tight where the best titles are: a match at the start,
    // or at a word's start, with every letter consecutive.
    for (title, query) in [
        ("minister talks", "mini"),
        ("a minister", "mini"),
        ("xmini", "mini"),
        ("e", "e"),
        ("ab", "ab"),
    ] {
        assert_eq!(ours(title, query), Some(Scorer::new(query).bound(title)));
    }
    // An `i` at a word's start could have paid a bonus; here it does not.
    let (title, query) = ("in minister", "mini");
    assert!(ours(title, query) < Some(Scorer::new(query).bound(title)));
}

#[test]
fn a_score_does_not_depend_on_the_title_before() {
    // SkimMatcherV2 reusing its matrix scores this 63 after some titles
    // instead of 51; with scratch buffers reused, ours must stay 51.
    let scorer = Scorer::new("aa ");
    let mut scratch = Scratch::default();
    for warm_up in ["AaAaAaAaAa aa aa", "a a a a a a", "aa  aa  aa"] {
        scorer.score(warm_up, &mut scratch);
    }
    assert_eq!(scorer.score(" AAA ", &mut scratch), skim(" AAA ", "aa "));
    assert_eq!(skim(" AAA ", "aa "), Some(51));
}

proptest! {
    #[test]
    fn one_character_agrees_with_skim(
        title in "[aAbB mM1_./(é中É]{0,16}",
        query in "[aAbBmM1 ._(é中É]",
    ) {
        prop_assert_eq!(ours(&title, &query), skim(&title, &query));
    }

    #[test]
    fn any_query_agrees_with_skim(
        title in "[aAbB xX1_./(é中]{0,24}",
        query in "[aAbBxX1 _(é中]{1,6}",
    ) {
        prop_assert_eq!(ours(&title, &query), skim(&title, &query));
    }

    #[test]
    fn scratch_reuse_changes_nothing(
        titles in prop::collection::vec("[aAb -x_1]{0,14}", 1..8),
        query in "[aAb -x_1]{1,5}",
    ) {
        let scorer = Scorer::new(&query);
        let mut scratch = Scratch::default();
        for title in &titles {
            prop_assert_eq!(scorer.score(title, &mut scratch), ours(title, &query));
        }
    }

    #[test]
    fn no_title_scores_above_its_bound(
        title in "[aAbB xX1_./(é中-]{0,24}",
        query in "[aAbBxX1 _(é中]{1,6}",
    ) {
        let scorer = Scorer::new(&query);
        if let Some(score) = skim(&title, &query) {
            prop_assert!(score <= scorer.bound(&title), "{} > {}", score, scorer.bound(&title));
        }
    }

    #[test]
    fn two_characters_agree_with_skim(
        title in "[aAbB xX_.(é]{0,20}",
        query in "[aAbBxX _(é]{2}",
    ) {
        prop_assert_eq!(ours(&title, &query), skim(&title, &query));
    }
}
