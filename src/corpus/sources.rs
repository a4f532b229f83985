//! Where a corpus's articles came from, file by file: what each file was
//! when it was read (size, times, inode), and which articles it gave. A
//! refresh ([`super::Corpus::refresh`]) reads again only the files whose
//! stat changed, and takes the others' articles from here.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::input::{Input, Source};
use super::warning::{Warning, WarningKind};
use crate::article::Article;

/// What a file was when it was read: a refresh reads it again when any of
/// this changed. Times are (seconds, nanoseconds) since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStat {
    pub size: u64,
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
    pub inode: u64,
    pub device: u64,
    /// Hard links to the file: a change made through another of its paths
    /// is told under that path only.
    pub links: u64,
}

impl From<&fs::Metadata> for FileStat {
    fn from(meta: &fs::Metadata) -> Self {
        Self {
            size: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
            links: meta.nlink(),
        }
    }
}

/// How long after a change a file's times may still read the same. Most
/// file systems stamp from a clock that moves by ticks of a few
/// milliseconds; those without nanoseconds move by whole seconds.
const FINE_TICK: Duration = Duration::from_millis(20);
const COARSE_TICK: Duration = Duration::from_secs(2);

impl FileStat {
    /// The file's stat (links followed, as the walk follows them); `None`
    /// for an embedded input, or one that cannot be looked at.
    pub fn of(input: &Input) -> Option<Self> {
        if let Source::Embedded(_) = input.source {
            return None;
        }
        fs::metadata(&input.path).ok().as_ref().map(Self::from)
    }

    /// Whether the file changed so shortly before `start` (when the load
    /// began) that a change after the read could leave the same times, as
    /// git's "racily clean" files: such a file is read again next time.
    pub fn is_racy(&self, start: SystemTime) -> bool {
        let (secs, nanos) = self.ctime;
        let tick = if nanos == 0 { COARSE_TICK } else { FINE_TICK };
        let (Ok(secs), Ok(nanos)) = (u64::try_from(secs), u32::try_from(nanos)) else {
            return true;
        };
        let changed = UNIX_EPOCH + Duration::new(secs, nanos.min(999_999_999));
        changed + tick > start
    }
}

/// One file a load read, and what it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub path: PathBuf,
    /// The base of its articles' ids (see [`Input::id`]): the same file
    /// under two roots is two records.
    pub id: String,
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
    pub dropped: Vec<(usize, Article)>,
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
    pub fn articles_of(&self, file: &FileRecord, kept: &[Article]) -> Vec<Article> {
        let mut articles = Vec::with_capacity(file.count);
        self.extend_with_articles_of(file, kept, &mut articles);
        articles
    }

    /// [`Sources::articles_of`], added to the end of `articles`.
    pub fn extend_with_articles_of(
        &self,
        file: &FileRecord,
        kept: &[Article],
        articles: &mut Vec<Article>,
    ) {
        let mut dropped = self.dropped.partition_point(|(at, _)| *at < file.first);
        for at in file.first..file.first + file.count {
            match self.dropped.get(dropped) {
                Some((place, article)) if *place == at => {
                    articles.push(article.clone());
                    dropped += 1;
                }
                // Every article before this one that is not kept was dropped.
                _ => articles.extend(self.original(at - dropped, kept)),
            }
        }
    }

    /// Kept article `index` with its id as parsed.
    fn original(&self, index: usize, kept: &[Article]) -> Option<Article> {
        let mut article = kept.get(index)?.clone();
        if let Ok(at) = self.renamed.binary_search_by_key(&index, |&(i, _)| i) {
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
