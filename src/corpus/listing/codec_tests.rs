use std::path::Path;

use proptest::prelude::*;

use super::packed::all_clean_lines;
use super::*;
use crate::clean::is_clean_line;
use crate::corpus::{Warning, WarningKind};

proptest! {
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
    assert_eq!(decoded.titles.dates(), [None, Some(1), None]);
    for newest in [vec![1, 0, 0], vec![1, 0, 3], vec![1, 0]] {
        let forged = Listing {
            newest,
            ..listing.clone()
        };
        assert_eq!(decode(&encode(&forged, b"k"), Some(b"k")), None);
    }
}
