//! The plain enumerator: every definition applied to every package.
//!
//! Slow on purpose and independent of the compiled form; the property tests
//! compare every fast path against it.

use crate::frontier::{dominates, tied};
use crate::model::{Package, Scenario};
use crate::solutions::{objective, Concept};

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
