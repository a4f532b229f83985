//! Hostile inputs (issue 10): trees of links, huge or growing files, file
//! names that clean to the same thing or to nothing. Each test would fail,
//! or never finish, on the loader before the fix it names.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use byline::clean::{is_clean, is_clean_line};
use byline::corpus::{EntryAt, WarningKind};
use byline::{Corpus, LoadOptions};

#[path = "hostile/properties.rs"]
mod properties;

fn load(path: &Path) -> Corpus {
    load_with(path, &LoadOptions::default())
}

fn load_with(path: &Path, options: &LoadOptions) -> Corpus {
    Corpus::load(&[path.to_owned()], options).unwrap()
}

fn kinds(corpus: &Corpus) -> Vec<&WarningKind> {
    corpus.report.warnings.iter().map(|w| &w.kind).collect()
}

/// Item 5: 31 folders, each with links `a` and `b` to the next, make 2^30
/// paths. Each real folder is entered once, so its one file loads once.
#[test]
fn a_dag_of_links_is_walked_once_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folders: Vec<PathBuf> = (0..31).map(|i| dir.path().join(format!("d{i}"))).collect();
    for (i, folder) in folders.iter().enumerate() {
        fs::create_dir(folder).unwrap();
        fs::write(
            folder.join(format!("f{i}.txt")),
            format!("Title {i}\n\nBody"),
        )
        .unwrap();
        if let Some(next) = folders.get(i + 1) {
            symlink(next, folder.join("a")).unwrap();
            symlink(next, folder.join("b")).unwrap();
        }
    }
    let corpus = load(&folders[0]);
    assert_eq!(corpus.report.files, 31);
    assert_eq!(corpus.articles.len(), 31);
    assert!(
        corpus.report.warnings.is_empty(),
        "{:?}",
        corpus.report.warnings
    );
}

/// Item 5: a link to /sys (or /proc, /dev) is not followed; naming one
/// as a path still reads it.
#[test]
fn links_into_sys_proc_and_dev_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "A\n\nbody").unwrap();
    for special in ["/sys", "/proc", "/dev"] {
        if Path::new(special).exists() {
            symlink(special, dir.path().join(&special[1..])).unwrap();
        }
    }
    symlink("/proc/self", dir.path().join("self")).unwrap();
    let corpus = load(dir.path());
    assert_eq!(corpus.report.files, 1);
    assert!(
        corpus.report.warnings.is_empty(),
        "{:?}",
        corpus.report.warnings
    );
}

/// Item 6: a line over the limit is skipped with a warning, the lines
/// around it load, and the entries keep their numbers.
#[test]
fn a_json_lines_line_over_the_limit_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "{{\"title\": \"Long\", \"body\": \"{}\"}}",
        "x".repeat(100_000)
    );
    let text = format!("{{\"title\": \"A\"}}\n{long}\n{{\"title\": \"B\"}}\n{long}");
    fs::write(dir.path().join("f.jsonl"), &text).unwrap();
    let options = LoadOptions {
        max_line: 1000,
        ..LoadOptions::default()
    };
    let corpus = load_with(dir.path(), &options);
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["A", "B"]);
    assert_eq!(corpus.articles[1].id, "f.jsonl#3");
    let entries: Vec<_> = corpus
        .report
        .warnings
        .iter()
        .map(|w| (w.entry, &w.kind))
        .collect();
    let long_line = WarningKind::LineTooLong { mib: 1 };
    assert_eq!(
        entries,
        [
            (Some(EntryAt { n: 2, line: 2 }), &long_line),
            (Some(EntryAt { n: 4, line: 4 }), &long_line),
        ]
    );
    assert_eq!(corpus.report.bytes, text.len() as u64);
}

/// Item 6: the whole-file path (a file that is not UTF-8) skips long lines too.
#[test]
fn a_long_line_in_a_latin1_json_lines_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"{\"title\": \"\xa3 deal\"}\n".to_vec();
    bytes.extend(format!("{{\"title\": \"{}\"}}\n", "y".repeat(5000)).bytes());
    fs::write(dir.path().join("f.jsonl"), &bytes).unwrap();
    let options = LoadOptions {
        max_line: 1000,
        ..LoadOptions::default()
    };
    let corpus = load_with(dir.path(), &options);
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(corpus.articles[0].title, "£ deal");
    assert_eq!(kinds(&corpus), [&WarningKind::LineTooLong { mib: 1 }]);
}

/// Item 6: a NUL inside a line skipped unkept still makes the file binary.
#[test]
fn a_nul_in_a_skipped_line_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"{\"title\": \"A\"}\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'z', 50_000));
    bytes.push(0);
    bytes.extend(b"\n{\"title\": \"B\"}\n");
    fs::write(dir.path().join("f.jsonl"), &bytes).unwrap();
    let options = LoadOptions {
        max_line: 1000,
        ..LoadOptions::default()
    };
    let corpus = load_with(dir.path(), &options);
    assert!(corpus.articles.is_empty());
    assert_eq!(kinds(&corpus), [&WarningKind::Binary]);
}

