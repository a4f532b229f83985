//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod headless;
pub mod pty;

use std::path::PathBuf;

/// The BBC corpus beside the repository, or `None` (with the reason printed)
/// when this checkout has no `../shared` next to it. CI always has it: there,
/// its absence fails the test rather than skip it unseen.
pub fn bbc() -> Option<PathBuf> {
    shared("corpus/bbc")
}

/// readability.js's test pages beside the repository, or `None` (with the
/// reason printed) outside CI, as for [`bbc`].
pub fn pages() -> Option<PathBuf> {
    shared("pages")
}

/// `../shared/<inside>`, when there; its absence fails in CI.
fn shared(inside: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(inside);
    if path.is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is absent in CI",
        path.display()
    );
    eprintln!("skipped: {} is absent", path.display());
    None
}

/// Runs the binary as [`byline_in`] does, but fails the test if it has
/// not ended within 30 s, killing it: for inputs that once made it hang.
pub fn byline_bounded(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("byline runs");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("a status").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("byline {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("its output")
}

/// Runs the binary with its configuration and state under `home` (a temp
/// folder), never the real ones.
pub fn byline_in(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home)
        .output()
        .expect("byline runs")
}
