//! Each operator of fzf's extended syntax, and folding, through `rank` and
//! `positions` (the two things the overlay and `byline search` use).

use super::*;
use crate::article::Article;
use crate::search::{positions, rank};

fn titled(titles: &[&str]) -> Vec<Article> {
    titles
        .iter()
        .map(|t| Article {
            title: (*t).into(),
            ..Article::default()
        })
        .collect()
}

/// The indices `query` matches, sorted (the order is ranking's business).
fn matching(titles: &[&str], query: &str) -> Vec<usize> {
    let mut found: Vec<usize> = rank(&titled(titles), query, &|| false)
        .unwrap_or_default()
        .iter()
        .map(|h| h.index)
        .collect();
    found.sort_unstable();
    found
}

const POLITICS: [&str; 5] = [
    "Blair and Brown agree",
    "Brown says Blair will stay",
    "Brown attacks Tory plans",
    "Blair visits Brownsville",
    "Tony Blair's speech",
];

#[test]
fn terms_match_in_any_order() {
    assert_eq!(matching(&POLITICS, "blair brown"), [0, 1, 3]);
    assert_eq!(matching(&POLITICS, "brown blair"), [0, 1, 3]);
}

#[test]
fn exact_prefix_suffix_and_equal() {
    let titles = ["sport news", "spot the difference", "transport", "news"];
    assert_eq!(matching(&titles, "spt"), [0, 1, 2]);
    assert_eq!(matching(&titles, "'port"), [0, 2]);
    assert_eq!(matching(&titles, "^sp"), [0, 1]);
    assert_eq!(matching(&titles, "port$"), [2]);
    assert_eq!(matching(&titles, "^news$"), [3]);
    assert_eq!(matching(&titles, "news$"), [0, 3]);
}

#[test]
fn exclusions_are_exact_unless_quoted() {
    let titles = ["sport news", "spot the difference", "transport"];
    assert_eq!(matching(&titles, "sp !news"), [1, 2]);
    assert_eq!(matching(&titles, "!^sp"), [2]);
    assert_eq!(matching(&titles, "!port$"), [0, 1]);
    // `!'` is a fuzzy exclusion: "tdf" is in "spot the difference" only.
    assert_eq!(matching(&titles, "!'tdf"), [0, 2]);
    assert_eq!(matching(&titles, "!tdf"), [0, 1, 2]);
}

#[test]
fn or_groups_and_escaped_spaces() {
    let titles = ["sport news", "spot the difference", "transport", "the end"];
    assert_eq!(matching(&titles, "'news | 'diff"), [0, 1]);
    assert_eq!(matching(&titles, "^the | port$ !trans"), [3]);
    assert_eq!(matching(&titles, "'t\\ t"), [1]);
    assert_eq!(matching(&titles, "t t"), [0, 1, 2, 3]);
}

#[test]
fn smart_case_is_unicode() {
    let titles = ["Zürich wins", "zürich loses", "ÉTÉ chaud à Paris", "été"];
    assert_eq!(matching(&titles, "zurich"), [0, 1]);
    assert_eq!(matching(&titles, "Zürich"), [0]);
    assert_eq!(matching(&titles, "Zurich"), [0]);
    assert_eq!(matching(&titles, "été"), [2, 3]);
    assert_eq!(matching(&titles, "ÉTÉ"), [2]);
    assert_eq!(matching(&titles, "'ÉTÉ"), [2]);
}

#[test]
fn accents_fold_in_titles_and_queries() {
    let titles = [
        "São Paulo floods",
        "Erdoğan speaks",
        "Cafe\u{301} society",
        "Nguyễn Văn",
    ];
    assert_eq!(matching(&titles, "sao paulo"), [0]);
    assert_eq!(matching(&titles, "erdogan"), [1]);
    assert_eq!(matching(&titles, "'erdoğan"), [1]);
    assert_eq!(matching(&titles, "'cafe soc"), [2]);
    assert_eq!(matching(&titles, "^cafe"), [2]);
    assert_eq!(matching(&titles, "nguyen van$"), [3]);
}

#[test]
fn cjk_terms() {
    let titles = ["中非合作论坛 开幕", "北京 奥运", "中国 非洲"];
    assert_eq!(matching(&titles, "中非"), [0, 2]);
    assert_eq!(matching(&titles, "'中非"), [0]);
    assert_eq!(matching(&titles, "开幕$"), [0]);
    assert_eq!(matching(&titles, "中 !奥运"), [0, 2]);
}

#[test]
fn highlights_land_on_the_original_characters() {
    assert_eq!(positions("Zürich wins", "zurich"), [0, 1, 2, 3, 4, 5]);
    // The combining mark is char 4; "e" is char 3, " " char 5.
    assert_eq!(positions("cafe\u{301} bar", "'e\\ b"), [3, 5, 6]);
    assert_eq!(
        positions("Brown says Blair", "blair brown"),
        [0, 1, 2, 3, 4, 11, 12, 13, 14, 15]
    );
    assert_eq!(positions("sport news", "'news !x"), [6, 7, 8, 9]);
    assert_eq!(positions("São Paulo", "^sao"), [0, 1, 2]);
    assert!(positions("sport", "nothing").is_empty());
}

#[test]
fn only_operators_match_everything() {
    let titles = ["a", "b"];
    assert_eq!(matching(&titles, "'"), [0, 1]);
    assert_eq!(matching(&titles, "! ^"), [0, 1]);
}

#[test]
fn whole_words_count_for_every_term() {
    let articles = titled(&["Blairite Browns", "Brown and Blair"]);
    let hits = rank(&articles, "blair brown", &|| false).unwrap_or_default();
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [1, 0]);
    assert!(hits[0].word && !hits[1].word);
}

#[test]
fn parse_reads_fzf_operators() {
    let q = Extended::parse("!'a ^b c$ ^d$ 'e | f");
    let kinds: Vec<Vec<(Kind, bool)>> = q
        .groups
        .iter()
        .map(|g| g.iter().map(|t| (t.kind, t.inverse)).collect())
        .collect();
    use Kind::*;
    assert_eq!(
        kinds,
        [
            vec![(Fuzzy, true)],
            vec![(Prefix, false)],
            vec![(Suffix, false)],
            vec![(Equal, false)],
            vec![(Exact, false), (Fuzzy, false)],
        ]
    );
    assert!(Extended::parse("abc").plain().is_some());
    assert!(Extended::parse("a b").plain().is_none());
}
