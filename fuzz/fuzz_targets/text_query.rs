//! Arbitrary text as a full-text query, searched over an index that also
//! holds the text itself as an article: parsing, searching (phrases and
//! prefixes included) and snippets must not panic; every hit is an
//! article; every highlight lies on character boundaries of its snippet.

#![no_main]

use byline::Article;
use byline::search::text::{TextIndex, TextQuery, snippet};
use libfuzzer_sys::fuzz_target;

fn article(title: &str, body: &str) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        ..Article::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first half is the query, the whole is also an article.
    let cut = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let query = TextQuery::parse(&text[..cut]);
    let articles = vec![
        article(
            "Prime minister talks",
            "The prime minister spoke. Zürich, São Paulo; 中非合作论坛.",
        ),
        article(&text[cut..], &text),
        article("", ""),
    ];
    let index = TextIndex::new(&articles);
    for hit in index.find(&query) {
        assert!(
            hit.index < articles.len() && hit.score.is_finite(),
            "{hit:?}"
        );
        let s = snippet(&articles[hit.index], &query);
        for r in &s.highlights {
            assert!(s.text.get(r.clone()).is_some(), "{r:?} in {:?}", s.text);
        }
    }
    let _ = query.find_words();
});
