//! byline: a terminal news reader.
//!
//! The library holds everything testable: loading and cleaning a corpus
//! ([`corpus`], [`clean`]), laying articles out ([`layout`]), ranking titles
//! ([`search`]), and the command line ([`cli`]). `main.rs` only hands over.

pub mod action;
pub mod article;
pub mod clean;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod keymap;
pub mod layout;
pub mod search;
pub mod synth;

pub use article::Article;
pub use corpus::{Corpus, LoadOptions};
