//! The sections pane: counts, choosing by key and by click, clearing.

use std::sync::Arc;

use super::super::*;
use super::filter::{app, ids, press, run_actions, typed};
use crate::action::Action;
use crate::state::Stamp;

fn section_names(app: &App) -> Vec<(Option<String>, usize, usize)> {
    let pane = app.sections().expect("the pane is open");
    pane.rows
        .iter()
        .map(|r| (r.name.clone(), r.unread, r.total))
        .collect()
}

#[test]
fn the_sections_pane_counts_unread_and_choosing_filters_the_list() {
    let mut app = app();
    run_actions(&mut app, &[Action::Down, Action::ToggleRead]);
    press(&mut app, &["c"]);
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        section_names(&app),
        [
            (None, 3, 4),
            (some("business"), 0, 1),
            (some("sport"), 2, 2),
            (some("tech"), 1, 1)
        ]
    );
    assert!(app.geometry().sections.is_some());
    // Keys move in the pane, not the list.
    press(&mut app, &["j", "j", "enter"]);
    assert!(app.sections().is_none(), "choosing closes the pane");
    assert_eq!(app.chosen_section(), Some("sport"));
    assert_eq!(ids(&app), [0, 2]);
    assert_eq!(app.selected_article(), Some(0));
    press(&mut app, &["c"]);
    assert_eq!(
        app.sections().map(|p| p.selected),
        Some(2),
        "on the chosen one"
    );
    // Marks change the counts while the pane is open.
    press(&mut app, &["esc"]);
    run_actions(&mut app, &[Action::ToggleRead, Action::Sections]);
    assert_eq!(section_names(&app)[2], (some("sport"), 1, 2));
    press(&mut app, &["g", "enter"]);
    assert_eq!((app.chosen_section(), ids(&app)), (None, vec![0, 1, 2, 3]));
}

#[test]
fn esc_clears_the_section_then_the_typed_filter_and_a_click_chooses() {
    let mut app = app();
    press(&mut app, &["\\"]);
    typed(&mut app, "greenspan");
    press(&mut app, &["c"]);
    let pane = app.geometry().sections.expect("drawn");
    // Row 2 of the pane: sport.
    let click = ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: pane.x + 1,
        row: pane.y + 2,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    };
    app.handle(Msg::Mouse(click), Stamp(1));
    assert_eq!(app.chosen_section(), Some("sport"));
    assert_eq!(ids(&app), [2], "Greenspan, in sport");
    press(&mut app, &["esc"]);
    assert_eq!((app.chosen_section(), ids(&app)), (None, vec![1, 2]));
    press(&mut app, &["esc"]);
    assert_eq!(ids(&app), [0, 1, 2, 3]);
}

#[test]
fn without_sections_the_pane_says_so() {
    let mut app = App::new(
        Arc::new(Corpus {
            articles: vec![Arc::default()],
            ..Corpus::default()
        }),
        Config::default(),
        Rect::new(0, 0, 80, 24),
        Stamp(0),
    );
    press(&mut app, &["c"]);
    assert!(app.sections().is_none());
    assert_eq!(app.message(), Some("these articles have no sections"));
}
