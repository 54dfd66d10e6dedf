//! The same input gives the same output whatever the number of threads:
//! the parallel merge and the parallel sampler split work into fixed chunks.

use accord_core::analysis::{analyze, Analysis, AnalyzeOptions};
use accord_core::synth::{self, Shape};
use accord_core::zopa::Limits;

fn run(threads: usize, opts: &AnalyzeOptions, s: &accord_core::Scenario) -> Analysis {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(|| analyze(s, opts).expect("a valid scenario"))
}

fn same(a: &Analysis, b: &Analysis) {
    assert_eq!(a.zopa_count, b.zopa_count);
    assert_eq!(a.zopa_method, b.zopa_method);
    assert_eq!(a.merge_sizes, b.merge_sizes);
    assert_eq!(a.pareto.len(), b.pareto.len());
    for (x, y) in a.pareto.iter().zip(&b.pareto) {
        assert_eq!(x.package, y.package);
        assert_eq!(x.count, y.count);
        assert_eq!(x.utilities, y.utilities);
    }
    for ((_, x), (_, y)) in a.solutions.iter().zip(&b.solutions) {
        assert_eq!(
            x.as_ref().map(|r| &r.package),
            y.as_ref().map(|r| &r.package)
        );
    }
}

#[test]
fn one_thread_and_several_give_the_same_analysis() {
    // Three parties (two opposed) over 12 issues of 10 options: merge steps
    // of more than 2^16 candidates (filtered in parallel chunks), and the ZOPA
    // sampled (in parallel chunks).
    let s = synth::scenario(
        &Shape {
            parties: 3,
            options: vec![10; 12],
            coarse: false,
            red_line_pct: 0,
            interaction_pct: 0,
            numeric_first: false,
            opposed: true,
        },
        11,
    );
    let opts = AnalyzeOptions {
        zopa_limits: Some(Limits {
            search_nodes: 0,
            half_size: 0,
            samples: 300_000,
            seed: 5,
        }),
        ..AnalyzeOptions::default()
    };
    let one = run(1, &opts, &s);
    assert!(!one.zopa_method.exact(), "the test needs the sampled path");
    assert!(
        one.merge_sizes.iter().any(|&n| n * 10 > 1 << 16),
        "the test needs the parallel merge: {:?}",
        one.merge_sizes
    );
    for threads in [2, 3] {
        same(&one, &run(threads, &opts, &s));
    }
}
