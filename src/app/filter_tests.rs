//! The list's filter: the prompt, the terms, refusals, clearing, and the
//! text index's answer for bare words.

use std::sync::Arc;

use super::super::*;
use crate::action::Action;
use crate::article::Article;
use crate::search::text::TextResult;
use crate::state::{Stamp, View};

fn sections() -> Arc<Corpus> {
    let article = |i: usize, section: &str, title: &str, body: &str| Article {
        id: format!("{i}.txt"),
        title: title.to_owned(),
        section: section.to_owned(),
        body: body.into(),
        ..Article::default()
    };
    Arc::new(Corpus {
        articles: [
            article(0, "sport", "Cup final tonight", "A football match."),
            article(1, "business", "Markets rise", "Greenspan spoke of rates."),
            article(2, "sport", "Tennis star wins", "Greenspan watched tennis."),
            article(3, "tech", "New phone", "A phone."),
        ]
        .map(Arc::new)
        .into(),
        ..Corpus::default()
    })
}

pub(super) fn app() -> App {
    let mut app = App::new(
        sections(),
        Config::default(),
        Rect::new(0, 0, 120, 40),
        Stamp(0),
    );
    app.sort = crate::state::Sort::Corpus;
    app.relist();
    app
}

/// Presses each key by name, doing the work asked at once.
pub(super) fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        let effects = app.handle(Msg::key(k).expect("a key"), app.now);
        crate::runtime::inline(app, effects, app.now);
    }
}

/// Types `text` into the open field in place of what it held, then Enter.
pub(super) fn typed(app: &mut App, text: &str) {
    press(app, &["ctrl-u"]);
    let effects = app.handle(Msg::Paste(text.to_owned()), app.now);
    crate::runtime::inline(app, effects, app.now);
    press(app, &["enter"]);
}

pub(super) fn ids(app: &App) -> Vec<usize> {
    app.rows().to_vec()
}

#[test]
fn backslash_opens_the_prompt_and_enter_applies_a_term() {
    let mut app = app();
    press(&mut app, &["\\"]);
    assert!(app.filter_prompt().is_some() && app.wants_text());
    typed(&mut app, "section:sport");
    assert!(app.filter_prompt().is_none());
    assert_eq!(ids(&app), [0, 2]);
    assert_eq!(app.filter().text, "section:sport");
    press(&mut app, &["\\"]);
    assert_eq!(
        app.filter_prompt().map(|l| l.text.as_str()),
        Some("section:sport"),
        "the prompt opens with the filter to edit"
    );
    press(&mut app, &["esc"]);
    assert!(app.filter_prompt().is_none());
    assert_eq!(ids(&app), [0, 2], "Esc in the prompt keeps the filter");
}

#[test]
fn a_bad_filter_names_its_term_and_keeps_the_old_one() {
    let mut app = app();
    press(&mut app, &["\\"]);
    typed(&mut app, "-section:tech");
    assert_eq!(ids(&app), [0, 1, 2]);
    press(&mut app, &["\\"]);
    typed(&mut app, "after:yesterdayish");
    let message = app.message().unwrap_or_default().to_owned();
    assert!(message.contains("after:yesterdayish"), "{message}");
    assert!(message.contains("YYYY-MM-DD"), "{message}");
    assert_eq!(ids(&app), [0, 1, 2], "the old filter stays");
    assert_eq!(app.filter().text, "-section:tech");
}

#[test]
fn esc_in_the_list_clears_the_filter_and_the_selection_stays() {
    let mut app = app();
    press(&mut app, &["j", "j"]);
    assert_eq!(app.selected_article(), Some(2));
    press(&mut app, &["\\"]);
    typed(&mut app, "section:sport");
    assert_eq!(app.selected_article(), Some(2), "it passes: still selected");
    press(&mut app, &["esc"]);
    assert!(app.filter().is_empty());
    assert_eq!(ids(&app), [0, 1, 2, 3]);
    assert_eq!(app.selected_article(), Some(2));
}

#[test]
fn is_unread_and_is_starred_read_the_reading_state_and_and_with_the_view() {
    let mut app = app();
    run_actions(
        &mut app,
        &[Action::ToggleStar, Action::Down, Action::ToggleRead],
    );
    press(&mut app, &["\\"]);
    typed(&mut app, "is:unread");
    assert_eq!(ids(&app), [0, 2, 3]);
    press(&mut app, &["\\"]);
    typed(&mut app, "is:starred");
    assert_eq!(ids(&app), [0]);
    run_actions(&mut app, &[Action::CycleView]);
    assert_eq!(app.view(), View::Unread);
    press(&mut app, &["\\"]);
    typed(&mut app, "section:sport");
    assert_eq!(
        ids(&app),
        [0, 2],
        "the view's unread, and the filter's sport"
    );
}

pub(super) fn run_actions(app: &mut App, actions: &[Action]) {
    for &a in actions {
        let effects = app.handle(Msg::Action(a), app.now);
        crate::runtime::inline(app, effects, app.now);
    }
}

