//! `mediate`: the deals the mediator can press parties into.

use accord_core::analysis::sparse::SearchError;
use accord_core::analysis::sparse_report::LeverError;
use accord_core::leverage::{NoDeal, Query};
use accord_core::model::Scenario;
use accord_core::observe::Observer;
use serde::Serialize;

use crate::error::Error;
use crate::report::change::{differences, ChangeReport, Difference};
use crate::report::evaluate::DealRef;
use crate::report::levers::{reservations, MixReport};
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id, Package};
use crate::resolve::{party_arg, Ids};

/// Why no deal was found.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NoDealReport {
    /// No package is acceptable to the satisfied parties and within the
    /// pressure limits of the pressed ones.
    OutOfReach,
    /// Deals are within reach, but every one costs more than the budget.
    OverBudget {
        /// What the cheapest deal within reach costs.
        min_cost: f64,
        /// How far that exceeds the budget.
        over_by: f64,
    },
}

impl<'de> serde::Deserialize<'de> for NoDealReport {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        // Internally tagged: read as a value first (see report/value.rs).
        let v = serde_json::Value::deserialize(d)?;
        let number = |k: &str| {
            v.get(k)
                .and_then(serde_json::Value::as_f64)
                .ok_or_else(|| D::Error::custom(format!("no number `{k}`")))
        };
        match v.get("reason").and_then(serde_json::Value::as_str) {
            Some("out_of_reach") => Ok(NoDealReport::OutOfReach),
            Some("over_budget") => Ok(NoDealReport::OverBudget {
                min_cost: number("min_cost")?,
                over_by: number("over_by")?,
            }),
            _ => Err(D::Error::custom(
                "expected reason out_of_reach or over_budget",
            )),
        }
    }
}

/// A deal the mediator can press through, with its difference from the
/// plan given (if any).
#[derive(Debug, Clone, Serialize)]
pub struct MediatedDeal {
    /// The deal, its pressure and costs.
    #[serde(flatten)]
    pub mix: MixReport,
    /// The issues where it differs from the plan, in issue order (null
    /// without a plan).
    pub changes_from_plan: Option<Vec<Difference>>,
}

/// One step of the coercion curve: the best deal for the curve's party
/// needing at most this much pressure.
#[derive(Debug, Clone, Serialize)]
pub struct CurveStep {
    /// The total pressure the step's deal needs (on the one pressed party,
    /// or summed over them).
    pub pressure: f64,
    /// That pressure per pressed party.
    pub pressure_on: ByParty,
    /// The step's deal.
    pub package: Package,
    /// Every party's utility of it.
    pub utilities: ByParty,
    /// Its incentive cost plus the cost of the pressure.
    pub total_cost: f64,
    /// Whether each party would ratify it (null without a threshold).
    pub ratifies: ByParty<Option<bool>>,
    /// The issues where it differs from the step before (null for the
    /// first step).
    pub changes_from_previous: Option<Vec<Difference>>,
}

/// The plan given with `deal`: what it takes to press it through.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    /// The plan.
    pub deal: DealRef,
    /// What `--change` changed in it (null without a change).
    pub change: Option<ChangeReport>,
    /// Its package, the least pressure it needs on each pressed party, and
    /// what that and its incentives cost.
    #[serde(flatten)]
    pub mix: MixReport,
    /// Whether the mediator can press it through: none of the named
    /// parties' red lines crossed, every satisfied party accepts, the
    /// pressure within the stick and the cost within the budget.
    pub feasible: bool,
    /// Named parties whose red lines it crosses.
    pub red_lines_of: Vec<Id>,
    /// Satisfied parties that reject it.
    pub rejected_by: Vec<Id>,
    /// Pressed parties it needs more pressure on than the mediator has.
    pub beyond_reach: Vec<Id>,
    /// Whether its cost fits the budget.
    pub within_budget: bool,
}

