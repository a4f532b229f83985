use crate::corpus::{InputKind, LoadOptions, Warning, parse_bytes};

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>The story - Site</title>\
         <link rel=canonical href='https://site.example/news/story'>\
         <meta property='og:site_name' content='Site'>\
         <meta name='author' content='Kim Reporter'>\
         <meta property='article:published_time' content='2024-03-04T05:06:07Z'>\
         </head><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>\
         <article><h1>The story</h1>{body}</article>\
         <footer>Share this: <a href='https://twitter.com/x'>Tweet</a></footer></body></html>"
    )
}

const PROSE: &str = "<p>A long first paragraph of the story, with enough words in it that \
    readability takes it for the article, which it is, and keeps it whole.</p>\
    <p>A second paragraph, also long enough to count, continues the story and ends it \
    with a <a href='/more'>link to more</a>.</p>";

fn load(html: &str) -> (Vec<crate::Article>, Vec<Warning>) {
    parse_bytes(
        InputKind::Html,
        "story.html",
        html.as_bytes(),
        &LoadOptions::default(),
    )
}

#[test]
fn a_page_is_one_article_with_its_metadata() {
    let (articles, warnings) = load(&page(PROSE));
    assert!(warnings.is_empty(), "{warnings:?}");
    let [a] = articles.as_slice() else {
        panic!("{articles:?}");
    };
    assert_eq!(a.id, "story.html");
    assert_eq!(a.title, "The story - Site");
    assert_eq!(a.author.as_deref(), Some("Kim Reporter"));
    assert_eq!(a.source.as_deref(), Some("Site"));
    assert_eq!(a.date_label().as_deref(), Some("2024-03-04"));
    assert_eq!(a.url.as_deref(), Some("https://site.example/news/story"));
    assert!(a.body.starts_with("A long first paragraph"), "{}", a.body);
    assert!(
        !a.body.contains("Home") && !a.body.contains("Tweet"),
        "{}",
        a.body
    );
    assert!(
        a.body
            .ends_with("link to more [1].\nLinks:\n[1] https://site.example/more")
    );
    assert_eq!(a.links, ["https://site.example/more"]);
}

#[test]
fn hostile_pages_lose_escapes_scripts_and_script_links() {
    let hostile = format!(
        "{PROSE}<p>Escapes &#27;[2Jgone&#x1b;]0;pwned&#7; and <a href='javascript:alert(1)'>a \
         script link</a> and <a href=' jav&#x09;ascript:x'>another</a>.</p>\
         <script>document.write('x')</script><iframe src='https://evil.example/'></iframe>"
    );
    let (articles, _) = load(&page(&hostile));
    let body = &articles[0].body;
    assert!(
        body.contains("Escapes gone and a script link and another"),
        "{body}"
    );
    assert!(
        !body.contains("evil") && !body.contains("document"),
        "{body}"
    );
    assert!(
        !body.chars().any(|c| c.is_control() && c != '\n'),
        "{body:?}"
    );
    // dom_smoothie resolves the tab-split one against the page, as a
    // relative path: an https link, harmless. No link leaves http(s).
    let links = &articles[0].links;
    assert!(
        links.iter().all(|l| l.starts_with("https://site.example/")),
        "{links:?}"
    );
    assert!(
        !links.iter().any(|l| l.starts_with("javascript")),
        "{links:?}"
    );
}

#[test]
fn relative_links_follow_the_base_element() {
    let html = page(PROSE).replace("<head>", "<head><base href='https://cdn.example/b/'>");
    let (articles, _) = load(&html);
    assert_eq!(articles[0].links, ["https://cdn.example/more"]);
}

#[test]
fn deeply_nested_pages_are_cut_with_a_warning() {
    let html = page(&format!("{PROSE}{}", "<div>".repeat(100_000)));
    let (articles, warnings) = load(&html);
    assert_eq!(articles.len(), 1);
    assert!(
        warnings.iter().any(|w| w.message().contains("nested")),
        "{warnings:?}"
    );
}

#[test]
fn a_page_past_the_read_limit_is_cut_with_a_warning() {
    let filler = "<p>filler words here</p>".repeat(50 * 1024 * 1024 / 24);
    let (articles, warnings) = load(&page(&format!("{PROSE}{filler}")));
    assert_eq!(articles.len(), 1);
    let messages: Vec<_> = warnings.iter().map(Warning::message).collect();
    assert!(
        messages.iter().any(|m| m == "page larger than 16 MiB; cut"),
        "{messages:?}"
    );
}

#[test]
fn a_page_without_an_article_is_skipped_with_a_warning() {
    let (articles, warnings) = load("<html><body></body></html>");
    assert!(articles.is_empty());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn a_page_without_a_title_is_titled_by_its_first_words() {
    let html = page(PROSE).replace("<title>The story - Site</title>", "");
    let (articles, _) = load(&html);
    assert!(articles[0].title_from_body);
    // The article's heading is its first paragraph.
    assert_eq!(articles[0].title, "The story");
}
