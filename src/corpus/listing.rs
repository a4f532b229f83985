//! A corpus's listing (ids, sections, dates and titles: what `byline
//! search` ranks and prints), kept on disk between runs. On an archive that
//! has not changed, a search then reads one file instead of parsing every
//! article again.
//!
//! A listing is found by a key holding everything a load depends on:
//! byline's version and build (its executable's size and time), the load
//! options, the paths as given, every walk warning, and for every file the
//! walk finds its path, kind, size, device, inode, and modification and
//! change times. Any difference is a miss: the corpus is loaded, and the
//! listing written again. A file changed in the last two seconds could
//! change again with the same times, and one that could not be read may be
//! readable by someone else or later: a load with either is not cached.
//! Listings are read only if this user owns them, whole (a checksum ends
//! them) and free of control characters; listings not rewritten for 30
//! days are deleted when another is written.

use std::fs;
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::walk::{self, Found};
use super::{Corpus, LoadError, LoadOptions, LoadReport, Warning, roots_of};
use crate::packed::{Packed, TitleIndex};

/// How long a file must have been left alone before a listing counts on it.
pub const SETTLE: Duration = Duration::from_secs(2);

/// The start of every listing file; the number changes with the layout.
const MAGIC: &[u8] = b"byline listing 1\n";

/// What `byline search` needs of a corpus, by corpus index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub ids: Packed,
    pub sections: Packed,
    pub titles: TitleIndex,
    pub report: LoadReport,
    /// What names the corpus, for its reading state (see [`Corpus::roots`]).
    pub roots: Vec<String>,
    /// Read from the cache rather than loaded.
    pub cached: bool,
}

