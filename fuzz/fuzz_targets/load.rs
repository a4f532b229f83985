//! Arbitrary bytes through the loaders, as a text, JSON, JSON Lines, HTML
//! page or feed file: nothing may panic, and everything that comes out
//! (links included) must be as cleaning leaves it: no control character,
//! and nothing cleaning would remove.
//!
//! The first byte picks the format (and a tiny body limit when its high bit
//! is set, so that cutting bodies is fuzzed too); the rest is the file.

#![no_main]

use byline::Article;
use byline::clean::{is_clean, is_clean_line};
use byline::corpus::{InputKind, LoadOptions, Warning, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let (kind, name) = match selector % 5 {
        0 => (InputKind::Text, "fuzz.txt"),
        1 => (InputKind::Json, "fuzz.json"),
        2 => (InputKind::JsonLines, "fuzz.jsonl"),
        3 => (InputKind::Html, "fuzz.html"),
        _ => (InputKind::Feed, "fuzz.xml"),
    };
    let mut options = LoadOptions::default();
    if selector & 0x80 != 0 {
        options.max_body = 64;
        options.max_line = 256;
    }
    let (articles, warnings) = parse_bytes(kind, name, file, &options);
    for article in &articles {
        check_article(article, &options);
    }
    for warning in &warnings {
        check_warning(warning);
    }
});

fn check_article(a: &Article, options: &LoadOptions) {
    assert!(!a.id.is_empty());
    assert_clean(&a.title, true);
    for line in [&a.id, &a.title, &a.section]
        .into_iter()
        .chain(&a.name)
        .chain(&a.tags)
    {
        assert!(is_clean_line(line), "{line:?}");
    }
    assert!(is_clean(&a.body), "{:?}", a.body);
    for text in [a.body.as_str(), &a.section, &a.id]
        .into_iter()
        .chain(a.source.as_deref())
        .chain(a.author.as_deref())
        .chain(a.url.as_deref())
        .chain(a.tags.iter().map(String::as_str))
        .chain(a.links.iter().map(String::as_str))
    {
        assert_clean(text, false);
    }
    // A cut body keeps at most `max_body` bytes, then a one-line note.
    assert!(a.body.len() <= options.max_body + 100, "{}", a.body.len());
}

fn check_warning(w: &Warning) {
    assert_clean(&w.path, true);
    assert_clean(&w.message(), false);
    assert!(is_clean_line(&w.path), "{:?}", w.path);
    assert!(is_clean(&w.to_string()), "{w}");
}

/// No control character but `'\n'`, and not even that on one line.
fn assert_clean(text: &str, one_line: bool) {
    let bad = text
        .chars()
        .find(|&c| c.is_control() && (one_line || c != '\n'));
    assert!(bad.is_none(), "{bad:?} in {text:?}");
}
