//! Where a corpus's articles came from, file by file: what each file was
//! when it was read (size, times, inode), and which articles it gave. A
//! refresh ([`super::Corpus::refresh`]) reads again only the files whose
//! stat changed, and takes the others' articles from here.

use std::path::Path;
use std::sync::Arc;

use super::Input;
use super::stat::FileStat;
use super::warning::{Warning, WarningKind};
use crate::article::Article;

/// One file a load read, and what it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Where it is and what it is called: shared with the corpus's files
    /// (when it gave articles), and with the records of the corpora
    /// reloaded from it. The same file under two roots is two records.
    pub input: Arc<Input>,
    /// The index of the root it was found under, in the roots given.
    pub root: usize,
    /// `None` when it must be read again whatever its stat says: embedded,
    /// not looked at, or changed just before it was read.
    pub stat: Option<FileStat>,
    /// Its articles, before duplicates were dropped: `count` of them from
    /// `first` on, counted over every file's.
    pub first: usize,
    pub count: usize,
    pub bytes: u64,
    pub warnings: Vec<Warning>,
}

impl FileRecord {
    pub fn path(&self) -> &Path {
        &self.input.path
    }

    /// The base of its articles' ids (see [`Input::id`]).
    pub fn id(&self) -> &str {
        &self.input.id
    }

    /// Whether a file with stat `now` can give the articles it gave: the
    /// same stat, and a read that did not fail (permissions can change
    /// without the file's contents, and who reads can change).
    pub fn reusable(&self, now: Option<&FileStat>) -> bool {
        let unreadable = |w: &Warning| matches!(w.kind, WarningKind::Unreadable(_));
        now.is_some() && self.stat.as_ref() == now && !self.warnings.iter().any(unreadable)
    }
}

/// The files of a corpus, and what a refresh needs besides the articles
/// kept to give each file's articles back as a load would parse them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// In corpus order.
    pub files: Vec<FileRecord>,
    /// The articles dropped as duplicates, at their place among every
    /// file's articles, in order.
    pub dropped: Vec<(usize, Arc<Article>)>,
    /// Kept articles whose id got a `~n` (several roots held the same
    /// path): their index and n, in order.
    pub renamed: Vec<(usize, usize)>,
    /// The corpus is the embedded seeds: nothing to look at again.
    pub seeds: bool,
    /// How many files the load read (the others were reused).
    pub read: usize,
    /// How many of the report's warnings came from the walk (they come
    /// first), not from a file.
    pub walk_warnings: usize,
    /// The walk followed a link under a root (see
    /// [`super::walk::walk_roots`]).
    pub linked: bool,
}

impl Sources {
    /// The articles `file` gave, as its parser gave them: duplicates where
    /// they were, ids before any `~n`. `kept` are the corpus's articles.
    pub fn articles_of(&self, file: &FileRecord, kept: &[Arc<Article>]) -> Vec<Arc<Article>> {
        let mut articles = Vec::with_capacity(file.count);
        self.extend_with_articles_of(file, kept, &mut articles);
        articles
    }

    /// [`Sources::articles_of`], added to the end of `articles`.
    pub fn extend_with_articles_of(
        &self,
        file: &FileRecord,
        kept: &[Arc<Article>],
        articles: &mut Vec<Arc<Article>>,
    ) {
        let mut dropped = self.dropped.partition_point(|(at, _)| *at < file.first);
        for at in file.first..file.first + file.count {
            match self.dropped.get(dropped) {
                Some((place, article)) if *place == at => {
                    articles.push(Arc::clone(article));
                    dropped += 1;
                }
                // Every article before this one that is not kept was dropped.
                _ => articles.extend(self.original(at - dropped, kept)),
            }
        }
    }

    /// Kept article `index` with its id as parsed.
    fn original(&self, index: usize, kept: &[Arc<Article>]) -> Option<Arc<Article>> {
        let mut article = Arc::clone(kept.get(index)?);
        if let Ok(at) = self.renamed.binary_search_by_key(&index, |&(i, _)| i) {
            let article = Arc::make_mut(&mut article);
            let suffix = format!("~{}", self.renamed[at].1);
            let strip = |s: &mut String| {
                if s.ends_with(&suffix) {
                    s.truncate(s.len() - suffix.len());
                }
            };
            strip(&mut article.id);
            if let Some(name) = &mut article.name {
                strip(name);
            }
        }
        Some(article)
    }
}
