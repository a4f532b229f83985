//! The thread that reads the terminal and sends each event, with the time
//! it came, into the loop's channel. It can be paused: while a terminal
//! browser runs, its keys are its own.
//!
//! It waits on stdin and on a pipe of its own together, so a pause reaches
//! it at once, without polling; crossterm reads only once stdin has bytes.

use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use rustix::event::{PollFd, PollFlags, poll};
use signal_hook::consts::signal::SIGHUP;

use crate::app::{Msg, Signal};
use crate::runtime::Envelope;
use crate::state::Stamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    PauseAsked,
    Paused,
}

struct Control {
    state: Mutex<State>,
    changed: Condvar,
}

impl Control {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The reading thread, to pause and resume.
pub struct Input {
    control: Arc<Control>,
    wake: std::fs::File,
}

/// How long a pause waits for the thread to stop reading.
const PAUSE_WAIT: Duration = Duration::from_secs(1);

impl Input {
    pub fn spawn(tx: Sender<Envelope>) -> io::Result<Input> {
        let (wake_read, wake_write) = rustix::pipe::pipe()?;
        let control = Arc::new(Control {
            state: Mutex::new(State::Reading),
            changed: Condvar::new(),
        });
        let thread_control = Arc::clone(&control);
        std::thread::Builder::new()
            .name("byline-input".into())
            .spawn(move || read_terminal(&tx, &thread_control, wake_read))?;
        Ok(Input {
            control,
            wake: std::fs::File::from(wake_write),
        })
    }

    /// Stops reading the terminal until [`Input::resume`].
    pub fn pause(&mut self) {
        *self.control.lock() = State::PauseAsked;
        let _ = self.wake.write_all(&[1]);
        let state = self.control.lock();
        // Bounded: a thread gone (the terminal closed) never answers.
        let _ = self
            .control
            .changed
            .wait_timeout_while(state, PAUSE_WAIT, |s| *s == State::PauseAsked);
    }

    pub fn resume(&mut self) {
        *self.control.lock() = State::Reading;
        self.control.changed.notify_all();
    }
}

fn send(tx: &Sender<Envelope>, msg: Msg) -> bool {
    tx.send(Envelope::Msg(msg, Some(Stamp::now()))).is_ok()
}

fn read_terminal(tx: &Sender<Envelope>, control: &Control, wake: OwnedFd) {
    let mut wake = std::fs::File::from(wake);
    let stdin = io::stdin();
    loop {
        let mut fds = [
            PollFd::new(&stdin, PollFlags::IN),
            PollFd::new(&wake, PollFlags::IN),
        ];
        match poll(&mut fds, None) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        }
        let (terminal, woken) = (fds[0].revents(), fds[1].revents());
        if !woken.is_empty() {
            let _ = wake.read(&mut [0; 64]);
            let mut state = control.lock();
            if *state == State::PauseAsked {
                *state = State::Paused;
                control.changed.notify_all();
                while *state == State::Paused {
                    state = control
                        .changed
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            }
            continue;
        }
        if terminal.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            break;
        }
        if !drain(tx) {
            return;
        }
    }
    // The terminal is gone: as if the window closed.
    send(tx, Msg::Signal(Signal::Terminate(SIGHUP)));
}

/// Sends every event crossterm can read now; `false` when the loop is gone.
fn drain(tx: &Sender<Envelope>) -> bool {
    while let Ok(true) = event::poll(Duration::ZERO) {
        let Ok(event) = event::read() else {
            send(tx, Msg::Signal(Signal::Terminate(SIGHUP)));
            return false;
        };
        let msg = match event {
            Event::Key(key) => Msg::Key(key),
            Event::Mouse(mouse) => Msg::Mouse(mouse),
            Event::Paste(text) => Msg::Paste(text),
            Event::Resize(width, height) => Msg::Resize(width, height),
            Event::FocusGained => Msg::Focus(true),
            Event::FocusLost => Msg::Focus(false),
        };
        if !send(tx, msg) {
            return false;
        }
    }
    true
}
