//! The message loop, on any backend. Input, signals, timers and workers all
//! speak through one channel; the loop waits on it (until the app's next
//! deadline at most), hands everything queued to [`App::handle`], carries
//! out the effects, and draws once. Nothing polls: an idle reader sleeps.
//!
//! A script ([`Input::Script`]) drives the same loop headless: its messages
//! carry their own times, no timer fires by itself, and each message waits
//! until the work the one before it started has answered, so a test sees
//! what a patient user would.

mod archive;
mod host;
mod inline;
mod latest;
mod pending;
mod watch;
mod workers;

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{App, Effects, Exit, Job, Msg};
use crate::state::Stamp;
use crate::ui;
pub use archive::{ArchivePaths, Clock, archive_fetcher, archive_fetcher_at, archive_full_texter};
pub use host::{Headless, Host};
pub use inline::inline;
use pending::Pending;
pub use watch::{Behind, QUIET as WATCH_QUIET, Tell, Watcher, watch, watch_behind};
pub use workers::{Fetcher, FullTexter, Loader, Recorder, Workers};

/// What the loop's channel carries.
#[derive(Debug)]
pub enum Envelope {
    /// A message and the time it was received; `None` takes the loop's time.
    Msg(Msg, Option<Stamp>),
    /// The search worker has a result to take.
    SearchReady,
}

impl Envelope {
    /// A message stamped when the loop takes it.
    pub fn now(msg: Msg) -> Self {
        Envelope::Msg(msg, None)
    }
}

/// Where input comes from.
pub enum Input {
    /// The terminal: input and signal threads send into the channel.
    Live,
    /// These messages at these times, then the end.
    Script(VecDeque<(Msg, Stamp)>),
}

/// How a run ended.
#[derive(Debug)]
pub struct Outcome {
    pub exit: Exit,
    /// The last save: what went wrong, if anything.
    pub saved: Result<(), String>,
}

/// How long the last save may take: a user who quits waits a moment, a
/// signal asks for a prompt end.
const SAVE_AT_QUIT: Duration = Duration::from_secs(3);
const SAVE_AT_SIGNAL: Duration = Duration::from_secs(1);
/// A script waits this long at most for a worker's answer.
const SCRIPT_WAIT: Duration = Duration::from_secs(60);

