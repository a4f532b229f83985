//! The terminal: entering and leaving full-screen mode, and the event loop.
//!
//! The terminal comes back (raw mode off, alternate screen left, mouse
//! released, cursor shown) on quit, on an error, on a panic (the message is
//! printed after the restore) and on SIGTERM, SIGHUP, SIGINT and SIGQUIT.

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::App;
use crate::keymap::Key;
use crate::ui;

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
/// readable and the shell is usable.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default(info);
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

/// Runs the reader until the user quits.
pub fn run(mut app: App) -> io::Result<()> {
    install_panic_hook();
    install_signal_handler()?;
    enter()?;
    let result = Terminal::new(CrosstermBackend::new(stdout())).and_then(|mut terminal| {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        event_loop(&mut terminal, &mut app)
    });
    restore();
    result
}

fn event_loop(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> io::Result<()> {
    loop {
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Block until something happens: an idle reader uses no CPU.
        handle(app, event::read()?);
        // Then take everything queued, and draw once.
        while !app.quit && event::poll(Duration::ZERO)? {
            handle(app, event::read()?);
        }
        if app.quit {
            return Ok(());
        }
        if app.suspend {
            app.suspend = false;
            suspend(terminal)?;
        }
    }
}

/// Ctrl-Z: give the terminal back, stop, and redraw everything on `fg`.
fn suspend<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    io::Error: From<B::Error>,
{
    restore();
    signal_hook::low_level::raise(SIGTSTP)?;
    enter()?;
    terminal.clear()?;
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
                app.search_key(key);
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
