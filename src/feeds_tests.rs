use super::*;

const GOOD: &str = r#"
[fetch]
connections = 4

[[feed]]
url = "https://example.com/feed.xml"
name = "Example"
section = "Tech/Rust"
tags = ["rust"]
full_text = true

[[feed]]
url = "http://other.example/atom"
"#;

#[test]
fn a_feeds_file_reads_with_its_options() {
    let subs = Subscriptions::parse(GOOD, "feeds.toml").unwrap();
    assert_eq!(subs.fetch.connections, Some(4));
    assert_eq!(subs.feeds.len(), 2);
    assert_eq!(subs.feeds[0].label(), "Example");
    assert_eq!(subs.feeds[0].section.as_deref(), Some("Tech/Rust"));
    assert!(subs.feeds[0].full_text);
    assert_eq!(subs.feeds[1].label(), "other.example/atom");
}

#[test]
fn a_bad_feeds_file_is_refused_with_its_place() {
    let cases = [
        (
            "[[feed]]\nurl = \"file:///etc/passwd\"\n",
            "feeds.toml:2:7: ",
        ),
        (
            "[[feed]]\nurl = \"https://a.example/\"\nnmae = \"x\"\n",
            "feeds.toml:3:1: unknown key",
        ),
        ("[[feed]]\nurl = 3\n", "feeds.toml:2:7: "),
        (
            "[[feed]]\nurl = \"https://a.example/\"\n[[feed]]\nurl = \"https://a.example/\"\n",
            "feeds.toml:4:8: https://a.example/ is listed twice",
        ),
    ];
    for (text, want) in cases {
        let e = Subscriptions::parse(text, "feeds.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(want), "{text:?}: {e}");
    }
    let e =
        Subscriptions::parse("[[feed]]\nurl = \"ftp://x.example/\"\n", "feeds.toml").unwrap_err();
    assert!(e.to_string().contains("only http and https"), "{e}");
}

#[test]
fn adding_removing_and_selecting_by_name_or_url() {
    let mut subs = Subscriptions::default();
    subs.add(Subscription::new("https://a.example/feed"))
        .unwrap();
    let named = Subscription {
        name: Some("B".into()),
        ..Subscription::new("https://b.example/feed")
    };
    subs.add(named).unwrap();
    assert_eq!(
        subs.add(Subscription::new("https://a.example/feed")),
        Err(ListError::Duplicate("https://a.example/feed".into()))
    );
    assert!(matches!(
        subs.add(Subscription::new("file:///x")),
        Err(ListError::BadUrl(_))
    ));
    assert_eq!(subs.select(&[]).unwrap().len(), 2);
    assert_eq!(
        subs.select(&["B".into()]).unwrap()[0].url,
        "https://b.example/feed"
    );
    assert!(matches!(
        subs.select(&["C".into()]),
        Err(ListError::NotFound(_))
    ));
    let gone = subs.remove("https://a.example/feed").unwrap();
    assert_eq!(gone.len(), 1);
    assert_eq!(subs.feeds.len(), 1);
    assert!(subs.remove("nope").is_err());
}

#[test]
fn saved_subscriptions_read_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/feeds.toml");
    assert_eq!(
        Subscriptions::load(&path).unwrap(),
        Subscriptions::default()
    );
    let subs = Subscriptions::parse(GOOD, "feeds.toml").unwrap();
    subs.save(&path).unwrap();
    assert_eq!(Subscriptions::load(&path).unwrap(), subs);
}

#[test]
fn only_http_and_https_urls_with_a_host_pass() {
    assert!(check_url("https://example.com/x").is_ok());
    assert!(check_url("HTTP://example.com").is_ok());
    for bad in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://x",
        "http://",
        "/relative",
        "data:text/html,x",
    ] {
        assert!(check_url(bad).is_err(), "{bad}");
    }
}
