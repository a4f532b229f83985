//! The files of a listing: where each article's body is, so that a corpus
//! made from the listing can read one body without loading the rest.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use super::{Reader, put_bytes, put_u64};
use crate::clean::is_clean_line;
use crate::corpus::{Input, InputKind};

pub fn put_files(out: &mut Vec<u8>, files: &[Input]) {
    put_u64(out, files.len() as u64);
    for file in files {
        put_bytes(out, file.path.as_os_str().as_bytes());
        put_bytes(out, file.id.as_bytes());
        match &file.name {
            Some(name) => {
                out.push(1);
                put_bytes(out, name.as_bytes());
            }
            None => out.push(0),
        }
        put_bytes(out, file.section.as_bytes());
        out.push(file.kind as u8);
    }
}

impl Reader<'_> {
    /// The files the articles are in (none, for a corpus made without
    /// files).
    pub(super) fn files(&mut self) -> Option<Vec<Input>> {
        let count = self.len()?;
        // Each file takes at least 33 bytes: a count beyond them is a lie.
        if count > self.0.len() / 33 {
            return None;
        }
        (0..count).map(|_| self.file()).collect()
    }

    fn file(&mut self) -> Option<Input> {
        let path = PathBuf::from(OsStr::from_bytes(self.bytes()?));
        let id = self.line()?;
        let name = match self.take(1)? {
            [0] => None,
            [1] => Some(self.line()?),
            _ => return None,
        };
        let section = self.line()?;
        let kind = match self.take(1)? {
            [0] => InputKind::Text,
            [1] => InputKind::Json,
            [2] => InputKind::JsonLines,
            [3] => InputKind::Html,
            [4] => InputKind::Feed,
            _ => return None,
        };
        Some(Input::listed(path, id, name, section, kind))
    }

    /// One cleaned line, as ids, names and sections are.
    fn line(&mut self) -> Option<String> {
        let line = self.str()?;
        is_clean_line(line).then(|| line.to_owned())
    }
}
