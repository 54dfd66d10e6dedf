//! What it would take: the least shift of reservation values that opens a
//! zone of possible agreement, and the acceptable deals nearest a proposal.
//!
//! Both are exact and use the frontier machinery: the least total shift
//! Σ_p max(0, r_p − u_p) decreases in every u_p, so it is attained on the
//! Pareto frontier of the packages that cross no veto red line; "issues kept
//! as proposed" is an extra objective merged with the parties' utilities.
//! Definitions: `docs/definitions.md`, "What it would take".

use crate::compile::Compiled;
use crate::frontier::{Frontier, FrontierSpec};

/// The least total lowering of the veto parties' reservation values that
/// makes some package acceptable to all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// Σ_p max(0, r_p − u_p) at `package` (0 when the ZOPA is not empty).
    pub total: f64,
    /// (veto party, its share of the shift).
    pub per_party: Vec<(usize, f64)>,
    /// A package attaining it (ties: the larger sum of veto utilities, then
    /// the lexicographically first package).
    pub package: Vec<usize>,
}

/// The least total shift, or `None` when every package crosses some veto
/// party's red line (no shift of reservation values can help then).
pub fn min_total_shift(c: &Compiled) -> Option<Shift> {
    min_total_shift_from(c, &c.reservation)
}

/// [`min_total_shift`] measured from other reservation values (one per
/// party), e.g. after the mediator's pressure has lowered them.
pub fn min_total_shift_from(c: &Compiled, reservation: &[f64]) -> Option<Shift> {
    let veto = c.veto_parties();
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: veto.clone(),
            exclude_red_lines_of: veto.clone(),
            ..FrontierSpec::default()
        },
    );
    let eps = c.tolerance;
    let shift = |u: &[f64]| -> f64 {
        u.iter()
            .zip(&veto)
            .map(|(x, &p)| (reservation[p] - x).max(0.0))
            .sum()
    };
    let pts = f.points();
    let best = pts
        .iter()
        .map(|n| shift(&n.utils))
        .fold(f64::INFINITY, f64::min);
    if !best.is_finite() {
        return None;
    }
    let cands: Vec<usize> = (0..pts.len())
        .filter(|&j| shift(&pts[j].utils) <= best + eps)
        .collect();
    let sum = |j: usize| pts[j].utils.iter().sum::<f64>();
    let top = cands
        .iter()
        .map(|&j| sum(j))
        .fold(f64::NEG_INFINITY, f64::max);
    let all = |_: usize, _: usize| true;
    let (j, package) = cands
        .iter()
        .filter(|&&j| sum(j) >= top - eps)
        .filter_map(|&j| f.first_package(c, j, &all).map(|p| (j, p)))
        .min_by(|a, b| a.1.cmp(&b.1))?;
    let per_party = veto
        .iter()
        .zip(&pts[j].utils)
        .map(|(&p, u)| (p, (reservation[p] - u).max(0.0)))
        .collect();
    Some(Shift {
        total: shift(&pts[j].utils).max(0.0),
        per_party,
        package,
    })
}

/// One repaired deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired {
    /// The package.
    pub package: Vec<usize>,
    /// The issues whose option differs from the proposal, in issue order.
    pub changed: Vec<usize>,
}

/// The acceptable deals nearest a proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    /// The fewest issues to change so that every veto party accepts (`None`
    /// when the ZOPA is empty).
    pub changes: Option<usize>,
    /// Deals inside the ZOPA with that many changes, best first for the
    /// judge (or by the sum of veto utilities without one); each is the
    /// lexicographically first package of a distinct utility vector.
    pub deals: Vec<Repaired>,
}

/// The acceptable deals nearest `proposal`: fewest changed issues first,
/// then the highest utility for `judge` (the mediator or the proposer; the
/// sum of veto utilities when `None`). At most `limit` deals are listed.
pub fn repair(c: &Compiled, proposal: &[usize], judge: Option<usize>, limit: usize) -> Repair {
    let veto = c.veto_parties();
    // Issues of each group option that keep the proposal's option.
    let kept = crate::compile::additive(&c.groups, |i, x| if x == proposal[i] { 1.0 } else { 0.0 });
    let parties = crate::solutions::veto_and(c, judge);
    let mut bounds = crate::solutions::veto_bounds(c, &parties);
    bounds.push(f64::NEG_INFINITY);
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: parties.clone(),
            exclude_red_lines_of: veto.clone(),
            lower_bounds: Some(bounds),
            only: None,
            extra: vec![kept],
        },
    );
    let pts = f.points();
    let kp = parties.len();
    let Some(most) = pts.iter().map(|n| n.utils[kp].round() as usize).max() else {
        return Repair {
            changes: None,
            deals: Vec::new(),
        };
    };
    let score = |j: usize| -> f64 {
        match judge.and_then(|m| parties.iter().position(|&p| p == m)) {
            Some(k) => pts[j].utils[k],
            None => (0..kp)
                .filter(|&k| c.veto[parties[k]])
                .map(|k| pts[j].utils[k])
                .sum(),
        }
    };
    let mut best: Vec<usize> = (0..pts.len())
        .filter(|&j| pts[j].utils[kp].round() as usize == most)
        .collect();
    best.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let all = |_: usize, _: usize| true;
    let mut deals: Vec<(f64, Vec<usize>)> = best
        .iter()
        .filter_map(|&j| f.first_package(c, j, &all).map(|p| (score(j), p)))
        .collect();
    deals.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Repair {
        changes: Some(c.n_issues - most),
        deals: deals
            .into_iter()
            .take(limit)
            .map(|(_, package)| Repaired {
                changed: (0..c.n_issues)
                    .filter(|&i| package[i] != proposal[i])
                    .collect(),
                package,
            })
            .collect(),
    }
}

/// Each veto party's slack: how far its reservation value could rise with
/// the ZOPA still non-empty, max over the ZOPA of (u_p − r_p). Empty when
/// the ZOPA is.
pub fn slack(c: &Compiled) -> Vec<(usize, f64)> {
    let f = crate::solutions::zopa_frontier(c);
    let inside = crate::solutions::inside_zopa(c, &f);
    if inside.is_empty() {
        return Vec::new();
    }
    c.veto_parties()
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let best = inside
                .iter()
                .map(|&j| f.points()[j].utils[k])
                .fold(f64::NEG_INFINITY, f64::max);
            (p, best - c.reservation[p])
        })
        .collect()
}
