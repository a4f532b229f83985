//! Reloading from files: what the user marked and chose stays, and no
//! answer about the corpus before is taken for one about the new.

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::{App, Job, LaidOut, Msg, Pane, reader};
use crate::config::Config;
use crate::corpus::{Changes, Corpus, LoadOptions};
use crate::layout::ArticleLayout;
use crate::state::Stamp;

fn write(dir: &Path, name: &str, title: &str, paragraphs: usize) {
    let body = vec!["A paragraph of a few words to lay out."; paragraphs].join("\n\n");
    fs::write(dir.join(name), format!("{title}\n\n{body}\n")).unwrap();
}

fn app_of(corpus: Corpus) -> App {
    App::new(
        Arc::new(corpus),
        Config::default(),
        Rect::new(0, 0, 120, 40),
        Stamp(0),
    )
}

fn act(app: &mut App, actions: &[Action]) {
    for &a in actions {
        let now = app.now;
        let effects = app.handle(Msg::Action(a), now);
        crate::runtime::inline(app, effects, now);
    }
}

/// Three files loaded; the second starred, the third read and selected;
/// then a new first file written and the second rewritten.
fn marked_then_changed() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    for (name, title) in [("a.txt", "Alpha"), ("b.txt", "Beta"), ("c.txt", "Gamma")] {
        write(dir.path(), name, title, 2);
    }
    // Files changed within a tick of a load are read again at the next.
    std::thread::sleep(Duration::from_millis(25));
    let corpus = Corpus::load(&[dir.path().to_owned()], &LoadOptions::default()).unwrap();
    let mut app = app_of(corpus);
    act(&mut app, &[Action::Down, Action::ToggleStar, Action::Down]);
    act(&mut app, &[Action::ToggleRead]);
    std::thread::sleep(Duration::from_millis(25));
    // A new first article moves every index; one that was starred changes.
    write(dir.path(), "0.txt", "New first", 1);
    write(dir.path(), "b.txt", "Beta, revised", 3);
    (dir, app)
}

/// Checks that the selection and the marks of [`marked_then_changed`]
/// survived; the titles now listed.
fn kept_marks_and_titles(app: &App) -> Vec<&str> {
    let selected = app
        .selected_article()
        .map(|i| app.corpus().articles[i].id.as_str());
    assert_eq!(selected, Some("c.txt"));
    assert!(app.state.is_starred("b.txt") && app.state.is_read("c.txt"));
    (app.corpus().articles.iter())
        .map(|a| a.title.as_str())
        .collect()
}

#[test]
fn marks_and_the_selection_survive_a_refresh() {
    let (_dir, mut app) = marked_then_changed();
    let refreshed = app.corpus().refresh(&LoadOptions::default()).unwrap();
    assert_eq!(refreshed.sources.read, 2);
    let now = app.now;
    let effects = app.handle(Msg::Reloaded(Ok(Arc::new(refreshed))), now);
    crate::runtime::inline(&mut app, effects, now);
    let titles = kept_marks_and_titles(&app);
    assert_eq!(titles, ["New first", "Alpha", "Beta, revised", "Gamma"]);
}

#[test]
fn a_layout_of_the_corpus_before_a_reload_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    // Long enough to be laid out on a worker, not in the app.
    let long = reader::INLINE_BYTES / 30;
    write(dir.path(), "a.txt", "Old article", long);
    let options = LoadOptions::default();
    let before = Corpus::load(&[dir.path().to_owned()], &options).unwrap();
    let mut app = app_of(before);
    // Handled, the layout it asks for not done: it stays pending.
    app.handle(Msg::Action(Action::Open), app.now);
    let Some(width) = app.reader.pending else {
        panic!("laid out on a worker")
    };
    let old = Arc::new(ArticleLayout::new(&app.corpus().articles[0], width));
    let old_epoch = app.corpus().epoch;
    std::thread::sleep(Duration::from_millis(25));
    write(dir.path(), "a.txt", "New article", long + 1);
    let after = Arc::new(app.corpus().refresh(&options).unwrap());
    app.handle(Msg::Reloaded(Ok(Arc::clone(&after))), app.now);
    // The same article index and width, asked again of the new corpus.
    assert_eq!(app.reader.pending, Some(width), "laid out again");
    let stale = LaidOut {
        pane: Pane::Reader,
        epoch: old_epoch,
        article: 0,
        layout: Arc::clone(&old),
    };
    app.handle(Msg::LaidOut(stale), app.now);
    assert_eq!(app.reader.pending, Some(width), "still waiting");
    assert!(!Arc::ptr_eq(&app.reader.layout, &old));
    let fresh = LaidOut {
        pane: Pane::Reader,
        epoch: after.epoch,
        article: 0,
        layout: Arc::new(ArticleLayout::new(&after.articles[0], width)),
    };
    app.handle(Msg::LaidOut(fresh), app.now);
    assert_eq!(app.reader.pending, None);
    assert!(app.reader.layout.lines.len() > old.lines.len());
}

