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
    let loader: runtime::Loader = Box::new(move |_, _, _| {
        Corpus::load(std::slice::from_ref(&dir), &LoadOptions::default())
            .map(Arc::new)
            .map_err(|e| e.to_string())
    });
    // Each fetch a minute after the last: first-fetch times differ, as
    // they do between sessions, without the test waiting for the clock.
    let clock: runtime::Clock =
        Box::new(|| 1_700_000_000 + 60 * MINUTES.fetch_add(1, Ordering::SeqCst) as i64);
    let fetcher = runtime::archive_fetcher_at(paths.clone(), clock);
    let full_texter = runtime::archive_full_texter(paths.clone(), LoadOptions::default());
    run_configured(
        config,
        corpus,
        (100, 24),
        script,
        (store, true),
        Some(loader),
        (Some(fetcher), Some(full_texter)),
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

/// A local feed whose one item links to a page on the same server, and
/// a second to a page that is not there.
fn feed_with_pages() -> Server {
    Server::start(|r| match r.path.as_str() {
        "/feed" => {
            let host = r.header("host").unwrap_or("").to_owned();
            Reply::ok(format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>\
                 <item><guid>a</guid><title>Has a page</title><link>http://{host}/story</link>\
                 <description>Teaser only.</description></item>\
                 <item><guid>b</guid><title>Lost page</title><link>http://{host}/gone</link>\
                 <description>Teaser too.</description></item></channel></rss>"
            ))
        }
        "/story" => Reply::ok(
            "<html><head><title>Has a page</title></head><body><nav>Home · About</nav>\
             <article><p>The whole story begins here, told at the length the feed would \
             not give it, with every detail the summary left out.</p><p>And it goes on \
             to a second paragraph, which a teaser never has room for.</p></article></body></html>",
        ),
        _ => Reply::status(404),
    })
}

#[test]
fn f_fetches_the_whole_page_into_the_archive_and_the_reader_shows_it() {
    let server = feed_with_pages();
    let dir = tempfile::tempdir().unwrap();
    let paths = subscribe(dir.path(), &server.url("/feed"));
    let key = |k: &str| Msg::key(k).unwrap();
    // Fetch, open the first item, F; then the second item, F.
    let script = vec![
        (key("r"), 0),
        (key("g"), 1),
        (key("enter"), 2),
        (key("F"), 3),
        (Msg::Tick, 4),
    ];
    let r = read_archive(&paths, FetchConfig::default(), script);
    let screen = r.screen();
    assert!(screen.contains("The whole story begins here"), "{screen}");
    assert!(
        screen.contains("full text"),
        "marked in the meta line: {screen}"
    );
    assert!(
        !screen.contains("Home · About"),
        "the page's article only: {screen}"
    );
    let archive = byline::feeds::archive::Archive::new(&paths.archive_dir);
    let items = archive.read_items(&server.url("/feed")).unwrap();
    let story = items.iter().find(|i| i.id == "a").unwrap();
    assert!(story.full_text);
    assert_eq!(story.summary.as_deref(), Some("Teaser only."), "kept");
    let lost = vec![(key("G"), 1), (key("F"), 2), (Msg::Tick, 3)];
    let loaded = Corpus::load(
        std::slice::from_ref(&paths.archive_dir),
        &LoadOptions::default(),
    );
    let r = read_archive_with(&paths, FetchConfig::default(), lost, None, loaded.unwrap());
    assert!(
        r.app
            .warnings()
            .any(|w| w.contains("full text of Lost page") && w.contains("HTTP 404")),
        "{:?}",
        r.app.warnings().collect::<Vec<_>>()
    );
    assert!(r.app.fetching_full_text().is_none());
}

#[test]
fn f_on_an_article_not_from_the_archive_says_so() {
    let corpus = Corpus {
        articles: vec![std::sync::Arc::new(byline::Article {
            id: "notes.txt".into(),
            title: "Notes".into(),
            url: Some("https://example.com/".into()),
            ..byline::Article::default()
        })],
        ..Corpus::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let paths = subscribe(dir.path(), "http://127.0.0.1:9/feed");
    let script = vec![(Msg::key("F").unwrap(), 0)];
    let r = read_archive_with(&paths, FetchConfig::default(), script, None, corpus);
    assert!(
        r.screen().contains("not from the feeds' archive"),
        "{}",
        r.screen()
    );
    assert!(r.app.fetching_full_text().is_none());
}
