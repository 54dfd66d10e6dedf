//! Micro-benchmarks of the non-dominance filter and the frontier merge.
//! Run with `cargo bench -p accord-core` (see bench/README.md).

use accord_core::analysis::dominance::nondominated;
use accord_core::analysis::frontier::{Frontier, FrontierSpec};
use accord_core::compile::Compiled;
use accord_core::random::Lcg;
use accord_core::testing::synth::{self, Shape};

fn main() {
    divan::main();
}

/// Candidate vectors near the simplex Σx = 1 (anti-correlated, so that
/// many are non-dominated, as in a real merge step).
fn simplex_points(n: usize, dims: usize, seed: u64) -> Vec<(Vec<f64>, (u32, u32))> {
    let mut rng = Lcg::new(seed);
    (0..n)
        .map(|i| {
            let e: Vec<f64> = (0..dims).map(|_| -(1.0 - rng.unit()).ln()).collect();
            let sum: f64 = e.iter().sum();
            let r = 1.0 - 0.05 * rng.unit();
            (e.iter().map(|x| r * x / sum).collect(), (i as u32, 0))
        })
        .collect()
}

/// The filter on 20,000 candidates.
#[divan::bench(args = [2, 3, 5])]
fn filter_20k(bencher: divan::Bencher, dims: usize) {
    let cands = simplex_points(20_000, dims, 7);
    bencher
        .with_inputs(|| cands.clone())
        .bench_values(|c| nondominated(c, 1e-9));
}

/// A whole merge: 10 issues of 6 options (6·10^7 packages), independent
/// random preferences.
#[divan::bench(args = [2, 3, 4])]
fn merge_10x6(bencher: divan::Bencher, parties: usize) {
    let s = synth::scenario(
        &Shape {
            parties,
            options: vec![6; 10],
            coarse: false,
            red_line_pct: 0,
            interaction_pct: 0,
            numeric_first: false,
            opposed: false,
        },
        3,
    );
    let c = Compiled::new(&s).expect("a valid synthetic scenario");
    let spec = FrontierSpec {
        parties: (0..parties).collect(),
        ..FrontierSpec::default()
    };
    bencher.bench(|| Frontier::compute(&c, &spec).unwrap());
}
