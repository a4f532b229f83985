//! Re-indexing one article that changed, without rebuilding the rest: it
//! is taken out of every list its old text put it in, and its new text's
//! positions are spliced in at their places, so the lists stay sorted.

use hashbrown::HashMap;

use super::build::{positions_of, weighted};
use super::postings::Term;
use super::{Article, TextIndex};

type Positions = HashMap<String, Vec<u32>, foldhash::fast::RandomState>;

/// Each token of `article` with its positions, and the title's and the
/// body's word counts.
fn positions(article: &Article) -> (Positions, u32, u32) {
    let mut all = Positions::default();
    let (title, body) = positions_of(article, |t, at| all.entry_ref(t).or_default().push(at));
    (all, title, body)
}

impl TextIndex {
    /// Article `doc`, indexed as `old`, now reads as `new`. A `doc` past
    /// the end is added (it must be the next one).
    pub fn replace(&mut self, doc: usize, old: Option<&Article>, new: &Article) {
        let Ok(id) = u32::try_from(doc) else { return };
        let (fresh, title, body) = positions(new);
        if let Some(old) = old.filter(|_| doc < self.len()) {
            for term in positions(old).0.keys() {
                if fresh.contains_key(term.as_str()) {
                    continue;
                }
                if let Some(&t) = self.terms.get(term.as_str()) {
                    self.postings[t as usize].set(id, 0, &[]);
                }
            }
        }
        for (term, at) in fresh {
            let t = self.term_id(term);
            self.postings[t as usize].set(id, weighted(&at, title), &at);
        }
        match (self.titles.get_mut(doc), self.bodies.get_mut(doc)) {
            (Some(t), Some(b)) => (*t, *b) = (title, body),
            _ => {
                self.titles.push(title);
                self.bodies.push(body);
            }
        }
        let total: u64 = (0..self.len()).map(|d| u64::from(self.length(d))).sum();
        self.average = total as f32 / self.len().max(1) as f32;
    }

    /// The id of `term`, added to the vocabulary (and its sorted copy) when new.
    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.terms.get(term.as_str()) {
            return id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.postings.push(Term::default());
        let at = self.sorted.partition_point(|(t, _)| *t < term);
        self.sorted.insert(at, (term.clone(), id));
        self.terms.insert(term, id);
        id
    }
}
