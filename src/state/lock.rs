//! The lock beside each state file, waited for only so long: a lock held
//! by a hung instance (or by `flock STATE.lock sleep 1000`) must not hang
//! every byline after it.

use std::fmt;
use std::fs::{File, TryLockError};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::files;

/// Who holds a lock, as its lock file says: byline writes its pid there
/// while it holds it; any other process leaves it empty (or stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder(pub Option<u32>);

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(pid) => write!(f, "another byline (pid {pid})"),
            None => f.write_str("another process"),
        }
    }
}

/// A held lock, released (and its pid wiped) when dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    file: File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Wiped before the lock goes, so that the pid is there only while
        // it is true. Best effort: a stale pid only words a warning wrong.
        let _ = self.file.set_len(0);
    }
}

/// The longest pause between two tries: short enough that a lock freed
/// is taken soon after.
const MAX_PAUSE: Duration = Duration::from_millis(25);

/// Takes the lock at `path` (creating the file), trying until `wait` has
/// passed; `Ok(Err(holder))` when someone held it all that time.
pub(crate) fn acquire(path: &Path, wait: Duration) -> io::Result<Result<Lock, Holder>> {
    let file = files::open_lock_file(path)?;
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => {
                write_pid(&file);
                return Ok(Ok(Lock { file }));
            }
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(e),
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Err(holder(&file)));
        }
        thread::sleep(pause.min(left));
        pause = (pause * 2).min(MAX_PAUSE);
    }
}

/// Says who holds the lock, for whoever waits for it. Best effort: the
/// lock works without it.
fn write_pid(file: &File) {
    let pid = format!("{}\n", std::process::id());
    let _ = file
        .set_len(0)
        .and_then(|()| file.write_all_at(pid.as_bytes(), 0));
}

fn holder(file: &File) -> Holder {
    let mut buf = [0; 16];
    let n = file.read_at(&mut buf, 0).unwrap_or(0);
    let pid = std::str::from_utf8(&buf[..n])
        .ok()
        .and_then(|text| text.trim().parse().ok());
    Holder(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_waited_for_only_so_long_and_names_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.lock");
        let held = acquire(&path, Duration::ZERO).unwrap().unwrap();
        let holder = acquire(&path, Duration::from_millis(100))
            .unwrap()
            .unwrap_err();
        assert_eq!(holder, Holder(Some(std::process::id())));
        assert_eq!(
            holder.to_string(),
            format!("another byline (pid {})", std::process::id())
        );
        drop(held);
        assert_eq!(std::fs::read(&path).unwrap(), b"", "pid wiped on release");
        assert!(acquire(&path, Duration::ZERO).unwrap().is_ok());
    }

    #[test]
    fn a_holder_that_wrote_no_pid_is_another_process() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.lock");
        // As `flock s.lock sleep 20` would hold it.
        let other = File::create(&path).unwrap();
        other.lock().unwrap();
        let holder = acquire(&path, Duration::from_millis(10))
            .unwrap()
            .unwrap_err();
        assert_eq!(holder.to_string(), "another process");
    }
}
