use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::*;
use crate::corpus::listing;

/// Text files in two folders, a duplicate, and JSON Lines entries.
fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "tech/1.txt",
        "Chelsea sack Mutu\n\nA body.\n\nA second paragraph.",
    );
    write("tech/2.txt", "Mutu to hold talks\n\nAnother body.");
    write(
        "sport/copy.txt",
        "Chelsea sack Mutu\n\nA body.\n\nA second paragraph.",
    );
    write(
        "feed.jsonl",
        "{\"title\": \"中非 summit\", \"date\": \"2004-11-09\", \"body\": \"Leaders met.\"}\n\
         {\"title\": \"Second entry\", \"body\": \"More.\"}\n",
    );
    dir
}

/// The corpus loaded whole, and made again from the listing it stored.
fn loaded_and_listed(dir: &Path) -> (Corpus, Corpus) {
    loaded_and_listed_with(dir, &LoadOptions::default())
}

fn loaded_and_listed_with(dir: &Path, options: &LoadOptions) -> (Corpus, Corpus) {
    let cache = tempfile::tempdir().unwrap();
    let loaded = Corpus::load(&[dir.to_owned()], options).unwrap();
    let later = SystemTime::now() + Duration::from_secs(10);
    listing::store(&loaded, options, cache.path(), Duration::ZERO, later).unwrap();
    let listed = listing::latest(&[dir.to_owned()], options, cache.path()).expect("stored");
    (loaded, Corpus::from_listing(listed, options))
}

#[test]
fn a_corpus_from_its_listing_lists_what_the_load_did_without_bodies() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    assert!(listed.is_partial() && !loaded.is_partial());
    assert_eq!(listed.len(), loaded.articles.len());
    assert!(
        listed.articles.is_empty(),
        "no article is made before it is wanted"
    );
    for (i, a) in loaded.articles.iter().enumerate() {
        let head = listed.head(i);
        assert_eq!(
            head,
            Head {
                first_seen: None,
                ..a.head()
            }
        );
        assert_eq!(listed.date(i), a.date);
        let shown = listed.article(i);
        assert!(
            shown.body.is_empty() && listed.body_pending(i),
            "{}",
            head.id
        );
        assert_eq!((&shown.id, &shown.title), (&a.id, &a.title));
    }
    assert_eq!(*listed.title_index(), TitleIndex::new(&loaded.articles));
    assert_eq!(listed.head(listed.len()), Head::default(), "past the end");
    assert_eq!(listed.report, loaded.report);
}

#[test]
fn a_body_read_on_demand_is_the_article_the_load_gave() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    for i in (0..listed.len()).rev() {
        listed.read_body(i).unwrap();
        assert!(!listed.body_pending(i));
        assert_eq!(*listed.article(i), *loaded.articles[i]);
    }
}

#[test]
fn a_file_changed_or_gone_since_the_listing_says_so_and_stays_pending() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    let index = |id: &str| loaded.articles.iter().position(|a| a.id == id).unwrap();
    fs::remove_file(dir.path().join("tech/2.txt")).unwrap();
    let error = listed.read_body(index("tech/2.txt")).unwrap_err();
    assert!(error.contains("tech/2.txt"), "{error}");
    assert!(listed.body_pending(index("tech/2.txt")));
    // A new title under the same name is still that file's article.
    fs::write(dir.path().join("sport/copy.txt"), "New title\n\nNew body.").unwrap();
    listed.read_body(index("sport/copy.txt")).unwrap();
    assert_eq!(listed.article(index("sport/copy.txt")).body, "New body.");
}

#[test]
fn a_fifo_in_place_of_a_listed_file_is_not_opened() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    let path = dir.path().join("tech/2.txt");
    fs::remove_file(&path).unwrap();
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        0,
    )
    .unwrap();
    let i = loaded
        .articles
        .iter()
        .position(|a| a.id == "tech/2.txt")
        .unwrap();
    // Returns (it would block forever on a FIFO without a writer).
    assert!(listed.read_body(i).is_err());
}

#[test]
fn a_loaded_corpus_is_its_own_bodies() {
    let dir = corpus_dir();
    let (loaded, _) = loaded_and_listed(dir.path());
    assert!(!loaded.body_pending(0));
    assert_eq!(*loaded.article(0), *loaded.articles[0]);
    loaded.read_body(0).unwrap();
}

#[test]
fn a_changed_entry_of_a_file_too_large_to_read_whole_waits_for_the_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.jsonl");
    let lines = |fifth: &str| {
        (1..=40)
            .map(|n| match n {
                5 => format!("{{\"title\": \"{fifth}\", \"body\": \"Text {n}.\"}}\n"),
                _ => format!("{{\"title\": \"Entry {n}\", \"body\": \"Text {n}.\"}}\n"),
            })
            .collect::<String>()
    };
    fs::write(&path, lines("Entry 5")).unwrap();
    let (loaded, listed) = loaded_and_listed(dir.path());
    let fifth = loaded.find("all.jsonl#5").unwrap().0;
    fs::write(&path, lines("Entry five")).unwrap();
    // Small enough to parse whole: the entry of that number, as it is now.
    listed.read_body(fifth).unwrap();
    assert_eq!(listed.article(fifth).title, "Entry five");
    // Past `max_json` (a gigabyte, by default), the load under way brings it.
    let small = LoadOptions {
        max_json: 200,
        ..LoadOptions::default()
    };
    fs::write(&path, lines("Entry 5")).unwrap();
    let (_, listed) = loaded_and_listed_with(dir.path(), &small);
    fs::write(&path, lines("Entry five")).unwrap();
    assert_eq!(
        listed.read_body(fifth),
        Err(CHANGED_IN_LARGE_FILE.to_owned())
    );
    assert!(listed.body_pending(fifth));
}

