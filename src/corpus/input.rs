//! One file to read: where it is, what it is called, and reading it no
//! further than it was long when opened.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::stat::FileStat;

/// How a file's articles are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Title on the first line, then paragraphs.
    Text,
    /// An array of articles, or an object with an `articles`/`items` array.
    Json,
    /// One JSON article a line.
    JsonLines,
    // Added last, so that the kinds above keep their numbers.
    /// A saved web page: one article.
    Html,
    /// RSS, Atom or JSON Feed: an article an item.
    Feed,
}

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Relative to the root given, with `/` separators: the base of the
    /// ids, escaped when the path is not plain (see [`crate::clean::path_id`]).
    pub id: String,
    /// The path cleaned for display, when `id` is escaped.
    pub name: Option<String>,
    /// The parent folder relative to the root, `""` at the root.
    pub section: String,
    pub kind: InputKind,
    pub(super) source: Source,
}

/// Where an input's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Source {
    /// Built into the binary.
    Embedded(&'static [u8]),
    /// A file the walk saw is regular: it can be opened without a check.
    RegularFile,
    /// A path given as is, which could be a FIFO: opening it could block.
    Unchecked,
}

/// What a read gave.
#[derive(Debug)]
pub enum Contents {
    /// The bytes, and whether the file had more than the limit.
    Bytes(Vec<u8>, bool),
    /// The file was larger than the limit when opened: nothing was read.
    TooLarge,
    /// A NUL byte was read: the file is not text, and was read no further.
    /// `size` is its length when opened.
    Binary { size: u64 },
}

/// A document read whole is read this much at a time, and looked at for
/// NUL bytes as it comes: a binary file of a gigabyte stops at the first.
const BLOCK: u64 = 8 << 20;

impl Input {
    pub fn embedded(name: &str, bytes: &'static [u8]) -> Self {
        Self {
            path: PathBuf::from(name),
            id: name.to_owned(),
            name: None,
            section: String::new(),
            kind: kind_of(Path::new(name)).unwrap_or(InputKind::Text),
            source: Source::Embedded(bytes),
        }
    }

    /// A file named by a listing: checked before it is opened, since it
    /// may have become anything (a FIFO, say) since it was listed.
    pub fn listed(
        path: PathBuf,
        id: String,
        name: Option<String>,
        section: String,
        kind: InputKind,
    ) -> Self {
        Self {
            path,
            id,
            name,
            section,
            kind,
            source: Source::Unchecked,
        }
    }

    /// The same file, as a listing names it (see [`Input::listed`]).
    pub fn relisted(&self) -> Self {
        let (path, id, name) = (self.path.clone(), self.id.clone(), self.name.clone());
        Self::listed(path, id, name, self.section.clone(), self.kind)
    }

    /// At most `limit` bytes of the file, and whether it had more, with
    /// its stat when opened (`None` embedded). With `refuse` (a document
    /// parsed whole), a file larger than `limit` is not read at all, and
    /// one with a NUL byte is read no further than it.
    pub fn read_limited(
        &self,
        limit: u64,
        refuse: bool,
    ) -> io::Result<(Contents, Option<FileStat>)> {
        let past = limit.saturating_add(1);
        let (mut bytes, stat) = match self.source {
            Source::Embedded(bytes) => {
                let end = usize::try_from(past).unwrap_or(usize::MAX).min(bytes.len());
                (bytes[..end].to_vec(), None)
            }
            _ => match self.open(past)? {
                Some((_, stat)) if refuse && stat.size > limit => {
                    return Ok((Contents::TooLarge, Some(stat)));
                }
                Some((file, stat)) => {
                    let size = stat.size;
                    // Sized from the open file, so that a file is read in
                    // one `read`, four system calls in all.
                    let wanted = if size == 0 { 0 } else { size.min(past) };
                    let mut bytes = Vec::with_capacity(usize::try_from(wanted).unwrap_or(0));
                    let mut file = file.take(past);
                    if !refuse {
                        file.read_to_end(&mut bytes)?;
                    } else if !read_text_blocks(&mut file, &mut bytes)? {
                        return Ok((Contents::Binary { size }, Some(stat)));
                    }
                    (bytes, Some(stat))
                }
                None => (Vec::new(), None),
            },
        };
        let over = bytes.len() as u64 > limit;
        if over && refuse {
            return Ok((Contents::TooLarge, stat));
        }
        bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok((Contents::Bytes(bytes, over), stat))
    }

    /// The file's stat (links followed, as the walk follows them); `None`
    /// for an embedded input, or one that cannot be looked at.
    pub fn stat(&self) -> Option<FileStat> {
        if let Source::Embedded(_) = self.source {
            return None;
        }
        fs::metadata(&self.path).ok().as_ref().map(FileStat::from)
    }

    /// The file, open and limited to its size when opened (`cap` when it
    /// says 0, as files in /proc do), with its stat then; `None` for an
    /// embedded input. A file that grows as it is read is read no further.
    /// A path not known to be a regular file is checked before it is
    /// opened: a FIFO would block. The stat is the open file's: a path
    /// looked up again would cost as much as the open.
    pub fn open(&self, cap: u64) -> io::Result<Option<(io::Take<fs::File>, FileStat)>> {
        if let Source::Embedded(_) = self.source {
            return Ok(None);
        }
        if let Source::Unchecked = self.source
            && !fs::metadata(&self.path)?.is_file()
        {
            return Err(io::Error::other("not a regular file; skipped"));
        }
        let file = fs::File::open(&self.path)?;
        let stat = FileStat::from(&file.metadata()?);
        let wanted = if stat.size == 0 { cap } else { stat.size };
        Ok(Some((file.take(wanted), stat)))
    }
}

/// Reads to the end in blocks; `false` at the first block holding a NUL.
/// UTF-16 (told by its BOM, as [`crate::clean::decode`] tells it) is full
/// of NULs, and read whole.
fn read_text_blocks(file: &mut impl Read, bytes: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        let start = bytes.len();
        let read = file.take(BLOCK).read_to_end(bytes)?;
        let utf16 = encoding_rs::Encoding::for_bom(bytes)
            .is_some_and(|(encoding, _)| encoding != encoding_rs::UTF_8);
        if !utf16 && memchr::memchr(0, &bytes[start..]).is_some() {
            return Ok(false);
        }
        if (read as u64) < BLOCK {
            return Ok(true);
        }
    }
}

/// The article kind a file name says, if any.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    // Compared in place: lowercasing a copy cost an allocation per file.
    let ext = path.extension()?.to_str()?;
    let is = |known: &str| ext.eq_ignore_ascii_case(known);
    if is("txt") {
        Some(InputKind::Text)
    } else if is("json") {
        Some(InputKind::Json)
    } else if is("jsonl") || is("ndjson") {
        Some(InputKind::JsonLines)
    } else if is("html") || is("htm") {
        Some(InputKind::Html)
    } else if is("xml") || is("rss") || is("atom") || is("rdf") {
        Some(InputKind::Feed)
    } else {
        None
    }
}
