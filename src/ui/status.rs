//! The status bar: where you are, what has focus, the view and the order,
//! the most useful keys for the pane that has focus, and warnings when
//! there are any. What does not fit is cut with an ellipsis, or dropped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Styles, draw_line_edit, fit, put};
use crate::action::Action;
use crate::app::{App, Find};
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
    let mut x = put(
        buf,
        area,
        0,
        area.y,
        &position(app, area.width),
        styles.status,
    ) - area.x;
    if let Some(line) = app.filter_prompt() {
        let rest = Rect {
            x: area.x + x,
            width: area.width.saturating_sub(x),
            ..area
        };
        draw_line_edit(buf, rest, "· filter: ", line, styles.status, styles);
        return;
    }
    if let Some(find) = app.find().filter(|_| app.focus() == Focus::Reader) {
        if find.editing {
            // The prompt has the keyboard: nothing else belongs on the bar.
            return draw_prompt(find, area, x, styles, buf);
        }
        let room = usize::from(area.width.saturating_sub(x));
        let hits = fit(&hits(app, find), room).into_owned();
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
    draw_hints(app, area, x, right_start, styles, buf);
    if warnings > 0 {
        put(buf, area, right_start, area.y, &right, styles.warning);
    }
}

/// Where you are, what has focus, the unread count, the view and the
/// order (and a fetch under way): what fits of it in `width`.
fn position(app: &App, width: u16) -> String {
    let position = match app.rows().len() {
        0 => " 0/0 ".to_owned(),
        n => format!(" {}/{n} ", app.selected() + 1),
    };
    let focus = match app.focus() {
        Focus::List => "list".to_owned(),
        Focus::Reader => format!("reader {}%", app.reader_percent()),
    };
    let view = match (app.view(), app.saved_view()) {
        (View::All, None) => String::new(),
        _ => format!(" · {} only", app.view_name()),
    };
    let sort = match app.fetching() {
        Some((done, total)) if total > 0 => {
            format!("{} · fetching {done}/{total}", app.sort().name())
        }
        Some(_) => format!("{} · fetching", app.sort().name()),
        None => app.sort().name().to_owned(),
    };
    let sort = match app.fetching_full_text() {
        Some(_) => format!("{sort} · fetching full text…"),
        None => sort,
    };
    let unread = app.unread();
    let loading = app
        .loading()
        .map_or(String::new(), |p| format!(" · loading {}%", percent(p)));
    let indexing = app
        .indexing()
        .building_percent()
        .map_or(loading, |p| format!(" · indexing {p}%"));
    let mut filter = app
        .chosen_section()
        .map_or(String::new(), |s| format!(" · section: {s}"));
    if !app.filter().typed_is_empty() {
        filter.push_str(&format!(" · filter: {}", app.filter().text));
    }
    if app.filter().titles_only() {
        filter.push_str(" (titles until indexed)");
    }
    let mut left =
        format!("{position}· {focus} · {unread} unread{view}{filter}{indexing} · {sort} ");
    for shorter in [
        format!("{position}· {focus} · {unread} unread{view}{filter} "),
        format!("{position}· {focus}{filter} "),
        format!("{position}· {focus} "),
    ] {
        if left.width() > usize::from(width) {
            left = shorter;
        }
    }
    left
}

/// The find prompt, with a count of the hits as you type.
fn draw_prompt(find: &Find, area: Rect, x: u16, styles: &Styles, buf: &mut Buffer) {
    let rest = Rect {
        x: area.x + x,
        width: area.width.saturating_sub(x),
        ..area
    };
    let end = draw_line_edit(buf, rest, "/", &find.line, styles.status, styles);
    let count = match (find.searching, find.current) {
        (true, _) => "finding…".to_owned(),
        (false, current) => format!("hit {}/{}", current.map_or(0, |i| i + 1), find.hits.len()),
    };
    if !find.line.text.is_empty() {
        put(buf, rest, end + 1, area.y, &count, styles.status);
    }
}

/// `· hit 3/7 (n/N)`, with the configured keys.
fn hits(app: &App, find: &Find) -> String {
    let keymap = &app.config().keymap;
    let keys = format!(
        "{}/{}",
        keymap.key_name(Action::NextHit),
        keymap.key_name(Action::PrevHit)
    );
    match (find.current, find.hits.len()) {
        _ if find.searching => "· finding… ".to_owned(),
        (Some(i), n) => format!("· hit {}/{n} ({keys}) ", i + 1),
        (None, n) => format!("· {n} hits ({keys}) "),
    }
}

/// The keys worth knowing in the pane that has focus, as many as fit.
fn draw_hints(app: &App, area: Rect, mut x: u16, end: u16, styles: &Styles, buf: &mut Buffer) {
    let hints = match app.focus() {
        Focus::List => LIST_HINTS,
        Focus::Reader => READER_HINTS,
    };
    for (action, label) in hints {
        let keys = app.config().keymap.keys_of(*action);
        let Some(key) = keys.first().map(ToString::to_string) else {
            continue;
        };
        let needed = (key.width() + label.width() + 3) as u16;
        if x + needed > end {
            break;
        }
        x = put(buf, area, x + 1, area.y, &key, styles.status_key) - area.x;
        x = put(buf, area, x + 1, area.y, label, styles.status) - area.x + 1;
    }
}

/// A fraction as a whole percent, 0 to 100.
pub fn percent(fraction: f32) -> u32 {
    (fraction.clamp(0.0, 1.0) * 100.0) as u32
}
