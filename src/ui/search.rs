//! The fuzzy-search overlay: the query line, ranked titles with the matched
//! characters highlighted, and a preview of the selected article when wide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::{Styles, draw_line_edit, fit, framed, put};
use crate::app::{App, FindMode, SearchOverlay};
use crate::geometry::Finder;
use crate::layout::LineKind;
use crate::search;

pub fn draw(app: &App, overlay: &SearchOverlay, area: Rect, styles: &Styles, buf: &mut Buffer) {
    let finder = Finder::new(area);
    let inner = framed(buf, finder.window, " Find an article ", styles, 0);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    draw_query(app, overlay, finder.query, styles, buf);
    draw_results(app, overlay, finder.results, styles, buf);
    let Some(preview) = finder.preview.filter(|_| !overlay.hits.is_empty()) else {
        return;
    };
    for y in preview.top()..preview.bottom() {
        buf.set_string(preview.x - 1, y, "│", styles.border);
    }
    for (y, line) in (preview.y..preview.bottom()).zip(&app.preview().layout.lines) {
        let style = if line.kind == LineKind::Title {
            styles.title
        } else {
            styles.normal
        };
        put(buf, preview, 1, y, &line.text, style);
    }
}

/// `> query` with a block cursor, and the count on the right (with an
/// ellipsis while ranking is under way).
fn draw_query(app: &App, overlay: &SearchOverlay, inner: Rect, styles: &Styles, buf: &mut Buffer) {
    let more = if overlay.complete { "" } else { "…" };
    // Text found in titles only, until the bodies are loaded.
    let partial = match app.loading() {
        Some(p) if overlay.mode == FindMode::Text => {
            format!("· titles only, loading {}% ", super::status::percent(p))
        }
        _ => String::new(),
    };
    let count = format!(
        " {}{more}/{} {partial}",
        overlay.hits.len(),
        app.corpus().len()
    );
    let count_width = count.width() as u16;
    let line = Rect {
        height: 1,
        width: inner.width.saturating_sub(count_width),
        ..inner
    };
    draw_line_edit(
        buf,
        line,
        overlay.mode.prompt(),
        &overlay.line,
        styles.normal,
        styles,
    );
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
    let per_hit = overlay.rows_per_hit();
    let rows = usize::from(area.height) / per_hit;
    let top = overlay.top(rows);
    let ys = (area.y..area.bottom()).step_by(per_hit);
    for (y, (i, hit)) in ys.zip(overlay.hits.iter().enumerate().skip(top)) {
        let title = app.corpus().head(hit.index).title;
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
        let positions = overlay.highlights(hit.index);
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
            positions,
            base,
            base.patch(styles.highlight),
        );
        if let Some(snippet) = overlay.snippet(i).filter(|_| y + 1 < area.bottom()) {
            let row = Rect { y: y + 1, ..row };
            let dim = base.patch(styles.dim);
            buf.set_style(
                Rect {
                    x: area.x,
                    width: area.width,
                    ..row
                },
                base,
            );
            let positions = char_positions(&snippet.text, &snippet.highlights);
            draw_highlighted(
                buf,
                row,
                &snippet.text,
                &positions,
                dim,
                base.patch(styles.highlight),
            );
        }
        if search::matched_part(title, search::MATCH_CHARS).len() < title.len() {
            let note = format!(
                " [searched in its first {} characters]",
                search::MATCH_CHARS
            );
            let x = row.width.saturating_sub(note.width() as u16);
            put(buf, row, x, y, &note, base.patch(styles.dim));
        }
    }
}

/// Byte ranges of `text` as the char indices they cover.
fn char_positions(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    for r in ranges {
        let (Some(before), Some(inside)) = (text.get(..r.start), text.get(r.clone())) else {
            continue;
        };
        let first = before.chars().count();
        out.extend(first..first + inside.chars().count());
    }
    out
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
