//! What the command line says: the subcommands and their flags, as clap
//! parses them; `--help` is written from the comments here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "byline",
    version,
    about = "A fast terminal news reader: a list pane, a reading pane and fuzzy search.",
    long_about = "A fast terminal news reader: a list pane, a reading pane and fuzzy search.\n\n\
        With no subcommand, opens the reader (press ? in it for the keys). PATHs are files or directories of articles: \
        plain text (.txt: title on the first line, then paragraphs), JSON (.json: an array, or \
        an object with an `articles` or `items` array), JSON Lines (.jsonl, .ndjson), saved \
        web pages (.html, .htm) and feeds (.xml, .rss, .atom, .rdf: RSS, Atom, JSON Feed). \
        Directories are walked recursively, skipping hidden entries. With no PATH, byline \
        opens the `paths` of `[corpus]` in its configuration file, or else the articles \
        bundled with it. `byline config` shows where the configuration and reading state \
        live.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

#[derive(Debug, Clone, Default, Args)]
pub struct CorpusArgs {
    /// Files or directories of articles [default: `[corpus] paths` from the configuration, else the bundled seed articles]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Do not print load warnings on stderr (the summary count stays)
    #[arg(short, long)]
    pub quiet: bool,
    /// Open the bundled seed articles, even when feeds are subscribed
    #[arg(long, conflicts_with = "paths")]
    pub seeds: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article, tab-separated: id, section, date, title
    List {
        /// JSON Lines with all metadata instead
        #[arg(long)]
        json: bool,
        /// Only articles not yet read (as saved by the reader for this corpus)
        #[arg(long, conflicts_with = "starred")]
        unread: bool,
        /// Only starred articles (as saved by the reader for this corpus)
        #[arg(long)]
        starred: bool,
        /// Only articles the filter admits: section:NAME source:NAME
        /// author:NAME tag:NAME is:unread is:starred after:YYYY-MM-DD
        /// before:YYYY-MM-DD, bare words as a full-text query; every term
        /// required, -term negated
        #[arg(long, value_name = "FILTER", allow_hyphen_values = true)]
        filter: Option<String>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// One article as the reader shows it, wrapped
    Show {
        /// The article's id, as `byline list` prints it
        id: String,
        /// Wrap to this many columns [default: the reading measure, or the
        /// terminal's width when that is narrower]
        #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// The article as JSON, with its paragraphs
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Fuzzy-find titles, best first, in the format of `list`; with
    /// `--text`, search the articles' text, a snippet as a fifth column
    Search {
        /// Matched like fzf's extended search: space-separated terms all
        /// match, in any order, each fuzzily (letters in order); 'exact,
        /// ^prefix, suffix$, !exclude, a | b for either, `\ ` for a space.
        /// Lowercase ignores case; accents are ignored. With --text: words
        /// that must all appear, "quoted phrases", -exclude, prefix*
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Search titles and bodies, ranked by BM25, instead of titles
        #[arg(long, short = 't')]
        text: bool,
        /// Only results the filter admits (as for `list --filter`)
        #[arg(long, value_name = "FILTER", allow_hyphen_values = true)]
        filter: Option<String>,
        /// Print at most N results
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// JSON Lines with all metadata instead
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Counts: articles, sections, words, duplicates, warnings, load time
    Stats {
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Subscriptions: add, list, remove, import and export OPML, prune
    Feeds {
        #[command(subcommand)]
        command: super::feeds::FeedsCommand,
    },
    /// Fetch subscribed feeds into the archive (all, or those named)
    Fetch(super::feeds::FetchArgs),
    /// Where the configuration and reading state live; the defaults
    Config {
        /// Print the default configuration, commented, to copy from
        #[arg(long)]
        print_default: bool,
    },
}

impl Command {
    /// Whether the command reads the user's configuration. `config` does
    /// not, so it still works when the file is broken: it is how to fix it.
    pub fn needs_config(&self) -> bool {
        !matches!(self, Command::Config { .. })
    }

    /// Whether the command opens a corpus, and so the archive of fetched
    /// feeds when no PATH is given and feeds are subscribed.
    pub fn opens_corpus(&self) -> bool {
        matches!(
            self,
            Command::List { .. }
                | Command::Show { .. }
                | Command::Search { .. }
                | Command::Stats { .. }
        )
    }
}
