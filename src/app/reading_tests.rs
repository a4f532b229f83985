//! The details a daily reader notices: moving on to what is unread, the
//! order, every hit in turn, the session and the finder's history.

use super::*;

#[test]
fn a_page_on_at_the_end_opens_the_next_unread_article() {
    let mut app = app(4, NARROW);
    run(
        &mut app,
        &[Action::Down, Action::ToggleRead, Action::Up, Action::Open],
    );
    run(&mut app, &[Action::Bottom, Action::PageDown]);
    assert_eq!(
        (app.focus, app.reader.article),
        (Focus::Reader, Some(2)),
        "1 is read: skipped"
    );
    assert_eq!(app.reader.top, 0);
    run(&mut app, &[Action::NextUnread]);
    assert_eq!(app.reader.article, Some(3));
    run(&mut app, &[Action::NextUnread]);
    assert_eq!(
        app.reader.article,
        Some(2),
        "wraps around to the first unread"
    );
}

#[test]
fn mark_all_read_is_one_step_to_undo() {
    let mut app = app(5, WIDE);
    run(&mut app, &[Action::ToggleRead, Action::MarkAllRead]);
    assert_eq!(app.unread, 0);
    assert_eq!(app.message.as_deref(), Some("4 marked read (u undoes)"));
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.unread, 4, "the one read before stays read");
    assert!(app.state.is_read("0.txt"));
    run(&mut app, &[Action::NextUnread]);
    assert_eq!(app.reader.article, Some(1));
}

#[test]
fn q_goes_back_from_the_reader_and_quits_from_the_list() {
    let mut app = app(3, NARROW);
    run(&mut app, &[Action::Open]);
    let effects = run(&mut app, &[Action::Quit]);
    assert_eq!((app.focus, effects.exit), (Focus::List, None));
    assert_eq!(run(&mut app, &[Action::Quit]).exit, Some(Exit::Quit));
    run(&mut app, &[Action::Open]);
    assert_eq!(run(&mut app, &[Action::QuitNow]).exit, Some(Exit::Quit));
}

#[test]
fn sorting_cycles_and_keeps_the_selection() {
    let mut articles: Vec<Article> = (0..4)
        .map(|i| Article {
            id: format!("{i}"),
            title: ["delta", "Alpha", "charlie", "bravo"][i].into(),
            section: ["b", "a", "b", "a"][i].into(),
            date: [Some(30), None, Some(10), Some(20)][i],
            ..Article::default()
        })
        .collect();
    articles.push(Article {
        id: "4".into(),
        title: "echo".into(),
        ..Article::default()
    });
    let mut app = App::new(
        Arc::new(Corpus {
            articles: articles.into_iter().map(Arc::new).collect(),
            ..Corpus::default()
        }),
        Config::default(),
        Rect::new(0, 0, 120, 40),
        Stamp(0),
    );
    assert_eq!(app.sort(), Sort::Newest, "dated articles: newest first");
    assert_eq!(app.rows, [0, 3, 2, 1, 4], "undated last, in corpus order");
    let orders = [
        (Sort::Oldest, vec![2, 3, 0, 1, 4]),
        (Sort::Title, vec![1, 3, 2, 0, 4]),
        (Sort::Section, vec![3, 1, 0, 2, 4]),
        (Sort::Corpus, vec![0, 1, 2, 3, 4]),
        (Sort::Newest, vec![0, 3, 2, 1, 4]),
    ];
    run(&mut app, &[Action::Down]);
    for (sort, rows) in orders {
        run(&mut app, &[Action::CycleSort]);
        assert_eq!((app.sort(), &app.rows), (sort, &rows));
        assert_eq!(
            app.selected_article(),
            Some(3),
            "the selection stays on the article"
        );
    }
}

#[test]
fn n_visits_every_hit_even_several_on_a_line() {
    let mut app = article_app("the cat and the dog\nno hit\nthe end");
    run(&mut app, &[Action::Find]);
    type_keys(&mut app, &["t", "h", "e", "enter"]);
    assert_eq!(find_state(&app), (3, Some(0)));
    let mut seen = Vec::new();
    for _ in 0..3 {
        run(&mut app, &[Action::NextHit]);
        seen.push(find_state(&app).1);
    }
    assert_eq!(
        seen,
        [Some(1), Some(2), Some(0)],
        "hit 2 on hit 1's line gets its turn"
    );
    run(&mut app, &[Action::PrevHit]);
    assert_eq!(find_state(&app).1, Some(2));
}

#[test]
fn after_a_jump_n_goes_on_from_the_screen() {
    let body = (0..60)
        .map(|i| format!("Line {i} needle."))
        .collect::<Vec<_>>()
        .join("\n");
    let mut app = article_app(&body);
    run(&mut app, &[Action::Find]);
    type_keys(&mut app, &["n", "e", "e", "d", "l", "e", "enter"]);
    run(&mut app, &[Action::NextHit; 20]);
    assert!(app.reader.top > 0, "hit 20 is below the first page");
    run(&mut app, &[Action::Top, Action::PrevHit]);
    assert_eq!(
        find_state(&app).1,
        Some(59),
        "from the top, N wraps to the last hit"
    );
    run(&mut app, &[Action::Top, Action::NextHit]);
    let first = find_state(&app).1.unwrap();
    assert_eq!(first, 0, "from the top, n takes the first hit on screen");
    run(&mut app, &[Action::Bottom, Action::NextHit]);
    let line = app.find.as_ref().unwrap().hits[find_state(&app).1.unwrap()].line;
    assert!(
        line >= app.reader.top,
        "from the bottom, n takes a hit on screen, not hit 2"
    );
}

