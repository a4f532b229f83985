use std::sync::Arc;

use super::*;
use crate::action::Action;
use crate::article::Article;
use crate::geometry::Focus;
use crate::state::{Sort, Stamp, View};

const WIDE: (u16, u16) = (120, 40);
const NARROW: (u16, u16) = (80, 24);

fn corpus(n: usize, paragraphs: usize) -> Arc<Corpus> {
    let body = (0..paragraphs)
        .map(|p| format!("Paragraph {p} with a few words in it."))
        .collect::<Vec<_>>()
        .join("\n");
    let articles = (0..n)
        .map(|i| Article {
            id: format!("{i}.txt"),
            title: format!("Title {i}"),
            body: body.as_str().into(),
            ..Article::default()
        })
        .map(Arc::new)
        .collect();
    Arc::new(Corpus {
        articles,
        ..Corpus::default()
    })
}

fn app(n: usize, size: (u16, u16)) -> App {
    app_of(corpus(n, 60), size)
}

fn app_of(corpus: Arc<Corpus>, size: (u16, u16)) -> App {
    App::new(
        corpus,
        Config::default(),
        Rect::new(0, 0, size.0, size.1),
        Stamp(0),
    )
}

/// Does each action as its key would, with the work it asks for done at
/// once; returns what the loop was asked to do.
fn run(app: &mut App, actions: &[Action]) -> Effects {
    let mut all = Effects::default();
    for &a in actions {
        let effects = app.handle(Msg::Action(a), app.now);
        all.merge(crate::runtime::inline(app, effects, app.now));
    }
    all
}

/// Does the work a call outside `handle` asked for.
fn pump(app: &mut App) {
    let effects = std::mem::take(&mut app.out);
    crate::runtime::inline(app, effects, app.now);
}

fn tick(app: &mut App, now: Stamp) {
    let effects = app.handle(Msg::Tick, now);
    crate::runtime::inline(app, effects, now);
}

#[test]
fn moving_the_selection_clamps_at_both_ends() {
    let mut app = app(5, WIDE);
    run(&mut app, &[Action::Up]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::Bottom, Action::Down, Action::PageDown]);
    assert_eq!(app.selected, 4);
    run(&mut app, &[Action::HalfPageUp]);
    assert_eq!(app.selected, 0);
}

#[test]
fn the_selection_stays_in_view() {
    let mut app = app(100, NARROW);
    run(&mut app, &[Action::PageDown, Action::PageDown]);
    let rows = app.geometry().list_rows();
    assert_eq!(app.selected, 46);
    assert!(app.list_top <= app.selected && app.selected < app.list_top + rows);
    run(&mut app, &[Action::Top]);
    assert_eq!((app.selected, app.list_top), (0, 0));
}

#[test]
fn open_scroll_and_back_keep_the_row() {
    let mut app = app(10, NARROW);
    run(&mut app, &[Action::Down, Action::Down, Action::Open]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.article, Some(2));
    run(
        &mut app,
        &[Action::Down, Action::Down, Action::HalfPageDown],
    );
    assert_eq!(app.reader.top, 2 + 11);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.reader.top, app.reader.layout.lines.len() - app.page());
    assert_eq!(app.reader_percent(), 100);
    run(&mut app, &[Action::Down, Action::HalfPageDown]);
    assert_eq!(
        app.reader.top,
        app.reader.layout.lines.len() - app.page(),
        "clamped at the end"
    );
    run(&mut app, &[Action::Top, Action::Up]);
    assert_eq!(app.reader.top, 0);
    run(&mut app, &[Action::Back]);
    assert_eq!((app.focus, app.selected), (Focus::List, 2));
}

#[test]
fn next_and_previous_article_stay_in_the_reader_from_the_top() {
    let mut app = app(3, NARROW);
    run(
        &mut app,
        &[Action::Open, Action::PageDown, Action::NextArticle],
    );
    assert_eq!(
        (app.focus, app.reader.article, app.reader.top),
        (Focus::Reader, Some(1), 0)
    );
    run(&mut app, &[Action::NextArticle, Action::NextArticle]);
    assert_eq!(app.reader.article, Some(2));
    run(
        &mut app,
        &[
            Action::PrevArticle,
            Action::PrevArticle,
            Action::PrevArticle,
        ],
    );
    assert_eq!(app.reader.article, Some(0));
}

