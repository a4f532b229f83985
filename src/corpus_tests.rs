use std::fs;
use std::path::{Path, PathBuf};

use super::*;

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn load(dir: &Path) -> Corpus {
    Corpus::load(&[dir.to_owned()], &LoadOptions::default()).unwrap()
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

/// Warnings as `path: message`.
pub(super) fn warning_lines(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

/// The messages of warnings, without their paths.
pub(super) fn messages(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(Warning::message).collect()
}

/// The one warning of a load, as `path-suffix: message`.
fn only_warning(corpus: &Corpus) -> String {
    assert_eq!(
        corpus.report.warnings.len(),
        1,
        "{:?}",
        corpus.report.warnings
    );
    corpus.report.warnings[0].to_string()
}

#[test]
fn seeds_are_embedded() {
    let corpus = Corpus::seeds(&LoadOptions::default());
    let seed = &corpus.articles[0];
    assert_eq!(
        seed.title,
        "China cracks down on instant messaging services"
    );
    assert_eq!(seed.paragraphs().count(), 8);
    assert!(!seed.body.contains("advertisement"));
    assert!(
        seed.body
            .contains("\nUsers can use such services to send messages")
    );
    assert!(
        seed.body
            .contains("\nThe communist government encourages Internet use")
    );
}

#[test]
fn every_file_in_seeds_is_embedded() {
    let on_disk: Vec<String> = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let embedded: Vec<&str> = SEEDS.iter().map(|(name, _)| *name).collect();
    assert_eq!(on_disk, embedded);
}

#[test]
fn sections_ids_and_order_come_from_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "tech/b.txt", b"B title\nbody");
    write(dir.path(), "tech/a.txt", b"A title\nbody");
    write(dir.path(), "world/asia/c.txt", b"C title\nbody");
    write(dir.path(), "top.txt", b"Top\nbody");
    write(dir.path(), ".hidden/x.txt", b"Hidden\nbody");
    write(dir.path(), "tech/.x.txt", b"Hidden too\nbody");
    write(dir.path(), "tech/image.png", b"\x89PNG");
    write(dir.path(), "README.TXT", b"About this corpus\n");
    let corpus = load(dir.path());
    let ids: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.section.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("tech/a.txt", "tech"),
            ("tech/b.txt", "tech"),
            ("top.txt", ""),
            ("world/asia/c.txt", "world/asia")
        ]
    );
    assert!(corpus.report.warnings.is_empty());
    assert_eq!(
        load(dir.path()).articles,
        corpus.articles,
        "ids and order are stable"
    );
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let err = Corpus::load(&[PathBuf::from("no/such/dir")], &LoadOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "no/such/dir: no such file or directory");
}

#[test]
fn empty_blank_and_binary_files_are_skipped_with_a_warning() {
    for (bytes, message) in [
        (&b""[..], "empty file; skipped"),
        (b"\n  \n\t\n", "blank file (no title); skipped"),
        (
            b"\x7fELF\x02\x01\0\0\0",
            "binary file (it contains NUL bytes); skipped",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "bad.txt", bytes);
        write(dir.path(), "good.txt", b"Good\nbody");
        let corpus = load(dir.path());
        assert_eq!(titles(&corpus), ["Good"]);
        let warning = only_warning(&corpus);
        assert!(
            warning.ends_with(&format!("bad.txt: {message}")),
            "{warning}"
        );
    }
}

#[cfg(unix)]
#[test]
fn fifos_dangling_links_and_link_loops_do_not_stop_the_load() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", b"Good\nbody");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let corpus = load(dir.path());
    assert_eq!(titles(&corpus), ["Good"]);
    let warnings = warning_lines(&corpus.report.warnings);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.ends_with("pipe.txt: not a regular file; skipped")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("dangling.txt: No such file")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.ends_with("loop: symbolic link loop; skipped")),
        "{warnings:?}"
    );
}

#[test]
fn a_fifo_named_on_the_command_line_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let corpus = Corpus::load(&[fifo], &LoadOptions::default()).unwrap();
    assert!(only_warning(&corpus).ends_with("pipe: not a regular file; skipped"));
}

#[test]
fn latin1_and_escape_sequences_are_cleaned_at_load() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        b"Fee \xa315.8m\n\nBody \x1b]0;owned\x07with \x1b[31mred\x1b[0m text",
    );
    let corpus = load(dir.path());
    let a = &corpus.articles[0];
    assert_eq!(a.title, "Fee £15.8m");
    assert_eq!(a.body, "Body with red text");
}

