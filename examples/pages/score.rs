//! Scoring byline's article extraction against readability.js's test
//! pages (`../shared/pages`): for each page, whether the title is the
//! expected one, whether a byline was found, and the token F1 between the
//! article's text and that of `expected.html`. Shared by the `pages`
//! example (the report) and `tests/pages.rs` (the floor).

// A measuring tool: a page that does not read ends the run, and each of
// its two users calls only part of it.
#![allow(clippy::expect_used, dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use byline::{Corpus, LoadOptions};

/// One page's score.
#[derive(Debug, Clone)]
pub struct PageScore {
    pub name: String,
    pub f1: f64,
    pub title_equal: bool,
    pub byline_expected: bool,
    pub byline_found: bool,
}

/// All pages' scores, in name order.
pub fn score_all(pages: &Path) -> Vec<PageScore> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(pages)
        .expect("the pages folder reads")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    dirs.iter().map(|dir| score_page(dir)).collect()
}

pub fn score_page(dir: &Path) -> PageScore {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let metadata: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("expected-metadata.json")).expect("metadata reads"),
    )
    .expect("metadata is JSON");
    let expected_html = std::fs::read_to_string(dir.join("expected.html")).expect("expected reads");
    let expected_text = dom_query::Document::from(expected_html.as_str()).formatted_text();
    let corpus =
        Corpus::load(&[dir.join("source.html")], &LoadOptions::default()).expect("the page loads");
    let article = corpus.articles.first();
    let text = article.map(|a| prose(&a.body)).unwrap_or_default();
    let expected_title = metadata["title"].as_str().unwrap_or_default();
    PageScore {
        name,
        f1: token_f1(&text, &expected_text),
        title_equal: article.is_some_and(|a| a.title == byline::clean::single_line(expected_title)),
        byline_expected: metadata["byline"]
            .as_str()
            .is_some_and(|b| !b.trim().is_empty()),
        byline_found: article.is_some_and(|a| a.author.is_some()),
    }
}

/// The article's prose: without byline's own marks, which readability's
/// text does not have: the `Links:` list, `[N]` references and the
/// `[image: …]` brackets (their alt text and captions are kept).
pub fn prose(body: &str) -> String {
    let body = match body.rfind("\nLinks:\n[1] ") {
        Some(at) => &body[..at],
        None => body.strip_prefix("Links:\n").map_or(body, |_| ""),
    };
    let mut out = String::with_capacity(body.len());
    for word in body.split([' ', '\n']) {
        let is_reference = word.len() > 2
            && word.starts_with('[')
            && word.ends_with(']')
            && word[1..word.len() - 1].bytes().all(|b| b.is_ascii_digit());
        if is_reference || word == "[image:" {
            continue;
        }
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// Lowercased runs of letters and digits.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *counts.entry(token.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// F1 of the multisets of tokens: 1 when both texts are empty.
pub fn token_f1(got: &str, expected: &str) -> f64 {
    let (got, expected) = (tokens(got), tokens(expected));
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>() as f64;
    let (n_got, n_expected) = (total(&got), total(&expected));
    if n_got == 0.0 && n_expected == 0.0 {
        return 1.0;
    }
    let common: usize = got
        .iter()
        .map(|(t, &n)| n.min(expected.get(t).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let (precision, recall) = (common as f64 / n_got, common as f64 / n_expected);
    2.0 * precision * recall / (precision + recall)
}

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}
