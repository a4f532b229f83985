//! An article laid out at one width: the lines the reader draws and
//! `byline show` prints. Wrapping happens here, once per article and width.

use textwrap::{Options, WrapAlgorithm};

use crate::article::Article;

/// What a laid-out line is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Body,
    Blank,
}

/// One line of a laid-out article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
    /// Which block the line belongs to: 0 the title, 1 the metadata line,
    /// `2 + n` the n-th paragraph. A reading position is a block, so it
    /// survives a change of width.
    pub block: usize,
}

/// An article wrapped to `width` columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLayout {
    pub width: usize,
    pub lines: Vec<Line>,
}

impl ArticleLayout {
    /// Title, metadata line, a blank line, then paragraphs with a blank line
    /// between them. A width of 0 is taken as 1.
    pub fn new(article: &Article, width: usize) -> Self {
        let width = width.max(1);
        let mut lines = Vec::new();
        push_wrapped(&mut lines, &article.title, width, LineKind::Title, 0);
        push_wrapped(&mut lines, &article.meta_line(), width, LineKind::Meta, 1);
        if let Some(url) = article.url.as_deref().filter(|u| !u.is_empty()) {
            lines.push(Line {
                kind: LineKind::Meta,
                text: link_label(url, width),
                block: 1,
            });
        }
        let mut previous: Option<&str> = None;
        for (n, paragraph) in article.paragraphs().enumerate() {
            // Items of one list, rows of a table, lines of a quote or of
            // the link list follow each other without a blank line.
            if !previous.is_some_and(|p| continues(p, paragraph)) {
                lines.push(Line {
                    kind: LineKind::Blank,
                    text: String::new(),
                    block: n + 1,
                });
            }
            push_wrapped(&mut lines, paragraph, width, LineKind::Body, n + 2);
            previous = Some(paragraph);
        }
        Self { width, lines }
    }

    /// The title, and a line saying that the body is being read.
    pub fn reading(article: &Article, width: usize) -> Self {
        let width = width.max(1);
        let mut lines = Vec::new();
        push_wrapped(&mut lines, &article.title, width, LineKind::Title, 0);
        push_wrapped(&mut lines, "reading…", width, LineKind::Meta, 1);
        Self { width, lines }
    }

    /// The first line of `block`, or the last line when there are fewer blocks.
    pub fn line_of_block(&self, block: usize) -> usize {
        self.lines
            .iter()
            .position(|l| l.block >= block && l.kind != LineKind::Blank)
            .unwrap_or(self.lines.len().saturating_sub(1))
    }

    /// The lines as plain text, one a line (what `byline show` prints).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(&line.text);
            out.push('\n');
        }
        out
    }
}

/// What kind of line of a list `paragraph` is, if any: a bullet, a
/// number, a quote, a table row, a link of the list at the end.
fn list_kind(paragraph: &str) -> Option<u8> {
    let digits = paragraph.bytes().take_while(u8::is_ascii_digit).count();
    match paragraph.as_bytes() {
        [b'\xe2', b'\x80', b'\xa2', b' ', ..] => Some(0),
        [b'[', rest @ ..] if rest.first().is_some_and(u8::is_ascii_digit) => Some(1),
        _ if digits > 0 && paragraph[digits..].starts_with(". ") => Some(2),
        _ if paragraph.starts_with("│ ") => Some(3),
        _ if paragraph.contains(" │ ") => Some(4),
        _ => None,
    }
}

/// Whether `next` goes on the list `previous` is part of (or the link list
/// its heading opens).
fn continues(previous: &str, next: &str) -> bool {
    let kind = list_kind(next);
    kind.is_some() && (list_kind(previous) == kind || (previous == "Links:" && kind == Some(1)))
}

/// The link in full when it fits `width`, else its site, cut to fit.
fn link_label(url: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if url.width() <= width {
        return url.to_owned();
    }
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let site = format!("{host}/…");
    if site.width() <= width {
        return site;
    }
    host.chars()
        .take(width.saturating_sub(1))
        .chain(['…'])
        .collect()
}

