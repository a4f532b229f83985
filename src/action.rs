//! The one vocabulary of things a user can do. The key table, the help
//! overlay, the configuration file and `App::update` all speak it.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($variant:ident => $name:literal, $desc:literal;)*) => {
        /// Something the user asked for, whatever key or click asked it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// The name used in `config.toml`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// What the help overlay says the action does.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $desc,)*
                }
            }
        }
    };
}

actions! {
    Down => "down", "Move down / scroll down one line";
    Up => "up", "Move up / scroll up one line";
    HalfPageDown => "half_page_down", "Half a page down";
    HalfPageUp => "half_page_up", "Half a page up";
    PageDown => "page_down", "A page down";
    PageUp => "page_up", "A page up";
    Top => "top", "Go to the top";
    Bottom => "bottom", "Go to the bottom";
    Open => "open", "Open the selected article";
    Back => "back", "Back to the list / close";
    SwitchFocus => "switch_focus", "Switch focus between list and reader";
    NextArticle => "next_article", "Next article, staying in the reader";
    PrevArticle => "prev_article", "Previous article, staying in the reader";
    Find => "find", "Find: titles from the list, text in the reader";
    Search => "search", "Fuzzy-find an article by title, from anywhere";
    NextHit => "next_hit", "Next hit in the article";
    PrevHit => "prev_hit", "Previous hit in the article";
    ToggleRead => "toggle_read", "Mark read / unread";
    ToggleStar => "toggle_star", "Star / unstar";
    Undo => "undo", "Undo the last mark";
    MarkAllRead => "mark_all_read", "Mark every article in the view read";
    NextUnread => "next_unread", "Open the next unread article";
    CycleView => "cycle_view", "Show all / unread / starred / saved views";
    CycleSort => "cycle_sort", "Sort by date, title, section or corpus order";
    Filter => "filter", "Filter the list: section:, is:unread, words...";
    Sections => "sections", "Show / hide the sections pane (unread counts)";
    OpenUrl => "open_url", "Open the article's link in the browser";
    CopyUrl => "copy_url", "Copy the article's link (OSC 52)";
    Reload => "reload", "Load the articles again (new, changed, deleted)";
    Fetch => "fetch", "Fetch the subscribed feeds, in the background";
    FullText => "full_text", "Fetch the article's whole page into the archive";
    Warnings => "warnings", "Show load warnings";
    Help => "help", "Show this help";
    Suspend => "suspend", "Suspend byline (fg to return)";
    Quit => "quit", "Back to the list, or quit from the list";
    QuitNow => "quit_now", "Quit from anywhere";
}

impl Action {
    /// The action named `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for &action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.name()));
        }
        assert_eq!(Action::from_name("fly"), None);
    }
}
