//! Pressure and incentives: what they cost, and the cheapest mix that opens
//! a zone of agreement.

use super::engine::{Ask, Engine, Merge, NoDeal, Numbers, Search};
use super::shift::{shift_with, Shift};
use crate::analysis::frontier::TooLarge;
use crate::compile::Compiled;
use crate::model::Scenario;
use crate::observe::Observer;

/// Indices of the lexicographically best keys (every component: higher is
/// better), comparing one component at a time within `eps`: keep the keys
/// within ε of the best first component, then of the best second among
/// those, and so on.
pub fn lex_best(keys: &[Vec<f64>], candidates: &[usize], eps: f64) -> Vec<usize> {
    let mut cands = candidates.to_vec();
    let n = keys.first().map_or(0, Vec::len);
    // Component k of every candidate's key, one component after another.
    #[allow(clippy::needless_range_loop)]
    for k in 0..n {
        let best = cands
            .iter()
            .map(|&j| keys[j][k])
            .fold(f64::NEG_INFINITY, f64::max);
        cands.retain(|&j| keys[j][k] >= best - eps);
    }
    cands
}

/// Pressure applied to one party.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The party.
    pub party: usize,
    /// How far its reservation value is lowered.
    pub amount: f64,
    /// What that costs the mediator.
    pub cost: f64,
}

/// A package with the pressure and incentives it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    /// The package.
    pub package: Vec<usize>,
    /// Pressure per party named in the query (zero amounts included).
    pub pressure: Vec<Applied>,
    /// The incentive cost of the package.
    pub incentive_cost: f64,
    /// Incentive cost plus pressure cost.
    pub total_cost: f64,
}

impl Mix {
    /// Total lowering of reservation values.
    pub fn total_pressure(&self) -> f64 {
        self.pressure.iter().map(|a| a.amount).sum()
    }
    /// Total cost of the pressure.
    pub fn pressure_cost(&self) -> f64 {
        self.pressure.iter().map(|a| a.cost).sum()
    }
}

/// The least pressure that brings `party`, at utility `u`, to accept and,
/// with `ratified`, to ratify, and its cost: max(0, r − u) and, where the
/// party has a ratification threshold t and an imposed share X > 0, at
/// least (t − u)/X, since pressure a lowers the threshold to t − X·a
/// (`docs/definitions.md`, "Imposed deals").
pub(crate) fn applied(c: &Numbers, party: usize, u: f64, ratified: bool) -> Applied {
    let mut amount = super::positive_part(c.reservation[party] - u);
    if let (true, Some(t)) = (ratified, c.ratification[party]) {
        let x = c.imposed[party];
        if x > 0.0 && t > u {
            amount = amount.max((t - u) / x);
        }
    }
    Applied {
        party,
        amount,
        cost: amount * c.pressure_rate[party],
    }
}

/// The least utility at which `party` is within reach: it accepts, and with
/// `ratified` ratifies, under at most its full pressure when `pressed`, or
/// with none. With pressure m it is r − m, and with ratification also
/// t − X·m (t without an imposed share, t itself when not pressed).
pub(crate) fn reach_floor(c: &Numbers, party: usize, pressed: bool, ratified: bool) -> f64 {
    let m = if pressed { c.pressure_max[party] } else { 0.0 };
    let mut lo = c.reservation[party] - m;
    if let (true, Some(t)) = (ratified, c.ratification[party]) {
        lo = lo.max(t - c.imposed[party] * m);
    }
    lo
}

/// The least-cost way for the mediator to open a zone of agreement.
#[derive(Debug, Clone, PartialEq)]
pub enum LeastCost {
    /// The cheapest mix of pressure and incentives that makes some package
    /// acceptable to every veto party (cost 0 when a package needs neither).
    Mix {
        /// The mix.
        mix: Mix,
        /// Whether it fits the budget (always true without a budget).
        within_budget: bool,
    },
    /// Even full pressure on every party opens nothing: the least further
    /// lowering of reservation values still needed, beyond the pressure.
    Beyond(Shift),
    /// Every package crosses some veto party's red line.
    Blocked,
}

