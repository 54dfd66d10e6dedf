//! The branch-and-bound analysis (compound issues too large to list)
//! against the plain enumerator and the merge, on random small scenarios.

use accord_core::analysis::{
    analyze, analyze_by_search, AnalysisError, AnalyzeOptions, SparseFrontier,
};
use accord_core::model::*;
use accord_core::observe::Silent;
use accord_core::testing::brute;
use accord_core::testing::synth;
use accord_core::ModelError;
use num_bigint::BigUint;
use proptest::prelude::*;

/// A random small scenario without owners: 2–4 parties, 2–6 issues of 1–4
/// options, coarse values often (ties), many red lines and interactions,
/// sometimes a mediator.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        2usize..=4,
        prop::collection::vec(1usize..=4, 2..=6),
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(|(parties, options, seed, coarse)| {
            let mut s = synth::scenario(
                &synth::Shape {
                    parties,
                    options,
                    coarse,
                    red_line_pct: 40,
                    interaction_pct: 60,
                    numeric_first: false,
                    opposed: seed % 3 == 0,
                },
                seed,
            );
            if seed % 4 == 1 {
                synth::add_mediation(&mut s, seed);
                for i in &mut s.issues {
                    i.owner = None;
                }
            }
            s
        })
}

/// Either frontier method of the search, each checked on its own.
fn method() -> impl Strategy<Value = SparseFrontier> {
    prop_oneof![Just(SparseFrontier::Stages), Just(SparseFrontier::Search)]
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-7)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn search_matches_enumeration(s in scenario(), listed in 1usize..=3, by in method()) {
        let opts = AnalyzeOptions { max_listed_per_point: listed, sparse_frontier: by, ..AnalyzeOptions::default() };
        let b = match analyze_by_search(&s, &opts, &Silent) {
            Ok(b) => b,
            Err(AnalysisError::Model(ModelError::OutOfScale { .. })) => {
                // The merge refuses it too.
                let merge_refuses = matches!(
                    analyze(&s, &opts),
                    Err(AnalysisError::Model(ModelError::OutOfScale { .. }))
                );
                prop_assert!(merge_refuses);
                return Ok(());
            }
            Err(e) => panic!("{e}"),
        };
        let a = analyze(&s, &opts).expect("the merge analyses what the search does");
        let all = brute::packages(&s);
        prop_assert_eq!(b.outcomes.clone(), BigUint::from(all.len()));

        // ZOPA: count, per-option counts and presence.
        let z = brute::zopa(&s);
        prop_assert!(b.zopa_method.exact());
        prop_assert_eq!(b.zopa_count.clone(), BigUint::from(z.len()));
        prop_assert_eq!(b.zopa_empty, z.is_empty());
        for iz in &b.zopa_issues {
            for (o, n) in iz.option_counts.iter().enumerate() {
                let want = z.iter().filter(|p| p[iz.issue] == o).count();
                prop_assert_eq!(n.clone(), BigUint::from(want));
                prop_assert_eq!(iz.present[o], want > 0);
            }
        }
        prop_assert_eq!(b.zopa_frontier_points, a.zopa_frontier_points);

        // Frontier: vectors, counts, first packages, ZOPA counts.
        let parties: Vec<usize> = (0..s.parties.len()).collect();
        let front = brute::pareto(&s, &parties, &all);
        prop_assert_eq!(b.pareto_count.clone(), BigUint::from(front.len()));
        prop_assert_eq!(b.pareto.len(), brute::distinct_vectors(&s, &parties, &front).len());
        for pt in &b.pareto {
            let v = brute::vector(&s, &parties, &pt.package);
            let mut members: Vec<&Package> = front.iter().filter(|p| close(&brute::vector(&s, &parties, p), &v)).collect();
            members.sort();
            prop_assert!(!members.is_empty(), "frontier point not on the brute frontier");
            prop_assert_eq!(pt.count.clone(), BigUint::from(members.len()));
            prop_assert_eq!(&pt.package, members[0]);
            let more: Vec<Package> = members.iter().skip(1).take(listed - 1).map(|p| (*p).clone()).collect();
            prop_assert_eq!(&pt.more_packages, &more);
            let zc = members.iter().filter(|p| s.in_zopa(p)).count();
            prop_assert_eq!(pt.zopa_count.clone(), Some(BigUint::from(zc)));
        }
        // The merge reports the same points (its further packages are any
        // of the tied ones, not the first).
        let pk = |x: &accord_core::analysis::Analysis| x.pareto.iter().map(|p| (p.package.clone(), p.count.clone(), p.zopa_count.clone())).collect::<Vec<_>>();
        prop_assert_eq!(pk(&a), pk(&b));

        // Solutions and the mediator's deal.
        for ((concept, sol), (_, merged)) in b.solutions.iter().zip(&a.solutions) {
            let want = brute::solution(&s, *concept);
            prop_assert_eq!(sol.as_ref().map(|x| x.package.clone()), want, "{:?}", concept);
            let (x, y) = (sol.as_ref().map(|x| x.value), merged.as_ref().map(|x| x.value));
            prop_assert_eq!(x.is_some(), y.is_some());
            prop_assert!((x.unwrap_or(0.0) - y.unwrap_or(0.0)).abs() < 1e-9, "{:?} {:?}", x, y);
        }
        if let Some((m, sol)) = &b.mediator {
            prop_assert_eq!(sol.as_ref().map(|x| x.package.clone()), brute::mediator_deal(&s, *m));
        }
        prop_assert_eq!(a.compound.clone(), b.compound.clone());
    }

    #[test]
    fn frontier_over_some_parties(s in scenario(), pick in any::<u64>(), by in method()) {
        let n = s.parties.len();
        let parties: Vec<usize> = (0..n).filter(|p| (pick >> p) & 1 == 1).collect();
        prop_assume!(!parties.is_empty());
        let opts = AnalyzeOptions { frontier_parties: Some(parties.clone()), ..AnalyzeOptions::default() };
        let Ok(b) = analyze_by_search(&s, &AnalyzeOptions { sparse_frontier: by, ..opts.clone() }, &Silent) else { return Ok(()) };
        let a = analyze(&s, &opts).expect("the merge analyses what the search does");
        let all = brute::packages(&s);
        let front = brute::pareto(&s, &parties, &all);
        prop_assert_eq!(b.pareto_count.clone(), BigUint::from(front.len()));
        let pts = |x: &accord_core::analysis::Analysis| x.pareto.iter().map(|p| (p.package.clone(), p.count.clone(), p.zopa_count.clone())).collect::<Vec<_>>();
        prop_assert_eq!(pts(&a), pts(&b));
    }
}

