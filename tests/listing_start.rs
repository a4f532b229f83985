//! Starting from the listing (issue 15): the first frame comes from the
//! listing the last load left, before any body is read; the article shown
//! is read from its file; the corpus loads behind and takes its place.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use byline::action::Action;
use byline::app::{App, Job, Msg};
use byline::config::Config;
use byline::corpus::listing;
use byline::runtime;
use byline::state::Stamp;
use byline::{Corpus, LoadOptions};
use common::headless::run_script;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Three text articles, the second long enough to be laid out on a worker.
fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let long = "A long paragraph of the second article. ".repeat(1000);
    for (name, text) in [
        ("a.txt", "First story\n\nThe first body.".to_owned()),
        (
            "b.txt",
            format!("Second story\n\n{long}\n\nThe last words."),
        ),
        ("c.txt", "Third story\n\nThe third body.".to_owned()),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The corpus at `dir` loaded, and made again from the listing it left.
fn loaded_and_listed(dir: &Path) -> (Arc<Corpus>, Corpus) {
    let (cache, options) = (tempfile::tempdir().unwrap(), LoadOptions::default());
    let loaded = Corpus::load(&[dir.to_owned()], &options).unwrap();
    let later = SystemTime::now() + Duration::from_secs(10);
    listing::store(&loaded, &options, cache.path(), Duration::ZERO, later).unwrap();
    let listed = listing::latest(&[dir.to_owned()], &options, cache.path()).unwrap();
    (Arc::new(loaded), Corpus::from_listing(listed, &options))
}

fn screen(app: &App) -> String {
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|f| byline::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    let rows: Vec<String> = cells
        .chunks(usize::from(area.width))
        .map(|r| r.concat())
        .collect();
    rows.join("\n")
}

#[test]
fn the_first_frame_is_the_listing_then_the_body_then_the_loaded_corpus() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    let listed = Arc::new(listed);
    let mut app = App::new(
        Arc::clone(&listed),
        Config::default(),
        Rect::default(),
        Stamp(0),
    );
    app.set_monochrome(true);
    let effects = app.handle(Msg::Resize(100, 20), Stamp(1));
    assert!(effects.jobs.iter().any(|j| matches!(j, Job::Reload(_))));
    let asked = effects.jobs.iter().find_map(|j| match j {
        Job::ReadBody(i) => Some(*i),
        _ => None,
    });
    assert_eq!(asked, Some(0), "{:?}", effects.jobs);
    let first = screen(&app);
    for title in [
        "First story",
        "Second story",
        "Third story",
        "reading…",
        "loading 0%",
    ] {
        assert!(first.contains(title), "{title}: {first}");
    }
    assert!(!first.contains("The first body."), "{first}");

    // The worker reads it; the reader shows it.
    listed.read_body(0).unwrap();
    app.handle(
        Msg::BodyRead {
            index: 0,
            result: Ok(()),
        },
        Stamp(2),
    );
    app.handle(Msg::Loading { progress: 0.41 }, Stamp(3));
    let read = screen(&app);
    assert!(
        read.contains("The first body.") && !read.contains("reading…"),
        "{read}"
    );
    assert!(read.contains("loading 41%"), "{read}");

    // Moving on asks for the next body; the loaded corpus takes over
    // without moving the selection, and says nothing when it matches.
    let effects = app.handle(Msg::Action(Action::Down), Stamp(4));
    assert!(
        effects.jobs.iter().any(|j| matches!(j, Job::ReadBody(1))),
        "{:?}",
        effects.jobs
    );
    app.handle(Msg::Reloaded(Ok(Arc::clone(&loaded))), Stamp(5));
    let done = screen(&app);
    assert!(
        done.contains("A long paragraph") || done.contains("Second story"),
        "{done}"
    );
    assert!(!done.contains("loading"), "{done}");
    assert_eq!(app.selected(), 1);
    assert_eq!(app.message(), None);
    assert!(!app.corpus().is_partial());
}

#[test]
fn a_body_that_cannot_be_read_is_a_warning_and_is_not_asked_for_again_at_once() {
    let dir = corpus_dir();
    let (_, listed) = loaded_and_listed(dir.path());
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    let listed = Arc::new(listed);
    let mut app = App::new(
        Arc::clone(&listed),
        Config::default(),
        Rect::new(0, 0, 100, 20),
        Stamp(0),
    );
    let first = app.handle(Msg::Tick, Stamp(1));
    assert!(
        first.jobs.iter().any(|j| matches!(j, Job::ReadBody(0))),
        "{:?}",
        first.jobs
    );
    let result = listed.read_body(0);
    assert!(result.is_err());
    let effects = app.handle(Msg::BodyRead { index: 0, result }, Stamp(2));
    assert!(
        !effects.jobs.iter().any(|j| matches!(j, Job::ReadBody(_))),
        "{:?}",
        effects.jobs
    );
    assert!(
        app.warnings().any(|w| w.contains("a.txt: not read")),
        "{:?}",
        app.warnings().collect::<Vec<_>>()
    );
}

/// The real loop and workers: the bodies come from the files, the long
/// one from the layout worker, and the load replaces the listing.
#[test]
fn headless_the_reader_opens_from_the_listing_and_loads_behind() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    let loader: runtime::Loader = Box::new(move |_, _, progress| {
        progress(0.5);
        Ok(Arc::clone(&loaded))
    });
    let script = vec![
        (Msg::Action(Action::Down), 10),
        (Msg::Action(Action::Open), 20),
        (Msg::Action(Action::Bottom), 30),
    ];
    let r = run_script(listed, (100, 20), script, None, Some(loader), None);
    let screen = r.screen();
    assert!(screen.contains("The last words."), "{screen}");
    assert!(!screen.contains("loading"), "{screen}");
    assert!(!r.app.corpus().is_partial());
}
