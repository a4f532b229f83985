//! The message loop, measured on the real binary in a pseudo-terminal over
//! 1M titles: CPU ticks over 10 s while idle, right after a search over
//! every title finished, and with the finder open and nothing typed (all
//! should be 0); and the time from a key to the frame that shows it while
//! a search over every title runs (the aim: one frame, 16 ms).
//!
//! `cargo bench --bench idle` (`BYLINE_IDLE_TITLES=N` for another size).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops at the first surprise

#[path = "../tests/common/pty.rs"]
mod pty;

use std::io::Write;
use std::time::{Duration, Instant};

/// Writes `n` titles of a few words each as JSON Lines.
fn corpus(n: usize, dir: &std::path::Path) -> std::path::PathBuf {
    const WORDS: &[&str] = &[
        "minister", "election", "market", "shares", "profit", "talks", "crisis", "police", "court",
        "chelsea", "league", "final", "record", "music", "film", "award", "china", "europe",
        "budget", "storm", "strike", "bank", "rates", "oil",
    ];
    let path = dir.join("titles.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("a file"));
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for i in 0..n {
        let mut title = String::new();
        for _ in 0..6 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            title.push_str(WORDS[(seed % WORDS.len() as u64) as usize]);
            title.push(' ');
        }
        writeln!(out, r#"{{"title": "{title}{i}", "body": "text"}}"#).expect("written");
    }
    out.flush().expect("written");
    path
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc");
    let fields: Vec<&str> = stat[stat.rfind(')').expect("a name") + 2..]
        .split(' ')
        .collect();
    fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime")
}

fn ticks_over_10s(pid: u32) -> u64 {
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(10));
    cpu_ticks(pid) - before
}

/// Polls the screen every 0.2 ms until it shows `text`.
fn wait_fine(s: &pty::Session, text: &str) -> Duration {
    let start = Instant::now();
    while !s.screen().contains(text) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "never showed {text:?}"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    start.elapsed()
}

fn main() {
    let n: usize = std::env::var("BYLINE_IDLE_TITLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = corpus(n, dir.path());
    let mut s = pty::Session::start(&[&path.to_string_lossy()], 160, 40, &[]);
    s.wait_for(&format!("1/{n} ·"));
    let pid = s.child.process_id().expect("a pid");
    // The start's tail settles first: the finder's worker builds its title
    // index, and the load's buffers go back to the system.
    std::thread::sleep(Duration::from_secs(20));
    println!(
        "{n} titles: CPU ticks over 10 s, idle: {}",
        ticks_over_10s(pid)
    );

    s.keys("\x10"); // ctrl-p
    s.wait_for("Find an article");
    s.keys("e"); // a query matching nearly every title
    s.wait_for("> e");
    // The count has no ellipsis once the ranking is whole.
    let complete = |s: &pty::Session| {
        let screen = s.screen();
        let line = screen
            .lines()
            .find(|l| l.contains("> e"))
            .unwrap_or_default()
            .to_owned();
        !line.contains('…') && line.contains(&format!("/{n}"))
    };
    let start = Instant::now();
    while !complete(&s) && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(1));
    }
    println!(
        "{n} titles: CPU ticks over 10 s, after a search finished: {}",
        ticks_over_10s(pid)
    );

    s.keys("\x1b"); // esc, then the finder again, nothing typed
    let start = Instant::now();
    while s.screen().contains("Find an article") {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the finder stayed open"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    s.keys("\x10");
    s.wait_for("Find an article");
    println!(
        "{n} titles: CPU ticks over 10 s, finder open, nothing typed: {}",
        ticks_over_10s(pid)
    );

    // Each key starts a pass over every title (the query only shrinks or
    // changes its first letter, so no earlier result can be narrowed).
    let mut times = Vec::new();
    let mut query = String::new();
    for i in 0..40 {
        let c = ['a', 'e', 'i', 'o', 'r', 's', 't'][i % 7];
        if query.len() >= 2 {
            s.keys("\x15"); // ctrl-u: a new query
            query.clear();
            wait_fine(&s, "> ");
        }
        query.push(c);
        s.keys(&c.to_string());
        times.push(wait_fine(&s, &format!("> {query}")));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{n} titles: key to frame while ranking, {} keys: median {:.1} ms, worst {:.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
    s.keys("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    s.keys("q");
    s.wait_exit();
}
