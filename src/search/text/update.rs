//! Re-indexing one article that changed, without rebuilding the rest: its
//! postings are taken out of every list its old text put them in, and its
//! new text's are put in at their places, so the lists stay sorted.

use hashbrown::HashMap;

use super::{Posting, TITLE_WEIGHT, TextIndex, tokens};
use crate::article::Article;

/// Each token of `article`, with its weighted count, and the total.
fn counts(article: &Article) -> (HashMap<String, u32, foldhash::fast::RandomState>, u32) {
    let mut counts: HashMap<String, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut length = 0u32;
    for (text, weight) in [
        (article.title.as_str(), TITLE_WEIGHT),
        (article.body.as_str(), 1),
    ] {
        tokens::for_each(text, |t, _| {
            length = length.saturating_add(weight);
            *counts.entry_ref(t).or_insert(0) += weight;
        });
    }
    (counts, length)
}

impl TextIndex {
    /// Article `doc`, indexed as `old`, now reads as `new`. A `doc` past
    /// the end is added (it must be the next one).
    pub fn replace(&mut self, doc: usize, old: Option<&Article>, new: &Article) {
        let Ok(id) = u32::try_from(doc) else { return };
        if let Some(old) = old.filter(|_| doc < self.len()) {
            for term in counts(old).0.keys() {
                let Some(&t) = self.terms.get(term.as_str()) else {
                    continue;
                };
                let list = &mut self.postings[t as usize];
                if let Ok(at) = list.binary_search_by_key(&id, |p| p.doc) {
                    list.remove(at);
                }
            }
        }
        let (new_counts, length) = counts(new);
        for (term, tf) in new_counts {
            let t = self.term_id(term);
            let list = &mut self.postings[t as usize];
            match list.binary_search_by_key(&id, |p| p.doc) {
                Ok(at) => list[at].tf = tf,
                Err(at) => list.insert(at, Posting { doc: id, tf }),
            }
        }
        match self.lengths.get_mut(doc) {
            Some(l) => *l = length,
            None => self.lengths.push(length),
        }
        let total: u64 = self.lengths.iter().map(|&l| u64::from(l)).sum();
        self.average = total as f32 / self.lengths.len().max(1) as f32;
    }

    /// The id of `term`, added to the vocabulary (and its sorted copy) when new.
    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.terms.get(term.as_str()) {
            return id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.postings.push(Vec::new());
        let at = self.sorted.partition_point(|(t, _)| *t < term);
        self.sorted.insert(at, (term.clone(), id));
        self.terms.insert(term, id);
        id
    }
}
