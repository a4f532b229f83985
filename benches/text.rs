//! Full-text search: building the index for 100,000 synthetic articles
//! (about 420 MB, as `byline-gen` makes them) and answering queries over
//! it. `cargo bench --bench text` (`BYLINE_TEXT_ARTICLES=N` for another
//! size). The build is timed once and printed; criterion times queries.

use std::hint::black_box;
use std::time::{Duration, Instant};

use byline::Article;
use byline::search::text::{TextIndex, TextQuery, answer};
// The generator behind `byline-gen`, shared by path.
#[allow(dead_code)]
#[path = "../src/bin/byline-gen/synth.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};

/// A common word, a rarer pair, a phrase, a prefix, an exclusion, and a
/// word that is nowhere.
const QUERIES: &[&str] = &[
    "government",
    "minister talks",
    "\"prime minister\"",
    "\"minister talks\"",
    "minist*",
    "market -shares",
    "xqzjw",
];

fn articles(n: u64) -> Vec<Article> {
    (0..n)
        .map(|i| {
            let s = synth::SynthArticle::new(1, i);
            Article {
                id: format!("{i}"),
                title: s.title,
                body: s.body.into(),
                section: s.section.into(),
                ..Article::default()
            }
        })
        .collect()
}

fn text(c: &mut Criterion) {
    let n = std::env::var("BYLINE_TEXT_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let articles = articles(n);
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();
    let started = Instant::now();
    let index = TextIndex::new(&articles);
    let built = started.elapsed();
    println!(
        "text/build/{n}: {:.2} s for {:.0} MB of text; index about {:.0} MB ({:.0}% of the text)",
        built.as_secs_f64(),
        bytes as f64 / 1e6,
        index.heap_bytes() as f64 / 1e6,
        100.0 * index.heap_bytes() as f64 / bytes as f64,
    );
    let mut group = c.benchmark_group(format!("text/{n}"));
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for &q in QUERIES {
        // What the finder's worker does: search, then the first snippets.
        group.bench_function(q, |b| {
            b.iter(|| {
                answer(black_box(&index), &articles, 0, q.to_owned())
                    .hits
                    .len()
            })
        });
        let hits = index.search(&articles, &TextQuery::parse(q)).len();
        println!("text/{n}/{q}: {hits} hits");
    }
    group.finish();
}

criterion_group!(benches, text);
criterion_main!(benches);
