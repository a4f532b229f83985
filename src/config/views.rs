//! `[views]`: saved filters that join the view cycle after all, unread and
//! starred, in the order the file lists them. Each is read as the list's
//! filter language when the file is loaded, so a typo is refused with its
//! place, like every other configuration error.

use std::collections::BTreeMap;

use toml::Spanned;

use super::error::{ConfigError, Source};
use crate::search::filter::Filter;

/// The longest name a view may have: the status bar shows it.
const NAME_CHARS: usize = 40;

/// One saved view: `sport = "section:sport is:unread"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub name: String,
    /// As written.
    pub text: String,
    pub filter: Filter,
}

/// `[views]` as written.
pub(super) type RawViews = BTreeMap<Spanned<String>, Spanned<String>>;

/// Each view checked, in file order.
pub(super) fn parse(raw: RawViews, source: &Source) -> Result<Vec<SavedView>, ConfigError> {
    let mut views = Vec::with_capacity(raw.len());
    for (name, text) in raw {
        let (name_span, name) = (name.span(), name.into_inner());
        check_name(&name).map_err(|why| source.error(Some(name_span.clone()), why))?;
        let span = text.span();
        let text = text.into_inner();
        let filter = Filter::parse(&text)
            .map_err(|e| source.error(Some(span), format!("view {name}: {e}")))?;
        views.push((name_span.start, SavedView { name, text, filter }));
    }
    views.sort_by_key(|(at, _)| *at);
    Ok(views.into_iter().map(|(_, v)| v).collect())
}

/// A name the status bar can show, that is no built-in view's.
fn check_name(name: &str) -> Result<(), String> {
    if matches!(name, "all" | "unread" | "starred") {
        return Err(format!(
            "view {name:?} is built in; give the saved view another name"
        ));
    }
    let printable = name.chars().all(|c| !c.is_control());
    if name.trim().is_empty() || !printable || name.chars().count() > NAME_CHARS {
        return Err(format!(
            "a view's name is 1 to {NAME_CHARS} printable characters"
        ));
    }
    Ok(())
}
