//! The list's filter and the sections pane on a big corpus: applying a
//! filter of terms (it runs in the app, on every Enter) and counting the
//! sections (on opening the pane, and on each mark while it is open).
//! `cargo bench --bench filter` (`BYLINE_FILTER_ARTICLES=N`, default
//! 100,000; bodies are left short, filters of terms never read them).

use std::sync::Arc;
use std::time::Duration;

use byline::action::Action;
use byline::app::{App, Msg};
use byline::config::Config;
use byline::state::Stamp;
use byline::{Article, Corpus};
use ratatui::layout::Rect;
#[allow(dead_code)]
#[path = "../src/bin/byline-gen/synth.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};

const FILTERS: &[&str] = &[
    "section:sport",
    "section:sport is:unread",
    "-section:business source:reuters",
];

fn app(n: u64) -> App {
    let articles = (0..n)
        .map(|i| {
            let s = synth::SynthArticle::new(1, i);
            Article {
                id: format!("{i}"),
                title: s.title,
                body: Default::default(),
                section: s.section.into(),
                source: Some(s.source.into()),
                ..Article::default()
            }
        })
        .map(Arc::new)
        .collect();
    let corpus = Arc::new(Corpus {
        articles,
        ..Corpus::default()
    });
    App::new(
        corpus,
        Config::default(),
        Rect::new(0, 0, 120, 40),
        Stamp(0),
    )
}

fn filter(c: &mut Criterion) {
    let n = std::env::var("BYLINE_FILTER_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut app = app(n);
    let mut group = c.benchmark_group(format!("filter/{n}"));
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for &f in FILTERS {
        group.bench_function(f, |b| {
            b.iter(|| {
                app.apply_filter(f);
                app.rows().len()
            })
        });
        println!("filter/{n}/{f}: {} rows", app.rows().len());
    }
    app.apply_filter("");
    group.bench_function("open the sections pane", |b| {
        b.iter(|| {
            app.handle(Msg::Action(Action::Sections), Stamp(0));
            let rows = app.sections().map_or(0, |p| p.rows.len());
            app.handle(Msg::Action(Action::Sections), Stamp(0));
            rows
        })
    });
    group.finish();
}

criterion_group!(benches, filter);
criterion_main!(benches);
