//! Which articles the list shows (all, unread or starred), and in what order.

/// Which articles the list shows.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum View {
    #[default]
    All,
    Unread,
    Starred,
}

impl View {
    pub const ALL: [View; 3] = [View::All, View::Unread, View::Starred];

    /// The next view, wrapping: all, unread, starred, all...
    pub fn cycle(self) -> View {
        match self {
            View::All => View::Unread,
            View::Unread => View::Starred,
            View::Starred => View::All,
        }
    }

    /// What the status bar calls it.
    pub fn name(self) -> &'static str {
        match self {
            View::All => "all",
            View::Unread => "unread",
            View::Starred => "starred",
        }
    }
}

/// The order of the list.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest first; undated articles after the dated ones, in corpus order.
    #[default]
    Newest,
    Oldest,
    /// By title, ignoring case.
    Title,
    /// By section, then newest first; articles without one last.
    Section,
    /// As the files and entries come: folders, names, entries in a file.
    Corpus,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Newest,
        Sort::Oldest,
        Sort::Title,
        Sort::Section,
        Sort::Corpus,
    ];

    /// The next order, wrapping.
    pub fn cycle(self) -> Sort {
        let at = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    /// What the status bar calls it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Title => "by title",
            Sort::Section => "by section",
            Sort::Corpus => "corpus order",
        }
    }
}
