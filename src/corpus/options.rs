//! How a load reads and cleans what it finds.

use super::input::InputKind;
use crate::clean::Boilerplate;

/// Bodies longer than this are cut, with a note in the article.
pub const DEFAULT_MAX_BODY: usize = 8 * 1024 * 1024;
/// JSON Lines lines longer than this are skipped: an article is not 64 MiB.
pub const DEFAULT_MAX_LINE: usize = 64 * 1024 * 1024;
/// `.json` documents larger than this are not read: they are parsed whole.
pub const DEFAULT_MAX_JSON: u64 = 1024 * 1024 * 1024;

/// How to read and clean what is loaded.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub boilerplate: Boilerplate,
    pub max_body: usize,
    /// The longest JSON Lines line read; longer ones are skipped, in time
    /// linear in their length.
    pub max_line: usize,
    /// The largest `.json` document read; larger ones are refused unread.
    pub max_json: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            boilerplate: Boilerplate::default(),
            max_body: DEFAULT_MAX_BODY,
            max_line: DEFAULT_MAX_LINE,
            max_json: DEFAULT_MAX_JSON,
        }
    }
}

impl LoadOptions {
    /// How much of a text file is read: a little past the body limit, for
    /// the title and blank lines.
    pub fn text_read_limit(&self) -> usize {
        self.max_body.saturating_add(64 * 1024)
    }

    /// How much of a page or feed is read: markup takes room besides the
    /// text, so twice the body limit, and at least 1 MiB. A longer page is
    /// cut (HTML parses to its end whatever it is cut from), a longer feed
    /// skipped.
    pub fn markup_read_limit(&self) -> usize {
        self.max_body.saturating_mul(2).max(1024 * 1024)
    }

    /// How much of a file of this kind that is not parsed whole is read.
    pub fn read_limit(&self, kind: InputKind) -> usize {
        match kind {
            InputKind::Html | InputKind::Feed => self.markup_read_limit(),
            _ => self.text_read_limit(),
        }
    }
}

/// `bytes` in MiB, rounded up, for warnings.
pub fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}
