//! The terminal: entering and leaving full-screen mode, and the event loop.
//!
//! The terminal comes back (raw mode off, alternate screen left, mouse
//! released, cursor shown) on quit, on an error, on a panic (the message is
//! printed after the restore) and on SIGTERM, SIGHUP, SIGINT and SIGQUIT.

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::App;
use crate::keymap::Key;
use crate::search::SearchWorker;
use crate::state::{Stamp, Store};
use crate::ui;

/// The most reading state a crash (even kill -9) can lose.
const SAVE_EVERY: Duration = Duration::from_secs(1);

/// Whether the terminal is in full-screen mode: restoring twice is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Full screen: raw mode, the alternate screen, the mouse, no cursor.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
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

/// A thread that restores the terminal and exits when the process is told
/// to stop: byline never leaves a shell in raw mode.
fn install_signal_handler() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Writes reading state soon after each change, at most once a second.
struct Saver {
    store: Option<Store>,
    last: Option<Instant>,
}

impl Saver {
    /// How long until a save is due, when one is.
    fn due_in(&self, app: &App) -> Option<Duration> {
        if !app.unsaved || self.store.is_none() {
            return None;
        }
        Some(
            self.last
                .map_or(Duration::ZERO, |t| SAVE_EVERY.saturating_sub(t.elapsed())),
        )
    }

    /// Saves when a save is due (or now, when `force`). A failed save
    /// stays due, a second later, and its error is returned.
    fn save_if_due(&mut self, app: &mut App, force: bool) -> Result<(), String> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if !app.unsaved || !(force || self.due_in(app) == Some(Duration::ZERO)) {
            return Ok(());
        }
        self.last = Some(Instant::now());
        match store.save(&app.state) {
            Ok(warning) => {
                app.unsaved = false;
                app.message = warning.or(app.message.take());
                Ok(())
            }
            Err(e) => {
                let error = format!("reading state not saved: {e}");
                app.message = Some(error.clone());
                Err(error)
            }
        }
    }
}

/// Runs the reader until the user quits, saving reading state to `store`.
pub fn run(mut app: App, store: Option<Store>) -> io::Result<()> {
    install_panic_hook();
    install_signal_handler()?;
    enter()?;
    let mut saver = Saver { store, last: None };
    let result = Terminal::new(CrosstermBackend::new(stdout())).and_then(|mut terminal| {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        event_loop(&mut terminal, &mut app, &mut saver)
    });
    restore();
    // The screen is gone: a last failure is told on stderr, and in the exit code.
    let saved = saver.save_if_due(&mut app, true).map_err(io::Error::other);
    result.and(saved)
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    saver: &mut Saver,
) -> io::Result<()> {
    let mut searcher = Searcher::new(app);
    let mut dirty = true;
    loop {
        app.tick(Stamp::now());
        dirty |= searcher.exchange(app);
        // A failure is on the status bar; the save is tried again later.
        let _ = saver.save_if_due(app, false);
        if dirty {
            terminal.draw(|frame| ui::draw(frame, app))?;
        }
        // Block until something happens, or a timer (the read mark, a save,
        // results being ranked) is due: an idle reader uses no CPU.
        let timer = next_wakeup(app, saver);
        if let Some(wait) = soonest([timer, searcher.wait()])
            && !event::poll(wait)?
        {
            // Only a timer of the app's may change the screen; a search
            // poll redraws when its results come.
            dirty = timer.is_some_and(|t| t <= wait);
            continue;
        }
        handle(app, event::read()?);
        // Then take everything queued, and draw once.
        while !app.quit && event::poll(Duration::ZERO)? {
            handle(app, event::read()?);
        }
        dirty = true;
        if app.quit {
            return Ok(());
        }
        if app.suspend {
            app.suspend = false;
            suspend(terminal, app)?;
        }
    }
}

/// How often the loop looks for ranking results while a search runs.
const SEARCH_POLL: Duration = Duration::from_millis(5);

/// Hands the overlay's queries to the ranking worker and its results back,
/// so typing never waits for ranking.
struct Searcher {
    worker: Option<SearchWorker>,
    pending: bool,
}

impl Searcher {
    fn new(app: &App) -> Self {
        // Without a worker thread, ranking happens in the loop instead.
        let worker = SearchWorker::new(Arc::clone(&app.corpus)).ok();
        Self {
            worker,
            pending: false,
        }
    }

    /// Submits a waiting query, takes a result; says whether one came.
    fn exchange(&mut self, app: &mut App) -> bool {
        if let Some(query) = app.take_search_request() {
            match &self.worker {
                Some(worker) => {
                    worker.submit(query);
                    self.pending = true;
                }
                None => app.rank_now(),
            }
        }
        let result = self.worker.as_ref().and_then(SearchWorker::try_recv);
        let came = result.is_some();
        if let Some(result) = result {
            self.pending = !result.complete;
            app.search_results(result);
        }
        self.pending &= app.wants_text();
        came
    }

    fn wait(&self) -> Option<Duration> {
        self.pending.then_some(SEARCH_POLL)
    }
}

/// The time until the app or the saver needs attention without input.
fn next_wakeup(app: &App, saver: &Saver) -> Option<Duration> {
    let now = Stamp::now();
    let read_mark = app
        .next_deadline()
        .map(|at| Duration::from_millis(at.0.saturating_sub(now.0)));
    soonest([read_mark, saver.due_in(app)])
}

fn soonest<const N: usize>(waits: [Option<Duration>; N]) -> Option<Duration> {
    waits.into_iter().flatten().min()
}

/// Ctrl-Z: give the terminal back, stop, and redraw everything on `fg`,
/// at the size the terminal has then.
fn suspend<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    io::Error: From<B::Error>,
{
    restore();
    signal_hook::low_level::raise(SIGTSTP)?;
    enter()?;
    // `resize` clears the screen and forgets what was drawn, so the next
    // frame is drawn whole; unlike `clear`, it needs no cursor-position
    // answer from the terminal, which not every terminal gives.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    app.resize(size.width, size.height);
    Ok(())
}

/// One terminal event, turned into what the app understands.
pub fn handle(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let Some(key) = Key::from_event(&key) else {
                return;
            };
            if app.wants_text() {
                app.text_key(key);
            } else if let Some(action) = app.config.keymap.action(&key) {
                app.update(action);
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => app.wheel(mouse.column, mouse.row, true),
            MouseEventKind::ScrollUp => app.wheel(mouse.column, mouse.row, false),
            MouseEventKind::Down(MouseButton::Left) => app.click(mouse.column, mouse.row),
            _ => {}
        },
        Event::Resize(width, height) => app.resize(width, height),
        _ => {}
    }
}
