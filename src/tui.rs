//! The terminal: entering and leaving full-screen mode, the threads that
//! turn terminal input and signals into messages, and the loop on a real
//! terminal.
//!
//! The terminal comes back (raw mode off, alternate screen left, mouse,
//! focus reports and bracketed paste off, cursor shown) on quit, on an
//! error, on a panic (the message is printed after the restore), and on
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT after the last save. Ctrl-z and
//! SIGTSTP give it back before stopping; SIGCONT takes it again, whoever
//! stopped the process.

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture, Event,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use signal_hook::consts::signal::{
    SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH, SIGXFSZ,
};

use crate::app::{App, Msg, Signal};
use crate::runtime::{self, Envelope, Host, Input, Outcome, Workers};
use crate::state::{Stamp, Store};

/// Whether the terminal is in full-screen mode: restoring twice is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// After a terminating signal, how long the loop has to save and end
/// before the signal thread ends the process itself.
const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// Full screen: raw mode, the alternate screen, the mouse, focus reports,
/// bracketed paste, no cursor.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableFocusChange,
        EnableBracketedPaste,
        cursor::Hide
    )
    .inspect_err(|_| restore())
}

/// Back to the shell as it was. Safe to call at any time, from any thread.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        // Nothing more can be done if these fail: the terminal is gone.
        let _ = execute!(
            stdout(),
            DisableBracketedPaste,
            DisableFocusChange,
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
    }
}

/// Restores the terminal before the panic message is printed, so it is
/// readable and the shell is usable, then ends the process: a panic on any
/// thread (a worker's too) must not leave the loop drawing on a restored
/// terminal.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default(info);
        std::process::exit(101);
    }));
}

/// A thread that turns signals into messages. A terminating signal the
/// loop does not act on in time ends the process anyway, terminal restored.
fn spawn_signal_thread(tx: Sender<Envelope>) -> io::Result<()> {
    // A write past `ulimit -f` fails with EFBIG instead of killing byline
    // mid-save: the flag is never read, its handler only keeps the default
    // action away.
    signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
    let mut signals = signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH,
    ])?;
    std::thread::Builder::new()
        .name("byline-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let msg = match signal {
                    SIGTSTP => Msg::Signal(Signal::Stop),
                    SIGCONT => Msg::Signal(Signal::Continue),
                    SIGWINCH => match ratatui::crossterm::terminal::size() {
                        Ok((width, height)) => Msg::Resize(width, height),
                        Err(_) => continue,
                    },
                    _ => Msg::Signal(Signal::Terminate(signal)),
                };
                let terminate = matches!(msg, Msg::Signal(Signal::Terminate(_)));
                let _ = tx.send(Envelope::Msg(msg, Some(Stamp::now())));
                if terminate {
                    std::thread::sleep(SIGNAL_GRACE);
                    restore();
                    std::process::exit(128 + signal);
                }
            }
        })?;
    Ok(())
}

/// A thread that reads the terminal and sends what it reads, each event
/// with the time it came.
fn spawn_input_thread(tx: Sender<Envelope>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("byline-input".into())
        .spawn(move || {
            loop {
                let event = match event::read() {
                    Ok(event) => event,
                    // The terminal is gone: as if the window closed.
                    Err(_) => {
                        let msg = Msg::Signal(Signal::Terminate(SIGHUP));
                        let _ = tx.send(Envelope::Msg(msg, Some(Stamp::now())));
                        return;
                    }
                };
                let msg = match event {
                    Event::Key(key) => Msg::Key(key),
                    Event::Mouse(mouse) => Msg::Mouse(mouse),
                    Event::Paste(text) => Msg::Paste(text),
                    Event::Resize(width, height) => Msg::Resize(width, height),
                    Event::FocusGained => Msg::Focus(true),
                    Event::FocusLost => Msg::Focus(false),
                };
                if tx.send(Envelope::Msg(msg, Some(Stamp::now()))).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// The real terminal's side of suspending and resuming.
struct Crossterm;

impl Host<CrosstermBackend<Stdout>> for Crossterm {
    fn suspend(&mut self, terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
        restore();
        // SIGTSTP has a handler (ours): stopping is asked of the default.
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        self.reenter(terminal)
    }

    fn reenter(&mut self, terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
        // Whoever stopped us (ctrl-z, kill -TSTP, kill -STOP) may have left
        // the terminal cooked: take it again, whatever `ACTIVE` says.
        ACTIVE.store(false, Ordering::SeqCst);
        enter()?;
        // `resize` clears the screen and forgets what was drawn, so the next
        // frame is drawn whole; unlike `clear`, it needs no cursor-position
        // answer from the terminal, which not every terminal gives.
        let size = terminal.size()?;
        terminal.resize(Rect::new(0, 0, size.width, size.height))
    }
}

/// Runs the reader until the user quits, saving reading state to `store`.
pub fn run(mut app: App, store: Option<Store>) -> io::Result<Outcome> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;
    let workers = Workers::start(app.corpus(), store, &tx)?;
    enter()?;
    let result = Terminal::new(CrosstermBackend::new(stdout())).and_then(|mut terminal| {
        // The first message: the loop lays out for the real size.
        let size = terminal.size()?;
        let _ = tx.send(Envelope::now(Msg::Resize(size.width, size.height)));
        spawn_input_thread(tx)?;
        runtime::run(
            &mut terminal,
            &mut app,
            &rx,
            &workers,
            Input::Live,
            &mut Crossterm,
        )
    });
    restore();
    result
}
