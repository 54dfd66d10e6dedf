//! Every fast path against the plain enumerator on random small scenarios.

use accord_core::analysis::solutions::Concept;
use accord_core::analysis::{analyze, AnalysisError, AnalyzeOptions};
use accord_core::compile::Compiled;
use accord_core::model::*;
use accord_core::testing::brute;
use accord_core::testing::synth;
use accord_core::ModelError;
use num_bigint::BigUint;
use proptest::prelude::*;

/// A random small scenario: 2–5 parties, 1–5 issues of 1–4 options (the
/// first sometimes numeric), values often on a coarse grid (so that ties
/// happen), random red lines and interactions (single- and multi-issue).
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        2usize..=5,
        prop::collection::vec(1usize..=4, 1..=5),
        any::<u64>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(parties, options, seed, coarse, numeric_first)| {
            let mut s = synth::scenario(
                &synth::Shape {
                    parties,
                    options,
                    coarse,
                    red_line_pct: 40,
                    interaction_pct: 40,
                    numeric_first,
                    opposed: seed % 3 == 0,
                },
                seed,
            );
            // Half the scenarios have owners of issues ("Who must deliver").
            if seed % 2 == 0 {
                synth::add_owners(&mut s, seed);
            }
            s
        })
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-7)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn analysis_matches_enumeration(s in scenario()) {
        let a = match analyze(&s, &AnalyzeOptions::default()) {
            Ok(a) => a,
            Err(AnalysisError::Model(ModelError::OutOfScale { .. })) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        let all = brute::packages(&s);
        prop_assert_eq!(a.outcomes.clone(), BigUint::from(all.len()));

        // Compiled utilities equal the definition.
        let c = Compiled::new(&s).unwrap();
        for p in &all {
            for q in 0..s.parties.len() {
                prop_assert!((c.utility(q, p) - s.utility(q, p)).abs() < 1e-12);
            }
        }

        // ZOPA count and per-option counts.
        let z = brute::zopa(&s);
        prop_assert_eq!(a.zopa_count.clone(), BigUint::from(z.len()));
        for iz in &a.zopa_issues {
            for (o, n) in iz.option_counts.iter().enumerate() {
                let want = z.iter().filter(|p| p[iz.issue] == o).count();
                prop_assert_eq!(n.clone(), BigUint::from(want));
            }
        }

        // Frontier over all parties: same distinct vectors, counts, first packages.
        let parties: Vec<usize> = (0..s.parties.len()).collect();
        let front = brute::pareto(&s, &parties, &all);
        prop_assert_eq!(a.pareto_count.clone(), BigUint::from(front.len()));
        let vecs = brute::distinct_vectors(&s, &parties, &front);
        prop_assert_eq!(a.pareto.len(), vecs.len());
        for pt in &a.pareto {
            let v = brute::vector(&s, &parties, &pt.package);
            let members: Vec<&Package> = front.iter().filter(|p| close(&brute::vector(&s, &parties, p), &v)).collect();
            prop_assert!(!members.is_empty(), "frontier point not on the brute frontier");
            prop_assert_eq!(pt.count.clone(), BigUint::from(members.len()));
            prop_assert_eq!(&pt.package, *members.iter().min().unwrap());
            let zc = members.iter().filter(|p| s.in_zopa(p)).count();
            prop_assert_eq!(pt.zopa_count.clone(), Some(BigUint::from(zc)));
        }

        // Solutions.
        for (concept, sol) in &a.solutions {
            let want = brute::solution(&s, *concept);
            prop_assert_eq!(sol.as_ref().map(|x| x.package.clone()), want, "{:?}", concept);
        }
        if let Some((m, sol)) = &a.mediator {
            prop_assert_eq!(sol.as_ref().map(|x| x.package.clone()), brute::mediator_deal(&s, *m));
        }
    }
}

