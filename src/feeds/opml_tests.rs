use super::*;

/// Like an export from a real reader: nested folders, a feed with no
/// title (only `text`), one with neither, a folder with no name, a
/// non-http URL, a duplicate, and attributes in odd case.
const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions in Some Reader</title></head>
  <body>
    <outline text="Tech" title="Tech">
      <outline text="Rust">
        <outline type="rss" text="This Week in Rust" title="This Week in Rust" xmlUrl="https://this-week-in-rust.org/rss.xml" htmlUrl="https://this-week-in-rust.org/"/>
        <outline type="rss" text="Only text &amp; more" xmlUrl="https://blog.example/feed"/>
      </outline>
      <outline type="rss" xmlurl="https://untitled.example/atom.xml"/>
    </outline>
    <outline>
      <outline type="rss" text="Nameless folder" xmlUrl="https://n.example/rss" category="/news,world"/>
    </outline>
    <outline type="rss" text="Top" xmlUrl="https://top.example/rss"></outline>
    <outline type="rss" text="Local file" xmlUrl="file:///home/me/feed.xml"/>
    <outline type="rss" text="Again" xmlUrl="https://top.example/rss"/>
  </body>
</opml>
"#;

#[test]
fn a_real_world_export_imports_with_folders_as_sections() {
    let imported = import(EXPORT).unwrap();
    let got: Vec<(&str, Option<&str>, Option<&str>)> = imported
        .feeds
        .iter()
        .map(|f| (f.url.as_str(), f.name.as_deref(), f.section.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "https://this-week-in-rust.org/rss.xml",
                Some("This Week in Rust"),
                Some("Tech/Rust")
            ),
            (
                "https://blog.example/feed",
                Some("Only text & more"),
                Some("Tech/Rust")
            ),
            ("https://untitled.example/atom.xml", None, Some("Tech")),
            ("https://n.example/rss", Some("Nameless folder"), None),
            ("https://top.example/rss", Some("Top"), None),
        ]
    );
    assert_eq!(imported.feeds[3].tags, ["news", "world"]);
    assert_eq!(imported.skipped.len(), 2, "{:?}", imported.skipped);
    assert!(imported.skipped[0].contains("only http and https"));
}

#[test]
fn an_export_round_trips() {
    let mut feeds = import(EXPORT).unwrap().feeds;
    let text = export(&feeds);
    assert!(text.contains("<opml version=\"2.0\">"), "{text}");
    let back = import(&text).unwrap();
    assert!(back.skipped.is_empty());
    assert_eq!(back.feeds.len(), feeds.len());
    // Sections come out grouped, unsectioned feeds first.
    assert_eq!(back.feeds[0].name.as_deref(), Some("Nameless folder"));
    let mut back = back.feeds;
    back.sort_by(|a, b| a.url.cmp(&b.url));
    feeds.sort_by(|a, b| a.url.cmp(&b.url));
    for (a, b) in feeds.iter().zip(&back) {
        assert_eq!((&a.url, &a.section, &a.tags), (&b.url, &b.section, &b.tags));
        assert_eq!(a.label(), b.label());
    }
}

#[test]
fn what_is_not_opml_is_refused() {
    assert!(import("<html><body>hi</body></html>").is_err());
    assert!(import("<opml><body><outline text=\"a\"></body></opml>").is_err());
}
