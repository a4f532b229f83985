//! Watching the corpus's roots (`watch = true` in config.toml): a burst of
//! changes becomes one [`Msg::FilesChanged`] on the loop's channel, once the
//! files have been quiet for a moment, and the app reloads what changed as
//! `R` does.
//!
//! notify's thread only drops a note in a channel of one place; a thread of
//! ours waits for the burst to end and tells the loop. However many events
//! come, the loop hears of them at most once a [`QUIET`], and the memory
//! they take stays the same. Dropping the [`Watcher`] stops notify's
//! thread, whose end in turn ends ours, within a [`QUIET`].

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::Envelope;
use crate::app::Msg;
use crate::clean::{escape_path, single_line};

/// How long the files must be still before the loop is told.
pub const QUIET: Duration = Duration::from_millis(300);
/// A burst that goes on longer is told anyway, this long after it began.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The roots being watched; watching stops when this is dropped.
pub struct Watcher {
    _notify: notify::RecommendedWatcher,
}

/// Watches every root (folders with what is under them) and tells `tx`.
pub fn watch(roots: &[PathBuf], tx: Sender<Envelope>) -> io::Result<Watcher> {
    let (note, notes) = mpsc::sync_channel::<()>(1);
    let mut notify = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| is_change(&e)) {
            tell(&note);
        }
    })
    .map_err(|e| io::Error::other(single_line(&e.to_string())))?;
    for root in roots {
        notify.watch(root, RecursiveMode::Recursive).map_err(|e| {
            let error = single_line(&e.to_string());
            io::Error::other(format!("{}: {error}", escape_path(root.as_os_str())))
        })?;
    }
    thread::Builder::new()
        .name("byline-watch".into())
        .spawn(move || debounce(&notes, &tx))?;
    Ok(Watcher { _notify: notify })
}

/// A note that something changed; one already waiting says it all.
fn tell(note: &SyncSender<()>) {
    // Full: the thread has not taken the last note yet, and this one would
    // tell it nothing more. Disconnected: watching is ending.
    let _ = note.try_send(());
}

/// Whether an event can change what a load gives: not a read, and not
/// only files the walk skips (hidden ones, such as editors' swap files).
fn is_change(event: &notify::Event) -> bool {
    let hidden = |p: &PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
    };
    !matches!(event.kind, EventKind::Access(_))
        && (event.paths.is_empty() || !event.paths.iter().all(hidden))
}

/// Tells the loop once per burst of notes; ends when notify's side or the
/// loop's is gone.
fn debounce(notes: &Receiver<()>, tx: &Sender<Envelope>) {
    while notes.recv().is_ok() {
        let began = Instant::now();
        loop {
            let left = (began + LONGEST_WAIT).saturating_duration_since(Instant::now());
            match notes.recv_timeout(QUIET.min(left)) {
                Ok(()) if !left.is_zero() => {}
                Ok(()) | Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if tx.send(Envelope::now(Msg::FilesChanged)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_notes_is_told_once_and_the_thread_ends_with_its_senders() {
        let (note, notes) = mpsc::sync_channel(1);
        let (tx, rx) = mpsc::channel();
        let debouncer = thread::spawn(move || debounce(&notes, &tx));
        for _ in 0..1000 {
            tell(&note);
        }
        let told = rx.recv_timeout(Duration::from_secs(20)).expect("told");
        assert!(matches!(told, Envelope::Msg(Msg::FilesChanged, _)));
        drop(note);
        debouncer.join().expect("the thread ends");
        assert!(rx.try_recv().is_err(), "one message for the burst");
    }

    #[test]
    fn reads_and_hidden_files_are_no_change() {
        let event = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert!(is_change(&event(modify, "/c/a.txt")));
        assert!(!is_change(&event(modify, "/c/.a.txt.swp")));
        assert!(!is_change(&event(access, "/c/a.txt")));
    }
}