#[test]
fn nash_is_invariant_to_affine_rescaling() {
    // Two parties, one issue of three options; rescaling party 1's values
    // (and reservation) by 0.5 + 0.25 must not change the Nash package.
    let mk = |scale: f64, shift: f64| {
        let opt = |i: usize| OptionDef {
            id: format!("o{i}"),
            label: format!("o{i}"),
            description: None,
            position: None,
            value: None,
        };
        Scenario {
            name: "affine".into(),
            description: None,
            tolerance: DEFAULT_TOLERANCE,
            parties: vec![
                Party {
                    id: "a".into(),
                    name: "A".into(),
                    role: Role::Principal,
                    veto: true,
                    reservation: 0.1,
                    notes: None,
                    metadata: vec![],
                    pressure: None,
                    ratification: None,
                    imposed: 0.0,
                },
                Party {
                    id: "b".into(),
                    name: "B".into(),
                    role: Role::Principal,
                    veto: true,
                    reservation: 0.1 * scale + shift,
                    notes: None,
                    metadata: vec![],
                    pressure: None,
                    ratification: None,
                    imposed: 0.0,
                },
            ],
            issues: vec![Issue {
                id: "x".into(),
                name: "x".into(),
                description: None,
                kind: IssueKind::Discrete,
                options: (0..3).map(opt).collect(),
                cost: None,
                owner: None,
            }],
            preferences: vec![
                Preferences {
                    weights: vec![1.0],
                    values: vec![vec![1.0, 0.7, 0.2]],
                    red_lines: vec![],
                    interactions: vec![],
                    capped: false,
                },
                Preferences {
                    weights: vec![1.0],
                    values: vec![[0.1, 0.6, 1.0].iter().map(|v| v * scale + shift).collect()],
                    red_lines: vec![],
                    interactions: vec![],
                    capped: false,
                },
            ],
            deals: vec![],
            budget: None,
            cost_unit: None,
            uncertainty: Default::default(),
            observations: Vec::new(),
        }
    };
    let nash = |s: &Scenario| {
        let a = analyze(s, &AnalyzeOptions::default()).unwrap();
        a.solutions
            .iter()
            .find(|(k, _)| *k == Concept::Nash)
            .unwrap()
            .1
            .as_ref()
            .unwrap()
            .package
            .clone()
    };
    assert_eq!(nash(&mk(1.0, 0.0)), nash(&mk(0.5, 0.25)));
    assert_eq!(nash(&mk(1.0, 0.0)), vec![1]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The frontier over any subset of parties equals the enumerated one.
    #[test]
    fn frontier_over_a_subset_of_parties(s in scenario(), mask in 1u32..32) {
        let parties: Vec<usize> = (0..s.parties.len()).filter(|p| mask & (1 << p) != 0).collect();
        prop_assume!(!parties.is_empty());
        let opts = AnalyzeOptions { frontier_parties: Some(parties.clone()), max_listed_per_point: 1, ..AnalyzeOptions::default() };
        let a = match analyze(&s, &opts) {
            Ok(a) => a,
            Err(AnalysisError::Model(ModelError::OutOfScale { .. })) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        let all = brute::packages(&s);
        let front = brute::pareto(&s, &parties, &all);
        prop_assert_eq!(a.pareto_count.clone(), BigUint::from(front.len()));
        prop_assert_eq!(a.pareto.len(), brute::distinct_vectors(&s, &parties, &front).len());
        // Mutually non-dominated, and every package is dominated by or tied with a point.
        let vs: Vec<Vec<f64>> = a.pareto.iter().map(|p| brute::vector(&s, &parties, &p.package)).collect();
        for (i, v) in vs.iter().enumerate() {
            for (j, w) in vs.iter().enumerate() {
                prop_assert!(i == j || !accord_core::analysis::dominance::dominates(w, v, s.tolerance));
            }
        }
        for p in &all {
            let v = brute::vector(&s, &parties, p);
            prop_assert!(vs.iter().any(|w| accord_core::analysis::dominance::dominates(w, &v, s.tolerance) || close(w, &v)));
        }
    }

    /// Nash is invariant to a positive affine rescaling of one veto party's
    /// utility (values, and reservation value, mapped by x -> a·x + b).
    #[test]
    fn nash_is_invariant_to_positive_affine_rescaling(s in scenario(), a in 0.3f64..1.0, frac in 0.0f64..1.0) {
        let Ok(base) = analyze(&s, &AnalyzeOptions::default()) else { return Ok(()) };
        let Some(p) = s.veto_parties().first().copied() else { return Ok(()) };
        prop_assume!(s.preferences[p].interactions.is_empty());
        let b = (1.0 - a) * frac;
        let mut t = s.clone();
        for vals in &mut t.preferences[p].values {
            for v in vals.iter_mut() {
                *v = a * *v + b;
            }
        }
        t.parties[p].reservation = a * t.parties[p].reservation + b;
        let Ok(scaled) = analyze(&t, &AnalyzeOptions::default()) else { return Ok(()) };
        let nash = |x: &accord_core::analysis::Analysis| x.solutions[0].1.as_ref().map(|r| r.package.clone());
        let (n0, n1) = (nash(&base), nash(&scaled));
        prop_assert_eq!(n0.is_some(), n1.is_some());
        if let (Some(n0), Some(n1)) = (n0, n1) {
            // Ties may be broken differently (the tie rule sums raw utilities), so
            // compare the Nash products of the two choices in the base scenario.
            let r: Vec<f64> = s.veto_parties().iter().map(|&q| s.parties[q].reservation).collect();
            let prod = |pk: &[usize]| -> f64 {
                s.veto_parties().iter().zip(&r).map(|(&q, rq)| (s.utility(q, pk) - rq).max(0.0)).product()
            };
            prop_assert!((prod(&n0) - prod(&n1)).abs() < 1e-9);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// When the ZOPA is too large to count exactly, the estimate says so, and
    /// emptiness and which options occur inside stay exact.
    #[test]
    fn sampled_zopa_keeps_presence_exact(s in scenario(), seed in any::<u64>()) {
        let limits = accord_core::analysis::zopa::Limits { search_nodes: 0, half_size: 0, samples: 500, seed };
        let opts = AnalyzeOptions { zopa_limits: Some(limits), ..AnalyzeOptions::default() };
        let a = match analyze(&s, &opts) {
            Ok(a) => a,
            Err(AnalysisError::Model(ModelError::OutOfScale { .. })) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        // (An option excluded everywhere by red lines settles it exactly.)
        prop_assert!(!a.zopa_method.exact() || a.zopa_empty);
        let z = brute::zopa(&s);
        prop_assert_eq!(a.zopa_empty, z.is_empty());
        for iz in &a.zopa_issues {
            for o in 0..s.issues[iz.issue].options.len() {
                prop_assert_eq!(iz.present[o], z.iter().any(|p| p[iz.issue] == o));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The least total shift and the nearest acceptable deals, against the
    /// enumerator.
    #[test]
    fn leverage_and_repair_match_enumeration(s in scenario(), pick in any::<u64>()) {
        let Ok(c) = Compiled::new(&s) else { return Ok(()) };
        let veto = s.veto_parties();
        let all = brute::packages(&s);
        let free: Vec<&Package> = all
            .iter()
            .filter(|p| veto.iter().all(|&q| s.red_lines_crossed(q, p).is_empty()))
            .filter(|p| brute::owners_accept(&s, p, &[], false))
            .collect();
        let shift = |p: &Package| -> f64 {
            veto.iter().map(|&q| (s.parties[q].reservation - s.utility(q, p)).max(0.0)).sum()
        };
        match accord_core::leverage::min_total_shift(&c).unwrap() {
            None => prop_assert!(free.is_empty()),
            Some(sh) => {
                let want = free.iter().map(|p| shift(p)).fold(f64::INFINITY, f64::min);
                prop_assert!((sh.total - want).abs() < 1e-7, "{} vs {}", sh.total, want);
                prop_assert!((shift(&sh.package) - want).abs() < 1e-7);
            }
        }
        // Repair a random proposal.
        let proposal = all[(pick % all.len() as u64) as usize].clone();
        let judge = s.mediator();
        let r = accord_core::leverage::repair(&c, &proposal, judge, 5).unwrap();
        let zopa = brute::zopa(&s);
        let dist = |p: &Package| p.iter().zip(&proposal).filter(|(a, b)| a != b).count();
        let min = zopa.iter().map(dist).min();
        prop_assert_eq!(r.changes, min);
        if let Some(m) = min {
            let first = &r.deals[0];
            prop_assert!(s.in_zopa(&first.package));
            prop_assert_eq!(dist(&first.package), m);
            let score = |p: &Package| match judge {
                Some(j) => s.utility(j, p),
                None => veto.iter().map(|&q| s.utility(q, p)).sum(),
            };
            let best = zopa.iter().filter(|p| dist(p) == m).map(score).fold(f64::NEG_INFINITY, f64::max);
            prop_assert!((score(&first.package) - best).abs() < 1e-7);
            for d in &r.deals {
                prop_assert!(s.in_zopa(&d.package));
                prop_assert_eq!(d.changed.len(), m);
            }
        }
        // The same questions by branch and bound (as for a scenario the
        // merge refuses): the same answers.
        if !s.has_owners() {
            use accord_core::observe::Silent;
            let by = accord_core::leverage::repair_by_search(&s, &proposal, judge, 5, false, &Silent)
                .unwrap();
            // The same deals, up to the order of deals whose scores differ
            // only in rounding (each engine sums the utilities its own way).
            prop_assert_eq!(by.changes, r.changes);
            prop_assert_eq!(by.deals.len(), r.deals.len());
            let score = |p: &Package| match judge {
                Some(j) => s.utility(j, p),
                None => veto.iter().map(|&q| s.utility(q, p)).sum(),
            };
            for (x, y) in by.deals.iter().zip(&r.deals) {
                prop_assert!((score(&x.package) - score(&y.package)).abs() < 1e-9, "{:?} vs {:?}", by, r);
                prop_assert_eq!(x.changed.len(), y.changed.len());
            }
            let merged = accord_core::leverage::min_total_shift(&c).unwrap();
            let searched = accord_core::leverage::min_total_shift_by_search(&s, false, &Silent).unwrap();
            prop_assert_eq!(merged.is_none(), searched.is_none());
            if let (Some(a), Some(b)) = (merged, searched) {
                prop_assert!((a.total - b.total).abs() < 1e-9, "{} vs {}", a.total, b.total);
                prop_assert_eq!(a.package, b.package);
            }
            let a = accord_core::leverage::slack(&c).unwrap();
            let b = accord_core::leverage::slack_by_search(&s, false, &Silent).unwrap();
            prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                prop_assert_eq!(x.0, y.0);
                prop_assert!((x.1 - y.1).abs() < 1e-9, "{:?} vs {:?}", a, b);
            }
            // With ratification: the reservation values raised to the
            // thresholds, as `leverage --ratified` and `repair --ratified`.
            let mut raised = c.clone();
            raised.require_ratification();
            let a = accord_core::leverage::min_total_shift(&raised).unwrap();
            let b = accord_core::leverage::min_total_shift_by_search(&s, true, &Silent).unwrap();
            prop_assert_eq!(a.is_none(), b.is_none());
            if let (Some(a), Some(b)) = (a, b) {
                prop_assert!((a.total - b.total).abs() < 1e-9, "{} vs {}", a.total, b.total);
            }
            let a = accord_core::leverage::slack(&raised).unwrap();
            let b = accord_core::leverage::slack_by_search(&s, true, &Silent).unwrap();
            prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                prop_assert!((x.1 - y.1).abs() < 1e-9, "{:?} vs {:?}", a, b);
            }
            let a = accord_core::leverage::repair(&raised, &proposal, judge, 5).unwrap();
            let b = accord_core::leverage::repair_by_search(&s, &proposal, judge, 5, true, &Silent)
                .unwrap();
            prop_assert_eq!(a.changes, b.changes);
            prop_assert_eq!(a.deals.len(), b.deals.len());
            // No veto party: one point of no objectives, the same answers.
            let mut free = s.clone();
            for p in &mut free.parties {
                p.veto = false;
            }
            if let Ok(fc) = Compiled::new(&free) {
                let a = accord_core::leverage::min_total_shift(&fc).unwrap();
                let b = accord_core::leverage::min_total_shift_by_search(&free, false, &Silent).unwrap();
                prop_assert_eq!(a.map(|x| x.package), b.map(|x| x.package));
                prop_assert_eq!(
                    accord_core::leverage::slack(&fc).unwrap(),
                    accord_core::leverage::slack_by_search(&free, false, &Silent).unwrap()
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The mediator's levers (least-cost mix, `mediate`), with and without
    /// ratification thresholds, against the enumerator.
    #[test]
    fn mediation_matches_enumeration(
        s in scenario(),
        seed in any::<u64>(),
        split in any::<u64>(),
        ratified in any::<bool>(),
    ) {
        use accord_core::leverage::{least_cost, mediate, LeastCost, Query};
        let mut s = s;
        synth::add_mediation(&mut s, seed);
        let Ok(c) = Compiled::new(&s) else { return Ok(()) };
        match (least_cost(&c, ratified).unwrap(), brute::least_cost(&s, ratified)) {
            (LeastCost::Blocked, LeastCost::Blocked) => {}
            (LeastCost::Beyond(a), LeastCost::Beyond(b)) => {
                prop_assert!((a.total - b.total).abs() < 1e-7, "{} vs {}", a.total, b.total);
                prop_assert_eq!(a.package, b.package);
            }
            (
                LeastCost::Mix { mix: a, within_budget: wa },
                LeastCost::Mix { mix: b, within_budget: wb },
            ) => {
                prop_assert!((a.total_cost - b.total_cost).abs() < 1e-7, "{} vs {}", a.total_cost, b.total_cost);
                prop_assert_eq!(&a.package, &b.package);
                prop_assert_eq!(wa, wb);
                prop_assert!((a.incentive_cost - s.incentive_cost(&a.package)).abs() < 1e-9);
                if ratified {
                    for x in &a.pressure {
                        prop_assert!(s.ratifies_pressed(x.party, &a.package, x.amount) != Some(false));
                    }
                }
                for (x, y) in a.pressure.iter().zip(&b.pressure) {
                    prop_assert_eq!(x.party, y.party);
                    prop_assert!((x.amount - y.amount).abs() < 1e-7);
                    prop_assert!((x.cost - y.cost).abs() < 1e-7);
                }
            }
            (a, b) => prop_assert!(false, "fast {:?} vs brute {:?}", a, b),
        }
        if !s.has_owners() {
            // By branch and bound: the same mix.
            let merged = least_cost(&c, ratified).unwrap();
            let searched = accord_core::leverage::least_cost_by_search(&s, ratified, &accord_core::observe::Silent)
                .unwrap();
            match (&merged, &searched) {
                (LeastCost::Blocked, LeastCost::Blocked) => {}
                (LeastCost::Beyond(a), LeastCost::Beyond(b)) => {
                    prop_assert!((a.total - b.total).abs() < 1e-9);
                    prop_assert_eq!(&a.package, &b.package);
                }
                (LeastCost::Mix { mix: a, within_budget: wa }, LeastCost::Mix { mix: b, within_budget: wb }) => {
                    prop_assert_eq!(&a.package, &b.package);
                    prop_assert_eq!(wa, wb);
                    prop_assert!((a.total_cost - b.total_cost).abs() < 1e-9);
                }
                (a, b) => prop_assert!(false, "merge {:?} vs search {:?}", a, b),
            }
        }
        // A random split into satisfied and pressed parties.
        let n = s.parties.len();
        let mut satisfy = Vec::new();
        let mut press = Vec::new();
        for p in 0..n {
            match (split >> (2 * p)) & 3 {
                0 => satisfy.push(p),
                1 | 2 => press.push(p),
                _ => {}
            }
        }
        if press.is_empty() {
            press.push(n - 1);
            satisfy.retain(|&p| p != n - 1);
        }
        // Whose utility ranks first: none, the mediator, or a random party.
        let maximize = match (split >> 40) % 3 {
            0 => None,
            1 => s.mediator(),
            _ => Some(((split >> 44) as usize) % n),
        };
        let q = Query {
            satisfy,
            press,
            mediator: s.mediator(),
            maximize,
            curve: true,
            limit: 4,
            ratified,
        };
        // The price of one package (`mediate --deal`), by definition.
        let all = brute::packages(&s);
        let pick = &all[(seed % all.len() as u64) as usize];
        let priced = accord_core::leverage::price(&c, &q, pick);
        let named: Vec<usize> = q.satisfy.iter().chain(&q.press).copied().collect();
        let max = |x: usize| s.parties[x].pressure.map_or(0.0, |p| p.max);
        let rate = |x: usize| s.parties[x].pressure.map_or(0.0, |p| p.rate());
        let cost = s.incentive_cost(pick)
            + q.press.iter().map(|&x| brute::needed(&s, x, pick, ratified).unwrap_or(0.0) * rate(x)).sum::<f64>();
        let want = named.iter().all(|&x| s.red_lines_crossed(x, pick).is_empty())
            && brute::owners_accept(&s, pick, &named, ratified)
            && q.satisfy.iter().all(|&x| {
                s.utility(x, pick) >= s.parties[x].reservation - 1e-9
                    && (!ratified || s.ratifies(x, pick) != Some(false))
            })
            && q.press.iter().all(|&x| brute::needed(&s, x, pick, ratified).is_some_and(|a| a <= max(x) + 1e-7))
            && s.budget.is_none_or(|b| cost <= b + 1e-7);
        prop_assert_eq!(priced.feasible(), want, "{:?}", priced);
        // The cost is defined where every pressed party can be brought round.
        if q.press.iter().all(|&x| brute::needed(&s, x, pick, ratified).is_some()) {
            prop_assert!((priced.mix.total_cost - cost).abs() < 1e-7, "{:?} vs {}", priced, cost);
        }
        let fast = mediate(&c, &q);
        let slow = brute::mediate(&s, &q);
        // The same query by branch and bound (as for a scenario the merge
        // refuses): the same answer.
        if !s.has_owners() {
            use accord_core::leverage::{mediate_by_search, price_by_search};
            let by = price_by_search(&s, &q, pick).expect("no owners");
            prop_assert_eq!(by.feasible(), priced.feasible());
            prop_assert!((by.mix.total_cost - priced.mix.total_cost).abs() < 1e-9);
            let searched = mediate_by_search(&s, &q, &accord_core::observe::Silent);
            match (&fast, &searched) {
                (Ok(a), Ok(b)) => {
                    prop_assert!((a.least_pressure - b.least_pressure).abs() < 1e-9);
                    let same = |x: &[accord_core::leverage::Mix], y: &[accord_core::leverage::Mix]| {
                        x.len() == y.len()
                            && x.iter().zip(y).all(|(x, y)| {
                                x.package == y.package
                                    && (x.total_cost - y.total_cost).abs() < 1e-9
                                    && (x.total_pressure() - y.total_pressure()).abs() < 1e-9
                            })
                    };
                    prop_assert!(same(&a.deals, &b.deals), "merge {:?} vs search {:?}", a.deals, b.deals);
                    match (&a.curve, &b.curve) {
                        (Some(x), Some(y)) => prop_assert!(same(x, y), "curves {:?} vs {:?}", x, y),
                        (x, y) => prop_assert_eq!(x.is_none(), y.is_none()),
                    }
                }
                (Err(accord_core::leverage::NoDeal::OverBudget(x)), Err(accord_core::leverage::NoDeal::OverBudget(y))) => {
                    prop_assert!((x - y).abs() < 1e-9)
                }
                (a, b) => prop_assert_eq!(a, b),
            }
        }
        if let (Ok(m), Some(_)) = (&fast, q.curve_party()) {
            let curve = m.curve.as_ref().expect("a curve");
            let want = brute::curve(&s, &q).expect("deals exist");
            prop_assert_eq!(curve.len(), want.len(), "{:?} vs {:?}", curve, want);
            let k = q.curve_party().expect("a party");
            for (step, (x, u)) in curve.iter().zip(&want) {
                prop_assert!((step.total_pressure() - x).abs() < 1e-7, "{} vs {}", step.total_pressure(), x);
                prop_assert!((s.utility(k, &step.package) - u).abs() < 1e-7);
            }
        }
        match (&fast.map(|m| m.deals), &slow) {
            (Ok(deals), Ok(best)) => {
                prop_assert_eq!(&deals[0].package, best);
                let mut last = f64::NEG_INFINITY;
                for d in deals {
                    let p = &d.package;
                    for &x in q.satisfy.iter().chain(&q.press) {
                        prop_assert!(s.red_lines_crossed(x, p).is_empty());
                    }
                    for &x in &q.satisfy {
                        prop_assert!(s.utility(x, p) >= s.parties[x].reservation - 1e-9);
                    }
                    let named: Vec<usize> = q.satisfy.iter().chain(&q.press).copied().collect();
                    prop_assert!(brute::owners_accept(&s, p, &named, ratified));
                    if ratified {
                        for &x in &q.satisfy {
                            prop_assert!(s.ratifies(x, p) != Some(false));
                        }
                        for a in &d.pressure {
                            prop_assert!(s.ratifies_pressed(a.party, p, a.amount) != Some(false));
                        }
                    }
                    let mut total = s.incentive_cost(p);
                    for a in &d.pressure {
                        let pr = s.parties[a.party].pressure.map_or((0.0, 0.0), |x| (x.max, x.rate()));
                        let need = brute::needed(&s, a.party, p, ratified).unwrap_or(0.0);
                        prop_assert!((a.amount - need).abs() < 1e-7);
                        prop_assert!(a.amount <= pr.0 + 1e-7);
                        total += need * pr.1;
                    }
                    prop_assert!((d.total_cost - total).abs() < 1e-7);
                    if let Some(b) = s.budget {
                        prop_assert!(d.total_cost <= b + 1e-7);
                    }
                    // Best first: least pressure, or Q's utility with `maximize`.
                    let rank = match q.maximize {
                        Some(k) => -s.utility(k, p),
                        None => d.total_pressure(),
                    };
                    prop_assert!(rank >= last - 1e-7);
                    last = rank;
                }
            }
            (Err(a), Err(b)) => match (a, b) {
                (
                    accord_core::leverage::NoDeal::OverBudget(x),
                    accord_core::leverage::NoDeal::OverBudget(y),
                ) => prop_assert!((x - y).abs() < 1e-7),
                (a, b) => prop_assert_eq!(a, b),
            },
            (a, b) => prop_assert!(false, "fast {:?} vs brute {:?}", a, b),
        }
    }
}

/// Random distributions on a scenario's reservation values, values, weights
/// and bonuses.
fn add_uncertainty(s: &mut Scenario, seed: u64) {
    use accord_core::model::distribution::{Dist, Input, Target};
    let mut rng = accord_core::random::Lcg::new(seed ^ 0x5eed);
    let n = s.parties.len();
    for p in 0..n {
        let r = s.parties[p].reservation;
        let dist = match rng.below(4) {
            0 => Dist::Uniform {
                lo: (r - 0.2).max(0.0),
                hi: (r + 0.2).min(1.0),
            },
            1 => Dist::Triangular {
                lo: (r - 0.2).max(0.0),
                mode: r,
                hi: (r + 0.2).min(1.0),
            },
            2 => Dist::Normal {
                mean: r,
                sd: 0.1,
                lo: 0.0,
                hi: 1.0,
            },
            _ => Dist::Choice {
                values: vec![(r - 0.1).max(0.0), r, (r + 0.1).min(1.0)],
                probs: vec![0.25, 0.5, 0.25],
            },
        };
        s.uncertainty.set(Input {
            target: Target::Reservation(p),
            dist,
            factor: (rng.below(2) == 0).then(|| "shared".to_string()),
            label: format!("p{p}.reservation"),
        });
    }
    let i = rng.below(s.issues.len());
    let o = rng.below(s.issues[i].options.len());
    s.uncertainty.set(Input {
        target: Target::Value(0, i, o),
        dist: Dist::Beta {
            a: 2.0,
            b: 2.0,
            lo: 0.2,
            hi: 0.8,
        },
        factor: None,
        label: "value".into(),
    });
    s.uncertainty.set(Input {
        target: Target::NormWeight(1, i),
        dist: Dist::Uniform { lo: 0.0, hi: 0.9 },
        factor: None,
        label: "weight".into(),
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Each sample of `robust` decides the ZOPA and each deal's acceptance
    /// exactly: against the enumerator on the sampled scenario.
    #[test]
    fn samples_match_the_exact_analysis(s in scenario(), seed in any::<u64>(), k in 0u64..1000) {
        use accord_core::robust::{run_sample, sample};
        let mut s = s;
        add_uncertainty(&mut s, seed);
        let deals = vec![vec![0; s.issues.len()], brute::packages(&s).pop().unwrap()];
        let (r, u) = run_sample(&s, seed, k, &deals).unwrap();
        let (t, u2) = sample(&s, seed, k);
        prop_assert_eq!(&u, &u2);
        match Compiled::new(&t) {
            Err(_) => prop_assert!(!r.valid),
            Ok(_) => {
                prop_assert!(r.valid);
                prop_assert_eq!(r.zopa, !brute::zopa(&t).is_empty());
                if r.zopa {
                    let want = brute::solution(&t, Concept::Nash);
                    prop_assert_eq!(r.nash.as_ref(), want.as_ref());
                }
            }
        }
        prop_assert_eq!(r.accept.len(), deals.len());
        for (k, d) in deals.iter().enumerate() {
            let (all, per) = r.accept.deal(k);
            prop_assert_eq!(all, t.in_zopa(d));
            prop_assert_eq!(per.len(), t.parties.len());
            for (p, &a) in per.iter().enumerate() {
                prop_assert_eq!(a, t.acceptable(p, d));
            }
        }
        // Inputs with a shared factor use the same uniform number.
        let (names, of) = s.uncertainty.sources();
        prop_assert_eq!(u.len(), names.len());
        for (x, &src) in s.uncertainty.inputs.iter().zip(&of) {
            if x.factor.is_some() {
                prop_assert_eq!(names[src].as_str(), "@shared");
            }
        }
    }
}

/// P(ZOPA) against a value known exactly: one issue, two parties; the
/// buyer's reservation value uniform on [0.2, 1.0] and a zone exists iff it
/// is at most the best the buyer gets among the packages the seller accepts.
#[test]
fn p_zopa_is_a_length_ratio() {
    use accord_core::model::distribution::{Dist, Input, Target};
    use accord_core::robust::{robust, RobustOptions};
    let mut s = synth::scenario(
        &synth::Shape {
            parties: 2,
            options: vec![5],
            coarse: false,
            red_line_pct: 0,
            interaction_pct: 0,
            numeric_first: false,
            opposed: true,
        },
        4,
    );
    for p in &mut s.parties {
        p.veto = true;
        p.reservation = 0.3;
    }
    // The threshold: max u_0 over packages with u_1 ≥ r_1.
    let t = brute::packages(&s)
        .iter()
        .filter(|p| s.utility(1, p) >= 0.3 - 1e-9)
        .map(|p| s.utility(0, p))
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(t > 0.2 && t < 1.0, "{t}");
    s.uncertainty.set(Input {
        target: Target::Reservation(0),
        dist: Dist::Uniform { lo: 0.2, hi: 1.0 },
        factor: None,
        label: "p0.reservation".into(),
    });
    let n = 40_000;
    let r = robust(
        &s,
        &RobustOptions {
            samples: n,
            seed: 2,
            candidates: vec![],
            nash_pool: 0,
            ratified: false,
            focus: None,
            observations: vec![],
        },
        &accord_core::observe::Silent,
    )
    .unwrap();
    let want = (t - 0.2) / 0.8;
    let sd = (want * (1.0 - want) / n as f64).sqrt();
    assert!(
        (r.p_zopa - want).abs() < 4.0 * sd,
        "{} vs {want} (sd {sd})",
        r.p_zopa
    );
    // The only input explains all of the variance.
    assert_eq!(r.sensitivity.len(), 1);
    assert!(r.sensitivity[0].index > 0.6, "{:?}", r.sensitivity);
    // Lowest fifth of the reservation value: [0.2, 0.36); highest: [0.84, 1].
    if t > 0.36 {
        assert_eq!(r.sensitivity[0].low, 1.0);
    }
    if t < 0.84 {
        assert_eq!(r.sensitivity[0].high, 0.0);
    }
}

/// Sample means of each distribution converge to its mean; quantiles are monotone.
#[test]
fn distributions_have_the_stated_means() {
    use accord_core::model::distribution::Dist;
    use accord_core::robust::draws;
    let dists = [
        Dist::Uniform { lo: 0.2, hi: 0.6 },
        Dist::Triangular {
            lo: 0.1,
            mode: 0.2,
            hi: 0.9,
        },
        Dist::Normal {
            mean: 0.8,
            sd: 0.2,
            lo: 0.0,
            hi: 1.0,
        },
        Dist::Beta {
            a: 2.0,
            b: 5.0,
            lo: 0.0,
            hi: 10.0,
        },
        Dist::Choice {
            values: vec![1.0, 2.0, 4.0],
            probs: vec![0.5, 0.25, 0.25],
        },
    ];
    let n = 200_000;
    for d in &dists {
        let xs: Vec<f64> = (0..n).map(|k| d.quantile(draws(7, k, 1)[0])).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n as f64;
        assert!(
            (m - d.mean()).abs() < 5.0 * (var / n as f64).sqrt() + 1e-9,
            "{d:?}: {m} vs {}",
            d.mean()
        );
        let (lo, hi) = d.support();
        assert!(xs.iter().all(|x| *x >= lo - 1e-12 && *x <= hi + 1e-12));
        let mut prev = f64::NEG_INFINITY;
        for k in 1..100 {
            let q = d.quantile(k as f64 / 100.0);
            assert!(q >= prev - 1e-12);
            prev = q;
        }
    }
    // The truncated normal's mean is pulled below 0.8 by the cut at 1.
    assert!(dists[2].mean() < 0.8);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// An evaluation's contributions (weight × value per issue, plus the
    /// bonuses that apply) add up to the utility, and its ideal is the
    /// utility plus what the party gives up on each issue.
    #[test]
    fn contributions_add_up_to_the_utility(s in scenario(), pick in any::<u64>()) {
        let all = brute::packages(&s);
        let package = &all[(pick % all.len() as u64) as usize];
        let e = accord_core::analysis::evaluate::evaluate(&s, package);
        for v in &e.parties {
            prop_assert_eq!(v.contributions.len(), s.issues.len());
            let sum: f64 = v.contributions.iter().sum::<f64>() + v.interaction_total;
            prop_assert!((sum - v.utility).abs() < 1e-12, "{} vs {}", sum, v.utility);
            let bonuses: f64 = v.interactions.iter().map(|(_, b)| b).sum();
            prop_assert!((bonuses - v.interaction_total).abs() < 1e-15);
            let lost: f64 = v.costs.iter().map(|(_, c)| c).sum();
            let kept: f64 = v.contributions.iter().sum();
            // Losses below ε are left out of `costs`.
            prop_assert!((v.ideal - kept - lost).abs() <= s.issues.len() as f64 * s.tolerance + 1e-12);
        }
    }

    /// Removing an option leaves the scenario restricted to the packages
    /// without it: the same utilities and acceptance package by package, and
    /// the analysis of the restricted set of packages.
    #[test]
    fn removing_an_option_restricts_the_scenario(s in scenario(), pick in any::<(u64, u64)>()) {
        let issues: Vec<usize> = (0..s.issues.len()).filter(|&i| s.issues[i].options.len() > 1).collect();
        prop_assume!(!issues.is_empty());
        let i = issues[(pick.0 % issues.len() as u64) as usize];
        let o = (pick.1 % s.issues[i].options.len() as u64) as usize;
        // An owner's status quo cannot be switched off.
        prop_assume!(s.issues[i].owner.is_none_or(|w| w.status_quo != o));
        let mut t = s.clone();
        accord_core::model::edit::remove_options(&mut t, &[(i, o)]);
        prop_assert!(t.validate().is_ok());
        prop_assert_eq!(t.issues[i].options.len(), s.issues[i].options.len() - 1);
        // A package of t as a package of s.
        let lift = |q: &[usize]| -> Vec<usize> {
            q.iter().enumerate().map(|(k, &x)| if k == i && x >= o { x + 1 } else { x }).collect()
        };
        let small = brute::packages(&t);
        for q in &small {
            let p = lift(q);
            for x in 0..s.parties.len() {
                prop_assert!((t.utility(x, q) - s.utility(x, &p)).abs() < 1e-12);
                prop_assert_eq!(t.acceptable(x, q), s.acceptable(x, &p));
                prop_assert_eq!(t.red_lines_crossed(x, q).is_empty(), s.red_lines_crossed(x, &p).is_empty());
            }
        }
        let a = match analyze(&t, &AnalyzeOptions::default()) {
            Ok(a) => a,
            Err(AnalysisError::Model(ModelError::OutOfScale { .. })) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        let restricted: Vec<Package> = brute::packages(&s).into_iter().filter(|p| p[i] != o).collect();
        let zopa = restricted.iter().filter(|p| s.in_zopa(p)).count();
        prop_assert_eq!(a.zopa_count.clone(), BigUint::from(zopa));
        let parties: Vec<usize> = (0..s.parties.len()).collect();
        let front = brute::pareto(&s, &parties, &restricted);
        prop_assert_eq!(a.pareto_count.clone(), BigUint::from(front.len()));
        for pt in &a.pareto {
            prop_assert!(front.contains(&lift(&pt.package)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The reused forms of a sample give what fresh ones give: a scratch
    /// scenario refilled sample after sample equals the sample drawn on a
    /// clone, and a compiled form renumbered sample after sample decides
    /// each as a fresh compilation does (validity, ZOPA, Nash, acceptance).
    #[test]
    fn reused_samples_equal_fresh_ones(s in scenario(), seed in any::<u64>(), ks in prop::collection::vec(0u64..1000, 1..6)) {
        use accord_core::model::distribution::{Dist, Input, Target};
        use accord_core::robust::{decide, decide_on, lean, sample_into, sample_on};
        let mut s = s;
        add_uncertainty(&mut s, seed);
        // A raw weight too (normalised after sampling), and a bonus.
        let raw = s.preferences[0].weights.clone();
        s.uncertainty.raw_weights = vec![None; s.parties.len()];
        s.uncertainty.raw_weights[0] = Some(raw);
        s.uncertainty.set(Input {
            target: Target::Weight(0, 0),
            dist: Dist::Uniform { lo: 0.0, hi: 2.0 },
            factor: None,
            label: "raw weight".into(),
        });
        if let Some(it) = s.preferences[1].interactions.first() {
            let b = it.bonus;
            s.uncertainty.set(Input {
                target: Target::Bonus(1, 0),
                dist: Dist::Uniform { lo: b - 0.05, hi: b + 0.05 },
                factor: None,
                label: "bonus".into(),
            });
        }
        let base = lean(&s);
        let deals = vec![vec![0; s.issues.len()], brute::packages(&s).pop().unwrap()];
        let mut t = base.clone();
        let mut skeleton = Compiled::new(&base).ok();
        for &k in &ks {
            for ratified in [false, true] {
                let u = sample_into(&mut t, &base, &s.uncertainty, seed, k, ratified);
                let (fresh, u2) = sample_on(&base, &s.uncertainty, seed, k, ratified);
                prop_assert_eq!(&u, &u2);
                prop_assert_eq!(&t, &fresh);
                if let Some(c) = skeleton.as_mut() {
                    let a = decide_on(&t, &deals, c).unwrap();
                    let b = decide(&fresh, &deals).unwrap();
                    prop_assert_eq!(a, b);
                    if let Ok(new) = Compiled::new(&fresh) {
                        prop_assert_eq!(format!("{:?}", c), format!("{:?}", new));
                    }
                }
            }
        }
    }
}
