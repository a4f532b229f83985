//! Saved web pages: the article in a page, found as Firefox's reader view
//! finds it (dom_smoothie, a port of readability.js), with its title,
//! byline, date and site name, and its text rendered by [`crate::html`].

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate};
use dom_query::Document;
use dom_smoothie::{Config, Readability};
use url::Url;

use super::LoadOptions;
use super::input::Input;
use super::parsed::{Job, limit_body};
use super::warning::{Warning, WarningKind};
use crate::article::Article;
use crate::clean::{decode, single_line};
use crate::html::{self, MAX_ELEMENTS, append_link_list};

/// Parses one page; `file_cut` says the read stopped at its limit.
pub fn parse(
    job: Job,
    bytes: &[u8],
    file_cut: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Article, WarningKind> {
    if bytes.is_empty() {
        return Err(WarningKind::Empty);
    }
    if file_cut {
        let mib = job.options.markup_read_limit() / (1024 * 1024);
        warnings.push(job.warning(WarningKind::PageCut { mib }));
    }
    let text = decode_page(bytes)?;
    let (markup, cut) = html::cut_markup(&text, MAX_ELEMENTS);
    if cut {
        warnings.push(job.warning(WarningKind::MarkupCut));
    }
    let page = extract(markup, job.input)?;
    Ok(into_article(job, page, warnings))
}

/// What dom_smoothie found in a page, and where its links point from.
struct Extracted {
    found: dom_smoothie::Article,
    page_url: Option<Url>,
    base: Option<Url>,
}

fn extract(markup: &str, input: &Input) -> Result<Extracted, WarningKind> {
    extract_at(markup, || {
        let path = std::path::absolute(&input.path).ok()?;
        Url::from_file_path(path).ok()
    })
}

/// [`extract`], the page published at `fallback` unless it says where.
fn extract_at(
    markup: &str,
    fallback: impl FnOnce() -> Option<Url>,
) -> Result<Extracted, WarningKind> {
    let document = Document::from(markup);
    let page_url = page_url(&document).or_else(fallback);
    let base = base_url(&document, page_url.as_ref()).or_else(|| page_url.clone());
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let found =
        Readability::with_document(document, page_url.as_ref().map(Url::as_str), Some(config))
            .and_then(|mut r| r.parse())
            .map_err(|e| WarningKind::NoArticle(e.to_string()))?;
    Ok(Extracted {
        found,
        page_url,
        base,
    })
}

/// The article of a page fetched from `url` (the reader's `F`, a feed's
/// `full_text`), as the loader keeps a saved page's text: paragraphs one
/// a line, boilerplate stripped, the link list at the end, links resolved
/// against where the page says it was published, else `url`.
pub fn article_text(bytes: &[u8], url: &str, options: &LoadOptions) -> Result<String, WarningKind> {
    if bytes.is_empty() {
        return Err(WarningKind::Empty);
    }
    let text = decode_page(bytes)?;
    let (markup, _) = html::cut_markup(&text, MAX_ELEMENTS);
    let page = extract_at(markup, || Url::parse(url).ok())?;
    let (mut body, _) = rendered_body(&page.found.content, page.base.as_ref(), options);
    limit_body(&mut body, options.max_body, false);
    Ok(body)
}

/// The text of what dom_smoothie found, with its link list, and the links.
fn rendered_body(
    content: &str,
    base: Option<&Url>,
    options: &LoadOptions,
) -> (String, Vec<String>) {
    let content = Document::fragment(content);
    let rendered = html::render_node(&content.root(), base);
    let (mut body, links) = (rendered.body, rendered.links);
    options.boilerplate.strip(&mut body);
    append_link_list(&mut body, &links, &[]);
    (body, links)
}

fn into_article(job: Job, page: Extracted, warnings: &mut Vec<Warning>) -> Article {
    let Job { input, options } = job;
    let Extracted {
        found,
        page_url,
        base,
    } = page;
    let (mut body, links) = rendered_body(&found.content, base.as_ref(), options);
    if let Some(kind) = limit_body(&mut body, options.max_body, false) {
        warnings.push(job.warning(kind));
    }
    let title = single_line(&found.title);
    // A page without a title is titled by its first words, as feed items are.
    let title_from_body = title.is_empty();
    let title = match title_from_body {
        false => title,
        true => Some(html::first_words(&body, 12))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| single_line(&input.id)),
    };
    let url = page_url
        .filter(|u| html::allowed_link(u) && u.scheme() != "mailto")
        .map(|u| single_line(u.as_str()));
    let named = |field: Option<&str>| field.map(single_line).filter(|s| !s.is_empty());
    Article {
        id: input.id.clone(),
        title,
        section: input.section.clone(),
        date: found.published_time.as_deref().and_then(parse_date),
        url,
        source: named(found.site_name.as_deref()),
        author: named(found.byline.as_deref()),
        body: body.into(),
        links,
        title_from_body,
        ..Article::default()
    }
}

/// The page's text: UTF-8 (or UTF-16 with a BOM) when it is, else the
/// charset its `<meta>` names, else Windows-1252 as browsers assume.
fn decode_page(bytes: &[u8]) -> Result<Cow<'_, str>, crate::clean::DecodeError> {
    if std::str::from_utf8(bytes).is_err()
        && encoding_rs::Encoding::for_bom(bytes).is_none()
        && let Some(encoding) = meta_charset(bytes)
    {
        return Ok(encoding.decode_without_bom_handling(bytes).0);
    }
    decode(bytes)
}

/// The encoding named by `charset=` in the page's first kilobytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let at = head
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"charset="))?;
    let rest = &head[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

/// Where the page says it was published: its canonical URL, or `og:url`.
fn page_url(document: &Document) -> Option<Url> {
    [
        ("link[rel~=canonical]", "href"),
        ("meta[property='og:url']", "content"),
    ]
    .into_iter()
    .filter_map(|(selector, attr)| document.select_single(selector).attr(attr))
    .find_map(|href| Url::parse(href.trim()).ok().filter(html::allowed_link))
}

/// The page's `<base href>`, resolved against where it was published.
fn base_url(document: &Document, page: Option<&Url>) -> Option<Url> {
    let href = document.select_single("base[href]").attr("href")?;
    match page {
        Some(page) => page.join(href.trim()).ok(),
        None => Url::parse(href.trim()).ok(),
    }
}

/// Unix seconds of a page's date: RFC 3339 (what `article:published_time`
/// holds), RFC 2822, or a date alone.
fn parse_date(text: &str) -> Option<i64> {
    let t = text.trim();
    DateTime::parse_from_rfc3339(t)
        .or_else(|_| DateTime::parse_from_rfc2822(t))
        .map(|d| d.timestamp())
        .ok()
        .or_else(|| {
            let day = t.get(..10)?.parse::<NaiveDate>().ok()?;
            Some(day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
        })
        // Years 1 to 9999 only, as for other formats: dates print as YYYY-MM-DD.
        .filter(|s| (-62_135_596_800..=253_402_300_799).contains(s))
}

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
