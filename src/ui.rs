//! Drawing: a pure function of `&App` and the frame. Every piece draws only
//! the rows it can see, straight into the buffer.

mod list;
mod overlay;
mod reader;
mod search;
mod sections;
mod status;
mod style;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, LineEdit};
pub use style::Styles;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let styles = Styles::new(&app.config().theme, app.monochrome());
    let buf = frame.buffer_mut();
    let geometry = app.geometry();
    if geometry.too_small {
        put(buf, area, 0, area.y, "Terminal too small", styles.status);
        return;
    }
    if let (Some(area), Some(pane)) = (geometry.sections, app.sections()) {
        sections::draw(app, pane, area, &styles, buf);
    }
    if let Some(sep) = geometry.sections_separator {
        for y in sep.top()..sep.bottom() {
            buf.set_string(sep.x, y, "│", styles.border);
        }
    }
    if let Some(list) = geometry.list {
        list::draw(app, list, &styles, buf);
    }
    if let Some(sep) = geometry.separator {
        for y in sep.top()..sep.bottom() {
            buf.set_string(sep.x, y, "│", styles.border);
        }
    }
    if let Some(reader) = geometry.reader {
        reader::draw(app, reader, &styles, buf);
    }
    status::draw(app, geometry.status, &styles, buf);
    if let Some(overlay) = app.overlay() {
        overlay::draw(app, overlay, area, &styles, buf);
    }
}

/// `text` cut to `width` display columns, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if text.width() <= width {
        return text.into();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out.into()
}

/// A prompt and a text field with a block cursor, on the first row of
/// `area`; returns the column after it.
fn draw_line_edit(
    buf: &mut Buffer,
    area: Rect,
    prompt: &str,
    line: &LineEdit,
    text: Style,
    styles: &Styles,
) -> u16 {
    let mut x = put(
        buf,
        area,
        0,
        area.y,
        prompt,
        text.add_modifier(Modifier::BOLD),
    ) - area.x;
    for (i, c) in line.text.chars().enumerate() {
        let style = if i == line.cursor {
            styles.selected
        } else {
            text
        };
        x = put(buf, area, x, area.y, c.encode_utf8(&mut [0; 4]), style) - area.x;
    }
    if line.cursor >= line.text.chars().count() {
        x = put(buf, area, x, area.y, " ", styles.selected) - area.x;
    }
    x
}

/// Clears `window`, draws its border and title, and returns the area inside,
/// with `pad` columns of margin left and right.
fn framed(buf: &mut Buffer, window: Rect, title: &str, styles: &Styles, pad: u16) -> Rect {
    use ratatui::widgets::{Block, Borders, Clear, Widget};
    Clear.render(window, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_style(styles.border)
        .title(title)
        .render(window, buf);
    Rect {
        x: window.x + 1 + pad,
        y: window.y + 1,
        width: window.width.saturating_sub(2 + 2 * pad),
        height: window.height.saturating_sub(2),
    }
}

/// Writes `text` at the start of row `y` of `area`, at most its width.
fn put(
    buf: &mut Buffer,
    area: Rect,
    x_offset: u16,
    y: u16,
    text: &str,
    style: ratatui::style::Style,
) -> u16 {
    let x = area.x.saturating_add(x_offset);
    if x >= area.right() || y >= area.bottom() {
        return x;
    }
    buf.set_stringn(x, y, text, usize::from(area.right() - x), style)
        .0
}
