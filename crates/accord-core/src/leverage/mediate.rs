//! A mediator's query: whom to satisfy, whom to press, whose interest to serve.

use super::engine::{Ask, Engine, Merge, NoDeal, Search};
use super::levers::{applied, lex_best, reach_floor, Applied, Mix};
use crate::compile::Compiled;
use crate::model::Scenario;
use crate::observe::Observer;

/// A `mediate` query: which parties must accept as they are, which the
/// mediator presses, and whose interest it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Parties that must accept without pressure.
    pub satisfy: Vec<usize>,
    /// Parties the mediator may press (within their pressure limits).
    pub press: Vec<usize>,
    /// The mediator party (its utility breaks ties), if any.
    pub mediator: Option<usize>,
    /// Rank by this party's utility first (then least pressure, then cost):
    /// "the most Q can get that the mediator can still force on the
    /// pressed". `None`: least pressure first, then the mediator's utility.
    pub maximize: Option<usize>,
    /// Also compute the coercion curve (see [`Mediation::curve`]).
    pub curve: bool,
    /// Most deals listed.
    pub limit: usize,
    /// Also require ratification: every named party's utility must reach its
    /// ratification threshold, which pressure lowers by the party's imposed
    /// share of it.
    pub ratified: bool,
}

impl Query {
    /// The party whose utility the coercion curve maximises: `maximize`,
    /// else the mediator.
    pub fn curve_party(&self) -> Option<usize> {
        self.maximize.or(self.mediator)
    }
}

/// The answer to a `mediate` query.
#[derive(Debug, Clone, PartialEq)]
pub struct Mediation {
    /// The deals, best first.
    pub deals: Vec<Mix>,
    /// The coercion curve, when asked for and there is a party to serve:
    /// the exact step function of the best deal for that party as the total
    /// pressure allowed rises from 0 to its maximum. Each step is the best
    /// deal needing at most its own total pressure (ranked as with
    /// `maximize` set to that party); steps are in increasing pressure, and
    /// each is strictly better for the party (by more than ε) than the one
    /// before. Between steps the best deal stays that of the step before.
    pub curve: Option<Vec<Mix>>,
    /// The least total pressure any deal within reach and the budget needs
    /// (0: some deal needs none, whatever the ranking).
    pub least_pressure: f64,
}

/// The deals acceptable to the satisfied parties, within the pressure
/// limits of the pressed ones and the budget, best first. Without
/// `maximize`: least total pressure on the pressed parties, then the
/// mediator's utility (higher first), then the cost (lower first), then the
/// sum of the satisfied and pressed parties' utilities (higher first), then
/// the lexicographically first package. With `maximize = Q`: Q's utility
/// first, then least pressure, then cost, then the mediator's utility, then
/// the sum. The deals listed are the lexicographically first packages of
/// distinct points of the Pareto frontier of those objectives, best first.
///
/// The pressure a deal needs on a pressed party is the least that makes it
/// accept (and with `ratified`, ratify): see `docs/definitions.md`, "The
/// mediator's levers" and "Imposed deals". Every ranking key is monotone in
/// the utilities of the parties involved and in the incentive cost, so the
/// optimum of any prefix of the ranking, under any cap on the pressure, lies
/// on that frontier; the coercion curve is read off it exactly.
pub fn mediate(c: &Compiled, q: &Query) -> Result<Mediation, NoDeal> {
    mediate_with(&Merge::new(c), q)
}

/// [`mediate`] for a scenario the merge refuses (a compound issue too large
/// to list, or a cap that binds): the same query, definitions and ranking,
/// its frontier found by `analyze`'s branch-and-bound searches over the
/// issues (and by stages). The deals' utilities are their packages' own.
///
/// # Errors
///
/// As [`mediate`]; [`NoDeal::Search`] when a search passes its limit or
/// `observer` cancels; [`NoDeal::Owners`] for a scenario with issue owners.
pub fn mediate_by_search(
    s: &Scenario,
    q: &Query,
    observer: &dyn Observer,
) -> Result<Mediation, NoDeal> {
    mediate_with(&Search::new(s, observer).ok_or(NoDeal::Owners)?, q)
}