/// Runs `app` until it exits, drawing on `terminal`.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &Receiver<Envelope>,
    workers: &mut Workers,
    mut input: Input,
    host: &mut impl Host<B>,
) -> io::Result<Outcome>
where
    B::Error: Send + Sync + 'static,
{
    let mut pending = Pending::default();
    let mut clock = Stamp(0);
    draw(terminal, app)?;
    loop {
        let Some((msg, at)) = next(&mut input, rx, app, workers, &pending, &mut clock)? else {
            return Ok(finish(app, rx, workers, &mut pending, Exit::Quit));
        };
        let mut effects = step(app, msg, at, workers, &mut pending)?;
        // Everything else already queued, then one frame.
        while effects.exit.is_none()
            && let Ok(envelope) = rx.try_recv()
        {
            if let Some((msg, at)) = open(envelope, workers, &input, &mut clock) {
                effects.merge(step(app, msg, at, workers, &mut pending)?);
            }
        }
        if let Some(exit) = effects.exit {
            return Ok(finish(app, rx, workers, &mut pending, exit));
        }
        if let Some(text) = effects.copy.take() {
            host.copy(terminal, &text)?;
        }
        // A browser, a stop or a SIGCONT: the screen is drawn whole after.
        let mut retaken = effects.suspend || effects.reenter;
        if let Some(url) = effects.open.take() {
            let opened = host.open(terminal, &url)?;
            effects.merge(step(
                app,
                Msg::Opened(opened),
                clock,
                workers,
                &mut pending,
            )?);
            retaken = true;
        }
        if effects.suspend {
            host.suspend(terminal)?;
        } else if effects.reenter {
            host.reenter(terminal)?;
        }
        if retaken {
            let size = terminal.size().map_err(io::Error::other)?;
            let msg = Msg::Resize(size.width, size.height);
            effects.merge(step(app, msg, clock, workers, &mut pending)?);
        }
        if effects.redraw || retaken {
            draw(terminal, app)?;
        }
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal
        .draw(|frame| ui::draw(frame, app))
        .map(drop)
        .map_err(io::Error::other)
}

/// Handles one message and starts the work it asks for.
fn step(
    app: &mut App,
    msg: Msg,
    at: Stamp,
    workers: &mut Workers,
    pending: &mut Pending,
) -> io::Result<Effects> {
    pending.answered(&msg);
    let mut effects = app.handle(msg, at);
    // A new corpus first: the jobs asked with it are about its articles.
    if let Some(corpus) = effects.corpus.take() {
        workers.use_corpus(&corpus)?;
        pending.new_corpus();
    }
    for job in std::mem::take(&mut effects.jobs) {
        pending.asked(&job, app.corpus().epoch);
        workers.perform(job);
    }
    Ok(effects)
}

/// The next message: from the script once the work before it answered,
/// else from the channel, or a tick when the app's deadline comes.
/// `None` when a script has ended, or every sender is gone.
fn next(
    input: &mut Input,
    rx: &Receiver<Envelope>,
    app: &App,
    workers: &Workers,
    pending: &Pending,
    clock: &mut Stamp,
) -> io::Result<Option<(Msg, Stamp)>> {
    loop {
        let envelope = match input {
            Input::Script(script) if pending.is_empty() => {
                let Some((msg, at)) = script.pop_front() else {
                    return Ok(None);
                };
                *clock = at;
                return Ok(Some((msg, at)));
            }
            Input::Script(_) => match rx.recv_timeout(SCRIPT_WAIT) {
                Ok(envelope) => envelope,
                Err(_) => return Err(io::Error::other("a worker did not answer the script")),
            },
            Input::Live => {
                let wait = app
                    .next_deadline()
                    .map(|at| Duration::from_millis(at.0.saturating_sub(Stamp::now().0)));
                let received = match wait {
                    Some(wait) => rx.recv_timeout(wait),
                    None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                match received {
                    Ok(envelope) => envelope,
                    Err(RecvTimeoutError::Timeout) => return Ok(Some((Msg::Tick, Stamp::now()))),
                    Err(RecvTimeoutError::Disconnected) => return Ok(None),
                }
            }
        };
        if let Some(opened) = open(envelope, workers, input, clock) {
            return Ok(Some(opened));
        }
    }
}

/// The message in an envelope, with its time.
fn open(
    envelope: Envelope,
    workers: &Workers,
    input: &Input,
    clock: &mut Stamp,
) -> Option<(Msg, Stamp)> {
    let (msg, at) = match envelope {
        Envelope::Msg(msg, at) => (msg, at),
        Envelope::SearchReady => (workers.ranked()?, None),
    };
    let at = match (at, input) {
        (Some(at), _) => at,
        (None, Input::Live) => Stamp::now(),
        (None, Input::Script(_)) => *clock,
    };
    if matches!(input, Input::Live) {
        *clock = at;
    }
    Some((msg, at))
}

/// Saves what is left, within a bound, and says how the run ended.
fn finish(
    app: &mut App,
    rx: &Receiver<Envelope>,
    workers: &Workers,
    pending: &mut Pending,
    exit: Exit,
) -> Outcome {
    let bound = match exit {
        Exit::Quit => SAVE_AT_QUIT,
        Exit::Signal(_) => SAVE_AT_SIGNAL,
    };
    let deadline = Instant::now() + bound;
    let mut saved = Ok(());
    // A save under way first, then one of whatever it did not hold.
    for last in [false, true] {
        if last && let Some(state) = app.unsaved_state() {
            pending.save = true;
            workers.perform(Job::Save(state));
        }
        while pending.save {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(Envelope::Msg(Msg::Saved(result), _)) => {
                    pending.save = false;
                    saved = result.map(drop);
                }
                Ok(_) => {}
                Err(_) => {
                    return Outcome {
                        exit,
                        saved: Err(format!(
                            "reading state not saved: still waiting after {} s",
                            bound.as_secs()
                        )),
                    };
                }
            }
        }
    }
    Outcome { exit, saved }
}
