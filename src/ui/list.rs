//! The list pane: one row an article: the selection bar, the marks (•
//! unread, ★ starred, both when both), the title cut by display width with
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
        let empty = format!(
            "No {} articles. ({key} changes the view)",
            app.view().name()
        );
        put(buf, area, 2, area.y, &empty, styles.dim);
        return;
    }
    let width = usize::from(area.width);
    let show_date = width >= 60 && app.has_dates();
    let show_section = app.has_sections() && width >= if show_date { 80 } else { 56 };
    let right =
        usize::from(show_section) * (SECTION_WIDTH + 1) + usize::from(show_date) * (DATE_WIDTH + 1);
    let title_width = width.saturating_sub(usize::from(TITLE_X) + 1 + right);
    let visible = app.rows().iter().enumerate().skip(app.list_top());
    for (y, (row, &index)) in (area.y..area.bottom()).zip(visible) {
        let article = &app.corpus().articles[index];
        let (read, starred) = (
            app.state().is_read(&article.id),
            app.state().is_starred(&article.id),
        );
        let selected = row == app.selected();
        let style = match (selected, app.focus()) {
            (true, Focus::List) => styles.selected,
            (true, Focus::Reader) => styles.selected_unfocused,
            (false, _) if read => styles.read,
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
        put(buf, area, 0, y, if selected { "▌" } else { " " }, style);
        put(buf, area, 1, y, if read { " " } else { "•" }, style);
        if starred {
            put(
                buf,
                area,
                2,
                y,
                "★",
                if selected { style } else { styles.star },
            );
        }
        put(
            buf,
            area,
            TITLE_X,
            y,
            &fit(&article.title, title_width),
            style,
        );
        let mut x = area.width.saturating_sub(right as u16);
        let faded = if selected { style } else { styles.dim };
        if show_section {
            put(
                buf,
                area,
                x,
                y,
                &fit(&article.section, SECTION_WIDTH),
                faded,
            );
            x += (SECTION_WIDTH + 1) as u16;
        }
        if show_date && let Some(date) = article.local_day_label() {
            put(
                buf,
                area,
                x + DATE_WIDTH.saturating_sub(date.width()) as u16,
                y,
                &date,
                faded,
            );
        }
    }
}
