//! The status bar: where you are, what has focus, the most useful keys,
//! and load warnings when there are any.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Styles, draw_line_edit, put};
use crate::action::Action;
use crate::app::App;
use crate::geometry::Focus;
use crate::state::View;

/// The hints shown, most useful first; they drop off from the end when
/// the bar is narrow.
const HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::Find, "find"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::Quit, "quit"),
];

pub fn draw(app: &App, area: Rect, styles: &Styles, buf: &mut Buffer) {
    buf.set_style(area, styles.status);
    let position = match app.rows().len() {
        0 => " 0/0 ".to_owned(),
        n => format!(" {}/{n} ", app.selected() + 1),
    };
    let focus = match app.focus() {
        Focus::List => "list".to_owned(),
        Focus::Reader => format!("reader {}%", app.reader_percent()),
    };
    let view = match app.view() {
        View::All => String::new(),
        other => format!(" · {} only", other.name()),
    };
    let mut left = format!("{position}· {focus} · {} unread{view} ", app.unread());
    if left.width() > usize::from(area.width) {
        left = format!("{position}· {focus} ");
    }
    let mut x = put(buf, area, 0, area.y, &left, styles.status) - area.x;
    if let Some(find) = app.find() {
        let rest = Rect {
            x: area.x + x,
            width: area.width.saturating_sub(x),
            ..area
        };
        if find.editing {
            // The prompt has the keyboard: nothing else belongs on the bar.
            let end = draw_line_edit(buf, rest, "/", &find.line, styles.status, styles);
            let count = match (find.searching, find.current) {
                (true, _) => "finding…".to_owned(),
                (false, current) => {
                    format!("hit {}/{}", current.map_or(0, |i| i + 1), find.hits.len())
                }
            };
            if !find.line.text.is_empty() {
                put(buf, rest, end + 1, area.y, &count, styles.status);
            }
            return;
        }
        let keymap = &app.config().keymap;
        let keys = format!(
            "{}/{}",
            keymap.key_name(Action::NextHit),
            keymap.key_name(Action::PrevHit)
        );
        let hits = match (find.current, find.hits.len()) {
            _ if find.searching => "· finding… ".to_owned(),
            (Some(i), n) => format!("· hit {}/{n} ({keys}) ", i + 1),
            (None, n) => format!("· {n} hits ({keys}) "),
        };
        x = put(buf, area, x, area.y, &hits, styles.status_key) - area.x;
    }
    if let Some(message) = app.message() {
        x = put(
            buf,
            area,
            x,
            area.y,
            &format!("· {message} "),
            styles.status_key,
        ) - area.x;
    }
    let warnings = app.warning_count();
    let right = match warnings {
        0 => String::new(),
        1 => " 1 warning (w) ".to_owned(),
        n => format!(" {n} warnings (w) "),
    };
    let right_start = area.width.saturating_sub(right.width() as u16);
    for (action, label) in HINTS {
        let Some(key) = app
            .config()
            .keymap
            .keys_of(*action)
            .first()
            .map(ToString::to_string)
        else {
            continue;
        };
        let needed = (key.width() + label.width() + 3) as u16;
        if x + needed > right_start {
            break;
        }
        x = put(buf, area, x + 1, area.y, &key, styles.status_key) - area.x;
        x = put(buf, area, x + 1, area.y, label, styles.status) - area.x + 1;
    }
    if warnings > 0 {
        put(buf, area, right_start, area.y, &right, styles.warning);
    }
}
