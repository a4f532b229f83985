//! Colors, by name (`yellow`, `lightblue`), number (0-255) or `#rrggbb`.

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use super::error::{ConfigError, Source};

macro_rules! theme {
    ($($(#[$doc:meta])* $field:ident,)*) => {
        /// The colors the reader draws with, from `[theme]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Theme {
            $($(#[$doc])* pub $field: Color,)*
        }

        /// `[theme]` as written: every color optional, to lay over the defaults.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct RawTheme {
            $($field: Option<Spanned<String>>,)*
        }

        /// `[theme]` with its colors parsed, still optional.
        #[derive(Debug, Clone, Copy, Default)]
        pub(super) struct PartialTheme {
            $($field: Option<Color>,)*
        }

        impl RawTheme {
            pub(super) fn parse(&self, source: &Source) -> Result<PartialTheme, ConfigError> {
                Ok(PartialTheme {
                    $($field: parse_color(self.$field.as_ref(), stringify!($field), source)?,)*
                })
            }
        }

        impl PartialTheme {
            pub(super) fn or(self, base: PartialTheme) -> PartialTheme {
                PartialTheme { $($field: self.$field.or(base.$field),)* }
            }

            /// The theme, or the name of the first color nobody set.
            pub(super) fn complete(self) -> Result<Theme, &'static str> {
                Ok(Theme { $($field: self.$field.ok_or(stringify!($field))?,)* })
            }
        }
    };
}

theme! {
    /// Titles in the list.
    list,
    /// Titles of articles already read.
    list_read,
    /// The selected row.
    selection_fg,
    selection_bg,
    /// Matched letters in search results, hits in the reader.
    highlight,
    /// The star beside starred articles.
    star,
    /// The status bar.
    status_fg,
    status_bg,
}

fn parse_color(
    value: Option<&Spanned<String>>,
    field: &str,
    source: &Source,
) -> Result<Option<Color>, ConfigError> {
    let Some(value) = value else { return Ok(None) };
    match value.get_ref().parse::<Color>() {
        Ok(color) => Ok(Some(color)),
        Err(_) => Err(source.error(
            Some(value.span()),
            format!(
                "bad color {:?} for {field}: use a name (black, red, green, yellow, blue, \
                 magenta, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, \
                 lightmagenta, lightcyan, white, reset), a number 0-255 or \"#rrggbb\"",
                value.get_ref()
            ),
        )),
    }
}