#[test]
fn tab_switches_focus() {
    let mut app = app(3, WIDE);
    run(&mut app, &[Action::SwitchFocus]);
    assert_eq!(app.focus, Focus::Reader);
    run(&mut app, &[Action::SwitchFocus]);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn an_empty_corpus_takes_every_action() {
    let mut app = app(0, NARROW);
    for &action in Action::ALL {
        run(&mut app, &[action]);
        app.overlay = None;
    }
    assert_eq!(
        (app.selected, app.focus, app.reader.article),
        (0, Focus::List, None)
    );
    app.click(5, 5);
    app.wheel(5, 5, true);
    app.resize(1, 1);
}

#[test]
fn resizing_keeps_the_paragraph_at_the_top() {
    let mut app = app_of(corpus(3, 300), WIDE);
    run(
        &mut app,
        &[Action::Open, Action::PageDown, Action::PageDown],
    );
    let block = app.reader.layout.lines[app.reader.top].block;
    app.resize(60, 20);
    assert_eq!(app.reader.layout.lines[app.reader.top].block, block);
    app.resize(200, 60);
    assert_eq!(app.reader.layout.lines[app.reader.top].block, block);
    assert_eq!(app.reader.article, Some(0));
}

#[test]
fn every_size_down_to_nothing_is_safe() {
    let mut app = app(3, WIDE);
    for (w, h) in [
        (1, 1),
        (0, 0),
        (2, 1),
        (19, 2),
        (20, 3),
        (u16::MAX, u16::MAX),
    ] {
        app.resize(w, h);
        run(
            &mut app,
            &[Action::Open, Action::PageDown, Action::Bottom, Action::Back],
        );
    }
}

#[test]
fn overlays_take_input_first_and_close_on_back() {
    let mut app = app(5, (80, 10));
    run(&mut app, &[Action::Help, Action::Down, Action::Down]);
    assert_eq!(app.overlay, Some(Overlay::Help { top: 2 }));
    let last = app.config.keymap.help_rows().len() - 8;
    run(&mut app, &[Action::Bottom, Action::Down, Action::PageDown]);
    assert_eq!(
        app.overlay,
        Some(Overlay::Help { top: last }),
        "clamped at the end"
    );
    run(&mut app, &[Action::Up]);
    assert_eq!(
        app.overlay,
        Some(Overlay::Help { top: last - 1 }),
        "and k works at once"
    );
    assert_eq!(app.selected, 0, "the list did not move");
    let effects = run(&mut app, &[Action::Quit]);
    assert!(
        app.overlay.is_none() && effects.exit.is_none(),
        "q closes the overlay first"
    );
    run(&mut app, &[Action::Warnings, Action::Back]);
    assert!(app.overlay.is_none());
    let effects = run(&mut app, &[Action::Quit]);
    assert_eq!(effects.exit, Some(Exit::Quit));
}

#[test]
fn clicks_select_rows_and_focus_the_reader() {
    let mut app = app(10, WIDE);
    app.click(3, 4);
    assert_eq!((app.selected, app.focus), (4, Focus::List));
    app.click(80, 4);
    assert_eq!(app.focus, Focus::Reader);
    app.click(3, 30);
    assert_eq!(
        app.selected, 4,
        "a click below the last row changes nothing"
    );
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app(10, WIDE);
    app.wheel(80, 5, true);
    assert_eq!(
        (app.reader.top, app.selected, app.focus),
        (3, 0, Focus::List)
    );
    app.wheel(3, 5, true);
    assert_eq!(app.selected, 3);
    app.wheel(80, 5, false);
    assert_eq!(app.reader.top, 0);
}

#[test]
fn suspend_is_asked_for_not_done() {
    let mut app = app(1, WIDE);
    let effects = run(&mut app, &[Action::Suspend]);
    assert!(effects.suspend);
}

fn titled(titles: &[&str]) -> App {
    let articles = titles
        .iter()
        .map(|t| Article {
            title: (*t).into(),
            body: "x".into(),
            ..Article::default()
        })
        .map(Arc::new)
        .collect();
    App::new(
        Arc::new(Corpus {
            articles,
            ..Corpus::default()
        }),
        Config::default(),
        Rect::new(0, 0, 120, 40),
        Stamp(0),
    )
}

/// Types keys into whatever text field is open, ranking as the worker would.
fn type_keys(app: &mut App, keys: &[&str]) {
    for k in keys {
        app.text_key(k.parse().unwrap());
        pump(app);
    }
}

fn search_overlay(app: &App) -> &SearchOverlay {
    match &app.overlay {
        Some(Overlay::Search(s)) => s,
        other => panic!("no search overlay: {other:?}"),
    }
}

#[test]
fn search_overlay_open_type_move_accept() {
    let mut app = titled(&["Alpha news", "Beta report", "Gamma news", "Delta"]);
    run(&mut app, &[Action::Find]);
    assert!(app.wants_text());
    assert_eq!(
        search_overlay(&app).hits.len(),
        4,
        "an empty query lists everything"
    );
    type_keys(&mut app, &["n", "e", "w", "s"]);
    let hits: Vec<usize> = search_overlay(&app).hits.iter().map(|h| h.index).collect();
    assert_eq!(hits, [0, 2]);
    type_keys(&mut app, &["down", "enter"]);
    assert!(app.overlay.is_none());
    assert_eq!((app.selected, app.focus), (2, Focus::Reader));
}

#[test]
fn search_overlay_cancel_restores_the_selection() {
    let mut app = titled(&["Alpha", "Beta", "Gamma"]);
    run(&mut app, &[Action::Down, Action::Search]);
    type_keys(&mut app, &["g", "enter"]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::Back, Action::Up, Action::Search]);
    type_keys(&mut app, &["a", "down", "esc"]);
    assert!(app.overlay.is_none());
    assert_eq!((app.selected, app.focus), (1, Focus::List));
}

