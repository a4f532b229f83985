//! The `byline` binary as scripts use it: output, stderr and exit codes.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::fs;
use std::process::{Command, Output};

/// The binary, with no configuration or saved state of the user's.
fn byline_command() -> Command {
    let nowhere = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_byline"));
    command
        .env("XDG_CONFIG_HOME", nowhere.join("config"))
        .env("XDG_STATE_HOME", nowhere.join("state"))
        .env("XDG_CACHE_HOME", nowhere.join("cache"));
    command
}

fn byline(args: &[&str]) -> Output {
    byline_command().args(args).output().expect("byline runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn list_with_no_path_shows_the_bundled_seed() {
    let out = byline(&["list"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "000_67028faab5672e93.txt\t-\t-\tChina cracks down on instant messaging services\n"
    );
}

#[test]
fn show_wraps_to_the_width_asked() {
    let out = byline(&["show", "000_67028faab5672e93.txt", "--width", "40"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "China cracks down on instant messaging");
    assert_eq!(lines[1], "services");
    assert_eq!(lines[2], "284 words · 2 min read");
    assert_eq!(lines[3], "");
    assert!(lines.iter().all(|l| l.chars().count() <= 40), "{text}");
    assert!(!text.contains("advertisement"));
}

#[test]
fn show_json_has_the_paragraphs() {
    let out = byline(&["show", "000_67028faab5672e93.txt", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["paragraphs"].as_array().map(Vec::len), Some(8));
    assert_eq!(json["id"], "000_67028faab5672e93.txt");
    assert_eq!(json["words"], 284);
}

#[test]
fn a_missing_path_exits_2_with_one_line() {
    let out = byline(&["list", "no/such/place"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "byline: no/such/place: no such file or directory\n"
    );
}

#[test]
fn an_unknown_id_exits_1() {
    let out = byline(&["show", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no article with id \"nope\""));
}

#[test]
fn warnings_go_to_stderr_with_a_count_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("good.txt"), "Good\nbody").expect("write");
    fs::write(dir.path().join("bad.json"), "[{").expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let out = byline(&["list", &path]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "good.txt\t-\t-\tGood\n");
    let err = stderr(&out);
    assert!(
        err.contains("bad.json: malformed JSON: EOF while parsing"),
        "{err}"
    );
    assert!(
        err.ends_with("byline: 1 warning; skipped or cut what they name\n"),
        "{err}"
    );
    let quiet = byline(&["list", "--quiet", &path]);
    assert_eq!(
        stderr(&quiet),
        "byline: 1 warning; skipped or cut what they name\n"
    );
}

#[test]
fn list_json_is_json_lines_with_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("f.jsonl"),
        "{\"title\": \"A\", \"url\": \"https://a\", \"date\": \"2024-01-01\", \"source\": {\"name\": \"S\"}}\n",
    )
    .expect("write");
    let out = byline(&["list", "--json", &dir.path().to_string_lossy()]);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(line["id"], "f.jsonl#1");
    assert_eq!(line["url"], "https://a");
    assert_eq!(line["source"], "S");
    assert_eq!(line["date"], "2024-01-01T00:00:00+00:00");
}

#[test]
fn search_ranks_and_limits() {
    let Some(bbc) = common::bbc() else { return };
    let out = byline(&["search", "mutu", "--limit", "2", &bbc.to_string_lossy()]);
    assert_eq!(
        stdout(&out),
        "sport/199.txt\tsport\t-\tChelsea sack Mutu\nsport/201.txt\tsport\t-\tWenger offers Mutu hope\n"
    );
}

#[test]
fn a_limited_search_prints_the_first_lines_of_the_whole_one() {
    let Some(bbc) = common::bbc() else { return };
    let bbc = bbc.to_string_lossy();
    for query in [
        "e",
        "mutu",
        "chel",
        "'tax !oil",
        "^Blair",
        "oil | tax",
        "s$",
        "xqzjw",
    ] {
        let whole = stdout(&byline(&["search", query, &bbc]));
        for limit in [1, 5, 40] {
            let top = byline(&["search", "-n", &limit.to_string(), query, &bbc]);
            let first: String = whole
                .lines()
                .take(limit)
                .map(|l| format!("{l}\n"))
                .collect();
            assert_eq!(stdout(&top), first, "{query:?} -n {limit}");
            assert_eq!(top.status.success(), !whole.is_empty(), "{query:?}");
        }
    }
}

#[test]
fn stats_counts_the_corpus() {
    let Some(bbc) = common::bbc() else { return };
    let out = byline(&["stats", &bbc.to_string_lossy()]);
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "articles    2127\nsections    5\n  business               503  (+7 duplicates)\n"
        ),
        "{text}"
    );
    assert!(text.contains("duplicates  98 "), "{text}");
    assert!(text.contains("warnings    0\n"), "{text}");
}

