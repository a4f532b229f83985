use std::fs;
use std::path::Path;

use crate::synth::*;
use byline::corpus::{Corpus, LoadOptions};

fn corpus_text(seed: u64, n: u64) -> String {
    (0..n)
        .map(|i| SynthArticle::new(seed, i).to_json_line())
        .collect()
}

#[test]
fn same_seed_same_articles() {
    assert_eq!(corpus_text(1, 50), corpus_text(1, 50));
}

#[test]
fn output_is_the_same_as_in_every_earlier_version() {
    // Benchmarks compare runs across commits: the bytes must not drift.
    let a = SynthArticle::new(1, 0);
    assert_eq!(
        a.title,
        "Were 30% cup show they video virus were weak council executive were"
    );
    assert_eq!(
        (a.section, a.date.as_str(), a.source, a.body.len()),
        (
            "politics",
            "2020-09-22T06:15:49+00:00",
            "Daily Example",
            5732
        )
    );
}

#[test]
fn different_seeds_differ() {
    let (a, b) = (corpus_text(1, 50), corpus_text(2, 50));
    assert_ne!(a, b);
    // Not merely one field: the first titles differ too.
    assert_ne!(SynthArticle::new(1, 0).title, SynthArticle::new(2, 0).title);
}

#[test]
fn titles_and_bodies_have_news_sizes() {
    let articles: Vec<_> = (0..500).map(|i| SynthArticle::new(7, i)).collect();
    for a in &articles {
        let words = a.title.split(' ').count();
        assert!((5..=12).contains(&words), "{:?}", a.title);
        assert!(a.body.contains("\n\n"), "paragraphs: {:?}", a.body);
    }
    let mean = articles.iter().map(|a| a.to_text().len()).sum::<usize>() / articles.len();
    assert!((3_800..4_600).contains(&mean), "mean article size {mean}");
}

/// Every file under `dir`, as (relative path, bytes), sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            found.push((rel.display().to_string(), fs::read(entry.path()).unwrap()));
        }
    }
    found
}

#[test]
fn written_corpora_are_reproducible_and_load_cleanly() {
    for layout in [Layout::Text, Layout::JsonLines] {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let bytes = write_corpus(a.path(), layout, 40, 3).unwrap();
        write_corpus(b.path(), layout, 40, 3).unwrap();
        let (fa, fb) = (files(a.path()), files(b.path()));
        assert_eq!(fa, fb, "{layout:?}");
        let on_disk: usize = fa.iter().map(|(_, bytes)| bytes.len()).sum();
        assert_eq!(bytes, on_disk as u64);

        let corpus = Corpus::load(&[a.path().to_owned()], &LoadOptions::default()).unwrap();
        assert!(
            corpus.report.warnings.is_empty(),
            "{:?}",
            corpus.report.warnings
        );
        assert_eq!(corpus.articles.len(), 40, "{layout:?}");
        let mut titles: Vec<_> = corpus.articles.iter().map(|a| a.title.clone()).collect();
        let mut want: Vec<_> = (0..40).map(|i| SynthArticle::new(3, i).title).collect();
        titles.sort();
        want.sort();
        assert_eq!(titles, want, "{layout:?}");
    }
}
