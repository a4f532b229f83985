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

use std::io::{self, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use signal_hook::consts::signal::{
    SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH, SIGXFSZ,
};

pub mod guard;
mod input;
mod opener;

use crate::app::{App, Msg, Opened, Signal};
use crate::runtime::{self, Envelope, Fetcher, FullTexter, Host, Loader, Outcome, Workers};
use crate::state::{Stamp, Store};
use input::Input;

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
    guard::armed(true);
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
        guard::armed(false);
    }
}

/// Restores the terminal before the panic message is printed, so it is
/// readable and the shell is usable, then ends the process: a panic on any
/// thread (a worker's too) must not leave the loop drawing on a restored
/// terminal.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Held to the end: no other thread draws on the restored terminal
        // (stdout's lock is reentrant, so `restore` still writes).
        let _stdout = stdout().lock();
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
                    let _stdout = stdout().lock();
                    restore();
                    std::process::exit(128 + signal);
                }
            }
        })?;
    Ok(())
}

/// The real terminal's side of suspending, resuming, opening links and
/// copying.
struct Crossterm {
    input: Input,
    /// The configured opener, for when `$BROWSER` is not set.
    opener: Vec<String>,
}

/// Writes the OSC 52 sequence that puts `text` on the clipboard.
pub fn copy_to_clipboard(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(opener::osc52(text).as_bytes())?;
    out.flush()
}

impl Host<CrosstermBackend<Stdout>> for Crossterm {
    fn open(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
        url: &str,
    ) -> io::Result<Opened> {
        let mut command = opener::command(url, std::env::var_os("BROWSER"), &self.opener);
        let program = command.get_program().to_string_lossy().into_owned();
        // A terminal browser (lynx, w3m) gets the terminal as a shell would
        // give it, and its keys: the input thread stands aside meanwhile.
        self.input.pause();
        restore();
        let status = command.status();
        self.input.resume();
        self.reenter(terminal)?;
        Ok(match status {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("{program} ended with {status}")),
            Err(e) => Err(format!("could not run {program}: {e}")),
        })
    }

    fn copy(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
        text: &str,
    ) -> io::Result<()> {
        copy_to_clipboard(terminal.backend_mut(), text)
    }

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

/// Watches the corpus's roots, unless it is the seeds, on a thread of its
/// own: with `watch = true` the loop is told of changes; without, they are
/// only recorded, for `R`.
fn start_watching(app: &App, workers: &Workers, tx: &Sender<Envelope>) -> Option<runtime::Behind> {
    if app.corpus().sources.seeds {
        return None;
    }
    let watch = app.config().corpus.watch;
    let recorder = workers.recorder();
    let to = match watch {
        true => runtime::Tell::Loop(tx.clone()),
        false => runtime::Tell::Record(recorder.changes()),
    };
    let to_loop = tx.clone();
    let began = move |started: io::Result<()>| match started {
        Ok(()) => recorder.began(),
        Err(e) if watch => not_watching(&to_loop, &e),
        // `R` looks at every file, as it would anyway.
        Err(_) => {}
    };
    let roots = app.corpus().root_paths.clone();
    runtime::watch_behind(roots, to, began)
        .inspect_err(|e| {
            if watch {
                not_watching(tx, e);
            }
        })
        .ok()
}

/// Tells the loop why watching, asked for, could not start.
fn not_watching(tx: &Sender<Envelope>, error: &io::Error) {
    let why = crate::clean::single_line(&error.to_string());
    let _ = tx.send(Envelope::now(Msg::NotWatching(why)));
}

/// Runs the reader until the user quits, saving reading state to `store`;
/// `loader` loads the articles again when asked (`R`), `fetcher` fetches
/// the subscribed feeds (`r`) and `full_texter` an article's page (`F`).
pub fn run(
    mut app: App,
    store: Option<Store>,
    loader: Loader,
    (fetcher, full_texter): (Option<Fetcher>, Option<FullTexter>),
) -> io::Result<Outcome> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;
    let cache = crate::xdg::Env::from_process().cache_dir();
    let mut workers = Workers::start(app.corpus(), store, &tx)?
        .with_loader(loader)?
        .with_text_cache(cache);
    if let Some(fetcher) = fetcher {
        workers = workers.with_fetcher(fetcher)?;
    }
    if let Some(full_texter) = full_texter {
        workers = workers.with_full_texter(full_texter)?;
    }
    let opener = app.config().opener.clone();
    // Held to the end of the run: dropping it stops watching.
    let _watching = start_watching(&app, &workers, &tx);
    guard::start();
    enter()?;
    // Debug builds only: a worker's panic on demand, so a test can see the
    // terminal restored by the panic hook.
    #[cfg(debug_assertions)]
    if std::env::var_os("BYLINE_DEBUG_PANIC").is_some() {
        std::thread::spawn(|| panic!("BYLINE_DEBUG_PANIC asked for a panic"));
    }
    let result = Terminal::new(CrosstermBackend::new(stdout())).and_then(|mut terminal| {
        // The first message: the loop lays out for the real size.
        let size = terminal.size()?;
        let _ = tx.send(Envelope::now(Msg::Resize(size.width, size.height)));
        let mut host = Crossterm {
            input: Input::spawn(tx)?,
            opener,
        };
        let live = runtime::Input::Live;
        runtime::run(&mut terminal, &mut app, &rx, &mut workers, live, &mut host)
    });
    restore();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a backend wrote, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Written(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Written {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_clipboard_sequence_goes_to_the_backend() {
        let written = Written::default();
        let mut terminal = Terminal::new(CrosstermBackend::new(written.clone())).unwrap();
        copy_to_clipboard(terminal.backend_mut(), "https://example.com/").unwrap();
        let bytes = written.0.lock().unwrap().clone();
        let expected = b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS8=\x07";
        assert!(
            bytes.windows(expected.len()).any(|w| w == expected),
            "{bytes:?}"
        );
    }
}
