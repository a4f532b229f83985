//! A refresh must give what a full load gives, whatever changed.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::corpus::{Changes, Corpus, LoadOptions, Sources};

/// A small generator of its own: the same seed, the same changes.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Texts drawn from a few, so that files often duplicate each other.
fn text(rng: &mut Rng) -> String {
    let n = rng.below(12);
    format!("Title {n}\n\nBody {n} {}\n", "word ".repeat(n))
}

fn lines(rng: &mut Rng) -> String {
    (0..1 + rng.below(3))
        .map(|_| {
            let n = rng.below(8);
            format!("{{\"title\":\"Entry {n}\",\"body\":\"Text {n}\"}}\n")
        })
        .collect()
}

/// The article files under `roots`, sorted.
fn files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = roots
        .iter()
        .flat_map(|r| walkdir::WalkDir::new(r).into_iter().flatten())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().to_owned())
        .collect();
    found.sort();
    found
}

fn write(path: &Path, rng: &mut Rng) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = path.to_string_lossy();
    let contents = if name.ends_with(".jsonl") {
        lines(rng)
    } else {
        text(rng)
    };
    fs::write(path, contents).unwrap();
}

fn new_path(roots: &[PathBuf], rng: &mut Rng) -> PathBuf {
    let root = &roots[rng.below(roots.len())];
    let ext = ["txt", "txt", "jsonl"][rng.below(3)];
    root.join(format!("s{}", rng.below(3)))
        .join(format!("f{}.{ext}", rng.below(12)))
}

/// The topmost folder writing `path` makes, if any: a watcher names it.
fn made(path: &Path) -> Option<PathBuf> {
    let missing = path.ancestors().skip(1).take_while(|a| !a.exists());
    missing.last().map(Path::to_owned)
}

/// One random change: add, delete, modify, rename, make unreadable, make a
/// duplicate of another file, and with `links`, turn into a link to another
/// (else move a whole folder). Gives the paths a watcher would name.
fn change(roots: &[PathBuf], rng: &mut Rng, links: bool) -> Vec<PathBuf> {
    let existing = files(roots);
    let pick = |rng: &mut Rng| existing.get(rng.below(existing.len().max(1))).cloned();
    let mut touched = Vec::new();
    match (rng.below(8), pick(rng)) {
        (0 | 1, _) | (_, None) => {
            let path = new_path(roots, rng);
            touched.extend(made(&path));
            write(&path, rng);
            touched.push(path);
        }
        (2, Some(path)) => {
            fs::remove_file(&path).unwrap();
            touched.push(path);
        }
        (3, Some(path)) => {
            write(&path, rng);
            touched.push(path);
        }
        (4, Some(path)) => {
            let to = new_path(roots, rng);
            touched.extend(made(&to));
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::rename(&path, &to).unwrap();
            touched.extend([path, to]);
        }
        (5, Some(path)) => {
            let mode = fs::Permissions::from_mode(if rng.below(2) == 0 { 0 } else { 0o644 });
            // A link's target may be gone: then there is nothing to change.
            let _ = fs::set_permissions(&path, mode);
            touched.push(path);
        }
        (6, Some(path)) => {
            if let Some(other) = pick(rng) {
                let _ = fs::copy(other, &path);
            }
            touched.push(path);
        }
        (_, Some(path)) if links => {
            if let Some(other) = pick(rng).filter(|o| *o != path) {
                fs::remove_file(&path).unwrap();
                std::os::unix::fs::symlink(other, &path).unwrap();
            }
            touched.push(path);
        }
        (_, Some(path)) => {
            let folder = path.parent().unwrap();
            let to = folder.with_file_name(format!("s{}", rng.below(5)));
            if !roots.iter().any(|r| r == folder) && !to.exists() {
                fs::rename(folder, &to).unwrap();
                touched.extend([folder.to_owned(), to]);
            }
        }
    }
    touched
}

/// Everything a load gives, but the epoch and how much it read.
fn assert_same(refreshed: &Corpus, full: &Corpus, round: usize) {
    assert_eq!(refreshed.articles, full.articles, "round {round}");
    assert_eq!(refreshed.report, full.report, "round {round}");
    assert_eq!(refreshed.duplicates, full.duplicates, "round {round}");
    assert_eq!(refreshed.roots, full.roots, "round {round}");
    let (a, b) = (&refreshed.sources, &full.sources);
    assert_eq!(
        (&a.dropped, &a.renamed),
        (&b.dropped, &b.renamed),
        "round {round}"
    );
    // Stats are left out of a file changed just before a load: which are
    // depends on when each load started.
    let strip = |s: &Sources| {
        let mut files = s.files.clone();
        files.iter_mut().for_each(|f| f.stat = None);
        files
    };
    assert_eq!(strip(a), strip(b), "round {round}");
}