#[test]
fn long_warnings_wrap_in_their_window() {
    let mut app = app(1, (60, 20));
    let long = format!(
        "a/very/long/path.json: {}",
        "a problem explained at length ".repeat(6)
    );
    app.warn(long.clone());
    run(&mut app, &[Action::Warnings]);
    let Some(Overlay::Warnings { lines, .. }) = &app.overlay else {
        panic!("no warnings window")
    };
    assert!(lines.len() > 2, "{lines:?}");
    assert!(lines.iter().all(|l| l.chars().count() <= 56), "{lines:?}");
    let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    assert_eq!(joined.join(" "), long.trim());
}

#[test]
fn the_session_comes_back_view_order_focus_and_row_with_context() {
    let mut first = app(60, NARROW);
    run(
        &mut first,
        &[
            Action::CycleView,
            Action::CycleSort,
            Action::PageDown,
            Action::PageDown,
        ],
    );
    let selected = first.selected_article();
    assert!(first.selected > 30);
    let mut second = App::new(corpus(60, 60), Config::default(), Rect::default(), Stamp(0));
    second.restore_state(first.state.clone());
    second.resize(80, 24);
    assert_eq!(
        (second.view(), second.sort(), second.focus),
        (View::Unread, first.sort(), Focus::List)
    );
    assert_eq!(second.selected_article(), selected);
    let rows = second.geometry().list_rows();
    assert!(
        second.selected - second.list_top >= rows / 3 - 1,
        "not on an edge: {} {}",
        second.selected,
        second.list_top
    );
}

#[test]
fn the_finder_remembers_its_queries() {
    let mut app = titled(&["Alpha news", "Beta report"]);
    run(&mut app, &[Action::Search]);
    type_keys(&mut app, &["b", "e", "t", "enter"]);
    assert_eq!(app.state.queries(), ["bet"]);
    assert!(app.unsaved(), "kept with the reading state");
    run(&mut app, &[Action::Search]);
    type_keys(&mut app, &["alt-p"]);
    assert_eq!(search_overlay(&app).line.text, "bet");
    assert_eq!(search_overlay(&app).hits.len(), 1, "ranked as if typed");
    type_keys(&mut app, &["alt-n"]);
    assert_eq!(search_overlay(&app).line.text, "");
    type_keys(&mut app, &["up"]);
    assert_eq!(
        search_overlay(&app).line.text,
        "bet",
        "up at the top recalls too"
    );
}

#[test]
fn marked_unread_stays_unread_through_scrolling_and_a_restart() {
    let mut app = app(2, NARROW);
    run(&mut app, &[Action::Open, Action::ToggleRead]);
    tick(&mut app, Stamp(1_000));
    run(
        &mut app,
        &[Action::ToggleRead, Action::Down, Action::PageDown],
    );
    assert!(!app.state.is_read("0.txt"), "scrolling does not read it");
    tick(&mut app, Stamp(100_000));
    assert!(!app.state.is_read("0.txt"), "nor does the timer");
    let mut again = App::new(
        corpus(2, 60),
        Config::default(),
        Rect::new(0, 0, 80, 24),
        Stamp(200_000),
    );
    again.restore_state(app.state.clone());
    assert_eq!(
        (again.focus, again.reader.article),
        (Focus::Reader, Some(0))
    );
    tick(&mut again, Stamp(300_000));
    run(&mut again, &[Action::Down]);
    assert!(!again.state.is_read("0.txt"), "nor a restart");
    run(&mut again, &[Action::NextArticle, Action::PrevArticle]);
    tick(&mut again, Stamp(400_000));
    assert!(
        again.state.is_read("0.txt"),
        "opened anew, it is read again"
    );
}

#[test]
fn the_article_reopened_at_startup_is_read_only_after_its_time() {
    let mut first = app(2, NARROW);
    run(&mut first, &[Action::Open]);
    let start = Stamp(1_000_000);
    let mut again = App::new(
        corpus(2, 60),
        Config::default(),
        Rect::new(0, 0, 80, 24),
        start,
    );
    again.restore_state(first.state.clone());
    assert_eq!(again.reader.article, Some(0));
    tick(&mut again, Stamp(start.0 + 70));
    assert!(!again.state.is_read("0.txt"), "not 70 ms after launch");
    tick(&mut again, Stamp(start.0 + READ_AFTER_MS));
    assert!(again.state.is_read("0.txt"));
}

#[test]
fn the_end_pressed_while_a_long_article_is_laid_out_is_where_it_opens() {
    let mut app = app_of(corpus(2, 1000), NARROW);
    assert!(
        !reader::inline(&app.corpus().articles[0]),
        "laid out on a worker"
    );
    for action in [Action::Open, Action::Bottom] {
        // Handled, the layout it asks for not done: it stays pending.
        app.handle(Msg::Action(action), app.now);
    }
    let width = app.reader.pending.expect("laid out on a worker");
    let layout = Arc::new(crate::layout::ArticleLayout::new(
        &app.corpus().articles[0],
        width,
    ));
    let last_top = layout.lines.len() - app.page();
    let laid = LaidOut {
        pane: Pane::Reader,
        epoch: app.corpus().epoch,
        article: 0,
        layout,
    };
    app.handle(Msg::LaidOut(laid), app.now);
    assert_eq!(app.reader.top, last_top, "at the end");
    run(
        &mut app,
        &[Action::NextArticle, Action::Bottom, Action::Top],
    );
    assert_eq!(app.reader.top, 0, "laid out at once: Top scrolls");
}
