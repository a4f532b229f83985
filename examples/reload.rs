//! The CPU time of loading a corpus again after one file changed, as `R`
//! checks behind its answer (every file looked at) and as the watcher, or
//! `R` from what it recorded, does (only the path named), and of what the
//! reader does with the new corpus: `cargo run
//! --release --example reload -- DIR [RUNS [r|watcher|both [PAUSE]]]` (both by
//! default; one of them, many runs, under `perf record`). PAUSE, in
//! milliseconds, is waited before each refresh, as a user waits between
//! changes: the allocator has given memory back by then, and the caches
//! hold something else (0 by default: back to back). CPU time, of every
//! thread, from `/proc/self/stat`: on a shared machine wall time says more
//! about the others.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use byline::app::{App, Msg};
use byline::config::Config;
use byline::corpus::LoadError;
use byline::state::Stamp;
use byline::{Changes, Corpus, LoadOptions};

// The binary's allocator (see `src/main.rs`): with glibc's, freeing and
// allocating a corpus's small strings costs several times as much.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One way of loading the corpus again.
type Refresh<'a> = dyn Fn() -> Result<Corpus, LoadError> + 'a;

/// User and system time of the whole process so far, in milliseconds.
fn cpu_ms() -> f64 {
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15, counted from 1 with the pid.
    (ticks(11) + ticks(12)) * 10.0
}

fn main() {
    // As the binary sets it up (see `byline::memory`).
    byline::memory::give_back_at_once();
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: reload DIR [RUNS [r|watcher|both [PAUSE]]]");
        std::process::exit(2);
    };
    let runs: usize = args
        .next()
        .and_then(|r| r.to_str()?.parse().ok())
        .unwrap_or(20);
    let only = args
        .next()
        .and_then(|m| m.into_string().ok())
        .filter(|m| m != "both");
    let pause = args
        .next()
        .and_then(|p| p.to_str()?.parse().ok())
        .map_or(std::time::Duration::ZERO, std::time::Duration::from_millis);
    let options = LoadOptions::default();
    let corpus = Corpus::load(&[dir], &options).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    let Some(file) = corpus.sources.files.get(corpus.sources.files.len() / 2) else {
        return eprintln!("no files");
    };
    let (path, original) = (
        file.path().to_path_buf(),
        fs::read(file.path()).unwrap_or_default(),
    );
    let mut named = Changes::default();
    named.add(path.clone());
    println!("{} articles, {} runs each", corpus.articles.len(), runs);
    let modes: [(&str, &str, &Refresh); 2] = [
        ("r", "R (every file)", &|| corpus.refresh(&options)),
        ("watcher", "watcher (one path)", &|| {
            corpus.refresh_changed(&named, &options)
        }),
    ];
    for (mode, name, refresh) in modes {
        if only.as_ref().is_some_and(|only| only != mode) {
            continue;
        }
        let (mut cpu, mut wall) = (0.0, 0.0);
        for run in 0..runs {
            let mut changed = original.clone();
            changed.extend(b" more".repeat(run % 7 + 1));
            let _ = fs::write(&path, &changed);
            std::thread::sleep(pause);
            let (cpu_before, started) = (cpu_ms(), Instant::now());
            let refreshed = refresh().unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(1);
            });
            // Taken before the new corpus is dropped: that is the app's.
            wall += started.elapsed().as_secs_f64() * 1000.0;
            cpu += cpu_ms() - cpu_before;
            assert_eq!(refreshed.sources.read, 1, "one file read");
        }
        let n = runs as f64;
        println!(
            "{name}: {:.1} ms CPU, {:.1} ms wall a refresh",
            cpu / n,
            wall / n
        );
    }
    let _ = fs::write(&path, &original);
    if only.is_none() {
        app_side(corpus, &options);
    }
}

/// What the reader does with a corpus loaded again: the app takes it
/// (lists it again, keeps the selection, counts what is unread), the
/// finder's worker indexes its titles, and the corpus before is dropped.
fn app_side(corpus: Corpus, options: &LoadOptions) {
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let corpus = Arc::new(corpus);
    let mut app = App::new(Arc::clone(&corpus), Config::default(), area, Stamp(0));
    let next = |c: &Corpus| {
        c.refresh_changed(&Changes::default(), options)
            .unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(1);
            })
    };
    let mut before = corpus;
    let (mut taken, mut titles, mut dropped) = (0.0, 0.0, 0.0);
    let runs = 10;
    for _ in 0..runs {
        let new = Arc::new(next(&before));
        let cpu = cpu_ms();
        let _ = app.handle(Msg::Reloaded(Ok(Arc::clone(&new))), Stamp(0));
        taken += cpu_ms() - cpu;
        let cpu = cpu_ms();
        drop(new.title_index());
        titles += cpu_ms() - cpu;
        let cpu = cpu_ms();
        drop(std::mem::replace(&mut before, new));
        dropped += cpu_ms() - cpu;
    }
    let n = f64::from(runs);
    println!(
        "app takes the corpus: {:.1} ms CPU; title index: {:.1} ms; old corpus dropped: {:.1} ms",
        taken / n,
        titles / n,
        dropped / n
    );
}
