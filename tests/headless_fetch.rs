//! The reader fetching by itself (`fetch_on_start`, `refresh_minutes`),
//! headless: the real loop, its workers and the real fetch, against a
//! feed served here on 127.0.0.1 that grows by one item a request.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;
#[path = "../src/fetch/test_server.rs"]
mod test_server;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use byline::app::Msg;
use byline::config::{Config, FetchConfig};
use byline::feeds::{Subscription, Subscriptions};
use byline::runtime::{self, ArchivePaths};
use byline::state::Store;
use byline::{Corpus, LoadOptions};
use common::headless::{Run, Script, run_configured};
use test_server::{Reply, Server};

/// The fetches' clock: a minute later at each fetch, over all tests.
static MINUTES: AtomicUsize = AtomicUsize::new(0);

/// A feed of `n` stories, `Story 0` first.
fn rss(n: usize) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>");
    for i in 0..n {
        xml.push_str(&format!(
            "<item><guid>s{i}</guid><title>Story {i}</title><description>Body {i}.</description></item>"
        ));
    }
    xml + "</channel></rss>"
}

/// A server whose feed has one more story at each request.
fn growing_feed() -> (Server, Arc<AtomicUsize>) {
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&asked);
    let server = Server::start(move |r| match r.path.as_str() {
        "/feed" => Reply::ok(rss(counter.fetch_add(1, Ordering::SeqCst) + 1)),
        _ => Reply::status(404),
    });
    (server, asked)
}

fn subscribe(dir: &Path, url: &str) -> ArchivePaths {
    let mut subs = Subscriptions::default();
    subs.add(Subscription::new(url)).unwrap();
    let feeds_file = dir.join("feeds.toml");
    subs.save(&feeds_file).unwrap();
    ArchivePaths {
        feeds_file,
        archive_dir: dir.join("archive"),
    }
}

/// Runs the reader on the (empty) archive with these settings.
fn read_archive(paths: &ArchivePaths, fetch: FetchConfig, script: Script) -> Run {
    read_archive_with(paths, fetch, script, None, Corpus::default())
}

/// [`read_archive`], from `corpus`, the reading state kept in `store`.
fn read_archive_with(
    paths: &ArchivePaths,
    fetch: FetchConfig,
    script: Script,
    store: Option<Store>,
    corpus: Corpus,
) -> Run {
    let config = Config {
        fetch,
        ..Config::default()
    };
    let dir = paths.archive_dir.clone();
    let loader: runtime::Loader = Box::new(move || {
        Corpus::load(std::slice::from_ref(&dir), &LoadOptions::default()).map_err(|e| e.to_string())
    });
    // Each fetch a minute after the last: first-fetch times differ, as
    // they do between sessions, without the test waiting for the clock.
    let clock: runtime::Clock =
        Box::new(|| 1_700_000_000 + 60 * MINUTES.fetch_add(1, Ordering::SeqCst) as i64);
    let fetcher = runtime::archive_fetcher_at(paths.clone(), clock);
    run_configured(
        config,
        corpus,
        (100, 24),
        script,
        (store, true),
        Some(loader),
        Some(fetcher),
    )
}

#[test]
fn fetch_on_start_fetches_once_and_lists_what_came() {
    let (server, asked) = growing_feed();
    let dir = tempfile::tempdir().unwrap();
    let paths = subscribe(dir.path(), &server.url("/feed"));
    let on_start = FetchConfig {
        on_start: true,
        refresh_minutes: 0,
    };
    let r = read_archive(&paths, on_start, vec![(Msg::Tick, 0), (Msg::Tick, 1)]);
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    let screen = r.screen();
    assert!(screen.contains("Story 0"), "{screen}");
    assert!(r.app.next_fetch().is_none(), "no refresh was asked for");
    let off = FetchConfig::default();
    let r = read_archive(&paths, off, vec![(Msg::Tick, 0), (Msg::Tick, 600_000)]);
    assert_eq!(asked.load(Ordering::SeqCst), 1, "off: no fetch by itself");
    assert!(!r.screen().contains("Story 0"), "not loaded either");
}

#[test]
fn a_reader_left_open_fetches_every_refresh_minutes() {
    let (server, asked) = growing_feed();
    let dir = tempfile::tempdir().unwrap();
    let paths = subscribe(dir.path(), &server.url("/feed"));
    let every_minute = FetchConfig {
        on_start: false,
        refresh_minutes: 1,
    };
    // Due at 1:00, then a minute after that fetch ended: 2:00 at the earliest.
    let ticks = [0, 30_000, 59_999, 60_000, 90_000, 119_999, 120_000, 150_000];
    let script = ticks.iter().map(|&t| (Msg::Tick, t)).collect();
    let r = read_archive(&paths, every_minute, script);
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    let screen = r.screen();
    assert!(
        screen.contains("Story 0") && screen.contains("Story 1"),
        "{screen}"
    );
    assert_eq!(r.app.next_fetch(), Some(byline::state::Stamp(180_000)));
}

/// The list's row showing `title`.
fn row_of<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("{title} is listed: {screen}"))
}

#[test]
fn what_each_fetch_brings_is_marked_new_until_the_next_session() {
    let (server, _) = growing_feed();
    let dir = tempfile::tempdir().unwrap();
    let paths = subscribe(dir.path(), &server.url("/feed"));
    let store = || {
        Some(Store::new(
            dir.path().join("state"),
            &["archive".to_owned()],
        ))
    };
    let load = || {
        Corpus::load(
            std::slice::from_ref(&paths.archive_dir),
            &LoadOptions::default(),
        )
    };
    let r_key = || Msg::key("r").unwrap();
    // The first session fetches Story 0 with r: new.
    let first = read_archive_with(
        &paths,
        FetchConfig::default(),
        vec![(Msg::Tick, 0), (r_key(), 1000)],
        store(),
        Corpus::default(),
    );
    let screen = first.screen();
    assert!(row_of(&screen, "Story 0").contains('✦'), "{screen}");
    // The next session: Story 0 is old; its fetch brings Story 1, new,
    // and the selection stays on the article it was on.
    let second = read_archive_with(
        &paths,
        FetchConfig::default(),
        vec![(Msg::Tick, 0), (r_key(), 1000)],
        store(),
        load().unwrap(),
    );
    let screen = second.screen();
    assert!(!row_of(&screen, "Story 0").contains('✦'), "{screen}");
    assert!(row_of(&screen, "Story 1").contains('✦'), "{screen}");
    let selected = second
        .app
        .selected_article()
        .map(|i| &second.app.corpus().articles[i]);
    assert_eq!(selected.map(|a| a.title.as_str()), Some("Story 0"));
    assert_eq!(second.app.new_count(), 1);
}
