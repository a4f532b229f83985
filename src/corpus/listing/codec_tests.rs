use std::path::Path;

use proptest::prelude::*;

use super::packed::all_clean_lines;
use super::*;
use crate::clean::is_clean_line;
use crate::corpus::{Input, InputKind, Warning, WarningKind};
use crate::packed::{Packed, TitleIndex};

/// A listing of `titles` (each with a date or none), ids made of their
/// places, two files, and the order given by sorting on the dates.
fn listing_of(titles: &[(String, Option<i64>)]) -> Listing {
    let ids: Vec<String> = (0..titles.len()).map(|i| format!("f.jsonl#{i}")).collect();
    let dates: Vec<Option<i64>> = titles.iter().map(|t| t.1).collect();
    let mut rows: Vec<usize> = (0..titles.len()).collect();
    crate::order::by_date(&mut rows, |i| dates[i], true);
    let file = |name: &str| {
        let path = std::path::PathBuf::from(name);
        Input::listed(path, name.into(), None, "s".into(), InputKind::JsonLines)
    };
    Listing {
        ids: Packed::from_strs(ids.iter().map(String::as_str)),
        sections: Packed::from_strs(titles.iter().map(|_| "s")),
        titles: TitleIndex::from_parts(
            Packed::from_strs(titles.iter().map(|t| t.0.as_str())),
            dates,
        )
        .expect("as many dates as titles"),
        newest: rows.into_iter().map(|i| i as u32).collect(),
        files: vec![file("f.jsonl"), file("g.jsonl")],
        file_of: (0..titles.len() as u32).map(|i| i % 2).collect(),
        ..Listing::default()
    }
}

proptest! {
    /// What is written comes back as it was, under its key only; cut
    /// anywhere or with any byte changed, it is a miss, never a panic.
    #[test]
    fn a_listing_comes_back_whole_or_not_at_all(
        titles in proptest::collection::vec(
            ("[a-zé北]{1,3}( [a-zé北]{1,3}){0,2}", proptest::option::of(any::<i64>())),
            0..12,
        ),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let listing = listing_of(&titles);
        let bytes = encode(&listing, b"key");
        let decoded = decode(&bytes, Some(b"key")).expect("decodes");
        prop_assert_eq!(&decoded, &Listing { cached: true, ..listing });
        prop_assert!(decode(&bytes, Some(b"other")).is_none());
        prop_assert!(decode(&bytes[..cut.index(bytes.len())], Some(b"key")).is_none());
        let mut flipped = bytes.clone();
        flipped[flip.index(bytes.len())] ^= 0x01;
        prop_assert!(decode(&flipped, Some(b"key")).is_none());
    }

    /// Runs of strings are checked at once: as each string alone would be.
    #[test]
    fn strings_are_clean_lines_as_a_run_as_one_by_one(
        strings in proptest::collection::vec("[a \n\té\u{200b}\u{a0}\x1b]{0,6}", 0..40),
    ) {
        let packed = Packed::from_strs(strings.iter().map(String::as_str));
        let each = strings.iter().all(|s| is_clean_line(s));
        prop_assert_eq!(all_clean_lines(&packed), each);
    }
}

/// The warnings of pages and feeds come back from the cache as they went
/// in, each with its own tag.
#[test]
fn page_and_feed_warnings_survive_the_cache() {
    use WarningKind::*;
    let kinds = [
        PageCut { mib: 16 },
        MarkupCut,
        NoArticle("no content".into()),
        FeedTooLarge { mib: 16 },
        NotAFeed("unknown root".into()),
        NoItems,
        ItemMarkupCut {
            id: "f.rss#a".into(),
        },
        ItemBodyCut {
            id: "f.rss#b".into(),
            mib: 1,
        },
    ];
    let mut listing = Listing::default();
    for kind in kinds {
        let warning = Warning::new(Path::new("f.rss"), kind);
        listing.report.warnings.push(warning);
    }
    let decoded = decode(&encode(&listing, b"k"), Some(b"k")).expect("decodes");
    assert_eq!(decoded.report.warnings, listing.report.warnings);
    let said: Vec<_> = decoded
        .report
        .warnings
        .iter()
        .map(Warning::message)
        .collect();
    assert_eq!(said[6], "item f.rss#a: markup past the element limit; cut");
    assert_eq!(said[7], "item f.rss#b: body larger than 1 MiB; cut");
}

/// The order kept is used as it is: one that is not every article once
/// is a damaged listing.
#[test]
fn an_order_that_is_not_every_article_once_is_a_miss() {
    let strs = || ["a", "b", "c"].into_iter();
    let listing = Listing {
        ids: Packed::from_strs(strs()),
        sections: Packed::from_strs(["", "", ""].into_iter()),
        titles: TitleIndex::from_parts(Packed::from_strs(strs()), vec![None, Some(1), None])
            .expect("as many dates as titles"),
        newest: vec![1, 0, 2],
        ..Listing::default()
    };
    let decoded = decode(&encode(&listing, b"k"), Some(b"k")).expect("decodes");
    assert_eq!(decoded.newest, [1, 0, 2]);
    let dates: Vec<_> = (0..4).map(|i| decoded.titles.date(i)).collect();
    assert_eq!(dates, [None, Some(1), None, None]);
    for newest in [vec![1, 0, 0], vec![1, 0, 3], vec![1, 0]] {
        let forged = Listing {
            newest,
            ..listing.clone()
        };
        assert_eq!(decode(&encode(&forged, b"k"), Some(b"k")), None);
    }
}