#[test]
fn bare_words_match_titles_until_the_text_index_answers() {
    let mut app = app();
    press(&mut app, &["\\"]);
    let effects = app.handle(Msg::Paste("greenspan".into()), Stamp(1));
    assert!(effects.jobs.is_empty());
    let effects = app.handle(Msg::key("enter").expect("a key"), Stamp(2));
    let asked = effects.jobs.iter().find_map(|j| match j {
        Job::TextSearch { generation, query } => Some((*generation, query.clone())),
        _ => None,
    });
    let (generation, query) = asked.expect("the text index is asked");
    assert!(app.filter().titles_only());
    assert!(ids(&app).is_empty(), "no title holds it");
    // An answer for another query is not the filter's.
    let other = TextResult {
        generation,
        query: "tennis".into(),
        ready: true,
        ..TextResult::default()
    };
    app.handle(Msg::TextFound(other), Stamp(3));
    assert!(app.filter().titles_only());
    let articles = &app.corpus().articles;
    let index = crate::search::text::TextIndex::new(articles);
    let answer = crate::search::text::answer(&index, articles, generation, query);
    app.handle(Msg::TextFound(answer), Stamp(4));
    assert!(!app.filter().titles_only());
    assert_eq!(ids(&app), [1, 2], "the bodies that mention Greenspan");
}

#[test]
fn a_text_filter_is_asked_again_when_the_index_becomes_ready() {
    let mut app = app();
    press(&mut app, &["\\"]);
    app.handle(Msg::Paste("tennis -star".into()), Stamp(1));
    let effects = app.handle(Msg::key("enter").expect("a key"), Stamp(2));
    let generation = effects
        .jobs
        .iter()
        .find_map(|j| match j {
            Job::TextSearch { generation, .. } => Some(*generation),
            _ => None,
        })
        .expect("asked");
    let not_ready = crate::search::text::not_ready(generation, "tennis -star".into());
    app.handle(Msg::TextFound(not_ready), Stamp(3));
    assert!(app.filter().titles_only(), "still on titles");
    assert!(ids(&app).is_empty(), "the one tennis title has the star");
    let effects = app.handle(Msg::Indexed { progress: 1.0 }, Stamp(4));
    crate::runtime::inline(&mut app, effects, Stamp(4));
    assert!(!app.filter().titles_only());
    assert!(
        ids(&app).is_empty(),
        "the tennis body is the star's article"
    );
}

fn with_views(toml: &str) -> App {
    let config = Config::parse(toml).expect("a good config");
    let mut app = App::new(sections(), config, Rect::new(0, 0, 120, 40), Stamp(0));
    app.sort = crate::state::Sort::Corpus;
    app.relist();
    app
}

const VIEWS: &str =
    "[views]\nsport = \"section:sport\"\ntennis = \"greenspan -section:business\"\n";

#[test]
fn saved_views_join_the_cycle_after_starred_in_file_order() {
    let mut app = with_views(VIEWS);
    let mut seen = Vec::new();
    for _ in 0..6 {
        seen.push((app.view_name().to_owned(), ids(&app)));
        run_actions(&mut app, &[Action::CycleView]);
    }
    let names: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["all", "unread", "starred", "sport", "tennis", "all"]
    );
    assert_eq!(seen[3].1, [0, 2]);
    assert_eq!(seen[4].1, [2], "bare words: the text index answered");
    assert_eq!(seen[5].1, [0, 1, 2, 3]);
}

#[test]
fn a_saved_view_and_a_typed_filter_both_hold_and_esc_keeps_the_view() {
    let mut app = with_views(VIEWS);
    run_actions(&mut app, &[Action::CycleView; 3]);
    assert_eq!(app.view_name(), "sport");
    press(&mut app, &["\\"]);
    typed(&mut app, "tennis");
    assert_eq!(ids(&app), [2]);
    press(&mut app, &["esc"]);
    assert_eq!(ids(&app), [0, 2], "the typed filter goes, the view stays");
    assert_eq!(app.view_name(), "sport");
    press(&mut app, &["esc"]);
    assert_eq!(
        app.view_name(),
        "sport",
        "nothing typed: Esc leaves the view"
    );
}

#[test]
fn the_saved_view_comes_back_and_falls_back_to_all_once_gone_from_config() {
    let mut app = with_views(VIEWS);
    run_actions(&mut app, &[Action::CycleView; 3]);
    let session = app.state().session().clone();
    assert_eq!(session.saved_view.as_deref(), Some("sport"));
    assert_eq!(session.view, View::All, "what a byline without views shows");
    let state = app.state().clone();
    let mut again = with_views(VIEWS);
    again.restore_state(state.clone());
    assert_eq!((again.view_name(), ids(&again)), ("sport", vec![0, 2]));
    let mut gone = with_views("[views]\nother = \"is:starred\"\n");
    gone.restore_state(state);
    assert_eq!(gone.view_name(), "all");
    assert!(gone.saved_view().is_none());
    assert_eq!(ids(&gone), [0, 1, 2, 3]);
}

#[test]
fn after_a_reload_the_text_filter_is_asked_again_for_the_new_articles() {
    let mut app = app();
    press(&mut app, &["\\"]);
    typed(&mut app, "greenspan");
    assert_eq!(ids(&app), [1, 2]);
    let mut articles = sections().articles.clone();
    articles.reverse();
    let reloaded = Arc::new(Corpus {
        articles,
        ..Corpus::default()
    });
    let effects = app.handle(Msg::Reloaded(Ok(reloaded)), Stamp(5));
    crate::runtime::inline(&mut app, effects, Stamp(5));
    let titles: Vec<&str> = app
        .rows()
        .iter()
        .map(|&i| app.corpus().articles[i].title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Markets rise") && titles.contains(&"Tennis star wins"));
}