/// Item 6: a 6 GB `.json` is refused before it is read (the old loader
/// tried to allocate it whole, and aborted). The file is sparse.
#[test]
fn a_json_file_over_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let file = fs::File::create(dir.path().join("huge.json")).unwrap();
    file.set_len(6 << 30).unwrap();
    let corpus = load(dir.path());
    assert!(corpus.articles.is_empty());
    assert_eq!(kinds(&corpus), [&WarningKind::FileTooLarge { mib: 1024 }]);
    assert_eq!(
        corpus.report.warnings[0].message(),
        "file larger than 1024 MiB; skipped"
    );
    assert_eq!(corpus.report.bytes, 0);
}

/// Item 6: a JSON Lines file that grows as it is read is read only as far
/// as it was long when opened; the old loader read on forever.
#[test]
fn a_growing_json_lines_file_is_read_to_its_size_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grow.jsonl");
    let line = "{\"title\": \"T\", \"body\": \"b\"}\n";
    fs::write(&path, line.repeat(1000)).unwrap();
    let done = AtomicBool::new(false);
    let corpus = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            use std::io::Write;
            let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
            let block = line.repeat(1000);
            while !done.load(Ordering::Relaxed) {
                file.write_all(block.as_bytes()).unwrap();
            }
        });
        let corpus = load(dir.path());
        done.store(true, Ordering::Relaxed);
        writer.join().unwrap();
        corpus
    });
    // What matters is that the load ended: with the file as long as it
    // was at open, and no longer than it is now.
    assert!(corpus.report.bytes >= 1000 * line.len() as u64);
    assert!(corpus.report.bytes <= fs::metadata(&path).unwrap().len());
    assert!(!corpus.articles.is_empty());
}

/// Item 7: names that clean to the same text get distinct ids, the same
/// on every load; plain names keep the ids they always had.
#[test]
fn ids_are_unique_and_stable_when_names_clean_alike() {
    let dir = tempfile::tempdir().unwrap();
    let names: [&[u8]; 7] = [
        b"a b.txt",
        b"a  b.txt",
        "café.txt".as_bytes(),
        b"caf\xe9.txt",
        b"caf\xe8.txt",
        b"\x1b[2J.txt",
        b"\x1b]0;x\x07.txt",
    ];
    for (i, name) in names.iter().enumerate() {
        let path = dir.path().join(OsStr::from_bytes(name));
        fs::write(path, format!("Title {i}\n\nBody {i}")).unwrap();
    }
    let corpus = load(dir.path());
    assert_eq!(corpus.articles.len(), names.len());
    let mut ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), names.len(), "{ids:?}");
    let again = load(dir.path());
    let id_of = |c: &Corpus| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(id_of(&corpus), id_of(&again));
    let find = |title: &str| corpus.articles.iter().find(|a| a.title == title).unwrap();
    assert_eq!(find("Title 0").id, "a b.txt");
    assert_eq!(find("Title 0").name, None);
    assert_eq!(find("Title 2").id, "café.txt");
    assert_eq!(find("Title 1").id, "a%20%20b.txt");
    assert_eq!(find("Title 1").name.as_deref(), Some("a b.txt"));
    assert_eq!(find("Title 3").id, "caf%E9.txt");
    for article in &corpus.articles {
        assert!(is_clean_line(&article.id), "{:?}", article.id);
        assert!(is_clean_line(article.shown_id()), "{:?}", article.name);
    }
}

/// Item 8: the roots are the paths as given, not cleaned: the state file
/// for `My  News` was keyed `My News`.
#[test]
fn roots_are_kept_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("My  News");
    fs::create_dir(&news).unwrap();
    fs::write(news.join("a.txt"), "A\n\nbody").unwrap();
    let corpus = load(&news);
    assert_eq!(corpus.root_paths, std::slice::from_ref(&news));
    assert_eq!(corpus.roots, [news.to_str().unwrap()]);
    assert!(corpus.roots[0].ends_with("My  News"));
}

/// Item 20: a link whose name cleans to nothing was reported as
/// `DIR/: Too many levels of symbolic links`. Its name is escaped instead.
#[test]
fn a_warning_names_its_file_in_a_form_the_user_can_find() {
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"\x1b[2J");
    symlink(name, dir.path().join(name)).unwrap();
    fs::write(dir.path().join("ok.txt"), "A\n\nbody").unwrap();
    let corpus = load(dir.path());
    let warnings: Vec<String> = corpus
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let want = format!("{}/\\x1b[2J: ", dir.path().display());
    assert!(warnings[0].starts_with(&want), "{warnings:?}");
    assert!(is_clean_line(&corpus.report.warnings[0].path));
    assert!(is_clean(&warnings[0]));
}

/// Item 6: a `.json` document is looked at for NUL bytes as it is read,
/// and a binary one read no further (this one is 512 MiB, sparse: zeros).
#[test]
fn a_binary_json_file_is_given_up_at_its_first_nul() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zeros.json");
    fs::write(&path, "[{\"title\": \"A\"}").unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(512 << 20)
        .unwrap();
    let corpus = load(dir.path());
    assert!(corpus.articles.is_empty());
    assert_eq!(kinds(&corpus), [&WarningKind::Binary]);
    assert_eq!(corpus.report.bytes, 512 << 20);
}
