use std::fs;
use std::path::Path;

use super::codec::decode;
use super::*;
use crate::clean::Boilerplate;
use crate::corpus::{Warning, WarningKind};
use crate::search;

/// A corpus of every kind of file, a bad one among them.
fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("tech/1.txt", "Chelsea sack Mutu\n\nA body.");
    write("tech/2.txt", "Mutu to hold talks\n\nAnother body.");
    write("sport/copy.txt", "Chelsea sack Mutu\n\nA body.");
    write("sport/empty.txt", "");
    write(
        "feed.jsonl",
        "{\"title\": \"中非 summit\", \"date\": \"2004-11-09\", \"section\": \"world\"}\n{oops\n",
    );
    dir
}

fn open_in(corpus: &Path, cache: &Path, settle: Duration) -> Listing {
    open(&[corpus.to_owned()], &LoadOptions::default(), cache, settle).unwrap()
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    match fs::read_dir(cache) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_listing_comes_back_from_the_cache_as_it_was_made() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    let loaded = Corpus::load(&[corpus.path().to_owned()], &LoadOptions::default()).unwrap();
    let first = open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(!first.cached);
    assert_eq!(first, Listing::of(&loaded));
    assert_eq!(first.report.warnings.len(), 2, "{:?}", first.report);
    assert_eq!(first.report.duplicates, 1);
    let second = open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(second.cached);
    assert_eq!(
        Listing {
            cached: false,
            ..second
        },
        first
    );
}

#[test]
fn ranking_a_listing_ranks_the_articles() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    let loaded = Corpus::load(&[corpus.path().to_owned()], &LoadOptions::default()).unwrap();
    open_in(corpus.path(), cache.path(), Duration::ZERO);
    let listing = open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(listing.cached);
    for query in ["mutu", "中非", "s", "", "xqzj"] {
        let from_listing = search::rank_index(&listing.titles, query, &|| false);
        let from_articles = search::rank(&loaded.articles, query, &|| false);
        assert_eq!(from_listing, from_articles, "{query}");
    }
    assert_eq!(listing.roots, loaded.roots);
    let ids: Vec<&str> = (0..listing.len()).map(|i| listing.ids.get(i)).collect();
    assert_eq!(ids, ["feed.jsonl#1", "sport/copy.txt", "tech/2.txt"]);
    assert_eq!(listing.sections.get(0), "world");
    assert_eq!(listing.titles.date(0), Some(1_099_958_400));
}

#[test]
fn a_changed_file_or_other_options_are_loaded_again() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    open_in(corpus.path(), cache.path(), Duration::ZERO);
    fs::write(
        corpus.path().join("tech/2.txt"),
        "Mutu will appeal\n\nLonger body.",
    )
    .unwrap();
    let changed = open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(!changed.cached);
    assert_eq!(changed.titles.titles().get(2), "Mutu will appeal");
    fs::remove_file(corpus.path().join("sport/empty.txt")).unwrap();
    let removed = open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(!removed.cached);
    assert_eq!(removed.report.warnings.len(), 1);
    let options = LoadOptions {
        boilerplate: Boilerplate::new(["A body."]),
        ..LoadOptions::default()
    };
    let paths = [corpus.path().to_owned()];
    assert!(
        !open(&paths, &options, cache.path(), Duration::ZERO)
            .unwrap()
            .cached
    );
    assert!(
        open(&paths, &options, cache.path(), Duration::ZERO)
            .unwrap()
            .cached
    );
}

#[test]
fn files_changed_lately_are_not_cached() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    let hour = Duration::from_secs(3600);
    open_in(corpus.path(), cache.path(), hour);
    assert!(cache_files(cache.path()).is_empty());
    assert!(!open_in(corpus.path(), cache.path(), hour).cached);
}

#[test]
fn a_damaged_cache_is_a_miss_and_never_a_panic() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    let made = open_in(corpus.path(), cache.path(), Duration::ZERO);
    let file = cache_files(cache.path()).pop().unwrap();
    let bytes = fs::read(&file).unwrap();
    let key = codec::written_under(&bytes).unwrap().to_vec();
    let key = key.as_slice();
    assert!(decode(&bytes, Some(key)).is_some());
    for end in 0..bytes.len() {
        assert!(decode(&bytes[..end], Some(key)).is_none(), "cut at {end}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer, Some(key)).is_none());
    for at in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x20;
        assert!(decode(&flipped, Some(key)).is_none(), "byte {at} changed");
    }
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let reloaded = open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(!reloaded.cached);
    assert_eq!(reloaded, made);
}

#[test]
fn an_unwritable_cache_only_costs_time() {
    let corpus = corpus_dir();
    let blocker = tempfile::NamedTempFile::new().unwrap();
    // A file where the cache folder should be: nothing can be written there.
    let listing = open_in(
        corpus.path(),
        &blocker.path().join("byline"),
        Duration::ZERO,
    );
    assert_eq!(listing.len(), 3);
}

#[test]
fn a_listing_holding_control_characters_is_not_used() {
    let listing = Listing {
        ids: Packed::from_strs(["a.txt"].into_iter()),
        sections: Packed::from_strs([""].into_iter()),
        titles: TitleIndex::from_parts(Packed::from_strs(["Red"].into_iter()), vec![None]).unwrap(),
        newest: vec![0],
        ..Listing::default()
    };
    assert!(decode(&encode(&listing, b"k"), Some(b"k")).is_some());
    for title in ["\u{1b}[31mRed", "Bell\u{7}", "C1 \u{9b}31m", "DEL\u{7f}"] {
        let titles = Packed::from_strs([title].into_iter());
        let tainted = Listing {
            titles: TitleIndex::from_parts(titles, vec![None]).unwrap(),
            ..listing.clone()
        };
        assert!(
            decode(&encode(&tainted, b"k"), Some(b"k")).is_none(),
            "{title:?}"
        );
    }
}

