//! Properties over arbitrary text, widths and key sequences.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use std::sync::Arc;

use byline::action::Action;
use byline::app::{App, Msg};
use byline::clean::sanitize;
use byline::config::Config;
use byline::geometry::{Focus, Geometry};
use byline::layout::ArticleLayout;
use byline::runtime;
use byline::state::Stamp;
use byline::{Article, Corpus};
use proptest::prelude::*;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// Words from several scripts, with wide, zero-width and combining characters.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,12}",
        "[中非合作论坛北京]{1,8}",
        Just("👩‍💻".to_owned()),
        Just("e\u{301}te\u{301}".to_owned()),
        Just("supercalifragilisticexpialidocious".to_owned()),
        "[\\PC]{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(word(), 0..40).prop_map(|w| w.join(" ")),
        0..6,
    )
    .prop_map(|paragraphs| sanitize(&paragraphs.join("\n")))
}

/// An action, or a key that text fields and overlays take.
fn step() -> impl Strategy<Value = Msg> {
    let keys = [
        "esc",
        "enter",
        "a",
        "t",
        "1",
        "down",
        "up",
        "backspace",
        "ctrl-u",
        "pagedown",
        "tab",
    ];
    prop_oneof![
        prop::sample::select(Action::ALL.to_vec()).prop_map(Msg::Action),
        prop::sample::select(keys.to_vec()).prop_map(|k| Msg::key(k).expect("a key")),
        (0u16..160, 0u16..50).prop_map(|(w, h)| Msg::Resize(w, h)),
    ]
}

proptest! {
    #[test]
    fn no_wrapped_line_is_wider_than_its_width(body in text(), width in 2usize..120) {
        let article = Article { title: "A title".into(), body: body.into(), ..Article::default() };
        for line in ArticleLayout::new(&article, width).lines {
            prop_assert!(line.text.width() <= width, "{:?} is wider than {}", line.text, width);
        }
    }

    #[test]
    fn scrolling_and_selection_stay_in_bounds(
        steps in prop::collection::vec(step(), 0..60),
        n in 0usize..5,
        (w, h) in (0u16..160, 0u16..50),
    ) {
        let articles = (0..n)
            .map(|i| Article { title: format!("T{i}"), body: "word ".repeat(200 * i).trim().into(), ..Article::default() })
            .map(Arc::new)
            .collect();
        let corpus = Arc::new(Corpus { articles, ..Corpus::default() });
        let mut app = App::new(corpus, Config::default(), Rect::new(0, 0, w, h), Stamp(0));
        // Overlays stay open until a step closes them, so their states
        // (help, warnings, the finder with a query) are explored too.
        for msg in steps {
            let effects = app.handle(msg, Stamp(0));
            runtime::inline(&mut app, effects, Stamp(0));
            prop_assert!(app.selected() < n.max(1));
            let last_top = app.reader().layout.lines.len().saturating_sub(app.page());
            prop_assert!(app.reader().top <= last_top, "{} > {}", app.reader().top, last_top);
            let list = Geometry::new(app.area(), &app.config().reader, Focus::List).list_rows();
            prop_assert!(app.list_top() <= app.selected());
            prop_assert!(n == 0 || list == 0 || app.selected() < app.list_top() + list, "selection off screen");
        }
    }
}
