//! `byline-gen`: writes a synthetic corpus for benchmarks (see README,
//! "Benchmarks"). The same seed always writes the same bytes.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, ValueEnum};

// Not in the library: only this and the load benchmark (which includes
// the same file) write synthetic corpora.
#[path = "byline-gen/synth.rs"]
mod synth;

use synth::Layout;

#[derive(Debug, Parser)]
#[command(
    name = "byline-gen",
    version,
    about = "Write a deterministic synthetic news corpus for benchmarks"
)]
struct Args {
    /// How many articles to write
    #[arg(long, default_value_t = 1000)]
    articles: u64,
    /// text: OUT/<section>/NNNNN.txt; jsonl: OUT/articles.jsonl
    #[arg(long, value_enum, default_value_t = LayoutArg::Text)]
    layout: LayoutArg,
    /// Seed of the generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The directory to write into (created when missing)
    out: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutArg {
    Text,
    Jsonl,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let layout = match args.layout {
        LayoutArg::Text => Layout::Text,
        LayoutArg::Jsonl => Layout::JsonLines,
    };
    let started = Instant::now();
    let bytes = synth::write_corpus(&args.out, layout, args.articles, args.seed)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} articles ({:.1} MB) to {} in {:.1} s",
        args.articles,
        bytes as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
#[path = "byline-gen/synth_tests.rs"]
mod synth_tests;
