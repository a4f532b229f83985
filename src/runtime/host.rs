//! What the loop needs of the terminal beyond drawing, and a host for
//! tests that only counts what it was asked.

use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::Opened;

/// What the loop needs of the terminal beyond drawing.
pub trait Host<B: Backend> {
    /// Gives the terminal back and stops the process; returns once it
    /// goes on, with the terminal taken again.
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
    /// Takes the terminal again (after SIGCONT), to draw it whole.
    fn reenter(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
    /// Opens an http(s) `url` in the browser, which may take the terminal
    /// until it ends; says how that went.
    fn open(&mut self, terminal: &mut Terminal<B>, url: &str) -> io::Result<Opened>;
    /// Puts `text` on the clipboard.
    fn copy(&mut self, terminal: &mut Terminal<B>, text: &str) -> io::Result<()>;
}

/// A host for tests: counts and keeps what it was asked.
#[derive(Debug, Default)]
pub struct Headless {
    pub suspended: usize,
    pub reentered: usize,
    pub opened: Vec<String>,
    pub copied: Vec<String>,
}

impl<B: Backend> Host<B> for Headless {
    fn suspend(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        self.suspended += 1;
        Ok(())
    }

    fn reenter(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        self.reentered += 1;
        Ok(())
    }

    fn open(&mut self, _: &mut Terminal<B>, url: &str) -> io::Result<Opened> {
        self.opened.push(url.to_owned());
        Ok(Ok(()))
    }

    fn copy(&mut self, _: &mut Terminal<B>, text: &str) -> io::Result<()> {
        self.copied.push(text.to_owned());
        Ok(())
    }
}
