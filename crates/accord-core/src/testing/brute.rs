//! The plain enumerator: every definition applied to every package.
//!
//! Slow on purpose and independent of the compiled form; the property tests
//! compare every fast path against it.

use crate::analysis::dominance::{dominates, tied};
use crate::analysis::solutions::{objective, Concept};
use crate::leverage::{lex_best, Applied, LeastCost, Mix, NoDeal, Query, Shift};
use crate::model::{Package, Scenario};

/// Every package, in lexicographic order.
pub fn packages(s: &Scenario) -> Vec<Package> {
    let radices: Vec<usize> = s.issues.iter().map(|i| i.options.len()).collect();
    let mut out = Vec::new();
    let mut cur = vec![0usize; radices.len()];
    loop {
        out.push(cur.clone());
        let mut k = radices.len();
        loop {
            if k == 0 {
                return out;
            }
            k -= 1;
            cur[k] += 1;
            if cur[k] < radices[k] {
                break;
            }
            cur[k] = 0;
        }
    }
}

/// The ZOPA, listed.
pub fn zopa(s: &Scenario) -> Vec<Package> {
    packages(s).into_iter().filter(|p| s.in_zopa(p)).collect()
}

/// Utility vector of a package for the given parties.
pub fn vector(s: &Scenario, parties: &[usize], p: &[usize]) -> Vec<f64> {
    parties.iter().map(|&q| s.utility(q, p)).collect()
}

/// The packages of `set` not dominated by any other package of `set`, over `parties`.
pub fn pareto(s: &Scenario, parties: &[usize], set: &[Package]) -> Vec<Package> {
    let vs: Vec<Vec<f64>> = set.iter().map(|p| vector(s, parties, p)).collect();
    (0..set.len())
        .filter(|&i| !(0..set.len()).any(|j| dominates(&vs[j], &vs[i], s.tolerance)))
        .map(|i| set[i].clone())
        .collect()
}

/// Groups packages into distinct utility vectors (ties within ε).
pub fn distinct_vectors(s: &Scenario, parties: &[usize], set: &[Package]) -> Vec<Vec<f64>> {
    let mut out: Vec<Vec<f64>> = Vec::new();
    for p in set {
        let v = vector(s, parties, p);
        if !out.iter().any(|w| tied(w, &v, s.tolerance)) {
            out.push(v);
        }
    }
    out
}

