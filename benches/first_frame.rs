//! Whole-process measurements of the reader in a pseudo-terminal: time from
//! spawn to the first complete frame, and CPU used while idle.
//!
//! `cargo bench --bench first_frame` measures the BBC corpus (when
//! ../shared is there) and the bundled seed; `BYLINE_BENCH_CORPUS=DIR`
//! adds a corpus of your own (e.g. 100k generated articles).

#[path = "../tests/common/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

const RUNS: usize = 10;

/// Median time until the status bar, drawn last, shows `ready`.
fn first_frame(args: &[&str], ready: &str) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mut session = pty::Session::start(args, 200, 60, &[]);
            session.wait_for(ready);
            let elapsed = start.elapsed();
            session.keys("q");
            session.wait_exit();
            elapsed
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

/// CPU ticks (user + system) of a process, from /proc.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn idle_cpu(args: &[&str], ready: &str) -> Option<u64> {
    let mut session = pty::Session::start(args, 200, 60, &[]);
    session.wait_for(ready);
    let pid = session.child.process_id()?;
    let before = cpu_ticks(pid)?;
    std::thread::sleep(Duration::from_secs(10));
    let used = cpu_ticks(pid)? - before;
    session.keys("q");
    session.wait_exit();
    Some(used)
}

fn report(name: &str, args: &[&str], ready: &str) {
    let frame = first_frame(args, ready);
    println!(
        "{name}: first frame (median of {RUNS}) {:.1} ms",
        frame.as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter, if any, is ignored.
    report("seed", &[], "1/1 ·");
    let bbc = "../shared/corpus/bbc";
    if std::path::Path::new(bbc).is_dir() {
        report("bbc", &[bbc], "1/2127 ·");
        match idle_cpu(&[bbc], "1/2127 ·") {
            Some(ticks) => println!("bbc: CPU while idle for 10 s: {ticks} ticks (1 tick = 10 ms)"),
            None => println!("bbc: idle CPU not measured (no /proc)"),
        }
    } else {
        println!("skipped bbc: {bbc} is absent");
    }
    if let Ok(dir) = std::env::var("BYLINE_BENCH_CORPUS") {
        report(&dir, &[&dir], "1/");
    }
}
