//! The whole program, headless: the real message loop and its worker
//! threads, driven by a script of messages with their times, drawing into
//! a `TestBackend`. What a user would see is read off the screen.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use byline::action::Action;
use byline::app::{Exit, Msg, Signal};
use byline::runtime;
use byline::state::{Stamp, Store};
use byline::{Article, Corpus, LoadOptions};
use common::headless::{Run, Script, run_script};

fn keys(text: &str, at: u64) -> Script {
    text.chars()
        .map(|c| (Msg::key(&c.to_string()).expect("a key"), at))
        .collect()
}

fn act(action: Action, at: u64) -> (Msg, u64) {
    (Msg::Action(action), at)
}

fn run_with(corpus: Corpus, size: (u16, u16), script: Script, store: Option<Store>) -> Run {
    run_loading(corpus, size, script, store, None)
}

/// [`run_with`], reloads answered by `loader`.
fn run_loading(
    corpus: Corpus,
    size: (u16, u16),
    script: Script,
    store: Option<Store>,
    loader: Option<runtime::Loader>,
) -> Run {
    run_script(corpus, size, script, store, loader, None)
}

fn run(corpus: Corpus, size: (u16, u16), script: Script) -> Run {
    run_with(corpus, size, script, None)
}

fn corpus(articles: Vec<Article>) -> Corpus {
    Corpus {
        articles: articles.into_iter().map(std::sync::Arc::new).collect(),
        ..Corpus::default()
    }
}

fn article(id: &str, title: &str, body: String) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        ..Article::default()
    }
}

#[test]
fn read_the_bbc_corpus_move_open_scroll_resize() {
    let Some(bbc) = common::bbc() else { return };
    let corpus = Corpus::load(&[bbc], &LoadOptions::default()).unwrap();
    let mut script = vec![(Msg::Resize(100, 30), 0)];
    script.extend(keys("jj", 10));
    script.push((Msg::key("enter").unwrap(), 20));
    script.push((Msg::key("G").unwrap(), 30));
    let r = run(corpus.clone(), (100, 30), script.clone());
    let screen = r.screen();
    assert!(screen.contains("3/2127 · reader 100%"), "{screen}");
    assert!(
        screen.contains("Yukos unit buyer faces loan claim"),
        "{screen}"
    );
    // Narrow: the reader alone, same article.
    script.push((Msg::Resize(70, 20), 40));
    let screen = run(corpus.clone(), (100, 30), script.clone()).screen();
    assert!(screen.contains("3/2127 · reader"), "{screen}");
    assert!(!screen.contains("Dollar gains on Greenspan"), "{screen}");
    script.push((Msg::key("h").unwrap(), 50));
    let screen = run(corpus, (100, 30), script).screen();
    assert!(screen.contains("3/2127 · list"), "{screen}");
}

#[test]
fn fuzzy_find_opens_the_best_match() {
    let Some(bbc) = common::bbc() else { return };
    let corpus = Corpus::load(&[bbc], &LoadOptions::default()).unwrap();
    let mut script = keys("/mutu", 0);
    let r = run(corpus.clone(), (120, 30), script.clone());
    let screen = r.screen();
    assert!(screen.contains("60/2127"), "{screen}");
    assert!(
        screen.contains("▌ Chelsea sack Mutu"),
        "the best match first: {screen}"
    );
    script.push((Msg::key("enter").unwrap(), 100));
    let screen = run(corpus, (120, 30), script).screen();
    assert!(screen.contains("reader 0%"), "{screen}");
    assert!(
        screen.contains("Chelsea have sacked Adrian Mutu"),
        "{screen}"
    );
}

#[test]
fn help_comes_from_the_key_table() {
    let seeds = Corpus::seeds(&LoadOptions::default());
    let screen = run(seeds.clone(), (80, 40), keys("?", 0)).screen();
    assert!(screen.contains("Keys (q or esc to close)"), "{screen}");
    assert!(
        screen.contains("ctrl-d") && screen.contains("Half a page down"),
        "{screen}"
    );
    let screen = run(seeds, (80, 40), keys("?q", 0)).screen();
    assert!(screen.contains("1/1 · list"), "{screen}");
}

/// A body of about 8 MiB: the largest a load keeps.
fn huge_body() -> String {
    let paragraph = "Words and more words, with a needle now and then. ".repeat(40);
    vec![paragraph; 4200].join("\n")
}

#[test]
fn a_huge_article_is_laid_out_and_searched_on_workers() {
    let body = huge_body();
    assert!(body.len() > 8_000_000);
    let hits = body.matches("needle").count();
    let mut script = vec![act(Action::Open, 0), act(Action::Find, 10)];
    script.extend(keys("needle", 20));
    script.push((Msg::key("enter").unwrap(), 30));
    let r = run(corpus(vec![article("big", "Big", body)]), (100, 30), script);
    let screen = r.screen();
    assert!(screen.contains(&format!("hit 1/{hits} ")), "{screen}");
    let find = r.app.find().expect("the find stays");
    assert_eq!(find.hits.len(), hits);
    assert!(r.app.reader().layout.lines.len() > 10_000, "laid out whole");
}

