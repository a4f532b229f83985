//! `byline feeds ...`: managing subscriptions in `feeds.toml`, OPML in and
//! out, pruning the archive, and a full text on demand. `byline fetch` is
//! in [`super::fetch`].

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::print::plural;
use super::{CliError, Context, Io};
use crate::feeds::archive::Archive;
use crate::feeds::{Subscription, Subscriptions, opml};
use crate::fetch::{Client, FetchOptions, article};

pub use super::fetch::{FetchArgs, fetch};

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed (RSS, Atom or JSON Feed) by its URL
    Add {
        url: String,
        /// What to call it [default: its URL]
        #[arg(long)]
        name: Option<String>,
        /// The section its articles go in [default: the feed's title]
        #[arg(long)]
        section: Option<String>,
        /// A tag for all its articles (repeat for more)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Fetch each new item's page at fetch time, for summary-only feeds
        #[arg(long)]
        full_text: bool,
    },
    /// One line per feed: name, section, URL
    List {
        /// JSON Lines instead
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe; the feed's archived articles stay until pruned
    Remove {
        /// Its name or URL
        feed: String,
    },
    /// Subscribe to the feeds of an OPML file; folders become sections
    Import { file: PathBuf },
    /// Print the subscriptions as OPML 2.0
    Export,
    /// Drop archived articles older than a number of days
    Prune {
        /// Such as 90d (d for days, w for weeks)
        #[arg(long, value_name = "AGE")]
        older_than: String,
        /// Only these feeds (names or URLs) [default: all]
        feeds: Vec<String>,
    },
    /// Fetch an archived article's page and keep its text in the archive
    FullText {
        /// The feed's name or URL
        feed: String,
        /// The item's id, as in the archive
        id: String,
    },
}

/// Where the subscriptions and the archive are, or why there are none.
pub(super) fn places(context: &Context) -> Result<(&Path, Archive), CliError> {
    match (&context.feeds_file, &context.archive_dir) {
        (Some(file), Some(dir)) => Ok((file, Archive::new(dir))),
        _ => Err(CliError::Usage(
            "no home folder to keep feeds in: set HOME or XDG_CONFIG_HOME and XDG_DATA_HOME".into(),
        )),
    }
}

pub fn run(command: &FeedsCommand, context: &Context, io: &mut Io) -> Result<(), CliError> {
    let (file, archive) = places(context)?;
    let mut subs = Subscriptions::load(file)?;
    match command {
        FeedsCommand::Add {
            url,
            name,
            section,
            tags,
            full_text,
        } => {
            let sub = Subscription {
                url: url.trim().to_owned(),
                name: name.clone(),
                section: section.clone(),
                tags: tags.clone(),
                full_text: *full_text,
                keep_days: None,
            };
            let label = sub.label();
            subs.add(sub)?;
            subs.save(file)?;
            writeln!(io.out, "subscribed to {label}; `byline fetch` fetches it")?;
        }
        FeedsCommand::List { json } => list(&subs, *json, io)?,
        FeedsCommand::Remove { feed } => {
            for gone in subs.remove(feed)? {
                writeln!(io.out, "unsubscribed from {}", gone.label())?;
            }
            subs.save(file)?;
        }
        FeedsCommand::Import { file: opml_file } => import(&mut subs, opml_file, file, io)?,
        FeedsCommand::Export => io.out.write_all(opml::export(&subs.feeds).as_bytes())?,
        FeedsCommand::Prune { older_than, feeds } => {
            let days = parse_age(older_than)?;
            prune(&subs, feeds, &archive, days, io)?;
        }
        FeedsCommand::FullText { feed, id } => full_text(&subs, feed, id, &archive, io)?,
    }
    Ok(())
}

fn list(subs: &Subscriptions, json: bool, io: &mut Io) -> Result<(), CliError> {
    for feed in &subs.feeds {
        if json {
            serde_json::to_writer(&mut *io.out, feed).map_err(std::io::Error::from)?;
            writeln!(io.out)?;
        } else {
            let section = feed.section.as_deref().unwrap_or("-");
            writeln!(io.out, "{}\t{section}\t{}", feed.label(), feed.url)?;
        }
    }
    Ok(())
}

fn import(
    subs: &mut Subscriptions,
    opml_file: &Path,
    file: &Path,
    io: &mut Io,
) -> Result<(), CliError> {
    let bytes = crate::files::read_regular(opml_file, crate::files::READ_LIMIT)
        .map_err(|e| CliError::Usage(format!("{}: {e}", opml_file.display())))?;
    let text = crate::clean::decode(&bytes)
        .map_err(|e| CliError::Usage(format!("{}: {e}", opml_file.display())))?;
    let imported = opml::import(&text)
        .map_err(|e| CliError::Usage(format!("{}: {e}", opml_file.display())))?;
    let (mut added, mut known) = (0, 0);
    for feed in imported.feeds {
        match subs.add(feed) {
            Ok(()) => added += 1,
            Err(_) => known += 1,
        }
    }
    for why in &imported.skipped {
        let _ = writeln!(io.err, "warning: {why}; skipped");
    }
    subs.save(file)?;
    writeln!(
        io.out,
        "imported {added} feed{}; {known} already subscribed",
        plural(added)
    )?;
    Ok(())
}

/// `90d`, `12w` or a bare number of days.
fn parse_age(text: &str) -> Result<u32, CliError> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().last() {
        Some((at, 'd')) => (&t[..at], 1),
        Some((at, 'w')) => (&t[..at], 7),
        _ => (t, 1),
    };
    digits
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| CliError::Usage(format!("{text:?} is not an age such as 90d or 12w")))
}

fn prune(
    subs: &Subscriptions,
    keys: &[String],
    archive: &Archive,
    days: u32,
    io: &mut Io,
) -> Result<(), CliError> {
    let cutoff = chrono::Utc::now().timestamp() - i64::from(days) * 86_400;
    for feed in subs.select(keys)? {
        let gone = archive.prune(&feed.url, cutoff)?;
        writeln!(
            io.out,
            "{}: {gone} article{} pruned",
            feed.label(),
            plural(gone)
        )?;
    }
    Ok(())
}

fn full_text(
    subs: &Subscriptions,
    key: &str,
    id: &str,
    archive: &Archive,
    io: &mut Io,
) -> Result<(), CliError> {
    let feed = subs.select(&[key.to_owned()])?.into_iter().next();
    let feed = feed.ok_or_else(|| crate::feeds::ListError::NotFound(key.to_owned()))?;
    let items = archive.read_items(&feed.url)?;
    let item = items
        .iter()
        .find(|i| i.id == id)
        .ok_or_else(|| CliError::Usage(format!("no item {id:?} in {}", feed.label())))?;
    let url = item
        .url
        .clone()
        .ok_or_else(|| CliError::Usage(format!("item {id:?} has no link")))?;
    let client = Client::new(&FetchOptions::from_settings(&subs.fetch));
    let text = article::fetch_full_text(&url, &client, &crate::corpus::LoadOptions::default())?;
    archive.store_full_text(&feed.url, id, &text)?;
    writeln!(
        io.out,
        "kept the full text of {url} ({} words)",
        text.split_whitespace().count()
    )?;
    Ok(())
}
