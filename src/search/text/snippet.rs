//! The passage a full-text hit shows: the sentence of the body that holds
//! the most of the query's words (the first such), cut to a bounded length
//! around its first hit, with the words' places to highlight.

use std::ops::Range;

use aho_corasick::AhoCorasick;
use unicode_segmentation::UnicodeSegmentation;

use super::{TextQuery, tokens};
use crate::article::Article;

/// At most this many bytes of a sentence are shown.
const LONGEST: usize = 240;

/// A passage of an article and the byte ranges in it to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// The best passage of `article`'s body for `query`; the body's first
/// sentence when no sentence holds a word of it.
pub fn snippet(article: &Article, query: &TextQuery) -> Snippet {
    let wanted = Wanted::new(query);
    let mut best: Option<(usize, &str, Vec<Range<usize>>)> = None;
    for sentence in article.body.split_sentence_bounds() {
        let mut hits = Vec::new();
        let mut distinct: Vec<String> = Vec::new();
        if best.is_some() && !wanted.could_be_in(sentence) {
            continue;
        }
        tokens::for_each(sentence, |t, r| {
            if query.wants(t) {
                hits.push(r);
                if !distinct.iter().any(|d| d == t) {
                    distinct.push(t.to_owned());
                }
            }
        });
        if best.as_ref().is_none_or(|(n, ..)| distinct.len() > *n) {
            best = Some((distinct.len(), sentence, hits));
        }
    }
    let Some((_, sentence, hits)) = best else {
        return Snippet::default();
    };
    cut(sentence, hits)
}

/// A quick test that a sentence may hold a word the query wants, so that
/// most sentences are never segmented into words (segmenting every body
/// was most of a query's time). A wanted token is a query word or starts
/// with a prefix; an ASCII token folds to itself lower-cased, so in an
/// ASCII sentence a wanted token's word shows the word or prefix itself,
/// ASCII case aside. Sentences with other characters are always segmented.
struct Wanted(Option<AhoCorasick>);

impl Wanted {
    fn new(query: &TextQuery) -> Self {
        let words: Vec<&str> = query.positive_words().chain(query.prefixes()).collect();
        let built = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .ok();
        Self(built)
    }

    fn could_be_in(&self, sentence: &str) -> bool {
        match &self.0 {
            Some(words) => !sentence.is_ascii() || words.is_match(sentence),
            None => true,
        }
    }
}

/// The byte ranges of `text` that are words `query` looks for.
pub fn tokens_in(text: &str, query: &TextQuery) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    tokens::for_each(text, |t, r| {
        if query.wants(t) {
            out.push(r);
        }
    });
    out
}

/// At most [`LONGEST`] bytes of `sentence`, starting a little before its
/// first hit, trimmed, with the hits moved to match.
fn cut(sentence: &str, hits: Vec<Range<usize>>) -> Snippet {
    let first = hits.first().map_or(0, |r| r.start);
    let mut start = if first + 40 > LONGEST { first - 40 } else { 0 };
    while !sentence.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = sentence.len().min(start + LONGEST);
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let raw = &sentence[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let text = raw.trim();
    let from = start + lead;
    let highlights = hits
        .into_iter()
        .filter(|r| r.start >= from && r.end <= from + text.len())
        .map(|r| r.start - from..r.end - from)
        .collect();
    Snippet {
        text: text.to_owned(),
        highlights,
    }
}
