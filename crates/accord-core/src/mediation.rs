//! The mediator's levers: pressure (lowering a party's reservation value at a
//! cost) and incentives (issues whose options cost the mediator something),
//! within a budget.
//!
//! Both queries are exact and run on the frontier machinery. Every quantity
//! they minimise or maximise is monotone in the utilities of the parties
//! involved and in the incentive cost, so with the incentive cost as an extra
//! objective ("virtual party", DESIGN.md) the optimum lies on the Pareto
//! frontier of those objectives, restricted by lower bounds that encode what
//! pressure can reach. Definitions: `docs/definitions.md`, "The mediator's
//! levers".

use crate::compile::Compiled;
use crate::frontier::{Frontier, FrontierSpec};
use crate::leverage::{min_total_shift_from, Shift};

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

fn applied(c: &Compiled, party: usize, u: f64) -> Applied {
    let amount = (c.reservation[party] - u).max(0.0);
    Applied {
        party,
        amount,
        cost: amount * c.pressure_rate[party],
    }
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

fn cost_extra(c: &Compiled) -> Vec<Vec<Vec<f64>>> {
    match &c.costs {
        Some(costs) => vec![costs
            .iter()
            .map(|g| g.iter().map(|x| -x).collect())
            .collect()],
        None => Vec::new(),
    }
}

/// The cheapest mix of pressure on the veto parties and incentives that
/// opens a zone of agreement: minimise, over packages crossing no veto red
/// line, incentive cost + Σ_p rate_p · max(0, r_p − u_p), subject to
/// r_p − u_p ≤ max_p for every veto party. Ties: the larger sum of veto
/// utilities, then the lexicographically first package.
pub fn least_cost(c: &Compiled) -> LeastCost {
    let veto = c.veto_parties();
    let mut bounds: Vec<f64> = veto
        .iter()
        .map(|&p| c.reservation[p] - c.pressure_max[p])
        .collect();
    let extra = cost_extra(c);
    if !extra.is_empty() {
        bounds.push(f64::NEG_INFINITY);
    }
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: veto.clone(),
            exclude_red_lines_of: veto.clone(),
            lower_bounds: Some(bounds),
            only: None,
            extra,
        },
    );
    let pts = f.points();
    let kv = veto.len();
    if pts.is_empty() {
        let lowered: Vec<f64> = (0..c.n_parties)
            .map(|p| c.reservation[p] - c.pressure_max[p])
            .collect();
        return match min_total_shift_from(c, &lowered) {
            Some(s) => LeastCost::Beyond(s),
            None => LeastCost::Blocked,
        };
    }
    let mixes: Vec<(f64, f64, f64)> = pts
        .iter()
        .map(|n| {
            let icost = if n.utils.len() > kv {
                -n.utils[kv]
            } else {
                0.0
            };
            let pcost: f64 = veto
                .iter()
                .zip(&n.utils)
                .map(|(&p, &u)| applied(c, p, u).cost)
                .sum();
            let sum: f64 = n.utils[..kv].iter().sum();
            (icost.max(0.0), pcost, sum)
        })
        .collect();
    let keys: Vec<Vec<f64>> = mixes.iter().map(|m| vec![-(m.0 + m.1), m.2]).collect();
    let all: Vec<usize> = (0..pts.len()).collect();
    let best = lex_best(&keys, &all, c.tolerance);
    let any = |_: usize, _: usize| true;
    let (j, package) = best
        .iter()
        .filter_map(|&j| f.first_package(c, j, &any).map(|p| (j, p)))
        .min_by(|a, b| a.1.cmp(&b.1))
        .expect("a frontier point has a package");
    let pressure = veto
        .iter()
        .zip(&pts[j].utils)
        .map(|(&p, &u)| applied(c, p, u))
        .collect();
    let total_cost = mixes[j].0 + mixes[j].1;
    LeastCost::Mix {
        within_budget: c.budget.is_none_or(|b| total_cost <= b + c.tolerance),
        mix: Mix {
            package,
            pressure,
            incentive_cost: mixes[j].0,
            total_cost,
        },
    }
}

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
    /// Most deals listed.
    pub limit: usize,
    /// Also require ratification: every named party's utility must reach its
    /// ratification threshold, which pressure does not lower.
    pub ratified: bool,
}