impl Listing {
    pub fn of(corpus: &Corpus) -> Self {
        let articles = &corpus.articles;
        Self {
            ids: Packed::from_strs(articles.iter().map(|a| a.id.as_str())),
            sections: Packed::from_strs(articles.iter().map(|a| a.section.as_str())),
            titles: TitleIndex::new(articles),
            report: corpus.report.clone(),
            roots: corpus.roots.clone(),
            cached: false,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The listing of the corpus at `paths`: from the cache in `dir` when
/// nothing it depends on changed, else loaded and, when every file has been
/// left alone for `settle`, cached. A cache that cannot be read or written
/// only costs time: the corpus is loaded.
pub fn open(
    paths: &[PathBuf],
    options: &LoadOptions,
    dir: &Path,
    settle: Duration,
) -> Result<Listing, LoadError> {
    let head = head(paths, options);
    let file = dir.join(file_name(&head));
    let (key, settled) = key(head, paths, settle)?;
    if let Some(listing) = read_own(&file).and_then(|b| decode(&b, &key)) {
        return Ok(Listing {
            roots: roots_of(paths),
            ..listing
        });
    }
    let listing = Listing::of(&Corpus::load(paths, options)?);
    // A file that could not be read might be readable by someone else, or
    // next time: what was loaded depends on more than the key.
    if settled && listing.report.unreadable == 0 {
        // Best effort: a cache that cannot be written is not an error.
        let _ = write_atomically(&file, &encode(&listing, &key));
        prune(dir);
    }
    Ok(listing)
}

/// The bytes of `file` if this user owns it. One written by another (root,
/// say, with this HOME) could list titles of files this user cannot read.
fn read_own(file: &Path) -> Option<Vec<u8>> {
    let owner = fs::metadata(file).ok()?.uid();
    (owner == rustix::process::geteuid().as_raw())
        .then(|| fs::read(file).ok())
        .flatten()
}

/// Listings not rewritten for this long are deleted when another is
/// written, so that the cache does not grow without end as corpora come
/// and go. One still in use is only made again.
const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

fn prune(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let Some(before) = SystemTime::now().checked_sub(KEEP) else {
        return;
    };
    for entry in entries.flatten() {
        let listing = entry.file_name().as_bytes().starts_with(b"listing-");
        let modified = entry.metadata().and_then(|m| m.modified());
        if listing && modified.is_ok_and(|m| m < before) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Everything a load of `paths` depends on, as bytes: the `head` that
/// names the corpus, then its files. Also whether every file has been left
/// alone for `settle`.
fn key(
    mut key: Vec<u8>,
    paths: &[PathBuf],
    settle: Duration,
) -> Result<(Vec<u8>, bool), LoadError> {
    // A rebuilt byline can load differently under the same version number:
    // its own file says which build it is.
    match std::env::current_exe().and_then(fs::metadata) {
        Ok(exe) => put_times(&mut key, exe.len(), [(exe.mtime(), exe.mtime_nsec())]),
        Err(err) => put_bytes(&mut key, err.to_string().as_bytes()),
    }
    let settled_before = SystemTime::now()
        .checked_sub(settle)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut settled = true;
    for step in walk::walk(paths)? {
        match step.resolve() {
            None => {}
            Some(Found::Warning(warning)) => {
                key.push(b'w');
                put_bytes(&mut key, warning.to_string().as_bytes());
            }
            Some(Found::Input(input)) => {
                key.push(b'f');
                put_bytes(&mut key, input.path.as_os_str().as_bytes());
                key.push(input.kind as u8);
                match fs::metadata(&input.path) {
                    Ok(meta) => {
                        put_u64(&mut key, meta.dev());
                        put_u64(&mut key, meta.ino());
                        let times = [
                            (meta.mtime(), meta.mtime_nsec()),
                            (meta.ctime(), meta.ctime_nsec()),
                        ];
                        put_times(&mut key, meta.len(), times);
                        settled &= times.iter().all(|&t| system_time(t) < settled_before);
                    }
                    Err(err) => put_bytes(&mut key, err.to_string().as_bytes()),
                }
            }
        }
    }
    Ok((key, settled))
}

/// A file's size and times (seconds and nanoseconds since the epoch).
fn put_times<const N: usize>(key: &mut Vec<u8>, len: u64, times: [(i64, i64); N]) {
    put_u64(key, len);
    for (seconds, nanos) in times {
        put_u64(key, seconds as u64);
        put_u64(key, nanos as u64);
    }
}

fn system_time((seconds, nanos): (i64, i64)) -> SystemTime {
    let since = Duration::new(seconds.max(0) as u64, nanos.clamp(0, 999_999_999) as u32);
    SystemTime::UNIX_EPOCH
        .checked_add(since)
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// What names a corpus, before its files: byline's version, the options,
/// and the paths as given (with the folder they are relative to, if any is).
fn head(paths: &[PathBuf], options: &LoadOptions) -> Vec<u8> {
    let mut head = Vec::new();
    put_bytes(&mut head, env!("CARGO_PKG_VERSION").as_bytes());
    put_u64(&mut head, options.max_body as u64);
    let phrases: Vec<&[u8]> = options.boilerplate.phrases().collect();
    put_u64(&mut head, phrases.len() as u64);
    for phrase in phrases {
        put_bytes(&mut head, phrase);
    }
    let relative = paths.iter().any(|p| p.is_relative());
    let dir = relative.then(|| std::env::current_dir().unwrap_or_default());
    put_bytes(&mut head, dir.unwrap_or_default().as_os_str().as_bytes());
    put_u64(&mut head, paths.len() as u64);
    for path in paths {
        put_bytes(&mut head, path.as_os_str().as_bytes());
    }
    head
}

/// One file a corpus: its name is a hash of what names the corpus.
fn file_name(head: &[u8]) -> String {
    use std::hash::BuildHasher;
    let hash = foldhash::quality::FixedState::with_seed(0).hash_one(head);
    format!("listing-{hash:016x}")
}

fn write_atomically(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temp = file.with_extension(format!("tmp{}", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut f| f.write_all(bytes));
    match written.and_then(|()| fs::rename(&temp, file)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Strings end to end, then where each ends.
fn put_packed(out: &mut Vec<u8>, packed: &Packed) {
    let (text, ends) = packed.parts();
    put_bytes(out, text.as_bytes());
    put_u64(out, ends.len() as u64);
    for &end in ends {
        put_u64(out, end as u64);
    }
}

fn encode(listing: &Listing, key: &[u8]) -> Vec<u8> {
    let (text, _) = listing.titles.titles().parts();
    let mut out = Vec::with_capacity(key.len() + 3 * text.len() + 40 * listing.len());
    out.extend_from_slice(MAGIC);
    put_bytes(&mut out, key);
    let report = &listing.report;
    let counts = [report.files, report.duplicates, report.unreadable];
    put_u64(&mut out, report.bytes);
    for n in counts {
        put_u64(&mut out, n as u64);
    }
    put_u64(&mut out, report.warnings.len() as u64);
    for warning in &report.warnings {
        put_bytes(&mut out, warning.path.as_bytes());
        put_bytes(&mut out, warning.message.as_bytes());
    }
    put_packed(&mut out, &listing.ids);
    put_packed(&mut out, &listing.sections);
    put_packed(&mut out, listing.titles.titles());
    for date in listing.titles.dates() {
        match date {
            Some(seconds) => {
                out.push(1);
                put_u64(&mut out, *seconds as u64);
            }
            None => out.push(0),
        }
    }
    let sum = checksum(&out);
    put_u64(&mut out, sum);
    out
}

/// Of everything before it in the file: a damaged listing is a miss, not a
/// wrong title.
fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6279_6c69_6e65).hash_one(bytes)
}

/// The listing in `bytes` if it was written under `key`, whole and sound.
fn decode(bytes: &[u8], key: &[u8]) -> Option<Listing> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
        return None;
    }
    let mut r = Reader(body.strip_prefix(MAGIC)?);
    if r.bytes()? != key {
        return None;
    }
    let bytes = r.u64()?;
    let [files, duplicates, unreadable] = [r.len()?, r.len()?, r.len()?];
    let mut report = LoadReport {
        files,
        bytes,
        duplicates,
        unreadable,
        warnings: Vec::new(),
    };
    for _ in 0..r.u64()? {
        let path = r.text()?;
        let message = r.text()?;
        report.warnings.push(Warning { path, message });
    }
    let ids = r.packed()?;
    let sections = r.packed()?;
    let titles = r.packed()?;
    if ids.len() != titles.len() || sections.len() != titles.len() {
        return None;
    }
    let mut dates = Vec::with_capacity(titles.len());
    for _ in 0..titles.len() {
        dates.push(match r.take(1)? {
            [0] => None,
            [1] => Some(r.u64()? as i64),
            _ => return None,
        });
    }
    let titles = TitleIndex::from_parts(titles, dates)?;
    r.0.is_empty().then_some(Listing {
        ids,
        sections,
        titles,
        report,
        roots: Vec::new(),
        cached: true,
    })
}

/// Whether `text` is as cleaning leaves it: no control characters (C0
/// but for the newlines of warnings, DEL, C1). What a listing holds is
/// printed as it is, so one that somehow holds more is not used.
fn printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Folded without early exits, a block at a time, so that it vectorises:
    // `any` over the bytes was a third of a cached search.
    let c0 = bytes.chunks(256).any(|block| {
        block.iter().fold(false, |bad, &b| {
            bad | ((b < 0x20) & (b != b'\n')) | (b == 0x7f)
        })
    });
    // C1 controls are U+0080 to U+009F: 0xC2 then 0x80 to 0x9F in UTF-8.
    let c1 = memchr::memchr_iter(0xc2, bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|b| (0x80..0xa0).contains(b)));
    !(c0 || c1)
}

/// Reads what `put_*` wrote; `None` at the first thing out of place.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    fn text(&mut self) -> Option<String> {
        let text = std::str::from_utf8(self.bytes()?).ok()?;
        printable(text).then(|| text.to_owned())
    }

    fn packed(&mut self) -> Option<Packed> {
        let text = self.text()?;
        let count = self.len()?;
        // Each end takes eight bytes: a count beyond them is a lie.
        if count > self.0.len() / 8 {
            return None;
        }
        let ends = (0..count).map(|_| self.len()).collect::<Option<Vec<_>>>()?;
        Packed::from_parts(text, ends)
    }
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
