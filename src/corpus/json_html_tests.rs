//! HTML inside JSON fields: rendered when the field's name says so
//! (`content_html`) or when the text holds markup; plain otherwise.

use crate::corpus::{InputKind, LoadOptions, parse_bytes};

fn load(json: &str) -> Vec<crate::Article> {
    let (articles, warnings) = parse_bytes(
        InputKind::Json,
        "news.json",
        json.as_bytes(),
        &LoadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    articles
}

#[test]
fn newsapi_content_with_markup_is_rendered() {
    let articles = load(
        r#"{"articles": [{"title": "T", "url": "https://n.example/a/1",
            "content": "<p>Hello <b>world</b> &amp; <a href=\"/x\">friends</a></p><script>alert(1)</script>… [+1234 chars]"}]}"#,
    );
    assert_eq!(
        articles[0].body,
        // NewsAPI's marker becomes main's note, before the link list.
        "Hello world & friends [1]\n… 1,234 more characters at the source\n\
         Links:\n[1] https://n.example/x"
    );
    assert_eq!(articles[0].links, ["https://n.example/x"]);
}

#[test]
fn a_description_without_markup_stays_plain_text() {
    let articles = load(r#"[{"title": "T", "description": "AT&T <3 rates & more"}]"#);
    assert_eq!(articles[0].body, "AT&T <3 rates & more");
    assert!(articles[0].links.is_empty());
}

#[test]
fn content_html_is_html_by_its_name() {
    // Without JSON Feed's version, the entry is read as JSON, not as a feed.
    let articles =
        load(r#"{"items": [{"title": "T", "content_html": "Tom &amp; Jerry<br>again"}]}"#);
    assert_eq!(articles[0].body, "Tom & Jerry\nagain");
}

#[test]
fn entity_spelled_escapes_in_json_html_are_cleaned() {
    let articles =
        load(r#"[{"title": "T", "content": "<p>a&#27;[2Jb&#x1b;]8;;https://x&#x1b;\\c</p>"}]"#);
    assert_eq!(articles[0].body, "abc");
}
