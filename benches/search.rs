//! Ranking speed over synthetic titles: 100k and 1M, queries of 1 to 6
//! characters, including a word typed letter by letter as the overlay sees it.
//!
//! `cargo bench --bench search` (add `-- 100k` or `-- 1M` to pick a size,
//! `-- index/`, `-- rank/` or `-- top/` a path).
//! The titles come from a tiny seeded PRNG over a word list, so every run
//! ranks the same corpus without depending on a generator elsewhere.

use std::hint::black_box;
use std::time::Duration;

use byline::Article;
use byline::search::{TitleIndex, rank, rank_index, rank_index_top};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const WORDS: &[&str] = &[
    "minister",
    "government",
    "election",
    "market",
    "shares",
    "profit",
    "talks",
    "crisis",
    "police",
    "court",
    "chelsea",
    "arsenal",
    "united",
    "league",
    "cup",
    "final",
    "record",
    "music",
    "film",
    "award",
    "star",
    "festival",
    "china",
    "europe",
    "africa",
    "india",
    "president",
    "labour",
    "tory",
    "vote",
    "tax",
    "budget",
    "oil",
    "price",
    "bank",
    "rate",
    "growth",
    "jobs",
    "workers",
    "strike",
    "deal",
    "merger",
    "firm",
    "sales",
    "online",
    "mobile",
    "phone",
    "games",
    "software",
    "virus",
    "security",
    "web",
    "net",
    "digital",
    "says",
    "warns",
    "plans",
    "faces",
    "wins",
    "loses",
    "backs",
    "rejects",
    "calls",
    "new",
    "big",
    "top",
    "first",
    "last",
    "year",
    "week",
    "day",
    "over",
    "after",
    "for",
    "in",
    "on",
    "to",
    "of",
    "and",
    "the",
    "blair",
    "brown",
    "howard",
    "kennedy",
    "mutu",
    "mourinho",
    "wenger",
    "ferguson",
    "henman",
    "federer",
    "roddick",
    "yukos",
    "fiat",
    "gm",
    "boeing",
    "airbus",
    "sony",
    "microsoft",
    "apple",
    "google",
    "yahoo",
    "ebay",
    "bbc",
    "itv",
    "oscar",
    "grammy",
    "bafta",
    "champions",
    "injury",
    "transfer",
    "coach",
    "squad",
    "match",
];

const CAPITALISED: &[&str] = &[
    "Blair", "Brown", "Mutu", "Chelsea", "Arsenal", "China", "Europe", "Yukos", "Google", "Apple",
    "Sony", "Oscar", "UK", "US", "EU", "Iraq", "Japan", "Wales",
];

const CJK: &[&str] = &["中非合作论坛", "北京", "東京", "経済", "서울"];

/// xorshift64*: deterministic, fast and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` articles with titles of 3 to 11 words, some names capitalised, one in 50 with CJK.
fn titles(n: usize) -> Vec<Article> {
    let mut rng = Rng(0x5eed_b711_e000_0001);
    (0..n)
        .map(|i| {
            let words = 3 + rng.below(9);
            let mut title = String::new();
            for w in 0..words {
                if w > 0 {
                    title.push(' ');
                }
                let word = match rng.below(50) {
                    0 => CJK[rng.below(CJK.len())],
                    1..=8 => CAPITALISED[rng.below(CAPITALISED.len())],
                    _ => WORDS[rng.below(WORDS.len())],
                };
                title.push_str(word);
            }
            // An id and a short body allocated between the titles, as a
            // loader leaves them, so scanning titles meets the same memory.
            Article {
                id: format!("corpus.jsonl#{i}"),
                title,
                date: Some(1_100_000_000 + (i as i64 % 100_000) * 60),
                body: format!("Article {i}: ").repeat(6).into(),
                ..Article::default()
            }
        })
        .collect()
}

/// Letter by letter "minister", then short queries that hit most titles, a
/// capitalised (case-sensitive) one, a CJK one and one that matches nothing;
/// then fzf's extended syntax: two terms, an exact term with an exclusion,
/// a prefix, an OR.
const QUERIES: &[&str] = &[
    "m",
    "mi",
    "min",
    "mini",
    "minis",
    "minist",
    "e",
    "ta",
    "chel",
    "Blair",
    "北京",
    "xqzj",
    "chel mini",
    "'tax !oil",
    "^minister",
    "'oil | 'tax",
];

/// Rows a top is asked for: a tall terminal's list.
const TOP: usize = 60;

/// `rank` over the articles (as `byline search --json` does), `rank_index`
/// over a [`TitleIndex`] (as the overlay's worker and `byline search` do),
/// and `rank_index_top`, the best [`TOP`] only (as `byline search -n 60`).
fn bench_size(c: &mut Criterion, label: &str, n: usize, samples: usize) {
    let articles = titles(n);
    let index = TitleIndex::new(&articles);
    let mut group = c.benchmark_group(format!("top/{label}"));
    group.sample_size(samples);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for &query in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
            b.iter(|| rank_index_top(black_box(&index), q, TOP, &|| false).map(|h| h.len()))
        });
    }
    group.finish();
    for (path, use_index) in [("rank", false), ("index", true)] {
        let mut group = c.benchmark_group(format!("{path}/{label}"));
        group.sample_size(samples);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for &query in QUERIES {
            group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
                b.iter(|| {
                    let hits = if use_index {
                        rank_index(black_box(&index), q, &|| false)
                    } else {
                        rank(black_box(&articles), q, &|| false)
                    };
                    hits.map(|h| h.len())
                })
            });
        }
        group.finish();
    }
}

fn ranking(c: &mut Criterion) {
    bench_size(c, "100k", 100_000, 20);
    bench_size(c, "1M", 1_000_000, 10);
}

criterion_group!(benches, ranking);
criterion_main!(benches);
