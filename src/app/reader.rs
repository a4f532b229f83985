//! The reading pane: the selected article laid out for the current width,
//! and the invariants every change restores ([`App::settle`]).
//!
//! An article of a usual size is laid out at once; a long one (an 8 MiB
//! body takes a good part of a second) goes to a worker, and the pane says
//! so until the layout comes back.

use std::sync::Arc;

use super::{App, Job, LaidOut, Pane};
use crate::article::Article;
use crate::geometry::{self, Focus, Geometry};
use crate::layout::ArticleLayout;

/// Bodies up to this many bytes are laid out (and searched) in the app;
/// longer ones on a worker. Wrapping runs at tens of MB/s, so this stays
/// well under a millisecond.
pub const INLINE_BYTES: usize = 16 * 1024;

/// The article in the reading pane, laid out for the current width.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// Index into the corpus.
    pub article: Option<usize>,
    pub layout: Arc<ArticleLayout>,
    /// The first line on screen.
    pub top: usize,
    /// A worker is laying the article out for this width; `layout` is
    /// still the old one (or empty).
    pub pending: Option<usize>,
    /// The block to show at the top once the pending layout comes.
    pending_block: usize,
}

impl Reader {
    /// The pending layout opens at its last line, or its first.
    pub(super) fn open_at_end(&mut self, last: bool) {
        self.pending_block = if last { usize::MAX } else { 0 };
    }
}

/// Whether `article` is laid out in the app rather than on a worker.
pub fn inline(article: &Article) -> bool {
    article.body.len() <= INLINE_BYTES
}

impl App {
    /// A new terminal size: the selected article and the paragraph at the top
    /// of the reader stay where they are.
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        let first = self.area.is_empty();
        self.area = ratatui::layout::Rect::new(0, 0, width, height);
        if first {
            // The first real size: the selection (restored, say) gets its
            // context now that there are rows to show it in.
            let rows = Geometry::new(self.area, &self.config.reader, Focus::List).list_rows();
            self.list_top = self.selected.saturating_sub(rows / 3);
        }
        if let Some(super::Overlay::Warnings { lines, .. }) = &self.overlay {
            let wrapped = self.warning_lines();
            if *lines != wrapped {
                self.overlay = Some(super::Overlay::Warnings {
                    top: 0,
                    lines: wrapped,
                });
            }
        }
        self.settle();
    }

    /// Restores every invariant after a change: the selection is in range
    /// and on screen, the reader shows the selected article laid out for
    /// the current width, and its scroll offset is in range.
    pub(super) fn settle(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        // The list's rows even while the reader has the whole screen, so the
        // list is scrolled as it was when it comes back.
        let list = Geometry::new(self.area, &self.config.reader, Focus::List);
        let rows = list.list_rows().max(1);
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + rows {
            self.list_top = self.selected + 1 - rows;
        }
        self.list_top = self.list_top.min(self.rows.len().saturating_sub(rows));
        if self.rows.is_empty() {
            self.focus = Focus::List;
        }
        self.scroll_sections();
        let relaid = self.lay_out_reader();
        if let Some(article_changed) = relaid {
            self.refresh_find(article_changed);
        }
        self.clamp_reader();
        self.follow_reader(relaid == Some(true));
        self.settle_preview();
        self.record_session();
    }

    fn clamp_reader(&mut self) {
        let last_top = self.reader.layout.lines.len().saturating_sub(self.page());
        self.reader.top = self.reader.top.min(last_top);
    }

    /// Lays out the selected article for the current width when either
    /// changed: `None` when neither did, else whether the article did.
    fn lay_out_reader(&mut self) -> Option<bool> {
        let article = self.selected_article();
        let width = geometry::wrap_width(self.area, &self.config.reader);
        // Too small to read (or not yet sized): wrapping at one column would
        // only cost time; the layout waits for a real size.
        let too_small = self.geometry().too_small;
        let reader = &self.reader;
        let wanted = reader.pending.unwrap_or(reader.layout.width);
        if too_small || (reader.article == article && wanted == width) {
            return None;
        }
        let Some(index) = article else {
            self.reader = Reader::default();
            return Some(true);
        };
        // Same article at a new width: keep the paragraph at the top. A newly
        // opened one starts where it was left.
        let same = reader.article == article;
        let block = match same {
            true if reader.pending.is_some() => reader.pending_block,
            true => reader.layout.lines.get(reader.top).map_or(0, |l| l.block),
            false => self.state.position(self.corpus.id(index)),
        };
        let corpus = Arc::clone(&self.corpus);
        let text = corpus.article(index);
        if !same {
            // The old article's lines must not stand under the new title.
            self.reader.layout = Arc::new(ArticleLayout::default());
        }
        self.reader.article = article;
        if corpus.body_pending(index) {
            // Until its body is read from its file (see `loading`).
            self.install_layout(Arc::new(ArticleLayout::reading(&text, width)), 0);
        } else if inline(&text) {
            self.install_layout(Arc::new(ArticleLayout::new(&text, width)), block);
        } else {
            self.reader.pending = Some(width);
            self.reader.pending_block = block;
            self.out.jobs.push(Job::LayOut {
                pane: Pane::Reader,
                article: index,
                width,
            });
        }
        Some(!same)
    }

    fn install_layout(&mut self, layout: Arc<ArticleLayout>, block: usize) {
        self.reader.top = if block == 0 {
            0
        } else {
            layout.line_of_block(block)
        };
        self.reader.layout = layout;
        self.reader.pending = None;
    }

    /// A layout from the worker: taken when it is the one still wanted.
    pub(super) fn laid_out(&mut self, laid: LaidOut) {
        // Asked before a reload: its index is of the corpus before.
        if laid.epoch != self.corpus.epoch {
            return;
        }
        if laid.pane == Pane::Preview {
            return self.preview_laid_out(laid);
        }
        let wanted = self.reader.pending == Some(laid.layout.width)
            && self.reader.article == Some(laid.article);
        if !wanted {
            return;
        }
        let block = self.reader.pending_block;
        self.install_layout(laid.layout, block);
        self.refresh_find(false);
        self.clamp_reader();
        self.follow_reader(false);
    }

    /// How far through the article the reader is, 0 to 100.
    pub fn reader_percent(&self) -> usize {
        let lines = self.reader.layout.lines.len();
        let page = self.page();
        if lines <= page {
            return 100;
        }
        (self.reader.top * 100 / (lines - page)).min(100)
    }
}
