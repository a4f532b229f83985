//! The looks. With `NO_COLOR` every distinction survives through bold,
//! dim and reverse video alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub normal: Style,
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
    pub fn new(monochrome: bool) -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        let dim = plain.add_modifier(Modifier::DIM);
        if monochrome {
            return Self {
                normal: plain,
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
        Self {
            normal: plain,
            selected: bold.fg(Color::Black).bg(Color::LightYellow),
            selected_unfocused: plain.fg(Color::Black).bg(Color::Gray),
            title: bold.fg(Color::LightYellow),
            meta: plain.fg(Color::Cyan),
            dim: plain.fg(Color::DarkGray),
            border: plain.fg(Color::DarkGray),
            status: plain.fg(Color::White).bg(Color::Blue),
            status_key: bold.fg(Color::LightYellow).bg(Color::Blue),
            warning: bold.fg(Color::Black).bg(Color::LightRed),
            highlight: bold.fg(Color::Black).bg(Color::LightGreen),
            scrollbar: plain.fg(Color::Gray),
        }
    }
}
