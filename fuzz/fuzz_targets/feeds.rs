//! Arbitrary bytes through what reads subscriptions and fetched feeds:
//! OPML import, `feeds.toml`, and a feed body turned into archive items.
//! Nothing may panic; no URL that is not http(s) may come out; no item
//! text may carry a control character (newlines aside) to the terminal.

#![no_main]

use byline::feeds::item::{Origin, from_feed};
use byline::feeds::{Subscriptions, opml};
use libfuzzer_sys::fuzz_target;

fn is_http(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

fn clean(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = opml::import(&text) {
        for feed in &imported.feeds {
            assert!(is_http(&feed.url.to_ascii_lowercase()), "{:?}", feed.url);
        }
    }
    if let Ok(subs) = Subscriptions::parse(&text, "feeds.toml") {
        for feed in &subs.feeds {
            assert!(is_http(&feed.url.to_ascii_lowercase()), "{:?}", feed.url);
        }
    }
    if let Ok(feed) = byline::fetch::parse_feed(data, "https://fuzz.example/feed") {
        for item in from_feed(feed, &Origin::default()) {
            assert!(clean(&item.title) && clean(&item.id), "{item:?}");
            assert!(item.url.as_deref().is_none_or(is_http), "{item:?}");
            for text in [&item.summary, &item.content_text, &item.content_html].into_iter().flatten() {
                assert!(clean(text), "{item:?}");
            }
        }
    }
});
