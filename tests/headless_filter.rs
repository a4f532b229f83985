//! The list's filter and the sections pane, headless: the real loop and
//! workers (bare words wait for the text index on its thread), keys typed,
//! the screen read.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use byline::app::Msg;
use byline::{Corpus, LoadOptions};
use common::headless::{Run, Script, run_script};

/// Each character of `text` as its key, `enter` for a line break.
fn keys(text: &str, at: u64) -> Script {
    text.chars()
        .map(|c| {
            let name = match c {
                ' ' => "space".to_owned(),
                '\n' => "enter".to_owned(),
                c => c.to_string(),
            };
            (Msg::key(&name).expect("a key"), at)
        })
        .collect()
}

fn run(corpus: Corpus, size: (u16, u16), script: Script) -> Run {
    run_script(corpus, size, script, None, None, None)
}

fn bbc() -> Option<Corpus> {
    Some(Corpus::load(&[common::bbc()?], &LoadOptions::default()).unwrap())
}

#[test]
fn a_section_filter_lists_that_section_and_the_status_bar_names_it() {
    let Some(corpus) = bbc() else { return };
    let sport = corpus
        .articles
        .iter()
        .filter(|a| a.section == "sport")
        .count();
    let r = run(corpus, (120, 30), keys("\\section:sport\n", 0));
    let screen = r.screen();
    assert!(screen.contains("filter: section:sport"), "{screen}");
    assert_eq!(r.app.rows().len(), sport);
    let articles = &r.app.corpus().articles;
    assert!(r.app.rows().iter().all(|&i| articles[i].section == "sport"));
}

#[test]
fn a_bad_filter_is_refused_with_its_term_on_the_status_bar() {
    let Some(corpus) = bbc() else { return };
    let all = corpus.articles.len();
    let r = run(corpus, (120, 30), keys("\\after:yesterdayish\n", 0));
    let screen = r.screen();
    assert!(
        screen.contains("after:yesterdayish: not a date"),
        "{screen}"
    );
    assert_eq!(r.app.rows().len(), all, "no filter: every article");
}

#[test]
fn bare_words_are_answered_by_the_text_index_then_esc_clears() {
    let Some(corpus) = bbc() else { return };
    let all = corpus.articles.len();
    let r = run(
        corpus.clone(),
        (120, 30),
        keys("\\greenspan section:business\n", 0),
    );
    let articles = &r.app.corpus().articles;
    let rows = r.app.rows();
    assert!(!r.app.filter().titles_only(), "the index answered");
    // More than the titles that name him: the bodies count.
    let titled = rows
        .iter()
        .filter(|&&i| articles[i].title.to_lowercase().contains("greenspan"))
        .count();
    assert!(rows.len() > titled && titled > 0, "{} {titled}", rows.len());
    assert!(rows.iter().all(|&i| {
        articles[i].section == "business" && articles[i].body.to_lowercase().contains("greenspan")
    }));
    let mut script = keys("\\greenspan\n", 0);
    script.push((Msg::key("esc").unwrap(), 10));
    let r = run(corpus, (120, 30), script);
    assert_eq!(r.app.rows().len(), all);
    assert!(!r.screen().contains("filter:"));
}
