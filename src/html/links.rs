//! Links found in HTML, numbered in order of first appearance.

use std::collections::HashMap;
use url::Url;

use crate::clean::single_line;

/// Longer hrefs are not offered: no real article link needs more, and a
/// list of huge ones would swamp the article.
const MAX_LINK: usize = 4096;

/// The links of one rendering.
#[derive(Debug, Default)]
pub(super) struct Links<'a> {
    base: Option<&'a Url>,
    urls: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl<'a> Links<'a> {
    pub(super) fn new(base: Option<&'a Url>) -> Self {
        Self {
            base,
            ..Self::default()
        }
    }

    /// The number of the link to `href`, given one if it has none yet; `None`
    /// for a link not offered (see [`resolve_link`]).
    pub(super) fn number(&mut self, href: &str) -> Option<usize> {
        let url = resolve_link(href, self.base)?;
        if let Some(&n) = self.numbers.get(&url) {
            return Some(n);
        }
        self.urls.push(url.clone());
        let n = self.urls.len();
        self.numbers.insert(url, n);
        Some(n)
    }

    pub(super) fn into_urls(self) -> Vec<String> {
        self.urls
    }
}

/// `href` as an absolute URL to offer, resolved against `base`: `None` for
/// a link within the page (`#…`), one too long, or one whose scheme is not
/// http, https or mailto (`javascript:`, `data:`, `file:` among others).
/// The URL parser drops tabs and newlines first, as browsers do, so
/// `java&#9;script:` is caught too.
pub fn resolve_link(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.len() > MAX_LINK {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href),
        None => Url::parse(href),
    }
    .ok()?;
    // Percent-encoding leaves no controls; cleaning says so for certain.
    allowed_link(&url).then(|| single_line(url.as_str()))
}

/// Whether a link may be offered: http, https and mailto only.
pub fn allowed_link(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https" | "mailto")
}
