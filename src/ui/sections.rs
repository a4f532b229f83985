//! The sections pane: "all", then each section with its unread and total
//! counts right-aligned (`sport   12/511`), the pane's selection in
//! reverse video, the section the list is filtered to marked with a bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Styles, fit, put};
use crate::app::{App, SectionRow, SectionsPane};

pub fn draw(app: &App, pane: &SectionsPane, area: Rect, styles: &Styles, buf: &mut Buffer) {
    let visible = pane.rows.iter().enumerate().skip(pane.top);
    for (y, (i, row)) in (area.y..area.bottom()).zip(visible) {
        let line = Rect {
            y,
            height: 1,
            ..area
        };
        let chosen = row.name.as_deref() == app.chosen_section();
        draw_row(row, i == pane.selected, chosen, line, styles, buf);
    }
}

fn draw_row(
    row: &SectionRow,
    selected: bool,
    chosen: bool,
    line: Rect,
    styles: &Styles,
    buf: &mut Buffer,
) {
    let style = match (selected, row.unread) {
        (true, _) => styles.selected,
        (false, 0) => styles.read,
        (false, _) => styles.normal,
    };
    buf.set_style(line, style);
    put(buf, line, 0, line.y, if chosen { "▌" } else { " " }, style);
    let counts = format!(" {}/{} ", row.unread, row.total);
    let room = usize::from(line.width).saturating_sub(1 + counts.width());
    let name = row.name.as_deref().unwrap_or("all");
    put(buf, line, 1, line.y, &fit(name, room), style);
    // The counts when they fit beside at least a letter of the name.
    if room > 0 {
        let x = line.width.saturating_sub(counts.width() as u16);
        let faded = if selected { style } else { styles.dim };
        put(buf, line, x, line.y, &counts, faded);
    }
}
