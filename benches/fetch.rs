//! `byline fetch` of 100 feeds of 50 items each from a server on
//! 127.0.0.1: the first fetch (every feed new) and a refetch (every feed
//! answers 304), wall time and peak memory of the real binary, measured
//! with `/usr/bin/time -v` when it is there. `cargo bench --bench fetch`
//! (`BYLINE_FETCH_FEEDS=N`, `BYLINE_FETCH_ITEMS=N` for other sizes).
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop at the first surprise, like a test

#[path = "../src/fetch/test_server.rs"]
mod test_server;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use test_server::{Reply, Server};

fn feed(n: usize, items: usize) -> String {
    let mut xml =
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {n}</title>");
    for i in 0..items {
        xml.push_str(&format!(
            "<item><guid>https://example.com/{n}/{i}</guid><title>Story {i} of feed {n}</title>\
             <link>https://example.com/{n}/{i}</link><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>\
             <description>&lt;p&gt;{}&lt;/p&gt;</description></item>",
            "A paragraph of the summary, as feeds carry them. ".repeat(12)
        ));
    }
    xml + "</channel></rss>"
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(home: &Path, label: &str) {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(env!("CARGO_BIN_EXE_byline"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_byline"))
    };
    command
        .args(["fetch", "--json"])
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    let started = Instant::now();
    let out = command.output().expect("byline runs");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .unwrap_or("?");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON summary");
    println!(
        "{label}: {:.0} ms, peak RSS {rss} KiB, {} new, {} failed",
        elapsed.as_secs_f64() * 1000.0,
        summary["new"],
        summary["failed"]
    );
}

fn main() {
    let (feeds, items) = (
        env_number("BYLINE_FETCH_FEEDS", 100),
        env_number("BYLINE_FETCH_ITEMS", 50),
    );
    let bodies: Vec<String> = (0..feeds).map(|n| feed(n, items)).collect();
    let server = Server::start(move |r| {
        let n: usize = r
            .path
            .trim_start_matches("/feed/")
            .parse()
            .unwrap_or(usize::MAX);
        let etag = format!("\"{n}\"");
        match bodies.get(n) {
            Some(_) if r.header("if-none-match") == Some(etag.as_str()) => Reply::status(304),
            Some(body) => Reply::ok(body.clone()).header("ETag", &etag),
            None => Reply::status(404),
        }
    });
    let home = tempfile::tempdir().unwrap();
    let mut toml = String::new();
    for n in 0..feeds {
        toml.push_str(&format!(
            "[[feed]]\nurl = \"{}\"\n",
            server.url(&format!("/feed/{n}"))
        ));
    }
    let config = home.path().join("config/byline");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("feeds.toml"), toml).unwrap();
    println!("{feeds} feeds of {items} items from 127.0.0.1 (2 connections to the one host)");
    run(home.path(), "first fetch");
    run(home.path(), "refetch (all 304)");
}
