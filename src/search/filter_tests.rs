//! Each filter term, negation, bare words, and each error message.

use super::*;
use crate::state::Stamp;

fn article(id: &str, section: &str, date: Option<i64>) -> Article {
    Article {
        id: id.into(),
        section: section.into(),
        date,
        source: Some("Reuters".into()),
        author: Some("Jane Smith".into()),
        tags: vec!["Élections".into()],
        ..Article::default()
    }
}

/// 2005-01-01T00:00:00Z.
const NEW_YEAR: i64 = 1_104_537_600;

fn admits(filter: &str, a: &Article, state: &ReadingState) -> bool {
    Filter::parse(filter).unwrap().admits(a, state)
}

#[test]
fn each_term_and_its_negation() {
    let state = ReadingState::default();
    let a = article("a", "sport/football", Some(NEW_YEAR));
    for (filter, want) in [
        ("section:sport", true),
        ("section:spo", false),
        ("section:Sport/Football", true),
        ("-section:sport", false),
        ("source:reuters", true),
        ("source:bbc", false),
        ("author:smith", true),
        ("-author:smith", false),
        ("tag:elections", true),
        ("tag:election", false),
        ("after:2005-01-01", true),
        ("after:2005-01-02", false),
        ("before:2005-01-01", false),
        ("before:2005-01-02", true),
        ("section:sport after:2004-12-31 before:2005-01-02", true),
        ("section:sport source:bbc", false),
    ] {
        assert_eq!(admits(filter, &a, &state), want, "{filter}");
    }
    let undated = article("b", "sport", None);
    assert!(!admits("after:2000-01-01", &undated, &state));
    assert!(!admits("before:2100-01-01", &undated, &state));
}

#[test]
fn unread_and_starred_come_from_the_state() {
    let mut state = ReadingState::default();
    let a = article("a", "s", None);
    assert!(admits("is:unread", &a, &state));
    assert!(!admits("is:starred", &a, &state));
    state.mark_read("a", Stamp(1));
    state.toggle_star("a", Stamp(2));
    assert!(!admits("is:unread", &a, &state));
    assert!(admits("is:starred -is:unread", &a, &state));
}

#[test]
fn bare_words_are_a_text_query() {
    let f = Filter::parse("blair section:politics \"general election\" 12:30").unwrap();
    assert_eq!(f.text, "blair \"general election\" 12:30");
    assert_eq!(f.terms, [(false, Term::Section("politics".into()))]);
    assert!(Filter::parse("").unwrap().is_empty());
}

#[test]
fn errors_name_the_term() {
    let error = |f: &str| Filter::parse(f).unwrap_err().to_string();
    assert_eq!(
        error("section:sport after:yesterdayish"),
        "after:yesterdayish: not a date; write after:YYYY-MM-DD"
    );
    assert_eq!(
        error("before:2005-13-01"),
        "before:2005-13-01: not a date; write before:YYYY-MM-DD"
    );
    assert_eq!(error("is:new"), "is:new: is: takes unread or starred");
    assert_eq!(
        error("colour:red"),
        "colour:red: unknown filter colour:; filters are section:, source:, author:, tag:, is:, after: and before:"
    );
    assert_eq!(error("-tag:"), "-tag:: tag: needs a value");
}
