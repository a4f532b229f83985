//! Feeds: RSS 0.9x, 1.0 and 2.0, Atom 1.0 and JSON Feed 1.0 and 1.1, read
//! by feed-rs (with Dublin Core, `content:encoded` and Media RSS). Every
//! item is an article whose id is the file's plus the item's own (see
//! [`id`]), so a feed that gains items keeps the ids it had.

pub(in crate::corpus) mod id;
mod item;

use std::sync::Arc;

use feed_rs::parser::Builder;

use super::parsed::{Batches, Job};
use super::warning::{Warning, WarningKind};
use crate::clean::single_line;

/// Parses a whole feed; `cut` says the read stopped at its limit, and a
/// feed cut short is not a feed.
pub fn parse(
    job: Job,
    bytes: &[u8],
    cut: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Batches, WarningKind> {
    if cut {
        let mib = job.options.markup_read_limit() / (1024 * 1024);
        return Err(WarningKind::FeedTooLarge { mib });
    }
    // No ids made up: feed-rs's last resort is a random UUID, and ids must
    // be the same on every load (see `id::item_id`).
    let parser = Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| WarningKind::NotAFeed(single_line(&e.to_string())))?;
    let feed_title = feed
        .title
        .as_ref()
        .map(item::plain_text)
        .unwrap_or_default();
    let feed_link = feed.links.first().map(|l| l.href.as_str());
    let input = job.input;
    let context = item::Context {
        input,
        options: job.options,
        feed_title: &feed_title,
        feed_link,
    };
    let mut ids = id::Ids::default();
    let mut articles = Vec::with_capacity(feed.entries.len());
    for entry in &feed.entries {
        let mut notes = Vec::new();
        let mut article = item::article(&context, entry, &mut notes);
        article.id = ids.unique(id::item_id(&input.id, entry, &article));
        for note in notes {
            warnings.push(job.warning(note.in_item(&article.id)));
        }
        articles.push(Arc::new(article));
    }
    if articles.is_empty() {
        return Err(WarningKind::NoItems);
    }
    Ok(vec![articles])
}

#[cfg(test)]
#[path = "feed_tests.rs"]
mod tests;
