//! `mediate`: the deals the mediator can press parties into.

use accord_core::leverage::{NoDeal, Query};
use accord_core::model::Scenario;
use serde::Serialize;

use crate::error::Error;
use crate::report::levers::{reservations, MixReport};
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id};
use crate::resolve::{party_index, Ids};

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
    /// Whether the named parties must also ratify.
    pub ratified: bool,
    /// The mediator's budget, if any.
    pub budget: Option<f64>,
    /// The pressed parties the mediator has no stick against (they must
    /// accept as they are).
    pub no_stick_against: Vec<Id>,
    /// Every party's reservation value.
    pub reservations: ByParty,
    /// The deals, best first (empty when there is none).
    pub deals: Vec<MixReport>,
    /// Why there is no deal (null when there are deals).
    pub no_deal: Option<NoDealReport>,
}

/// The query the request asks, checked.
fn query(
    s: &Scenario,
    press: &[String],
    satisfy: Option<&[String]>,
    limit: usize,
    ratified: bool,
) -> Result<Query, Error> {
    let press: Vec<usize> = press
        .iter()
        .map(|id| party_index(s, id.trim()))
        .collect::<Result<_, _>>()?;
    let satisfy: Vec<usize> = match satisfy {
        Some(ids) => ids
            .iter()
            .map(|id| party_index(s, id.trim()))
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
    Ok(Query {
        satisfy,
        press,
        mediator: s.mediator(),
        limit,
        ratified,
    })
}

/// Answers `mediate`.
pub(crate) fn answer(
    session: &crate::input::Input,
    ids: &Ids,
    press: &[String],
    satisfy: Option<&[String]>,
    limit: usize,
    ratified: bool,
) -> Result<MediateReport, Error> {
    let s = session.scenario();
    let q = query(s, press, satisfy, limit.max(1), ratified)?;
    let c = session.compiled();
    let r = accord_core::leverage::mediate(c, &q);
    let (deals, no_deal) = match &r {
        Err(NoDeal::TooLarge(e)) => return Err((*e).into()),
        Ok(d) => (d.iter().map(|m| MixReport::new(ids, m)).collect(), None),
        Err(NoDeal::OutOfReach) => (Vec::new(), Some(NoDealReport::OutOfReach)),
        Err(NoDeal::OverBudget(c)) => (
            Vec::new(),
            Some(NoDealReport::OverBudget {
                min_cost: *c,
                over_by: c - s.budget.unwrap_or(0.0),
            }),
        ),
    };
    Ok(MediateReport {
        schema_version: SCHEMA_VERSION,
        satisfy: ids.parties(&q.satisfy),
        press: ids.parties(&q.press),
        mediator: q.mediator.map(|m| ids.party(m)),
        ratified: q.ratified,
        budget: s.budget,
        no_stick_against: q
            .press
            .iter()
            .filter(|&&p| s.parties[p].pressure.is_none_or(|x| x.max <= 0.0))
            .map(|&p| ids.party(p))
            .collect(),
        reservations: reservations(ids),
        deals,
        no_deal,
    })
}
