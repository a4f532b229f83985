//! The reader's hot paths: laying out an article when it is opened, and
//! drawing one frame.

use std::hint::black_box;
use std::sync::Arc;

use byline::action::Action;
use byline::app::{App, Msg};
use byline::config::Config;
use byline::layout::ArticleLayout;
use byline::state::Stamp;
use byline::{Article, Corpus, LoadOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// An article of `words` words in paragraphs of about 60 words.
fn article(words: usize) -> Article {
    let vocabulary = [
        "government",
        "said",
        "the",
        "minister",
        "market",
        "of",
        "a",
        "report",
        "economy",
        "in",
    ];
    let mut body = String::new();
    for i in 0..words {
        body.push_str(vocabulary[(i * 7 + i / 3) % vocabulary.len()]);
        body.push(if i % 60 == 59 { '\n' } else { ' ' });
    }
    Article {
        title: "A long article about the economy".into(),
        body: body.trim().into(),
        ..Article::default()
    }
}

fn open_article(c: &mut Criterion) {
    let five_thousand = article(5_000);
    c.bench_function("open a 5,000-word article (wrap at 80)", |b| {
        b.iter(|| ArticleLayout::new(black_box(&five_thousand), 80))
    });
    // The size limit: one paragraph of 8 MiB.
    let huge = Article {
        body: article(1_200_000).body.replace('\n', " ").into(),
        ..article(0)
    };
    let mut group = c.benchmark_group("huge");
    group.sample_size(10);
    group.bench_function("open an 8 MiB one-line article (wrap at 80)", |b| {
        b.iter(|| ArticleLayout::new(black_box(&huge), 80))
    });
    group.finish();
}

fn draw_frame(c: &mut Criterion) {
    let corpus = match std::path::Path::new("../shared/corpus/bbc") {
        p if p.is_dir() => {
            Corpus::load(&[p.to_owned()], &LoadOptions::default()).unwrap_or_default()
        }
        _ => Corpus {
            articles: (0..2000)
                .map(|_| std::sync::Arc::new(article(500)))
                .collect(),
            ..Corpus::default()
        },
    };
    let mut app = App::new(
        Arc::new(corpus),
        Config::default(),
        Rect::new(0, 0, 200, 60),
        Stamp(0),
    );
    let effects = app.handle(Msg::Action(Action::Down), Stamp(0));
    byline::runtime::inline(&mut app, effects, Stamp(0));
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(t) => t,
        Err(e) => panic!("a test backend: {e}"),
    };
    c.bench_function("draw one 200x60 frame (list + reader)", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| byline::ui::draw(frame, &app))
                .map(|_| ())
        })
    });
}

criterion_group!(benches, open_article, draw_frame);
criterion_main!(benches);