fn push_wrapped(lines: &mut Vec<Line>, text: &str, width: usize, kind: LineKind, block: usize) {
    let mut push = |piece: &str| {
        lines.push(Line {
            kind,
            text: piece.to_owned(),
            block,
        })
    };
    // Plain ASCII breaks only at spaces and one byte is one column: a direct
    // first-fit pass is many times faster than textwrap, which keeps opening
    // an 8 MiB article quick. Everything else needs Unicode line breaking.
    if text.is_ascii() {
        wrap_ascii(text, width, push);
        return;
    }
    let options = Options::new(width).wrap_algorithm(WrapAlgorithm::FirstFit);
    for piece in textwrap::wrap(text, options) {
        push(&piece);
    }
}

/// First-fit wrapping of ASCII text at spaces; a word longer than the line
/// is broken. Cleaned text has single spaces, but any run is handled.
fn wrap_ascii(text: &str, width: usize, mut emit: impl FnMut(&str)) {
    let mut rest = text.trim_matches(' ');
    while rest.len() > width {
        let (end, next) = match rest.as_bytes()[..=width].iter().rposition(|&b| b == b' ') {
            Some(space) if space > 0 => (space, space + 1),
            _ => (width, width),
        };
        emit(rest[..end].trim_end_matches(' '));
        rest = rest[next..].trim_start_matches(' ');
    }
    if !rest.is_empty() {
        emit(rest);
    }
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    fn article(body: &str) -> Article {
        Article {
            title: "A title that is long".into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn title_meta_and_paragraphs_with_blank_lines_between() {
        let layout = ArticleLayout::new(&article("one two three\nfour"), 40);
        let kinds: Vec<_> = layout.lines.iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(kinds, [Title, Meta, Blank, Body, Blank, Body]);
        assert_eq!(layout.lines[5].text, "four");
        assert_eq!(layout.lines[5].block, 3);
    }

    #[test]
    fn wraps_to_the_width_and_finds_blocks() {
        let layout = ArticleLayout::new(&article("alpha beta gamma delta\nsecond"), 11);
        assert!(layout.lines.iter().all(|l| l.text.width() <= 11));
        assert_eq!(layout.lines[layout.line_of_block(3)].text, "second");
        assert_eq!(layout.line_of_block(99), layout.lines.len() - 1);
    }

    #[test]
    fn cjk_wraps_by_display_width() {
        let layout = ArticleLayout::new(&article("中非合作论坛在北京举行会议讨论发展"), 10);
        for line in &layout.lines {
            assert!(line.text.width() <= 10, "{:?}", line.text);
        }
    }

    #[test]
    fn ascii_wrapping_breaks_at_spaces_and_splits_long_words() {
        let mut lines = Vec::new();
        wrap_ascii("  the quick  brown fox jumps  ", 9, |l| {
            lines.push(l.to_owned())
        });
        assert_eq!(lines, ["the quick", "brown fox", "jumps"]);
        lines.clear();
        wrap_ascii("abcdefghijkl xy", 5, |l| lines.push(l.to_owned()));
        assert_eq!(lines, ["abcde", "fghij", "kl xy"]);
        lines.clear();
        wrap_ascii("", 5, |l| lines.push(l.to_owned()));
        assert!(lines.is_empty());
    }

    #[test]
    fn zero_width_does_not_panic() {
        assert!(!ArticleLayout::new(&article("x"), 0).lines.is_empty());
    }

    #[test]
    fn the_link_stands_under_the_metadata_in_full_or_as_its_site() {
        let url = "https://www.example.com/news/2024/05/a-long-story-name";
        assert_eq!(link_label(url, 80), url);
        assert_eq!(link_label(url, 30), "www.example.com/…");
        assert_eq!(link_label(url, 8), "www.exa…");
        let linked = Article {
            url: Some(url.into()),
            ..article("Text.")
        };
        let lines = ArticleLayout::new(&linked, 80).lines;
        assert_eq!(
            (lines[2].kind, lines[2].text.as_str()),
            (LineKind::Meta, url)
        );
    }

    #[test]
    fn lists_tables_quotes_and_links_keep_together() {
        let body = "Intro.\n• one\n• two\n1. first\n2. second\n│ quoted\n│ on\na │ b\nc │ d\nLinks:\n[1] https://a/\n[2] https://b/";
        let text = ArticleLayout::new(&article(body), 80).to_text();
        let (_, after) = text.split_once("Intro.").unwrap();
        let want = "\n\n• one\n• two\n\n1. first\n2. second\n\n│ quoted\n│ on\n\na │ b\nc │ d\n\nLinks:\n[1] https://a/\n[2] https://b/\n";
        assert_eq!(after, want);
    }
}
