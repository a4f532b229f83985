//! Random bytes through every format's parser (the property loop of issue
//! 10; the fuzz target `load` runs the same check for longer).

use byline::LoadOptions;
use byline::clean::{is_clean, is_clean_line};

/// Bytes that look like a feed often enough to reach past the JSON parser:
/// fragments of entries, escapes and stray bytes, joined at random.
fn feedish() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    let fragment = prop_oneof![
        Just(b"{\"title\": \"".to_vec()),
        Just(b"\", \"body\": \"".to_vec()),
        Just(b"\", \"date\": ".to_vec()),
        Just(b"\"}\n".to_vec()),
        Just(b"[1, {\"name\": \"x\"}]".to_vec()),
        Just(b"\\u001b[2J\\u202e".to_vec()),
        Just(b"\x1b]0;x\x07\xc2\x9b\xe2\x80\xae".to_vec()),
        Just(b"1e999".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
        "[\\PC]{0,8}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(fragment, 0..24).prop_map(|parts| parts.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Random bytes through every format: no panic, and every text that
    /// comes out is as cleaning leaves it.
    #[test]
    fn whatever_is_parsed_comes_out_clean(
        bytes in proptest::prop_oneof![
            proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
            feedish(),
        ],
        tiny_body in proptest::prelude::any::<bool>(),
    ) {
        use byline::corpus::{InputKind, parse_bytes};
        let mut options = LoadOptions::default();
        if tiny_body {
            options.max_body = 16;
            options.max_line = 64;
        }
        for (kind, name) in [
            (InputKind::Text, "p.txt"),
            (InputKind::Json, "p.json"),
            (InputKind::JsonLines, "p.jsonl"),
        ] {
            let (articles, warnings) = parse_bytes(kind, name, &bytes, &options);
            for a in &articles {
                for line in [&a.id, &a.title, &a.section].into_iter()
                    .chain(&a.name)
                    .chain(&a.source)
                    .chain(&a.author)
                    .chain(&a.tags)
                {
                    proptest::prop_assert!(is_clean_line(line), "{:?}", line);
                }
                for text in [a.body.as_str()].into_iter().chain(a.url.as_deref()) {
                    proptest::prop_assert!(is_clean(text), "{:?}", text);
                }
            }
            for w in &warnings {
                proptest::prop_assert!(is_clean_line(&w.path), "{:?}", w.path);
                proptest::prop_assert!(is_clean(&w.to_string()), "{}", w);
                proptest::prop_assert!(!w.to_string().contains("untagged"), "{}", w);
            }
        }
    }
}
