//! Arbitrary text as an fzf extended-search query over a few titles (the
//! text itself among them): ranking and highlighting must not panic, and
//! every highlighted position is a character of its title.

#![no_main]

use byline::Article;
use byline::search::{positions, rank};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cut = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (query, title) = text.split_at(cut);
    let titles = [
        "Blair and Brown",
        "Zürich: São Paulo — Erdoğan",
        "中非合作论坛",
        "",
        title,
    ];
    let articles: Vec<Article> = titles
        .iter()
        .map(|t| Article {
            title: (*t).into(),
            ..Article::default()
        })
        .collect();
    let hits = rank(&articles, query, &|| false).unwrap_or_default();
    for hit in &hits {
        assert!(hit.index < articles.len());
    }
    for t in titles {
        let chars = t.chars().count();
        for p in positions(t, query) {
            assert!(p < chars, "{p} in {t:?} for {query:?}");
        }
    }
});
