//! `byline feeds` and `byline fetch` as a person or a script runs them,
//! against servers started here on 127.0.0.1: output, files, exit codes,
//! a second fetch at once, and a fetch killed mid-transfer.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

#[path = "../src/fetch/test_server.rs"]
mod test_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use test_server::{Reply, Server};

/// A home of its own: config, data, state and cache under a temp folder.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let d = self.dir.path();
        let mut c = Command::new(env!("CARGO_BIN_EXE_byline"));
        c.args(args)
            .env("HOME", d)
            .env("XDG_CONFIG_HOME", d.join("config"))
            .env("XDG_DATA_HOME", d.join("data"))
            .env("XDG_STATE_HOME", d.join("state"))
            .env("XDG_CACHE_HOME", d.join("cache"))
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("byline runs")
    }

    fn feeds_file(&self) -> PathBuf {
        self.dir.path().join("config/byline/feeds.toml")
    }

    fn archive(&self) -> PathBuf {
        self.dir.path().join("data/byline/feeds")
    }
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn rss(n: usize, prefix: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local news</title>",
    );
    for i in 0..n {
        xml.push_str(&format!(
            "<item><guid>{prefix}{i}</guid><title>Story {prefix}{i}</title><link>http://127.0.0.1/{i}</link>\
             <description>&lt;p&gt;Body of story {i}.&lt;/p&gt;</description></item>"
        ));
    }
    xml + "</channel></rss>"
}

/// Every line of every feed file in the archive parses as JSON.
fn archive_is_valid(dir: &Path) -> usize {
    let mut items = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                items += 1;
            }
        }
    }
    items
}

#[test]
fn feeds_are_added_listed_removed_and_a_bad_file_is_refused() {
    let home = Home::new();
    let o = home.run(&[
        "feeds",
        "add",
        "https://a.example/feed",
        "--name",
        "A",
        "--section",
        "World",
        "--tag",
        "x",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), "subscribed to A; `byline fetch` fetches it\n");
    home.run(&["feeds", "add", "https://b.example/rss"]);
    let o = home.run(&["feeds", "add", "https://b.example/rss"]);
    assert_eq!(
        (o.status.code(), err(&o)),
        (
            Some(1),
            "byline: already subscribed to https://b.example/rss\n".into()
        )
    );
    let o = home.run(&["feeds", "add", "file:///etc/passwd"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("only http and https"), "{}", err(&o));
    let o = home.run(&["feeds", "list"]);
    assert_eq!(
        out(&o),
        "A\tWorld\thttps://a.example/feed\nb.example/rss\t-\thttps://b.example/rss\n"
    );
    let o = home.run(&["feeds", "remove", "A"]);
    assert_eq!(out(&o), "unsubscribed from A\n");
    assert_eq!(
        out(&home.run(&["feeds", "list"])),
        "b.example/rss\t-\thttps://b.example/rss\n"
    );
    let o = home.run(&["feeds", "remove", "nope"]);
    assert_eq!(o.status.code(), Some(1));

    std::fs::write(
        home.feeds_file(),
        "[[feed]]\nurl = \"https://ok.example/\"\nfull_txt = true\n",
    )
    .unwrap();
    for args in [&["feeds", "list"][..], &["fetch"], &["list"]] {
        let o = home.run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let want = format!(
            "byline: {}:3:1: unknown key `full_txt`",
            home.feeds_file().display()
        );
        assert!(err(&o).starts_with(&want), "{args:?}: {}", err(&o));
    }
}

#[test]
fn opml_imports_and_exports() {
    let home = Home::new();
    let opml = home.dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><head/><body>
        <outline text="Tech"><outline text="Rust blog" xmlUrl="https://blog.rust-lang.org/feed.xml"/></outline>
        <outline xmlUrl="https://untitled.example/rss"/>
        <outline text="Bad" xmlUrl="file:///x"/></body></opml>"#,
    )
    .unwrap();
    let o = home.run(&["feeds", "import", opml.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), "imported 2 feeds; 0 already subscribed\n");
    assert!(err(&o).contains("only http and https"), "{}", err(&o));
    let o = home.run(&["feeds", "export"]);
    let text = out(&o);
    assert!(text.contains("<outline text=\"Tech\">"), "{text}");
    assert!(
        text.contains("title=\"Rust blog\" xmlUrl=\"https://blog.rust-lang.org/feed.xml\""),
        "{text}"
    );
    // Exported, then imported elsewhere: the same list.
    let other = Home::new();
    let file = other.dir.path().join("back.opml");
    std::fs::write(&file, text).unwrap();
    other.run(&["feeds", "import", file.to_str().unwrap()]);
    let sorted = |h: &Home| {
        let mut lines: Vec<String> = out(&h.run(&["feeds", "list", "--json"]))
            .lines()
            .map(String::from)
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&other), sorted(&home));
    assert!(
        sorted(&home)[1].contains("\"url\":\"https://untitled.example/rss\"}"),
        "{:?}",
        sorted(&home)
    );
}

