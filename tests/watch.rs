//! The file watcher end to end: the real loop, live as in a terminal, with
//! its workers and the watcher on a corpus in a temporary folder. Files
//! change on disk; the list shows it. Every wait is bounded.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use std::fs;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use byline::action::Action;
use byline::app::{App, Msg};
use byline::config::Config;
use byline::runtime::{self, Envelope, Headless, Input, Workers};
use byline::state::Stamp;
use byline::{Changes, Corpus, LoadOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WAIT: Duration = Duration::from_secs(30);

fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    let width = usize::from(buffer.area.width);
    let rows: Vec<String> = cells.chunks(width).map(|row| row.concat()).collect();
    rows.join("\n")
}

#[test]
fn files_changed_on_disk_are_loaded_again_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "First story\n\nText.\n").unwrap();
    fs::write(dir.path().join("b.txt"), "Second story\n\nText.\n").unwrap();
    let options = LoadOptions::default();
    let corpus = Arc::new(Corpus::load(&[dir.path().to_owned()], &options).unwrap());
    let (tx, rx) = mpsc::channel();
    // What the workers and the watcher send goes through a relay to the
    // loop, which tells the test the titles of each reload it queued: a
    // quit sent after that is handled after the reload.
    let (relay, relayed) = mpsc::channel::<Envelope>();
    let (titles_tx, titles) = mpsc::channel::<Vec<String>>();
    let to_loop = tx.clone();
    thread::spawn(move || {
        for envelope in relayed {
            let loaded = match &envelope {
                Envelope::Msg(Msg::Reloaded(Ok(c)), _) => {
                    Some(c.articles.iter().map(|a| a.title.clone()).collect())
                }
                _ => None,
            };
            if to_loop.send(envelope).is_err() {
                break;
            }
            if let Some(loaded) = loaded {
                let _ = titles_tx.send(loaded);
            }
        }
    });
    let watcher = runtime::watch(&corpus.root_paths, runtime::Tell::Loop(relay.clone())).unwrap();
    let looping = {
        let corpus = Arc::clone(&corpus);
        thread::spawn(move || {
            // Only what is at the paths the watcher names is looked at.
            let loader: runtime::Loader = Box::new(move |before: &Corpus, changes: &Changes, _| {
                assert!(!changes.is_everything(), "the paths are told");
                let refreshed = before
                    .refresh_changed(changes, &options)
                    .map_err(|e| e.to_string())?;
                Ok(Arc::new(refreshed))
            });
            let area = Rect::new(0, 0, 80, 24);
            let mut app = App::new(Arc::clone(&corpus), Config::default(), area, Stamp::now());
            app.set_monochrome(true);
            let workers = Workers::start(&corpus, None, &relay).unwrap();
            let mut workers = workers.with_loader(loader).unwrap();
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            let mut host = Headless::default();
            let live = Input::Live;
            runtime::run(&mut terminal, &mut app, &rx, &mut workers, live, &mut host).unwrap();
            (app, terminal)
        })
    };
    fs::write(
        dir.path().join("b.txt"),
        "Second story, revised\n\nMore text.\n",
    )
    .unwrap();
    fs::write(dir.path().join("c.txt"), "Third story\n\nText.\n").unwrap();
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    let wanted = ["Second story, revised", "Third story"];
    // One burst makes one reload, but a slow machine may split it in two.
    let mut loaded = Vec::new();
    for _ in 0..5 {
        loaded = titles.recv_timeout(WAIT).expect("the watcher reloaded");
        if loaded == wanted {
            break;
        }
    }
    assert_eq!(loaded, wanted);
    tx.send(Envelope::now(Msg::Action(Action::Quit))).unwrap();
    let (app, mut terminal) = looping.join().unwrap();
    drop(watcher);
    // The quit may have come in the same batch as the reload, before a
    // frame: the last frame is drawn from the app as it was left.
    terminal
        .draw(|frame| byline::ui::draw(frame, &app))
        .unwrap();
    let screen = screen(&terminal);
    assert!(
        screen.contains("Second story, revised") && screen.contains("Third story"),
        "{screen}"
    );
    assert!(
        !screen.contains("First story"),
        "deleted: gone from the list: {screen}"
    );
    assert_eq!(app.corpus().articles.len(), 2);
}

