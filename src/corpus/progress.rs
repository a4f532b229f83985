//! How far a load has got, in bytes read, told every so often: a corpus of
//! many files moves it file by file, one JSON Lines file of a gigabyte
//! chunk by chunk.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes between two words of progress.
const TELL_EVERY: u64 = 4 << 20;

pub struct Progress<'a> {
    read: AtomicU64,
    tell: &'a (dyn Fn(u64) + Sync),
}

impl<'a> Progress<'a> {
    pub fn new(tell: &'a (dyn Fn(u64) + Sync)) -> Self {
        Self {
            read: AtomicU64::new(0),
            tell,
        }
    }

    /// `n` more bytes read: tells the total when it passes a step.
    pub fn add(&self, n: u64) {
        let before = self.read.fetch_add(n, Ordering::Relaxed);
        if (before + n) / TELL_EVERY != before / TELL_EVERY {
            (self.tell)(before + n);
        }
    }

    /// `reader`, counting what is read from it.
    pub fn counting<R: Read>(&'a self, reader: R) -> Counting<'a, R> {
        Counting {
            reader,
            progress: self,
        }
    }
}

pub struct Counting<'a, R> {
    reader: R,
    progress: &'a Progress<'a>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.reader.read(buf)?;
        self.progress.add(n as u64);
        Ok(n)
    }
}
