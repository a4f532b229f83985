//! Finding a word in the article being read: every hit in the laid-out
//! lines, for highlighting, and moving to the next or previous one.
//!
//! Hits are found per wrapped line, so a phrase cut by a line break is not
//! found; a reader searches for words, and the layout is what is on screen.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::layout::ArticleLayout;

/// One occurrence of the query in a laid-out article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHit {
    /// Index into [`ArticleLayout::lines`].
    pub line: usize,
    /// Where it stands in the line's text, in bytes.
    pub bytes: Range<usize>,
    /// Where it stands on screen, in display columns from the line's start.
    pub columns: Range<usize>,
}

/// Every non-overlapping occurrence of `query` in `layout`, in reading
/// order. Smart case: case is ignored unless the query has a capital letter.
/// An empty query finds nothing.
pub fn find_in_layout(layout: &ArticleLayout, query: &str) -> Vec<ArticleHit> {
    find_in_layout_until(layout, query, &|| false).unwrap_or_default()
}

/// Lines searched between two looks at `cancelled`.
const LINES_PER_CHECK: usize = 256;

/// [`find_in_layout`] that gives up, with `None`, once `cancelled` says so:
/// a long article is searched on a worker, and the next key cancels it.
pub fn find_in_layout_until(
    layout: &ArticleLayout,
    query: &str,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<ArticleHit>> {
    if query.is_empty() {
        return Some(Vec::new());
    }
    let ignore_case = !query.chars().any(char::is_uppercase);
    let folded: Vec<char> = if ignore_case {
        query.chars().flat_map(char::to_lowercase).collect()
    } else {
        query.chars().collect()
    };
    let mut hits = Vec::new();
    for (line, l) in layout.lines.iter().enumerate() {
        if line % LINES_PER_CHECK == 0 && cancelled() {
            return None;
        }
        let text = l.text.as_str();
        let mut from = 0;
        while let Some(bytes) = find_from(text, from, &folded, ignore_case) {
            from = bytes.end;
            let columns = text[..bytes.start].width()..text[..bytes.end].width();
            hits.push(ArticleHit {
                line,
                bytes,
                columns,
            });
        }
    }
    Some(hits)
}

/// The first occurrence of `folded` in `text` at or after byte `from`.
fn find_from(text: &str, from: usize, folded: &[char], ignore_case: bool) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    rest.char_indices()
        .find_map(|(at, _)| matched_len(&rest[at..], folded, ignore_case).map(|len| at..at + len))
        .map(|r| from + r.start..from + r.end)
}

/// The length in bytes of the prefix of `text` that equals `folded`, if
/// one does. Ignoring case compares lowercase forms char by char, so a
/// letter whose lowercase is longer (`İ`) still matches, and the byte range
/// stays in the original text.
fn matched_len(text: &str, folded: &[char], ignore_case: bool) -> Option<usize> {
    let mut want = folded.iter();
    let mut len = 0;
    for ch in text.chars() {
        if want.as_slice().is_empty() {
            break;
        }
        if ignore_case {
            for lower in ch.to_lowercase() {
                if want.next() != Some(&lower) {
                    return None;
                }
            }
        } else if want.next() != Some(&ch) {
            return None;
        }
        len += ch.len_utf8();
    }
    want.as_slice().is_empty().then_some(len)
}

/// The index of the first hit on the first line after `line` that has
/// one, wrapping to the first hit; `None` when there are no hits.
/// Moving by lines suits a reader that scrolls by lines: every hit on the
/// screen is highlighted, and `n` brings the next line with one into view.
pub fn next_hit(hits: &[ArticleHit], line: usize) -> Option<usize> {
    if hits.is_empty() {
        return None;
    }
    let after = hits.partition_point(|h| h.line <= line);
    Some(if after < hits.len() { after } else { 0 })
}

/// The index of the first hit on the last line before `line` that has
/// one, wrapping to the last line with a hit; `None` when there are none.
pub fn previous_hit(hits: &[ArticleHit], line: usize) -> Option<usize> {
    let before = hits.partition_point(|h| h.line < line);
    let target = match before {
        0 => hits.last()?.line,
        n => hits[n - 1].line,
    };
    Some(hits.partition_point(|h| h.line < target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Line, LineKind};

    fn layout(lines: &[&str]) -> ArticleLayout {
        ArticleLayout {
            width: 80,
            lines: lines
                .iter()
                .map(|t| Line {
                    kind: LineKind::Body,
                    text: (*t).into(),
                    block: 2,
                })
                .collect(),
        }
    }

    fn spans(layout: &ArticleLayout, query: &str) -> Vec<(usize, Range<usize>)> {
        find_in_layout(layout, query)
            .into_iter()
            .map(|h| (h.line, h.bytes))
            .collect()
    }

    #[test]
    fn finds_every_hit_with_smart_case() {
        let l = layout(&["The cat sat", "no match", "CAT and cat"]);
        assert_eq!(spans(&l, "cat"), [(0, 4..7), (2, 0..3), (2, 8..11)]);
        assert_eq!(spans(&l, "CAT"), [(2, 0..3)]);
        assert_eq!(spans(&l, "The"), [(0, 0..3)]);
        assert!(spans(&l, "").is_empty());
        assert!(spans(&l, "dog").is_empty());
    }

    #[test]
    fn a_cancelled_find_gives_up() {
        let l = layout(&["cat"; 1000]);
        assert_eq!(find_in_layout_until(&l, "cat", &|| true), None);
        assert_eq!(
            find_in_layout_until(&l, "cat", &|| false).map(|h| h.len()),
            Some(1000)
        );
    }

    #[test]
    fn hits_do_not_overlap() {
        assert_eq!(spans(&layout(&["aaaa"]), "aa"), [(0, 0..2), (0, 2..4)]);
    }

    #[test]
    fn columns_count_wide_characters() {
        let l = layout(&["北京 Été à Paris", "x İstanbul"]);
        let hits = find_in_layout(&l, "été");
        assert_eq!(hits[0].bytes, 7..12);
        assert_eq!(hits[0].columns, 5..8);
        // "İ" lowercases to two chars; the range still covers it exactly.
        let hits = find_in_layout(&l, "i\u{307}st");
        assert_eq!((hits[0].line, hits[0].bytes.clone()), (1, 2..6));
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let l = layout(&["cat", "-", "cat cat", "-", "cat"]);
        let hits = find_in_layout(&l, "cat");
        let line_of = |i: Option<usize>| i.map(|i| hits[i].line);
        assert_eq!(line_of(next_hit(&hits, 0)), Some(2));
        assert_eq!(next_hit(&hits, 0), Some(1), "first hit of line 2");
        assert_eq!(line_of(next_hit(&hits, 2)), Some(4));
        assert_eq!(line_of(next_hit(&hits, 4)), Some(0), "wraps to the top");
        assert_eq!(line_of(previous_hit(&hits, 4)), Some(2));
        assert_eq!(previous_hit(&hits, 4), Some(1), "first hit of line 2");
        assert_eq!(line_of(previous_hit(&hits, 0)), Some(4), "wraps to the end");
        assert_eq!(line_of(previous_hit(&hits, 3)), Some(2));
        assert_eq!(next_hit(&[], 0), None);
        assert_eq!(previous_hit(&[], 0), None);
    }
}
