//! Output to readers that go away: `byline show ID | head -1`, `stats |
//! true`. Every command stops quietly (exit 0, nothing on stderr), and an
//! error with nowhere to say it keeps its exit code.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

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

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A pipe whose reader is gone already: the first write to it fails with
/// EPIPE, whatever the timing.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer
}

/// Runs byline with stdout a closed pipe, and stderr too when `close_stderr`
/// (else captured); its exit code and what it said on stderr.
fn into_closed_pipes(args: &[&str], close_stderr: bool) -> (Option<i32>, String) {
    let mut command = byline_command();
    command.args(args).stdout(closed_pipe());
    if close_stderr {
        command.stderr(closed_pipe());
    }
    let out = command.output().expect("byline runs");
    (out.status.code(), stderr(&out))
}

#[test]
fn every_command_stops_quietly_when_its_reader_goes_away() {
    let seed = "000_67028faab5672e93.txt";
    let commands: [&[&str]; 9] = [
        &["list"],
        &["list", "--json"],
        &["show", seed],
        &["show", seed, "--json"],
        &["search", "china"],
        &["search", "--json", "china"],
        &["stats"],
        &["config"],
        &["config", "--print-default"],
    ];
    for args in commands {
        assert_eq!(
            into_closed_pipes(args, false),
            (Some(0), String::new()),
            "{args:?}"
        );
        let (code, _) = into_closed_pipes(args, true);
        assert_eq!(code, Some(0), "{args:?} with stderr closed too");
    }
}

#[test]
fn an_error_with_stderr_closed_keeps_its_exit_code() {
    // eprintln! would panic here: exit 101 instead of the 1 of a bad id.
    assert_eq!(into_closed_pipes(&["show", "nope"], true).0, Some(1));
    assert_eq!(
        into_closed_pipes(&["list", "no/such/place"], true).0,
        Some(2)
    );
}

#[test]
fn a_closed_stderr_does_not_stop_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("good.txt"), "Good\nbody").expect("write");
    fs::write(dir.path().join("bad.json"), "[{").expect("write");
    let out = byline_command()
        .args(["list", &dir.path().to_string_lossy()])
        .stderr(closed_pipe())
        .output()
        .expect("byline runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "good.txt\t-\t-\tGood\n");
}
