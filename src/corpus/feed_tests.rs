use std::path::Path;

use crate::article::Article;
use crate::corpus::{InputKind, LoadOptions, input::kind_of, parse_bytes};

fn load(kind: InputKind, name: &str, bytes: &[u8]) -> Vec<Article> {
    let (articles, warnings) = parse_bytes(kind, name, bytes, &LoadOptions::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    articles
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn rss2_items_are_articles_with_guid_ids() {
    let articles = load(InputKind::Feed, "rss2.xml", &fixture("rss2.xml"));
    let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "rss2.xml#urn:example:rates-1",
            "rss2.xml#urn:example:untitled",
            "rss2.xml#https://news.example.com/podcast/12",
        ]
    );
    let first = &articles[0];
    assert_eq!(first.title, "Rates rise & markets fall");
    assert_eq!(
        first.body,
        "The central bank [1] raised rates.\n• Stocks fell\n• Bonds rose\n\
         Links:\n[1] https://news.example.com/banks"
    );
    assert_eq!(first.links, ["https://news.example.com/banks"]);
    assert_eq!(first.author.as_deref(), Some("Ann Writer"));
    assert_eq!(first.tags, ["Economy", "Markets"]);
    assert_eq!(first.date_label().as_deref(), Some("2025-06-10"));
    assert_eq!(first.source.as_deref(), Some("Example News"));
    assert_eq!(first.section, "Example News");
    assert_eq!(first.url.as_deref(), Some("https://news.example.com/rates"));
    assert!(!first.title_from_body);
}

#[test]
fn a_title_less_item_is_titled_by_its_first_words() {
    let articles = load(InputKind::Feed, "rss2.xml", &fixture("rss2.xml"));
    let untitled = &articles[1];
    assert!(untitled.title_from_body);
    assert_eq!(
        untitled.title,
        "A title-less item, which RSS allows: its body gives the title for…"
    );
}

#[test]
fn enclosures_are_listed_as_links() {
    let articles = load(InputKind::Feed, "rss2.xml", &fixture("rss2.xml"));
    let episode = &articles[2];
    assert_eq!(
        episode.body,
        "Listen now\nLinks:\n[1] https://cdn.example.com/ep12.mp3 (enclosure, audio/mpeg)"
    );
    assert_eq!(episode.links, ["https://cdn.example.com/ep12.mp3"]);
}

#[test]
fn rss_0_91_and_1_0_are_read() {
    let old = load(InputKind::Feed, "rss091.rss", &fixture("rss091.rss"));
    assert_eq!(old.len(), 1);
    assert_eq!(
        (old[0].title.as_str(), old[0].body.as_str()),
        ("First post", "Plain words from 1999.")
    );
    assert_eq!(old[0].id, "rss091.rss#http://old.example.org/1");
    let rdf = load(InputKind::Feed, "rss1.rdf", &fixture("rss1.rdf"));
    assert_eq!(rdf.len(), 1);
    assert_eq!(rdf[0].title, "RDF item");
    assert_eq!(rdf[0].author.as_deref(), Some("Rudi"));
    assert_eq!(rdf[0].date_label().as_deref(), Some("2024-02-03"));
    assert_eq!(rdf[0].source.as_deref(), Some("RDF Site"));
}

#[test]
fn atom_html_and_xhtml_are_rendered() {
    let articles = load(InputKind::Feed, "atom.atom", &fixture("atom.atom"));
    let [hello, xhtml] = articles.as_slice() else {
        panic!("{articles:?}");
    };
    assert_eq!(hello.id, "atom.atom#tag:atom.example.net,2024:hello");
    assert_eq!(hello.title, "Hello world");
    assert_eq!(hello.source.as_deref(), Some("Atom <Blog>"));
    assert_eq!(hello.author.as_deref(), Some("Alice, Bob"));
    assert_eq!(hello.tags, ["greetings"]);
    assert_eq!(
        hello.body,
        "Intro\n│ Quoted\nSee more [1].\nLinks:\n[1] https://atom.example.net/more\n\
         [2] https://atom.example.net/hello.png (enclosure, image/png)"
    );
    // Updated only: that date; published too: the published one.
    assert_eq!(hello.date_label().as_deref(), Some("2024-05-02"));
    assert_eq!(xhtml.date_label().as_deref(), Some("2024-05-01"));
    assert_eq!(xhtml.body, "In XHTML.");
}

#[test]
fn json_feed_is_known_by_content_and_renders_content_html() {
    let articles = load(InputKind::Json, "feed.json", &fixture("feed.json"));
    let [html, untitled] = articles.as_slice() else {
        panic!("{articles:?}");
    };
    assert_eq!(html.id, "feed.json#2");
    assert_eq!(
        html.body,
        "Hello world & friends\nLinks:\n[1] https://json.example.com/2.mp3 (enclosure, audio/mpeg)"
    );
    assert_eq!(html.author.as_deref(), Some("Jo"));
    assert_eq!(html.tags, ["one", "two"]);
    assert_eq!(untitled.id, "feed.json#1");
    assert!(untitled.title_from_body);
    assert_eq!(
        untitled.title,
        "No title here, only text that names itself."
    );
}

