//! Watching the corpus's roots. With `watch = true` in config.toml, a
//! burst of changes becomes one [`Msg::FilesChanged`] on the loop's
//! channel, with the paths that changed, once the files have been quiet for
//! a moment, and the app reloads what is at those paths (see
//! [`Corpus::refresh_changed`]). Without, the paths are only recorded where
//! the next reload takes them: `R` reads those at once, and looks at every
//! file behind.
//!
//! notify's thread adds the paths of an event to the burst's [`Changes`]
//! (bounded: past [`Changes::MOST`] paths, or when notify lost events, it
//! is everything) and drops a note in a channel of one place; a thread of
//! ours waits for the burst to end and tells the loop. However many events
//! come, the loop hears of them at most once a [`QUIET`], and the memory
//! they take stays bounded. Dropping the [`Watcher`] stops notify's
//! thread, whose end in turn ends ours, within a [`QUIET`].
//!
//! [`Corpus::refresh_changed`]: crate::corpus::Corpus::refresh_changed

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::Envelope;
use crate::app::Msg;
use crate::clean::{escape_path, single_line};
use crate::corpus::Changes;

/// How long the files must be still before the loop is told.
pub const QUIET: Duration = Duration::from_millis(300);
/// A burst that goes on longer is told anyway, this long after it began.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The roots being watched; watching stops when this is dropped.
pub struct Watcher {
    _notify: notify::RecommendedWatcher,
}

/// Where what the watcher sees goes.
pub enum Tell {
    /// To the loop, once each burst of changes is over (`watch = true`).
    Loop(Sender<Envelope>),
    /// Into the changes the next reload takes, with no word to the loop.
    Record(Arc<Mutex<Changes>>),
}

/// Watches every root (folders with what is under them) and tells `to` of
/// what changed.
pub fn watch(roots: &[PathBuf], to: Tell) -> io::Result<Watcher> {
    let (burst, note) = match to {
        Tell::Loop(tx) => {
            let (note, notes) = mpsc::sync_channel::<()>(1);
            let burst = Arc::new(Mutex::new(Changes::default()));
            let told = Arc::clone(&burst);
            thread::Builder::new()
                .name("byline-watch".into())
                .spawn(move || debounce(&notes, &told, &tx))?;
            (burst, Some(note))
        }
        Tell::Record(changes) => (changes, None),
    };
    let mut notify = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if add(&burst, event)
            && let Some(note) = &note
        {
            tell(note);
        }
    })
    .map_err(|e| io::Error::other(single_line(&e.to_string())))?;
    for root in roots {
        notify.watch(root, RecursiveMode::Recursive).map_err(|e| {
            let error = single_line(&e.to_string());
            io::Error::other(format!("{}: {error}", escape_path(root.as_os_str())))
        })?;
    }
    Ok(Watcher { _notify: notify })
}

/// Watching started by [`watch_behind`]: dropping this stops it, once
/// started.
pub struct Behind {
    _stop: Sender<()>,
}

/// Starts watching as [`watch`] does, on a thread of its own, then tells
/// `began` whether it did: notify adds a watch for every folder under a
/// root by looking at every file under it, 0.3 s at 100k files, which the
/// first frame need not wait for.
pub fn watch_behind(
    roots: Vec<PathBuf>,
    to: Tell,
    began: impl FnOnce(io::Result<()>) + Send + 'static,
) -> io::Result<Behind> {
    let (stop, stopped) = mpsc::channel();
    thread::Builder::new()
        .name("byline-watch-start".into())
        .spawn(move || match watch(&roots, to) {
            Ok(watcher) => {
                began(Ok(()));
                // Until the `Behind` is dropped.
                let _ = stopped.recv();
                drop(watcher);
            }
            Err(e) => began(Err(e)),
        })?;
    Ok(Behind { _stop: stop })
}

/// Adds what `event` changed to the burst; whether it changed anything. An
/// error, or events lost (a full queue), may hide any change.
fn add(burst: &Mutex<Changes>, event: notify::Result<notify::Event>) -> bool {
    let mut changes = burst.lock().unwrap_or_else(PoisonError::into_inner);
    match event {
        Ok(event) if event.need_rescan() => changes.add_everything(),
        Ok(event) if !is_change(&event) => return false,
        Ok(event) if event.paths.is_empty() => changes.add_everything(),
        Ok(event) => event.paths.into_iter().for_each(|path| changes.add(path)),
        Err(_) => changes.add_everything(),
    }
    true
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

/// Tells the loop once per burst of notes, with what the burst changed;
/// ends when notify's side or the loop's is gone.
fn debounce(notes: &Receiver<()>, burst: &Mutex<Changes>, tx: &Sender<Envelope>) {
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
        let changes = std::mem::take(&mut *burst.lock().unwrap_or_else(PoisonError::into_inner));
        // A note left from a burst already told, whose paths went with it.
        if changes.is_empty() {
            continue;
        }
        if tx.send(Envelope::now(Msg::FilesChanged(changes))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_notes_is_told_once_with_its_paths_and_the_thread_ends_with_its_senders() {
        let (note, notes) = mpsc::sync_channel(1);
        let burst = Arc::new(Mutex::new(Changes::default()));
        let (tx, rx) = mpsc::channel();
        let seen = Arc::clone(&burst);
        let debouncer = thread::spawn(move || debounce(&notes, &seen, &tx));
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        for n in 0..1000 {
            let event =
                notify::Event::new(modify).add_path(PathBuf::from(format!("/c/{}.txt", n % 3)));
            assert!(add(&burst, Ok(event)));
            tell(&note);
        }
        let told = rx.recv_timeout(Duration::from_secs(20)).expect("told");
        let Envelope::Msg(Msg::FilesChanged(changes), _) = told else {
            panic!("not a change");
        };
        let paths: Vec<&std::path::Path> = changes.paths().collect();
        assert_eq!(
            paths,
            ["/c/0.txt", "/c/1.txt", "/c/2.txt"].map(std::path::Path::new)
        );
        drop(note);
        debouncer.join().expect("the thread ends");
        assert!(rx.try_recv().is_err(), "one message for the burst");
    }

    #[test]
    fn lost_events_and_errors_are_everything_and_many_paths_too() {
        let burst = Mutex::new(Changes::default());
        let lost = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert!(add(&burst, Ok(lost)));
        assert!(burst.lock().unwrap().is_everything());
        let burst = Mutex::new(Changes::default());
        assert!(add(&burst, Err(notify::Error::generic("queue full"))));
        assert!(burst.lock().unwrap().is_everything());
        let burst = Mutex::new(Changes::default());
        let create = EventKind::Create(notify::event::CreateKind::File);
        for n in 0..=Changes::MOST {
            let event = notify::Event::new(create).add_path(PathBuf::from(format!("/c/{n}.txt")));
            add(&burst, Ok(event));
        }
        assert!(burst.lock().unwrap().is_everything());
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