#[test]
fn an_oversized_body_is_cut_with_a_note_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = b"Huge\n".to_vec();
    text.extend(std::iter::repeat_n(b"word ".as_slice(), 1000).flatten());
    write(dir.path(), "huge.txt", &text);
    let options = LoadOptions {
        max_body: 1000,
        ..LoadOptions::default()
    };
    let corpus = Corpus::load(&[dir.path().to_owned()], &options).unwrap();
    let body = &corpus.articles[0].body;
    assert!(body.len() < 1100, "{}", body.len());
    assert!(
        body.ends_with("[byline: this article was cut at 1 MiB; the rest was not loaded]"),
        "{body}"
    );
    assert!(only_warning(&corpus).ends_with("huge.txt: body larger than 1 MiB; cut"));
}

#[test]
fn exact_duplicates_load_once_and_their_ids_still_resolve() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/1.txt", b"Same\nSame body");
    write(dir.path(), "a/2.txt", b"Same\nSame body");
    write(dir.path(), "a/3.txt", b"Same\nOther body");
    let corpus = load(dir.path());
    assert_eq!(corpus.articles.len(), 2);
    assert_eq!(corpus.report.duplicates, 1);
    assert_eq!(corpus.duplicates[0].id, "a/2.txt");
    assert_eq!(
        corpus.find("a/2.txt").map(|(_, a)| a.id.as_str()),
        Some("a/1.txt")
    );
}

#[test]
fn two_roots_with_the_same_paths_get_distinct_ids() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    write(one.path(), "x.txt", b"One\nbody");
    write(two.path(), "x.txt", b"Two\nbody");
    let corpus = Corpus::load(
        &[one.path().to_owned(), two.path().to_owned()],
        &LoadOptions::default(),
    )
    .unwrap();
    let ids: Vec<_> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["x.txt", "x.txt~2"]);
}

#[path = "corpus/json_tests.rs"]
mod json_tests;

#[test]
fn parallel_loading_keeps_walk_order_for_articles_and_warnings() {
    // Enough files that rayon's workers finish them out of order.
    let dir = tempfile::tempdir().unwrap();
    let mut want_ids = Vec::new();
    let mut want_warnings = Vec::new();
    for section in ["a", "b", "c"] {
        for n in 0..200 {
            let rel = format!("{section}/{n:03}.txt");
            if n % 17 == 0 {
                write(dir.path(), &rel, b"");
                want_warnings.push(format!("{rel}: empty file; skipped"));
            } else {
                write(dir.path(), &rel, format!("Title {rel}\nbody").as_bytes());
                want_ids.push(rel);
            }
        }
    }
    let corpus = load(dir.path());
    let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, want_ids);
    let warnings = warning_lines(&corpus.report.warnings);
    assert_eq!(warnings.len(), want_warnings.len());
    for (got, want) in warnings.iter().zip(&want_warnings) {
        assert!(got.ends_with(want.as_str()), "{got} vs {want}");
    }
}

#[test]
fn parse_bytes_gives_what_loading_the_file_gives() {
    let cases: [(&str, InputKind, &[u8]); 3] = [
        (
            "a.txt",
            InputKind::Text,
            b"\xef\xbb\xbfTitle \x1b[31mred\n\nBody\x07 one\n",
        ),
        (
            "b.json",
            InputKind::Json,
            br#"[{"title": "T", "body": "x"}, {"body": "no title"}]"#,
        ),
        (
            "c.jsonl",
            InputKind::JsonLines,
            b"{\"title\": \"A\"}\n\nbad\n{\"title\": \"\xa3\"}",
        ),
    ];
    for (name, kind, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, bytes);
        let corpus = load(dir.path());
        let (articles, warnings) = parse_bytes(kind, name, bytes, &LoadOptions::default());
        let loaded: Vec<Article> = corpus.articles.iter().map(|a| (**a).clone()).collect();
        assert_eq!(articles, loaded, "{name}");
        let messages = |w: &[Warning]| w.iter().map(Warning::message).collect::<Vec<_>>();
        assert_eq!(
            messages(&warnings),
            messages(&corpus.report.warnings),
            "{name}"
        );
        assert!(!articles.is_empty(), "{name}");
    }
}
