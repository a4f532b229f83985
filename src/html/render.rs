//! The walk over an HTML tree that writes paragraphs.
//!
//! Text is gathered raw, a paragraph at a time, and cleaned whole when the
//! paragraph ends; the prefixes that carry structure (`• `, `1. `, `│ `)
//! are added after cleaning, as they are byline's own.

use dom_query::NodeRef;
use url::Url;

use super::Rendered;
use super::links::Links;
use super::tags::{Tag, tag_of};
use crate::clean::single_line;

/// Deeper elements are rendered as plain text: the walk recurses, and a
/// page of 100,000 nested elements must not overflow the stack.
const MAX_DEPTH: usize = 200;

/// Separates the cells of a table row.
const CELL_SEPARATOR: &str = " │ ";

pub(super) fn render(node: &NodeRef, base: Option<&Url>) -> Rendered {
    let mut writer = Writer {
        links: Links::new(base),
        ..Writer::default()
    };
    writer.node(node, 0);
    writer.end_paragraph();
    Rendered {
        body: writer.body,
        links: writer.links.into_urls(),
        cut: false,
    }
}

#[derive(Debug, Default)]
struct Writer<'a> {
    body: String,
    /// The paragraph being gathered, not yet cleaned.
    line: String,
    links: Links<'a>,
    /// Open lists, innermost last: `Some(next number)` for numbered ones.
    lists: Vec<Option<u64>>,
    /// The list item marker the next paragraph starts with.
    marker: Option<String>,
    quotes: usize,
    /// Inside `pre`: newlines are kept.
    pre: usize,
    /// Inside a table cell: paragraphs within it join the row.
    cells: usize,
    /// Cells written in the current row.
    row_cells: usize,
}

