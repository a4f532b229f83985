//! The status bar: where you are, what has focus, the view and the order,
//! the most useful keys for the pane that has focus, and warnings when
//! there are any. What does not fit is cut with an ellipsis, or dropped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Styles, draw_line_edit, fit, put};
use crate::action::Action;
use crate::app::App;
use crate::geometry::Focus;
use crate::state::View;

/// The hints shown for each pane, most useful first; they drop off from
/// the end when the bar is narrow.
const LIST_HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::Find, "find"),
    (Action::Open, "open"),
    (Action::Quit, "quit"),
    (Action::NextUnread, "next unread"),
];
const READER_HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::Find, "find"),
    (Action::Quit, "back"),
    (Action::OpenUrl, "open link"),
    (Action::NextUnread, "next unread"),
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
    let sort = app.sort().name();
    let unread = app.unread();
    let indexing =
        (app.indexing().building_percent()).map_or(String::new(), |p| format!(" · indexing {p}%"));
    let mut left = format!("{position}· {focus} · {unread} unread{view}{indexing} · {sort} ");
    for shorter in [
        format!("{position}· {focus} · {unread} unread{view} "),
        format!("{position}· {focus} "),
    ] {
        if left.width() > usize::from(area.width) {
            left = shorter;
        }
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
    let warnings = app.warning_count();
    let key = app.config().keymap.key_name(Action::Warnings);
    let right = match warnings {
        0 => String::new(),
        1 => format!(" 1 warning ({key}) "),
        n => format!(" {n} warnings ({key}) "),
    };
    let right_start = area.width.saturating_sub(right.width() as u16);
    if let Some(message) = app.message() {
        // Cut to the room left of the warnings, with an ellipsis.
        let room = usize::from(right_start.saturating_sub(x));
        let message = fit(&format!("· {message}"), room.saturating_sub(1)).into_owned() + " ";
        x = put(buf, area, x, area.y, &message, styles.status_key) - area.x;
    }
    let hints = match app.focus() {
        Focus::List => LIST_HINTS,
        Focus::Reader => READER_HINTS,
    };
    for (action, label) in hints {
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