/// A solution by definition: maximise the objective over the ZOPA; ties by
/// the larger sum of veto utilities, then the lexicographically first package.
pub fn solution(s: &Scenario, concept: Concept) -> Option<Package> {
    let veto = s.veto_parties();
    if veto.is_empty() {
        return None;
    }
    let z = zopa(s);
    if z.is_empty() {
        return None;
    }
    let r: Vec<f64> = veto.iter().map(|&p| s.parties[p].reservation).collect();
    let ideal: Vec<f64> = veto
        .iter()
        .map(|&p| {
            z.iter()
                .map(|pk| s.utility(p, pk))
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    let score = |pk: &Package| objective(concept, &vector(s, &veto, pk), &r, &ideal, s.tolerance);
    best_by(s, &z, score, |pk| vector(s, &veto, pk).iter().sum())
}

/// The mediator's preferred ZOPA package, by definition.
pub fn mediator_deal(s: &Scenario, m: usize) -> Option<Package> {
    let veto = s.veto_parties();
    if veto.is_empty() {
        return None;
    }
    let z: Vec<Package> = zopa(s)
        .into_iter()
        .filter(|p| s.red_lines_crossed(m, p).is_empty())
        .collect();
    best_by(
        s,
        &z,
        |p| s.utility(m, p),
        |p| veto.iter().map(|&q| s.utility(q, p)).sum(),
    )
}

fn best_by(
    s: &Scenario,
    set: &[Package],
    score: impl Fn(&Package) -> f64,
    tie: impl Fn(&Package) -> f64,
) -> Option<Package> {
    let eps = s.tolerance;
    let scores: Vec<f64> = set.iter().map(&score).collect();
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let cands: Vec<usize> = (0..set.len())
        .filter(|&i| scores[i] >= best - eps)
        .collect();
    let ties: Vec<f64> = cands.iter().map(|&i| tie(&set[i])).collect();
    let bt = ties.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    cands
        .iter()
        .zip(&ties)
        .filter(|(_, t)| **t >= bt - eps)
        .map(|(&i, _)| set[i].clone())
        .min()
}

/// The mediator's cheapest way to open a zone of agreement, by definition
/// (see [`crate::leverage::least_cost`]); with `ratified`, every veto party
/// must also ratify (pressure lowering its threshold by its imposed share).
pub fn least_cost(s: &Scenario, ratified: bool) -> LeastCost {
    let eps = s.tolerance;
    let veto = s.veto_parties();
    let max = |p: usize| s.parties[p].pressure.map_or(0.0, |x| x.max);
    // The least utility within reach of full pressure: u ≥ r − m and, with
    // `ratified`, u ≥ t − X·m.
    let floor = |q: usize| {
        let party = &s.parties[q];
        let t = match (ratified, party.ratification) {
            (true, Some(t)) => t - party.imposed * max(q),
            _ => f64::NEG_INFINITY,
        };
        (party.reservation - max(q)).max(t)
    };
    let rate = |p: usize| s.parties[p].pressure.map_or(0.0, |x| x.rate());
    let free: Vec<Package> = packages(s)
        .into_iter()
        .filter(|p| veto.iter().all(|&q| s.red_lines_crossed(q, p).is_empty()))
        .filter(|p| owners_accept(s, p, &[], ratified))
        .collect();
    if free.is_empty() {
        return LeastCost::Blocked;
    }
    let reach: Vec<usize> = (0..free.len())
        .filter(|&i| {
            veto.iter()
                .all(|&q| s.utility(q, &free[i]) >= floor(q) - eps)
        })
        .collect();
    let sum = |p: &Package| veto.iter().map(|&q| s.utility(q, p)).sum::<f64>();
    if reach.is_empty() {
        let gap = |p: &Package| -> Vec<(usize, f64)> {
            veto.iter()
                .map(|&q| (q, (floor(q) - s.utility(q, p)).max(0.0)))
                .collect()
        };
        let keys: Vec<Vec<f64>> = free
            .iter()
            .map(|p| vec![-gap(p).iter().map(|x| x.1).sum::<f64>(), sum(p)])
            .collect();
        let all: Vec<usize> = (0..free.len()).collect();
        let i = *lex_best(&keys, &all, eps)
            .iter()
            .min_by(|&&a, &&b| free[a].cmp(&free[b]))
            .expect("candidates");
        return LeastCost::Beyond(Shift {
            total: -keys[i][0],
            per_party: gap(&free[i]),
            package: free[i].clone(),
        });
    }
    let pressure = |p: &Package| -> Vec<Applied> {
        veto.iter()
            .map(|&q| {
                let amount = needed(s, q, p, ratified).unwrap_or(0.0);
                Applied {
                    party: q,
                    amount,
                    cost: amount * rate(q),
                }
            })
            .collect()
    };
    let total = |p: &Package| s.incentive_cost(p) + pressure(p).iter().map(|a| a.cost).sum::<f64>();
    let keys: Vec<Vec<f64>> = free.iter().map(|p| vec![-total(p), sum(p)]).collect();
    let i = *lex_best(&keys, &reach, eps)
        .iter()
        .min_by(|&&a, &&b| free[a].cmp(&free[b]))
        .expect("candidates");
    let p = &free[i];
    LeastCost::Mix {
        within_budget: s.budget.is_none_or(|b| total(p) <= b + eps),
        mix: Mix {
            package: p.clone(),
            pressure: pressure(p),
            incentive_cost: s.incentive_cost(p),
            total_cost: total(p),
        },
    }
}

/// Whether every owner without a veto whose issues package `p` moves, other
/// than the parties in `named`, accepts it: none of its red lines crossed,
/// its utility at least its reservation value and, with `ratified`, its
/// ratification threshold (within ε).
pub fn owners_accept(s: &Scenario, p: &Package, named: &[usize], ratified: bool) -> bool {
    s.owners_needed(p)
        .into_iter()
        .filter(|o| !named.contains(o))
        .all(|o| {
            s.acceptable(o, p)
                && (!ratified
                    || s.parties[o]
                        .ratification
                        .is_none_or(|t| s.utility(o, p) >= t - s.tolerance))
        })
}

/// The least pressure that makes party `x` accept package `p` and, with
/// `ratified`, ratify it, by definition: the least a ≥ 0 with u ≥ r − a and
/// u ≥ t − X·a (`None` when no a does).
pub fn needed(s: &Scenario, x: usize, p: &Package, ratified: bool) -> Option<f64> {
    let party = &s.parties[x];
    let u = s.utility(x, p);
    let mut a = (party.reservation - u).max(0.0);
    if let (true, Some(t)) = (ratified, party.ratification) {
        if u < t {
            if party.imposed > 0.0 {
                a = a.max((t - u) / party.imposed);
            } else if u < t - s.tolerance {
                return None;
            }
        }
    }
    Some(a)
}

/// The deals of a `mediate` query in the query's order, by definition (see
/// [`crate::leverage::mediate`]), each with its total pressure, total cost
/// and key: every package within reach and the budget, sorted.
fn mediate_ranked(
    s: &Scenario,
    q: &Query,
    first: Option<usize>,
) -> Result<Vec<(Package, Vec<f64>)>, NoDeal> {
    let eps = s.tolerance;
    let max = |p: usize| s.parties[p].pressure.map_or(0.0, |x| x.max);
    let rate = |p: usize| s.parties[p].pressure.map_or(0.0, |x| x.rate());
    let named: Vec<usize> = q.satisfy.iter().chain(&q.press).copied().collect();
    let ratifies = |x: usize, p: &Package| !q.ratified || s.ratifies(x, p) != Some(false);
    // Within reach: the least pressure needed is at most the stick, i.e.
    // u ≥ max(r − m, t − X·m) (t only with `ratified`), within ε.
    let floor = |x: usize| {
        let party = &s.parties[x];
        let t = match (q.ratified, party.ratification) {
            (true, Some(t)) => t - party.imposed * max(x),
            _ => f64::NEG_INFINITY,
        };
        (party.reservation - max(x)).max(t)
    };
    let reach: Vec<Package> = packages(s)
        .into_iter()
        .filter(|p| named.iter().all(|&x| s.red_lines_crossed(x, p).is_empty()))
        .filter(|p| owners_accept(s, p, &named, q.ratified))
        .filter(|p| q.satisfy.iter().all(|&x| ratifies(x, p)))
        .filter(|p| {
            q.satisfy
                .iter()
                .all(|&x| s.utility(x, p) >= s.parties[x].reservation - eps)
                && q.press.iter().all(|&x| s.utility(x, p) >= floor(x) - eps)
        })
        .collect();
    if reach.is_empty() {
        return Err(NoDeal::OutOfReach);
    }
    let amount = |x: usize, p: &Package| needed(s, x, p, q.ratified).unwrap_or(0.0);
    let total = |p: &Package| {
        s.incentive_cost(p) + q.press.iter().map(|&x| amount(x, p) * rate(x)).sum::<f64>()
    };
    let ok: Vec<usize> = (0..reach.len())
        .filter(|&i| s.budget.is_none_or(|b| total(&reach[i]) <= b + eps))
        .collect();
    if ok.is_empty() {
        return Err(NoDeal::OverBudget(
            reach.iter().map(total).fold(f64::INFINITY, f64::min),
        ));
    }
    let keys: Vec<Vec<f64>> = reach
        .iter()
        .map(|p| {
            let pressure = -q.press.iter().map(|&x| amount(x, p)).sum::<f64>();
            let med = q.mediator.map_or(0.0, |m| s.utility(m, p));
            let sum = named.iter().map(|&x| s.utility(x, p)).sum();
            match first {
                Some(k) => vec![s.utility(k, p), pressure, -total(p), med, sum],
                None => vec![pressure, med, -total(p), sum],
            }
        })
        .collect();
    let mut left = ok;
    let mut out = Vec::new();
    while !left.is_empty() {
        let i = *lex_best(&keys, &left, eps)
            .iter()
            .min_by(|&&a, &&b| reach[a].cmp(&reach[b]))
            .expect("candidates");
        left.retain(|&x| x != i);
        out.push((reach[i].clone(), keys[i].clone()));
    }
    Ok(out)
}

/// The best deal of a `mediate` query, by definition (see
/// [`crate::leverage::mediate`]): `Ok` with the package, or why there is none.
pub fn mediate(s: &Scenario, q: &Query) -> Result<Package, NoDeal> {
    mediate_ranked(s, q, q.maximize).map(|r| r[0].0.clone())
}

/// The coercion curve of a `mediate` query, by definition: for every
/// distinct total pressure x that some deal within reach needs, the best
/// deal for the curve's party among those needing at most x; a step
/// wherever that party's utility rises by more than ε. Returns each step's
/// total pressure and the party's utility.
pub fn curve(s: &Scenario, q: &Query) -> Result<Vec<(f64, f64)>, NoDeal> {
    let k = q.curve_party().expect("a party to serve");
    let ranked = mediate_ranked(s, q, Some(k))?;
    let eps = s.tolerance;
    let mut levels: Vec<f64> = ranked.iter().map(|(_, key)| -key[1]).collect();
    levels.sort_by(f64::total_cmp);
    let mut steps: Vec<(f64, f64)> = Vec::new();
    for &x in &levels {
        // The best deal for k needing at most x: the first in rank order.
        if let Some((p, key)) = ranked.iter().find(|(_, key)| -key[1] <= x + eps) {
            let u = s.utility(k, p);
            if steps.last().is_none_or(|&(_, b)| u > b + eps) {
                steps.push((-key[1], u));
            }
        }
    }
    Ok(steps)
}
