//! Whole-process measurements of the reader in a pseudo-terminal: time from
//! spawn to the first complete frame, to the selected article's body, and
//! to the first key handled; and CPU used while idle.
//!
//! `cargo bench --bench first_frame` measures the BBC corpus (when
//! ../shared is there) and the bundled seed; `BYLINE_BENCH_CORPUS=DIR`
//! adds a corpus of your own (e.g. 100k generated articles, or a file of a
//! million JSON Lines entries). Each corpus is measured cold (no listing
//! cached, as on a first start) and warm (from the listing the last start
//! left, the bodies loading behind the first frame). The feeds' archive is
//! measured as `byline` with no PATH opens it: 100k items in 1,000 feeds,
//! written under /tmp and deleted after (`BYLINE_BENCH_ARCHIVE_ITEMS=N`
//! for another size, 0 for none).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops at the first surprise

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use byline::feeds::archive::Archive;
use byline::feeds::item::Item;
use byline::feeds::{Subscription, Subscriptions};

const RUNS: usize = 10;

/// What one start took, from spawning the process.
#[derive(Clone, Copy)]
struct Start {
    /// The status bar, drawn last, shows the first row.
    frame: Duration,
    /// The selected article's body is on screen (not `reading…`).
    article: Duration,
    /// A key typed at the first frame (`j`) has moved the selection.
    key: Duration,
    /// The first frame came from the listing, the corpus loading behind.
    listed: bool,
}

/// Polls the screen every half millisecond until `done` holds.
fn until(session: &pty::Session, done: impl Fn(&str) -> bool) {
    let start = Instant::now();
    while !done(&session.screen()) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{}",
            session.screen()
        );
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn start_once(args: &[&str], cache: Option<&str>, extra: &[(&str, &str)]) -> Start {
    let mut env: Vec<(&str, &str)> = cache.map(|c| ("XDG_CACHE_HOME", c)).into_iter().collect();
    env.extend_from_slice(extra);
    let begun = Instant::now();
    let mut session = pty::Session::start(args, 200, 60, &env);
    until(&session, |s| s.contains(" 1/"));
    let frame = begun.elapsed();
    let listed = session.screen().contains("loading");
    // One article (the seed): no second row for `j` to move to.
    let key = match session.screen().contains(" 1/1 ") {
        true => frame,
        false => {
            session.keys("j");
            until(&session, |s| s.contains(" 2/"));
            begun.elapsed()
        }
    };
    until(&session, |s| !s.contains("reading…"));
    let article = begun.elapsed();
    session.keys("q");
    session.wait_exit();
    Start {
        frame,
        article,
        key,
        listed,
    }
}

/// Runs the reader until it has loaded the corpus and left its listing
/// in `cache`, written behind the first frame (30 s at most).
fn prime(args: &[&str], cache: &str, extra: &[(&str, &str)]) {
    let mut env = vec![("XDG_CACHE_HOME", cache)];
    env.extend_from_slice(extra);
    let mut session = pty::Session::start(args, 200, 60, &env);
    let listed = || {
        let dir = std::path::Path::new(cache).join("byline");
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // Written whole: renamed from its temporary name.
                .any(|name| name.starts_with("listing-") && !name.ends_with(".tmp"))
        })
    };
    // The seeds have no listing: a bounded wait, then on.
    let begun = Instant::now();
    let loaded = || listed() && !session.screen().contains("loading");
    while !loaded() && begun.elapsed().as_secs() < 30 {
        std::thread::sleep(Duration::from_millis(10));
    }
    session.keys("q");
    session.wait_exit();
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

fn report(name: &str, args: &[&str]) {
    report_with(name, args, &[]);
}

