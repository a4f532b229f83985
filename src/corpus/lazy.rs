//! A corpus made from its cached listing, before any body is read: the
//! list can be drawn from it at once, and a body is read from its file when
//! it is wanted, while the whole corpus loads behind.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::listing::Listing;
use super::parsed::Job;
use super::progress::Progress;
use super::{Corpus, Input, InputKind, LoadOptions, concat, parse};
use crate::article::{Article, Head};
use crate::packed::{Packed, TitleIndex};
use entry::entry_alone;

mod entry;

/// A corpus made from its listing: what the list shows of every article,
/// as the listing holds it (one string for a million titles), and the
/// bodies, each read at most once, by whichever thread wants it first, and
/// kept. The articles are not made one by one: at a million, that alone
/// would take longer than the first frame may.
#[derive(Debug, Clone)]
pub struct Bodies {
    /// The files the articles come from (see [`Corpus::files`]).
    files: Vec<Input>,
    options: LoadOptions,
    read: Slots,
    ids: Packed,
    sections: Packed,
    titles: Arc<TitleIndex>,
    newest: Vec<u32>,
}

/// A place for each article's body once it is read, kept by blocks made
/// when one of theirs is first written: a place for each of a million
/// articles was 16 MB made before the first frame, for the few read.
#[derive(Debug, Clone)]
struct Slots {
    len: usize,
    blocks: Vec<OnceLock<Box<Block>>>,
}

const BLOCK: usize = 1024;

type Block = [OnceLock<Box<Article>>; BLOCK];

