use super::*;

fn item(id: &str, date: Option<&str>, first_seen: i64) -> Item {
    Item {
        id: id.into(),
        title: format!("title {id}"),
        date: date.map(Into::into),
        first_seen,
        ..Item::default()
    }
}

#[test]
fn file_names_come_from_the_url_only() {
    let s = stem("https://Example.com/../../etc/passwd?x=<y>");
    assert!(s.starts_with("example-com-etc-passwd-x-y-"), "{s}");
    assert!(
        s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "{s}"
    );
    assert_ne!(stem("https://a.example/1"), stem("https://a.example/2"));
    assert_eq!(stem("https://a.example/1"), stem("https://a.example/1"));
    assert!(stem(&format!("https://{}.example/", "a".repeat(300))).len() < 64);
}

#[test]
fn items_and_cache_round_trip_and_prune_by_date_else_first_seen() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path().join("feeds"));
    let url = "https://a.example/feed";
    assert!(archive.read_items(url).unwrap().is_empty());
    let items = vec![
        item("old", Some("2001-01-01T00:00:00Z"), 2_000_000_000),
        item("new", Some("2030-01-01T00:00:00Z"), 0),
        item("undated-old", None, 1_000),
        item("undated-new", None, 2_000_000_000),
    ];
    archive.write_items(url, &items).unwrap();
    assert_eq!(archive.read_items(url).unwrap(), items);
    let cache = HttpCache {
        etag: Some("\"v1\"".into()),
        ..HttpCache::default()
    };
    archive.write_cache(url, &cache).unwrap();
    assert_eq!(archive.read_cache(url), cache);
    assert_eq!(archive.prune(url, 1_500_000_000).unwrap(), 2);
    let left: Vec<String> = archive
        .read_items(url)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(left, ["new", "undated-new"]);
}

#[test]
fn the_archive_opens_as_a_corpus_with_the_item_fields() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let url = "https://a.example/feed";
    let mut one = item("g-1", Some("2025-06-10T04:00:00+00:00"), 1_700_000_000);
    one.summary = Some("The summary.".into());
    one.url = Some("https://a.example/1".into());
    one.section = "World".into();
    let mut two = item("g-2", None, 0);
    two.full_text = true;
    archive.write_items(url, &[one, two]).unwrap();
    archive.write_cache(url, &HttpCache::default()).unwrap();
    let corpus =
        crate::Corpus::load(&[dir.path().to_owned()], &crate::LoadOptions::default()).unwrap();
    assert_eq!(
        corpus.articles.len(),
        2,
        "the hidden cache file is not an article"
    );
    let a = &corpus.articles[0];
    assert_eq!(
        (a.title.as_str(), a.section.as_str(), a.body.as_str()),
        ("title g-1", "World", "The summary.")
    );
    assert_eq!(a.url.as_deref(), Some("https://a.example/1"));
    // What makes an article new, and marked full text, in the reader.
    assert_eq!((a.first_seen, a.full_text), (Some(1_700_000_000), false));
    let b = &corpus.articles[1];
    assert_eq!((b.first_seen, b.full_text), (Some(0), true));
    assert!(
        corpus.report.warnings.is_empty(),
        "{:?}",
        corpus.report.warnings
    );
}

#[test]
fn a_full_text_replaces_the_shown_text_and_keeps_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let url = "https://a.example/feed";
    let mut one = item("g-1", None, 0);
    one.summary = Some("Short.".into());
    archive.write_items(url, &[one]).unwrap();
    archive
        .store_full_text(url, "g-1", "Long\n\nand full.")
        .unwrap();
    let kept = &archive.read_items(url).unwrap()[0];
    assert_eq!(kept.body.as_deref(), Some("Long\nand full."));
    assert_eq!(kept.summary.as_deref(), Some("Short."));
    assert!(kept.full_text);
    assert!(matches!(
        archive.store_full_text(url, "nope", "x"),
        Err(ArchiveError::NoSuchItem(_))
    ));
}

#[test]
fn one_fetch_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let held = archive.lock_fetch(Duration::ZERO).unwrap();
    assert!(matches!(
        archive.lock_fetch(Duration::from_millis(20)),
        Err(ArchiveError::Busy(_))
    ));
    // Writes go on beside a fetch: they take the write lock only.
    archive.write_items("https://a.example/", &[]).unwrap();
    archive
        .update("https://a.example/", |_| (false, ()))
        .unwrap();
    drop(held);
    assert!(archive.lock_fetch(Duration::ZERO).is_ok());
}

#[test]
fn a_corrupt_line_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let url = "https://a.example/";
    std::fs::write(
        archive.items_path(url),
        "{\"id\":\"a\",\"title\":\"t\"}\nnot json\n",
    )
    .unwrap();
    let e = archive.read_items(url).unwrap_err();
    assert!(matches!(e, ArchiveError::Corrupt { line: 2, .. }), "{e}");
}

/// A fetch that changed one feed's file: the reload it asks for
/// (`App::fetched` pushes `Job::Reload`) reads that file again, no other.
#[test]
fn a_refresh_after_a_fetch_reads_only_the_feeds_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::new(dir.path());
    let feeds = [
        "https://a.example/feed",
        "https://b.example/feed",
        "https://c.example/feed",
    ];
    for (n, url) in feeds.iter().enumerate() {
        archive
            .write_items(url, &[item(&format!("{n}-1"), None, 0)])
            .unwrap();
        archive.write_cache(url, &HttpCache::default()).unwrap();
    }
    // Past the moment in which a change could leave a file's times as they
    // were: the files written above are reused, not read again to be safe.
    let past_a_tick = || std::thread::sleep(std::time::Duration::from_millis(25));
    past_a_tick();
    let options = crate::LoadOptions::default();
    let corpus = crate::Corpus::load(&[dir.path().to_owned()], &options).unwrap();
    assert_eq!(corpus.articles.len(), 3);
    past_a_tick();
    archive
        .update(feeds[1], |items| {
            items.push(item("1-2", None, 0));
            (true, ())
        })
        .unwrap();
    archive
        .write_cache(feeds[2], &HttpCache::default())
        .unwrap();
    let refreshed = corpus.refresh(&options).unwrap();
    assert_eq!(
        refreshed.sources.read, 1,
        "only b's items; caches are no articles"
    );
    let titles: Vec<&str> = refreshed
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles.contains(&"title 1-2"), "{titles:?}");
}
