//! Loading benchmarks: the BBC corpus beside the repository, and 100,000
//! synthetic articles (about 420 MB) in each layout, generated once into
//! `bench-data/` (gitignored) and reused. `cargo bench --bench load`.
//! `cargo bench --bench load -- reload` times a refresh after one file of
//! the 100,000 text articles changed (`R`, and the watcher's, told the
//! path); `examples/reload.rs` gives their CPU time.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use byline::{Changes, Corpus, LoadOptions};
// The generator behind `byline-gen`, shared by path: it is no part of the
// library's API.
#[allow(dead_code)]
#[path = "../src/bin/byline-gen/synth.rs"]
mod synth;

use criterion::{BatchSize, Criterion, criterion_group};
use synth::Layout;

// The binary's allocator (see `src/main.rs`): with glibc's, freeing and
// allocating a corpus's small strings costs several times as much.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SYNTH_ARTICLES: u64 = 100_000;
const SYNTH_SEED: u64 = 1;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Times loads only: the corpus is dropped outside the measurement.
fn bench_load(c: &mut Criterion, name: &str, path: &Path) {
    let options = LoadOptions::default();
    let paths = [path.to_owned()];
    c.bench_function(name, |b| {
        b.iter_batched(
            || (),
            |()| Corpus::load(&paths, &options),
            BatchSize::PerIteration,
        )
    });
}

fn bbc(c: &mut Criterion) {
    let path = repo().join("../shared/corpus/bbc");
    if !path.is_dir() {
        println!("skipped load/bbc: {} is absent", path.display());
        return;
    }
    bench_load(c, "load/bbc", &path);
}

/// The synthetic corpus, generated unless a complete one is already there.
fn synthetic(layout: Layout, name: &str) -> std::io::Result<PathBuf> {
    let dir = repo()
        .join("bench-data")
        .join(format!("{name}-{SYNTH_ARTICLES}-seed{SYNTH_SEED}"));
    // Written last, so that an interrupted generation is redone.
    let done = dir.join(".complete");
    if !done.exists() {
        println!("generating {} (once)...", dir.display());
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        synth::write_corpus(&dir, layout, SYNTH_ARTICLES, SYNTH_SEED)?;
        fs::write(&done, b"")?;
    }
    Ok(dir)
}

fn synth_100k(c: &mut Criterion) {
    for (layout, name) in [(Layout::Text, "text"), (Layout::JsonLines, "jsonl")] {
        match synthetic(layout, name) {
            Ok(dir) => bench_load(c, &format!("load/synth-100k-{name}"), &dir),
            Err(err) => println!("skipped load/synth-100k-{name}: {err}"),
        }
    }
}

/// A refresh of the 100k text corpus after one file changed: its size
/// changes at every run, so it is always read again. `R` looks at every
/// file (`one-changed`); the watcher's refresh only at the path it names
/// (`one-named`).
fn reload_100k(c: &mut Criterion) {
    let dir = match synthetic(Layout::Text, "text") {
        Ok(dir) => dir,
        Err(err) => return println!("skipped reload/synth-100k-text: {err}"),
    };
    let options = LoadOptions::default();
    let corpus = match Corpus::load(&[dir], &options) {
        Ok(corpus) => corpus,
        Err(err) => return println!("skipped reload/synth-100k-text: {err}"),
    };
    let Some(file) = corpus.sources.files.get(corpus.sources.files.len() / 2) else {
        return println!("skipped reload/synth-100k-text: no files");
    };
    let (path, original) = (
        file.path().to_path_buf(),
        fs::read(file.path()).unwrap_or_default(),
    );
    let mut named = Changes::default();
    named.add(path.clone());
    let mut run = 0usize;
    let mut change = || {
        run += 1;
        let mut changed = original.clone();
        changed.extend(b" more".repeat(run % 7 + 1));
        let _ = fs::write(&path, &changed);
    };
    c.bench_function("reload/synth-100k-text-one-changed", |b| {
        b.iter_batched(
            &mut change,
            |()| corpus.refresh(&options),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("reload/synth-100k-text-one-named", |b| {
        b.iter_batched(
            &mut change,
            |()| corpus.refresh_changed(&named, &options),
            BatchSize::PerIteration,
        )
    });
    let _ = fs::write(&path, &original);
}

criterion_group! {
    name = bbc_group;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    targets = bbc
}

criterion_group! {
    name = synth_group;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        // Ten loads of about a second or two each, on a busy machine.
        .measurement_time(Duration::from_secs(20));
    targets = synth_100k
}

criterion_group! {
    name = reload_group;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = reload_100k
}

fn main() {
    // As the binary sets it up (see `byline::memory`), before any thread.
    byline::memory::give_back_at_once();
    bbc_group();
    synth_group();
    reload_group();
    Criterion::default().configure_from_args().final_summary();
}
