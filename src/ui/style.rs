//! The looks, from the configured theme. With `NO_COLOR` every distinction
//! survives through bold, dim, underline and reverse video alone.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Theme;

#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub normal: Style,
    /// Titles of articles already read.
    pub read: Style,
    pub star: Style,
    pub selected: Style,
    /// The selection when its pane does not have the focus.
    pub selected_unfocused: Style,
    pub title: Style,
    pub meta: Style,
    pub dim: Style,
    pub border: Style,
    pub status: Style,
    pub status_key: Style,
    pub warning: Style,
    pub highlight: Style,
    pub scrollbar: Style,
}

impl Styles {
    pub fn new(theme: &Theme, monochrome: bool) -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        let dim = plain.add_modifier(Modifier::DIM);
        if monochrome {
            return Self {
                normal: plain,
                read: dim,
                star: bold,
                selected: reversed.add_modifier(Modifier::BOLD),
                selected_unfocused: reversed,
                title: bold,
                meta: dim,
                dim,
                border: dim,
                status: reversed,
                status_key: reversed.add_modifier(Modifier::BOLD),
                warning: reversed.add_modifier(Modifier::BOLD),
                highlight: reversed.add_modifier(Modifier::UNDERLINED),
                scrollbar: plain,
            };
        }
        let status = plain.fg(theme.status_fg).bg(theme.status_bg);
        Self {
            normal: plain.fg(theme.list),
            // Dim, not a colour of its own: grey is the background in some
            // themes (Solarized Dark's colour 8).
            read: match theme.list_read {
                Color::Reset => dim.fg(theme.list),
                colour => plain.fg(colour),
            },
            star: bold.fg(theme.star),
            selected: bold.fg(theme.selection_fg).bg(theme.selection_bg),
            selected_unfocused: plain.fg(theme.selection_fg).bg(Color::Gray),
            title: bold,
            meta: plain.fg(Color::Cyan),
            dim: plain.fg(Color::DarkGray),
            border: plain.fg(Color::DarkGray),
            status,
            status_key: status.add_modifier(Modifier::BOLD),
            warning: bold.fg(Color::Black).bg(Color::LightRed),
            highlight: bold.fg(Color::Black).bg(theme.highlight),
            scrollbar: plain.fg(Color::Gray),
        }
    }
}