fn rss(items: &[(&str, &str)]) -> Vec<u8> {
    let items: String = items
        .iter()
        .map(|(guid, title)| format!("<item><guid>{guid}</guid><title>{title}</title></item>"))
        .collect();
    format!("<rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>").into_bytes()
}

#[test]
fn a_feed_that_gains_items_keeps_its_ids() {
    let before = load(InputKind::Feed, "f.rss", &rss(&[("b", "B"), ("a", "A")]));
    let after = load(
        InputKind::Feed,
        "f.rss",
        &rss(&[("c", "C"), ("b", "B"), ("a", "A")]),
    );
    let ids = |articles: &[Article]| -> Vec<(String, String)> {
        articles
            .iter()
            .map(|a| (a.title.clone(), a.id.clone()))
            .collect()
    };
    let (before, after) = (ids(&before), ids(&after));
    assert_eq!(after[1..], before[..]);
    assert_eq!(after[0].1, "f.rss#c");
}

#[test]
fn items_without_guid_or_link_are_known_by_a_hash_of_their_content() {
    let feed = b"<rss version=\"2.0\"><channel><title>F</title>\
        <item><title>One</title></item><item><title>Two</title></item></channel></rss>";
    let first = load(InputKind::Feed, "f.rss", feed);
    let again = load(InputKind::Feed, "f.rss", feed);
    assert_eq!(first, again);
    assert!(first[0].id.starts_with("f.rss#h"), "{}", first[0].id);
    assert_ne!(first[0].id, first[1].id);
}

#[test]
fn hostile_items_are_cleaned() {
    let feed = b"<rss version=\"2.0\"><channel><title>F&#27;[2J</title><item>\
        <guid>x&#27;y z</guid><title>T&amp;#27;[31mitle</title>\
        <description>&lt;a href='javascript:alert(1)'&gt;click&lt;/a&gt; \
        &lt;a href='https://ok.example/'&gt;ok&lt;/a&gt;</description></item></channel></rss>";
    let articles = load(InputKind::Feed, "f.rss", feed);
    let a = &articles[0];
    assert_eq!(a.title, "Title");
    assert_eq!(a.source.as_deref(), Some("F"));
    assert_eq!(a.id, "f.rss#x%1By%20z");
    assert_eq!(a.body, "click ok [1]\nLinks:\n[1] https://ok.example/");
}

#[test]
fn a_file_that_is_not_a_feed_is_skipped_with_a_warning() {
    let (articles, warnings) = parse_bytes(
        InputKind::Feed,
        "x.xml",
        b"<urlset></urlset>",
        &LoadOptions::default(),
    );
    assert!(articles.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message().contains("not a feed"),
        "{}",
        warnings[0]
    );
}

#[test]
fn extensions_name_pages_and_feeds() {
    for (name, kind) in [
        ("a.html", InputKind::Html),
        ("a.HTM", InputKind::Html),
        ("a.xml", InputKind::Feed),
        ("a.rss", InputKind::Feed),
        ("a.atom", InputKind::Feed),
        ("a.rdf", InputKind::Feed),
    ] {
        assert_eq!(kind_of(Path::new(name)), Some(kind), "{name}");
    }
}

#[test]
fn feed_corpora_are_listed_and_cached() {
    use crate::corpus::listing;
    use std::time::Duration;
    let (corpus, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(corpus.path().join("news.rss"), fixture("rss2.xml")).unwrap();
    std::fs::write(corpus.path().join("story.txt"), "A story\n\nIts body.").unwrap();
    let open = || {
        listing::open(
            &[corpus.path().to_owned()],
            &LoadOptions::default(),
            cache.path(),
            Duration::ZERO,
        )
        .unwrap()
    };
    let first = open();
    assert!(!first.cached);
    assert_eq!(first.len(), 4);
    assert_eq!(first.ids.get(0), "news.rss#urn:example:rates-1");
    assert!(open().cached);
    // A feed that gains an item at the top: a miss, and the old ids kept.
    let grown = String::from_utf8(fixture("rss2.xml")).unwrap().replacen(
        "<item>",
        "<item><guid>urn:example:new</guid><title>New</title></item><item>",
        1,
    );
    std::fs::write(corpus.path().join("news.rss"), grown).unwrap();
    let after = open();
    assert!(!after.cached);
    assert_eq!(after.len(), 5);
    assert_eq!(after.ids.get(0), "news.rss#urn:example:new");
    assert_eq!(after.ids.get(1), "news.rss#urn:example:rates-1");
}

#[test]
fn a_folder_gives_feed_items_their_section() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::create_dir(corpus.path().join("world")).unwrap();
    std::fs::write(corpus.path().join("world/news.rss"), fixture("rss2.xml")).unwrap();
    let loaded = crate::Corpus::load(&[corpus.path().to_owned()], &LoadOptions::default()).unwrap();
    let first = &loaded.articles[0];
    assert_eq!(first.id, "world/news.rss#urn:example:rates-1");
    assert_eq!(first.section, "world");
    assert_eq!(first.source.as_deref(), Some("Example News"));
}
