use std::sync::Arc;

use super::super::{App, Effects, Fetched, Job, Msg};
use crate::article::Article;
use crate::config::{Config, FetchConfig};
use crate::corpus::Corpus;
use crate::state::Stamp;
use ratatui::layout::Rect;

fn app(on_start: bool, refresh_minutes: u16) -> App {
    let corpus = Corpus {
        articles: vec![Arc::new(Article {
            id: "a".into(),
            title: "A".into(),
            ..Article::default()
        })],
        ..Corpus::default()
    };
    let config = Config {
        fetch: FetchConfig {
            on_start,
            refresh_minutes,
        },
        ..Config::default()
    };
    App::new(Arc::new(corpus), config, Rect::new(0, 0, 80, 24), Stamp(0))
}

fn fetches(effects: &Effects) -> usize {
    effects
        .jobs
        .iter()
        .filter(|j| matches!(j, Job::Fetch))
        .count()
}

fn done() -> Msg {
    Msg::Fetched(Ok(Fetched::default()))
}

#[test]
fn fetch_on_start_is_due_at_once_and_refresh_comes_minutes_after_each_fetch_ends() {
    let mut app = app(true, 10);
    assert_eq!(app.next_deadline(), Some(Stamp(0)));
    assert_eq!(fetches(&app.handle(Msg::Tick, Stamp(0))), 1);
    assert_eq!(app.next_fetch(), None, "nothing is due while it runs");
    // The fetch took a minute: the next is ten minutes after it ended.
    assert_eq!(fetches(&app.handle(done(), Stamp(60_000))), 0);
    assert_eq!(app.next_fetch(), Some(Stamp(660_000)));
    assert_eq!(app.next_deadline(), Some(Stamp(660_000)));
    assert_eq!(fetches(&app.handle(Msg::Tick, Stamp(659_999))), 0);
    assert_eq!(fetches(&app.handle(Msg::Tick, Stamp(660_000))), 1);
    assert_eq!(app.fetching(), Some((0, 0)));
}

#[test]
fn a_refresh_never_starts_a_second_fetch_while_one_runs() {
    let mut app = app(false, 1);
    assert_eq!(app.next_fetch(), Some(Stamp(60_000)), "not at the start");
    assert_eq!(fetches(&app.handle(Msg::Key(key("r")), Stamp(30_000))), 1);
    // Long past the refresh, the first fetch still running: none more.
    for at in [60_000, 120_000, 600_000] {
        assert_eq!(fetches(&app.handle(Msg::Tick, Stamp(at))), 0);
    }
    assert_eq!(fetches(&app.handle(Msg::Key(key("r")), Stamp(600_001))), 0);
    assert_eq!(app.message(), Some("already fetching"));
    app.handle(done(), Stamp(700_000));
    assert_eq!(app.next_fetch(), Some(Stamp(760_000)));
}

#[test]
fn without_the_settings_the_reader_fetches_only_when_asked() {
    let mut app = app(false, 0);
    assert_eq!(app.next_deadline(), None);
    assert_eq!(fetches(&app.handle(Msg::Tick, Stamp(u64::MAX / 2))), 0);
    assert_eq!(fetches(&app.handle(Msg::Key(key("r")), Stamp(1))), 1);
    app.handle(done(), Stamp(2));
    assert_eq!(app.next_fetch(), None);
}

#[test]
fn a_refresh_failing_the_same_way_is_one_warning() {
    let mut app = app(false, 1);
    for at in [1, 2, 3] {
        app.handle(Msg::Fetched(Err("no feeds".into())), Stamp(at));
    }
    assert_eq!(app.warning_count(), 1);
    assert_eq!(app.message(), Some("not fetched: no feeds"));
}

fn key(name: &str) -> ratatui::crossterm::event::KeyEvent {
    match Msg::key(name) {
        Some(Msg::Key(key)) => key,
        _ => panic!("{name} is a key"),
    }
}
