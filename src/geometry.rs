//! Where everything goes on screen. Drawing and paging both read this one
//! computation, so a page is always exactly what is drawn. All arithmetic
//! saturates: any size, down to 1x1 and 0x0, is a valid input.

use ratatui::layout::Rect;

use crate::config::ReaderConfig;

/// A list narrower than this gives the whole of itself to the sections
/// pane rather than a third.
pub const SECTIONS_SHARE_MIN: u16 = 40;
/// The widest the sections pane grows.
pub const SECTIONS_MAX_WIDTH: u16 = 28;

/// Below this the reader says the terminal is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 3;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
}

/// The panes of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub list: Option<Rect>,
    /// The reading pane: text, then a scrollbar on its last column.
    pub reader: Option<Rect>,
    /// The column between the panes, when both show.
    pub separator: Option<Rect>,
    /// The sections pane, left of the list, while it is open.
    pub sections: Option<Rect>,
    /// The column between the sections and the list, when both show.
    pub sections_separator: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Geometry {
    pub fn new(area: Rect, config: &ReaderConfig, focus: Focus) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Self {
                status: area,
                too_small: true,
                ..Self::default()
            };
        }
        let body = Rect {
            height: area.height - 1,
            ..area
        };
        let status = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        if area.width < config.two_pane_min_width {
            let (list, reader) = match focus {
                Focus::List => (Some(body), None),
                Focus::Reader => (None, Some(body)),
            };
            return Self {
                list,
                reader,
                status,
                ..Self::default()
            };
        }
        let percent = u32::from(config.list_percent.clamp(10, 90));
        let list_width = (u32::from(body.width) * percent / 100) as u16;
        let list = Rect {
            width: list_width,
            ..body
        };
        let separator = Rect {
            x: body.x + list_width,
            width: 1,
            ..body
        };
        let reader = Rect {
            x: separator.x + 1,
            width: body.width.saturating_sub(list_width + 1),
            ..body
        };
        Self {
            list: Some(list),
            reader: Some(reader),
            separator: Some(separator),
            status,
            ..Self::default()
        }
    }

    /// The panes with the sections pane open: it takes the left of the
    /// list, or the whole of a list too narrow to share. The reader keeps
    /// its width, so articles need no new layout; rows keep their height.
    pub fn with_sections(mut self) -> Self {
        let Some(list) = self.list else {
            return self;
        };
        if list.width < SECTIONS_SHARE_MIN {
            self.sections = Some(list);
            self.list = None;
            return self;
        }
        // Half the list: a third left `business` two letters beside its counts.
        let width = (list.width / 2).min(SECTIONS_MAX_WIDTH);
        self.sections = Some(Rect { width, ..list });
        self.sections_separator = Some(Rect {
            x: list.x + width,
            width: 1,
            ..list
        });
        self.list = Some(Rect {
            x: list.x + width + 1,
            width: list.width - width - 1,
            ..list
        });
        self
    }

    /// Rows of the sections pane on screen.
    pub fn section_rows(&self) -> usize {
        self.sections.map_or(0, |r| usize::from(r.height))
    }

    /// Rows of the list on screen.
    pub fn list_rows(&self) -> usize {
        self.list.map_or(0, |r| usize::from(r.height))
    }

    /// Lines of text on screen in the reader.
    pub fn reader_rows(&self) -> usize {
        self.reader.map_or(0, |r| usize::from(r.height))
    }
}

/// The column of text inside a reading pane: at most `measure` wide,
/// centered, a column of margin on the left, the scrollbar on the right.
pub fn text_column(reader: Rect, measure: u16) -> Rect {
    let room = reader.width.saturating_sub(3);
    let width = room.min(measure.max(1));
    let x = reader.x + 1 + (room - width) / 2;
    Rect { x, width, ..reader }
}

/// The text width the reader wraps to when it has this pane width; the same
/// whether the reader shows beside the list or alone.
pub fn wrap_width(area: Rect, config: &ReaderConfig) -> usize {
    let geometry = Geometry::new(area, config, Focus::Reader);
    geometry.reader.map_or(1, |r| {
        usize::from(text_column(r, config.measure).width.max(1))
    })
}

/// The widest the help and warnings windows are.
pub const WINDOW_WIDTH: u16 = 76;

/// The width of text inside the help or warnings window: its border and a
/// column of margin on each side.
pub fn window_text_width(area: Rect) -> usize {
    usize::from(area.width.min(WINDOW_WIDTH).saturating_sub(4)).max(1)
}

/// From this terminal width on, the finder shows a preview beside its
/// results.
pub const PREVIEW_MIN_WIDTH: u16 = 100;

/// Where the fuzzy finder's window and its parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Finder {
    pub window: Rect,
    /// The query line.
    pub query: Rect,
    pub results: Rect,
    /// The preview; the separator stands on the column before it.
    pub preview: Option<Rect>,
}

