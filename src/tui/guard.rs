//! A guard process that gives the terminal back when byline cannot: after
//! an abort (out of memory), SIGKILL, or anything else that skips byline's
//! own cleanup. It is byline itself, started with [`GUARD_ARG`] before the
//! terminal is taken: it saves the terminal's settings as they are then,
//! and waits on a pipe from its parent. The parent says `a` when it takes
//! the terminal and `d` when it gives it back; if the pipe closes while the
//! terminal is taken, the parent is gone without cleaning up, and the guard
//! restores the settings and leaves the alternate screen.

use std::io::{self, Read, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Mutex, PoisonError};

/// The argument that makes byline the guard.
pub const GUARD_ARG: &str = "--terminal-guard";

/// What undoes byline's terminal modes: bracketed paste, focus reports,
/// every mouse mode, the alternate screen; then the cursor shown.
const LEAVE: &str = "\x1b[?2004l\x1b[?1004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// The pipe to the guard, when one runs.
static GUARD: Mutex<Option<ChildStdin>> = Mutex::new(None);

/// Starts the guard. Without one (no executable to run), byline goes on:
/// the guard only covers deaths byline cannot clean up after.
pub fn start() {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let child = Command::new(exe)
        .arg(GUARD_ARG)
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    if let Ok(mut child) = child {
        *GUARD.lock().unwrap_or_else(PoisonError::into_inner) = child.stdin.take();
    }
}

/// Tells the guard the terminal is taken (`true`) or given back.
pub fn armed(taken: bool) {
    // Never wait here: restore runs in the panic hook and signal thread.
    if let Ok(mut guard) = GUARD.try_lock()
        && let Some(pipe) = guard.as_mut()
    {
        let _ = pipe.write_all(if taken { b"a" } else { b"d" });
    }
}

/// The guard's whole life: returns once its parent is gone.
pub fn run() -> io::Result<()> {
    // Keys that signal byline's whole process group while a browser has the
    // terminal are not for the guard.
    // A hang-up too: the pipe tells when the parent is gone.
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, std::sync::Arc::default())?;
    }
    let stdout = io::stdout();
    let saved = rustix::termios::tcgetattr(&stdout).ok();
    let mut taken = false;
    let mut byte = [0u8; 1];
    let mut stdin = io::stdin();
    loop {
        match stdin.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => taken = byte[0] == b'a',
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    if !taken {
        return Ok(());
    }
    let mut out = stdout.lock();
    out.write_all(LEAVE.as_bytes())?;
    out.flush()?;
    if let Some(saved) = saved {
        rustix::termios::tcsetattr(&out, rustix::termios::OptionalActions::Now, &saved)?;
    }
    Ok(())
}