#[test]
fn a_huge_title_and_a_long_query_stay_bounded() {
    let huge = format!("Start {}", "x".repeat(1_000_000));
    let articles = vec![
        article("a", &huge, "body".into()),
        article("b", "Start of something", "body".into()),
    ];
    let mut script = vec![act(Action::Search, 0)];
    script.push((Msg::Paste("st".repeat(500)), 10));
    let r = run(corpus(articles.clone()), (120, 30), script);
    assert!(r.screen().contains("0/2"), "{}", r.screen());
    let r = run(
        corpus(articles),
        (120, 30),
        vec![act(Action::Search, 0), (Msg::Paste("start".into()), 10)],
    );
    let screen = r.screen();
    assert!(screen.contains("2/2"), "{screen}");
    assert!(
        screen.contains("[searched in its first 1024 characters]"),
        "{screen}"
    );
}

fn three() -> Corpus {
    corpus(
        (0..3)
            .map(|i| article(&format!("{i}"), &format!("Title {i}"), "Some text.".into()))
            .collect(),
    )
}

#[test]
fn each_message_has_its_own_time() {
    // Opened long after the start, read 1.5 s after it was opened, not at once.
    let script = vec![act(Action::Open, 100_000), (Msg::Tick, 101_499)];
    let r = run(three(), (80, 24), script);
    assert!(!r.app.state().is_read("0"));
    assert_eq!(r.app.next_deadline(), Some(Stamp(101_500)));
    let script = vec![act(Action::Open, 100_000), (Msg::Tick, 101_500)];
    assert!(run(three(), (80, 24), script).app.state().is_read("0"));
}

#[test]
fn time_away_from_the_window_is_not_reading() {
    let script = vec![
        act(Action::Open, 0),
        (Msg::Focus(false), 1_000),
        (Msg::Tick, 5_000),
        (Msg::Focus(true), 5_000),
        (Msg::Tick, 6_000),
    ];
    let r = run(three(), (80, 24), script.clone());
    assert!(!r.app.state().is_read("0"), "1 s in the window, 4 s away");
    let mut more = script;
    more.push((Msg::Tick, 6_500));
    assert!(run(three(), (80, 24), more).app.state().is_read("0"));
}

#[test]
fn signals_suspend_continue_and_end_with_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), &["headless".to_owned()]);
    let script = vec![
        (Msg::Signal(Signal::Stop), 0),
        (Msg::Signal(Signal::Continue), 10),
        act(Action::ToggleStar, 20),
        (Msg::Signal(Signal::Terminate(15)), 30),
    ];
    let r = run_with(three(), (80, 24), script, Some(store.clone()));
    assert_eq!((r.host.suspended, r.host.reentered), (1, 1));
    assert_eq!(r.outcome.exit, Exit::Signal(15));
    assert_eq!(r.outcome.saved, Ok(()));
    let saved = store.load_read_only().unwrap().state;
    assert!(
        saved.is_starred("0"),
        "the star made just before the signal was saved"
    );
}

#[test]
fn quitting_saves_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), &["headless".to_owned()]);
    // Two marks within a second: the second waits for the save at exit.
    let script = vec![
        act(Action::ToggleStar, 0),
        act(Action::Down, 10),
        act(Action::ToggleRead, 20),
    ];
    let r = run_with(three(), (80, 24), script, Some(store.clone()));
    assert_eq!((r.outcome.exit, r.outcome.saved), (Exit::Quit, Ok(())));
    let saved = store.load_read_only().unwrap().state;
    assert!(saved.is_starred("0") && saved.is_read("1"));
}

#[test]
fn o_and_y_offer_only_http_links() {
    let mut linked = article("a", "Linked", "Text.".into());
    linked.url = Some("https://example.com/story".into());
    let mut scripted = article("b", "Scripted", "Text.".into());
    scripted.url = Some("javascript:alert(1)".into());
    let bare = article("c", "Bare", "Text.".into());
    let all = || corpus(vec![linked.clone(), scripted.clone(), bare.clone()]);
    let r = run(all(), (100, 30), keys("oy", 0));
    assert_eq!(r.host.opened, ["https://example.com/story"]);
    assert_eq!(r.host.copied, ["https://example.com/story"]);
    assert!(
        r.screen().contains("copied https://example.com/story"),
        "{}",
        r.screen()
    );
    let r = run(all(), (100, 30), keys("joy", 0));
    assert!(r.host.opened.is_empty() && r.host.copied.is_empty());
    assert!(
        r.screen().contains("not http(s): not opened"),
        "{}",
        r.screen()
    );
    let r = run(all(), (100, 30), keys("jjo", 0));
    assert!(r.host.opened.is_empty());
    assert!(
        r.screen().contains("this article has no link"),
        "{}",
        r.screen()
    );
}

