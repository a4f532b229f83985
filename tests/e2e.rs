//! The real binary in a pseudo-terminal, for what only a real terminal
//! shows: the terminal restored on quit, on SIGTERM and on ctrl-z, and left
//! alone when a load fails. Everything else runs headless (`headless.rs`).
//! Every wait polls for the expected text; none sleeps a fixed time.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use common::pty::Session;

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24, &[]);
    s.wait_for("China cracks down");
    signal(&s, "-TERM");
    assert_eq!(s.wait_exit(), 128 + 15);
    s.assert_restored();
}

#[test]
fn a_missing_path_fails_before_touching_the_terminal() {
    let mut s = Session::start(&["no/such/dir"], 80, 24, &[]);
    assert_eq!(s.wait_exit(), 2);
    s.wait_for("byline: no/such/dir: no such file or directory");
    assert!(
        !s.raw
            .lock()
            .unwrap()
            .windows(8)
            .any(|w| w == b"\x1b[?1049h")
    );
}

#[test]
fn a_remapped_key_works() {
    let Some(bbc) = common::bbc() else { return };
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("byline");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[keys]\ndown = [\"x\"]\n").unwrap();
    let xdg = home.path().to_string_lossy().into_owned();
    let mut s = Session::start(
        &[&bbc.to_string_lossy()],
        100,
        30,
        &[("XDG_CONFIG_HOME", &xdg)],
    );
    s.wait_for("1/2127");
    // The new key moves: were the remap ignored, x would do nothing.
    s.keys("x");
    s.wait_for("2/2127");
    // The old one no longer does: j then x ends one down, not two.
    s.keys("jx");
    s.wait_for("3/2127");
    // Keys are handled in order: once help is up, j has had its chance.
    s.keys("?");
    let help = s.wait_for("Keys (q or esc to close)");
    assert!(
        help.contains("3/2127") && !help.contains("4/2127"),
        "{help}"
    );
    let row = |keys: &str| {
        help.lines().any(|l| {
            // The window's row: what stands after its left border.
            let inside = l.split('│').nth(1).unwrap_or_default().trim_start();
            inside
                .strip_prefix(keys)
                .is_some_and(|rest| rest.trim_start().starts_with("Move down"))
        })
    };
    assert!(row("x "), "{help}");
    assert!(!row("j "), "{help}");
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    // Job control needs a shell: a process group without one cannot stop.
    let mut s = shell();
    s.keys(&format!("{} \r", env!("CARGO_BIN_EXE_byline")));
    s.wait_for("China cracks down");
    s.keys("\x1a");
    s.wait_for("Stopped");
    s.assert_restored();
    s.keys("fg\r");
    s.wait_for("1/1 · list");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.keys("q");
    s.wait_for("$ ");
    s.assert_restored();
    s.keys("exit\r");
    assert_eq!(s.wait_exit(), 0);
}

/// An interactive bash at 80x24, its prompt `$ `: job control, and a
/// session leader other than byline, as a person runs it.
fn shell() -> Session {
    let s = Session::spawn(
        "bash",
        &["--norc", "--noprofile", "-i"],
        80,
        24,
        &[("PS1", "$ ")],
    );
    s.wait_for("$");
    s
}

fn signal(s: &Session, name: &str) {
    let pid = s.child.process_id().expect("a pid");
    let sent = std::process::Command::new("kill")
        .args([name, &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[test]
fn sigtstp_from_outside_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let mut s = Session::start(&[], 80, 24, &[]);
    s.wait_for("1/1 · list");
    signal(&s, "-TSTP");
    s.assert_restored();
    // What a shell's `fg` does: the terminal may be cooked meanwhile.
    signal(&s, "-CONT");
    let start = std::time::Instant::now();
    while !s.parser.lock().unwrap().screen().alternate_screen() {
        assert!(
            start.elapsed().as_secs() < 20,
            "never took the terminal again"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    s.wait_for("1/1 · list");
    // Keys work again: raw mode is back.
    s.keys("?");
    s.wait_for("Keys (q or esc to close)");
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn o_runs_the_browser_with_the_link_as_one_argument_and_takes_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://example.com/a?q=$(touch${IFS}pwned)&x=`id`;echo&y=%s";
    let corpus = dir.path().join("linked.json");
    let entry = serde_json::json!([{ "title": "Linked story", "body": "Text.", "url": url }]);
    std::fs::write(&corpus, entry.to_string()).unwrap();
    // The fake browser writes down its arguments, and whether it had the
    // terminal in cooked mode (icanon on) as a shell would give it.
    let got = dir.path().join("got");
    let browser = dir.path().join("browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '{0}.tmp'\nstty -a | grep -o -- '-\\?icanon' >> '{0}.tmp'\nmv '{0}.tmp' '{0}'\n",
            got.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&browser)
        .status()
        .unwrap();
    let browser = browser.to_string_lossy().into_owned();
    let mut s = Session::start(
        &[&corpus.to_string_lossy()],
        100,
        30,
        &[("BROWSER", &browser)],
    );
    s.wait_for("Linked story");
    s.keys("o");
    let start = std::time::Instant::now();
    while !got.exists() {
        assert!(start.elapsed().as_secs() < 20, "the browser never ran");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let written = std::fs::read_to_string(&got).unwrap();
    assert_eq!(
        written,
        format!("1\n{url}\nicanon\n"),
        "one argument, exactly the link, a cooked terminal"
    );
    assert!(!dir.path().join("pwned").exists() && !std::path::Path::new("pwned").exists());
    s.wait_for("1/1 · list");
    s.keys("?");
    s.wait_for("Keys (q or esc to close)");
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_panic_on_any_thread_restores_the_terminal() {
    // The test binary is a debug build, which panics on request.
    let mut s = Session::start(&[], 80, 24, &[("BYLINE_DEBUG_PANIC", "1")]);
    assert_eq!(s.wait_exit(), 101);
    s.assert_restored();
    s.wait_for("BYLINE_DEBUG_PANIC asked for a panic");
}

#[test]
fn sigterm_saves_the_last_mark_before_exiting() {
    let mut s = Session::start(&[], 80, 24, &[]);
    s.wait_for("China cracks down");
    s.keys("s");
    s.wait_for("starred");
    signal(&s, "-TERM");
    assert_eq!(s.wait_exit(), 128 + 15);
    s.assert_restored();
    let state = s.home.path().join("state/byline");
    let saved: String = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(saved.contains("\"starred\":[true"), "{saved}");
}

#[test]
fn kill_9_leaves_the_terminal_to_the_guard_which_restores_it() {
    // From a shell, as a person runs it: the shell, not byline, leads the
    // terminal's session, so byline's death does not hang the terminal up.
    let mut s = shell();
    s.keys(&format!(
        "{} & echo pid=$!; fg\r",
        env!("CARGO_BIN_EXE_byline")
    ));
    s.wait_for("1/1 · list");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    // The shell's echo, not the command line typed: digits after `pid=`.
    let pid: String = raw
        .match_indices("pid=")
        .map(|(at, _)| {
            raw[at + 4..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .find(|digits| !digits.is_empty())
        .unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    // Nothing of byline's own runs after SIGKILL (nor after an abort): its
    // guard process gives the terminal back.
    s.assert_restored();
    s.keys("exit\r");
    s.wait_exit();
}
