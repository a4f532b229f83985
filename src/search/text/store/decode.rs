//! An index's bytes, after the magic and the key: the articles' word
//! counts, then every term in sorted order with its postings stream (see
//! [`postings`](super::super::postings)). Nothing is trusted: decoding
//! checks that terms ascend, every article is in range and ascends in its
//! list, and every position ascends within its article's words.

use rayon::prelude::*;

use super::super::build::weighted;
use super::super::postings::{Term, get_header, get_varint, put_varint};
use super::super::{Posting, TextIndex};

pub(super) fn encode(index: &TextIndex, out: &mut Vec<u8>) {
    put_varint(out, index.len() as u64);
    for (&t, &b) in index.titles.iter().zip(&index.bodies) {
        put_varint(out, u64::from(t));
        put_varint(out, u64::from(b));
    }
    // A term every article lost in re-indexing is left out.
    let terms: Vec<(&str, &Term)> = index
        .sorted
        .iter()
        .map(|(name, id)| (name.as_str(), &index.postings[*id as usize]))
        .filter(|(_, term)| !term.docs.is_empty())
        .collect();
    put_varint(out, terms.len() as u64);
    for (name, term) in terms {
        put_bytes(out, name.as_bytes());
        put_varint(out, term.docs.len() as u64);
        put_bytes(out, &term.stream);
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn get_bytes<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let len = usize::try_from(get_varint(bytes, at)?).ok()?;
    let slice = bytes.get(*at..at.checked_add(len)?)?;
    *at += len;
    Some(slice)
}

fn get_u32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    u32::try_from(get_varint(bytes, at)?).ok()
}

pub(super) fn decode(bytes: &[u8]) -> Option<TextIndex> {
    let mut at = 0;
    let n = usize::try_from(get_varint(bytes, &mut at)?).ok()?;
    // Two bytes at least an article: a bogus count cannot reserve much.
    let mut titles = Vec::with_capacity(n.min(bytes.len() / 2));
    let mut bodies = Vec::with_capacity(n.min(bytes.len() / 2));
    for _ in 0..n {
        titles.push(get_u32(bytes, &mut at)?);
        bodies.push(get_u32(bytes, &mut at)?);
    }
    let count = usize::try_from(get_varint(bytes, &mut at)?).ok()?;
    let mut raw: Vec<(&str, u64, &[u8])> = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let name = std::str::from_utf8(get_bytes(bytes, &mut at)?).ok()?;
        let docs = get_varint(bytes, &mut at)?;
        let stream = get_bytes(bytes, &mut at)?;
        if raw.last().is_some_and(|last| last.0 >= name) || name.is_empty() {
            return None;
        }
        raw.push((name, docs, stream));
    }
    if at != bytes.len() {
        return None;
    }
    let postings: Option<Vec<Term>> = raw
        .par_iter()
        .map(|&(_, docs, stream)| term(stream, docs, &titles, &bodies))
        .collect();
    let mut index = TextIndex {
        postings: postings?,
        titles,
        bodies,
        ..TextIndex::default()
    };
    for (id, (name, ..)) in raw.iter().enumerate() {
        let id = u32::try_from(id).ok()?;
        index.terms.insert((*name).to_owned(), id);
        index.sorted.push(((*name).to_owned(), id));
    }
    let total: u64 = (0..index.len()).map(|d| u64::from(index.length(d))).sum();
    index.average = total as f32 / index.len().max(1) as f32;
    Some(index)
}

/// One term's list from its stream, checked, with BM25's counts worked out.
fn term(stream: &[u8], docs: u64, titles: &[u32], bodies: &[u32]) -> Option<Term> {
    let mut term = Term::default();
    term.docs = Vec::with_capacity(usize::try_from(docs).ok()?.min(stream.len()));
    term.stream = stream.to_vec();
    let (mut at, mut previous) = (0, None::<u32>);
    let mut positions = Vec::new();
    while at < stream.len() {
        let (gap, count) = get_header(stream, &mut at)?;
        let doc = match previous {
            Some(p) => u64::from(p).checked_add(gap)?,
            None => gap.checked_sub(1)?,
        };
        let doc = u32::try_from(doc)
            .ok()
            .filter(|&d| (d as usize) < titles.len())?;
        let (title, body) = (titles[doc as usize], bodies[doc as usize]);
        // Positions run to the title's words, a gap, then the body's.
        let end = u64::from(title) + 1 + u64::from(body);
        positions.clear();
        let mut position = 0u64;
        for k in 0..count {
            let step = get_varint(stream, &mut at)?;
            if k > 0 && step == 0 {
                return None;
            }
            position = position.checked_add(step)?;
            if position >= end || position == u64::from(title) {
                return None;
            }
            positions.push(position as u32);
        }
        let tf = weighted(&positions, title);
        term.docs.push(Posting { doc, tf });
        previous = Some(doc);
    }
    if term.docs.len() as u64 != docs || term.docs.is_empty() {
        return None;
    }
    term.index_skips();
    Some(term)
}