/// A scenario whose parties' utilities are capped at 1 (as Genius's
/// nonlinear profiles), with bonuses large enough that the cap binds.
fn capped_scenario() -> impl Strategy<Value = Scenario> {
    (scenario(), any::<u64>()).prop_map(|(mut s, pick)| {
        for (p, prefs) in s.preferences.iter_mut().enumerate() {
            if (pick >> p) & 1 == 1 {
                prefs.capped = true;
                for it in &mut prefs.interactions {
                    it.bonus = it.bonus.abs() * 3.0;
                }
                prefs.interactions.push(Interaction {
                    condition: Condition {
                        clauses: vec![(0, vec![0])],
                    },
                    bonus: 0.4,
                    reason: None,
                });
            }
        }
        s
    })
}

/// A larger scenario (up to 4^8 packages) for the search against the merge.
fn larger_scenario() -> impl Strategy<Value = Scenario> {
    (
        2usize..=3,
        prop::collection::vec(2usize..=4, 6..=8),
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(|(parties, options, seed, coarse)| {
            synth::scenario(
                &synth::Shape {
                    parties,
                    options,
                    coarse,
                    red_line_pct: 50,
                    interaction_pct: 90,
                    numeric_first: false,
                    opposed: seed % 2 == 0,
                },
                seed,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn capped_utilities_match_enumeration(s in capped_scenario(), by in method()) {
        let by = AnalyzeOptions { sparse_frontier: by, ..AnalyzeOptions::default() };
        let b = match analyze_by_search(&s, &by, &Silent) {
            Ok(b) => b,
            Err(AnalysisError::Model(ModelError::OutOfScale { .. })) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        // `analyze` takes a binding cap through the search too.
        let a = analyze(&s, &AnalyzeOptions::default()).expect("analyze takes a capped scenario");
        let all = brute::packages(&s);
        let z = brute::zopa(&s);
        prop_assert_eq!(b.zopa_count.clone(), BigUint::from(z.len()));
        prop_assert_eq!(a.zopa_count.clone(), BigUint::from(z.len()));
        let parties: Vec<usize> = (0..s.parties.len()).collect();
        let front = brute::pareto(&s, &parties, &all);
        prop_assert_eq!(b.pareto_count.clone(), BigUint::from(front.len()));
        for pt in &b.pareto {
            let v = brute::vector(&s, &parties, &pt.package);
            prop_assert!(v.iter().all(|u| *u <= 1.0));
            let members: Vec<&Package> = front.iter().filter(|p| close(&brute::vector(&s, &parties, p), &v)).collect();
            prop_assert_eq!(pt.count.clone(), BigUint::from(members.len()));
            prop_assert_eq!(&pt.package, *members.iter().min().unwrap());
        }
        for (concept, sol) in &b.solutions {
            prop_assert_eq!(sol.as_ref().map(|x| x.package.clone()), brute::solution(&s, *concept), "{:?}", concept);
        }
    }

    #[test]
    fn larger_scenarios_match_the_merge(s in larger_scenario(), by in method()) {
        let Ok(a) = analyze(&s, &AnalyzeOptions::default()) else { return Ok(()) };
        let by = AnalyzeOptions { sparse_frontier: by, ..AnalyzeOptions::default() };
        let b = analyze_by_search(&s, &by, &Silent).expect("the search analyses what the merge does");
        if a.zopa_method.exact() {
            prop_assert_eq!(&a.zopa_count, &b.zopa_count);
            for (x, y) in a.zopa_issues.iter().zip(&b.zopa_issues) {
                prop_assert_eq!(&x.option_counts, &y.option_counts);
                prop_assert_eq!(&x.present, &y.present);
            }
        }
        let pk = |x: &accord_core::analysis::Analysis| x.pareto.iter().map(|p| (p.package.clone(), p.count.clone(), p.zopa_count.clone())).collect::<Vec<_>>();
        prop_assert_eq!(pk(&a), pk(&b));
        prop_assert_eq!(a.zopa_frontier_points, b.zopa_frontier_points);
        for ((_, x), (_, y)) in a.solutions.iter().zip(&b.solutions) {
            prop_assert_eq!(x.as_ref().map(|x| x.package.clone()), y.as_ref().map(|y| y.package.clone()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Past its node limit the count is sampled; which options occur in the
    /// ZOPA stays exact (feasibility searches where no sample hit).
    #[test]
    fn sampled_count_keeps_presence_exact(s in scenario()) {
        let opts = AnalyzeOptions {
            zopa_limits: Some(accord_core::analysis::zopa::Limits {
                search_nodes: 1,
                samples: 50,
                ..Default::default()
            }),
            ..AnalyzeOptions::default()
        };
        let Ok(b) = analyze_by_search(&s, &opts, &Silent) else { return Ok(()) };
        let z = brute::zopa(&s);
        prop_assert_eq!(b.zopa_empty, z.is_empty());
        if b.zopa_method.exact() {
            prop_assert_eq!(b.zopa_count.clone(), BigUint::from(z.len()));
        }
        for iz in &b.zopa_issues {
            for o in 0..iz.present.len() {
                prop_assert_eq!(iz.present[o], z.iter().any(|p| p[iz.issue] == o), "issue {} option {}", iz.issue, o);
            }
        }
    }
}