/// Issue 10, item 19: ESC was refused, but U+202E (which reverses the
/// text after it) and U+200B were let through.
#[test]
fn a_listing_holding_what_cleaning_removes_is_not_used() {
    let listing = Listing {
        ids: Packed::from_strs(["a.txt"].into_iter()),
        sections: Packed::from_strs([""].into_iter()),
        titles: TitleIndex::from_parts(Packed::from_strs(["Red"].into_iter()), vec![None]).unwrap(),
        newest: vec![0],
        ..Listing::default()
    };
    for bad in [
        "evil\u{202e}txt",
        "zero\u{200b}width",
        "two  spaces",
        " edge",
    ] {
        let packed = || Packed::from_strs([bad].into_iter());
        let tainted = [
            Listing {
                titles: TitleIndex::from_parts(packed(), vec![None]).unwrap(),
                ..listing.clone()
            },
            Listing {
                ids: packed(),
                ..listing.clone()
            },
            Listing {
                sections: packed(),
                ..listing.clone()
            },
        ];
        for (n, tainted) in tainted.iter().enumerate() {
            assert!(
                decode(&encode(tainted, b"k"), Some(b"k")).is_none(),
                "{bad:?} {n}"
            );
        }
        let mut warned = listing.clone();
        let kind = WarningKind::BadEntry("x".into());
        warned
            .report
            .warnings
            .push(Warning::new(Path::new("f"), kind));
        assert!(decode(&encode(&warned, b"k"), Some(b"k")).is_some());
        warned.report.warnings[0].path = bad.to_owned();
        assert!(
            decode(&encode(&warned, b"k"), Some(b"k")).is_none(),
            "{bad:?}"
        );
        warned.report.warnings[0].path = "f".to_owned();
        warned.report.warnings[0].kind = WarningKind::BadEntry(bad.replace(' ', "\n "));
        assert!(
            decode(&encode(&warned, b"k"), Some(b"k")).is_none(),
            "{bad:?}"
        );
    }
}

#[test]
fn another_users_listing_is_not_read() {
    // As any user, root included: the owner compared with is passed in,
    // so no file has to be given away (which only root can do).
    use std::os::unix::fs::MetadataExt;
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    open_in(corpus.path(), cache.path(), Duration::ZERO);
    let file = cache_files(cache.path()).pop().unwrap();
    let owner = fs::metadata(&file).unwrap().uid();
    let (_, size) = open_if_owned_by(&file, owner).unwrap();
    assert_eq!(size, fs::metadata(&file).unwrap().len());
    assert!(open_if_owned_by(&file, owner.wrapping_add(1)).is_none());
    assert!(open_in(corpus.path(), cache.path(), Duration::ZERO).cached);
}

#[test]
fn a_fifo_in_place_of_a_listing_is_a_miss_not_a_wait() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    open_in(corpus.path(), cache.path(), Duration::ZERO);
    let file = cache_files(cache.path()).pop().unwrap();
    fs::remove_file(&file).unwrap();
    let fifo = rustix::fs::FileType::Fifo;
    let mode = rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR;
    rustix::fs::mknodat(rustix::fs::CWD, &file, fifo, mode, 0).unwrap();
    let paths = [corpus.path().to_owned()];
    // Returns (it would block forever on a FIFO without a writer).
    assert!(latest(&paths, &LoadOptions::default(), cache.path()).is_none());
}

#[test]
fn a_load_with_an_unreadable_file_is_not_cached() {
    // Unreadable to root as well, which reads a file whatever its mode: a
    // regular file whose read fails. Reading this process's own memory at
    // offset 0, which nothing maps, fails with EIO. It is named as a path
    // of its own: the walk does not follow links into /proc.
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    let paths = [corpus.path().to_owned(), PathBuf::from("/proc/self/mem")];
    let listing = open(
        &paths,
        &LoadOptions::default(),
        cache.path(),
        Duration::ZERO,
    )
    .unwrap();
    assert_eq!(listing.report.unreadable(), 1, "{:?}", listing.report);
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn old_listings_are_pruned_when_one_is_written() {
    let (corpus, cache) = (corpus_dir(), tempfile::tempdir().unwrap());
    fs::create_dir_all(cache.path()).unwrap();
    let old = cache.path().join("listing-0000000000000000");
    let other = cache.path().join("notes.txt");
    for file in [&old, &other] {
        fs::write(file, "x").unwrap();
        let month_ago = SystemTime::now() - KEEP - Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(month_ago)
            .unwrap();
    }
    open_in(corpus.path(), cache.path(), Duration::ZERO);
    assert!(!old.exists());
    assert!(other.exists(), "only listings are pruned");
    assert_eq!(cache_files(cache.path()).len(), 2);
}

#[test]
fn the_working_folder_names_a_corpus_only_when_a_path_is_relative() {
    let options = LoadOptions::default();
    let absolute = [PathBuf::from("/srv/news")];
    let relative = [PathBuf::from("news")];
    let cwd = std::env::current_dir().unwrap();
    let cwd = cwd.as_os_str().as_bytes();
    let holds = |head: &[u8]| head.windows(cwd.len()).any(|w| w == cwd);
    assert!(!holds(&head(&absolute, &options)));
    assert!(holds(&head(&relative, &options)));
}
