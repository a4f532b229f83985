//! Arbitrary text as a filter (`section:sport -is:read after:2005-01-01
//! words`): parsing must not panic; a filter that parses can be applied;
//! one that does not says why, naming its term.

#![no_main]

use byline::Article;
use byline::search::filter::Filter;
use byline::state::ReadingState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Filter::parse(&text) {
        Ok(filter) => {
            let article = Article {
                title: "Title".into(),
                section: "sport".into(),
                ..Article::default()
            };
            let _ = filter.admits(&article, &ReadingState::default());
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
