//! Article extraction scored on readability.js's test pages: the floor
//! that fails a change (median F1 0.95); `benches/pages.sh` reports the
//! full score, whose target is 0.98.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

#[path = "../examples/pages/score.rs"]
mod score;

#[test]
fn median_f1_on_the_shared_pages_stays_above_the_floor() {
    let Some(pages) = common::pages() else {
        return;
    };
    let scores = score::score_all(&pages);
    assert!(scores.len() >= 90, "only {} pages found", scores.len());
    let f1s: Vec<f64> = scores.iter().map(|s| s.f1).collect();
    let median = score::median(&f1s);
    assert!(median >= 0.95, "median F1 {median:.4} fell below 0.95");
}

#[test]
fn f1_scores_what_it_should() {
    assert_eq!(score::token_f1("a b c", "c b a"), 1.0);
    assert_eq!(score::token_f1("a b", "c d"), 0.0);
    // Precision 1, recall 1/2.
    assert!((score::token_f1("a", "a b") - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        score::prose("Some text [1] here [image: A cat]\nLinks:\n[1] https://x.org/"),
        "Some text here A cat] "
    );
}
