//! Synthetic corpora for benchmarks: deterministic from a seed, shaped like
//! real news (titles of 5-12 words, bodies of a few kilobytes in paragraphs),
//! in the plain-text and JSON Lines layouts the loader reads.
//!
//! Every article is derived from the seed and its own index only, so the
//! same seed always gives the same bytes, on any machine.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::LazyLock;

use chrono::DateTime;
use serde::Serialize;

/// How a synthetic corpus is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `OUT/<section>/NNNNN.txt`: title, blank line, paragraphs between blank lines.
    Text,
    /// `OUT/articles.jsonl`: one object a line.
    JsonLines,
}

/// The name of the file the JSON Lines layout writes inside `OUT`.
pub const JSONL_FILE: &str = "articles.jsonl";

const SECTIONS: &[&str] = &[
    "business",
    "entertainment",
    "politics",
    "science",
    "sport",
    "tech",
    "world",
];

const SOURCES: &[&str] = &["Synthetic Wire", "Daily Example", "The Placeholder"];

/// Common news words, plus a few non-ASCII ones so that cleaning meets them
/// as it does in real text. Their order is part of the output: keep it.
const VOCABULARY: &str = include_str!("../../../assets/synth-words.txt");

static WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| VOCABULARY.split_whitespace().collect());

/// One synthetic article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SynthArticle {
    pub title: String,
    /// Paragraphs separated by a blank line (`"\n\n"`).
    pub body: String,
    /// RFC 3339.
    pub date: String,
    pub url: String,
    pub section: &'static str,
    pub source: &'static str,
}

impl SynthArticle {
    /// The article `index` (0-based) of the corpus made from `seed`.
    pub fn new(seed: u64, index: u64) -> Self {
        let mut rng = SplitMix64(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        let section = SECTIONS[rng.below(SECTIONS.len())];
        let title = sentence(&mut rng, 5, 12, false);
        // Bodies of 1.7-6.1 KB, 4.2 KB on average with the title and the last
        // paragraph's overshoot: 100,000 articles make about 420 MB.
        let target = 1_700 + rng.below(4_400);
        let mut body = String::with_capacity(target + 600);
        while body.len() < target {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            let sentences = 2 + rng.below(4);
            for s in 0..sentences {
                if s > 0 {
                    body.push(' ');
                }
                body.push_str(&sentence(&mut rng, 6, 24, true));
            }
        }
        // Dates spread over 2020-2024.
        let secs = 1_577_836_800 + rng.below(5 * 365 * 86_400) as i64;
        let date = DateTime::from_timestamp(secs, 0)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default();
        Self {
            url: format!("https://news.example.com/{section}/{index:05}"),
            title,
            body,
            date,
            section,
            source: SOURCES[rng.below(SOURCES.len())],
        }
    }

    /// The article as a `.txt` file.
    pub fn to_text(&self) -> String {
        format!("{}\n\n{}\n", self.title, self.body)
    }

    /// The article as one JSON Lines line, newline included.
    pub fn to_json_line(&self) -> String {
        // Serialising plain strings cannot fail; an empty line would be skipped.
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// Words from the vocabulary, capitalised; a full stop when `period`.
fn sentence(rng: &mut SplitMix64, min: usize, max: usize, period: bool) -> String {
    let words = min + rng.below(max - min + 1);
    let mut out = String::with_capacity(words * 7);
    for w in 0..words {
        let word = WORDS[rng.below(WORDS.len())];
        if w == 0 {
            let mut chars = word.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(chars.as_str());
            continue;
        }
        out.push(' ');
        out.push_str(word);
        if period && w + 1 < words && rng.below(12) == 0 {
            out.push(',');
        }
    }
    if period {
        out.push('.');
    }
    out
}

/// A small, fast PRNG (Steele, Lea and Flood's SplitMix64): good enough for
/// test data and stable forever, unlike a library's default generator.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; the modulo bias is far below what matters here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes `articles` articles made from `seed` under the directory `out`,
/// creating it; returns the bytes written.
pub fn write_corpus(out: &Path, layout: Layout, articles: u64, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(out)?;
    let mut bytes = 0;
    match layout {
        Layout::Text => {
            for section in SECTIONS {
                fs::create_dir_all(out.join(section))?;
            }
            for index in 0..articles {
                let article = SynthArticle::new(seed, index);
                let text = article.to_text();
                let path = out.join(article.section).join(format!("{index:05}.txt"));
                fs::write(path, &text)?;
                bytes += text.len() as u64;
            }
        }
        Layout::JsonLines => {
            let mut file = BufWriter::new(fs::File::create(out.join(JSONL_FILE))?);
            for index in 0..articles {
                let line = SynthArticle::new(seed, index).to_json_line();
                file.write_all(line.as_bytes())?;
                bytes += line.len() as u64;
            }
            file.flush()?;
        }
    }
    Ok(bytes)
}