/// Writes `lines` as `dir`'s one JSON Lines file, then reads each entry's
/// body alone from its listing: each must be the article the load gave.
/// How many entries there are.
fn entries_read_alone(dir: &Path, lines: &str) -> usize {
    fs::write(dir.join("all.jsonl"), lines).unwrap();
    let (loaded, listed) = loaded_and_listed(dir);
    assert_eq!(listed.len(), loaded.articles.len());
    for i in 0..listed.len() {
        listed.read_body(i).unwrap();
        assert_eq!(*listed.article(i), *loaded.articles[i], "{i}");
    }
    listed.len()
}

#[test]
fn an_entry_of_json_lines_is_read_alone_as_the_whole_file_would_give_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..300 {
        match i % 3 {
            0 => lines.push_str(&format!(
                "{{\"id\": \"{}\", \"title\": \"Own {i}\", \"body\": \"Body {i}.\"}}\n",
                1000 - i
            )),
            1 => lines.push_str(&format!(
                "{{\"title\": \"Numbered {i}\", \"body\": \"Body {i} mentions \\\"7\\\".\"}}\n\n"
            )),
            _ => lines.push_str(&format!(
                "{{\"title\": \"Same title\", \"section\": \"s{i}\", \"body\": \"Body {i}.\"}}\n"
            )),
        }
    }
    assert!(entries_read_alone(dir.path(), &lines) > 250);
}

#[test]
fn the_order_a_listing_keeps_is_the_loaded_corpus_sorted_newest_first() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    let mut rows: Vec<usize> = (0..loaded.len()).collect();
    crate::order::by_date(&mut rows, |i| loaded.date(i), true);
    let kept: Vec<usize> = (listed.newest_first().expect("kept").iter())
        .map(|&i| i as usize)
        .collect();
    assert_eq!(kept, rows);
    assert_eq!(
        listed.date(kept[0]),
        Some(1_099_958_400),
        "the dated entry first"
    );
    assert_eq!(
        loaded.newest_first(),
        None,
        "a loaded corpus sorts for itself"
    );
}

#[test]
fn bodies_are_kept_by_index_across_blocks_and_none_past_the_end() {
    let slots = Slots::new(2 * BLOCK + 5);
    let article = |title: &str| Article {
        title: title.to_owned(),
        ..Article::default()
    };
    for i in [
        0,
        BLOCK - 1,
        BLOCK,
        2 * BLOCK + 4,
        2 * BLOCK + 5,
        usize::MAX,
    ] {
        slots.set(i, article(&i.to_string()));
    }
    slots.set(0, article("second"));
    let got = |i| slots.get(i).map(|a| a.title.clone());
    assert_eq!(got(0).as_deref(), Some("0"), "the first read stays");
    assert_eq!(got(1), None);
    assert_eq!(got(BLOCK - 1), Some((BLOCK - 1).to_string()));
    assert_eq!(got(BLOCK), Some(BLOCK.to_string()));
    assert_eq!(got(2 * BLOCK + 4), Some((2 * BLOCK + 4).to_string()));
    assert_eq!(got(2 * BLOCK + 5), None, "past the end");
    assert_eq!(got(usize::MAX), None);
}

#[test]
fn an_entry_is_numbered_as_the_parser_numbers_past_a_bom_blank_lines_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::from("\u{feff}{\"title\": \"First\", \"body\": \"One.\"}\r\n");
    for i in 0..40 {
        match i % 4 {
            0 => lines.push_str("\u{3000} \r\n"),
            1 => lines.push_str("\t\n"),
            2 => lines.push_str(&format!(
                "{{\"title\": \"Crlf {i}\", \"body\": \"B {i}.\"}}\r\n"
            )),
            _ => lines.push_str(&format!(
                " {{\"title\": \"Lead {i}\", \"body\": \"B {i}.\"}}\n"
            )),
        }
    }
    assert_eq!(entries_read_alone(dir.path(), &lines), 21);
}

#[test]
fn a_listed_corpus_has_sections_when_the_loaded_one_does() {
    let dir = corpus_dir();
    let (loaded, listed) = loaded_and_listed(dir.path());
    assert!(loaded.any_section() && listed.any_section());
    let flat = tempfile::tempdir().unwrap();
    fs::write(
        flat.path().join("a.jsonl"),
        "{\"title\": \"A\"}\n{\"title\": \"B\"}\n",
    )
    .unwrap();
    let (loaded, listed) = loaded_and_listed(flat.path());
    assert_eq!(listed.len(), 2);
    assert!(!loaded.any_section() && !listed.any_section());
}
