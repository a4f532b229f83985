//! Ids of feed items: `path#<guid>`, else `path#<link>`, else `path#h<hash
//! of title and body>`. Never the item's position: a feed gains items at
//! the top, and reading state is kept by id.

use std::collections::HashSet;

use feed_rs::model::Entry;

use crate::article::Article;

/// Longer guids are replaced by their hash: ids are shown and stored.
const MAX_GUID: usize = 200;

/// The id of an item of the file whose id is `file`.
pub(super) fn item_id(file: &str, entry: &Entry, article: &Article) -> String {
    let guid = entry.id.trim();
    let own = if !guid.is_empty() {
        escape(guid)
    } else if let Some(url) = &article.url {
        escape(url)
    } else {
        hash_id(&article.title, &article.body)
    };
    let own = if own.len() > MAX_GUID {
        hash_id(&own, "")
    } else {
        own
    };
    format!("{file}#{own}")
}

/// Printable ASCII is kept, but `%` and space; the rest is percent-encoded,
/// byte by byte: ids are single clean lines whatever a feed puts in guids.
pub(in crate::corpus) fn escape(guid: &str) -> String {
    let mut out = String::with_capacity(guid.len());
    for b in guid.bytes() {
        if b.is_ascii_graphic() && b != b'%' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `h` and 16 hex digits of FNV-1a over the parts: a hash whose value
/// is fixed by its definition, unlike std's or foldhash's.
fn hash_id(title: &str, body: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in title.bytes().chain([0]).chain(body.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("h{hash:016x}")
}

/// Ids already given in one file: an id seen again (a feed repeating a
/// guid) gets `~2`, `~3`… so that each id names one article.
#[derive(Debug, Default)]
pub(in crate::corpus) struct Ids {
    seen: HashSet<String>,
}

impl Ids {
    pub(in crate::corpus) fn unique(&mut self, id: String) -> String {
        let mut candidate = id.clone();
        let mut n = 1;
        while self.seen.contains(&candidate) {
            n += 1;
            candidate = format!("{id}~{n}");
        }
        self.seen.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_bytes_in_guids_are_escaped() {
        assert_eq!(escape("tag:x.org,2024:1"), "tag:x.org,2024:1");
        assert_eq!(escape("a b%\u{1b}é"), "a%20b%25%1B%C3%A9");
    }

    #[test]
    fn repeated_ids_are_made_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("f#a".into()), "f#a");
        assert_eq!(ids.unique("f#a".into()), "f#a~2");
        assert_eq!(ids.unique("f#a".into()), "f#a~3");
    }

    #[test]
    fn hashes_are_fixed_by_their_definition() {
        // FNV-1a of "a\0b", worked out by hand: a change of algorithm shows.
        assert_eq!(hash_id("a", "b"), "he5d29919042666b2");
        assert_eq!(hash_id("", ""), "haf63bd4c8601b7df");
        assert_ne!(hash_id("a", "b"), hash_id("ab", ""));
    }
}
