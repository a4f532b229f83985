//! The list pane: one row an article, title cut by display width, then the
//! section and date when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Styles, fit, put};
use crate::app::App;
use crate::ui::geometry::Focus;

/// Columns for the section and the date, when the pane is wide enough.
const SECTION_WIDTH: usize = 13;
const DATE_WIDTH: usize = 10;

pub fn draw(app: &App, area: Rect, styles: &Styles, buf: &mut Buffer) {
    if app.rows.is_empty() {
        put(buf, area, 2, area.y, "No articles.", styles.dim);
        return;
    }
    let width = usize::from(area.width);
    let show_section = width >= 56;
    let show_date = width >= 72
        && app
            .rows
            .iter()
            .any(|&i| app.corpus.articles[i].date.is_some());
    let right =
        usize::from(show_section) * (SECTION_WIDTH + 1) + usize::from(show_date) * (DATE_WIDTH + 1);
    // A leading column is kept for the read/unread mark.
    let title_width = width.saturating_sub(3 + right);
    let visible = app
        .rows
        .iter()
        .enumerate()
        .skip(app.list_top)
        .take(usize::from(area.height));
    for (y, (row, &index)) in (area.y..).zip(visible) {
        let article = &app.corpus.articles[index];
        let style = match (row == app.selected, app.focus) {
            (true, Focus::List) => styles.selected,
            (true, Focus::Reader) => styles.selected_unfocused,
            (false, _) => styles.normal,
        };
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..area
            },
            style,
        );
        let marker = if row == app.selected { "▌" } else { " " };
        put(buf, area, 0, y, marker, style);
        put(buf, area, 2, y, &fit(&article.title, title_width), style);
        let mut x = area.width.saturating_sub(right as u16);
        let faded = if row == app.selected {
            style
        } else {
            styles.dim
        };
        if show_section {
            let section = fit(&article.section, SECTION_WIDTH);
            put(buf, area, x, y, &section, faded);
            x += (SECTION_WIDTH + 1) as u16;
        }
        if show_date && let Some(date) = article.date_label() {
            put(
                buf,
                area,
                x + (DATE_WIDTH - date.width()) as u16,
                y,
                &date,
                faded,
            );
        }
    }
}
