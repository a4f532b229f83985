//! What went wrong with one file or entry, as a value: the load goes on, and
//! the user reads it through `Display`, worded as byline always said it.

use std::fmt;
use std::path::Path;

use crate::clean::{DecodeError, escape_path, sanitize};

/// A load that could not start at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path given does not exist (escaped as warnings' paths are).
    #[error("{0}: no such file or directory")]
    NotFound(String),
}

/// A problem that skipped (or cut) one file or entry, or ignored one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, as given or found, with unprintable bytes escaped (never
    /// removed), so that the user can find it.
    pub path: String,
    /// The entry of a JSON or JSON Lines file, when the problem is one.
    pub entry: Option<EntryAt>,
    pub kind: WarningKind,
}

/// Where an entry is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryAt {
    /// 1-based among the file's entries: `path#n` is the article's id.
    pub n: usize,
    /// 1-based line where the entry starts.
    pub line: usize,
}

/// Why a file or entry gave a warning. Texts held here come from the
/// system or from serde and are cleaned when the warning is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The file could not be read (permissions, I/O): unlike the rest of a
    /// load, that depends on who reads, and when.
    Unreadable(String),
    /// A path the walk could not look into.
    Walk(String),
    /// A symbolic link back to a folder above it.
    LinkLoop,
    NotRegularFile,
    Empty,
    /// A text file with nothing but blank lines.
    BlankFile,
    /// A JSON entry with no title.
    NoTitle,
    /// NUL bytes: not text.
    Binary,
    /// The body was longer than the limit, in MiB, and was cut there.
    BodyCut {
        mib: usize,
    },
    /// A JSON Lines line longer than the limit, in MiB: skipped unread.
    LineTooLong {
        mib: u64,
    },
    /// A `.json` file larger than the limit, in MiB: not read at all.
    FileTooLarge {
        mib: u64,
    },
    /// The document is not JSON; serde's message, cleaned.
    MalformedJson(String),
    /// An entry that is not an article; what is wrong, cleaned.
    BadEntry(String),
    /// A date field, as written, that is not a date in years 1 to 9999.
    BadDate(String),
    /// A field of an unexpected shape: ignored, the rest of the entry kept.
    BadField {
        field: String,
        expected: String,
        found: String,
    },
    /// A field given twice: the first is kept.
    DuplicateField(String),
    /// A page longer than the read limit, in MiB: cut there.
    PageCut {
        mib: usize,
    },
    /// A page with more elements, or more deeply nested, than are parsed.
    MarkupCut,
    /// A page in which no article was found; dom_smoothie's reason.
    NoArticle(String),
    /// A feed file larger than the read limit, in MiB: a feed cut short is
    /// not a feed, so it is skipped.
    FeedTooLarge {
        mib: usize,
    },
    /// The file is not a feed; feed-rs's message, cleaned.
    NotAFeed(String),
    /// A feed without a single item.
    NoItems,
    /// A feed item's markup past the element limit: cut there.
    ItemMarkupCut {
        id: String,
    },
    /// A feed item's body longer than the limit, in MiB: cut there.
    ItemBodyCut {
        id: String,
        mib: usize,
    },
}

impl Warning {
    pub fn new(path: &Path, kind: WarningKind) -> Self {
        Self {
            path: escape_path(path.as_os_str()),
            entry: None,
            kind: kind.cleaned(),
        }
    }

    pub fn in_entry(path: &Path, entry: EntryAt, kind: WarningKind) -> Self {
        Self {
            entry: Some(entry),
            ..Self::new(path, kind)
        }
    }

    /// What the warning says after its path.
    pub fn message(&self) -> String {
        match self.entry {
            Some(EntryAt { n, line }) => format!("entry {n} (line {line}): {}", self.kind),
            None => self.kind.to_string(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message())
    }
}

impl WarningKind {
    /// The kind with every text it holds cleaned: they quote file contents
    /// and system messages, which can hold anything.
    fn cleaned(self) -> Self {
        use WarningKind::*;
        match self {
            Unreadable(s) => Unreadable(sanitize(&s)),
            Walk(s) => Walk(sanitize(&s)),
            MalformedJson(s) => MalformedJson(sanitize(&s)),
            BadEntry(s) => BadEntry(sanitize(&s)),
            BadDate(s) => BadDate(sanitize(&s)),
            BadField {
                field,
                expected,
                found,
            } => BadField {
                field: sanitize(&field),
                expected,
                found,
            },
            DuplicateField(s) => DuplicateField(sanitize(&s)),
            NoArticle(s) => NoArticle(sanitize(&s)),
            NotAFeed(s) => NotAFeed(sanitize(&s)),
            ItemMarkupCut { id } => ItemMarkupCut { id: sanitize(&id) },
            ItemBodyCut { id, mib } => ItemBodyCut {
                id: sanitize(&id),
                mib,
            },
            other => other,
        }
    }
}

impl WarningKind {
    /// A note about one feed item, said of the item `id`: a cut body or
    /// markup (as [`BodyCut`](Self::BodyCut) and
    /// [`MarkupCut`](Self::MarkupCut) say of a file) becomes the item's.
    pub fn in_item(self, id: &str) -> Self {
        let id = id.to_owned();
        match self {
            Self::BodyCut { mib } => Self::ItemBodyCut { id, mib },
            Self::MarkupCut => Self::ItemMarkupCut { id },
            other => other,
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WarningKind::*;
        match self {
            Unreadable(e) | Walk(e) => f.write_str(e),
            LinkLoop => f.write_str("symbolic link loop; skipped"),
            NotRegularFile => f.write_str("not a regular file; skipped"),
            Empty => f.write_str("empty file; skipped"),
            BlankFile => f.write_str("blank file (no title); skipped"),
            NoTitle => f.write_str("no title; skipped"),
            Binary => f.write_str("binary file (it contains NUL bytes); skipped"),
            BodyCut { mib } => write!(f, "body larger than {mib} MiB; cut"),
            LineTooLong { mib } => write!(f, "line longer than {mib} MiB; skipped"),
            FileTooLarge { mib } => write!(f, "file larger than {mib} MiB; skipped"),
            MalformedJson(e) => write!(f, "malformed JSON: {e}; skipped"),
            BadEntry(e) => write!(f, "{e}; skipped"),
            BadDate(shown) => write!(f, "date {shown:?} not understood; ignored"),
            BadField {
                field,
                expected,
                found,
            } => write!(f, "{field}: expected {expected}, found {found}; ignored"),
            DuplicateField(field) => write!(f, "{field} given twice; the first kept"),
            PageCut { mib } => write!(f, "page larger than {mib} MiB; cut"),
            MarkupCut => f.write_str("page with too many or too deeply nested elements; cut"),
            NoArticle(e) => write!(f, "no article found in the page ({e}); skipped"),
            FeedTooLarge { mib } => write!(f, "feed larger than {mib} MiB; skipped"),
            NotAFeed(e) => write!(f, "not a feed ({e}); skipped"),
            NoItems => f.write_str("feed with no items; skipped"),
            ItemMarkupCut { id } => write!(f, "item {id}: markup past the element limit; cut"),
            ItemBodyCut { id, mib } => write!(f, "item {id}: body larger than {mib} MiB; cut"),
        }
    }
}

impl From<DecodeError> for WarningKind {
    fn from(err: DecodeError) -> Self {
        match err {
            DecodeError::Binary => WarningKind::Binary,
        }
    }
}
