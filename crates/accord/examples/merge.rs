//! Times the exact frontier merge alone (no ZOPA, no package counts) on a
//! scenario file, for `bench/python/merge_baseline.py`.
//!
//! usage: cargo run --release -p accord --example merge -- FILE [REPEAT]
//!
//! Prints one JSON line: the fastest and median seconds over REPEAT runs
//! (default 7), the frontier's points and the merge steps.

use std::path::Path;
use std::time::Instant;

use accord_core::analysis::frontier::{Frontier, FrontierSpec};
use accord_core::compile::Compiled;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: merge FILE [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(7);
    let s = accord_io::scenario::load_scenario(Path::new(file)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let c = Compiled::new(&s).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let spec = FrontierSpec {
        parties: (0..s.parties.len()).collect(),
        ..FrontierSpec::default()
    };
    let mut times = Vec::new();
    let mut points = 0;
    let mut steps = 0;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let f = Frontier::compute(&c, &spec).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2);
        });
        times.push(t.elapsed().as_secs_f64());
        points = f.points().len();
        steps = f.order.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"min\": {}, \"median\": {}, \"points\": {points}, \"steps\": {steps}}}",
        times[0],
        times[times.len() / 2]
    );
}
