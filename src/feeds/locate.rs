//! From an article the reader shows back to its item in the archive, for
//! `F`: the loader names an archive item `<feed file>#<escaped item id>`
//! ([`crate::corpus::entry_id`]), and a feed file is named from its
//! feed's URL ([`super::archive::stem`]), so the subscriptions give the
//! URL and the feed's file gives the item.

use super::Subscriptions;
use super::archive::{Archive, ArchiveError, stem};
use super::item::Item;

/// An archived item and the URL of its feed (the archive's key for it).
#[derive(Debug, Clone)]
pub struct Located {
    pub feed_url: String,
    pub item: Item,
}

/// Why an article could not be traced back to an archived item.
#[derive(Debug, thiserror::Error)]
pub enum NotLocated {
    #[error("not from the feeds' archive")]
    NotArchived,
    #[error("its feed is no longer subscribed")]
    Unsubscribed,
    #[error("no longer in the archive")]
    Gone,
    #[error(transparent)]
    Archive(#[from] ArchiveError),
}

impl Archive {
    /// The item that the article `article_id` was loaded from.
    pub fn locate(&self, subs: &Subscriptions, article_id: &str) -> Result<Located, NotLocated> {
        let (file, _) = article_id
            .split_once(".jsonl#")
            .ok_or(NotLocated::NotArchived)?;
        // The archive may have been opened from a folder above it.
        let name = file.rsplit('/').next().unwrap_or(file);
        let sub = subs
            .feeds
            .iter()
            .find(|s| stem(&s.url) == name)
            .ok_or(NotLocated::Unsubscribed)?;
        let file_id = format!("{file}.jsonl");
        let item = self
            .read_items(&sub.url)?
            .into_iter()
            .find(|i| crate::corpus::entry_id(&file_id, &i.id) == article_id)
            .ok_or(NotLocated::Gone)?;
        Ok(Located {
            feed_url: sub.url.clone(),
            item,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::Subscription;

    #[test]
    fn an_article_of_the_loaded_archive_leads_back_to_its_feed_and_item() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::new(dir.path().join("feeds"));
        let url = "https://a.example/feed";
        let item = Item {
            id: "https://a.example/1#top and more".into(),
            title: "One".into(),
            first_seen: 1,
            ..Item::default()
        };
        archive.write_items(url, &[item]).unwrap();
        let mut subs = Subscriptions::default();
        subs.add(Subscription::new(url)).unwrap();
        // Opened from the archive itself, and from the folder above it.
        for root in [dir.path().join("feeds"), dir.path().to_owned()] {
            let corpus = crate::Corpus::load(&[root], &crate::LoadOptions::default()).unwrap();
            let found = archive.locate(&subs, &corpus.articles[0].id).unwrap();
            assert_eq!(found.feed_url, url);
            assert_eq!(found.item.id, "https://a.example/1#top and more");
        }
        assert!(matches!(
            archive.locate(&subs, "notes.txt"),
            Err(NotLocated::NotArchived)
        ));
        assert!(matches!(
            archive.locate(&Subscriptions::default(), &format!("{}.jsonl#x", stem(url))),
            Err(NotLocated::Unsubscribed)
        ));
        assert!(matches!(
            archive.locate(&subs, &format!("{}.jsonl#nope", stem(url))),
            Err(NotLocated::Gone)
        ));
    }
}
