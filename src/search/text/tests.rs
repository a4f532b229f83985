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

fn indices(articles: &[Article], query: &str) -> Vec<usize> {
    let index = TextIndex::new(articles);
    let mut found: Vec<usize> = index
        .find(&TextQuery::parse(query))
        .iter()
        .map(|h| h.index)
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn phrases_stay_within_the_title_or_the_body() {
    let articles = vec![
        article("Brown wins", "Votes counted today."),
        article("Talks", "Brown wins votes."),
        article("Brown", "wins nothing."),
    ];
    assert_eq!(indices(&articles, "\"brown wins\""), [0, 1]);
    assert_eq!(indices(&articles, "\"wins votes\""), [1]);
    // "wins" ends one title and "votes" starts its body: not a phrase.
    assert_eq!(
        indices(&articles, "\"wins votes counted\""),
        Vec::<usize>::new()
    );
    assert_eq!(indices(&articles, "\"votes counted today\""), [0]);
}

#[test]
fn phrases_of_repeated_words() {
    let articles = vec![
        article("t", "no no no yes"),
        article("u", "no yes no"),
        article("v", "no, no!"),
        article("w", "yes no yes"),
    ];
    assert_eq!(indices(&articles, "\"no no\""), [0, 2]);
    assert_eq!(indices(&articles, "\"no no no\""), [0]);
    assert_eq!(indices(&articles, "\"no no yes\""), [0]);
    assert_eq!(indices(&articles, "\"yes no yes\""), [3]);
    assert_eq!(indices(&articles, "-\"no no\""), [1, 3]);
}

#[test]
fn a_phrase_may_end_in_a_prefix() {
    let articles = vec![
        article("t", "The prime minister spoke."),
        article("u", "A prime ministerial car."),
        article("v", "Prime time for the minister."),
    ];
    assert_eq!(indices(&articles, "\"prime minist*\""), [0, 1]);
    assert_eq!(indices(&articles, "\"prime ministe\""), Vec::<usize>::new());
    assert_eq!(indices(&articles, "\"the minis*\" prime"), [2]);
}

proptest::proptest! {
    /// Phrases agree with tokenizing each title and body whole and
    /// looking for the words one after another.
    #[test]
    fn phrases_agree_with_tokenizing_everything(
        texts in proptest::collection::vec(("[ab é.]{0,12}", "[ab é.,'—中非]{0,40}"), 1..8),
        phrase in "[abé中非]{1,2}( [abé中非]{1,2}){1,2}",
    ) {
        let articles: Vec<Article> = texts.iter().map(|(t, b)| article(t, b)).collect();
        let words = tokens::collect(&phrase);
        let holds = |text: &str| {
            let all = tokens::collect(text);
            all.windows(words.len()).any(|w| w == words.as_slice())
        };
        let want: Vec<usize> = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| holds(&a.title) || holds(&a.body))
            .map(|(i, _)| i)
            .collect();
        let query = format!("\"{}\"", words.join(" "));
        if words.len() > 1 {
            proptest::prop_assert_eq!(indices(&articles, &query), want, "{}", query);
        }
    }
}

#[test]
fn snippets_find_sentences_past_the_quick_test() {
    let a = article("t", "Nothing here. The MINISTER spoke. Zürich was calm.");
    let s = snippet(&a, &TextQuery::parse("minister"));
    assert_eq!(s.text, "The MINISTER spoke.");
    let s = snippet(&a, &TextQuery::parse("zurich"));
    assert_eq!(&s.text[s.highlights[0].clone()], "Zürich");
    let s = snippet(&a, &TextQuery::parse("minist* -calm"));
    assert_eq!(s.text, "The MINISTER spoke.");
    // No sentence holds a word: the first one, unlit.
    let s = snippet(&a, &TextQuery::parse("-nothing"));
    assert_eq!((s.text.as_str(), s.highlights.len()), ("Nothing here.", 0));
}
