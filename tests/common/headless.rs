//! The whole program, headless: the real message loop and its workers,
//! driven by a script of timed messages into a `TestBackend`.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc;

use byline::Corpus;
use byline::app::{App, Msg};
use byline::config::Config;
use byline::runtime::{self, Headless, Input, Outcome, Workers};
use byline::state::{Stamp, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// A script: each message at its time in milliseconds.
pub type Script = Vec<(Msg, u64)>;

pub struct Run {
    pub terminal: Terminal<TestBackend>,
    pub app: App,
    pub outcome: Outcome,
    pub host: Headless,
}

impl Run {
    pub fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let width = usize::from(buffer.area.width);
        let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
        cells
            .chunks(width)
            .map(|row| row.concat())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Runs `corpus` at `size` through `script`, which ends as quitting does;
/// `store` keeps the reading state, `loader` answers reloads and `fetcher`
/// fetches.
pub fn run_script(
    corpus: Corpus,
    (w, h): (u16, u16),
    script: Script,
    store: Option<Store>,
    loader: Option<runtime::Loader>,
    fetcher: Option<runtime::Fetcher>,
) -> Run {
    run_configured(
        Config::default(),
        corpus,
        (w, h),
        script,
        (store, false),
        loader,
        (fetcher, None),
    )
}

/// [`run_script`] with `config` rather than the defaults; when `restore`,
/// the app starts from what `store` holds, as `main` starts it.
pub fn run_configured(
    config: Config,
    corpus: Corpus,
    (w, h): (u16, u16),
    script: Script,
    (mut store, restore): (Option<Store>, bool),
    loader: Option<runtime::Loader>,
    (fetcher, full_texter): (Option<runtime::Fetcher>, Option<runtime::FullTexter>),
) -> Run {
    let corpus = Arc::new(corpus);
    let mut app = App::new(Arc::clone(&corpus), config, Rect::new(0, 0, w, h), Stamp(0));
    app.set_monochrome(true);
    if let (true, Some(store)) = (restore, store.as_mut()) {
        app.restore_state(store.load().expect("the state loads").state);
    }
    let (tx, rx) = mpsc::channel();
    let mut workers = Workers::start(&corpus, store, &tx).expect("worker threads");
    if let Some(loader) = loader {
        workers = workers.with_loader(loader).expect("a thread");
    }
    if let Some(fetcher) = fetcher {
        workers = workers.with_fetcher(fetcher).expect("a thread");
    }
    if let Some(full_texter) = full_texter {
        workers = workers.with_full_texter(full_texter).expect("a thread");
    }
    let script: VecDeque<(Msg, Stamp)> = script.into_iter().map(|(m, t)| (m, Stamp(t))).collect();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut host = Headless::default();
    let outcome = runtime::run(
        &mut terminal,
        &mut app,
        &rx,
        &mut workers,
        Input::Script(script),
        &mut host,
    )
    .expect("the loop runs");
    Run {
        terminal,
        app,
        outcome,
        host,
    }
}
