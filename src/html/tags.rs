//! What each HTML element is to the renderer.

/// How an element is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    /// Not shown, nor anything in it: scripts, styles, frames, forms.
    Dropped,
    /// Starts and ends a paragraph.
    Block,
    Heading,
    LineBreak,
    List {
        numbered: bool,
    },
    Item,
    Quote,
    Pre,
    Table,
    Row,
    Cell,
    Image,
    Caption,
    Link,
    /// Text in the paragraph around it.
    Inline,
}

/// The rendering of the element named `name` (lowercase, as html5ever
/// gives names).
pub(super) fn tag_of(name: &str) -> Tag {
    match name {
        "script" | "style" | "iframe" | "frame" | "frameset" | "object" | "embed" | "form"
        | "template" | "noscript" | "svg" | "button" | "select" | "textarea" | "input" | "head"
        | "title" | "meta" | "link" | "canvas" | "audio" | "video" | "map" | "dialog" => {
            Tag::Dropped
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
        "br" => Tag::LineBreak,
        "ul" | "menu" | "dir" => Tag::List { numbered: false },
        "ol" => Tag::List { numbered: true },
        "li" => Tag::Item,
        "blockquote" => Tag::Quote,
        "pre" | "listing" | "xmp" | "plaintext" => Tag::Pre,
        "table" => Tag::Table,
        "tr" => Tag::Row,
        "td" | "th" => Tag::Cell,
        "img" => Tag::Image,
        "figcaption" => Tag::Caption,
        "a" => Tag::Link,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside"
        | "address" | "center" | "details" | "summary" | "figure" | "caption" | "legend"
        | "fieldset" | "hgroup" | "nav" | "dl" | "dt" | "dd" | "hr" | "html" | "body" | "thead"
        | "tbody" | "tfoot" | "picture" => Tag::Block,
        _ => Tag::Inline,
    }
}
