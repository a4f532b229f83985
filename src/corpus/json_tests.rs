use super::*;

fn load_json(name: &str, json: &str) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), name, json.as_bytes());
    load(dir.path())
}

#[test]
fn a_plain_array() {
    let corpus = load_json(
        "feed.json",
        r#"[{"title": "First", "body": "Para one\n\nPara two", "date": "2024-05-01T10:00:00Z",
             "url": "https://x/1", "author": "Ann", "section": "world", "tags": ["a", "b"], "extra": 1},
            {"headline": "Second", "text": "Text"}]"#,
    );
    assert!(
        corpus.report.warnings.is_empty(),
        "{:?}",
        corpus.report.warnings
    );
    let [first, second] = &corpus.articles[..] else {
        panic!("{:?}", corpus.articles)
    };
    assert_eq!(first.id, "feed.json#1");
    assert_eq!(first.body, "Para one\nPara two");
    assert_eq!(first.date_label().as_deref(), Some("2024-05-01"));
    assert_eq!(
        (first.section.as_str(), first.author.as_deref()),
        ("world", Some("Ann"))
    );
    assert_eq!(first.tags, ["a", "b"]);
    assert_eq!(
        (
            second.id.as_str(),
            second.title.as_str(),
            second.body.as_str()
        ),
        ("feed.json#2", "Second", "Text")
    );
}

#[test]
fn newsapi_response() {
    let corpus = load_json(
        "news.json",
        r#"{"status": "ok", "totalResults": 1, "articles": [{
            "source": {"id": null, "name": "Reuters"}, "author": null, "title": "Markets rally",
            "description": "Short", "url": "https://r/1", "publishedAt": "2024-06-02T08:30:00Z",
            "content": "Stocks rose on Monday… [+2104 chars]"}]}"#,
    );
    let a = &corpus.articles[0];
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(
        a.body, "Stocks rose on Monday\n… 2,104 more characters at the source",
        "the cut stays visible"
    );
    assert_eq!(a.date_label().as_deref(), Some("2024-06-02"));
}

#[test]
fn json_feed_items() {
    let corpus = load_json(
        "feed.json",
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Blog", "items": [
            {"id": "1", "title": "Post", "content_text": "Hello", "date_published": "2024-01-02T00:00:00+02:00",
             "authors": [{"name": "Bo"}], "tags": ["x"]}]}"#,
    );
    let a = &corpus.articles[0];
    assert_eq!(
        (a.title.as_str(), a.body.as_str(), a.author.as_deref()),
        ("Post", "Hello", Some("Bo"))
    );
    assert_eq!(a.date_label().as_deref(), Some("2024-01-01"));
}

#[test]
fn json_lines_with_rfc2822_dates() {
    let corpus = load_json(
        "feed.jsonl",
        "{\"title\": \"One\", \"pubDate\": \"Tue, 01 Oct 2024 12:00:00 +0000\", \"category\": \"sport\"}\n\n{\"title\": \"Two\", \"published\": 1700000000}\n",
    );
    let ids: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.section.as_str()))
        .collect();
    assert_eq!(ids, [("feed.jsonl#1", "sport"), ("feed.jsonl#2", "")]);
    assert_eq!(
        corpus.articles[0].date_label().as_deref(),
        Some("2024-10-01")
    );
    assert_eq!(
        corpus.articles[1].date_label().as_deref(),
        Some("2023-11-14")
    );
}

#[test]
fn malformed_json_names_line_and_column() {
    let corpus = load_json(
        "bad.json",
        "[\n  {\"title\": \"x\"},\n  {\"title\" \"y\"}\n]",
    );
    assert!(corpus.articles.is_empty());
    let warning = only_warning(&corpus);
    assert!(
        warning.ends_with("bad.json: malformed JSON: expected `:` at line 3 column 12; skipped"),
        "{warning}"
    );
}