#[test]
fn fetch_prints_a_line_per_feed_json_or_only_errors_and_fails_when_one_does() {
    let server = Server::start(|r| match r.path.as_str() {
        "/good" if r.header("if-none-match") == Some("\"1\"") => Reply::status(304),
        "/good" => Reply::ok(rss(3, "g")).header("ETag", "\"1\""),
        "/gone" => Reply::status(404),
        _ => Reply::ok("<html><body>not a feed</body></html>"),
    });
    let home = Home::new();
    for (path, name) in [("/good", "Good"), ("/gone", "Gone"), ("/page", "Page")] {
        home.run(&["feeds", "add", &server.url(path), "--name", name]);
    }
    let o = home.run(&["fetch", "--timeout", "5"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert_eq!(out(&o), "Good: 3 new, 0 updated\n");
    assert_eq!(
        err(&o),
        "Gone: error: HTTP 404\nPage: error: not a feed: an HTML page\nbyline: 2 of 3 feeds failed\n"
    );
    let o = home.run(&["fetch", "Good"]);
    assert_eq!(
        (o.status.code(), out(&o)),
        (Some(0), "Good: not modified\n".into())
    );
    let o = home.run(&["fetch", "-q", "Good"]);
    assert_eq!(
        (o.status.code(), out(&o), err(&o)),
        (Some(0), String::new(), String::new())
    );
    let o = home.run(&["fetch", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(json["failed"], 2);
    assert_eq!(json["feeds"][0]["status"], "not_modified");
    assert_eq!(json["feeds"][1]["error"], "HTTP 404");
    // With feeds subscribed, no PATH opens the archive; --seeds the rest.
    let o = home.run(&["list"]);
    assert!(o.status.success(), "{}", err(&o));
    let listed = out(&o);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(
        // The item's own key, not its place: read marks survive a prune.
        listed.contains(".jsonl#g0\tLocal news\t-\tStory g0"),
        "{listed}"
    );
    let o = home.run(&["list", "--seeds"]);
    assert_eq!(out(&o).lines().count(), 1);
}

#[test]
fn a_permanent_redirect_updates_the_subscription_and_says_so() {
    let server = Server::start(|r| match r.path.as_str() {
        "/old" => Reply::status(301).header("Location", "/new"),
        _ => Reply::ok(rss(1, "m")),
    });
    let home = Home::new();
    home.run(&["feeds", "add", &server.url("/old"), "--name", "M"]);
    let o = home.run(&["fetch"]);
    assert!(o.status.success(), "{}", err(&o));
    let said = format!(
        "{} moved permanently to {}; feeds.toml now says so\n",
        server.url("/old"),
        server.url("/new")
    );
    assert_eq!(err(&o), said);
    assert_eq!(
        out(&home.run(&["feeds", "list"])),
        format!("M\t-\t{}\n", server.url("/new"))
    );
}

/// A server whose feed comes a byte every few milliseconds, so that a
/// fetch is surely under way when the test acts.
fn dribbling(items: usize) -> Server {
    let feed = rss(items, "d");
    Server::start(move |r| match r.path.as_str() {
        "/slow" => Reply {
            dribble: Some(Duration::from_millis(2)),
            ..Reply::ok(feed.clone())
        },
        _ => Reply::ok(rss(5, "f")),
    })
}

/// Waits (boundedly) until the server has sent `bytes` of a body.
fn until_sent(server: &Server, bytes: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while server
        .body_bytes_sent
        .load(std::sync::atomic::Ordering::SeqCst)
        < bytes
    {
        assert!(
            Instant::now() < deadline,
            "the server never sent {bytes} bytes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_second_fetch_at_once_says_so_and_exits() {
    let server = dribbling(20);
    let home = Home::new();
    home.run(&["feeds", "add", &server.url("/slow")]);
    let mut first = home
        .command(&["fetch"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    until_sent(&server, 50);
    let o = home.run(&["fetch"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("is already fetching into"), "{}", err(&o));
    first.kill().unwrap();
    first.wait().unwrap();
}

#[test]
fn a_fetch_killed_mid_transfer_leaves_the_archive_valid() {
    let server = dribbling(200);
    let home = Home::new();
    home.run(&["feeds", "add", &server.url("/fast"), "--name", "Fast"]);
    // A first, complete fetch fills the archive.
    assert!(home.run(&["fetch"]).status.success());
    home.run(&["feeds", "add", &server.url("/slow"), "--name", "Slow"]);
    let before = archive_is_valid(&home.archive());
    assert_eq!(before, 5);
    for _ in 0..3 {
        let mut child = home
            .command(&["fetch"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        until_sent(&server, 200);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert_eq!(archive_is_valid(&home.archive()), 5, "untouched, and valid");
        server
            .body_bytes_sent
            .store(0, std::sync::atomic::Ordering::SeqCst);
    }
    // The lock died with the process: the next fetch runs.
    let o = home.run(&["fetch", "Fast"]);
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn a_second_fetch_with_wait_waits_for_the_first() {
    let server = dribbling(1);
    let home = Home::new();
    home.run(&["feeds", "add", &server.url("/slow"), "--name", "Slow"]);
    let mut first = home
        .command(&["fetch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    until_sent(&server, 20);
    let o = home.run(&["fetch", "--wait", "Slow"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(first.wait().unwrap().success());
    // The first brought the item; the second, after it, found nothing new.
    let mut said = String::new();
    std::io::Read::read_to_string(first.stdout.as_mut().unwrap(), &mut said).unwrap();
    assert_eq!(said, "Slow: 1 new, 0 updated\n");
    assert_eq!(out(&o), "Slow: 0 new, 0 updated\n");
}

#[test]
fn full_text_on_demand_and_prune_from_the_command_line() {
    let server = Server::start(|r| match r.path.as_str() {
        "/feed" => {
            let host = r.header("host").unwrap_or("").to_owned();
            Reply::ok(format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>L</title>\
                 <item><guid>new</guid><title>New</title><link>http://{host}/page</link>\
                 <description>Teaser.</description><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>\
                 <item><guid>old</guid><title>Old</title><pubDate>Mon, 01 Jan 2001 00:00:00 GMT</pubDate></item>\
                 </channel></rss>"
            ))
        }
        _ => Reply::ok("<html><body><p>All of it.</p></body></html>"),
    });
    let home = Home::new();
    home.run(&["feeds", "add", &server.url("/feed"), "--name", "L"]);
    assert!(home.run(&["fetch"]).status.success());
    let o = home.run(&["feeds", "full-text", "L", "new"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        format!("kept the full text of {} (3 words)\n", server.url("/page"))
    );
    // "All of it." is three words; the teaser was one.
    let listed = out(&home.run(&["list", "--json"]));
    assert!(
        listed.lines().next().unwrap().contains("\"words\":3"),
        "{listed}"
    );
    let file = std::fs::read_dir(home.archive())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .unwrap();
    let first = std::fs::read_to_string(file).unwrap();
    assert!(
        first.contains("\"body\":\"All of it.\"")
            && first.contains("\"summary\":\"Teaser.\"")
            && first.contains("\"full_text\":true"),
        "{first}"
    );
    let o = home.run(&["feeds", "full-text", "L", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let o = home.run(&["feeds", "prune", "--older-than", "3650d"]);
    assert_eq!(out(&o), "L: 1 article pruned\n");
    assert_eq!(out(&home.run(&["list"])).lines().count(), 1);
    let o = home.run(&["feeds", "prune", "--older-than", "soon"]);
    assert_eq!(o.status.code(), Some(2));
}
