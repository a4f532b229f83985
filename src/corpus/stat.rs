//! What a file was when it was read (size, times, inode): a refresh reads
//! again the files whose stat changed.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
