//! A refresh of the paths a watcher names: exactly what a load gives when
//! the paths say everything, and a full refresh when they cannot.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::corpus::{Changes, Corpus, LoadOptions};

fn write(path: &Path, title: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, format!("{title}\n\nThe body of {title}.\n")).unwrap();
}

/// A corpus of `names` under `root`, loaded once their times are settled.
fn loaded(root: &Path, names: &[&str]) -> Corpus {
    for name in names {
        write(&root.join(name), name);
    }
    std::thread::sleep(Duration::from_millis(25));
    Corpus::load(&[root.to_owned()], &LoadOptions::default()).unwrap()
}

fn changes(paths: &[PathBuf]) -> Changes {
    let mut changes = Changes::default();
    paths.iter().for_each(|p| changes.add(p.clone()));
    changes
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

/// Refreshed from `changed`, checked against a full load, and whether the
/// paths alone told it.
fn refreshed(corpus: &Corpus, changed: &[PathBuf]) -> (Corpus, bool) {
    let changes = changes(changed);
    let told = corpus.plan(&changes).is_some();
    let options = LoadOptions::default();
    let refreshed = corpus.refresh_changed(&changes, &options).unwrap();
    let full = Corpus::load(&corpus.root_paths, &options).unwrap();
    assert_eq!(refreshed.articles, full.articles);
    assert_eq!(refreshed.report, full.report);
    (refreshed, told)
}

#[test]
fn a_file_not_named_is_not_even_looked_at() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = loaded(dir.path(), &["a.txt", "b.txt", "c.txt"]);
    write(&dir.path().join("a.txt"), "A again");
    write(&dir.path().join("c.txt"), "C again");
    let changes = changes(&[dir.path().join("c.txt")]);
    let refreshed = corpus
        .refresh_changed(&changes, &LoadOptions::default())
        .unwrap();
    assert_eq!(refreshed.sources.read, 1);
    assert_eq!(titles(&refreshed), ["a.txt", "b.txt", "C again"]);
}

#[test]
fn a_folder_moved_in_is_walked_and_one_moved_out_goes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let corpus = loaded(&root, &["a.txt", "old/b.txt", "old/deep/c.txt", "z.txt"]);
    let outside = dir.path().join("elsewhere");
    write(&outside.join("d.txt"), "d");
    write(&outside.join("more/e.txt"), "e");
    write(&outside.join(".hidden/f.txt"), "f");
    fs::rename(&outside, root.join("new")).unwrap();
    fs::rename(root.join("old"), dir.path().join("gone")).unwrap();
    let (refreshed, told) = refreshed(&corpus, &[root.join("new"), root.join("old")]);
    assert!(told);
    assert_eq!(titles(&refreshed), ["a.txt", "d", "e", "z.txt"]);
    assert_eq!(refreshed.sources.read, 2, "only what moved in is read");
}

#[test]
fn hidden_paths_and_files_that_are_no_articles_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = loaded(dir.path(), &["a.txt"]);
    write(&dir.path().join(".git/index.txt"), "git");
    write(&dir.path().join("notes.md"), "notes");
    let changed = [
        dir.path().join(".git/index.txt"),
        dir.path().join("notes.md"),
    ];
    let (refreshed, told) = refreshed(&corpus, &changed);
    assert!(told);
    assert_eq!(refreshed.sources.read, 0);
    assert_eq!(titles(&refreshed), ["a.txt"]);
}

#[test]
fn links_paths_outside_the_roots_and_the_root_itself_refresh_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let corpus = loaded(&root, &["a.txt", "b.txt"]);
    write(&root.join("b.txt"), "B again");
    // Not named, but seen by the full refresh each of these falls back to.
    let (_, told) = refreshed(&corpus, &[dir.path().join("elsewhere.txt")]);
    assert!(!told, "a path under no root");
    let (_, told) = refreshed(&corpus, std::slice::from_ref(&root));
    assert!(!told, "the root itself");
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("c.txt")).unwrap();
    let (linked, told) = refreshed(&corpus, &[root.join("c.txt")]);
    assert!(!told, "a new link");
    // The link's article is the same as its target's: dropped as one.
    assert_eq!(titles(&linked), ["a.txt", "B again"]);
    assert_eq!(linked.report.files, 3);
    assert!(linked.sources.linked);
    let (_, told) = refreshed(&linked, &[root.join("b.txt")]);
    assert!(!told, "a corpus with a link: its target may change unnamed");
}

#[test]
fn a_root_named_relative_is_found_by_the_absolute_paths_notify_gives() {
    let cwd = std::env::current_dir().unwrap();
    let dir = tempfile::Builder::new()
        .prefix("changed-test-")
        .tempdir_in(&cwd)
        .unwrap();
    let relative = PathBuf::from(dir.path().file_name().unwrap());
    let corpus = loaded(&relative, &["a.txt", "s/b.txt"]);
    write(&relative.join("s/b.txt"), "B again");
    let (refreshed, told) = refreshed(&corpus, &[cwd.join(&relative).join("s/b.txt")]);
    assert!(told);
    assert_eq!(titles(&refreshed), ["a.txt", "B again"]);
    assert_eq!(refreshed.sources.read, 1);
}

#[test]
fn hard_links_refresh_everything() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = loaded(dir.path(), &["a.txt"]);
    fs::hard_link(dir.path().join("a.txt"), dir.path().join("b.txt")).unwrap();
    let (linked, told) = refreshed(&corpus, &[dir.path().join("b.txt")]);
    assert!(!told, "a new link to a file");
    std::thread::sleep(Duration::from_millis(25));
    let (settled, _) = refreshed(&linked, &[]);
    let links = |f: &crate::corpus::FileRecord| f.stat.map(|s| s.links);
    assert!(settled.sources.files.iter().all(|f| links(f) == Some(2)));
    let (_, told) = refreshed(&settled, &[dir.path().join("a.txt")]);
    assert!(
        !told,
        "a change through one path is not told under the other"
    );
}

#[test]
fn too_many_paths_are_everything() {
    let mut changes = Changes::default();
    for n in 0..Changes::MOST {
        changes.add(PathBuf::from(format!("/c/{n}.txt")));
    }
    changes.add(PathBuf::from("/c/0.txt"));
    assert!(!changes.is_everything(), "a path told twice is one");
    changes.add(PathBuf::from("/c/one-more.txt"));
    assert!(changes.is_everything());
    assert!(!changes.is_empty());
    let mut merged = Changes::default();
    merged.merge(changes);
    assert!(merged.is_everything());
}