/// The answer to `mediate`.
#[derive(Debug, Clone, Serialize)]
pub struct MediateReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The parties that must accept as they are.
    pub satisfy: Vec<Id>,
    /// The parties the mediator presses.
    pub press: Vec<Id>,
    /// The mediator party, whose utility ranks the deals (null: none).
    pub mediator: Option<Id>,
    /// The party whose utility ranks the deals first (null: least pressure
    /// first).
    pub maximize: Option<Id>,
    /// Whether the named parties must also ratify.
    pub ratified: bool,
    /// The mediator's budget, if any.
    pub budget: Option<f64>,
    /// The pressed parties the mediator has no stick against (they must
    /// accept as they are).
    pub no_stick_against: Vec<Id>,
    /// Every party's reservation value.
    pub reservations: ByParty,
    /// The least total pressure any deal within reach and the budget needs
    /// (null without deals).
    pub least_pressure: Option<f64>,
    /// Whether some deal needs no pressure at all: the pressed parties
    /// accept it (and ratify, if asked) as they are (null without deals).
    pub no_pressure_needed: Option<bool>,
    /// The deals, best first (empty when there is none).
    pub deals: Vec<MediatedDeal>,
    /// Why there is no deal (null when there are deals).
    pub no_deal: Option<NoDealReport>,
    /// The party the coercion curve serves (`maximize`, else the mediator;
    /// null without a curve).
    pub curve_party: Option<Id>,
    /// The coercion curve, with `curve`: the best deal for `curve_party` as
    /// the pressure allowed rises, one step wherever it gets strictly
    /// better, in increasing `pressure` (null when not asked for or when
    /// there is no deal).
    pub curve: Option<Vec<CurveStep>>,
    /// The plan given with `deal` (null without one).
    pub plan: Option<PlanReport>,
}

/// Why a question asked by branch and bound ([`Input::by_search`]) has no
/// answer, as the user's error.
///
/// [`Input::by_search`]: crate::input::Input::by_search
pub(crate) fn search_error(e: NoDeal) -> Error {
    match e {
        NoDeal::Search(LeverError::Search(SearchError::Cancelled(_))) => Error::Cancelled,
        NoDeal::Search(LeverError::Search(e)) => Error::usage(
            e.to_string(),
            Some(
                "the search grows with how tightly the interactions tie the issues and with \
                 the parties the question spans: split the interactions, or (for `mediate`) \
                 satisfy or press fewer parties"
                    .into(),
            ),
        ),
        NoDeal::Search(LeverError::Model(e)) => Error::model(e),
        NoDeal::TooLarge(e) => e.into(),
        NoDeal::Owners => Error::usage(
            "the branch-and-bound searches do not count issue owners' consent",
            Some("split the interactions that tie the issues".into()),
        ),
        // `mediate` reports these two as answers; no other query returns them.
        NoDeal::OutOfReach => Error::usage("no deal is within reach", None),
        NoDeal::OverBudget(cost) => Error::usage(
            format!("every deal within reach costs more than the budget (at least {cost})"),
            None,
        ),
    }
}

/// The query the request asks, checked.
fn query(s: &Scenario, a: &Args) -> Result<Query, Error> {
    let Args {
        press,
        satisfy,
        maximize,
        curve,
        limit,
        ratified,
        ..
    } = *a;
    let press: Vec<usize> = press
        .iter()
        .map(|id| party_arg(s, "--press", id))
        .collect::<Result<_, _>>()?;
    let satisfy: Vec<usize> = match satisfy {
        Some(ids) => ids
            .iter()
            .map(|id| party_arg(s, "--satisfy", id))
            .collect::<Result<_, _>>()?,
        None => s
            .veto_parties()
            .into_iter()
            .filter(|p| !press.contains(p))
            .collect(),
    };
    let mut seen = vec![false; s.parties.len()];
    for &p in press.iter().chain(&satisfy) {
        if seen[p] {
            return Err(Error::usage(
                format!("party `{}` is named twice", s.parties[p].id),
                Some("a party is either pressed or satisfied, once".into()),
            ));
        }
        seen[p] = true;
    }
    let maximize = maximize
        .map(|id| party_arg(s, "--maximize", id))
        .transpose()?;
    if curve && maximize.is_none() && s.mediator().is_none() {
        return Err(Error::usage(
            "the coercion curve needs a party to serve, and the scenario has no mediator",
            Some("name one with --maximize PARTY".into()),
        ));
    }
    Ok(Query {
        satisfy,
        press,
        mediator: s.mediator(),
        maximize,
        curve,
        limit: limit.max(1),
        ratified,
    })
}

/// The arguments of `mediate`, as the request gives them.
pub(crate) struct Args<'a> {
    pub press: &'a [String],
    pub satisfy: Option<&'a [String]>,
    pub maximize: Option<&'a str>,
    pub curve: bool,
    pub deal: Option<&'a str>,
    pub change: Option<&'a str>,
    pub limit: usize,
    pub ratified: bool,
}

