//! Whole screens drawn into a `TestBackend`, at the sizes people use and at
//! a tiny one, checked as insta snapshots; and styles checked cell by cell.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use std::sync::Arc;

use byline::action::Action;
use byline::app::{App, Msg};
use byline::config::Config;
use byline::runtime;
use byline::state::Stamp;
use byline::{Article, Corpus, LoadOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

fn seeds() -> Arc<Corpus> {
    Arc::new(Corpus::seeds(&LoadOptions::default()))
}

fn cjk() -> Arc<Corpus> {
    let articles = vec![
        Article {
            id: "cjk.txt".into(),
            title: "中非合作论坛在北京开幕 🎉 Café naïve".into(),
            section: "world".into(),
            date: Some(1_700_000_000),
            body: "中非合作论坛第九届部长级会议在北京举行，各方讨论了发展合作。\nA paragraph with e\u{301}mojis 👩‍💻 and combining marks.".into(),
            ..Article::default()
        },
        Article { id: "b.txt".into(), title: "Second".into(), body: "Text".into(), ..Article::default() },
    ];
    Arc::new(Corpus {
        articles: articles.into_iter().map(Arc::new).collect(),
        ..Corpus::default()
    })
}

/// Handles `msg`, with the work it asks for done at once.
fn send(app: &mut App, msg: Msg) {
    let effects = app.handle(msg, Stamp(0));
    runtime::inline(app, effects, Stamp(0));
}

fn screen(corpus: Arc<Corpus>, (w, h): (u16, u16), actions: &[Action]) -> Terminal<TestBackend> {
    let mut app = App::new(corpus, Config::default(), Rect::new(0, 0, w, h), Stamp(0));
    app.set_monochrome(true);
    for &a in actions {
        send(&mut app, Msg::Action(a));
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| byline::ui::draw(frame, &app))
        .unwrap();
    terminal
}

#[test]
fn seed_80x24_list() {
    insta::assert_snapshot!(screen(seeds(), (80, 24), &[]).backend());
}

#[test]
fn seed_80x24_reader() {
    insta::assert_snapshot!(screen(seeds(), (80, 24), &[Action::Open]).backend());
}

#[test]
fn seed_120x40_both_panes() {
    insta::assert_snapshot!(screen(seeds(), (120, 40), &[]).backend());
}

#[test]
fn seed_20x5() {
    insta::assert_snapshot!(screen(seeds(), (20, 5), &[Action::Open]).backend());
}

#[test]
fn too_small() {
    insta::assert_snapshot!(screen(seeds(), (12, 2), &[]).backend());
}

#[test]
fn cjk_120x40() {
    insta::assert_snapshot!(screen(cjk(), (120, 40), &[]).backend());
}

#[test]
fn cjk_20x5_reader() {
    insta::assert_snapshot!(screen(cjk(), (20, 5), &[Action::Open]).backend());
}

#[test]
fn help_is_generated_from_the_key_table() {
    insta::assert_snapshot!(screen(seeds(), (80, 40), &[Action::Help]).backend());
}

#[test]
fn the_selected_row_is_reverse_video_without_colour() {
    let terminal = screen(cjk(), (120, 40), &[Action::Down]);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer[(5, 1)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        !buffer[(5, 0)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    // The status bar too.
    assert!(
        buffer[(60, 39)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn every_size_draws_without_panicking() {
    for w in 0..30 {
        for h in 0..8 {
            screen(cjk(), (w, h), &[Action::Open, Action::PageDown]);
            screen(seeds(), (w, h), &[Action::Help]);
        }
    }
}

#[test]
fn search_highlights_cjk_by_display_column() {
    let mut app = App::new(cjk(), Config::default(), Rect::new(0, 0, 120, 40), Stamp(0));
    app.set_monochrome(true);
    send(&mut app, Msg::Action(Action::Find));
    for key in ["中", "非"] {
        send(&mut app, Msg::key(key).unwrap());
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| byline::ui::draw(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let lit = |x: u16| {
        buffer[(x, 3)]
            .style()
            .add_modifier
            .contains(Modifier::UNDERLINED)
    };
    assert_eq!(buffer[(3, 3)].symbol(), "中");
    assert_eq!(buffer[(5, 3)].symbol(), "非");
    assert!(lit(3) && lit(5), "both matched characters are highlighted");
    assert!(!lit(7), "合 is not");
    insta::assert_snapshot!(terminal.backend());
}

/// Dated articles without sections, the first starred and still unread,
/// the second read; drawn in colour.
fn marked_list(width: u16) -> Terminal<TestBackend> {
    let articles = (0..3)
        .map(|i| Article {
            id: format!("{i}"),
            title: format!("A rather long title number {i} about the news of the day"),
            date: Some(1_700_000_000 - i * 86_400),
            body: "Text.".into(),
            ..Article::default()
        })
        .map(Arc::new)
        .collect();
    let corpus = Arc::new(Corpus {
        articles,
        ..Corpus::default()
    });
    let mut app = App::new(
        corpus,
        Config::default(),
        Rect::new(0, 0, width, 20),
        Stamp(0),
    );
    for a in [
        Action::ToggleStar,
        Action::Down,
        Action::ToggleRead,
        Action::Down,
    ] {
        send(&mut app, Msg::Action(a));
    }
    let mut terminal = Terminal::new(TestBackend::new(width, 20)).unwrap();
    terminal
        .draw(|frame| byline::ui::draw(frame, &app))
        .unwrap();
    terminal
}

fn row(terminal: &Terminal<TestBackend>, y: u16, width: u16) -> String {
    let buffer = terminal.backend().buffer();
    (0..width).map(|x| buffer[(x, y)].symbol()).collect()
}

#[test]
fn list_marks_dates_and_dimmed_read_titles() {
    // 150 columns: a list 60 wide beside the reader.
    let terminal = marked_list(150);
    let first = row(&terminal, 0, 60);
    assert!(
        first.starts_with(" •★ A rather long title"),
        "unread and starred both show: {first:?}"
    );
    assert!(
        first.trim_end().ends_with("2023-11-14"),
        "the date from a list 60 wide: {first:?}"
    );
    assert!(
        first.contains('…'),
        "a cut title ends in an ellipsis: {first:?}"
    );
    let second = row(&terminal, 1, 60);
    assert!(
        second.starts_with("    A rather"),
        "read: no mark: {second:?}"
    );
    let buffer = terminal.backend().buffer();
    assert!(
        buffer[(6, 1)].style().add_modifier.contains(Modifier::DIM),
        "read titles are dimmed"
    );
    assert!(!buffer[(6, 0)].style().add_modifier.contains(Modifier::DIM));
    // No sections: no empty section column.
    let third = row(&terminal, 2, 60);
    assert!(!third.contains("             2023"), "{third:?}");
}
