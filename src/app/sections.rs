//! The sections pane, as newsboat's feed list or a mail client's folders:
//! every section (for feeds, the feed) with its unread and total counts,
//! "all" first. Choosing one filters the list to it; "all" clears that.
//! While open it has the keyboard; Enter or a click chooses and closes it.

use std::collections::BTreeMap;

use super::App;
use crate::action::Action;
use crate::search::filter::{Term, fold_lower};

/// One row of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRow {
    /// `None` for "all".
    pub name: Option<String>,
    pub unread: usize,
    pub total: usize,
}

/// The pane while open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionsPane {
    /// "All" first, then each section by name.
    pub rows: Vec<SectionRow>,
    pub selected: usize,
    /// The first row on screen.
    pub top: usize,
}

impl App {
    pub fn sections(&self) -> Option<&SectionsPane> {
        self.sections.as_ref()
    }

    /// The section the list is filtered to, from the pane.
    pub fn chosen_section(&self) -> Option<&str> {
        self.section.as_deref()
    }

    /// Opens the pane on the section chosen, or closes it.
    pub(super) fn toggle_sections(&mut self) {
        if self.sections.take().is_some() {
            return;
        }
        if !self.has_sections {
            self.message = Some("these articles have no sections".to_owned());
            return;
        }
        self.sections = Some(SectionsPane::default());
        self.count_sections();
        let chosen = self.section.clone();
        if let Some(pane) = &mut self.sections {
            pane.selected = pane.rows.iter().position(|r| r.name == chosen).unwrap_or(0);
        }
        self.focus = crate::geometry::Focus::List;
    }

    /// Counts every section's articles, read and unread, when the pane is
    /// open: after it opens and whenever the unread count changes.
    pub(super) fn count_sections(&mut self) {
        let Some(pane) = &mut self.sections else {
            return;
        };
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut all = (0, 0);
        for head in self.corpus.heads() {
            let unread = usize::from(!self.state.is_read(head.id));
            all = (all.0 + unread, all.1 + 1);
            if !head.section.is_empty() {
                let count = counts.entry(head.section).or_default();
                *count = (count.0 + unread, count.1 + 1);
            }
        }
        let row = |name, (unread, total)| SectionRow {
            name,
            unread,
            total,
        };
        pane.rows = std::iter::once(row(None, all))
            .chain(counts.into_iter().map(|(s, c)| row(Some(s.to_owned()), c)))
            .collect();
        pane.selected = pane.selected.min(pane.rows.len().saturating_sub(1));
    }

    /// An action while the pane has the keyboard.
    pub(super) fn act_on_sections(&mut self, action: Action) {
        let page = self.geometry().section_rows().max(1);
        let Some(pane) = &mut self.sections else {
            return;
        };
        let last = pane.rows.len().saturating_sub(1);
        let to = |n: usize, down: bool| match down {
            true => pane.selected.saturating_add(n).min(last),
            false => pane.selected.saturating_sub(n),
        };
        pane.selected = match action {
            Action::Down => to(1, true),
            Action::Up => to(1, false),
            Action::PageDown | Action::HalfPageDown => to(page / 2, true),
            Action::PageUp | Action::HalfPageUp => to(page / 2, false),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open => {
                let chosen = pane.selected;
                return self.choose_section(chosen);
            }
            Action::Back | Action::Quit | Action::Sections => {
                self.sections = None;
                return;
            }
            Action::QuitNow => {
                self.out.exit = Some(super::Exit::Quit);
                return;
            }
            _ => pane.selected,
        };
        self.scroll_sections();
    }

    /// Keeps the pane's selection on screen.
    pub(super) fn scroll_sections(&mut self) {
        let rows = self.geometry().section_rows().max(1);
        let Some(pane) = &mut self.sections else {
            return;
        };
        if pane.selected < pane.top {
            pane.top = pane.selected;
        } else if pane.selected >= pane.top + rows {
            pane.top = pane.selected + 1 - rows;
        }
        pane.top = pane.top.min(pane.rows.len().saturating_sub(rows));
    }

    /// Filters the list to row `i` of the pane ("all" clears it) and
    /// closes the pane.
    pub(super) fn choose_section(&mut self, i: usize) {
        let Some(row) = self.sections.as_ref().and_then(|p| p.rows.get(i)) else {
            return;
        };
        self.section = row.name.clone();
        self.sections = None;
        self.combine_filters();
        self.relist();
        self.list_top = 0;
        self.message = Some(match &self.section {
            Some(name) => format!("section: {name}"),
            None => "all sections".to_owned(),
        });
    }

    /// The pane's choice as a filter term.
    pub(super) fn section_term(&self) -> Option<Term> {
        self.section
            .as_deref()
            .map(|s| Term::Section(fold_lower(s)))
    }
}
