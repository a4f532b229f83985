//! The finder's text mode, headless: the real loop and workers (the
//! full-text index is built on its own thread), keys typed, the screen read.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::sync::Arc;

use byline::app::{App, Msg};
use byline::config::Config;
use byline::state::Stamp;
use byline::{Corpus, LoadOptions};
use common::headless::{Script, run_script};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Each character of `text` as its key, `tab` and `enter` by name.
fn keys(text: &str, at: u64) -> Script {
    text.split_inclusive(['\t', '\n'])
        .flat_map(|piece| piece.chars())
        .map(|c| {
            let name = match c {
                ' ' => "space".to_owned(),
                '\t' => "tab".to_owned(),
                '\n' => "enter".to_owned(),
                c => c.to_string(),
            };
            (Msg::key(&name).expect("a key"), at)
        })
        .collect()
}

fn run(corpus: Corpus, size: (u16, u16), script: Script) -> (App, String) {
    let r = run_script(corpus, size, script, None, None, None);
    let screen = r.screen();
    (r.app, screen)
}

fn bbc() -> Option<Corpus> {
    Some(Corpus::load(&[common::bbc()?], &LoadOptions::default()).unwrap())
}

#[test]
fn tab_switches_to_text_mode_and_back() {
    let Some(corpus) = bbc() else { return };
    let (_, screen) = run(corpus.clone(), (120, 30), keys("/\tsacked mutu", 0));
    assert!(screen.contains("text> sacked mutu"), "{screen}");
    assert!(screen.contains("Chelsea sack Mutu"), "{screen}");
    // The snippet, under the title, holds the words.
    assert!(
        screen.contains("Chelsea have sacked Adrian Mutu"),
        "{screen}"
    );
    let (_, screen) = run(corpus, (120, 30), keys("/\tsacked mutu\t", 0));
    assert!(
        screen.contains("> sacked mutu") && !screen.contains("text>"),
        "{screen}"
    );
}

#[test]
fn opening_a_text_hit_sets_find_to_the_query_words() {
    let Some(corpus) = bbc() else { return };
    let (app, screen) = run(corpus, (120, 30), keys("/\t\"drug test\"\n", 0));
    assert!(screen.contains("reader"), "{screen}");
    let find = app.find().expect("find is set");
    assert_eq!(find.line.text, "drug test");
    assert!(!find.editing);
    assert!(find.current.is_some(), "the first hit is shown: {screen}");
}

#[test]
fn the_status_bar_shows_indexing_progress_while_building() {
    let corpus = Arc::new(Corpus::seeds(&LoadOptions::default()));
    let mut app = App::new(
        corpus,
        Config::default(),
        Rect::new(0, 0, 100, 24),
        Stamp(0),
    );
    let draw = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        terminal.draw(|f| byline::ui::draw(f, app)).unwrap();
        let cells: Vec<String> = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol().to_owned())
            .collect();
        cells.concat()
    };
    assert!(
        !draw(&app).contains("indexing"),
        "nothing before the finder opens"
    );
    let effects = app.handle(Msg::key("/").unwrap(), Stamp(0));
    assert!(
        effects
            .jobs
            .iter()
            .any(|j| matches!(j, byline::app::Job::IndexText)),
        "opening the finder starts the index"
    );
    app.handle(Msg::Indexed { progress: 0.41 }, Stamp(1));
    assert!(draw(&app).contains("indexing 41%"));
    app.handle(Msg::Indexed { progress: 1.0 }, Stamp(2));
    assert!(!draw(&app).contains("indexing"));
    assert!(app.indexing().ready());
}

#[test]
fn a_text_hit_in_a_long_article_scrolls_to_it_once_the_layout_comes() {
    // Over INLINE_BYTES: laid out on a worker, after the hit is opened.
    let filler = "Nothing to see in this paragraph, only words and more words.\n".repeat(600);
    let body = format!("{filler}The zanzibar clause was signed at last.\n{filler}");
    assert!(body.len() > byline::app::INLINE_BYTES);
    let long = byline::Article {
        id: "long.txt".into(),
        title: "A long treaty".into(),
        body: body.into(),
        ..byline::Article::default()
    };
    let short = byline::Article {
        id: "short.txt".into(),
        title: "Short".into(),
        body: "Brief.".into(),
        ..byline::Article::default()
    };
    let corpus = Corpus {
        articles: vec![short.into(), long.into()],
        ..Corpus::default()
    };
    let (app, screen) = run(corpus, (100, 30), keys("/\tzanzibar\n", 0));
    let find = app.find().expect("find is set");
    assert_eq!(find.hits.len(), 1, "{screen}");
    assert_eq!(
        find.current,
        Some(0),
        "the hit is the current one: {screen}"
    );
    let line = find.hits[0].line;
    assert!(
        app.reader().top > 500,
        "scrolled down: {}",
        app.reader().top
    );
    assert!(app.reader().top <= line, "the hit is on screen");
    assert!(screen.contains("zanzibar clause"), "{screen}");
}
