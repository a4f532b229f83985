use std::fs;

use super::*;
use crate::corpus::tests::{messages, warning_lines};
use crate::corpus::{Corpus, Input, LoadOptions, concat};

/// A file loaded through the chunked path, and the same bytes parsed whole.
fn both_ways(bytes: &[u8]) -> (Corpus, Vec<std::sync::Arc<crate::Article>>, Vec<Warning>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    fs::write(&path, bytes).unwrap();
    let options = LoadOptions::default();
    let streamed = Corpus::load(&[path], &options).unwrap();
    let input = Input::embedded("feed.jsonl", bytes.to_vec().leak());
    let mut warnings = Vec::new();
    let job = Job {
        input: &input,
        options: &options,
    };
    let whole = parse_lines(job, bytes, &mut warnings)
        .map_err(|e| warnings.push(Warning::new(&input.path, e)))
        .map(concat)
        .unwrap_or_default();
    (streamed, whole, warnings)
}

fn assert_same(bytes: &[u8]) -> Corpus {
    let (streamed, whole, warnings) = both_ways(bytes);
    assert_eq!(streamed.articles, whole);
    assert_eq!(messages(&streamed.report.warnings), messages(&warnings));
    assert_eq!(streamed.report.bytes, bytes.len() as u64);
    streamed
}

#[test]
fn chunks_give_what_the_whole_file_gives() {
    let long_body = "word ".repeat(40);
    let text = format!(
        "\u{feff}{{\"title\": \"One\", \"body\": \"a\\n\\nb\"}}\r\n\n   \n\
         {{\"title\": \"Two\", \"body\": \"{long_body}\", \"date\": \"nonsense\"}}\n\
         not json\n\
         {{\"title\": \"Three\", \"section\": \"world\"}}"
    );
    let corpus = assert_same(text.as_bytes());
    let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#4"]);
    let warnings = warning_lines(&corpus.report.warnings);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("entry 2 (line 4): date"),
        "{warnings:?}"
    );
    assert!(warnings[1].contains("entry 3 (line 5): "), "{warnings:?}");
}

#[test]
fn windows_1252_late_in_the_file_is_read_whole() {
    // Distinct titles: duplicates would be dropped by the load.
    let mut bytes: Vec<u8> = (0..5)
        .flat_map(|n| format!("{{\"title\": \"Title {n}\"}}\n").into_bytes())
        .collect();
    bytes.extend_from_slice(b"{\"title\": \"\xa315m deal\"}\n");
    let corpus = assert_same(&bytes);
    assert_eq!(corpus.articles[5].title, "£15m deal");
}

#[test]
fn utf16_is_read_whole() {
    let text = "{\"title\": \"Wide\"}\n{\"title\": \"Again\"}\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let corpus = assert_same(&bytes);
    assert_eq!(corpus.articles.len(), 2);
}

#[test]
fn a_nul_byte_late_in_the_file_skips_it_all() {
    let mut bytes = b"{\"title\": \"First\"}\n".repeat(5);
    bytes.extend_from_slice(b"{\"title\": \"\0\"}\n");
    bytes.extend_from_slice(&b"{\"title\": \"Last\"}\n".repeat(5));
    let corpus = assert_same(&bytes);
    assert!(corpus.articles.is_empty());
    assert_eq!(corpus.report.warnings.len(), 1);
}

#[test]
fn empty_and_blank_files_give_nothing() {
    for bytes in [&b""[..], b"\n\n  \n"] {
        let corpus = assert_same(bytes);
        assert!(corpus.articles.is_empty() && corpus.report.warnings.is_empty());
    }
}

#[test]
fn lines_are_those_of_str_lines() {
    for text in [
        "",
        "\n",
        "a",
        "a\n",
        "a\r\n",
        "a\r",
        "\r",
        "\r\n\r\n",
        "a\n\nb",
        "a\rb\n",
        "\n\nx\r\r\n",
    ] {
        let got: Vec<&str> = lines(text).collect();
        let want: Vec<&str> = text.lines().collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn entries_with_an_id_keep_it_when_others_are_added_or_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let line = |id: &str, title: &str| {
        format!("{{\"id\": \"{id}\", \"title\": \"{title}\", \"body\": \"b\"}}\n")
    };
    let load = || Corpus::load(std::slice::from_ref(&path), &LoadOptions::default()).unwrap();
    std::fs::write(&path, line("https://x/1", "One") + &line("h:2", "Two")).unwrap();
    let first: Vec<String> = load().articles.iter().map(|a| a.id.clone()).collect();
    assert_eq!(first, ["feed.jsonl#https://x/1", "feed.jsonl#h:2"]);
    let grown = line("new", "New")
        + &line("h:2", "Two")
        + "{\"title\": \"No id\", \"id\": 7}\n"
        + &line("h:2", "Again");
    std::fs::write(&path, grown).unwrap();
    let ids: Vec<String> = load().articles.iter().map(|a| a.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "feed.jsonl#new",
            "feed.jsonl#h:2",
            "feed.jsonl#3",
            "feed.jsonl#h:2~2"
        ]
    );
}
