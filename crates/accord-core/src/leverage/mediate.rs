//! A mediator's query: whom to satisfy, whom to press, whose interest to serve.

use super::levers::{applied, cost_extra, lex_best, Applied, Mix};
use crate::analysis::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::compile::Compiled;

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
    /// The frontier of the question is too large to compute exactly.
    TooLarge(TooLarge),
}

impl From<TooLarge> for NoDeal {
    fn from(e: TooLarge) -> Self {
        NoDeal::TooLarge(e)
    }
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
    )?;
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
    let mut left = feasible;
    let mut out = Vec::new();
    while out.len() < q.limit && !left.is_empty() {
        let best = lex_best(&keys, &left, eps);
        let (j, package) = best
            .iter()
            .filter_map(|&j| f.first_package(c, j).map(|p| (j, p)))
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
