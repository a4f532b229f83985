//! Which articles the list shows: all, unread or starred.

/// Which articles the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
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
