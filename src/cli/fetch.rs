//! `byline fetch [NAME...]`: every subscribed feed (or those named) into
//! the archive, a progress bar on a terminal, then one line per feed.
//! Exit 0 when every feed worked, 1 when some failed.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::feeds::places;
use super::{CliError, Context, Io};
use crate::fetch::run::{Run, RunError, fetch_subscribed};
use crate::fetch::{FeedReport, FetchOptions, Outcome, Progress, Summary};

#[derive(Debug, Clone, Args)]
pub struct FetchArgs {
    /// Only these feeds, by name or URL [default: all]
    #[arg(value_name = "NAME")]
    pub feeds: Vec<String>,
    /// Print a JSON summary instead of one line per feed
    #[arg(long)]
    pub json: bool,
    /// Print only the feeds that failed
    #[arg(short, long)]
    pub quiet: bool,
    /// Connections at once [default: 8, or `[fetch] connections` in feeds.toml]
    #[arg(long, value_name = "N")]
    pub connections: Option<usize>,
    /// Seconds a request may take, body included [default: 30]
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Seconds to wait for a connection [default: 10]
    #[arg(long, value_name = "SECONDS")]
    pub connect_timeout: Option<f64>,
    /// When another fetch is running, wait for it (up to 10 minutes) instead of exiting
    #[arg(long)]
    pub wait: bool,
}

pub fn fetch(args: &FetchArgs, context: &Context, io: &mut Io) -> Result<(), CliError> {
    let (file, archive) = places(context)?;
    let timeout = args.timeout.map(seconds).transpose()?;
    let connect_timeout = args.connect_timeout.map(seconds).transpose()?;
    let adjust = |options: &mut FetchOptions| {
        options.connections = args.connections.unwrap_or(options.connections).max(1);
        options.timeout = timeout.unwrap_or(options.timeout);
        options.connect_timeout = connect_timeout.unwrap_or(options.connect_timeout);
    };
    let run = Run {
        feeds_file: file,
        archive: &archive,
        names: &args.feeds,
        // Ten minutes: a fetch of hundreds of feeds at 30 s a request ends
        // well within it; a hung one should not hold a cron job forever.
        lock_wait: Duration::from_secs(if args.wait { 600 } else { 0 }),
        now: chrono::Utc::now().timestamp(),
    };
    let cancel = cancel_on_signals();
    let bar = progress_bar(args);
    let progress = |p: Progress| match p {
        Progress::Started { label, total, .. } => {
            bar.set_length(total as u64);
            bar.set_message(label.to_owned());
        }
        Progress::Finished { .. } => bar.inc(1),
    };
    let summary = fetch_subscribed(run, &adjust, &cancel, &progress);
    bar.finish_and_clear();
    let summary = summary.map_err(|e| match e {
        RunError::Busy { .. } => CliError::Busy(format!("{e}; wait for it, or use --wait")),
        RunError::NoFeeds => CliError::Usage(e.to_string()),
        RunError::Feeds(e) => CliError::Feeds(e),
        RunError::List(e) => CliError::List(e),
        RunError::Archive(e) => CliError::Archive(e),
    })?;
    for (from, to) in summary.moves() {
        let _ = writeln!(
            io.err,
            "{from} moved permanently to {to}; feeds.toml now says so"
        );
    }
    report(&summary, args, io)?;
    match summary.failures() {
        0 => Ok(()),
        failed => Err(CliError::FeedsFailed {
            failed,
            total: summary.reports.len(),
        }),
    }
}

fn seconds(s: f64) -> Result<Duration, CliError> {
    Duration::try_from_secs_f64(s)
        .map_err(|_| CliError::Usage(format!("{s} is not a number of seconds")))
}

/// The first Ctrl-C (or TERM) stops feeds from starting, and those under
/// way end within their timeout; a second one exits at once. Killing a
/// fetch at any moment is safe: every archive write is atomic.
fn cancel_on_signals() -> Arc<AtomicBool> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let cancel = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&cancel));
        let _ = signal_hook::flag::register(signal, Arc::clone(&cancel));
    }
    cancel
}

/// A bar on stderr when it is a terminal and the output is for a person.
fn progress_bar(args: &FetchArgs) -> ProgressBar {
    if args.json || args.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn report(summary: &Summary, args: &FetchArgs, io: &mut Io) -> Result<(), CliError> {
    if args.json {
        let feeds: Vec<serde_json::Value> =
            summary.reports.iter().map(FeedReport::to_json).collect();
        let totals = totals(summary);
        let json = serde_json::json!({
            "feeds": feeds,
            "new": totals.0,
            "updated": totals.1,
            "failed": summary.failures(),
            "elapsed_ms": summary.elapsed.as_millis() as u64,
        });
        writeln!(io.out, "{json}")?;
        return Ok(());
    }
    for r in &summary.reports {
        for why in &r.full_text_errors {
            let _ = writeln!(io.err, "{}: full text not fetched: {why}", r.label);
        }
        match &r.outcome {
            Outcome::Failed(e) => {
                let _ = writeln!(io.err, "{}: error: {e}", r.label);
            }
            _ if args.quiet => {}
            outcome => writeln!(io.out, "{}: {}", r.label, words(outcome))?,
        }
    }
    Ok(())
}

fn totals(summary: &Summary) -> (usize, usize) {
    summary
        .reports
        .iter()
        .fold((0, 0), |(n, u), r| match &r.outcome {
            Outcome::Fetched(m) => (n + m.new, u + m.updated),
            _ => (n, u),
        })
}

fn words(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Fetched(m) => format!("{} new, {} updated", m.new, m.updated),
        Outcome::NotModified => "not modified".to_owned(),
        Outcome::Deferred(until) => format!(
            "not asked: the server asked to wait until {}",
            chrono::DateTime::from_timestamp(*until, 0).map_or_else(
                || until.to_string(),
                |t| t.format("%Y-%m-%d %H:%M UTC").to_string()
            )
        ),
        Outcome::Failed(e) => format!("error: {e}"),
        Outcome::Cancelled => "cancelled".to_owned(),
    }
}
