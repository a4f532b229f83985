//! The warnings of a listing's load, each as a tag, its texts and a number.

use super::{Reader, put_bytes, put_u64};
use crate::clean::is_clean_line;
use crate::corpus::{EntryAt, Warning, WarningKind};

impl Reader<'_> {
    pub(super) fn warning(&mut self) -> Option<Warning> {
        let path = self.str()?;
        let entry = match self.take(1)? {
            [0] => None,
            [1] => Some(EntryAt {
                n: self.len()?,
                line: self.len()?,
            }),
            _ => return None,
        };
        let tag = self.take(1)?[0];
        let n = self.u64()?;
        let texts = (0..self.len()?.min(3))
            .map(|_| self.text())
            .collect::<Option<Vec<_>>>()?;
        let kind = kind_from_parts(tag, texts, n)?;
        is_clean_line(path).then(|| Warning {
            path: path.to_owned(),
            entry,
            kind,
        })
    }
}

pub fn put_warning(out: &mut Vec<u8>, warning: &Warning) {
    put_bytes(out, warning.path.as_bytes());
    match warning.entry {
        Some(EntryAt { n, line }) => {
            out.push(1);
            put_u64(out, n as u64);
            put_u64(out, line as u64);
        }
        None => out.push(0),
    }
    let (tag, texts, n) = kind_parts(&warning.kind);
    out.push(tag);
    put_u64(out, n);
    put_u64(out, texts.len() as u64);
    for text in texts {
        put_bytes(out, text.as_bytes());
    }
}

/// A kind as a tag, the texts it holds and its number.
fn kind_parts(kind: &WarningKind) -> (u8, Vec<&str>, u64) {
    use WarningKind::*;
    match kind {
        Unreadable(s) => (0, vec![s], 0),
        Walk(s) => (1, vec![s], 0),
        LinkLoop => (2, vec![], 0),
        NotRegularFile => (3, vec![], 0),
        Empty => (4, vec![], 0),
        BlankFile => (5, vec![], 0),
        NoTitle => (6, vec![], 0),
        Binary => (7, vec![], 0),
        BodyCut { mib } => (8, vec![], *mib as u64),
        LineTooLong { mib } => (9, vec![], *mib),
        FileTooLarge { mib } => (10, vec![], *mib),
        MalformedJson(s) => (11, vec![s], 0),
        BadEntry(s) => (12, vec![s], 0),
        BadDate(s) => (13, vec![s], 0),
        BadField {
            field,
            expected,
            found,
        } => (14, vec![field, expected, found], 0),
        DuplicateField(s) => (15, vec![s], 0),
        PageCut { mib } => (16, vec![], *mib as u64),
        MarkupCut => (17, vec![], 0),
        NoArticle(s) => (18, vec![s], 0),
        FeedTooLarge { mib } => (19, vec![], *mib as u64),
        NotAFeed(s) => (20, vec![s], 0),
        NoItems => (21, vec![], 0),
        ItemMarkupCut { id } => (22, vec![id], 0),
        ItemBodyCut { id, mib } => (23, vec![id], *mib as u64),
    }
}

fn kind_from_parts(tag: u8, texts: Vec<String>, n: u64) -> Option<WarningKind> {
    use WarningKind::*;
    let mut texts = texts.into_iter();
    let mut text = || texts.next();
    Some(match tag {
        0 => Unreadable(text()?),
        1 => Walk(text()?),
        2 => LinkLoop,
        3 => NotRegularFile,
        4 => Empty,
        5 => BlankFile,
        6 => NoTitle,
        7 => Binary,
        8 => BodyCut {
            mib: usize::try_from(n).ok()?,
        },
        9 => LineTooLong { mib: n },
        10 => FileTooLarge { mib: n },
        11 => MalformedJson(text()?),
        12 => BadEntry(text()?),
        13 => BadDate(text()?),
        14 => BadField {
            field: text()?,
            expected: text()?,
            found: text()?,
        },
        15 => DuplicateField(text()?),
        16 => PageCut {
            mib: usize::try_from(n).ok()?,
        },
        17 => MarkupCut,
        18 => NoArticle(text()?),
        19 => FeedTooLarge {
            mib: usize::try_from(n).ok()?,
        },
        20 => NotAFeed(text()?),
        21 => NoItems,
        22 => ItemMarkupCut { id: text()? },
        23 => ItemBodyCut {
            id: text()?,
            mib: usize::try_from(n).ok()?,
        },
        _ => return None,
    })
}
