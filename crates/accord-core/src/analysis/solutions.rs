//! Bargaining solutions over the ZOPA: Nash, Kalai–Smorodinsky, egalitarian,
//! utilitarian, and the mediator's preferred deal.
//!
//! Each is attained on the Pareto frontier of the ZOPA (over the veto
//! parties), which the merge computes exactly with red lines excluded and the
//! reservation values as lower bounds. Definitions and tie rules:
//! `docs/definitions.md`, "Solutions".

use serde::Serialize;

use super::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::compile::Compiled;

/// The bargaining solution concepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concept {
    /// Maximise Π (u_p − r_p).
    Nash,
    /// Maximise min (u_p − r_p)/(I_p − r_p).
    KalaiSmorodinsky,
    /// Maximise min (u_p − r_p).
    Egalitarian,
    /// Maximise Σ u_p.
    Utilitarian,
}

impl Concept {
    /// All four, in report order.
    pub const ALL: [Concept; 4] = [
        Concept::Nash,
        Concept::KalaiSmorodinsky,
        Concept::Egalitarian,
        Concept::Utilitarian,
    ];

    /// The key used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Concept::Nash => "nash",
            Concept::KalaiSmorodinsky => "kalai_smorodinsky",
            Concept::Egalitarian => "egalitarian",
            Concept::Utilitarian => "utilitarian",
        }
    }

    /// A human-readable name.
    pub fn title(self) -> &'static str {
        match self {
            Concept::Nash => "Nash",
            Concept::KalaiSmorodinsky => "Kalai-Smorodinsky",
            Concept::Egalitarian => "Egalitarian",
            Concept::Utilitarian => "Utilitarian",
        }
    }
}

/// A chosen deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Option index per issue.
    pub package: Vec<usize>,
    /// The value of the objective that chose it.
    pub value: f64,
}

/// The objective value of a concept for veto utilities `u`, reservation
/// values `r`, and ideal points `ideal` (max of each u_p over the ZOPA).
pub fn objective(concept: Concept, u: &[f64], r: &[f64], ideal: &[f64], eps: f64) -> f64 {
    let margins = u.iter().zip(r).map(|(x, y)| (x - y).max(0.0));
    match concept {
        Concept::Nash => margins.product(),
        Concept::Egalitarian => margins.fold(f64::INFINITY, f64::min),
        Concept::Utilitarian => u.iter().sum(),
        Concept::KalaiSmorodinsky => {
            let mut best = f64::INFINITY;
            for ((m, rr), i) in margins.zip(r).zip(ideal) {
                let range = i - rr;
                if range > eps {
                    best = best.min(m / range);
                }
            }
            if best.is_finite() {
                best
            } else {
                0.0
            }
        }
    }
}

/// The veto parties (by `veto`, per party) followed by `extra` (when it is
/// not one of them).
pub fn veto_and(veto: &[bool], extra: Option<usize>) -> Vec<usize> {
    let mut parties: Vec<usize> = (0..veto.len()).filter(|&p| veto[p]).collect();
    if let Some(m) = extra {
        if !parties.contains(&m) {
            parties.push(m);
        }
    }
    parties
}