/// Why `mediate` found nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum NoDeal {
    /// Some package is acceptable to the satisfied parties, and within reach
    /// of pressure on the pressed ones, but every such package costs more
    /// than the budget; the cheapest costs this much.
    OverBudget(f64),
    /// No package is acceptable to the satisfied parties and within the
    /// pressure limits of the pressed ones.
    OutOfReach,
}

/// The deals acceptable to the satisfied parties that need the least total
/// pressure on the pressed parties, within their pressure limits and the
/// budget; ties (and the rest of the list) by the mediator's utility
/// (higher first), then the cost (lower first), then the sum of the
/// satisfied and pressed parties' utilities (higher first), then the
/// lexicographically first package. The deals listed are the
/// lexicographically first packages of distinct points of the Pareto
/// frontier of those objectives, best first.
pub fn mediate(c: &Compiled, q: &Query) -> Result<Vec<Mix>, NoDeal> {
    let mut parties: Vec<usize> = Vec::new();
    let mut bounds: Vec<f64> = Vec::new();
    let floor = |p: usize| match (q.ratified, c.ratification[p]) {
        (true, Some(t)) => t,
        _ => f64::NEG_INFINITY,
    };
    for &p in &q.satisfy {
        parties.push(p);
        bounds.push(c.reservation[p].max(floor(p)));
    }
    for &p in &q.press {
        parties.push(p);
        bounds.push((c.reservation[p] - c.pressure_max[p]).max(floor(p)));
    }
    let named = parties.len();
    let med = match q.mediator {
        Some(m) if parties.contains(&m) => parties.iter().position(|&p| p == m),
        Some(m) => {
            parties.push(m);
            bounds.push(f64::NEG_INFINITY);
            Some(parties.len() - 1)
        }
        None => None,
    };
    let extra = cost_extra(c);
    if !extra.is_empty() {
        bounds.push(f64::NEG_INFINITY);
    }
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: parties.clone(),
            exclude_red_lines_of: parties[..named].to_vec(),
            lower_bounds: Some(bounds),
            only: None,
            extra,
        },
    );
    let pts = f.points();
    let kp = parties.len();
    let eps = c.tolerance;
    let mixes: Vec<(f64, Vec<Applied>)> = pts
        .iter()
        .map(|n| {
            let icost = if n.utils.len() > kp {
                (-n.utils[kp]).max(0.0)
            } else {
                0.0
            };
            let pressure = q
                .press
                .iter()
                .enumerate()
                .map(|(k, &p)| applied(c, p, n.utils[q.satisfy.len() + k]))
                .collect();
            (icost, pressure)
        })
        .collect();
    let total = |j: usize| mixes[j].0 + mixes[j].1.iter().map(|a| a.cost).sum::<f64>();
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
    let keys: Vec<Vec<f64>> = (0..pts.len())
        .map(|j| {
            vec![
                -mixes[j].1.iter().map(|a| a.amount).sum::<f64>(),
                med.map_or(0.0, |k| pts[j].utils[k]),
                -total(j),
                pts[j].utils[..named].iter().sum(),
            ]
        })
        .collect();
    let any = |_: usize, _: usize| true;
    let mut left = feasible;
    let mut out = Vec::new();
    while out.len() < q.limit && !left.is_empty() {
        let best = lex_best(&keys, &left, eps);
        let (j, package) = best
            .iter()
            .filter_map(|&j| f.first_package(c, j, &any).map(|p| (j, p)))
            .min_by(|a, b| a.1.cmp(&b.1))
            .expect("a frontier point has a package");
        left.retain(|&x| x != j);
        out.push(Mix {
            package,
            pressure: mixes[j].1.clone(),
            incentive_cost: mixes[j].0,
            total_cost: total(j),
        });
    }
    Ok(out)
}
