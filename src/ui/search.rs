//! The fuzzy-search overlay: the query line, ranked titles with the matched
//! characters highlighted, and a preview of the selected article when wide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::{Styles, draw_line_edit, fit, framed, put};
use crate::app::{App, SearchOverlay};
use crate::layout::{ArticleLayout, LineKind};
use crate::search;

/// From this overlay width on, a preview sits beside the results.
const PREVIEW_MIN_WIDTH: u16 = 100;

pub fn draw(app: &App, overlay: &SearchOverlay, area: Rect, styles: &Styles, buf: &mut Buffer) {
    let window = Rect {
        x: area.x + area.width.saturating_sub(area.width.min(140)) / 2,
        y: area.y + u16::from(area.height > 10),
        width: area.width.min(140),
        height: area
            .height
            .saturating_sub(if area.height > 10 { 2 } else { 0 }),
    };
    let inner = framed(buf, window, " Find an article ", styles, 0);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    draw_query(app, overlay, inner, styles, buf);
    let body = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let (results, preview) = if inner.width >= PREVIEW_MIN_WIDTH {
        let left = inner.width * 55 / 100;
        let preview = Rect {
            x: inner.x + left + 1,
            width: inner.width - left - 1,
            ..body
        };
        (
            Rect {
                width: left,
                ..body
            },
            Some(preview),
        )
    } else {
        (body, None)
    };
    draw_results(app, overlay, results, styles, buf);
    if let (Some(preview), Some(hit)) = (preview, overlay.hits.get(overlay.selected)) {
        for y in preview.top()..preview.bottom() {
            buf.set_string(preview.x - 1, y, "│", styles.border);
        }
        let layout = ArticleLayout::new(
            &app.corpus.articles[hit.index],
            usize::from(preview.width.saturating_sub(1)),
        );
        for (y, line) in (preview.y..preview.bottom()).zip(&layout.lines) {
            let style = if line.kind == LineKind::Title {
                styles.title
            } else {
                styles.normal
            };
            put(buf, preview, 1, y, &line.text, style);
        }
    }
}

/// `> query` with a block cursor, and the count on the right (with an
/// ellipsis while ranking is under way).
fn draw_query(app: &App, overlay: &SearchOverlay, inner: Rect, styles: &Styles, buf: &mut Buffer) {
    let more = if overlay.complete { "" } else { "…" };
    let count = format!(
        " {}{more}/{} ",
        overlay.hits.len(),
        app.corpus.articles.len()
    );
    let count_width = count.width() as u16;
    let line = Rect {
        height: 1,
        width: inner.width.saturating_sub(count_width),
        ..inner
    };
    draw_line_edit(buf, line, "> ", &overlay.line, styles.normal, styles);
    put(
        buf,
        inner,
        inner.width.saturating_sub(count_width),
        inner.y,
        &count,
        styles.dim,
    );
}

fn draw_results(app: &App, overlay: &SearchOverlay, area: Rect, styles: &Styles, buf: &mut Buffer) {
    let rows = usize::from(area.height);
    let top = overlay.selected.saturating_sub(rows.saturating_sub(1));
    for (y, (i, hit)) in (area.y..area.bottom()).zip(overlay.hits.iter().enumerate().skip(top)) {
        let title = &app.corpus.articles[hit.index].title;
        let selected = i == overlay.selected;
        let base = if selected {
            styles.selected
        } else {
            styles.normal
        };
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..area
            },
            base,
        );
        put(buf, area, 0, y, if selected { "▌" } else { " " }, base);
        // Match positions only for the rows on screen, each from a fresh
        // matcher: SkimMatcherV2 can carry state from one call to the next.
        let positions = search::positions(&search::matcher(), title, &overlay.line.text);
        let row = Rect {
            x: area.x + 2,
            width: area.width.saturating_sub(2),
            y,
            height: 1,
        };
        draw_highlighted(
            buf,
            row,
            title,
            &positions,
            base,
            base.patch(styles.highlight),
        );
    }
}

/// Draws `text` cut to the row, the characters at `positions` (character
/// indices, as fuzzy-matcher gives them) in `highlight`. Runs go by
/// grapheme and are placed by display column (see [`search::segments`]), so
/// CJK, emoji and combining marks land on the right cells.
pub fn draw_highlighted(
    buf: &mut Buffer,
    row: Rect,
    text: &str,
    positions: &[usize],
    base: Style,
    highlight: Style,
) {
    let text = fit(text, usize::from(row.width));
    for segment in search::segments(&text, positions) {
        let style = if segment.highlighted { highlight } else { base };
        put(
            buf,
            row,
            segment.columns.start as u16,
            row.y,
            segment.text,
            style,
        );
    }
}