#[test]
fn output_to_a_closed_pipe_is_not_an_error() {
    let Some(bbc) = common::bbc() else { return };
    let mut child = byline_command()
        .args(["list", &bbc.to_string_lossy()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn list_unread_and_starred_follow_the_saved_state() {
    use byline::state::{ReadingState, Stamp, Store};
    let home = tempfile::tempdir().expect("tempdir");
    let news = home.path().join("news");
    fs::create_dir(&news).expect("mkdir");
    for name in ["a", "b", "c"] {
        fs::write(
            news.join(format!("{name}.txt")),
            format!("Title {name}\nbody"),
        )
        .expect("write");
    }
    let root = news.to_string_lossy().into_owned();
    // What the reader would have saved for this corpus.
    let mut state = ReadingState::default();
    state.mark_read("a.txt", Stamp(1));
    state.toggle_star("b.txt", Stamp(2));
    state.mark_read("c.txt", Stamp(3));
    state.toggle_star("c.txt", Stamp(4));
    Store::new(
        home.path().join("state/byline"),
        std::slice::from_ref(&root),
    )
    .save(&state)
    .expect("save");
    let titles = |flag: &str| {
        let out = common::byline_in(home.path(), &["list", flag, &root]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| l.rsplit('\t').next().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(titles("--unread"), "Title b");
    assert_eq!(titles("--starred"), "Title b,Title c");
    assert_eq!(titles("--quiet"), "Title a,Title b,Title c");
    let both = common::byline_in(home.path(), &["list", "--unread", "--starred", &root]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn list_unread_with_no_saved_state_lists_everything() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = common::byline_in(home.path(), &["list", "--unread"]);
    assert_eq!(
        stdout(&out),
        "000_67028faab5672e93.txt\t-\t-\tChina cracks down on instant messaging services\n"
    );
    assert!(
        !home.path().join("state").exists(),
        "listing writes nothing"
    );
}

#[test]
fn search_reads_the_listing_of_an_unchanged_corpus_from_the_cache() {
    let Some(bbc) = common::bbc() else { return };
    let home = tempfile::tempdir().unwrap();
    let args = ["search", "-n", "3", "mutu", bbc.to_str().unwrap()];
    let first = common::byline_in(home.path(), &args);
    assert!(first.status.success(), "{}", stderr(&first));
    let cached = fs::read_dir(home.path().join("cache/byline"))
        .unwrap()
        .count();
    assert_eq!(cached, 1);
    let listing = fs::read_dir(home.path().join("cache/byline")).unwrap();
    let listing = listing.map(|e| e.unwrap().path()).next().unwrap();
    let written = fs::metadata(&listing).unwrap().modified().unwrap();
    let second = common::byline_in(home.path(), &args);
    assert_eq!(stdout(&second), stdout(&first));
    assert_eq!(stderr(&second), stderr(&first));
    assert!(stdout(&first).starts_with("sport/"), "{}", stdout(&first));
    assert!(
        stdout(&first)
            .lines()
            .next()
            .unwrap()
            .ends_with("\tChelsea sack Mutu")
    );
    // Read, not written again.
    assert_eq!(fs::metadata(&listing).unwrap().modified().unwrap(), written);
}

#[test]
fn show_wraps_at_the_measure_and_refuses_width_zero() {
    let home = tempfile::tempdir().unwrap();
    let out = common::byline_in(home.path(), &["show", "000_67028faab5672e93.txt"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        (70..=80).contains(&widest),
        "wrapped at the 80-column measure, not 200: {widest}"
    );
    let out = common::byline_in(
        home.path(),
        &["show", "--width", "0", "000_67028faab5672e93.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0"),
        "{out:?}"
    );
}

#[test]
fn config_takes_no_quiet_flag_it_would_ignore() {
    let home = tempfile::tempdir().unwrap();
    let out = common::byline_in(home.path(), &["config", "--quiet"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn search_exits_1_quietly_when_nothing_matches_and_list_json_has_the_marks() {
    let home = tempfile::tempdir().unwrap();
    let out = common::byline_in(home.path(), &["search", "xqzjqv"]);
    assert_eq!(out.status.code(), Some(1), "as grep and fzf do: {out:?}");
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    let out = common::byline_in(home.path(), &["search", "--json", "china"]);
    assert_eq!(out.status.code(), Some(0));
    let out = common::byline_in(home.path(), &["list", "--json"]);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (line["read"].as_bool(), line["starred"].as_bool()),
        (Some(false), Some(false)),
        "{line}"
    );
}