/// The next answer to a reload on `rx`, the messages between skipped:
/// whether it came from what the watcher recorded, and the corpus.
fn next_reload(rx: &mpsc::Receiver<Envelope>) -> (bool, Arc<Corpus>) {
    loop {
        match rx.recv_timeout(WAIT).expect("a reload answered") {
            Envelope::Msg(Msg::ReloadedRecorded(corpus), _) => return (true, corpus.unwrap()),
            Envelope::Msg(Msg::Reloaded(corpus), _) => return (false, corpus.unwrap()),
            _ => {}
        }
    }
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

/// Workers whose reloads refresh as the reader's do, after the first `R`
/// on the corpus at `dir`, with a watcher that only records when `record`.
struct Recording {
    workers: Workers,
    _watcher: Option<runtime::Behind>,
    rx: mpsc::Receiver<Envelope>,
    /// Whether each load looked at every file.
    everything: mpsc::Receiver<bool>,
    /// What the first `R` loaded.
    first: Arc<Corpus>,
}

fn after_first_r(dir: &std::path::Path, record: bool) -> Recording {
    let roots = [dir.to_owned()];
    let corpus = Arc::new(Corpus::load(&roots, &LoadOptions::default()).unwrap());
    let (tx, rx) = mpsc::channel();
    let (asked, everything) = mpsc::channel();
    let loader: runtime::Loader = Box::new(move |before: &Corpus, changes: &Changes, _| {
        let _ = asked.send(changes.is_everything());
        let options = LoadOptions::default();
        let refreshed = match changes.is_everything() {
            true => before.refresh(&options),
            false => before.refresh_changed(changes, &options),
        };
        Ok(Arc::new(refreshed.map_err(|e| e.to_string())?))
    });
    let mut workers = Workers::start(&corpus, None, &tx).unwrap();
    workers = workers.with_loader(loader).unwrap();
    let recorder = workers.recorder();
    let watcher = match record {
        // As the reader starts it: on a thread of its own.
        true => {
            let (began, up) = mpsc::channel();
            let tell = runtime::Tell::Record(recorder.changes());
            let behind = runtime::watch_behind(roots.to_vec(), tell, move |started| {
                started.unwrap();
                recorder.began();
                let _ = began.send(());
            })
            .unwrap();
            up.recv_timeout(WAIT).expect("watching began");
            Some(behind)
        }
        // Recording as far as the workers know, but nothing records: as a
        // watcher blind to a change (a network file system, a full queue).
        false => {
            recorder.began();
            None
        }
    };
    // Watching began after the load: the first `R` looks at every file.
    workers.perform(byline::app::Job::ReloadAll);
    assert_eq!(everything.recv_timeout(WAIT), Ok(true));
    let (recorded, first) = next_reload(&rx);
    assert!(!recorded, "nothing recorded could be trusted yet");
    workers.use_corpus(&first).unwrap();
    Recording {
        workers,
        _watcher: watcher,
        rx,
        everything,
        first,
    }
}

/// Files written a tick before, so that no load takes them for changed
/// too lately to trust their times (and reads them again).
fn written(dir: &std::path::Path, files: &[(&str, &str)]) {
    for (name, title) in files {
        fs::write(dir.join(name), format!("{title}\n\nText.\n")).unwrap();
    }
    thread::sleep(Duration::from_millis(50));
}

#[test]
fn r_reads_what_the_watcher_recorded_at_once_then_every_file_and_finds_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    written(dir.path(), &[("a.txt", "Alpha"), ("b.txt", "Beta")]);
    let r = after_first_r(dir.path(), true);
    written(
        dir.path(),
        &[("b.txt", "Beta, revised"), ("c.txt", "Gamma")],
    );
    // The watcher's thread records what inotify told it, a moment after.
    let told = (0..600).any(|_| {
        thread::sleep(Duration::from_millis(50));
        let changes = r.workers.recorder().changes();
        let changes = changes.lock().unwrap();
        let names: Vec<_> = changes.paths().filter_map(|p| p.file_name()).collect();
        names.contains(&"b.txt".as_ref()) && names.contains(&"c.txt".as_ref())
    });
    assert!(told, "the watcher recorded both files");
    r.workers.perform(byline::app::Job::ReloadAll);
    assert_eq!(
        r.everything.recv_timeout(WAIT),
        Ok(false),
        "the paths first"
    );
    let (recorded, at_once) = next_reload(&r.rx);
    assert!(recorded);
    assert_eq!(titles(&at_once), ["Alpha", "Beta, revised", "Gamma"]);
    assert_eq!(r.everything.recv_timeout(WAIT), Ok(true), "then every file");
    let (recorded, checked) = next_reload(&r.rx);
    assert!(!recorded);
    assert!(
        Arc::ptr_eq(&checked, &at_once),
        "nothing more changed: the same corpus, which the app leaves be"
    );
}

#[test]
fn r_finds_behind_the_record_what_no_watcher_saw() {
    let dir = tempfile::tempdir().unwrap();
    written(dir.path(), &[("a.txt", "Alpha"), ("b.txt", "Beta")]);
    let r = after_first_r(dir.path(), false);
    written(dir.path(), &[("b.txt", "Beta, revised")]);
    r.workers.perform(byline::app::Job::ReloadAll);
    let (recorded, at_once) = next_reload(&r.rx);
    assert!(recorded);
    assert!(
        Arc::ptr_eq(&at_once, &r.first),
        "nothing recorded, nothing read"
    );
    assert_eq!(r.everything.recv_timeout(WAIT), Ok(true));
    let (recorded, checked) = next_reload(&r.rx);
    assert!(!recorded);
    assert_eq!(titles(&checked), ["Alpha", "Beta, revised"]);
}

#[test]
fn a_watch_that_cannot_start_behind_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (tx, _rx) = mpsc::channel();
    let (began, told) = mpsc::channel();
    let missing = dir.path().join("gone");
    let _behind = runtime::watch_behind(vec![missing], runtime::Tell::Loop(tx), move |started| {
        let _ = began.send(started.map_err(|e| e.to_string()));
    })
    .unwrap();
    let why = told.recv_timeout(WAIT).expect("told").unwrap_err();
    assert!(why.contains("gone"), "{why}");
}

#[test]
fn r_under_a_link_looks_at_every_file_once_as_the_record_cannot_tell() {
    let (dir, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    written(elsewhere.path(), &[("far.txt", "Far")]);
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("link")).unwrap();
    written(dir.path(), &[("a.txt", "Alpha")]);
    let r = after_first_r(dir.path(), true);
    assert!(r.first.sources.linked);
    // Changed through the link: the watcher records it under the link's
    // target, if at all.
    written(elsewhere.path(), &[("far.txt", "Farther")]);
    r.workers.perform(byline::app::Job::ReloadAll);
    let (recorded, reloaded) = next_reload(&r.rx);
    assert!(!recorded, "no answer from the record first");
    assert_eq!(r.everything.recv_timeout(WAIT), Ok(true));
    assert!(
        r.everything.try_recv().is_err(),
        "every file looked at once"
    );
    let mut titles = titles(&reloaded);
    titles.sort_unstable();
    assert_eq!(titles, ["Alpha", "Farther"]);
}
