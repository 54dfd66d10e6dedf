//! The same input gives the same output whatever the number of threads:
//! the parallel merge and the parallel sampler split work into fixed chunks.

use accord_core::analysis::zopa::Limits;
use accord_core::analysis::{analyze, Analysis, AnalyzeOptions};
use accord_core::testing::synth::{self, Shape};

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

#[test]
fn robust_runs_are_the_same_on_any_number_of_threads() {
    use accord_core::model::distribution::{Dist, Input, Target};
    use accord_core::robust::{robust, RobustOptions};
    let mut s = synth::scenario(
        &Shape {
            parties: 3,
            options: vec![4; 6],
            coarse: false,
            red_line_pct: 30,
            interaction_pct: 0,
            numeric_first: false,
            opposed: true,
        },
        3,
    );
    for p in 0..3 {
        s.uncertainty.set(Input {
            target: Target::Reservation(p),
            dist: Dist::Uniform { lo: 0.4, hi: 0.9 },
            factor: (p < 2).then(|| "f".to_string()),
            label: format!("p{p}.reservation"),
        });
    }
    s.uncertainty.set(Input {
        target: Target::Value(0, 1, 2),
        dist: Dist::Beta {
            a: 2.0,
            b: 3.0,
            lo: 0.0,
            hi: 1.0,
        },
        factor: None,
        label: "p0.values.i1.o2".into(),
    });
    let opts = RobustOptions {
        samples: 3000,
        seed: 9,
        candidates: vec![vec![0; 6], vec![1; 6]],
        nash_pool: 10,
        ratified: false,
        focus: None,
        // Conditioning drops samples; what is kept must not depend on threads.
        observations: vec![accord_core::model::Observation {
            party: 0,
            package: vec![1; 6],
            deal: None,
            response: accord_core::model::Response::Rejects,
            source: None,
            date: None,
        }],
    };
    let go = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
            .install(|| robust(&s, &opts, &accord_core::observe::Silent).unwrap())
    };
    let (a, b) = (go(1), go(3));
    assert_eq!(a.p_zopa, b.p_zopa);
    assert_eq!(a.deals, b.deals);
    assert_eq!(a.p_accept, b.p_accept);
    assert_eq!(a.p_party, b.p_party);
    assert_eq!(a.sensitivity, b.sensitivity);
    assert!(a.p_zopa > 0.0 && a.p_zopa < 1.0, "{}", a.p_zopa);
}
