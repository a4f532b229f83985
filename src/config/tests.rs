use ratatui::style::Color;

use super::*;
use crate::action::Action;
use crate::keymap::Key;

fn key(s: &str) -> Key {
    s.parse().unwrap()
}

fn error(text: &str) -> String {
    Config::parse(text).unwrap_err().to_string()
}

#[test]
fn the_embedded_default_parses_and_binds_every_action() {
    let config = Config::parse(DEFAULT_CONFIG).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(config.reader.measure, 80);
    assert_eq!(
        config.keymap.action(&key("ctrl-d")),
        Some(Action::HalfPageDown)
    );
    let unbound: Vec<_> = Action::ALL
        .iter()
        .filter(|a| config.keymap.keys_of(**a).is_empty())
        .collect();
    assert_eq!(unbound, Vec::<&Action>::new());
    assert_eq!(config.theme.selection_bg, Color::LightBlue);
    assert_eq!(config.corpus, CorpusConfig::default());
}

#[test]
fn what_the_user_omits_keeps_its_default() {
    let config =
        Config::parse("[reader]\nmeasure = 66\n[theme]\nhighlight = \"#ff8000\"\n").unwrap();
    let default = Config::default();
    assert_eq!(config.reader.measure, 66);
    assert_eq!(config.reader.list_percent, default.reader.list_percent);
    assert_eq!(config.theme.highlight, Color::Rgb(255, 128, 0));
    assert_eq!(config.theme.star, default.theme.star);
    assert_eq!(config.keymap, default.keymap);
}

#[test]
fn an_action_listed_in_keys_loses_its_default_keys_only() {
    let config = Config::parse("[keys]\ndown = [\"ctrl-n\"]\n").unwrap();
    assert_eq!(config.keymap.keys_of(Action::Down), vec![key("ctrl-n")]);
    assert_eq!(config.keymap.action(&key("j")), None);
    assert_eq!(config.keymap.keys_of(Action::Up), vec![key("k"), key("up")]);
}

#[test]
fn a_key_freed_from_its_default_action_can_be_reused() {
    let config = Config::parse("[keys]\ndown = [\"down\"]\nquit = [\"j\"]\n").unwrap();
    assert_eq!(config.keymap.action(&key("j")), Some(Action::Quit));
    assert_eq!(config.keymap.action(&key("q")), None);
}

#[test]
fn duplicates_are_checked_against_the_merged_table() {
    assert_eq!(
        error("[keys]\nquit = [\"q\", \"j\"]\n"),
        "config.toml:2:14: key j is bound to both down (by default; list down in [keys] \
         to give it other keys) and quit"
    );
    assert_eq!(
        error("[keys]\nup = [\"x\"]\ndown = [\"x\"]\n"),
        "config.toml:3:9: key x is bound to both up and down"
    );
}

#[test]
fn errors_name_the_line_and_what_is_wrong() {
    assert_eq!(
        error("\n[reader]\nmeasure = \"wide\"\n"),
        "config.toml:3:11: invalid type: string \"wide\", expected a whole number from 10 to 1000"
    );
    assert!(error("[keys]\nfly = [\"x\"]").starts_with("config.toml:2:1: unknown action \"fly\""));
    assert!(error("[keys]\nup = [\"pgup\"]").starts_with("config.toml:2:7: bad key \"pgup\""));
    assert!(
        error("[theme]\nstar = \"gold\"")
            .starts_with("config.toml:2:8: bad color \"gold\" for star")
    );
}

#[test]
fn corpus_settings_become_load_options_and_paths() {
    let config =
        Config::parse("[corpus]\npaths = [\"~/news\", \"/srv/a\"]\nboilerplate = [\"Buy now\"]\n")
            .unwrap();
    let env = Env {
        home: Some("/h".into()),
        ..Env::default()
    };
    let paths = config.default_paths(&env);
    assert_eq!(
        paths,
        vec![PathBuf::from("/h/news"), PathBuf::from("/srv/a")]
    );
    let mut text = "Read this. Buy now and more.".to_owned();
    config.load_options().boilerplate.strip(&mut text);
    assert_eq!(text, "Read this. and more.");
    let mut text = "Article continues after this advertisement".to_owned();
    config.load_options().boilerplate.strip(&mut text);
    assert_eq!(text, "", "byline's own phrases stay");
}

#[test]
fn a_missing_file_is_the_defaults_and_an_unreadable_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let absent = dir.path().join("none.toml");
    assert_eq!(Config::load(Some(&absent)).unwrap(), Config::default());
    assert_eq!(Config::load(None).unwrap(), Config::default());
    let binary = dir.path().join("bin.toml");
    std::fs::write(&binary, b"\xff\xfe").unwrap();
    let e = Config::load(Some(&binary)).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{}: not UTF-8 text", binary.display())
    );
}

#[test]
fn saved_views_keep_file_order_and_bad_ones_are_refused_with_their_place() {
    let config =
        Config::parse("[views]\nzed = \"section:sport is:unread\"\nalpha = \"-tag:x\"\n").unwrap();
    let names: Vec<&str> = config.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["zed", "alpha"], "file order, not sorted");
    assert_eq!(config.views[0].text, "section:sport is:unread");
    assert_eq!(config.views[0].filter.terms.len(), 2);
    assert!(Config::default().views.is_empty());
    assert_eq!(
        error("[views]\nx = \"is:read\"\n"),
        "config.toml:2:5: view x: is:read: is: takes unread or starred"
    );
    assert_eq!(
        error("[views]\n\"\\u001b[31m\" = \"is:unread\"\n"),
        "config.toml:2:1: a view's name is 1 to 40 printable characters"
    );
}

#[test]
fn fetching_by_itself_is_off_by_default_and_refresh_minutes_is_bounded() {
    assert_eq!(Config::default().fetch, FetchConfig::default());
    let config = Config::parse("[reader]\nfetch_on_start = true\nrefresh_minutes = 15\n").unwrap();
    assert_eq!(
        config.fetch,
        FetchConfig {
            on_start: true,
            refresh_minutes: 15
        }
    );
    let e = error("[reader]\nrefresh_minutes = -1\n");
    assert!(e.contains("a whole number from 0 to 10080"), "{e}");
    let e = error("[reader]\nfetch_on_start = \"yes\"\n");
    assert!(e.contains("config.toml:2"), "{e}");
}
