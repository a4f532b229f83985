//! HTTP against servers the tests start on 127.0.0.1; nothing else is reached.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::feed::fetch_feed;
use super::test_server::{Reply, Server};
use super::*;
use crate::feeds::Subscription;
use crate::feeds::archive::Archive;

pub(crate) fn rss(items: &[(&str, &str)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title><link>http://x/</link>",
    );
    for (guid, title) in items {
        xml.push_str(&format!(
            "<item><guid>{guid}</guid><title>{title}</title><description>About {title}.</description></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

fn quick() -> FetchOptions {
    FetchOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(3),
        ..FetchOptions::default()
    }
}

fn client() -> Client {
    Client::new(&quick())
}

fn body(response: Response) -> Vec<u8> {
    match response.got {
        Got::Body { bytes, .. } => bytes,
        Got::NotModified => panic!("304"),
    }
}

#[test]
fn a_200_then_304s_by_etag_and_by_last_modified() {
    let server = Server::start(|r| {
        match (
            r.path.as_str(),
            r.header("if-none-match"),
            r.header("if-modified-since"),
        ) {
            ("/etag", Some("\"v1\""), _) => Reply::status(304),
            ("/etag", _, _) => Reply::ok(rss(&[("a", "A")])).header("ETag", "\"v1\""),
            ("/lm", _, Some("Tue, 10 Jun 2025 04:00:00 GMT")) => Reply::status(304),
            ("/lm", _, _) => Reply::ok(rss(&[("a", "A")]))
                .header("Last-Modified", "Tue, 10 Jun 2025 04:00:00 GMT"),
            _ => Reply::status(404),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    for path in ["/etag", "/lm"] {
        let sub = Subscription::new(&server.url(path));
        let first = fetch_feed(&client(), &archive, &sub, 1000);
        assert!(
            matches!(first.outcome, Outcome::Fetched(m) if m.new == 1),
            "{:?}",
            first.outcome
        );
        let again = fetch_feed(&client(), &archive, &sub, 1001);
        assert!(
            matches!(again.outcome, Outcome::NotModified),
            "{path}: {:?}",
            again.outcome
        );
        assert_eq!(archive.read_items(&sub.url).unwrap().len(), 1);
    }
    let asked = server.request(0);
    assert_eq!(asked.header("user-agent"), Some(USER_AGENT));
    assert!(
        asked
            .header("accept-encoding")
            .is_some_and(|e| e.contains("gzip") && e.contains("deflate") && e.contains("br"))
    );
}

#[test]
fn gzip_and_deflate_bodies_are_decoded() {
    let feed = rss(&[("a", "Zipped")]);
    let gzip = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(feed.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let deflate = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(feed.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let server = Server::start(move |r| match r.path.as_str() {
        "/gz" => Reply::ok(gzip.clone()).header("Content-Encoding", "gzip"),
        _ => Reply::ok(deflate.clone()).header("Content-Encoding", "deflate"),
    });
    for path in ["/gz", "/deflate"] {
        let got = get(&client(), &server.url(path), &Conditional::default()).unwrap();
        assert_eq!(String::from_utf8(body(got)).unwrap(), feed, "{path}");
    }
}

#[test]
fn a_server_slower_than_the_timeout_times_out() {
    let server = Server::start(|_| Reply {
        delay: Duration::from_secs(5),
        ..Reply::ok("late")
    });
    let options = FetchOptions {
        timeout: Duration::from_millis(300),
        ..quick()
    };
    let started = std::time::Instant::now();
    let e = get(
        &Client::new(&options),
        &server.url("/"),
        &Conditional::default(),
    )
    .unwrap_err();
    assert!(matches!(e, FetchError::Timeout), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // A dribbling body counts against the same total.
    let server = Server::start(|_| Reply {
        dribble: Some(Duration::from_millis(50)),
        ..Reply::ok(vec![b'x'; 100])
    });
    let e = get(
        &Client::new(&options),
        &server.url("/"),
        &Conditional::default(),
    )
    .unwrap_err();
    assert!(matches!(e, FetchError::Timeout), "{e}");
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let server = Server::start(|_| Reply::ok(vec![b'x'; 10_000]));
    let options = FetchOptions {
        body_limit: 1024,
        ..quick()
    };
    let e = get(
        &Client::new(&options),
        &server.url("/"),
        &Conditional::default(),
    )
    .unwrap_err();
    assert!(matches!(e, FetchError::TooLarge(1024)), "{e}");
    let ok = FetchOptions {
        body_limit: 10_000,
        ..quick()
    };
    assert!(get(&Client::new(&ok), &server.url("/"), &Conditional::default()).is_ok());
}

#[test]
fn redirects_are_followed_only_so_far_and_only_to_http() {
    let server = Server::start(|r| match r.path.as_str() {
        "/loop" => Reply::status(302).header("Location", "/loop"),
        "/file" => Reply::status(301).header("Location", "file:///etc/passwd"),
        "/moved" => Reply::status(301).header("Location", "/step"),
        "/step" => Reply::status(308).header("Location", "/new"),
        "/temporary" => Reply::status(302).header("Location", "/new"),
        "/new" => Reply::ok(rss(&[("a", "A")])),
        _ => Reply::status(404),
    });
    let c = client();
    let e = get(&c, &server.url("/loop"), &Conditional::default()).unwrap_err();
    assert!(matches!(e, FetchError::TooManyRedirects(5)), "{e}");
    assert_eq!(server.hits(), 6, "the first request and 5 redirects");
    let e = get(&c, &server.url("/file"), &Conditional::default()).unwrap_err();
    assert!(
        matches!(&e, FetchError::BadRedirect(to) if to == "file:///etc/passwd"),
        "{e}"
    );
    let moved = get(&c, &server.url("/moved"), &Conditional::default()).unwrap();
    assert_eq!(moved.moved_to, Some(server.url("/new")));
    let temporary = get(&c, &server.url("/temporary"), &Conditional::default()).unwrap();
    assert_eq!(
        (temporary.moved_to, temporary.url),
        (None, server.url("/new"))
    );
}

#[test]
fn a_permanent_redirect_moves_the_feed_and_its_archive() {
    let server = Server::start(|r| match r.path.as_str() {
        "/old" => Reply::status(301).header("Location", "/new"),
        _ => Reply::ok(rss(&[("a", "A"), ("b", "B")])),
    });
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let new = Subscription::new(&server.url("/new"));
    let old = Subscription::new(&server.url("/old"));
    archive
        .write_items(
            &old.url,
            &[crate::feeds::item::Item {
                id: "kept".into(),
                ..Default::default()
            }],
        )
        .unwrap();
    let report = fetch_feed(&client(), &archive, &old, 5);
    assert_eq!(report.moved_to, Some(new.url.clone()));
    assert!(archive.read_items(&old.url).unwrap().is_empty());
    let ids: Vec<String> = archive
        .read_items(&new.url)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, ["kept", "a", "b"], "the archive moved with the feed");
}

#[test]
fn errors_say_what_went_wrong() {
    let server = Server::start(|r| match r.path.as_str() {
        "/404" => Reply::status(404),
        "/500" => Reply::status(500),
        "/bad-xml" => {
            Reply::ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</titl")
        }
        "/html" => {
            Reply::ok("<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>")
        }
        _ => Reply::status(418),
    });
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let said = |path: &str| match fetch_feed(
        &client(),
        &archive,
        &Subscription::new(&server.url(path)),
        1,
    )
    .outcome
    {
        Outcome::Failed(e) => e.to_string(),
        other => panic!("{path}: {other:?}"),
    };
    assert_eq!(said("/404"), "HTTP 404");
    assert_eq!(said("/500"), "HTTP 500");
    assert!(
        said("/bad-xml").starts_with("not a feed"),
        "{}",
        said("/bad-xml")
    );
    assert_eq!(said("/html"), "not a feed: an HTML page");
    drop(server);
    let e = get(
        &client(),
        "http://no-such-host.invalid/feed",
        &Conditional::default(),
    )
    .unwrap_err();
    assert!(matches!(e, FetchError::Dns(_)), "{e}");
    assert_eq!(e.to_string(), "DNS: no such host no-such-host.invalid");
}

#[test]
fn a_429_with_retry_after_is_not_asked_again_before_then() {
    let server = Server::start(|_| Reply::status(429).header("Retry-After", "120"));
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let sub = Subscription::new(&server.url("/busy"));
    let now = chrono::Utc::now().timestamp();
    let report = fetch_feed(&client(), &archive, &sub, now);
    let until = match report.outcome {
        Outcome::Failed(FetchError::Refused {
            status: 429,
            until: Some(until),
        }) => until,
        other => panic!("{other:?}"),
    };
    assert!((now + 115..=now + 125).contains(&until), "{until} vs {now}");
    let again = fetch_feed(&client(), &archive, &sub, now + 60);
    assert!(
        matches!(again.outcome, Outcome::Deferred(t) if t == until),
        "{:?}",
        again.outcome
    );
    assert_eq!(server.hits(), 1, "deferred: not asked");
    // Without Retry-After: a back-off of its own.
    let server = Server::start(|_| Reply::status(503));
    let sub = Subscription::new(&server.url("/down"));
    match fetch_feed(&client(), &archive, &sub, now).outcome {
        Outcome::Failed(FetchError::Refused {
            status: 503,
            until: Some(t),
        }) => assert_eq!(t, now + 300),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_feed_whose_items_change_keeps_their_ids() {
    let version = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let v = Arc::clone(&version);
    let server = Server::start(move |_| match v.load(std::sync::atomic::Ordering::SeqCst) {
        0 => Reply::ok(rss(&[("a", "A"), ("b", "B")])),
        _ => Reply::ok(rss(&[("b", "B, updated"), ("c", "C")])),
    });
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let sub = Subscription::new(&server.url("/f"));
    fetch_feed(&client(), &archive, &sub, 1);
    version.store(1, std::sync::atomic::Ordering::SeqCst);
    let report = fetch_feed(&client(), &archive, &sub, 2);
    assert!(
        matches!(report.outcome, Outcome::Fetched(m) if m.new == 1 && m.updated == 1),
        "{:?}",
        report.outcome
    );
    let items = archive.read_items(&sub.url).unwrap();
    let got: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(got, [("a", "A"), ("b", "B, updated"), ("c", "C")]);
}

#[test]
fn fetch_all_keeps_to_two_connections_per_host_and_reports_in_order() {
    let server = Server::start(|r| Reply {
        delay: Duration::from_millis(100),
        ..Reply::ok(rss(&[(r.path.as_str(), "T")]))
    });
    let subs: Vec<Subscription> = (0..8)
        .map(|i| Subscription::new(&server.url(&format!("/{i}"))))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |p: Progress| {
        if let Progress::Finished {
            index, done, total, ..
        } = p
        {
            let mut seen = seen.lock().unwrap();
            seen.push(index);
            assert_eq!((done, total), (seen.len(), 8));
        }
    };
    let summary = fetch_all(
        &subs,
        &archive,
        &quick(),
        1,
        &AtomicBool::new(false),
        &progress,
    );
    assert_eq!(
        server
            .max_concurrent
            .load(std::sync::atomic::Ordering::SeqCst),
        2
    );
    assert_eq!(summary.failures(), 0);
    let urls: Vec<&str> = summary.reports.iter().map(|r| r.url.as_str()).collect();
    let want: Vec<&str> = subs.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, want);
    assert_eq!(seen.lock().unwrap().len(), 8);
    assert_eq!(summary.line(), "8 feeds: 8 new");
    assert!(summary.changed() && summary.failure_lines().is_empty());
    // Cancelled before it starts: nothing is asked.
    let summary = fetch_all(
        &subs,
        &archive,
        &quick(),
        1,
        &AtomicBool::new(true),
        &|_| {},
    );
    assert!(
        summary
            .reports
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Cancelled))
    );
}

#[test]
fn full_text_feeds_fetch_each_new_items_page_and_keep_the_summary() {
    let server = Server::start(|r| match r.path.as_str() {
        "/feed" => {
            let base = r.header("host").unwrap_or("").to_owned();
            Reply::ok(format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>L</title>\
                 <item><guid>a</guid><title>A</title><link>http://{base}/a</link><description>Teaser.</description></item>\
                 <item><guid>b</guid><title>B</title><link>http://{base}/missing</link></item>\
                 </channel></rss>"
            ))
        }
        "/a" => Reply::ok("<html><body><p>The whole</p><p>story.</p></body></html>"),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let sub = Subscription {
        full_text: true,
        ..Subscription::new(&server.url("/feed"))
    };
    let report = fetch_feed(&client(), &archive, &sub, 1);
    assert!(
        matches!(report.outcome, Outcome::Fetched(m) if m.new == 2),
        "{:?}",
        report.outcome
    );
    assert_eq!(
        report.full_text_errors.len(),
        1,
        "{:?}",
        report.full_text_errors
    );
    assert!(report.full_text_errors[0].ends_with("HTTP 404"));
    let items = archive.read_items(&sub.url).unwrap();
    assert_eq!(items[0].body.as_deref(), Some("The whole\nstory."));
    assert_eq!(items[0].summary.as_deref(), Some("Teaser."));
    assert!(items[0].full_text && !items[1].full_text);
    // Seen again: not fetched again, and the full text stays.
    let hits = server.hits();
    fetch_feed(&client(), &archive, &sub, 2);
    assert_eq!(server.hits(), hits + 1, "only the feed");
    assert_eq!(
        archive.read_items(&sub.url).unwrap()[0].body.as_deref(),
        Some("The whole\nstory.")
    );
}

#[test]
fn a_full_text_is_the_pages_article_and_other_schemes_are_refused() {
    let page = "<html><head><title>T</title></head><body><nav><a href=\"/\">Home</a>                 <a href=\"/about\">About</a></nav><article><h1>T</h1>                <p>The caf\u{e9} opened its doors on Monday morning, and the queue ran around the block                 before seven, its owner said, with neighbours who had waited years for it.</p>                <p>She had <a href=\"/plans\">planned it</a> for a decade, saving what she could                 from two jobs, and never once doubted that the street would come.</p></article>                <footer>Copyright 2025 The Paper. All rights reserved.</footer></body></html>";
    let server = Server::start(move |_| Reply::ok(page));
    let url = server.url("/story");
    let text = fetch_full_text(&url, &client(), &crate::corpus::LoadOptions::default()).unwrap();
    assert!(text.starts_with("The caf\u{e9} opened"), "{text}");
    assert!(
        !text.contains("Home") && !text.contains("All rights"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("Links:\n[1] {}", server.url("/plans"))),
        "links resolve against the page: {text}"
    );
    assert!(matches!(
        fetch_full_text(
            "file:///etc/passwd",
            &client(),
            &crate::corpus::LoadOptions::default()
        ),
        Err(FetchError::BadUrl(_))
    ));
}
