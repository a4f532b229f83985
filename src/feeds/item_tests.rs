use super::*;

fn rss(items: &str) -> feed_rs::model::Feed {
    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Paper</title>\
         <link>https://paper.example/</link>{items}</channel></rss>"
    );
    crate::fetch::parse_feed(xml.as_bytes(), "https://paper.example/feed").unwrap()
}

fn origin() -> Origin {
    Origin {
        section: String::new(),
        tags: vec!["mine".into()],
        now: 1_700_000_000,
    }
}

const THREE: &str = "<item><guid>g-1</guid><title>One</title><link>https://paper.example/1</link>\
    <description>&lt;p&gt;First &amp;amp; &lt;b&gt;best&lt;/b&gt;&lt;/p&gt;</description>\
    <pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate><category>World</category></item>\
    <item><title>Two</title><link>https://paper.example/2</link></item>\
    <item><title>Three</title><description>no link, no guid</description></item>";

#[test]
fn items_get_the_guid_else_the_link_else_a_hash_as_id() {
    let items = from_feed(rss(THREE), &origin());
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids[..2], ["g-1", "https://paper.example/2"]);
    assert!(ids[2].starts_with("h:") && ids[2].len() == 18, "{}", ids[2]);
    let one = &items[0];
    assert_eq!(one.title, "One");
    assert_eq!(one.source.as_deref(), Some("The Paper"));
    assert_eq!(
        one.section, "The Paper",
        "the feed's title when no section is set"
    );
    assert_eq!(one.tags, ["mine", "World"]);
    assert_eq!(one.summary.as_deref(), Some("First & best"));
    assert_eq!(one.date.as_deref(), Some("2025-06-10T04:00:00+00:00"));
    assert_eq!(one.first_seen, 1_700_000_000);
}

#[test]
fn the_hash_id_is_stable_across_fetches() {
    let a = from_feed(rss(THREE), &origin());
    let b = from_feed(rss(THREE), &Origin { now: 5, ..origin() });
    assert_eq!(a[2].id, b[2].id);
}

#[test]
fn an_item_seen_again_updates_in_place_and_keeps_its_id_and_full_text() {
    let mut kept = from_feed(rss(THREE), &origin());
    kept[0].body = Some("the full article".into());
    kept[0].full_text = true;
    let changed = THREE.replace("<title>One</title>", "<title>One, corrected</title>");
    let fresh = from_feed(
        rss(&format!(
            "{changed}<item><guid>g-4</guid><title>Four</title></item>"
        )),
        &Origin { now: 9, ..origin() },
    );
    let merged = merge(&mut kept, fresh);
    assert_eq!(merged, Merged { new: 1, updated: 1 });
    assert_eq!(kept.len(), 4);
    assert_eq!(kept[0].id, "g-1");
    assert_eq!(kept[0].title, "One, corrected");
    assert_eq!(kept[0].body.as_deref(), Some("the full article"));
    assert!(kept[0].full_text);
    assert_eq!(kept[0].first_seen, 1_700_000_000, "first seen stays");
    assert_eq!(kept[3].id, "g-4");
    // Items gone from the feed stay.
    let merged = merge(&mut kept, Vec::new());
    assert_eq!((merged, kept.len()), (Merged::default(), 4));
}

#[test]
fn feed_text_is_cleaned_of_escapes() {
    let items = from_feed(
        rss("<item><guid>x\u{1b}[2J</guid><title>T\u{1b}]0;evil\u{7}itle</title></item>"),
        &origin(),
    );
    assert!(!items[0].title.contains('\u{1b}'), "{:?}", items[0].title);
    assert!(!items[0].id.contains('\u{1b}'));
}