#[test]
fn the_status_bar_follows_the_focus_and_cuts_what_does_not_fit() {
    let screen = run(three(), (100, 24), vec![]).screen();
    let status = screen.lines().last().unwrap().to_owned();
    assert!(
        status.contains("enter open") && status.contains("q quit"),
        "{status}"
    );
    let screen = run(three(), (100, 24), vec![act(Action::Open, 0)]).screen();
    let status = screen.lines().last().unwrap().to_owned();
    assert!(
        !status.contains("enter open"),
        "the reader has nothing to open: {status}"
    );
    assert!(
        status.contains("q back") && status.contains("o open link"),
        "{status}"
    );
    let screen = run(three(), (100, 24), vec![act(Action::CycleView, 0)]).screen();
    let status = screen.lines().last().unwrap().to_owned();
    assert_eq!(status.matches("unread only").count(), 1, "{status}");
    assert!(!status.contains("view:"), "the view named once: {status}");
    let mut long = article("a", "Long link", "Text.".into());
    long.url = Some(format!("https://example.com/{}", "x".repeat(200)));
    let screen = run(corpus(vec![long]), (80, 24), keys("y", 0)).screen();
    let status = screen.lines().last().unwrap().to_owned();
    assert!(
        status.contains("· copied https://example.com/xxx") && status.contains('…'),
        "{status}"
    );
}

#[test]
fn reloading_brings_new_articles_and_keeps_the_selection_and_the_open_article() {
    let before = three();
    let mut after = three();
    after
        .articles
        .insert(0, article("new", "Fresh news", "New text.".into()).into());
    after.articles.retain(|a| a.id != "2");
    let loader: runtime::Loader = Box::new(move |_, _, _| Ok(std::sync::Arc::new(after.clone())));
    let script = vec![
        act(Action::Down, 0),
        act(Action::Open, 10),
        act(Action::Reload, 20),
    ];
    let r = run_loading(before, (100, 24), script, None, Some(loader));
    let screen = r.screen();
    assert!(screen.contains("Fresh news"), "{screen}");
    assert!(
        !screen.contains("Title 2"),
        "deleted: gone from the list: {screen}"
    );
    assert_eq!(
        r.app
            .selected_article()
            .map(|i| r.app.corpus().articles[i].id.as_str()),
        Some("1")
    );
    assert_eq!(
        r.app.reader().article,
        Some(2),
        "the open article, at its new place"
    );
    assert!(screen.contains("3/3 · reader"), "{screen}");
    let r = run(three(), (100, 24), vec![act(Action::Reload, 0)]);
    assert!(
        r.screen().contains("nothing to load again from"),
        "{}",
        r.screen()
    );
}

#[test]
fn r_fetches_in_the_background_then_the_new_articles_are_listed() {
    let mut after = three();
    after
        .articles
        .insert(0, article("fresh", "Fetched story", "New.".into()).into());
    let loader: runtime::Loader = Box::new(move |_, _, _| Ok(std::sync::Arc::new(after.clone())));
    let fetcher: runtime::Fetcher = Box::new(|progress| {
        progress(1, 2);
        progress(2, 2);
        Ok(byline::app::Fetched {
            summary: "2 feeds: 1 new, 1 failed".into(),
            failures: vec!["https://example.com/feed: HTTP 404".into()],
            changed: true,
        })
    });
    let script = vec![act(Action::Down, 0), (Msg::key("r").unwrap(), 10)];
    let r = run_script(
        three(),
        (100, 24),
        script,
        None,
        Some(loader),
        Some(fetcher),
    );
    let screen = r.screen();
    assert!(screen.contains("Fetched story"), "{screen}");
    assert!(
        screen.contains("1 warning"),
        "the failure is in the warnings list: {screen}"
    );
    assert_eq!(
        r.app
            .selected_article()
            .map(|i| r.app.corpus().articles[i].id.as_str()),
        Some("1"),
        "the selection stays"
    );
    assert!(r.app.fetching().is_none());
    assert!(r.app.warnings().any(|w| w.contains("HTTP 404")));
    let r = run(three(), (100, 24), keys("r", 0));
    assert!(r.screen().contains("no feeds to fetch"), "{}", r.screen());
}

#[test]
fn a_number_then_o_opens_that_link_of_the_list() {
    let mut page = article(
        "p",
        "A page",
        "Text with links [1] [2]\nLinks:\n[1] https://a.example/\n[2] mailto:x@example.com".into(),
    );
    page.links = vec!["https://a.example/".into(), "mailto:x@example.com".into()];
    page.url = Some("https://site.example/page".into());
    let all = || corpus(vec![page.clone()]);
    let r = run(all(), (100, 24), keys("1o", 0));
    assert_eq!(r.host.opened, ["https://a.example/"]);
    let r = run(all(), (100, 24), keys("2o", 0));
    assert!(r.host.opened.is_empty(), "mailto is listed, not opened");
    let r = run(all(), (100, 24), keys("9y", 0));
    assert!(r.host.copied.is_empty());
    assert!(
        r.screen().contains("no link 9: this article lists 2"),
        "{}",
        r.screen()
    );
    let r = run(all(), (100, 24), keys("o", 0));
    assert_eq!(
        r.host.opened,
        ["https://site.example/page"],
        "no number: the article's own link"
    );
}