/// [`report`], with `extra` in the environment.
fn report_with(name: &str, args: &[&str], extra: &[(&str, &str)]) {
    let cache = tempfile::tempdir().expect("a temporary folder");
    let cache = cache.path().to_str().expect("a UTF-8 temporary path");
    for warm in [false, true] {
        if warm {
            prime(args, cache, extra);
        }
        let starts: Vec<Start> = (0..RUNS)
            .map(|_| start_once(args, warm.then_some(cache), extra))
            .collect();
        let listed = starts.iter().filter(|s| s.listed).count();
        println!(
            "{name} ({}, {listed} of {RUNS} from the listing): first frame {:.1} ms, article {:.1} ms, first key {:.1} ms (medians)",
            if warm { "warm" } else { "cold" },
            median(starts.iter().map(|s| s.frame).collect()),
            median(starts.iter().map(|s| s.article).collect()),
            median(starts.iter().map(|s| s.key).collect()),
        );
    }
}

/// CPU ticks (user + system) of a process, from /proc.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn idle_cpu(args: &[&str], ready: &str) -> Option<u64> {
    let mut session = pty::Session::start(args, 200, 60, &[]);
    session.wait_for(ready);
    // The load behind the first frame, and the listing written after it.
    std::thread::sleep(Duration::from_secs(2));
    let pid = session.child.process_id()?;
    let before = cpu_ticks(pid)?;
    std::thread::sleep(Duration::from_secs(10));
    let used = cpu_ticks(pid)? - before;
    session.keys("q");
    session.wait_exit();
    Some(used)
}

fn main() {
    // `cargo bench` passes --bench; a filter, if any, is ignored.
    report("seed", &[]);
    let bbc = "../shared/corpus/bbc";
    if std::path::Path::new(bbc).is_dir() {
        report("bbc", &[bbc]);
        match idle_cpu(&[bbc], "1/2127 ·") {
            Some(ticks) => println!("bbc: CPU while idle for 10 s: {ticks} ticks (1 tick = 10 ms)"),
            None => println!("bbc: idle CPU not measured (no /proc)"),
        }
    } else {
        println!("skipped bbc: {bbc} is absent");
    }
    let items = std::env::var("BYLINE_BENCH_ARCHIVE_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    if items > 0 {
        archive_first_frame(items);
    }
    if let Ok(dir) = std::env::var("BYLINE_BENCH_CORPUS") {
        report(&dir, &[&dir]);
    }
}

/// Feeds of 100 items each, `items` in all, as `byline fetch` writes them,
/// subscribed in `home`'s feeds.toml.
fn write_archive(home: &Path, items: usize) {
    let archive = Archive::new(home.join("data/byline/feeds"));
    let mut subs = Subscriptions::default();
    let summary = "A paragraph of the summary, as feeds carry them. ".repeat(6);
    for feed in 0..items.div_ceil(100) {
        let url = format!("https://feed{feed}.example/rss");
        let kept: Vec<Item> = (0..100.min(items - feed * 100))
            .map(|i| Item {
                id: format!("https://feed{feed}.example/{i}"),
                title: format!("Story {i} of feed {feed}"),
                url: Some(format!("https://feed{feed}.example/{i}")),
                date: Some(format!(
                    "2025-06-{:02}T04:{:02}:00+00:00",
                    1 + i % 28,
                    i % 60
                )),
                section: format!("Feed {feed}"),
                source: Some(format!("Feed {feed}")),
                summary: Some(summary.trim_end().to_owned()),
                first_seen: 1_750_000_000 + i as i64,
                ..Item::default()
            })
            .collect();
        archive.write_items(&url, &kept).unwrap();
        subs.add(Subscription::new(&url)).unwrap();
    }
    std::fs::create_dir_all(home.join("config/byline")).unwrap();
    subs.save(&home.join("config/byline/feeds.toml")).unwrap();
}

fn archive_first_frame(items: usize) {
    let home = tempfile::Builder::new()
        .prefix("byline-bench-archive")
        .tempdir_in("/tmp")
        .unwrap();
    let started = Instant::now();
    write_archive(home.path(), items);
    println!(
        "archive of {items} items written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (config, data) = (home.path().join("config"), home.path().join("data"));
    let env = [
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    report_with(&format!("archive of {items} items"), &[], &env);
}
