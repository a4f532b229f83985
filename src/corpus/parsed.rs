//! What every format's parser shares: the file being parsed with the
//! load's options, what a file gave, and cutting a body to its limit.

use std::sync::Arc;

use super::input::Input;
use super::options::LoadOptions;
use super::stat::FileStat;
use super::warning::{Warning, WarningKind};
use crate::article::Article;

/// One file being parsed, and the options of its load: passed as one.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub input: &'a Input,
    pub options: &'a LoadOptions,
}

impl Job<'_> {
    pub fn warning(&self, kind: WarningKind) -> Warning {
        Warning::new(&self.input.path, kind)
    }
}

/// Articles in runs, in corpus order: parsed in parallel, each run into a
/// Vec of its own, and moved once, when the load ends. Each is shared
/// from where it is parsed: a reload keeps an unchanged file's by a count.
pub type Batches = Vec<Vec<Arc<Article>>>;

/// What one input file gave.
#[derive(Debug, Default)]
pub struct Parsed {
    pub batches: Batches,
    pub warnings: Vec<Warning>,
    pub bytes: u64,
    /// The file's stat when it was opened, before it was read; `None` when
    /// it was not opened.
    pub stat: Option<FileStat>,
}

impl Parsed {
    /// A file that gave no articles after all: only the warning saying why,
    /// and the `bytes` read of it.
    pub fn failed(job: Job, kind: WarningKind, bytes: u64) -> Self {
        Self {
            warnings: vec![job.warning(kind)],
            bytes,
            ..Self::default()
        }
    }

    /// A file that could not be read.
    pub fn unreadable(job: Job, err: &std::io::Error) -> Self {
        Self::failed(job, WarningKind::Unreadable(err.to_string()), 0)
    }
}

/// Cuts `body` to at most `max` bytes on a character boundary. When it was
/// cut, here or by the read before it, a note ends the body and the warning
/// to report is returned.
pub fn limit_body(body: &mut String, max: usize, already_cut: bool) -> Option<WarningKind> {
    if body.len() <= max && !already_cut {
        return None;
    }
    let mut end = max.min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.truncate(end);
    // A cut can leave a space before the note, which cleaning would fold.
    body.truncate(body.trim_end_matches([' ', '\n']).len());
    let mib = max.div_ceil(1024 * 1024);
    body.push_str(&format!(
        "\n[byline: this article was cut at {mib} MiB; the rest was not loaded]"
    ));
    Some(WarningKind::BodyCut { mib })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the property loop: a cut after a space left `"… "` before
    /// the note, which cleaning would have folded.
    #[test]
    fn a_cut_body_ends_in_no_space_before_its_note() {
        let mut body = "one two three".to_owned();
        let kind = limit_body(&mut body, 8, false);
        assert_eq!(kind, Some(WarningKind::BodyCut { mib: 1 }));
        assert_eq!(
            body,
            "one two\n[byline: this article was cut at 1 MiB; the rest was not loaded]"
        );
        assert!(crate::clean::is_clean(&body));
    }
}
