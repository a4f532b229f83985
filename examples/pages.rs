//! Scores byline's reading of saved web pages against readability.js's
//! test suite: `cargo run --release --example pages [-- PAGES_DIR]`
//! (default `../shared/pages`). Prints a line per page, then the title,
//! byline and F1 totals; see `benches/pages.sh`.

#[path = "pages/score.rs"]
mod score;

use std::path::PathBuf;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/pages"), PathBuf::from);
    let scores = score::score_all(&dir);
    println!("{:<48} {:>6}  title  byline", "page", "F1");
    for s in &scores {
        let byline = match (s.byline_expected, s.byline_found) {
            (true, true) => "found",
            (true, false) => "MISSED",
            (false, true) => "extra",
            (false, false) => "-",
        };
        let title = if s.title_equal { "ok" } else { "DIFF" };
        println!("{:<48} {:>6.3}  {title:<5}  {byline}", s.name, s.f1);
    }
    let f1s: Vec<f64> = scores.iter().map(|s| s.f1).collect();
    let titles = scores.iter().filter(|s| s.title_equal).count();
    let expected = scores.iter().filter(|s| s.byline_expected).count();
    let found = scores
        .iter()
        .filter(|s| s.byline_expected && s.byline_found)
        .count();
    println!(
        "\npages {}  median F1 {:.4}  mean F1 {:.4}  exact titles {titles}/{} ({:.0}%)  bylines found {found}/{expected}",
        scores.len(),
        score::median(&f1s),
        score::mean(&f1s),
        scores.len(),
        100.0 * titles as f64 / scores.len().max(1) as f64,
    );
}
