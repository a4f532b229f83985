//! Full-text search: building the index for 100,000 synthetic articles
//! (about 420 MB, as `byline-gen` makes them) and answering every query
//! form over it. `cargo bench --bench text` (`BYLINE_TEXT_ARTICLES=N` for
//! another size, e.g. 300000). The build, the index's size on disk against
//! the text's bytes, and reading it back are timed once and printed (the
//! file goes under `target/` and is deleted); criterion times queries.

use std::hint::black_box;
use std::time::{Duration, Instant};

use byline::Article;
use byline::search::text::{TextIndex, TextQuery, answer, store};
// The generator behind `byline-gen`, shared by path.
#[allow(dead_code)]
#[path = "../src/bin/byline-gen/synth.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};

/// Every query form: a word, two words, an exclusion (alone, and with a
/// word), a prefix, phrases (one ending in a prefix), and a word that is
/// nowhere.
const QUERIES: &[&str] = &[
    "government",
    "minister talks",
    "-shares",
    "market -shares",
    "minist*",
    "\"prime minister\"",
    "\"minister talks\"",
    "\"prime minis*\"",
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
    on_disk(&articles, &index, bytes);
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
        // The search alone, without snippets: median of 5.
        let query = TextQuery::parse(q);
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                black_box(index.find(&query));
                started.elapsed()
            })
            .collect();
        times.sort();
        let hits = index.find(&query).len();
        println!(
            "text/{n}/{q}: {hits} hits; search alone {:.1} ms",
            times[2].as_secs_f64() * 1e3
        );
    }
    group.finish();
}

/// The index written as the cache writes it: its size against the text's,
/// and how long reading it back takes (hashing the articles included).
fn on_disk(articles: &[Article], index: &TextIndex, bytes: usize) {
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("text-bench");
    let key = store::key(articles);
    if let Err(err) = store::write(&file, key, index) {
        println!("text/disk: not written: {err}");
        return;
    }
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    let started = Instant::now();
    let read = store::read(&file, store::key(articles));
    let took = started.elapsed();
    println!(
        "text/disk/{}: {:.0} MB on disk, {:.1}% of {:.0} MB of text; read back in {:.2} s ({})",
        articles.len(),
        size as f64 / 1e6,
        100.0 * size as f64 / bytes as f64,
        bytes as f64 / 1e6,
        took.as_secs_f64(),
        if read.as_ref() == Some(index) {
            "the same"
        } else {
            "NOT the same"
        },
    );
    let _ = std::fs::remove_file(&file);
}

criterion_group!(benches, text);
criterion_main!(benches);
