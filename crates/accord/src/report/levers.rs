//! The mediator's levers, shared by `leverage` and `mediate`: a deal with
//! the pressure and incentives it needs, and the least-cost way to open a
//! zone.

use accord_core::leverage::{LeastCost, Mix};
use accord_core::model::Scenario;
use serde::Serialize;

use crate::report::value::{ByParty, Id, Keyed, Package};
use crate::resolve::Ids;

/// A deal with the pressure and incentives it needs.
#[derive(Debug, Clone, Serialize)]
pub struct MixReport {
    /// The package.
    pub package: Package,
    /// How far each pressed party's reservation value is lowered (every
    /// party the question lets the mediator press, zeros included).
    pub pressure: ByParty,
    /// What that pressure costs the mediator, per party.
    pub pressure_cost: ByParty,
    /// What the package's incentives cost the mediator.
    pub incentive_cost: f64,
    /// That cost by incentive: the cost of the option the package takes on
    /// each issue that carries one (every such issue, zeros included).
    pub incentives: Keyed<f64>,
    /// Incentive cost plus pressure cost.
    pub total_cost: f64,
    /// The total lowering of reservation values.
    pub total_pressure: f64,
    /// The total cost of the pressure.
    pub total_pressure_cost: f64,
    /// Every party's utility of the package.
    pub utilities: ByParty,
    /// Every party's margin (utility − reservation).
    pub margins: ByParty,
    /// Whether each party would ratify (null without a threshold); for a
    /// pressed party, with its threshold lowered by its imposed share of
    /// the pressure.
    pub ratifies: ByParty<Option<bool>>,
    /// Each party's ratification threshold as the deal leaves it: lowered
    /// by the party's imposed share of its pressure (null without a
    /// threshold).
    pub thresholds: ByParty<Option<f64>>,
}

impl MixReport {
    pub(crate) fn new(ids: &Ids, mix: &Mix) -> MixReport {
        let s = ids.s;
        let n = s.parties.len();
        let pressed = |p: usize| {
            mix.pressure
                .iter()
                .find(|a| a.party == p)
                .map_or(0.0, |a| a.amount)
        };
        MixReport {
            package: ids.package(&mix.package),
            pressure: Keyed(
                mix.pressure
                    .iter()
                    .map(|a| (ids.party(a.party), a.amount))
                    .collect(),
            ),
            pressure_cost: Keyed(
                mix.pressure
                    .iter()
                    .map(|a| (ids.party(a.party), a.cost))
                    .collect(),
            ),
            incentive_cost: mix.incentive_cost,
            incentives: Keyed(
                s.issues
                    .iter()
                    .enumerate()
                    .filter_map(|(i, issue)| {
                        let cost = issue.cost.as_ref()?;
                        Some((ids.issue(i), cost[mix.package[i]]))
                    })
                    .collect(),
            ),
            total_cost: mix.total_cost,
            total_pressure: mix.total_pressure(),
            total_pressure_cost: mix.pressure_cost(),
            utilities: ids.utilities(&mix.package),
            margins: ids.margins(&mix.package),
            ratifies: ids.by_party(
                &(0..n)
                    .map(|p| s.ratifies_pressed(p, &mix.package, pressed(p)))
                    .collect::<Vec<_>>(),
            ),
            thresholds: ids.by_party(
                &(0..n)
                    .map(|p| {
                        let party = &s.parties[p];
                        party.ratification.map(|t| t - party.imposed * pressed(p))
                    })
                    .collect::<Vec<_>>(),
            ),
        }
    }
}

/// The least-cost way for the mediator to open a zone of agreement.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LeastCostReport {
    /// The cheapest mix of pressure and incentives that makes some package
    /// acceptable to every veto party.
    Mix {
        /// The mix.
        #[serde(flatten)]
        mix: MixReport,
        /// Whether it fits the budget (always true without a budget).
        within_budget: bool,
        /// The mediator's budget, if it has one.
        budget: Option<f64>,
        /// How far the mix exceeds the budget (0 within it; null without a
        /// budget).
        over_budget_by: Option<f64>,
        /// Whether the mix needs neither pressure nor incentives (both zero
        /// within the scenario's tolerance).
        costless: bool,
    },
    /// Even full pressure on every veto party opens nothing: the least
    /// further lowering of reservation values still needed.
    BeyondPressure {
        /// The total further lowering needed.
        beyond_shift: f64,
        /// Each veto party's share of it.
        shift: ByParty,
        /// The package that comes closest.
        package: Package,
        /// Every party's utility of that package.
        utilities: ByParty,
        /// The mediator's budget, if it has one.
        budget: Option<f64>,
    },
    /// Every package crosses some veto party's red line.
    Blocked {
        /// The mediator's budget, if it has one.
        budget: Option<f64>,
    },
}

impl LeastCostReport {
    pub(crate) fn new(ids: &Ids, lc: &LeastCost) -> LeastCostReport {
        let s = ids.s;
        let budget = s.budget;
        match lc {
            LeastCost::Mix { mix, within_budget } => LeastCostReport::Mix {
                mix: MixReport::new(ids, mix),
                within_budget: *within_budget,
                budget,
                over_budget_by: budget.map(|b| (mix.total_cost - b).max(0.0)),
                costless: mix.total_cost <= s.tolerance && mix.total_pressure() <= s.tolerance,
            },
            LeastCost::Beyond(sh) => LeastCostReport::BeyondPressure {
                beyond_shift: sh.total,
                shift: ids.some_parties(&sh.per_party),
                package: ids.package(&sh.package),
                utilities: ids.utilities(&sh.package),
                budget,
            },
            LeastCost::Blocked => LeastCostReport::Blocked { budget },
        }
    }
}

/// The pressure the mediator can bring on one veto party.
#[derive(Debug, Clone, Serialize)]
pub struct PressureLever {
    /// The veto party.
    pub party: Id,
    /// The most its reservation value can be lowered (0 without a stick).
    pub max: f64,
    /// What a unit of pressure costs the mediator.
    pub cost: f64,
}

/// The mediator's levers: its budget, the pressure it can bring on each veto
/// party, and the issues that carry incentives.
#[derive(Debug, Clone, Serialize)]
pub struct Levers {
    /// The budget, if any.
    pub budget: Option<f64>,
    /// Pressure per veto party, in party order.
    pub pressure: Vec<PressureLever>,
    /// The issues whose options cost the mediator something.
    pub incentives: Vec<Id>,
}

impl Levers {
    pub(crate) fn new(ids: &Ids) -> Levers {
        let s = ids.s;
        Levers {
            budget: s.budget,
            pressure: s
                .veto_parties()
                .into_iter()
                .map(|p| {
                    let x = s.parties[p].pressure;
                    PressureLever {
                        party: ids.party(p),
                        max: x.map_or(0.0, |x| x.max),
                        cost: x.map_or(0.0, |x| x.cost),
                    }
                })
                .collect(),
            incentives: (0..s.issues.len())
                .filter(|&i| s.issues[i].cost.is_some())
                .map(|i| ids.issue(i))
                .collect(),
        }
    }
}

/// Every party's reservation value.
pub(crate) fn reservations(ids: &Ids) -> ByParty {
    let s: &Scenario = ids.s;
    ids.by_party(&s.parties.iter().map(|p| p.reservation).collect::<Vec<_>>())
}