#[test]
fn bad_entries_are_skipped_and_the_rest_loads() {
    let corpus = load_json(
        "mixed.json",
        "[\n{\"title\": \"Good\"},\n{\"body\": \"no title\"},\n{\"title\": 5},\n\"just a string\",\n{\"title\": \"Also good\", \"date\": \"someday\"}\n]",
    );
    assert_eq!(titles(&corpus), ["Good", "Also good"]);
    let warnings = messages(&corpus.report.warnings);
    assert_eq!(
        warnings,
        [
            "entry 2 (line 3): no title; skipped",
            "entry 3 (line 4): title: expected text, found a number; ignored",
            "entry 3 (line 4): no title; skipped",
            "entry 4 (line 5): invalid type: string \"just a string\", expected an article (a JSON object) at line 1 column 15; skipped",
            "entry 5 (line 6): date \"someday\" not understood; ignored",
        ]
    );
}

#[test]
fn a_bad_json_line_skips_only_that_line() {
    let corpus = load_json(
        "f.ndjson",
        "{\"title\": \"A\"}\n{oops\n{\"title\": \"B\"}\n",
    );
    assert_eq!(titles(&corpus), ["A", "B"]);
    let warning = only_warning(&corpus);
    assert!(
        warning.ends_with(
            "f.ndjson: entry 2 (line 2): key must be a string at line 1 column 2; skipped"
        ),
        "{warning}"
    );
}

#[test]
fn same_url_loads_once() {
    let corpus = load_json(
        "f.jsonl",
        "{\"title\": \"A\", \"url\": \"u\"}\n{\"title\": \"A again\", \"url\": \"u\"}\n",
    );
    assert_eq!(titles(&corpus), ["A"]);
    assert_eq!(corpus.report.duplicates, 1);
}

#[test]
fn json_text_is_cleaned_too() {
    let corpus = load_json(
        "f.json",
        r#"[{"title": "T\u001b]0;x\u0007itle", "body": "a\u001b[2Jb", "source": "S\u202eX"}]"#,
    );
    let a = &corpus.articles[0];
    assert_eq!(
        (a.title.as_str(), a.body.as_str(), a.source.as_deref()),
        ("Title", "ab", Some("SX"))
    );
}

#[test]
fn dates_in_every_form_feeds_use() {
    let cases = [
        ("2024-05-01", Some("2024-05-01")),
        ("2024-05-01T23:30:00Z", Some("2024-05-01")),
        ("2024-05-01T23:30:00+02:00", Some("2024-05-01")),
        ("2024-05-01T23:30:00", Some("2024-05-01")),
        ("2024-05-01 23:30:00", Some("2024-05-01")),
        ("2024-05-01T23:30:00.123", Some("2024-05-01")),
        ("Wed, 01 May 2024 23:30:00 GMT", Some("2024-05-01")),
        ("May 2024", None),
        ("+55840-01-01", None),
        ("-0001-01-01", None),
        ("2024-13-01", None),
    ];
    for (date, want) in cases {
        let json = format!("[{{\"title\": \"t\", \"date\": \"{date}\"}}]");
        let corpus = load_json("d.json", &json);
        assert_eq!(corpus.articles[0].date_label().as_deref(), want, "{date}");
    }
}

#[test]
fn timestamps_in_seconds_milliseconds_and_microseconds() {
    for (stamp, want) in [
        ("1700000000", Some("2023-11-14")),
        ("1700000000000", Some("2023-11-14")),
        ("1700000000000000", Some("2023-11-14")),
        ("-99999999999999999", None),
        ("1700000000.75", Some("2023-11-14")),
        ("1.7e9", Some("2023-11-14")),
    ] {
        let json = format!("[{{\"title\": \"t\", \"date\": {stamp}}}]");
        let corpus = load_json("d.json", &json);
        assert_eq!(corpus.articles[0].date_label().as_deref(), want, "{stamp}");
    }
    // As a string too, as the README promises.
    for stamp in ["\"1700000000\"", "\"1700000000000\"", "\"1700000000.75\""] {
        let json = format!("[{{\"title\": \"t\", \"date\": {stamp}}}]");
        let corpus = load_json("d.json", &json);
        assert_eq!(
            corpus.articles[0].date_label().as_deref(),
            Some("2023-11-14"),
            "{stamp}"
        );
        assert!(corpus.report.warnings.is_empty(), "{stamp}");
    }
}

