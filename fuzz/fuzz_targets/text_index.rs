//! Arbitrary bytes as a cached text index (past its checksum and key,
//! which no fuzzer could make hold): decoding must refuse or give an index
//! that every query form can search without panicking, hits in range.

#![no_main]

use byline::search::text::{TextQuery, store};
use libfuzzer_sys::fuzz_target;

const QUERIES: &[&str] = &[
    "a",
    "a b",
    "-a",
    "a*",
    "\"a b\"",
    "\"a b*\"",
    "\"a a\" -\"b a\"",
];

fuzz_target!(|data: &[u8]| {
    let Some(index) = store::decode_body(data) else {
        return;
    };
    for q in QUERIES {
        for hit in index.find(&TextQuery::parse(q)) {
            assert!(hit.index < index.len(), "{hit:?}");
        }
    }
});
