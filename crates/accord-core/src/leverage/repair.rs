//! The acceptable deals nearest a proposal.

use crate::analysis::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::analysis::solutions;
use crate::compile::{self, Compiled};

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
pub fn repair(
    c: &Compiled,
    proposal: &[usize],
    judge: Option<usize>,
    limit: usize,
) -> Result<Repair, TooLarge> {
    let veto = c.veto_parties();
    // Issues of each group option that keep the proposal's option.
    let kept = compile::additive(&c.groups, |i, x| if x == proposal[i] { 1.0 } else { 0.0 });
    let parties = solutions::veto_and(c, judge);
    let mut bounds = solutions::veto_bounds(c, &parties);
    bounds.push(f64::NEG_INFINITY);
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: parties.clone(),
            exclude_red_lines_of: veto.clone(),
            lower_bounds: Some(bounds),
            only: None,
            extra: vec![kept],
            owners: c.owner_conditions(false, &[]),
        },
    )?;
    let pts = f.points();
    let kp = parties.len();
    let Some(most) = pts.iter().map(|n| n.utils[kp].round() as usize).max() else {
        return Ok(Repair {
            changes: None,
            deals: Vec::new(),
        });
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
    let mut deals: Vec<(f64, Vec<usize>)> = best
        .iter()
        .filter_map(|&j| f.first_package(c, j).map(|p| (score(j), p)))
        .collect();
    deals.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(Repair {
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
    })
}