/// Answers `mediate`.
pub(crate) fn answer(
    session: &crate::input::Input,
    ids: &Ids,
    args: &Args,
    observer: &dyn Observer,
) -> Result<MediateReport, Error> {
    let s = session.scenario();
    let q = query(s, args)?;
    // The merge where the scenario compiles; else the searches `analyze`
    // uses, where they apply.
    let compiled = if session.by_search() {
        None
    } else {
        Some(session.compiled()?)
    };
    let plan = session.optional_plan(ids, args.deal, args.change)?;
    let r = match compiled {
        Some(c) => accord_core::leverage::mediate(c, &q),
        None => accord_core::leverage::mediate_by_search(s, &q, observer),
    };
    let mut curve = None;
    let mut least = None;
    let (deals, no_deal) = match r {
        Err(NoDeal::TooLarge(e)) => return Err(e.into()),
        Err(e @ (NoDeal::Search(_) | NoDeal::Owners)) => return Err(search_error(e)),
        Ok(m) => {
            least = Some(m.least_pressure);
            curve = m.curve.map(|steps| {
                let mut prev: Option<&[usize]> = None;
                steps
                    .iter()
                    .map(|step| {
                        let x = MixReport::new(ids, step);
                        let out = CurveStep {
                            pressure: x.total_pressure,
                            pressure_on: x.pressure,
                            package: x.package,
                            utilities: x.utilities,
                            total_cost: x.total_cost,
                            ratifies: x.ratifies,
                            changes_from_previous: prev.map(|p| differences(ids, p, &step.package)),
                        };
                        prev = Some(&step.package);
                        out
                    })
                    .collect()
            });
            let deals = m
                .deals
                .iter()
                .map(|mix| MediatedDeal {
                    mix: MixReport::new(ids, mix),
                    changes_from_plan: plan
                        .as_ref()
                        .map(|p| differences(ids, &p.deal.package, &mix.package)),
                })
                .collect();
            (deals, None)
        }
        Err(NoDeal::OutOfReach) => (Vec::new(), Some(NoDealReport::OutOfReach)),
        Err(NoDeal::OverBudget(c)) => (
            Vec::new(),
            Some(NoDealReport::OverBudget {
                min_cost: c,
                over_by: c - s.budget.unwrap_or(0.0),
            }),
        ),
    };
    let plan = plan.map(|p| {
        let priced = match compiled {
            Some(c) => accord_core::leverage::price(c, &q, &p.deal.package),
            None => accord_core::leverage::price_by_search(s, &q, &p.deal.package)
                .expect("a scenario answered by search has no issue owners"),
        };
        PlanReport {
            deal: DealRef {
                id: p.deal.id.clone(),
                name: p.deal.name.clone(),
                description: p.deal.description.clone(),
            },
            change: p.change,
            mix: MixReport::new(ids, &priced.mix),
            feasible: priced.feasible(),
            red_lines_of: ids.parties(&priced.red_lines),
            rejected_by: ids.parties(&priced.refuse),
            beyond_reach: ids.parties(&priced.beyond_reach),
            within_budget: priced.within_budget,
        }
    });
    let tol = s.tolerance;
    Ok(MediateReport {
        schema_version: SCHEMA_VERSION,
        satisfy: ids.parties(&q.satisfy),
        press: ids.parties(&q.press),
        mediator: q.mediator.map(|m| ids.party(m)),
        maximize: q.maximize.map(|m| ids.party(m)),
        ratified: q.ratified,
        budget: s.budget,
        no_stick_against: q
            .press
            .iter()
            .filter(|&&p| s.parties[p].pressure.is_none_or(|x| x.max <= 0.0))
            .map(|&p| ids.party(p))
            .collect(),
        reservations: reservations(ids),
        least_pressure: least,
        no_pressure_needed: least.map(|x| x <= tol),
        deals,
        no_deal,
        curve_party: q
            .curve
            .then(|| q.curve_party())
            .flatten()
            .map(|m| ids.party(m)),
        // Asked for and no deal within reach: a curve with no step.
        curve: if q.curve && curve.is_none() {
            Some(Vec::new())
        } else {
            curve
        },
        plan,
    })
}