#[test]
fn marks_and_the_selection_survive_a_refresh_of_the_paths_the_watcher_named() {
    let (dir, mut app) = marked_then_changed();
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    let mut changes = Changes::default();
    for name in ["0.txt", "b.txt", "a.txt"] {
        changes.add(dir.path().join(name));
    }
    let effects = app.handle(Msg::FilesChanged(changes.clone()), app.now);
    let asked = effects.jobs.iter().find_map(|job| match job {
        Job::Reload(asked) => Some(asked),
        _ => None,
    });
    assert_eq!(asked, Some(&changes), "the paths go to the reload");
    let refreshed = (app.corpus())
        .refresh_changed(&changes, &LoadOptions::default())
        .unwrap();
    assert_eq!(refreshed.sources.read, 2);
    let now = app.now;
    let effects = app.handle(Msg::Reloaded(Ok(Arc::new(refreshed))), now);
    crate::runtime::inline(&mut app, effects, now);
    let titles = kept_marks_and_titles(&app);
    assert_eq!(
        titles,
        ["New first", "Beta, revised", "Gamma"],
        "a.txt is gone"
    );
}

#[test]
fn after_r_the_recorded_corpus_is_taken_and_the_same_one_checked_changes_nothing() {
    let (_dir, mut app) = marked_then_changed();
    let effects = app.handle(Msg::Action(Action::Reload), app.now);
    assert!(effects.jobs.iter().any(|j| matches!(j, Job::ReloadAll)));
    assert_eq!(app.message.as_deref(), Some("loading…"));
    // Nothing recorded: the corpus the app has, told at once.
    let same = Arc::clone(app.corpus());
    app.handle(Msg::ReloadedRecorded(Ok(Arc::clone(&same))), app.now);
    assert_eq!(app.message.as_deref(), Some("loaded again"));
    let refreshed = Arc::new(app.corpus().refresh(&LoadOptions::default()).unwrap());
    let now = app.now;
    let effects = app.handle(Msg::Reloaded(Ok(Arc::clone(&refreshed))), now);
    crate::runtime::inline(&mut app, effects, now);
    assert!(Arc::ptr_eq(app.corpus(), &refreshed));
    let titles = kept_marks_and_titles(&app);
    assert_eq!(titles, ["New first", "Alpha", "Beta, revised", "Gamma"]);
    // Checked again, and found the same: nothing is done, not a relist.
    app.message = Some("starred".to_owned());
    let effects = app.handle(Msg::Reloaded(Ok(Arc::clone(&refreshed))), app.now);
    assert!(effects.jobs.is_empty() && effects.corpus.is_none());
    assert_eq!(app.message.as_deref(), Some("starred"));
}

#[test]
fn a_watch_that_could_not_start_is_a_warning() {
    let (_dir, mut app) = marked_then_changed();
    let why = "/news: no space left on device".to_owned();
    app.handle(Msg::NotWatching(why), app.now);
    let warning = "not watching for changes: /news: no space left on device";
    assert_eq!(app.message.as_deref(), Some(warning));
    assert_eq!(app.warnings.last().map(String::as_str), Some(warning));
}

#[test]
fn the_article_read_stays_to_the_line_when_another_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs of several lines at 120 columns, so that the end is not
    // at one's first line.
    let long = ["A sentence of a paragraph that goes on. "; 12].concat();
    let body = vec![long.as_str(); 30].join("\n\n");
    fs::write(dir.path().join("a.txt"), format!("Long read\n\n{body}\n")).unwrap();
    write(dir.path(), "b.txt", "Other", 1);
    std::thread::sleep(Duration::from_millis(25));
    let options = LoadOptions::default();
    let before = Corpus::load(&[dir.path().to_owned()], &options).unwrap();
    let mut app = app_of(before);
    act(&mut app, &[Action::Open, Action::Bottom]);
    let top = app.reader.top;
    let block = app.reader.layout.lines[top].block;
    assert_ne!(top, app.reader.layout.line_of_block(block), "mid-paragraph");
    write(dir.path(), "b.txt", "Other, revised", 2);
    let after = Arc::new(app.corpus().refresh(&options).unwrap());
    assert_eq!(after.sources.read, 1, "only b.txt read again");
    let now = app.now;
    let effects = app.handle(Msg::Reloaded(Ok(after)), now);
    crate::runtime::inline(&mut app, effects, now);
    assert_eq!(app.corpus().articles[0].title, "Long read");
    assert_eq!(app.reader.article, Some(0));
    assert_eq!(app.reader.top, top, "to the line, not the paragraph");
}
