//! Where a warm start's time goes, stage by stage, in-process: reading
//! the listing, making the corpus of it, the app, restoring a saved
//! session, and drawing the first frame. `benches/first_frame` times the
//! whole process; this says which part to look at.
//!
//! `BYLINE_BENCH_CORPUS=DIR cargo bench --bench start` (default: the BBC
//! corpus in ../shared). The corpus is loaded once to write its listing
//! into a temporary cache; each of 10 runs then starts from it. Medians.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops at the first surprise

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use byline::app::{App, Msg};
use byline::config::Config;
use byline::corpus::listing;
use byline::state::{ReadingState, Stamp};
use byline::{Corpus, LoadOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

// The reader's own allocator, so that the stages cost what they cost there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 10;
const STAGES: [&str; 6] = ["listing read", "corpus", "app", "session", "frame", "total"];

fn main() {
    // As the binary sets it up (see `byline::memory`).
    byline::memory::give_back_at_once();
    let dir = std::env::var_os("BYLINE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc"));
    if !dir.exists() {
        println!("skipped start: {} is absent", dir.display());
        return;
    }
    let (cache, options) = (tempfile::tempdir().unwrap(), LoadOptions::default());
    let paths = [dir.clone()];
    let loaded = Corpus::load(&paths, &options).unwrap();
    let later = SystemTime::now() + Duration::from_secs(10);
    listing::store(&loaded, &options, cache.path(), Duration::ZERO, later).unwrap();
    // A state of the kind a user has: some articles read, one open.
    let mut state = ReadingState::default();
    for article in loaded.articles.iter().step_by(97) {
        state.mark_read(&article.id, Stamp(1));
    }
    drop(loaded);

    let mut times: Vec<[Duration; 6]> = Vec::new();
    for _ in 0..RUNS {
        let begun = Instant::now();
        let listed = listing::latest(&paths, &options, cache.path()).expect("stored");
        let read = begun.elapsed();
        let corpus = Arc::new(Corpus::from_listing(listed, &options));
        let made = begun.elapsed();
        let mut app = App::new(corpus, Config::default(), Rect::default(), Stamp::now());
        app.handle(Msg::Resize(200, 60), Stamp::now());
        let app_made = begun.elapsed();
        app.restore_state(state.clone());
        let restored = begun.elapsed();
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        terminal.draw(|f| byline::ui::draw(f, &app)).unwrap();
        let drawn = begun.elapsed();
        times.push([
            read,
            made - read,
            app_made - made,
            restored - app_made,
            drawn - restored,
            drawn,
        ]);
    }
    print!("{} (medians of {RUNS}):", dir.display());
    for (stage, name) in STAGES.iter().enumerate() {
        let mut of: Vec<Duration> = times.iter().map(|t| t[stage]).collect();
        of.sort();
        print!(" {name} {:.1} ms", of[RUNS / 2].as_secs_f64() * 1e3);
    }
    println!();
}
