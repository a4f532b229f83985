//! Configuration files as the binary reads them: bad ones are refused with
//! the file, line and problem, and exit code 2; good ones take effect.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// Puts `text` where byline looks for its configuration under `home`.
fn write_config(home: &Path, text: &str) -> PathBuf {
    let path = home.join("config/byline/config.toml");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// Runs `byline list` with the fixture as the configuration; checks it is
/// refused with exit code 2, nothing on stdout, and this one line on stderr
/// after the file name.
fn refused(fixture: &str, expected: &str) {
    let home = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/invalid_configs")
            .join(fixture),
    )
    .unwrap();
    let path = write_config(home.path(), &text);
    let out = common::byline_in(home.path(), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("byline: {}:{expected}\n", path.display())
    );
}

#[test]
fn unknown_key() {
    refused(
        "unknown_key.toml",
        "3:1: unknown key `colour`, expected one of `measure`, `list_percent`, `two_pane_min_width`, \
         `opener`, `fetch_on_start`, `refresh_minutes`",
    );
}

#[test]
fn unknown_table() {
    refused(
        "unknown_table.toml",
        "2:2: unknown key `colors`, expected one of `reader`, `keys`, `theme`, `corpus`, `views`",
    );
}

#[test]
fn wrong_type() {
    refused(
        "wrong_type.toml",
        "2:16: invalid type: string \"forty\", expected a whole number from 10 to 90",
    );
}

#[test]
fn out_of_range() {
    refused(
        "out_of_range.toml",
        "2:11: invalid value: integer `70000`, expected a whole number from 10 to 1000",
    );
}

#[test]
fn bad_measure() {
    refused(
        "bad_measure.toml",
        "2:11: invalid value: integer `0`, expected a whole number from 10 to 1000",
    );
}

#[test]
fn bad_list_percent() {
    refused(
        "bad_list_percent.toml",
        "2:16: invalid value: integer `100`, expected a whole number from 10 to 90",
    );
}

#[test]
fn keys_not_a_list() {
    refused(
        "keys_not_a_list.toml",
        "2:8: invalid type: string \"q\", expected a list, such as [\"q\"]",
    );
}

#[test]
fn syntax_error() {
    refused("syntax_error.toml", "1:8: unclosed table, expected `]`");
}

#[test]
fn bad_key() {
    refused(
        "bad_key.toml",
        "2:14: bad key \"pgdn\": write a character (`j`, `G`, `?`), a name (up, down, left, \
         right, home, end, pageup, pagedown, enter, esc, tab, backtab, backspace, delete, \
         insert, space, f1-f12), optionally after ctrl- or alt-",
    );
}

#[test]
fn unknown_action() {
    refused(
        "unknown_action.toml",
        "2:1: unknown action \"fly\" in [keys]; `byline config --print-default` lists them",
    );
}

#[test]
fn duplicate_with_default() {
    refused(
        "duplicate_with_default.toml",
        "3:14: key j is bound to both down (by default; list down in [keys] to give it other \
         keys) and quit",
    );
}

#[test]
fn duplicate_in_file() {
    refused(
        "duplicate_in_file.toml",
        "3:9: key x is bound to both up and down",
    );
}

#[test]
fn bad_color() {
    refused(
        "bad_color.toml",
        "2:16: bad color \"lightbleu\" for selection_bg: use a name (black, red, green, yellow, \
         blue, magenta, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, \
         lightmagenta, lightcyan, white, reset), a number 0-255 or \"#rrggbb\"",
    );
}

#[test]
fn quit_unbound() {
    refused(
        "quit_unbound.toml",
        "2:1: quit has no keys, which would leave no way out of the reader; give it one, \
         such as quit = [\"q\"]",
    );
}

#[test]
fn escape_in_key() {
    // The key holds an OSC title sequence and a clear-screen: neither may
    // reach the terminal.
    refused(
        "escape_in_key.toml",
        "2:1: unknown key `colour`, expected one of `measure`, `list_percent`, \
         `two_pane_min_width`, `opener`, `fetch_on_start`, `refresh_minutes`",
    );
}

#[test]
fn bad_view() {
    refused(
        "bad_view.toml",
        "3:10: view recent: after:yesterdayish: not a date; write after:YYYY-MM-DD",
    );
}

#[test]
fn builtin_view_name() {
    refused(
        "builtin_view_name.toml",
        "2:1: view \"unread\" is built in; give the saved view another name",
    );
}

#[test]
fn every_fixture_has_a_test() {
    let tested = [
        "bad_color",
        "bad_key",
        "bad_list_percent",
        "bad_measure",
        "bad_view",
        "builtin_view_name",
        "duplicate_in_file",
        "duplicate_with_default",
        "escape_in_key",
        "keys_not_a_list",
        "out_of_range",
        "quit_unbound",
        "syntax_error",
        "unknown_action",
        "unknown_key",
        "unknown_table",
        "wrong_type",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs");
    let mut found: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    found.sort();
    assert_eq!(found, tested);
}

#[test]
fn print_default_works_even_when_the_config_is_broken() {
    let home = tempfile::tempdir().unwrap();
    write_config(home.path(), "[reader\n");
    let out = common::byline_in(home.path(), &["config", "--print-default"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        byline::config::DEFAULT_CONFIG
    );
}

#[test]
fn config_names_the_files_it_uses() {
    let home = tempfile::tempdir().unwrap();
    let out = common::byline_in(home.path(), &["config"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let config = home.path().join("config/byline/config.toml");
    let state = home.path().join("state/byline");
    let cache = home.path().join("cache/byline");
    assert_eq!(
        text,
        format!(
            "config  {} (absent: the defaults apply; `byline config --print-default` shows them)\n\
             state   {}\n\
             cache   {}\n",
            config.display(),
            state.display(),
            cache.display()
        )
    );
}

#[test]
fn corpus_paths_and_boilerplate_come_from_the_config() {
    let home = tempfile::tempdir().unwrap();
    let news = home.path().join("news");
    fs::create_dir(&news).unwrap();
    fs::write(
        news.join("a.txt"),
        "Title\n\nKeep this. Buy our mugs today.",
    )
    .unwrap();
    write_config(
        home.path(),
        "[corpus]\npaths = [\"~/news\"]\nboilerplate = [\"Buy our mugs today.\"]\n",
    );
    let out = common::byline_in(home.path(), &["list"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a.txt\t-\t-\tTitle\n");
    let out = common::byline_in(home.path(), &["show", "a.txt", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["paragraphs"][0], "Keep this.");
}
