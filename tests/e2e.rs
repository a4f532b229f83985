//! The real binary in a pseudo-terminal: keys typed, the screen read back
//! through a terminal emulator (vt100), and the terminal restored at exit.
//! Every wait polls for the expected text; none sleeps a fixed time.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A running byline and the screen it draws.
struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_byline"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Waits for the process to end; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "byline did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Checks the terminal was given back: main screen, cursor shown, mouse off.
    fn assert_restored(&self) {
        let start = Instant::now();
        // The last bytes may still be on their way from the reader thread.
        while self.parser.lock().unwrap().screen().alternate_screen() && start.elapsed() < TIMEOUT {
            std::thread::sleep(Duration::from_millis(10));
        }
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
        let raw = self.raw.lock().unwrap();
        assert!(
            raw.windows(8).any(|w| w == b"\x1b[?1049l"),
            "never left the alternate screen"
        );
    }
}

#[test]
fn read_the_bbc_corpus_move_open_scroll_resize_and_quit() {
    let Some(bbc) = common::bbc() else { return };
    let mut s = Session::start(&[&bbc.to_string_lossy()], 100, 30, &[]);
    s.wait_for("1/2127");
    s.wait_for("Ad sales boost Time Warner profit");
    s.keys("jj");
    s.wait_for("3/2127");
    s.wait_for("Yukos unit buyer faces loan claim");
    s.keys("\r");
    s.wait_for("reader 0%");
    s.keys("G");
    s.wait_for("reader 100%");
    s.resize(70, 20);
    // Narrow: the reader alone, same article.
    let screen = s.wait_for("3/2127 · reader");
    assert!(!screen.contains("Dollar gains on Greenspan"), "{screen}");
    s.keys("h");
    s.wait_for("3/2127 · list");
    s.keys("]");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn fuzzy_find_opens_the_best_match() {
    let Some(bbc) = common::bbc() else { return };
    let mut s = Session::start(&[&bbc.to_string_lossy()], 120, 30, &[]);
    s.wait_for("1/2127");
    s.keys("/mutu");
    s.wait_for("60/2127");
    s.keys("\r");
    let screen = s.wait_for("reader 0%");
    assert!(
        screen.contains("Chelsea have sacked Adrian Mutu"),
        "{screen}"
    );
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn help_comes_from_the_key_table() {
    let mut s = Session::start(&[], 80, 40, &[]);
    s.wait_for("China cracks down");
    s.keys("?");
    let screen = s.wait_for("Keys (q or esc to close)");
    assert!(
        screen.contains("ctrl-d") && screen.contains("Half a page down"),
        "{screen}"
    );
    s.keys("q");
    s.wait_for("1/1 · list");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24, &[]);
    s.wait_for("China cracks down");
    let pid = s.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
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
