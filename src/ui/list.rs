//! The list pane: one row an article: the selection bar, the marks (•
//! unread, ✦ new from the feeds in place of it, ★ starred), the title cut by display width with
//! an ellipsis, then the section (when articles have sections) and the
//! date (in the reader's time zone) when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Styles, fit, put};
use crate::action::Action;
use crate::app::App;
use crate::geometry::Focus;

/// Columns for the section and the date, when the pane is wide enough.
const SECTION_WIDTH: usize = 13;
/// Where titles start: after the selection bar and the two marks.
const TITLE_X: u16 = 4;
const DATE_WIDTH: usize = 10;

pub fn draw(app: &App, area: Rect, styles: &Styles, buf: &mut Buffer) {
    if app.rows().is_empty() {
        let key = app.config().keymap.key_name(Action::CycleView);
        let empty = match app.filter().typed_is_empty() {
            true => format!("No {} articles. ({key} changes the view)", app.view_name()),
            false => format!(
                "No {} articles pass the filter. (esc clears it)",
                app.view_name()
            ),
        };
        put(buf, area, 2, area.y, &empty, styles.dim);
        return;
    }
    let width = usize::from(area.width);
    let show_date = width >= 60 && app.has_dates();
    let show_section = app.has_sections() && width >= if show_date { 80 } else { 56 };
    let columns = Columns {
        section: show_section,
        date: show_date,
        right: usize::from(show_section) * (SECTION_WIDTH + 1)
            + usize::from(show_date) * (DATE_WIDTH + 1),
    };
    let visible = app.rows().iter().enumerate().skip(app.list_top());
    for (y, (n, &index)) in (area.y..area.bottom()).zip(visible) {
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        draw_row(app, index, n == app.selected(), row, columns, styles, buf);
    }
}

/// Which columns stand right of the titles, and how wide they are together.
#[derive(Clone, Copy)]
struct Columns {
    section: bool,
    date: bool,
    right: usize,
}

fn draw_row(
    app: &App,
    index: usize,
    selected: bool,
    row: Rect,
    columns: Columns,
    styles: &Styles,
    buf: &mut Buffer,
) {
    let article = app.corpus().head(index);
    let (read, starred) = (
        app.state().is_read(article.id),
        app.state().is_starred(article.id),
    );
    let style = match (selected, app.focus()) {
        (true, Focus::List) => styles.selected,
        (true, Focus::Reader) => styles.selected_unfocused,
        (false, _) if read => styles.read,
        (false, _) => styles.normal,
    };
    let y = row.y;
    buf.set_style(row, style);
    put(buf, row, 0, y, if selected { "▌" } else { " " }, style);
    let mark = match (app.is_new(index), read) {
        (true, _) => "✦",
        (false, false) => "•",
        (false, true) => " ",
    };
    put(buf, row, 1, y, mark, style);
    if starred {
        put(
            buf,
            row,
            2,
            y,
            "★",
            if selected { style } else { styles.star },
        );
    }
    let title_width =
        usize::from(row.width).saturating_sub(usize::from(TITLE_X) + 1 + columns.right);
    put(
        buf,
        row,
        TITLE_X,
        y,
        &fit(article.title, title_width),
        style,
    );
    let mut x = row.width.saturating_sub(columns.right as u16);
    let faded = if selected { style } else { styles.dim };
    if columns.section {
        put(buf, row, x, y, &fit(article.section, SECTION_WIDTH), faded);
        x += (SECTION_WIDTH + 1) as u16;
    }
    if columns.date
        && let Some(date) = article.local_day_label()
    {
        let right_aligned = x + DATE_WIDTH.saturating_sub(date.width()) as u16;
        put(buf, row, right_aligned, y, &date, faded);
    }
}
