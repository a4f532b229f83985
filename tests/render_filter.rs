//! The filter and the sections pane on screen: whole screens as insta
//! snapshots at 80x24, 120x40 and tiny sizes, and no size panics.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use std::sync::Arc;

use byline::app::{App, Msg};
use byline::config::Config;
use byline::runtime;
use byline::state::Stamp;
use byline::{Article, Corpus};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn sections() -> Arc<Corpus> {
    let article = |i: usize, section: &str, title: &str| {
        Arc::new(Article {
            id: format!("{i}.txt"),
            title: title.to_owned(),
            section: section.to_owned(),
            body: format!("{title}. A paragraph about it.").into(),
            ..Article::default()
        })
    };
    Arc::new(Corpus {
        articles: vec![
            article(0, "sport", "Cup final tonight"),
            article(1, "business", "Markets rise on rate hopes"),
            article(2, "sport", "Tennis star wins in straight sets"),
            article(3, "tech", "A new phone, much like the old one"),
            article(
                4,
                "entertainment/film",
                "A film with a very long title that will not fit",
            ),
        ],
        ..Corpus::default()
    })
}

/// The app after `keys` (by name; `text:` pastes), drawn at `size`.
fn screen((w, h): (u16, u16), keys: &[&str]) -> Terminal<TestBackend> {
    let mut app = App::new(
        sections(),
        Config::default(),
        Rect::new(0, 0, w, h),
        Stamp(0),
    );
    app.set_monochrome(true);
    for key in keys {
        let msg = match key.strip_prefix("text:") {
            Some(text) => Msg::Paste(text.to_owned()),
            None => Msg::key(key).unwrap(),
        };
        let effects = app.handle(msg, Stamp(0));
        runtime::inline(&mut app, effects, Stamp(0));
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| byline::ui::draw(f, &app)).unwrap();
    terminal
}

#[test]
fn sections_pane_80x24() {
    insta::assert_snapshot!(screen((80, 24), &["m", "c", "j", "j"]).backend());
}

#[test]
fn sections_pane_120x40() {
    insta::assert_snapshot!(screen((120, 40), &["c", "j", "j"]).backend());
}

#[test]
fn sections_pane_30x6_takes_the_narrow_list() {
    insta::assert_snapshot!(screen((30, 6), &["c"]).backend());
}

#[test]
fn a_chosen_section_and_a_filter_on_the_status_bar_80x24() {
    let keys = ["c", "j", "j", "j", "enter", "\\", "text:-tennis", "enter"];
    insta::assert_snapshot!(screen((80, 24), &keys).backend());
}

#[test]
fn the_filter_prompt_120x40() {
    insta::assert_snapshot!(screen((120, 40), &["\\", "text:section:sport is:un"]).backend());
}

#[test]
fn every_size_draws_the_pane_and_prompt_without_panicking() {
    for w in 0..45 {
        for h in 0..8 {
            screen((w, h), &["c", "j"]);
            screen((w, h), &["\\", "text:after:2005"]);
        }
    }
    screen((1, 1), &["c", "enter", "esc"]);
}