impl Finder {
    pub fn new(area: Rect) -> Self {
        let margin = u16::from(area.height > 10);
        let width = area.width.min(140);
        let window = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + margin,
            width,
            height: area.height.saturating_sub(2 * margin),
        };
        let inner = Rect {
            x: window.x + 1,
            y: window.y + 1,
            width: window.width.saturating_sub(2),
            height: window.height.saturating_sub(2),
        };
        let query = Rect {
            height: inner.height.min(1),
            ..inner
        };
        let body = Rect {
            y: inner.y + query.height,
            height: inner.height - query.height,
            ..inner
        };
        if area.width < PREVIEW_MIN_WIDTH {
            return Self {
                window,
                query,
                results: body,
                preview: None,
            };
        }
        let left = inner.width * 55 / 100;
        let preview = Rect {
            x: inner.x + left + 1,
            width: inner.width - left - 1,
            ..body
        };
        let results = Rect {
            width: left,
            ..body
        };
        Self {
            window,
            query,
            results,
            preview: Some(preview),
        }
    }

    /// Rows of results on screen.
    pub fn result_rows(&self) -> usize {
        usize::from(self.results.height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: ReaderConfig = ReaderConfig {
        measure: 80,
        list_percent: 40,
        two_pane_min_width: 90,
    };

    #[test]
    fn wide_terminals_show_both_panes() {
        let g = Geometry::new(Rect::new(0, 0, 120, 40), &CONFIG, Focus::List);
        assert_eq!(g.list, Some(Rect::new(0, 0, 48, 39)));
        assert_eq!(g.separator, Some(Rect::new(48, 0, 1, 39)));
        assert_eq!(g.reader, Some(Rect::new(49, 0, 71, 39)));
        assert_eq!(g.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane() {
        let g = Geometry::new(Rect::new(0, 0, 80, 24), &CONFIG, Focus::Reader);
        assert_eq!((g.list, g.reader), (None, Some(Rect::new(0, 0, 80, 23))));
        let g = Geometry::new(Rect::new(0, 0, 80, 24), &CONFIG, Focus::List);
        assert_eq!((g.list, g.reader), (Some(Rect::new(0, 0, 80, 23)), None));
    }

    #[test]
    fn every_tiny_size_is_safe() {
        for w in 0..25 {
            for h in 0..6 {
                let g = Geometry::new(Rect::new(0, 0, w, h), &CONFIG, Focus::Reader);
                assert_eq!(g.too_small, w < MIN_WIDTH || h < MIN_HEIGHT);
                if let Some(r) = g.reader {
                    assert!(text_column(r, 80).right() <= r.right());
                }
            }
        }
    }

    #[test]
    fn the_sections_pane_shares_the_list_or_takes_it_and_never_the_reader() {
        let wide = Geometry::new(Rect::new(0, 0, 120, 40), &CONFIG, Focus::List);
        let g = wide.with_sections();
        assert_eq!(g.sections, Some(Rect::new(0, 0, 24, 39)));
        assert_eq!(g.sections_separator, Some(Rect::new(24, 0, 1, 39)));
        assert_eq!(g.list, Some(Rect::new(25, 0, 23, 39)));
        assert_eq!((g.reader, g.list_rows()), (wide.reader, 39));
        let g = Geometry::new(Rect::new(0, 0, 80, 24), &CONFIG, Focus::List).with_sections();
        assert_eq!(g.sections.map(|r| r.width), Some(28));
        let g = Geometry::new(Rect::new(0, 0, 30, 10), &CONFIG, Focus::List).with_sections();
        assert_eq!((g.sections, g.list), (Some(Rect::new(0, 0, 30, 9)), None));
        let g = Geometry::new(Rect::new(0, 0, 80, 24), &CONFIG, Focus::Reader).with_sections();
        assert_eq!(g.sections, None, "the reader alone: no room for it");
        for w in 0..130 {
            for h in 0..6 {
                let area = Rect::new(0, 0, w, h);
                let g = Geometry::new(area, &CONFIG, Focus::List).with_sections();
                for r in [g.sections, g.sections_separator, g.list]
                    .into_iter()
                    .flatten()
                {
                    assert!(r.right() <= area.right() && r.bottom() <= area.bottom());
                }
                assert_eq!(g.sections.is_some(), !g.too_small);
            }
        }
    }

    #[test]
    fn the_finder_fits_every_size() {
        for w in 0..160 {
            for h in 0..14 {
                let area = Rect::new(0, 0, w, h);
                let f = Finder::new(area);
                assert!(area.contains(f.window.as_position()) || f.window.area() == 0);
                assert!(f.results.height == 0 || f.results.bottom() < f.window.bottom());
                if let Some(p) = f.preview {
                    assert!(p.right() < f.window.right() && p.x > f.results.right());
                }
            }
        }
        let wide = Finder::new(Rect::new(0, 0, 200, 40));
        assert_eq!(wide.window, Rect::new(30, 1, 140, 38));
        assert_eq!(wide.preview.map(|p| p.x - wide.results.right()), Some(1));
    }

    #[test]
    fn text_is_capped_at_the_measure_and_centered() {
        let column = text_column(Rect::new(0, 0, 200, 10), 80);
        assert_eq!((column.x, column.width), (59, 80));
        assert_eq!(text_column(Rect::new(0, 0, 40, 10), 80).width, 37);
    }
}