/// Two roots in a new folder, with 30 files written at random from `seed`;
/// the random numbers go on from there.
fn random_roots(seed: u64) -> (tempfile::TempDir, Vec<PathBuf>, Rng) {
    let dir = tempfile::tempdir().unwrap();
    let roots = vec![dir.path().join("a"), dir.path().join("b")];
    let mut rng = Rng(seed);
    for _ in 0..30 {
        write(&new_path(&roots, &mut rng), &mut rng);
    }
    (dir, roots, rng)
}

#[test]
fn a_refresh_after_random_changes_gives_what_a_full_load_gives() {
    let (_dir, roots, mut rng) = random_roots(0x9e37_79b9_7f4a_7c15);
    let options = LoadOptions::default();
    let mut corpus = Corpus::load(&roots, &options).unwrap();
    let (mut reused, mut read, mut duplicates, mut renamed) = (0, 0, 0, 0);
    for round in 0..40 {
        for _ in 0..1 + rng.below(3) {
            change(&roots, &mut rng, true);
        }
        // Files changed within a tick of a load are read again at the next
        // whatever their stat: past that, they can be reused.
        std::thread::sleep(Duration::from_millis(25));
        let refreshed = corpus.refresh(&options).unwrap();
        let full = Corpus::load(&roots, &options).unwrap();
        assert_same(&refreshed, &full, round);
        assert_ne!(refreshed.epoch, corpus.epoch);
        reused += refreshed.report.files - refreshed.sources.read;
        read += refreshed.sources.read;
        duplicates += refreshed.report.duplicates;
        renamed += refreshed.sources.renamed.len();
        corpus = refreshed;
    }
    assert!(duplicates > 0, "duplicates were made");
    assert!(renamed > 0, "ids were made unique");
    assert!(
        reused > read * 5,
        "most files were reused: {reused} vs {read}"
    );
    assert!(read >= 40, "changed files were read: {read}");
}

#[test]
fn only_the_changed_file_is_read_and_its_warnings_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let roots = vec![dir.path().to_owned()];
    for n in 0..5 {
        fs::write(
            dir.path().join(format!("{n}.txt")),
            format!("T{n}\n\nB{n}\n"),
        )
        .unwrap();
    }
    fs::write(dir.path().join("bad.json"), "[{").unwrap();
    // Written just now, every file would be read again to be safe.
    std::thread::sleep(Duration::from_millis(25));
    let options = LoadOptions::default();
    let corpus = Corpus::load(&roots, &options).unwrap();
    assert_eq!(corpus.report.warnings.len(), 1);
    std::thread::sleep(Duration::from_millis(25));
    fs::write(
        dir.path().join("bad.json"),
        "[{\"title\":\"Fixed\",\"body\":\"x\"}]",
    )
    .unwrap();
    fs::write(dir.path().join("2.txt"), "Two again\n\nNew body\n").unwrap();
    fs::remove_file(dir.path().join("4.txt")).unwrap();
    let refreshed = corpus.refresh(&options).unwrap();
    assert_eq!(refreshed.sources.read, 2, "bad.json and 2.txt");
    assert!(refreshed.report.warnings.is_empty());
    let titles: Vec<&str> = refreshed
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["T0", "T1", "Two again", "T3", "Fixed"]);
    // The body of an article reused is the same text, not a copy.
    assert!(std::ptr::eq(
        corpus.articles[0].body.as_str(),
        refreshed.articles[0].body.as_str()
    ));
}

#[test]
fn a_refresh_of_the_paths_a_watcher_names_gives_what_a_full_load_gives() {
    let (_dir, roots, mut rng) = random_roots(0x2545_f491_4f6c_dd1d);
    let options = LoadOptions::default();
    let mut corpus = Corpus::load(&roots, &options).unwrap();
    let (mut reused, mut read, mut duplicates, mut folders) = (0, 0, 0, 0);
    for round in 0..60 {
        let mut changes = Changes::default();
        for _ in 0..1 + rng.below(3) {
            let touched = change(&roots, &mut rng, false);
            folders += touched.iter().filter(|p| p.is_dir()).count();
            touched.into_iter().for_each(|path| changes.add(path));
        }
        std::thread::sleep(Duration::from_millis(25));
        assert!(
            corpus.plan(&changes).is_some(),
            "round {round}: told by the paths"
        );
        let refreshed = corpus.refresh_changed(&changes, &options).unwrap();
        let full = Corpus::load(&roots, &options).unwrap();
        assert_same(&refreshed, &full, round);
        reused += refreshed.report.files - refreshed.sources.read;
        read += refreshed.sources.read;
        duplicates += refreshed.report.duplicates;
        corpus = refreshed;
    }
    assert!(duplicates > 0, "duplicates were made");
    assert!(folders > 0, "folders were made or moved");
    assert!(
        reused > read * 3,
        "most files were reused: {reused} vs {read}"
    );
    assert!(read >= 60, "changed files were read: {read}");
}
