//! One configuration file, parsed and checked on its own; [`Partial::or`]
//! lays one over another, and [`keymap`] merges the key tables.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::error::{ConfigError, Source};
use super::theme::{PartialTheme, RawTheme};
use crate::action::Action;
use crate::keymap::{Key, Keymap};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    reader: RawReader,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    theme: RawTheme,
    #[serde(default)]
    corpus: RawCorpus,
    views: Option<super::views::RawViews>,
}

/// `[reader]`, every key optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReader {
    #[serde(default, deserialize_with = "ranged::<_, 10, 1000>")]
    pub measure: Option<u16>,
    #[serde(default, deserialize_with = "ranged::<_, 10, 90>")]
    pub list_percent: Option<u16>,
    pub two_pane_min_width: Option<u16>,
    pub opener: Option<Vec<String>>,
    pub fetch_on_start: Option<bool>,
    /// 0 is never; a week at most, so that the deadline cannot overflow.
    #[serde(default, deserialize_with = "ranged::<_, 0, 10080>")]
    pub refresh_minutes: Option<u16>,
}

/// A number that must lie in `LO..=HI`: a measure of 0 columns or a list
/// taking the whole width is a mistake to report, not to clamp in silence.
fn ranged<'de, D, const LO: u16, const HI: u16>(d: D) -> Result<Option<u16>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_i64(Ranged::<LO, HI>).map(Some)
}

struct Ranged<const LO: u16, const HI: u16>;

impl<const LO: u16, const HI: u16> serde::de::Visitor<'_> for Ranged<LO, HI> {
    type Value = u16;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a whole number from {LO} to {HI}")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u16, E> {
        u16::try_from(v)
            .ok()
            .filter(|v| (LO..=HI).contains(v))
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u16, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCorpus {
    pub paths: Option<Vec<String>>,
    pub boilerplate: Option<Vec<String>>,
    pub watch: Option<bool>,
}

/// An action's keys as one file lists them: the action, where its name
/// is written, and each key with its place.
pub(super) type Bindings = Vec<(Action, Range<usize>, Vec<(Key, Range<usize>)>)>;

/// What one file sets, checked.
#[derive(Debug, Default)]
pub(super) struct Partial {
    pub reader: RawReader,
    pub theme: PartialTheme,
    pub corpus: RawCorpus,
    /// `[views]`, when the file has the table.
    pub views: Option<Vec<super::SavedView>>,
    /// In file order.
    pub keys: Bindings,
}

impl Partial {
    pub fn parse(source: &Source) -> Result<Partial, ConfigError> {
        let raw: Raw = toml::from_str(source.text).map_err(|e| source.toml_error(&e))?;
        Ok(Partial {
            reader: raw.reader,
            theme: raw.theme.parse(source)?,
            corpus: raw.corpus,
            views: raw
                .views
                .map(|v| super::views::parse(v, source))
                .transpose()?,
            keys: bindings(raw.keys, source)?,
        })
    }

    /// What `self` sets, and what `base` sets where `self` is silent. Keys
    /// are merged apart, by [`keymap`], to report duplicates in the right file.
    pub fn or(self, base: Partial) -> Partial {
        let (r, b) = (self.reader, base.reader);
        Partial {
            reader: RawReader {
                measure: r.measure.or(b.measure),
                list_percent: r.list_percent.or(b.list_percent),
                two_pane_min_width: r.two_pane_min_width.or(b.two_pane_min_width),
                opener: r.opener.or(b.opener),
                fetch_on_start: r.fetch_on_start.or(b.fetch_on_start),
                refresh_minutes: r.refresh_minutes.or(b.refresh_minutes),
            },
            theme: self.theme.or(base.theme),
            corpus: RawCorpus {
                paths: self.corpus.paths.or(base.corpus.paths),
                boilerplate: self.corpus.boilerplate.or(base.corpus.boilerplate),
                watch: self.corpus.watch.or(base.corpus.watch),
            },
            views: self.views.or(base.views),
            keys: self.keys,
        }
    }
}

fn bindings(
    keys: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    source: &Source,
) -> Result<Bindings, ConfigError> {
    let mut out = Vec::with_capacity(keys.len());
    for (name, list) in keys {
        let action = Action::from_name(name.get_ref()).ok_or_else(|| {
            source.error(
                Some(name.span()),
                format!(
                    "unknown action {:?} in [keys]; `byline config --print-default` lists them",
                    name.get_ref()
                ),
            )
        })?;
        let mut parsed = Vec::with_capacity(list.len());
        for key in list {
            let span = key.span();
            let k: Key = key.get_ref().parse().map_err(|e: crate::keymap::BadKey| {
                source.error(Some(span.clone()), e.to_string())
            })?;
            parsed.push((k, span));
        }
        out.push((action, name.span(), parsed));
    }
    // File order, so a duplicate is reported where it is written second.
    out.sort_by_key(|(_, span, _)| span.start);
    Ok(out)
}

/// The key table: each action the user lists takes the user's keys, every
/// other action keeps its default ones; a key bound to two actions is an
/// error at the place the user wrote it.
pub(super) fn keymap(
    defaults: &Bindings,
    default_source: &Source,
    user: &Bindings,
    user_source: &Source,
) -> Result<Keymap, ConfigError> {
    let mut keymap = Keymap::default();
    let listed = |action: Action| user.iter().any(|(a, _, _)| *a == action);
    for (action, _, keys) in defaults.iter().filter(|(a, _, _)| !listed(*a)) {
        if let Err(clash) = bind_all(&mut keymap, *action, keys) {
            return Err(default_source.error(Some(clash.span.clone()), clash.message("")));
        }
    }
    for (action, _, keys) in user {
        if let Err(clash) = bind_all(&mut keymap, *action, keys) {
            let hint = if listed(clash.first) {
                String::new()
            } else {
                format!(
                    " (by default; list {} in [keys] to give it other keys)",
                    clash.first.name()
                )
            };
            return Err(user_source.error(Some(clash.span.clone()), clash.message(&hint)));
        }
    }
    // Every other action can go without keys; without quit, the only way
    // out of the reader would be to kill it.
    if keymap.keys_of(Action::Quit).is_empty() {
        let written = user.iter().find(|(a, _, _)| *a == Action::Quit);
        return Err(user_source.error(
            written.map(|(_, span, _)| span.clone()),
            "quit has no keys, which would leave no way out of the reader; \
             give it one, such as quit = [\"q\"]",
        ));
    }
    Ok(keymap)
}

/// A key that two actions want.
struct Clash<'a> {
    key: Key,
    first: Action,
    second: Action,
    span: &'a Range<usize>,
}

impl Clash<'_> {
    fn message(&self, hint: &str) -> String {
        format!(
            "key {} is bound to both {}{hint} and {}",
            self.key,
            self.first.name(),
            self.second.name()
        )
    }
}

fn bind_all<'a>(
    keymap: &mut Keymap,
    action: Action,
    keys: &'a [(Key, Range<usize>)],
) -> Result<(), Clash<'a>> {
    for (key, span) in keys {
        if let Some(first) = keymap.bind(*key, action).filter(|&a| a != action) {
            return Err(Clash {
                key: *key,
                first,
                second: action,
                span,
            });
        }
    }
    Ok(())
}
