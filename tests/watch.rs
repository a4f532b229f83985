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
    let watcher = runtime::watch(&corpus.root_paths, relay.clone()).unwrap();
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