fn mediate_with(e: &dyn Engine, q: &Query) -> Result<Mediation, NoDeal> {
    let c = e.numbers();
    let mut parties: Vec<usize> = Vec::new();
    let mut bounds: Vec<f64> = Vec::new();
    for &p in &q.satisfy {
        parties.push(p);
        bounds.push(reach_floor(c, p, false, q.ratified));
    }
    for &p in &q.press {
        parties.push(p);
        bounds.push(reach_floor(c, p, true, q.ratified));
    }
    let named = parties.len();
    // The column of a party's utility, added (unbounded) if not named.
    let mut column = |who: Option<usize>, parties: &mut Vec<usize>| {
        who.map(|m| {
            parties.iter().position(|&p| p == m).unwrap_or_else(|| {
                parties.push(m);
                bounds.push(f64::NEG_INFINITY);
                parties.len() - 1
            })
        })
    };
    let med = column(q.mediator, &mut parties);
    let serve = column(q.curve_party(), &mut parties);
    if e.has_costs() {
        bounds.push(f64::NEG_INFINITY);
    }
    let f = e.frontier(&Ask {
        parties: &parties,
        costs: true,
        kept: None,
        lower: Some(bounds),
        exclude: &parties[..named],
        owners: (q.ratified, &parties[..named]),
    })?;
    let pts = &f.utils;
    let kp = parties.len();
    let eps = c.tolerance;
    let mixes: Vec<(f64, Vec<Applied>)> = pts
        .iter()
        .map(|n| {
            let icost = if n.len() > kp {
                super::positive_part(-n[kp])
            } else {
                0.0
            };
            let pressure = q
                .press
                .iter()
                .enumerate()
                .map(|(k, &p)| applied(c, p, n[q.satisfy.len() + k], q.ratified))
                .collect();
            (icost, pressure)
        })
        .collect();
    let total = |j: usize| mixes[j].0 + mixes[j].1.iter().map(|a| a.cost).sum::<f64>();
    let amount = |j: usize| mixes[j].1.iter().map(|a| a.amount).sum::<f64>();
    let feasible: Vec<usize> = (0..pts.len())
        .filter(|&j| c.budget.is_none_or(|b| total(j) <= b + eps))
        .collect();
    if feasible.is_empty() {
        return Err(if pts.is_empty() {
            NoDeal::OutOfReach
        } else {
            NoDeal::OverBudget((0..pts.len()).map(total).fold(f64::INFINITY, f64::min))
        });
    }
    let util = |k: Option<usize>, j: usize| k.map_or(0.0, |k| pts[j][k]);
    let sum = |j: usize| pts[j][..named].iter().sum::<f64>();
    let key = |j: usize, first: Option<usize>| match first {
        Some(k) => vec![
            util(Some(k), j),
            -amount(j),
            -total(j),
            util(med, j),
            sum(j),
        ],
        None => vec![-amount(j), util(med, j), -total(j), sum(j)],
    };
    let rank = |first: Option<usize>| (0..pts.len()).map(|j| key(j, first)).collect::<Vec<_>>();
    let mix = |j: usize, package: Vec<usize>| Mix {
        package,
        pressure: mixes[j].1.clone(),
        incentive_cost: mixes[j].0,
        total_cost: total(j),
    };
    // The best of `left` by `keys`, with its lexicographically first package.
    let pick = |keys: &[Vec<f64>], left: &[usize]| {
        lex_best(keys, left, eps)
            .iter()
            .filter_map(|&j| f.first_package(j).map(|p| (j, p)))
            .min_by(|a, b| a.1.cmp(&b.1))
            .expect("a frontier point has a package")
    };
    let first = q.maximize.and(serve);
    let keys = rank(first);
    let mut left = feasible.clone();
    let mut deals = Vec::new();
    while deals.len() < q.limit && !left.is_empty() {
        let (j, package) = pick(&keys, &left);
        left.retain(|&x| x != j);
        deals.push(mix(j, package));
    }
    let curve = match (q.curve, serve) {
        (true, Some(k)) => {
            let keys = rank(Some(k));
            let mut by_pressure = feasible.clone();
            by_pressure.sort_by(|&a, &b| amount(a).total_cmp(&amount(b)));
            let mut steps: Vec<Mix> = Vec::new();
            let mut best = f64::NEG_INFINITY;
            let mut at = 0;
            while at < by_pressure.len() {
                // Every point needing no more pressure than this one (within ε).
                let cap = amount(by_pressure[at]) + eps;
                while at < by_pressure.len() && amount(by_pressure[at]) <= cap {
                    at += 1;
                }
                let top = by_pressure[..at]
                    .iter()
                    .map(|&j| util(Some(k), j))
                    .fold(f64::NEG_INFINITY, f64::max);
                if top > best + eps {
                    best = top;
                    let (j, package) = pick(&keys, &by_pressure[..at]);
                    steps.push(mix(j, package));
                }
            }
            Some(steps)
        }
        _ => None,
    };
    let least_pressure = feasible
        .iter()
        .map(|&j| amount(j))
        .fold(f64::INFINITY, f64::min);
    Ok(Mediation {
        deals,
        curve,
        least_pressure,
    })
}

