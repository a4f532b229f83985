//! The article's link, or link N of its list (a number, then the key):
//! opened in the browser, or copied to the clipboard.
//! Only http and https links are offered; the loop runs the browser as a
//! program with the link as its one argument, never through a shell.

use super::{App, Opened};

/// Whether `url` may be handed to a browser.
pub fn openable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_whitespace)
}

impl App {
    /// The link of the open article (in the reader) or the selected one;
    /// with a number, that link of its numbered list.
    fn link(&mut self, count: Option<usize>) -> Option<String> {
        let index = self.selected_article()?;
        let article = self.corpus.article(index);
        let url = match count {
            Some(n) => match n.checked_sub(1).and_then(|i| article.links.get(i)) {
                Some(link) => Some(link),
                None => {
                    let count = article.links.len();
                    self.message = Some(format!("no link {n}: this article lists {count}"));
                    return None;
                }
            },
            None => article.url.as_ref(),
        };
        match url {
            Some(url) if openable(url) => Some(url.clone()),
            Some(_) => {
                self.message = Some("this article's link is not http(s): not opened".to_owned());
                None
            }
            None => {
                self.message = Some("this article has no link".to_owned());
                None
            }
        }
    }

    pub(super) fn open_url(&mut self, count: Option<usize>) {
        if let Some(url) = self.link(count) {
            self.message = Some(format!("opening {url}"));
            self.out.open = Some(url);
        }
    }

    pub(super) fn copy_url(&mut self, count: Option<usize>) {
        if let Some(url) = self.link(count) {
            self.message = Some(format!("copied {url}"));
            self.out.copy = Some(url);
        }
    }

    pub(super) fn opened(&mut self, opened: Opened) {
        if let Err(error) = opened {
            self.message = Some(error);
        }
    }

    /// The reader shows the last line of its article.
    pub(super) fn at_end(&self) -> bool {
        self.reader.pending.is_none()
            && self.reader.top + self.page() >= self.reader.layout.lines.len()
    }
}
