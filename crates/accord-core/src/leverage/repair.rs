//! The acceptable deals nearest a proposal.

use super::engine::{Ask, Engine, Merge, NoDeal, Search};
use crate::analysis::frontier::TooLarge;
use crate::analysis::solutions;
use crate::compile::Compiled;
use crate::model::Scenario;
use crate::observe::Observer;

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
    repair_with(&Merge::new(c), proposal, judge, limit).map_err(super::merged)
}

/// [`repair`] for a scenario the merge refuses, by branch and bound (see
/// [`mediate_by_search`](super::mediate_by_search)), with `ratified`: each
/// reservation value raised to the party's ratification threshold where
/// that is higher.
///
/// # Errors
///
/// As [`mediate_by_search`](super::mediate_by_search).
pub fn repair_by_search(
    s: &Scenario,
    proposal: &[usize],
    judge: Option<usize>,
    limit: usize,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<Repair, NoDeal> {
    let e = Search::new(s, observer).ok_or(NoDeal::Owners)?;
    if ratified {
        repair_with(e.ratification_required().as_ref(), proposal, judge, limit)
    } else {
        repair_with(&e, proposal, judge, limit)
    }
}

fn repair_with(
    e: &dyn Engine,
    proposal: &[usize],
    judge: Option<usize>,
    limit: usize,
) -> Result<Repair, NoDeal> {
    let n = e.numbers();
    let veto = n.veto_parties();
    let parties = solutions::veto_and(&n.veto, judge);
    // The veto parties' reservation values as bounds, none for the judge;
    // none for the issues kept as proposed.
    let mut bounds = solutions::veto_bounds(&n.veto, &n.reservation, &parties);
    bounds.push(f64::NEG_INFINITY);
    let f = e.frontier(&Ask {
        parties: &parties,
        costs: false,
        kept: Some(proposal),
        lower: Some(bounds),
        exclude: &veto,
        owners: (false, &[]),
    })?;
    let pts = &f.utils;
    let kp = parties.len();
    let Some(most) = pts.iter().map(|u| u[kp].round() as usize).max() else {
        return Ok(Repair {
            changes: None,
            deals: Vec::new(),
        });
    };
    let score = |j: usize| -> f64 {
        match judge.and_then(|m| parties.iter().position(|&p| p == m)) {
            Some(k) => pts[j][k],
            None => (0..kp)
                .filter(|&k| n.veto[parties[k]])
                .map(|k| pts[j][k])
                .sum(),
        }
    };
    let mut best: Vec<usize> = (0..pts.len())
        .filter(|&j| pts[j][kp].round() as usize == most)
        .collect();
    best.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let mut deals: Vec<(f64, Vec<usize>)> = best
        .iter()
        .filter_map(|&j| f.first_package(j).map(|p| (score(j), p)))
        .collect();
    deals.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let n_issues = proposal.len();
    Ok(Repair {
        changes: Some(n_issues - most),
        deals: deals
            .into_iter()
            .take(limit)
            .map(|(_, package)| Repaired {
                changed: (0..n_issues)
                    .filter(|&i| package[i] != proposal[i])
                    .collect(),
                package,
            })
            .collect(),
    })
}