impl Writer<'_> {
    fn node(&mut self, node: &NodeRef, depth: usize) {
        if node.is_text() {
            self.line.push_str(&node.text());
            return;
        }
        let Some(name) = node.node_name() else {
            // The document or fragment itself.
            if node.is_document() || node.is_fragment() {
                self.children(node, depth);
            }
            return;
        };
        if depth >= MAX_DEPTH {
            self.line.push(' ');
            self.line.push_str(&node.text());
            return;
        }
        match tag_of(&name) {
            Tag::Dropped => {}
            Tag::Inline => self.children(node, depth),
            Tag::Block | Tag::Heading | Tag::Table => self.block(node, depth),
            Tag::LineBreak if self.pre > 0 => self.line.push('\n'),
            Tag::LineBreak => self.end_paragraph(),
            Tag::List { numbered } => self.list(node, depth, numbered),
            Tag::Item => self.item(node, depth),
            Tag::Quote => {
                self.end_paragraph();
                self.quotes += 1;
                self.children(node, depth);
                self.end_paragraph();
                self.quotes -= 1;
            }
            Tag::Pre => self.pre(node, depth),
            Tag::Row => self.row(node, depth),
            Tag::Cell => self.cell(node, depth),
            Tag::Image => self.image(node),
            Tag::Caption => self.caption(node, depth),
            Tag::Link => self.link(node, depth),
        }
    }

    fn children(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            self.node(&child, depth + 1);
        }
    }

    fn block(&mut self, node: &NodeRef, depth: usize) {
        self.end_paragraph();
        self.children(node, depth);
        self.end_paragraph();
    }

    fn list(&mut self, node: &NodeRef, depth: usize, numbered: bool) {
        let start = node
            .attr("start")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(1);
        self.end_paragraph();
        self.lists.push(numbered.then_some(start));
        self.children(node, depth);
        self.end_paragraph();
        self.lists.pop();
    }

    fn item(&mut self, node: &NodeRef, depth: usize) {
        self.end_paragraph();
        let indent = "  ".repeat(self.lists.len().saturating_sub(1));
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                *n += 1;
                format!("{indent}{}. ", *n - 1)
            }
            _ => format!("{indent}• "),
        };
        self.marker = Some(marker);
        self.children(node, depth);
        self.end_paragraph();
        self.marker = None;
    }

    fn pre(&mut self, node: &NodeRef, depth: usize) {
        if self.cells > 0 || self.pre > 0 {
            return self.children(node, depth);
        }
        self.end_paragraph();
        self.pre += 1;
        self.children(node, depth);
        self.pre -= 1;
        let text = std::mem::take(&mut self.line);
        for line in text.split('\n') {
            let indent = indent_of(line);
            let cleaned = single_line(line);
            if !cleaned.is_empty() {
                self.push_paragraph(&format!("{}{cleaned}", " ".repeat(indent)));
            }
        }
    }

    fn row(&mut self, node: &NodeRef, depth: usize) {
        if self.cells > 0 {
            self.line.push(' ');
            return self.children(node, depth);
        }
        self.end_paragraph();
        self.row_cells = 0;
        self.children(node, depth);
        self.end_paragraph();
    }

    fn cell(&mut self, node: &NodeRef, depth: usize) {
        if self.cells == 0 && self.row_cells > 0 {
            self.line.push_str(CELL_SEPARATOR);
        }
        self.row_cells += 1;
        self.cells += 1;
        self.children(node, depth);
        self.cells -= 1;
    }

    fn image(&mut self, node: &NodeRef) {
        let alt = node.attr("alt").or_else(|| node.attr("title"));
        let alt = alt.as_deref().map(single_line).unwrap_or_default();
        if !alt.is_empty() {
            self.line.push_str(&format!(" [image: {alt}] "));
        }
    }

    fn caption(&mut self, node: &NodeRef, depth: usize) {
        self.end_paragraph();
        self.children(node, depth);
        if self.pre == 0 && self.cells == 0 {
            let text = single_line(&std::mem::take(&mut self.line));
            if !text.is_empty() {
                self.push_paragraph(&format!("[image: {text}]"));
            }
        }
        self.end_paragraph();
    }

    fn link(&mut self, node: &NodeRef, depth: usize) {
        let before = self.line.len();
        self.children(node, depth);
        // A block inside the link may have ended the paragraph it began in.
        let shown = match self.line.get(before..) {
            Some(text) => !text.trim().is_empty(),
            None => !self.line.trim().is_empty(),
        };
        if let Some(href) = node.attr("href")
            && shown
            && let Some(n) = self.links.number(&href)
        {
            self.line.push_str(&format!(" [{n}]"));
        }
    }

    /// Ends the paragraph being gathered, if any. Within a cell or `pre`
    /// paragraphs go on: they are the cell's, or lines of the `pre`.
    fn end_paragraph(&mut self) {
        if self.pre > 0 {
            return;
        }
        if self.cells > 0 {
            self.line.push(' ');
            return;
        }
        if self.line.is_empty() {
            return;
        }
        let text = single_line(&std::mem::take(&mut self.line));
        if !text.is_empty() {
            self.push_paragraph(&text);
        }
    }

    /// Adds a cleaned paragraph with the prefixes of the quotes and list
    /// item it is in.
    fn push_paragraph(&mut self, text: &str) {
        if !self.body.is_empty() {
            self.body.push('\n');
        }
        for _ in 0..self.quotes {
            self.body.push_str("│ ");
        }
        match self.marker.take() {
            Some(marker) => self.body.push_str(&marker),
            None if !self.lists.is_empty() => self.body.push_str(&"  ".repeat(self.lists.len())),
            None => {}
        }
        self.body.push_str(text);
    }
}

/// The columns of a line's leading white space, tabs to the next multiple
/// of four, capped: cleaning would fold it away.
fn indent_of(line: &str) -> usize {
    let mut columns = 0;
    for c in line.chars() {
        match c {
            ' ' => columns += 1,
            '\t' => columns = (columns / 4 + 1) * 4,
            _ => break,
        }
    }
    columns.min(40)
}
