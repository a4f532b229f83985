//! The finder's preview of its selected hit, laid out once per article and
//! width and kept here, so drawing only copies lines.

use std::sync::Arc;

use super::{App, Job, LaidOut, Overlay, Pane, reader};
use crate::geometry::Finder;
use crate::layout::ArticleLayout;

#[derive(Debug, Clone, Default)]
pub struct Preview {
    /// The article shown, by corpus index.
    pub article: Option<usize>,
    /// Its lines; empty while a worker lays out a long article.
    pub layout: Arc<ArticleLayout>,
    /// The width wanted, which `layout` may not have yet.
    width: usize,
}

impl App {
    /// Keeps the preview (and the highlights on screen) in step with the
    /// finder's selection and size.
    pub(super) fn settle_preview(&mut self) {
        self.settle_highlights();
        let Some(Overlay::Search(overlay)) = &self.overlay else {
            self.preview = Preview::default();
            return;
        };
        let article = overlay.hits.get(overlay.selected).map(|h| h.index);
        let Some((index, area)) = article.zip(Finder::new(self.area).preview) else {
            self.preview = Preview::default();
            return;
        };
        // A column of padding on each side of the text.
        let width = usize::from(area.width.saturating_sub(2)).max(1);
        if self.preview.article == Some(index) && self.preview.width == width {
            return;
        }
        let text = self.corpus.article(index);
        let layout = match reader::inline(&text) {
            _ if self.corpus.body_pending(index) => Arc::new(ArticleLayout::reading(&text, width)),
            true => Arc::new(ArticleLayout::new(&text, width)),
            false => {
                self.out.jobs.push(Job::LayOut {
                    pane: Pane::Preview,
                    article: index,
                    width,
                });
                Arc::default()
            }
        };
        self.preview = Preview {
            article: Some(index),
            layout,
            width,
        };
    }

    pub(super) fn preview_laid_out(&mut self, laid: LaidOut) {
        if self.preview.article == Some(laid.article) && self.preview.width == laid.layout.width {
            self.preview.layout = laid.layout;
        }
    }
}
