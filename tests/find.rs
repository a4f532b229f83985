//! Issue 14 on the command line: fzf's extended syntax and folding in
//! `byline search`, the same results as the library the overlay ranks with,
//! and `search --text` with its snippets.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::path::Path;
use std::process::{Command, Output};

use byline::{Corpus, LoadOptions};

fn byline(args: &[&str]) -> Output {
    let nowhere = Path::new(env!("CARGO_TARGET_TMPDIR")).join("find-no-home");
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .env("XDG_CONFIG_HOME", nowhere.join("config"))
        .env("XDG_STATE_HOME", nowhere.join("state"))
        .env("XDG_CACHE_HOME", nowhere.join("cache"))
        .args(args)
        .output()
        .expect("byline runs")
}

/// The fourth column (titles) of `byline search` for `query` over `path`.
fn cli_titles(path: &Path, query: &str) -> Vec<String> {
    let out = byline(&["search", query, &path.to_string_lossy()]);
    // Nothing found exits 1, quietly, as grep does.
    let code = if out.stdout.is_empty() { 1 } else { 0 };
    assert_eq!(out.status.code(), Some(code), "{query}: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').nth(3).unwrap().to_owned())
        .collect()
}

/// A directory of articles with accents, combining marks and CJK.
fn accented() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "a.txt",
            "Zürich wins the cup\n\nThe final in Zürich was close.",
        ),
        ("b.txt", "ÉTÉ chaud à Paris\n\nUn été très chaud."),
        (
            "c.txt",
            "São Paulo floods\n\nRain fell on São Paulo all week.",
        ),
        ("d.txt", "Erdoğan speaks\n\nThe president spoke in Ankara."),
        ("e.txt", "Cafe\u{301} society\n\nThe cafe\u{301} was full."),
        ("f.txt", "中非合作论坛开幕\n\n北京举行中非合作论坛会议。"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn folding_and_unicode_smart_case_on_the_command_line() {
    let dir = accented();
    let p = dir.path();
    assert_eq!(cli_titles(p, "zurich"), ["Zürich wins the cup"]);
    assert_eq!(cli_titles(p, "sao paulo"), ["São Paulo floods"]);
    assert_eq!(cli_titles(p, "erdogan"), ["Erdoğan speaks"]);
    assert_eq!(cli_titles(p, "été"), ["ÉTÉ chaud à Paris"]);
    assert_eq!(cli_titles(p, "'cafe soc"), ["Cafe\u{301} society"]);
    assert_eq!(cli_titles(p, "zürich"), ["Zürich wins the cup"]);
    assert!(
        cli_titles(p, "zÜrich").is_empty(),
        "an uppercase letter makes case count"
    );
    assert_eq!(cli_titles(p, "'中非 开幕$"), ["中非合作论坛开幕"]);
}

#[test]
fn the_command_line_ranks_as_the_library_does() {
    let Some(bbc) = common::bbc() else { return };
    let corpus = Corpus::load(std::slice::from_ref(&bbc), &LoadOptions::default()).unwrap();
    for query in [
        "blair brown",
        "brown blair",
        "'blair !brown",
        "^blair",
        "row$",
        "'mutu | 'wenger",
        "blair\\ and",
    ] {
        let hits = byline::search::rank(&corpus.articles, query, &|| false).unwrap();
        let library: Vec<String> = hits
            .iter()
            .map(|h| corpus.articles[h.index].title.clone())
            .collect();
        assert!(!library.is_empty(), "{query}");
        assert_eq!(cli_titles(&bbc, query), library, "{query}");
    }
}

#[test]
fn search_text_prints_the_snippet_as_a_fifth_column() {
    let Some(bbc) = common::bbc() else { return };
    let out = byline(&[
        "search",
        "--text",
        "-n",
        "5",
        "rift blair",
        &bbc.to_string_lossy(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 5, "{text}");
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        let snippet = fields[4].to_lowercase();
        assert!(
            snippet.contains("rift") || snippet.contains("blair"),
            "{line}"
        );
    }
}

#[test]
fn search_text_json_adds_score_and_snippet() {
    let dir = accented();
    let out = byline(&[
        "search",
        "--text",
        "--json",
        "sao paulo",
        &dir.path().to_string_lossy(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0]["score"].as_f64().unwrap() > 0.0);
    let snippet = &lines[0]["snippet"];
    let s = snippet["text"].as_str().unwrap();
    assert_eq!(s, "Rain fell on São Paulo all week.");
    let first = &snippet["highlights"][0];
    let (a, b) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&s[a..b], "São");
}

#[test]
fn search_text_phrases_exclusions_prefixes_and_cjk() {
    let dir = accented();
    let p = dir.path().to_string_lossy().into_owned();
    let titles = |q: &str| -> Vec<String> {
        let out = byline(&["search", "--text", q, &p]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').nth(3).unwrap().to_owned())
            .collect()
    };
    assert_eq!(titles("\"sao paulo\""), ["São Paulo floods"]);
    assert!(titles("\"paulo sao\"").is_empty());
    assert_eq!(titles("the -zurich -cafe"), ["Erdoğan speaks"]);
    assert_eq!(titles("presid*"), ["Erdoğan speaks"]);
    assert_eq!(titles("合作论坛"), ["中非合作论坛开幕"]);
}

/// Articles with sections, sources, authors, tags and dates, as JSON Lines.
fn described() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id":"1","title":"Cup final tonight","section":"sport","source":"Reuters","author":"Ann Smith","tags":["football"],"date":"2005-01-10T00:00:00Z","body":"The cup final is tonight."}"#,
        r#"{"id":"2","title":"Budget day","section":"business","source":"BBC","author":"Bob Jones","tags":["tax"],"date":"2004-12-01T00:00:00Z","body":"The budget raises tax."}"#,
        r#"{"id":"3","title":"Old cup memories","section":"sport","source":"BBC","author":"Ann Smith","tags":[],"date":"2004-06-01T00:00:00Z","body":"A cup won long ago."}"#,
    ];
    std::fs::write(dir.path().join("a.jsonl"), lines.join("\n")).unwrap();
    dir
}

fn list_titles(dir: &Path, filter: &str) -> Vec<String> {
    let out = byline(&["list", "--filter", filter, &dir.to_string_lossy()]);
    assert!(out.status.success(), "{filter}: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').nth(3).unwrap().to_owned())
        .collect()
}

#[test]
fn list_filter_terms_combine() {
    let dir = described();
    let p = dir.path();
    assert_eq!(
        list_titles(p, "section:sport"),
        ["Cup final tonight", "Old cup memories"]
    );
    assert_eq!(
        list_titles(p, "section:sport -source:bbc"),
        ["Cup final tonight"]
    );
    assert_eq!(
        list_titles(p, "author:smith after:2005-01-01"),
        ["Cup final tonight"]
    );
    assert_eq!(list_titles(p, "before:2004-12-31 tag:tax"), ["Budget day"]);
    assert_eq!(list_titles(p, "cup -tonight"), ["Old cup memories"]);
    assert_eq!(list_titles(p, "is:unread section:business"), ["Budget day"]);
    assert!(list_titles(p, "is:starred").is_empty());
}

#[test]
fn search_filter_keeps_the_ranking() {
    let dir = described();
    let p = dir.path().to_string_lossy().into_owned();
    let out = byline(&["search", "--filter", "-section:business", "cup", &p]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 2, "{text}");
    let out = byline(&[
        "search",
        "--text",
        "--filter",
        "after:2005-01-01",
        "cup",
        &p,
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("Cup final tonight\tThe cup final is tonight."),
        "{text}"
    );
}

#[test]
fn a_malformed_filter_exits_2_naming_the_term() {
    let dir = described();
    let out = byline(&[
        "list",
        "--filter",
        "section:sport after:yesterdayish",
        &dir.path().to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "byline: filter after:yesterdayish: not a date; write after:YYYY-MM-DD"
    );
    assert!(out.stdout.is_empty());
}

/// `fzf --filter` on the same titles, when fzf is installed: the set of
/// titles each query matches must be the same (the order is byline's own).
#[test]
fn matches_the_same_titles_as_fzf_when_it_is_installed() {
    use std::io::Write;
    let Some(bbc) = common::bbc() else { return };
    let Ok(probe) = Command::new("fzf").arg("--version").output() else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    let corpus = Corpus::load(std::slice::from_ref(&bbc), &LoadOptions::default()).unwrap();
    let mut titles: Vec<String> = corpus.articles.iter().map(|a| a.title.clone()).collect();
    titles.extend(
        [
            "Zürich wins",
            "zürich loses",
            "ÉTÉ chaud à Paris",
            "São Paulo floods",
            "Erdoğan speaks",
        ]
        .map(String::from),
    );
    let articles: Vec<byline::Article> = titles
        .iter()
        .map(|t| byline::Article {
            title: t.clone(),
            ..Default::default()
        })
        .collect();
    for query in [
        "blair brown",
        "'blair 'brown",
        "^blair",
        "row$",
        "'mutu | 'wenger",
        "blair !brown",
        "!'blair",
        "blair\\ and",
        "Blair",
        "tax | vat !rise",
        "zurich",
        "Zürich",
        "ete",
        "ÉTÉ",
        "sao paulo",
        "erdogan",
    ] {
        let mut fzf = Command::new("fzf")
            .args(["--filter", query])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        fzf.stdin
            .take()
            .unwrap()
            .write_all(titles.join("\n").as_bytes())
            .unwrap();
        let out = fzf.wait_with_output().unwrap();
        let mut theirs: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect();
        let hits = byline::search::rank(&articles, query, &|| false).unwrap();
        let mut ours: Vec<String> = hits.iter().map(|h| titles[h.index].clone()).collect();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{query}");
    }
}