impl Slots {
    fn new(len: usize) -> Self {
        let blocks = std::iter::repeat_with(OnceLock::new);
        Self {
            len,
            blocks: blocks.take(len.div_ceil(BLOCK)).collect(),
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// The article read at `index`, if it has been.
    fn get(&self, index: usize) -> Option<&Article> {
        let block = self.blocks.get(index / BLOCK)?.get()?;
        block[index % BLOCK].get().map(|article| &**article)
    }

    /// Keeps `article` at `index`, unless one is there already (another
    /// thread read it first) or `index` is past the end.
    fn set(&self, index: usize, article: Article) {
        if let Some(block) = self.blocks.get(index / BLOCK).filter(|_| index < self.len) {
            let block = block.get_or_init(|| Box::new([const { OnceLock::new() }; BLOCK]));
            let _ = block[index % BLOCK].set(Box::new(article));
        }
    }
}

/// Why an entry of a JSON Lines file larger than `max_json` is not read
/// on demand: it was not where the listing said.
const CHANGED_IN_LARGE_FILE: &str =
    "its file changed since it was listed; it is read when loading reaches it";

impl Corpus {
    /// The articles of `listing` without their bodies, which are read with
    /// `options` as they are wanted ([`Corpus::read_body`]).
    pub fn from_listing(listing: Listing, options: &LoadOptions) -> Self {
        let read = Slots::new(listing.len());
        Self {
            articles: Vec::new(),
            report: listing.report,
            roots: listing.roots,
            root_paths: listing.root_paths,
            duplicates: Vec::new(),
            // Kept with the bodies, as the listing gives them: sharing each
            // (as a loaded corpus does) was 10 ms of a warm start at 100k.
            files: Vec::new(),
            file_of: listing.file_of,
            bodies: Some(Bodies {
                files: listing.files,
                options: options.clone(),
                read,
                ids: listing.ids,
                sections: listing.sections,
                titles: Arc::new(listing.titles),
                newest: listing.newest,
            }),
            // No file's stat is known: a refresh reads every file.
            sources: super::Sources::default(),
            epoch: super::next_epoch(),
        }
    }

    /// Whether some bodies have not been read (see [`Corpus::from_listing`]).
    pub fn is_partial(&self) -> bool {
        self.bodies.is_some()
    }

    /// How many articles there are. Of a corpus made from its listing,
    /// `articles` is empty: count, list and find through this,
    /// [`Corpus::head`] and [`Corpus::article`].
    pub fn len(&self) -> usize {
        self.bodies
            .as_ref()
            .map_or(self.articles.len(), |b| b.read.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the list shows of the article at `index` (empty past the end).
    pub fn head(&self, index: usize) -> Head<'_> {
        match &self.bodies {
            None => self
                .articles
                .get(index)
                .map(|a| a.head())
                .unwrap_or_default(),
            Some(b) => {
                let id = b.ids.get(index);
                Head {
                    id,
                    shown_id: id,
                    title: b.titles.titles().get(index),
                    section: b.sections.get(index),
                    date: self.date(index),
                    first_seen: None,
                }
            }
        }
    }

    /// The id of the article at `index`: [`Corpus::head`]'s, for less.
    pub fn id(&self, index: usize) -> &str {
        match &self.bodies {
            None => self.articles.get(index).map_or("", |a| a.id.as_str()),
            Some(b) => b.ids.get(index),
        }
    }

    /// The date of the article at `index`: [`Corpus::head`]'s, for less.
    pub fn date(&self, index: usize) -> Option<i64> {
        match &self.bodies {
            None => self.articles.get(index).and_then(|a| a.date),
            Some(b) => b.titles.date(index),
        }
    }

    /// Every article's index, newest first, as [`crate::order::by_date`]
    /// sorts them: kept by a corpus made from its listing.
    pub fn newest_first(&self) -> Option<&[u32]> {
        self.bodies.as_ref().map(|b| b.newest.as_slice())
    }

    /// Whether any article has a section: of a corpus made from its
    /// listing, told without looking at each (a million heads took 20 ms
    /// of a start).
    pub fn any_section(&self) -> bool {
        match &self.bodies {
            None => self.articles.iter().any(|a| !a.section.is_empty()),
            Some(b) => !b.sections.text().is_empty(),
        }
    }

    /// Every article's head, in corpus order.
    pub fn heads(&self) -> impl ExactSizeIterator<Item = Head<'_>> + '_ {
        (0..self.len()).map(|i| self.head(i))
    }

    /// Every title in one string, with the dates: what the finder ranks.
    /// A corpus made from its listing has it already; any other makes it.
    pub fn title_index(&self) -> Arc<TitleIndex> {
        match &self.bodies {
            Some(b) => Arc::clone(&b.titles),
            None => Arc::new(TitleIndex::new(&self.articles)),
        }
    }

    /// The article at `index`: with its body once that has been read, its
    /// head alone before (see [`Corpus::body_pending`]).
    pub fn article(&self, index: usize) -> Cow<'_, Article> {
        let Some(bodies) = &self.bodies else {
            return self
                .articles
                .get(index)
                .map_or_else(Cow::default, |a| Cow::Borrowed(&**a));
        };
        match bodies.read.get(index) {
            Some(read) => Cow::Borrowed(read),
            None => Cow::Owned(self.head(index).to_article()),
        }
    }

    /// Every article, bodies or not: a corpus made from its listing makes
    /// its articles of their heads (and of the bodies read so far).
    pub fn all_articles(&self) -> Cow<'_, [Arc<Article>]> {
        match &self.bodies {
            None => Cow::Borrowed(&self.articles),
            Some(_) => Cow::Owned(
                (0..self.len())
                    .into_par_iter()
                    .map(|i| Arc::new(self.article(i).into_owned()))
                    .collect(),
            ),
        }
    }

    /// Whether the body of the article at `index` is still to be read.
    pub fn body_pending(&self, index: usize) -> bool {
        self.bodies
            .as_ref()
            .is_some_and(|b| index < b.read.len() && b.read.get(index).is_none())
    }

    /// Reads the body of the article at `index` from its file, once; then
    /// [`Corpus::article`] gives it. An error says why it could not be, in
    /// words: the file is gone, or no longer holds the article.
    pub fn read_body(&self, index: usize) -> Result<(), String> {
        let Some(bodies) = &self.bodies else {
            return Ok(());
        };
        if index >= bodies.read.len() {
            return Err("no such article".to_owned());
        }
        let listed = self.head(index);
        if bodies.read.get(index).is_some() {
            return Ok(());
        }
        let file = self
            .file_of
            .get(index)
            .and_then(|&f| bodies.files.get(f as usize));
        let Some(input) = file else {
            return Err("its file is not known".to_owned());
        };
        if input.kind == InputKind::JsonLines {
            if let Some(article) = entry_alone(input, listed, &bodies.options) {
                bodies.read.set(index, article);
                return Ok(());
            }
            // Parsed whole for one entry, a file too large to read whole
            // would be a second load beside the one under way.
            if input
                .stat()
                .is_some_and(|s| s.size > bodies.options.max_json)
            {
                return Err(CHANGED_IN_LARGE_FILE.to_owned());
            }
        }
        let job = Job {
            input,
            options: &bodies.options,
        };
        let parsed = parse(job, &Progress::new(&|_| {}));
        let articles = concat(parsed.batches);
        // By id; by title when a second root renamed the id (`~2`).
        let found = (articles.iter().position(|a| a.id == listed.id))
            .or_else(|| articles.iter().position(|a| a.title == listed.title));
        let Some(found) = found else {
            let why = parsed.warnings.first().map(ToString::to_string);
            return Err(why.unwrap_or_else(|| "it changed since it was listed".to_owned()));
        };
        let mut article =
            (articles.into_iter().nth(found)).map_or_else(Article::default, Arc::unwrap_or_clone);
        // The listing names it: its id stays the one the list shows.
        listed.id.clone_into(&mut article.id);
        bodies.read.set(index, article);
        Ok(())
    }
}

#[cfg(test)]
#[path = "lazy_tests.rs"]
mod tests;