#[test]
fn accepting_with_no_hits_changes_nothing() {
    let mut app = titled(&["Alpha", "Beta"]);
    run(&mut app, &[Action::Down, Action::Find]);
    type_keys(&mut app, &["z", "z", "z", "enter"]);
    assert!(app.overlay.is_none());
    assert_eq!((app.selected, app.focus), (1, Focus::List));
}

fn ids(app: &App) -> Vec<&str> {
    app.rows
        .iter()
        .map(|&i| app.corpus.articles[i].id.as_str())
        .collect()
}

#[test]
fn marks_toggle_undo_and_count() {
    let mut app = app(3, WIDE);
    assert_eq!(app.unread, 3);
    run(
        &mut app,
        &[Action::ToggleRead, Action::Down, Action::ToggleStar],
    );
    assert!(app.state.is_read("0.txt") && app.state.is_starred("1.txt"));
    assert_eq!((app.unread, app.unsaved()), (2, true));
    assert_eq!(app.message.as_deref(), Some("starred"));
    run(&mut app, &[Action::Undo]);
    assert!(!app.state.is_starred("1.txt"));
    assert_eq!(app.message.as_deref(), Some("undone; now unstarred"));
    run(&mut app, &[Action::Undo, Action::Undo]);
    assert!(!app.state.is_read("0.txt"));
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn views_cycle_all_unread_starred() {
    let mut app = app(3, WIDE);
    run(
        &mut app,
        &[
            Action::ToggleRead,
            Action::Down,
            Action::ToggleStar,
            Action::ToggleRead,
        ],
    );
    run(&mut app, &[Action::CycleView]);
    assert_eq!((app.view(), ids(&app)), (View::Unread, vec!["2.txt"]));
    run(&mut app, &[Action::CycleView]);
    assert_eq!((app.view(), ids(&app)), (View::Starred, vec!["1.txt"]));
    assert_eq!(
        app.selected_article(),
        Some(1),
        "the selection stays on the article"
    );
    run(&mut app, &[Action::CycleView]);
    assert_eq!((app.view(), ids(&app).len()), (View::All, 3));
}

#[test]
fn an_article_open_a_moment_becomes_read() {
    let mut app = app(3, NARROW);
    tick(&mut app, Stamp(10_000));
    run(&mut app, &[Action::Open]);
    tick(&mut app, Stamp(10_000 + READ_AFTER_MS - 1));
    assert!(!app.state.is_read("0.txt"));
    assert_eq!(app.next_deadline(), Some(Stamp(10_000 + READ_AFTER_MS)));
    tick(&mut app, Stamp(10_000 + READ_AFTER_MS));
    assert!(app.state.is_read("0.txt"));
    assert_eq!(app.next_deadline(), None, "no more timers: idle means idle");
    // Scrolling marks read at once; the list's preview does not.
    run(&mut app, &[Action::NextArticle, Action::Down]);
    assert!(app.state.is_read("1.txt"));
    run(&mut app, &[Action::Back, Action::Down]);
    tick(&mut app, Stamp(99_000));
    assert!(!app.state.is_read("2.txt"));
}

#[test]
fn marking_unread_is_not_undone_by_the_timer() {
    let mut app = app(2, NARROW);
    run(&mut app, &[Action::Open, Action::Down, Action::ToggleRead]);
    assert!(!app.state.is_read("0.txt"));
    tick(&mut app, Stamp(1_000_000));
    assert!(!app.state.is_read("0.txt"));
}

#[test]
fn positions_and_the_last_article_come_back() {
    let mut first = App::new(
        corpus(3, 300),
        Config::default(),
        Rect::new(0, 0, 80, 24),
        Stamp(0),
    );
    run(
        &mut first,
        &[
            Action::Down,
            Action::Open,
            Action::PageDown,
            Action::PageDown,
        ],
    );
    let block = first.reader.layout.lines[first.reader.top].block;
    assert!(block > 2);
    let mut second = App::new(
        corpus(3, 300),
        Config::default(),
        Rect::new(0, 0, 100, 30),
        Stamp(0),
    );
    second.restore_state(first.state.clone());
    assert_eq!((second.focus, second.selected), (Focus::Reader, 1));
    assert_eq!(second.reader.layout.lines[second.reader.top].block, block);
}

#[test]
fn stale_search_results_are_dropped() {
    let mut app = titled(&["Alpha", "Beta"]);
    run(&mut app, &[Action::Search]);
    type_keys(&mut app, &["b"]);
    let stale = crate::search::SearchResult {
        generation: 1,
        query: "a".into(),
        hits: vec![],
        complete: true,
    };
    app.search_results(stale);
    assert_eq!(
        search_overlay(&app).hits.len(),
        1,
        "results for another query change nothing"
    );
    assert!(search_overlay(&app).complete);
}

fn article_app(body: &str) -> App {
    let articles = vec![Arc::new(Article {
        id: "a".into(),
        title: "T".into(),
        body: body.into(),
        ..Article::default()
    })];
    let mut app = App::new(
        Arc::new(Corpus {
            articles,
            ..Corpus::default()
        }),
        Config::default(),
        Rect::new(0, 0, 80, 10),
        Stamp(0),
    );
    run(&mut app, &[Action::Open]);
    app
}

fn find_state(app: &App) -> (usize, Option<usize>) {
    let find = app.find.as_ref().expect("a find");
    (find.hits.len(), find.current)
}

#[test]
fn find_in_the_article_highlights_moves_and_wraps() {
    let body = (0..30).map(|i| {
        if i % 10 == 5 {
            format!("Paragraph {i} has the Needle.")
        } else {
            format!("Paragraph {i}.")
        }
    });
    let mut app = article_app(&body.collect::<Vec<_>>().join("\n"));
    run(&mut app, &[Action::Find]);
    assert!(app.wants_text());
    type_keys(&mut app, &["n", "e", "e", "d", "l", "e"]);
    assert_eq!(
        find_state(&app),
        (3, Some(0)),
        "smart case: lowercase finds Needle"
    );
    let first_line = app.find.as_ref().unwrap().hits[0].line;
    assert!(app.reader.top <= first_line && first_line < app.reader.top + app.page());
    type_keys(&mut app, &["enter"]);
    assert!(!app.wants_text());
    run(&mut app, &[Action::NextHit, Action::NextHit]);
    assert_eq!(find_state(&app).1, Some(2));
    run(&mut app, &[Action::NextHit]);
    assert_eq!(find_state(&app).1, Some(0), "wraps to the first");
    run(&mut app, &[Action::PrevHit]);
    assert_eq!(find_state(&app).1, Some(2), "and back to the last");
    run(&mut app, &[Action::Back]);
    assert!(app.find.is_none());
    assert_eq!(app.focus, Focus::Reader, "Esc clears the find first");
}

#[test]
fn find_smart_case_nothing_found_and_cancel() {
    let mut app = article_app("needle here\nNeedle there");
    run(&mut app, &[Action::Find]);
    type_keys(&mut app, &["N", "e", "e", "d", "l", "e"]);
    assert_eq!(find_state(&app).0, 1, "a capital makes case count");
    type_keys(&mut app, &["esc"]);
    assert!(app.find.is_none());
    run(&mut app, &[Action::Find]);
    type_keys(&mut app, &["z", "z", "enter"]);
    assert!(app.find.is_none());
    assert_eq!(app.message.as_deref(), Some("not found: zz"));
    run(&mut app, &[Action::NextHit]);
    assert!(app.message.is_some_and(|m| m.starts_with("no search")));
}

#[test]
fn find_follows_a_resize_and_ends_with_the_article() {
    let mut app = article_app("one needle\ntwo needle");
    run(&mut app, &[Action::Find]);
    type_keys(&mut app, &["n", "e", "e", "d", "l", "e", "enter"]);
    app.resize(30, 10);
    assert_eq!(find_state(&app), (2, None), "found again in the new lines");
    let mut app = App::new(
        corpus(2, 5),
        Config::default(),
        Rect::new(0, 0, 80, 10),
        Stamp(0),
    );
    run(&mut app, &[Action::Open, Action::Find]);
    type_keys(&mut app, &["p", "a", "r", "enter"]);
    assert_eq!(find_state(&app).0, 5);
    run(&mut app, &[Action::NextArticle]);
    assert_eq!(
        find_state(&app),
        (5, None),
        "the find goes on in the next article"
    );
    assert!(!app.wants_text());
}

#[path = "reading_tests.rs"]
mod reading;

#[path = "filter_tests.rs"]
mod filter;

#[path = "sections_tests.rs"]
mod sections;