/// What it takes to press one given package through a `mediate` query.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    /// The package, the least pressure it needs on each pressed party (to
    /// accept and, with `ratified`, ratify) and what that and its
    /// incentives cost.
    pub mix: Mix,
    /// Named parties (satisfied or pressed) whose red lines it crosses, then
    /// the owners it needs whose red lines it crosses.
    pub red_lines: Vec<usize>,
    /// Satisfied parties that do not accept it (or, with `ratified`, ratify),
    /// then the owners it needs that do not accept it.
    pub refuse: Vec<usize>,
    /// Pressed parties it needs more pressure on than the mediator has.
    pub beyond_reach: Vec<usize>,
    /// Whether its total cost fits the budget (true without a budget).
    pub within_budget: bool,
}

impl Priced {
    /// Whether the mediator can press the package through: no red line,
    /// every satisfied party accepts, the pressure is within reach and the
    /// cost within the budget.
    pub fn feasible(&self) -> bool {
        self.red_lines.is_empty()
            && self.refuse.is_empty()
            && self.beyond_reach.is_empty()
            && self.within_budget
    }
}

/// The price of pressing `package` through the query `q`: the same
/// definitions as [`mediate`], for one package.
pub fn price(c: &Compiled, q: &Query, package: &[usize]) -> Priced {
    price_with(&Merge::new(c), q, package)
}

/// [`price`] for a scenario [`mediate_by_search`] answers; `None` for one
/// with issue owners.
pub fn price_by_search(s: &Scenario, q: &Query, package: &[usize]) -> Option<Priced> {
    let quiet = crate::observe::Silent;
    Search::new(s, &quiet).map(|e| price_with(&e, q, package))
}

fn price_with(e: &dyn Engine, q: &Query, package: &[usize]) -> Priced {
    let c = e.numbers();
    let eps = c.tolerance;
    let named: Vec<usize> = q.satisfy.iter().chain(&q.press).copied().collect();
    // The owners the package needs, other than the named parties, with the
    // utility at which each accepts.
    let owners = e.owners_needed(q.ratified, &named, package);
    let red_lines = named
        .iter()
        .copied()
        .chain(owners.iter().map(|w| w.0))
        .filter(|&p| e.crosses(p, package))
        .collect();
    let refuse = q
        .satisfy
        .iter()
        .map(|&p| (p, reach_floor(c, p, false, q.ratified)))
        .chain(owners.iter().copied())
        .filter(|&(p, floor)| e.utility(p, package) < floor - eps)
        .map(|(p, _)| p)
        .collect();
    let beyond_reach = q
        .press
        .iter()
        .copied()
        .filter(|&p| e.utility(p, package) < reach_floor(c, p, true, q.ratified) - eps)
        .collect();
    let pressure: Vec<Applied> = q
        .press
        .iter()
        .map(|&p| applied(c, p, e.utility(p, package), q.ratified))
        .collect();
    let incentive_cost = e.cost(package);
    let total_cost = incentive_cost + pressure.iter().map(|a| a.cost).sum::<f64>();
    Priced {
        mix: Mix {
            package: package.to_vec(),
            pressure,
            incentive_cost,
            total_cost,
        },
        red_lines,
        refuse,
        beyond_reach,
        within_budget: c.budget.is_none_or(|b| total_cost <= b + eps),
    }
}
