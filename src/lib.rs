//! byline: a terminal news reader.
//!
//! The library holds everything testable: loading and cleaning a corpus
//! ([`corpus`], [`clean`]), laying articles out ([`layout`]), ranking titles
//! ([`search`]), reading state kept on disk ([`state`]), configuration
//! ([`config`], found through [`xdg`]) and the command line ([`cli`]).
//! `main.rs` only hands over.

pub mod action;
pub mod app;
pub mod article;
pub mod clean;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod feeds;
pub mod fetch;
pub mod files;
pub mod geometry;
pub mod html;
pub mod keymap;
pub mod layout;
pub mod memory;
pub mod order;
pub mod packed;
pub mod runtime;
pub mod search;
pub mod state;
pub mod tui;
pub mod ui;
pub mod xdg;

pub use article::Article;
pub use corpus::{Changes, Corpus, LoadOptions};
