//! The real corpus: 2,225 BBC News files, 98 of them exact copies of others.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::collections::BTreeMap;

use byline::{Corpus, LoadOptions};

fn load() -> Option<Corpus> {
    Some(Corpus::load(&[common::bbc()?], &LoadOptions::default()).expect("the corpus loads"))
}

#[test]
fn every_file_loads_with_its_section() {
    let Some(corpus) = load() else { return };
    assert!(
        corpus.report.warnings.is_empty(),
        "{:?}",
        corpus.report.warnings
    );
    assert_eq!(corpus.report.files, 2225);
    let mut sections: BTreeMap<&str, usize> = BTreeMap::new();
    for section in corpus
        .articles
        .iter()
        .map(|a| &a.section)
        .chain(corpus.duplicates.iter().map(|d| &d.section))
    {
        *sections.entry(section).or_default() += 1;
    }
    let expected = [
        ("business", 510),
        ("entertainment", 386),
        ("politics", 417),
        ("sport", 511),
        ("tech", 401),
    ];
    assert_eq!(sections, BTreeMap::from(expected));
    // The corpus holds 98 byte-identical copies: each is loaded once.
    assert_eq!(
        (corpus.articles.len(), corpus.report.duplicates),
        (2127, 98)
    );
    assert_eq!(
        corpus.find("tech/373.txt").map(|(_, a)| a.id.as_str()),
        Some("tech/079.txt")
    );
}

#[test]
fn latin1_file_reads_as_pounds() {
    let Some(corpus) = load() else { return };
    let (_, article) = corpus
        .find("sport/199.txt")
        .expect("sport/199.txt is there");
    assert_eq!(article.title, "Chelsea sack Mutu");
    assert!(article.body.contains("£15.8m"), "{}", &article.body[..300]);
    assert!(!article.body.contains('\u{fffd}'));
}

#[test]
fn text_is_clean_everywhere() {
    let Some(corpus) = load() else { return };
    for a in &corpus.articles {
        let text = format!("{}{}", a.title, a.body);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{}",
            a.id
        );
        assert!(!text.contains("  ") && !a.body.contains("\n\n"), "{}", a.id);
    }
}

#[test]
fn mutu_ranks_chelsea_sack_mutu_first() {
    let Some(corpus) = load() else { return };
    let hits = byline::search::rank(&corpus.articles, "mutu", &|| false).unwrap_or_default();
    let top: Vec<&str> = hits
        .iter()
        .take(3)
        .map(|h| corpus.articles[h.index].title.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "Chelsea sack Mutu",
            "Wenger offers Mutu hope",
            "Mutu to hold talks with Juventus"
        ]
    );
}

/// The titles `query` matches, sorted.
fn titles_matching(corpus: &Corpus, query: &str) -> Vec<String> {
    let hits = byline::search::rank(&corpus.articles, query, &|| false).unwrap_or_default();
    let mut titles: Vec<String> = hits
        .iter()
        .map(|h| corpus.articles[h.index].title.clone())
        .collect();
    titles.sort();
    titles
}

#[test]
fn extended_terms_match_in_either_order() {
    let Some(corpus) = load() else { return };
    let both = titles_matching(&corpus, "blair brown");
    assert_eq!(both, titles_matching(&corpus, "brown blair"));
    // The four titles that hold both words, whatever their order.
    let exact = titles_matching(&corpus, "'blair 'brown");
    assert_eq!(exact.len(), 4, "{exact:?}");
    assert!(exact.iter().all(|t| both.contains(t)), "{both:?}");
    for t in &exact {
        let lower = t.to_lowercase();
        assert!(lower.contains("blair") && lower.contains("brown"), "{t}");
    }
    for t in titles_matching(&corpus, "'blair !brown") {
        assert!(!t.to_lowercase().contains("brown"), "{t}");
    }
    for t in titles_matching(&corpus, "^blair") {
        assert!(t.to_lowercase().starts_with("blair"), "{t}");
    }
}