/// Lower bounds for a frontier over `parties`: the reservation value of each
/// veto party, none (−∞) for the others.
pub fn veto_bounds(veto: &[bool], reservation: &[f64], parties: &[usize]) -> Vec<f64> {
    parties
        .iter()
        .map(|&p| {
            if veto[p] {
                reservation[p]
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect()
}

/// The ZOPA frontier over the veto parties: red lines of veto parties
/// excluded, reservation values as lower bounds.
pub fn zopa_frontier(c: &Compiled) -> Result<Frontier, TooLarge> {
    let veto = c.veto_parties();
    Frontier::compute(
        c,
        &FrontierSpec {
            lower_bounds: Some(veto.iter().map(|&p| c.reservation[p]).collect()),
            exclude_red_lines_of: veto.clone(),
            parties: veto,
            only: None,
            extra: Vec::new(),
            owners: c.owner_conditions(false, &[]),
        },
    )
}

/// Picks, among the frontier points listed in `consider`, the best by
/// `score` (ties within ε broken by the larger `tie` value, then by the
/// lexicographically first package).
fn pick(
    c: &Compiled,
    f: &Frontier,
    consider: &[usize],
    score: impl Fn(&[f64]) -> f64,
    tie: impl Fn(&[f64]) -> f64,
) -> Option<Solution> {
    let eps = c.tolerance;
    if consider.is_empty() {
        return None;
    }
    let scores: Vec<f64> = consider.iter().map(|&j| score(f.point_utils(j))).collect();
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let cands: Vec<(usize, f64)> = consider
        .iter()
        .zip(&scores)
        .filter(|(_, sc)| **sc >= best - eps)
        .map(|(&j, &sc)| (j, sc))
        .collect();
    let ties: Vec<f64> = cands.iter().map(|&(j, _)| tie(f.point_utils(j))).collect();
    let best_tie = ties.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    cands
        .iter()
        .zip(&ties)
        .filter(|(_, t)| **t >= best_tie - eps)
        .filter_map(|(&(j, sc), _)| f.first_package(c, j).map(|p| (p, sc)))
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(package, value)| Solution { package, value })
}

/// The points of a frontier over exactly the veto parties (in index order)
/// that clear every reservation value (within ε): the ZOPA frontier when no
/// veto party has red lines, or when `f` is [`zopa_frontier`].
pub fn inside_zopa(c: &Compiled, f: &Frontier) -> Vec<usize> {
    let veto = c.veto_parties();
    (0..f.len())
        .filter(|&j| {
            f.point_utils(j)
                .iter()
                .zip(&veto)
                .all(|(u, &p)| *u >= c.reservation[p] - c.tolerance)
        })
        .collect()
}

/// The four solutions over the ZOPA (`None` each when the ZOPA is empty or
/// no party has a veto). `f` is the ZOPA frontier ([`zopa_frontier`]), or
/// the frontier over exactly the veto parties when none of them has red
/// lines (its points below a reservation value are left out here).
pub fn solve(c: &Compiled, f: &Frontier) -> Vec<(Concept, Option<Solution>)> {
    solve_these(c, f, &Concept::ALL)
}

/// [`solve`] for the listed concepts only (each solution finds its
/// package in the frontier's graph, which is most of the work).
pub fn solve_these(
    c: &Compiled,
    f: &Frontier,
    concepts: &[Concept],
) -> Vec<(Concept, Option<Solution>)> {
    let veto = c.veto_parties();
    if veto.is_empty() {
        return concepts.iter().map(|&k| (k, None)).collect();
    }
    let consider = inside_zopa(c, f);
    let r: Vec<f64> = veto.iter().map(|&p| c.reservation[p]).collect();
    let k = veto.len();
    let ideal: Vec<f64> = (0..k)
        .map(|j| {
            consider
                .iter()
                .map(|&i| f.point_utils(i)[j])
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    let eps = c.tolerance;
    concepts
        .iter()
        .map(|&concept| {
            let sol = pick(
                c,
                f,
                &consider,
                |u| objective(concept, u, &r, &ideal, eps),
                |u| u.iter().sum(),
            );
            (concept, sol)
        })
        .collect()
}

/// The mediator's preferred deal inside the ZOPA: the largest mediator
/// utility, avoiding the mediator's own red lines; ties broken by the larger
/// sum of veto utilities, then the lexicographically first package.
pub fn mediator_deal(c: &Compiled, mediator: usize) -> Result<Option<Solution>, TooLarge> {
    let veto = c.veto_parties();
    if veto.is_empty() {
        return Ok(None);
    }
    let parties = veto_and(&c.veto, Some(mediator));
    let bounds = veto_bounds(&c.veto, &c.reservation, &parties);
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: parties.clone(),
            exclude_red_lines_of: parties.clone(),
            lower_bounds: Some(bounds),
            only: None,
            extra: Vec::new(),
            owners: c.owner_conditions(false, &[]),
        },
    )?;
    let Some(m) = parties.iter().position(|&p| p == mediator) else {
        return Ok(None);
    };
    let veto_pos: Vec<usize> = (0..parties.len()).filter(|&j| c.veto[parties[j]]).collect();
    let consider: Vec<usize> = (0..f.len()).collect();
    Ok(pick(
        c,
        &f,
        &consider,
        |u| u[m],
        |u| veto_pos.iter().map(|&j| u[j]).sum(),
    ))
}
