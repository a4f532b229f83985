//! Exact duplicates, dropped once everything is loaded, and ids made unique.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::article::Article;

/// An article that was not kept because an earlier one had the same URL, or
/// the same title and body. Its id still finds the article kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub id: String,
    pub section: String,
    /// Index of the article kept.
    pub of: usize,
}

/// Keeps the first of articles with the same URL, or the same title and body,
/// and says which were dropped in favour of which. `file_of` (which file
/// gave each article) loses the same entries.
#[cfg(test)]
pub fn drop_duplicates(articles: &mut Vec<Arc<Article>>, file_of: &mut Vec<u32>) -> Vec<Duplicate> {
    split_duplicates(articles, file_of).0
}

/// As [`drop_duplicates`], and gives the articles dropped too, each with its
/// place among the articles given: a refresh gives them back to the files
/// that had them (see [`super::Sources`]).
pub fn split_duplicates(
    articles: &mut Vec<Arc<Article>>,
    file_of: &mut Vec<u32>,
) -> (Vec<Duplicate>, Vec<(usize, Arc<Article>)>) {
    let original = find_originals(articles);
    // Where each kept article lands once the duplicates are gone.
    let mut new_index = Vec::with_capacity(articles.len());
    let mut kept = 0;
    for o in &original {
        new_index.push(kept);
        kept += usize::from(o.is_none());
    }
    let duplicates = original
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let first = (*o)?;
            let a = &articles[i];
            Some(Duplicate {
                id: a.id.clone(),
                section: a.section.clone(),
                of: new_index[first],
            })
        })
        .collect::<Vec<_>>();
    if duplicates.is_empty() {
        return (duplicates, Vec::new());
    }
    let mut flags = original.iter();
    file_of.retain(|_| flags.next().copied().flatten().is_none());
    // Taken out in place: the articles kept stay in their allocation.
    let places = original.iter().enumerate().filter(|(_, o)| o.is_some());
    let mut flags = original.iter();
    let taken = articles.extract_if(.., |_| flags.next().copied().flatten().is_some());
    let dropped = places.map(|(at, _)| at).zip(taken).collect();
    (duplicates, dropped)
}

/// For each article, the index of the earlier one it duplicates, if any.
///
/// Keys are hashed on every core first; the pass in order then only looks
/// them up. With the standard library's maps, hashing in that pass was a
/// fifth of loading a hundred thousand short JSON entries.
fn find_originals(articles: &[Arc<Article>]) -> Vec<Option<usize>> {
    let state = foldhash::fast::RandomState::default();
    // Titles and body lengths: bodies are compared only on a tie.
    let hashes: Vec<(Option<u64>, u64)> = articles
        .par_iter()
        .map(|a| {
            let url = url_of(a).map(|u| state.hash_one(u));
            (url, state.hash_one((&a.title, a.body.len())))
        })
        .collect();
    let mut original = vec![None; articles.len()];
    let mut urls = HashTable::with_capacity(articles.len());
    let mut texts = HashTable::with_capacity(articles.len());
    for (i, (a, &(url_hash, text_hash))) in articles.iter().zip(&hashes).enumerate() {
        if let (Some(url), Some(hash)) = (url_of(a), url_hash) {
            let same_url = |&j: &usize| articles[j].url.as_deref() == Some(url);
            if let Some(&first) = urls.find(hash, same_url) {
                original[i] = Some(first);
                continue;
            }
            urls.insert_unique(hash, i, |&j| hashes[j].0.unwrap_or_default());
        }
        let same_text = |&j: &usize| articles[j].title == a.title && articles[j].body == a.body;
        match texts.find(text_hash, same_text) {
            Some(&first) => original[i] = Some(first),
            None => {
                texts.insert_unique(text_hash, i, |&j| hashes[j].1);
            }
        }
    }
    original
}

fn url_of(a: &Article) -> Option<&str> {
    a.url.as_deref().filter(|u| !u.is_empty())
}

/// Two roots can hold the same relative path: later ones get `~2`, `~3`...
/// Says which got which count, in order.
pub fn make_ids_unique(articles: &mut [Arc<Article>]) -> Vec<(usize, usize)> {
    // Found first, renamed after: the ids are borrowed, not copied, while
    // they are counted.
    let mut renames = Vec::new();
    {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
        for (i, a) in articles.iter().enumerate() {
            let n = seen.entry(a.id.as_str()).or_insert(0);
            *n += 1;
            if *n > 1 {
                renames.push((i, *n));
            }
        }
    }
    for &(i, n) in &renames {
        let a = Arc::make_mut(&mut articles[i]);
        a.id = format!("{}~{n}", a.id);
        if let Some(name) = &mut a.name {
            name.push_str(&format!("~{n}"));
        }
    }
    renames
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, title: &str, body: &str) -> Arc<Article> {
        Arc::new(Article {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            ..Article::default()
        })
    }

    #[test]
    fn bodies_of_the_same_length_and_title_are_told_apart() {
        let mut articles = vec![
            article("a", "T", "aaa"),
            article("b", "T", "bbb"),
            article("c", "T", "ccc"),
            article("d", "T", "aaa"),
            article("e", "T", "bbb"),
        ];
        let duplicates = drop_duplicates(&mut articles, &mut Vec::new());
        let kept: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(kept, ["a", "b", "c"]);
        let of: Vec<(&str, usize)> = duplicates.iter().map(|d| (d.id.as_str(), d.of)).collect();
        assert_eq!(of, [("d", 0), ("e", 1)]);
    }

    #[test]
    fn repeated_ids_get_a_count() {
        let mut articles = [
            article("x", "1", ""),
            article("y", "2", ""),
            article("x", "3", ""),
            article("x", "4", ""),
        ];
        make_ids_unique(&mut articles);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "y", "x~2", "x~3"]);
    }
}
