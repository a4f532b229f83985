//! A file read into one reused buffer and handed out in runs of whole
//! lines; a line longer than the limit is skipped without being kept.

use std::io::{self, Read};

/// About this many bytes are parsed at once: enough entries to keep every
/// core busy, little next to a whole corpus.
#[cfg(not(test))]
const CHUNK: usize = 8 << 20;
/// Tiny in unit tests, so that every JSON Lines test crosses chunks.
#[cfg(test)]
const CHUNK: usize = 16;

/// What [`LineChunks::next_piece`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    /// Whole lines (the file's last line may lack its newline), in a
    /// buffer of their own: they are parsed while the next are read.
    Lines(Vec<u8>),
    /// One line longer than the limit, read past and dropped.
    LongLine,
    End,
}

pub struct LineChunks<R> {
    reader: R,
    buf: Vec<u8>,
    /// A chunk handed out before and given back once parsed: its pages are
    /// in memory already, where a new buffer's would each be a fault.
    spare: Vec<u8>,
    eof: bool,
    max_line: usize,
    /// Bytes read from the file so far.
    pub total: u64,
    /// A NUL byte was seen in a line skipped unkept.
    pub saw_nul: bool,
}

impl<R: Read> LineChunks<R> {
    pub fn new(reader: R, max_line: usize) -> Self {
        Self {
            reader,
            buf: Vec::new(),
            spare: Vec::new(),
            eof: false,
            max_line,
            total: 0,
            saw_nul: false,
        }
    }

    /// The next run of whole lines at the start of `buf`, or a long line
    /// skipped. Each byte is searched for a newline once, so a long line
    /// costs time linear in its length.
    pub fn next_piece(&mut self) -> io::Result<Piece> {
        let mut searched = 0;
        loop {
            self.fill(searched + CHUNK)?;
            if let Some(newline) = memchr::memrchr(b'\n', &self.buf[searched..]) {
                return Ok(Piece::Lines(self.take(searched + newline + 1)));
            }
            // No newline in `buf`: it is all one line.
            if self.buf.len() > self.max_line {
                self.skip_line()?;
                return Ok(Piece::LongLine);
            }
            if self.eof {
                return Ok(match self.buf.len() {
                    0 => Piece::End,
                    all => Piece::Lines(self.take(all)),
                });
            }
            searched = self.buf.len();
        }
    }

    /// The first `n` bytes of `buf`, taken out; what follows them stays,
    /// in a buffer with room for the next chunk.
    fn take(&mut self, n: usize) -> Vec<u8> {
        let mut rest = std::mem::take(&mut self.spare);
        rest.clear();
        rest.reserve(CHUNK.max(self.buf.len() - n));
        rest.extend_from_slice(&self.buf[n..]);
        self.buf.truncate(n);
        std::mem::replace(&mut self.buf, rest)
    }

    /// Takes back the lines of a [`Piece::Lines`] once they are parsed,
    /// to read the chunk after next into.
    pub fn give_back(&mut self, lines: Vec<u8>) {
        self.spare = lines;
    }

    /// Reads until `buf` holds `target` bytes or the file ends.
    fn fill(&mut self, target: usize) -> io::Result<()> {
        while !self.eof && self.buf.len() < target {
            let want = target - self.buf.len();
            let read = (&mut self.reader)
                .take(want as u64)
                .read_to_end(&mut self.buf)?;
            self.total += read as u64;
            self.eof = read < want;
        }
        Ok(())
    }

    /// Drops the line `buf` holds and reads past the rest of it, keeping
    /// what follows its newline.
    fn skip_line(&mut self) -> io::Result<()> {
        self.saw_nul |= memchr::memchr(0, &self.buf).is_some();
        self.buf.clear();
        while !self.eof {
            self.fill(CHUNK)?;
            self.saw_nul |= memchr::memchr(0, &self.buf).is_some();
            if let Some(newline) = memchr::memchr(b'\n', &self.buf) {
                self.buf.drain(..=newline);
                return Ok(());
            }
            self.buf.clear();
        }
        Ok(())
    }

    /// Reads the rest of the file unkept; how many bytes it had.
    pub fn drain(&mut self) -> u64 {
        io::copy(&mut self.reader, &mut io::sink()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &[u8] = b"first line of many\n";

    #[test]
    fn lines_given_back_are_the_buffer_the_next_are_read_into() {
        let text = LINE.repeat(4);
        let mut chunks = LineChunks::new(&text[..], 1 << 10);
        let first = lines(&mut chunks);
        let at = first.as_ptr();
        chunks.give_back(first);
        // The next lines were read already: the ones after are read into it.
        let (second, third) = (lines(&mut chunks), lines(&mut chunks));
        assert_eq!((&second[..], &third[..]), (LINE, LINE));
        assert_eq!(third.as_ptr(), at);
    }

    fn lines(chunks: &mut LineChunks<&[u8]>) -> Vec<u8> {
        match chunks.next_piece() {
            Ok(Piece::Lines(lines)) => lines,
            other => panic!("lines, not {other:?}"),
        }
    }
}
