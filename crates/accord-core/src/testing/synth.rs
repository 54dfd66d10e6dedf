//! Synthetic scenarios for tests and benchmarks, from a seed.
//!
//! Deterministic: the same [`Shape`] and seed always give the same scenario.

use crate::model::{
    Condition, Interaction, Issue, IssueKind, OptionDef, Party, Preferences, Pressure, RedLine,
    Role, Scenario, DEFAULT_TOLERANCE,
};
use crate::random::Lcg;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Number of parties.
    pub parties: usize,
    /// Options per issue.
    pub options: Vec<usize>,
    /// Values on a coarse grid (many ties) instead of fine random values.
    pub coarse: bool,
    /// Probability (in percent) that a party has a red line.
    pub red_line_pct: usize,
    /// Probability (in percent) that a party has an interaction.
    pub interaction_pct: usize,
    /// Make the first issue an integer issue (its options become a numeric grid).
    pub numeric_first: bool,
    /// Party 1 ranks every issue's options in the reverse of party 0's order
    /// (what one wants, the other dislikes), as in most real negotiations.
    pub opposed: bool,
}

/// A random scenario of the given shape. Values lie in [0.2, 0.8] and
/// interaction bonuses in [−0.2, 0.2], so every utility stays within \[0,1\].
pub fn scenario(shape: &Shape, seed: u64) -> Scenario {
    let mut rng = Lcg::new(seed);
    let coarse = shape.coarse;
    let issues: Vec<Issue> = shape
        .options
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let numeric = i == 0 && shape.numeric_first;
            Issue {
                id: format!("i{i}"),
                name: format!("Issue {i}"),
                description: None,
                kind: if numeric {
                    IssueKind::Integer {
                        min: 0,
                        max: (n as i64 - 1) * 10,
                        step: 10,
                        unit: None,
                    }
                } else {
                    IssueKind::Discrete
                },
                options: (0..n)
                    .map(|o| OptionDef {
                        id: if numeric {
                            format!("{}", o * 10)
                        } else {
                            format!("o{o}")
                        },
                        label: format!("o{o}"),
                        description: None,
                        position: None,
                        value: numeric.then_some((o * 10) as f64),
                    })
                    .collect(),
                cost: None,
                owner: None,
            }
        })
        .collect();
    let mut parties: Vec<Party> = Vec::new();
    let mut preferences: Vec<Preferences> = Vec::new();
    let n_issues = issues.len();
    for p in 0..shape.parties {
        let mut role = match rng.below(5) {
            0 => Role::Mediator,
            1 => Role::Guarantor,
            _ => Role::Principal,
        };
        if role == Role::Mediator && parties.iter().any(|q| q.role == Role::Mediator) {
            role = Role::Principal;
        }
        let veto = role == Role::Principal || rng.below(3) == 0;
        let reservation = if coarse {
            rng.below(5) as f64 * 0.1 + 0.2
        } else {
            rng.unit() * 0.6
        };
        parties.push(Party {
            id: format!("p{p}"),
            name: format!("P{p}"),
            role,
            veto,
            reservation,
            notes: None,
            metadata: vec![],
            pressure: None,
            ratification: None,
            imposed: 0.0,
        });
        let raw: Vec<f64> = (0..n_issues)
            .map(|_| {
                if coarse {
                    (1 + rng.below(3)) as f64
                } else {
                    rng.unit() + 0.05
                }
            })
            .collect();
        let sum: f64 = raw.iter().sum();
        let weights = raw.iter().map(|w| w / sum).collect();
        let mut values: Vec<Vec<f64>> = issues
            .iter()
            .map(|i| {
                i.options
                    .iter()
                    .map(|_| {
                        if coarse {
                            0.2 + rng.below(4) as f64 * 0.2
                        } else {
                            0.2 + 0.6 * rng.unit()
                        }
                    })
                    .collect()
            })
            .collect();
        if shape.opposed && p == 1 {
            // Same values, dealt out in the reverse of party 0's ranking.
            for (i, vals) in values.iter_mut().enumerate() {
                let base = &preferences[0].values[i];
                let mut order: Vec<usize> = (0..vals.len()).collect();
                order.sort_by(|&a, &b| base[a].total_cmp(&base[b]));
                let mut sorted = vals.clone();
                sorted.sort_by(|a, b| b.total_cmp(a));
                for (rank, &o) in order.iter().enumerate() {
                    vals[o] = sorted[rank];
                }
            }
        }
        let cond = |rng: &mut Lcg| {
            let a = rng.below(n_issues);
            let mut clauses = vec![(a, vec![rng.below(issues[a].options.len())])];
            if n_issues > 1 && rng.below(2) == 0 {
                let b = (a + 1 + rng.below(n_issues - 1)) % n_issues;
                clauses.push((b, vec![rng.below(issues[b].options.len())]));
                clauses.sort();
            }
            Condition { clauses }
        };
        let mut red_lines = Vec::new();
        if rng.below(100) < shape.red_line_pct {
            red_lines.push(RedLine {
                condition: cond(&mut rng),
                reason: None,
            });
        }
        let mut interactions = Vec::new();
        if rng.below(100) < shape.interaction_pct {
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
            capped: false,
        });
    }
    Scenario {
        name: format!("synthetic-{seed}"),
        description: None,
        tolerance: DEFAULT_TOLERANCE,
        parties,
        issues,
        preferences,
        deals: vec![],
        budget: None,
        cost_unit: None,
        uncertainty: Default::default(),
        observations: Vec::new(),
    }
}

