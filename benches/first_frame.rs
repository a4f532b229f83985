//! Whole-process measurements of the reader in a pseudo-terminal: time from
//! spawn to the first complete frame, and CPU used while idle.
//!
//! `cargo bench --bench first_frame` measures the BBC corpus (when
//! ../shared is there), the bundled seed, and the feeds' archive as
//! `byline` with no PATH opens it: 100k items in 1,000 feeds, written under
//! /tmp and deleted after (`BYLINE_BENCH_ARCHIVE_ITEMS=N` for another size,
//! 0 for none); `BYLINE_BENCH_CORPUS=DIR` adds a corpus of your own.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop at the first surprise

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use byline::feeds::archive::Archive;
use byline::feeds::item::Item;
use byline::feeds::{Subscription, Subscriptions};

const RUNS: usize = 10;

/// Median time until the status bar, drawn last, shows `ready`.
fn first_frame_with(args: &[&str], ready: &str, env: &[(&str, &str)]) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mut session = pty::Session::start(args, 200, 60, env);
            session.wait_for(ready);
            let elapsed = start.elapsed();
            session.keys("q");
            session.wait_exit();
            elapsed
        })
        .collect();
    times.sort();
    times[RUNS / 2]
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
    let pid = session.child.process_id()?;
    let before = cpu_ticks(pid)?;
    std::thread::sleep(Duration::from_secs(10));
    let used = cpu_ticks(pid)? - before;
    session.keys("q");
    session.wait_exit();
    Some(used)
}

fn report(name: &str, args: &[&str], ready: &str) {
    report_with(name, args, ready, &[]);
}

fn report_with(name: &str, args: &[&str], ready: &str, env: &[(&str, &str)]) {
    let frame = first_frame_with(args, ready, env);
    println!(
        "{name}: first frame (median of {RUNS}) {:.1} ms",
        frame.as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter, if any, is ignored.
    report("seed", &[], "1/1 ·");
    let bbc = "../shared/corpus/bbc";
    if std::path::Path::new(bbc).is_dir() {
        report("bbc", &[bbc], "1/2127 ·");
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
        report(&dir, &[&dir], "1/");
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
    report_with(
        &format!("archive of {items} items"),
        &[],
        &format!("1/{items} ·"),
        &env,
    );
}
