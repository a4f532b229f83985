//! The index against plain restatements: BM25 computed by hand from word
//! counts, phrases, prefixes, exclusions, CJK and snippets.

use super::*;

fn article(title: &str, body: &str) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        ..Article::default()
    }
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "Blair and Brown",
            "The general election was called. Brown spoke.",
        ),
        article(
            "Market news",
            "Shares rose. The minister said the election mattered.",
        ),
        article(
            "Zürich wins",
            "A final in São Paulo. Election talk elsewhere.",
        ),
        article("中非合作论坛", "北京 举行 中非合作论坛 会议。"),
        article("Ministers meet", "Ministerial talks on the budget."),
    ]
}

fn found(query: &str) -> Vec<usize> {
    let articles = corpus();
    let index = TextIndex::new(&articles);
    index
        .search(&articles, &TextQuery::parse(query))
        .iter()
        .map(|h| h.index)
        .collect()
}

/// BM25 for one word, from counts taken here with a plain split.
fn reference_bm25(articles: &[Article], word: &str) -> Vec<(usize, f32)> {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let docs: Vec<(usize, usize)> = articles
        .iter()
        .map(|a| {
            let (t, b) = (words(&a.title), words(&a.body));
            let tf = 3 * t.iter().filter(|w| *w == word).count()
                + b.iter().filter(|w| *w == word).count();
            (tf, 3 * t.len() + b.len())
        })
        .collect();
    let n = docs.len() as f64;
    let avg = docs.iter().map(|d| d.1 as f64).sum::<f64>() / n;
    let df = docs.iter().filter(|d| d.0 > 0).count() as f64;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let mut out: Vec<(usize, f32)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.0 > 0)
        .map(|(i, &(tf, len))| {
            let tf = tf as f64;
            let s = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len as f64 / avg));
            (i, s as f32)
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

#[test]
fn bm25_matches_a_reference_computed_by_hand() {
    let articles: Vec<Article> = corpus()
        .into_iter()
        .filter(|a| a.title.is_ascii())
        .collect();
    let index = TextIndex::new(&articles);
    for word in ["election", "brown", "the", "minister"] {
        let got = index.search(&articles, &TextQuery::parse(word));
        let want = reference_bm25(&articles, word);
        assert_eq!(got.len(), want.len(), "{word}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.index, w.0, "{word}");
            assert!(
                (g.score - w.1).abs() < 1e-4,
                "{word}: {} vs {}",
                g.score,
                w.1
            );
        }
    }
}

#[test]
fn the_title_weighs_more() {
    // "brown" once in the title of 0; body-only elsewhere would rank lower.
    let articles = vec![
        article("Brown", "Some words here about things."),
        article("Other", "Some words here about brown."),
    ];
    let index = TextIndex::new(&articles);
    let hits = index.search(&articles, &TextQuery::parse("brown"));
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn words_all_required_and_exclusions() {
    assert_eq!(found("election brown"), [0]);
    assert_eq!(found("election -brown"), [1, 2]);
    assert_eq!(found("nothingatall"), Vec::<usize>::new());
    assert_eq!(found("-election").len(), 2);
}

#[test]
fn phrases_keep_their_order() {
    assert_eq!(found("\"general election\""), [0]);
    assert_eq!(found("\"election general\""), Vec::<usize>::new());
    // A phrase does not run from the title into the body.
    assert_eq!(found("\"brown the\""), Vec::<usize>::new());
    // A phrase whose start repeats is found after a false start.
    let articles = vec![article("t", "no no no yes"), article("u", "no yes no")];
    let index = TextIndex::new(&articles);
    let hits = index.search(&articles, &TextQuery::parse("\"no no yes\""));
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [0]);
}

#[test]
fn prefixes_and_folding() {
    assert_eq!(found("minist*"), [4, 1]);
    assert_eq!(found("zurich"), [2]);
    assert_eq!(found("sao paulo"), [2]);
    assert_eq!(found("ZÜRICH"), [2]);
}

#[test]
fn cjk_bigrams() {
    assert_eq!(found("中非合作"), [3]);
    assert_eq!(found("合作"), [3]);
    assert_eq!(found("北"), [3]);
    assert_eq!(found("作合"), Vec::<usize>::new());
}

#[test]
fn snippets_hold_the_terms() {
    let articles = corpus();
    let s = snippet(&articles[1], &TextQuery::parse("minister election"));
    assert_eq!(s.text, "The minister said the election mattered.");
    let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(marked, ["minister", "election"]);
    let s = snippet(&articles[2], &TextQuery::parse("sao"));
    assert_eq!(&s.text[s.highlights[0].clone()], "São");
    let long = article("t", &format!("{} needle end.", "word ".repeat(100)));
    let s = snippet(&long, &TextQuery::parse("needle"));
    assert!(
        s.text.len() <= 240 && s.text.contains("needle"),
        "{}",
        s.text
    );
}

#[test]
fn building_reports_progress_and_stops_when_cancelled() {
    let articles: Vec<Article> = (0..5000).map(|i| article("t", &format!("w{i}"))).collect();
    let seen = std::sync::Mutex::new(Vec::new());
    let index = TextIndex::build(&articles, &|p| seen.lock().unwrap().push(p), &|| false);
    assert_eq!(index.map(|i| i.len()), Some(5000));
    assert_eq!(seen.lock().unwrap().last().copied(), Some(1.0));
    assert!(TextIndex::build(&articles, &|_| {}, &|| true).is_none());
}

#[test]
fn a_changed_article_is_reindexed_alone() {
    let mut articles = corpus();
    let mut index = TextIndex::new(&articles);
    let old = articles[1].clone();
    articles[1] = article("Market news", "Brown spoke of a brand new zeppelin.");
    index.replace(1, Some(&old), &articles[1]);
    let fresh = TextIndex::new(&articles);
    for q in [
        "election",
        "brown",
        "zeppelin",
        "minist*",
        "shares",
        "\"new zeppelin\"",
        "zep*",
    ] {
        let query = TextQuery::parse(q);
        assert_eq!(
            index.search(&articles, &query),
            fresh.search(&articles, &query),
            "{q}"
        );
    }
    assert!(
        index
            .search(&articles, &TextQuery::parse("shares"))
            .is_empty()
    );
    // A new article at the end.
    articles.push(article("Late news", "A zeppelin landed."));
    index.replace(5, None, &articles[5]);
    let query = TextQuery::parse("zeppelin");
    assert_eq!(
        index.search(&articles, &query),
        TextIndex::new(&articles).search(&articles, &query)
    );
}
