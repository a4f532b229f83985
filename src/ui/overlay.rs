//! Windows above the panes: the help, generated from the key table that
//! drives input, and the list of load warnings.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Styles, fit, framed, put};
use crate::action::Action;
use crate::app::{App, Overlay};
use crate::geometry::WINDOW_WIDTH;

pub fn draw(app: &App, overlay: &Overlay, area: Rect, styles: &Styles, buf: &mut Buffer) {
    let keymap = &app.config().keymap;
    let close = format!(
        "{} or {} to close",
        keymap.key_name(Action::Quit),
        keymap.key_name(Action::Back)
    );
    let (title, lines, top) = match overlay {
        Overlay::Help { top } => (
            format!(" Keys ({close}) "),
            Cow::Owned(help_lines(app)),
            *top,
        ),
        Overlay::Warnings { top, lines } => (
            format!(" Warnings ({close}) "),
            Cow::Borrowed(lines.as_slice()),
            *top,
        ),
        Overlay::Search(search) => return super::search::draw(app, search, area, styles, buf),
    };
    let window = centered(
        area,
        WINDOW_WIDTH,
        u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2),
    );
    let inner = framed(buf, window, &title, styles, 1);
    let top = top.min(lines.len().saturating_sub(usize::from(inner.height)));
    for (y, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(top)) {
        put(
            buf,
            inner,
            0,
            y,
            &fit(line, usize::from(inner.width)),
            styles.normal,
        );
    }
}

fn help_lines(app: &App) -> Vec<String> {
    let rows = app.config().keymap.help_rows();
    let key_width = rows.iter().map(|(_, k)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(action, keys)| format!("{keys:<key_width$}  {}", action.description()))
        .collect()
}

/// A window of at most `width` x `height`, centered, never outside `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
