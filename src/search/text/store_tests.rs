//! The index on disk: what is written reads back the same, and a file
//! that is not exactly that (another corpus's, cut, changed, someone
//! else's) is never used.

use super::*;

fn article(title: &str, body: &str) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        ..Article::default()
    }
}

fn articles() -> Vec<Article> {
    vec![
        article(
            "Brown wins",
            "The general election was called. Brown spoke.",
        ),
        article("Zürich talks", "Ministers met in Zürich and São Paulo."),
        article("中非合作", "北京 举行 中非合作论坛 会议。"),
        article("Long", &"word after word ".repeat(300)),
    ]
}

#[test]
fn what_is_written_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    let index = TextIndex::new(&articles);
    let file = dir.path().join("text-test");
    write(&file, key(&articles), &index).unwrap();
    assert_eq!(read(&file, key(&articles)), Some(index));
}

#[test]
fn a_changed_corpus_misses() {
    let dir = tempfile::tempdir().unwrap();
    let mut articles = articles();
    let file = dir.path().join("text-test");
    write(&file, key(&articles), &TextIndex::new(&articles)).unwrap();
    articles[1].body = format!("{} More.", articles[1].body).into();
    assert!(read(&file, key(&articles)).is_none());
}

#[test]
fn a_cut_or_changed_file_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    let file = dir.path().join("text-test");
    write(&file, key(&articles), &TextIndex::new(&articles)).unwrap();
    let bytes = fs::read(&file).unwrap();
    for cut in [0, 8, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(from_bytes(&bytes[..cut], key(&articles)).is_none(), "{cut}");
    }
    for at in [3, 15, 30, bytes.len() / 2, bytes.len() - 3] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x40;
        assert!(from_bytes(&changed, key(&articles)).is_none(), "{at}");
    }
}

#[test]
fn another_users_file_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    let file = dir.path().join("text-test");
    write(&file, key(&articles), &TextIndex::new(&articles)).unwrap();
    let me = rustix::process::geteuid().as_raw();
    assert!(read_if_owned_by(&file, me, key(&articles)).is_some());
    assert!(read_if_owned_by(&file, me.wrapping_add(1), key(&articles)).is_none());
}

#[test]
fn open_builds_once_then_reads() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    let paths = [PathBuf::from("/some/corpus")];
    let built = open(&articles, &paths, Some(dir.path()), &|_| {}, &|| false).unwrap();
    let file = file_for(dir.path(), &paths);
    assert!(file.exists());
    let progress = std::sync::Mutex::new(0);
    let read = open(
        &articles,
        &paths,
        Some(dir.path()),
        &|_| *progress.lock().unwrap() += 1,
        &|| false,
    );
    assert_eq!(read.as_ref(), Some(&built));
    // Read, not built: no progress was reported.
    assert_eq!(*progress.lock().unwrap(), 0);
    // A corrupt file is rebuilt and replaced.
    fs::write(&file, b"junk").unwrap();
    let again = open(&articles, &paths, Some(dir.path()), &|_| {}, &|| false);
    assert_eq!(again.as_ref(), Some(&built));
    assert!(from_bytes(&fs::read(&file).unwrap(), key(&articles)).is_some());
}

#[test]
fn a_reindexed_index_reads_back_as_searching_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut articles = articles();
    let mut index = TextIndex::new(&articles);
    let old = articles[2].clone();
    articles[2] = article("Other", "Nothing in common with before.");
    index.replace(2, Some(&old), &articles[2]);
    let file = dir.path().join("text-test");
    write(&file, key(&articles), &index).unwrap();
    let back = read(&file, key(&articles)).unwrap();
    for q in [
        "brown",
        "\"general election\"",
        "合作",
        "common",
        "wor*",
        "-word",
    ] {
        let q = super::super::TextQuery::parse(q);
        assert_eq!(back.find(&q), index.find(&q));
    }
}

proptest::proptest! {
    /// Whatever the bytes, decoding answers without panicking.
    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
        let _ = decode_body(&bytes);
    }
}
