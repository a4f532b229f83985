//! The reading pane: the visible slice of the laid-out article, in a
//! centered column, with a scrollbar on the right edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Styles, put};
use crate::app::App;
use crate::geometry::text_column;
use crate::layout::LineKind;

pub fn draw(app: &App, area: Rect, styles: &Styles, buf: &mut Buffer) {
    let lines = &app.reader().layout.lines;
    if lines.is_empty() {
        return;
    }
    let column = text_column(area, app.config().reader.measure);
    let visible = lines
        .iter()
        .skip(app.reader().top)
        .take(usize::from(area.height));
    for (y, line) in (area.y..).zip(visible) {
        let style = match line.kind {
            LineKind::Title => styles.title,
            LineKind::Meta => styles.meta,
            LineKind::Body | LineKind::Blank => styles.normal,
        };
        put(buf, column, 0, y, &line.text, style);
    }
    draw_find_hits(app, column, styles, buf);
    draw_scrollbar(area, lines.len(), app.reader().top, styles, buf);
}

/// Highlights every hit on screen; the one last moved to stands out.
fn draw_find_hits(app: &App, column: Rect, styles: &Styles, buf: &mut Buffer) {
    let Some(find) = app.find() else { return };
    let top = app.reader().top;
    let first = find.hits.partition_point(|h| h.line < top);
    let on_screen = find.hits[first..]
        .iter()
        .take_while(|h| h.line < top + usize::from(column.height));
    for (i, hit) in (first..).zip(on_screen) {
        let y = column.y + (hit.line - top) as u16;
        let x = column
            .x
            .saturating_add(hit.columns.start as u16)
            .min(column.right());
        let right = column
            .x
            .saturating_add(hit.columns.end as u16)
            .min(column.right());
        let style = if find.current == Some(i) {
            styles.selected
        } else {
            styles.highlight
        };
        buf.set_style(
            Rect {
                x,
                y,
                width: right - x,
                height: 1,
            },
            style,
        );
    }
}

/// A thumb proportional to the share of the article on screen.
fn draw_scrollbar(area: Rect, lines: usize, top: usize, styles: &Styles, buf: &mut Buffer) {
    let height = usize::from(area.height);
    if lines <= height || area.width == 0 {
        return;
    }
    let x = area.right() - 1;
    let thumb = (height * height / lines).clamp(1, height);
    let start = top * (height - thumb) / (lines - height).max(1);
    for (i, y) in (area.y..area.bottom()).enumerate() {
        let (symbol, style) = if (start..start + thumb).contains(&i) {
            ("┃", styles.scrollbar)
        } else {
            ("│", styles.border)
        };
        buf.set_string(x, y, symbol, style);
    }
}