#[test]
fn a_date_of_the_wrong_type_is_ignored_and_the_entry_kept() {
    let corpus = load_json(
        "d.jsonl",
        "{\"title\": \"A\", \"date\": true}\n{\"title\": \"B\", \"date\": 18446744073709551615}\n{\"title\": \"C\", \"date\": \"2024-02-29\"}\n",
    );
    assert_eq!(titles(&corpus), ["A", "B", "C"]);
    let warnings = messages(&corpus.report.warnings);
    assert_eq!(
        warnings,
        [
            "entry 1 (line 1): date: expected a date as text or as Unix seconds, found true or false; ignored",
            "entry 2 (line 2): date \"18446744073709551615\" not understood; ignored",
        ]
    );
    let dates: Vec<_> = corpus.articles.iter().map(|a| a.date_label()).collect();
    assert_eq!(dates, [None, None, Some("2024-02-29".to_owned())]);
}

#[test]
fn notes_of_many_entries_keep_file_order() {
    let lines: Vec<String> = (1..=300)
        .map(|i| format!("{{\"title\": \"T{i}\", \"date\": \"bad {i}\"}}"))
        .collect();
    let corpus = load_json("many.jsonl", &lines.join("\n"));
    assert_eq!(corpus.articles.len(), 300);
    assert_eq!(corpus.articles[299].id, "many.jsonl#300");
    let entries: Vec<String> = messages(&corpus.report.warnings)
        .iter()
        .map(|m| m.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    let want: Vec<String> = (1..=300).map(|i| format!("entry {i}")).collect();
    assert_eq!(entries, want);
}

/// Issue 10, item 9: one field of an unexpected shape used to cost the
/// whole article.
#[test]
fn a_field_of_the_wrong_shape_is_ignored_and_the_article_kept() {
    let corpus = load_json(
        "f.jsonl",
        concat!(
            "{\"title\": \"Date\", \"body\": \"kept\", \"date\": 1e999}\n",
            "{\"title\": \"Authors\", \"author\": [\"Alice\", \"Bob\"]}\n",
            "{\"title\": \"Single\", \"authors\": \"Single\"}\n",
            "{\"title\": \"Url\", \"url\": 5, \"source\": {\"name\": \"S\"}}\n",
            "{\"title\": \"Tags\", \"tags\": [1, 2], \"section\": \"world\"}\n",
            "{\"title\": \"First\", \"title\": \"Second\"}\n",
            "{\"title\": \"Objects\", \"authors\": [{\"name\": \"A\"}, {\"name\": \"B\"}]}\n",
        ),
    );
    assert_eq!(
        titles(&corpus),
        [
            "Date", "Authors", "Single", "Url", "Tags", "First", "Objects"
        ]
    );
    let a = &corpus.articles;
    assert_eq!(a[0].body, "kept");
    assert_eq!(a[1].author.as_deref(), Some("Alice, Bob"));
    assert_eq!(a[2].author.as_deref(), Some("Single"));
    assert_eq!(
        (a[3].url.as_deref(), a[3].source.as_deref()),
        (None, Some("S"))
    );
    assert_eq!((a[4].section.as_str(), a[4].tags.len()), ("world", 0));
    assert_eq!(a[6].author.as_deref(), Some("A, B"));
    assert_eq!(
        messages(&corpus.report.warnings),
        [
            "entry 1 (line 1): date \"1e999\" not understood; ignored",
            "entry 4 (line 4): url: expected text, found a number; ignored",
            "entry 5 (line 5): tags: expected text or a list of text, found a number; ignored",
            "entry 6 (line 6): title given twice; the first kept",
        ]
    );
    let fields: Vec<&str> = corpus
        .report
        .warnings
        .iter()
        .filter_map(|w| match &w.kind {
            WarningKind::BadField { field, .. } | WarningKind::DuplicateField(field) => {
                Some(field.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(fields, ["url", "tags", "title"]);
    for warning in &corpus.report.warnings {
        assert!(!warning.to_string().contains("untagged"), "{warning}");
    }
}