/// The cheapest mix of pressure on the veto parties and incentives that
/// opens a zone of agreement: minimise, over packages crossing no veto red
/// line, incentive cost + Σ_p rate_p · a_p(u_p), subject to a_p(u_p) ≤
/// max_p for every veto party, where a_p(u) = max(0, r_p − u) is the least
/// pressure that makes p accept. With `ratified` every veto party must also
/// ratify, and a_p(u) is the least pressure that makes p accept and ratify
/// (pressure lowers its threshold by its imposed share). Ties: the larger
/// sum of veto utilities, then the lexicographically first package.
pub fn least_cost(c: &Compiled, ratified: bool) -> Result<LeastCost, TooLarge> {
    least_cost_with(&Merge::new(c), ratified).map_err(super::merged)
}

/// [`least_cost`] for a scenario the merge refuses, by branch and bound
/// (see [`mediate_by_search`](super::mediate_by_search)).
///
/// # Errors
///
/// As [`mediate_by_search`](super::mediate_by_search).
pub fn least_cost_by_search(
    s: &Scenario,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<LeastCost, NoDeal> {
    least_cost_with(&Search::new(s, observer).ok_or(NoDeal::Owners)?, ratified)
}

fn least_cost_with(e: &dyn Engine, ratified: bool) -> Result<LeastCost, NoDeal> {
    let numbers = e.numbers();
    let veto = numbers.veto_parties();
    let mut bounds: Vec<f64> = veto
        .iter()
        .map(|&p| reach_floor(numbers, p, true, ratified))
        .collect();
    if e.has_costs() {
        bounds.push(f64::NEG_INFINITY);
    }
    let f = e.frontier(&Ask {
        parties: &veto,
        costs: true,
        kept: None,
        lower: Some(bounds),
        exclude: &veto,
        owners: (ratified, &[]),
    })?;
    let pts = &f.utils;
    let kv = veto.len();
    if pts.is_empty() {
        let lowered: Vec<f64> = (0..numbers.reservation.len())
            .map(|p| reach_floor(numbers, p, true, ratified))
            .collect();
        return Ok(match shift_with(e, &lowered, ratified)? {
            Some(s) => LeastCost::Beyond(s),
            None => LeastCost::Blocked,
        });
    }
    let mixes: Vec<(f64, f64, f64)> = pts
        .iter()
        .map(|n| {
            let icost = if n.len() > kv { -n[kv] } else { 0.0 };
            let pcost: f64 = veto
                .iter()
                .zip(n)
                .map(|(&p, &u)| applied(numbers, p, u, ratified).cost)
                .sum();
            let sum: f64 = n[..kv].iter().sum();
            (super::positive_part(icost), pcost, sum)
        })
        .collect();
    let keys: Vec<Vec<f64>> = mixes.iter().map(|m| vec![-(m.0 + m.1), m.2]).collect();
    let all: Vec<usize> = (0..pts.len()).collect();
    let best = lex_best(&keys, &all, numbers.tolerance);
    let (j, package) = best
        .iter()
        .filter_map(|&j| f.first_package(j).map(|p| (j, p)))
        .min_by(|a, b| a.1.cmp(&b.1))
        .expect("a frontier point has a package");
    let pressure = veto
        .iter()
        .zip(&pts[j])
        .map(|(&p, &u)| applied(numbers, p, u, ratified))
        .collect();
    let total_cost = mixes[j].0 + mixes[j].1;
    Ok(LeastCost::Mix {
        within_budget: numbers
            .budget
            .is_none_or(|b| total_cost <= b + numbers.tolerance),
        mix: Mix {
            package,
            pressure,
            incentive_cost: mixes[j].0,
            total_cost,
        },
    })
}
