//! Every fast path against the plain enumerator on random small scenarios.

use accord_core::analysis::{analyze, AnalyzeOptions};
use accord_core::brute;
use accord_core::compile::Compiled;
use accord_core::model::*;
use accord_core::solutions::Concept;
use accord_core::ModelError;
use num_bigint::BigUint;
use proptest::prelude::*;

/// A random small scenario: 2–4 parties, 1–4 issues of 1–4 options, values
/// often on a coarse grid (so that ties happen), random red lines and
/// interactions (single- and multi-issue).
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        2usize..=4,
        prop::collection::vec(1usize..=4, 1..=4),
        any::<u64>(),
    )
        .prop_map(|(n_parties, sizes, seed)| {
            let mut rng = Lcg(seed | 1);
            let coarse = rng.next() % 2 == 0;
            let issues: Vec<Issue> = sizes
                .iter()
                .enumerate()
                .map(|(i, &n)| Issue {
                    id: format!("i{i}"),
                    name: format!("Issue {i}"),
                    description: None,
                    kind: IssueKind::Discrete,
                    options: (0..n)
                        .map(|o| OptionDef {
                            id: format!("o{o}"),
                            label: format!("o{o}"),
                            description: None,
                            position: None,
                            value: None,
                        })
                        .collect(),
                })
                .collect();
            let mut parties = Vec::new();
            let mut preferences = Vec::new();
            for p in 0..n_parties {
                let role = match rng.next() % 5 {
                    0 => Role::Mediator,
                    1 => Role::Guarantor,
                    _ => Role::Principal,
                };
                let role = if role == Role::Mediator
                    && parties.iter().any(|q: &Party| q.role == Role::Mediator)
                {
                    Role::Principal
                } else {
                    role
                };
                parties.push(Party {
                    id: format!("p{p}"),
                    name: format!("P{p}"),
                    role,
                    veto: role == Role::Principal || rng.next() % 3 == 0,
                    reservation: if coarse {
                        (rng.next() % 5) as f64 * 0.1 + 0.2
                    } else {
                        rng.unit() * 0.6
                    },
                    notes: None,
                    metadata: vec![],
                });
                let raw: Vec<f64> = issues
                    .iter()
                    .map(|_| {
                        if coarse {
                            (1 + rng.next() % 3) as f64
                        } else {
                            rng.unit() + 0.05
                        }
                    })
                    .collect();
                let sum: f64 = raw.iter().sum();
                let weights = raw.iter().map(|w| w / sum).collect();
                let values = issues
                    .iter()
                    .map(|i| {
                        i.options
                            .iter()
                            .map(|_| {
                                if coarse {
                                    0.2 + (rng.next() % 4) as f64 * 0.2
                                } else {
                                    0.2 + 0.6 * rng.unit()
                                }
                            })
                            .collect()
                    })
                    .collect();
                let mut red_lines = Vec::new();
                let mut interactions = Vec::new();
                let n_issues = issues.len();
                let cond = |rng: &mut Lcg| {
                    let a = (rng.next() as usize) % n_issues;
                    let mut clauses =
                        vec![(a, vec![(rng.next() as usize) % issues[a].options.len()])];
                    if n_issues > 1 && rng.next() % 2 == 0 {
                        let b = (a + 1 + (rng.next() as usize) % (n_issues - 1)) % n_issues;
                        clauses.push((b, vec![(rng.next() as usize) % issues[b].options.len()]));
                    }
                    Condition { clauses }
                };
                if rng.next() % 3 == 0 {
                    red_lines.push(RedLine {
                        condition: cond(&mut rng),
                        reason: None,
                    });
                }
                if rng.next() % 3 == 0 {
                    let bonus = if coarse { 0.1 } else { rng.unit() * 0.4 - 0.2 };
                    interactions.push(Interaction {
                        condition: cond(&mut rng),
                        bonus,
                        reason: None,
                    });
                }
                preferences.push(Preferences {
                    weights,
                    values,
                    red_lines,
                    interactions,
                });
            }
            Scenario {
                name: "random".into(),
                description: None,
                tolerance: DEFAULT_TOLERANCE,
                parties,
                issues,
                preferences,
                deals: vec![],
            }
        })
}

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn unit(&mut self) -> f64 {
        (self.next() % 1_000_000) as f64 / 1_000_000.0
    }
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-7)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn analysis_matches_enumeration(s in scenario()) {
        let a = match analyze(&s, &AnalyzeOptions::default()) {
            Ok(a) => a,
            Err(ModelError::OutOfScale { .. }) => return Ok(()),
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
                },
                Party {
                    id: "b".into(),
                    name: "B".into(),
                    role: Role::Principal,
                    veto: true,
                    reservation: 0.1 * scale + shift,
                    notes: None,
                    metadata: vec![],
                },
            ],
            issues: vec![Issue {
                id: "x".into(),
                name: "x".into(),
                description: None,
                kind: IssueKind::Discrete,
                options: (0..3).map(opt).collect(),
            }],
            preferences: vec![
                Preferences {
                    weights: vec![1.0],
                    values: vec![vec![1.0, 0.7, 0.2]],
                    red_lines: vec![],
                    interactions: vec![],
                },
                Preferences {
                    weights: vec![1.0],
                    values: vec![[0.1, 0.6, 1.0].iter().map(|v| v * scale + shift).collect()],
                    red_lines: vec![],
                    interactions: vec![],
                },
            ],
            deals: vec![],
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
