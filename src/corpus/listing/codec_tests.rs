use std::path::Path;

use super::*;

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