/// Adds random mediation data to a scenario: incentive costs on some issues,
/// pressure on some parties, ratification thresholds and sometimes a budget.
/// Uses its own generator, so the rest of the scenario is unchanged.
pub fn add_mediation(s: &mut Scenario, seed: u64) {
    let mut rng = Lcg::new(seed ^ 0x9e37_79b9_7f4a_7c15);
    for issue in &mut s.issues {
        if rng.below(2) == 0 {
            issue.cost = Some(
                issue
                    .options
                    .iter()
                    .map(|_| rng.below(4) as f64 * 0.5)
                    .collect(),
            );
        }
    }
    for p in &mut s.parties {
        if rng.below(3) > 0 {
            p.pressure = Some(Pressure {
                max: rng.below(5) as f64 * 0.05,
                cost: rng.below(4) as f64,
            });
        }
        if rng.below(2) == 0 {
            p.ratification = Some((p.reservation + rng.unit() * 0.3).min(1.0));
        }
    }
    if rng.below(2) == 0 {
        s.budget = Some(rng.below(6) as f64 * 0.5);
    }
    // Imposed shares from a stream of their own, so the draws above stay
    // those of earlier versions.
    let mut imposed = Lcg::new(seed ^ 0x5851_f42d_4c95_7f2d);
    for p in &mut s.parties {
        if p.ratification.is_some() && imposed.below(2) == 0 {
            p.imposed = imposed.below(5) as f64 * 0.25;
        }
    }
}

/// Gives some issues an owner (any party, more often one without a veto)
/// and a random status quo ("Who must deliver"). Uses its own generator, so
/// the rest of the scenario is unchanged.
pub fn add_owners(s: &mut Scenario, seed: u64) {
    let mut rng = Lcg::new(seed ^ 0x0a7e_5eed_d00d_f00d);
    let free: Vec<usize> = (0..s.parties.len())
        .filter(|&p| !s.parties[p].veto)
        .collect();
    let n = s.parties.len();
    for issue in &mut s.issues {
        if rng.below(2) == 0 {
            let party = if !free.is_empty() && rng.below(4) > 0 {
                free[rng.below(free.len())]
            } else {
                rng.below(n)
            };
            issue.owner = Some(crate::model::Owner {
                party,
                status_quo: rng.below(issue.options.len()),
            });
        }
    }
}
