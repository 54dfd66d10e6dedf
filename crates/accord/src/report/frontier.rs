//! `frontier`: the Pareto frontier as data, with the solutions, for tables,
//! CSV, JSON and a chart.

use accord_core::observe::Observer;
use serde::Serialize;

use crate::error::Error;
use crate::report::analyze::{ParetoFrontier, Solutions};
use crate::report::scenario::ScenarioSummary;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id};
use crate::resolve::Ids;

/// A deal of the scenario, placed among the frontier's points.
#[derive(Debug, Clone, Serialize)]
pub struct DealPoint {
    /// The deal's id.
    pub id: Id,
    /// Its display name.
    pub name: String,
    /// Every party's utility of it.
    pub utilities: ByParty,
}

/// The answer to `frontier`.
///
/// Its JSON has the four keys of `frontier --json`: `schema_version`,
/// `scenario`, `pareto`, `solutions`, and `ratified` (true) with
/// `--ratified`.
#[derive(Debug, Clone, Serialize)]
pub struct FrontierReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Whether acceptance included ratification (`--ratified`), as in
    /// `analyze`: the zone's restrictions and the solutions. Written only
    /// when true, so that the JSON keeps its four keys otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ratified: bool,
    /// Parties and issues.
    pub scenario: ScenarioSummary,
    /// The Pareto frontier.
    pub pareto: ParetoFrontier,
    /// The bargaining solutions.
    pub solutions: Solutions,
    /// The scenario's deals, for the chart (not part of the JSON: `analyze`
    /// evaluates them).
    #[serde(skip)]
    pub deals: Vec<DealPoint>,
}

/// Answers `frontier`.
pub(crate) fn answer(
    ids: &Ids,
    parties: Option<&[String]>,
    ties: usize,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<FrontierReport, Error> {
    if ratified {
        let raised = crate::report::analyze::ratified_scenario(ids.s);
        return report(&Ids::new(&raised), parties, ties, true, observer);
    }
    report(ids, parties, ties, false, observer)
}

fn report(
    ids: &Ids,
    parties: Option<&[String]>,
    ties: usize,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<FrontierReport, Error> {
    let s = ids.s;
    let mut a = crate::report::analyze::run(ids, parties, ties, observer)?;
    Ok(FrontierReport {
        schema_version: SCHEMA_VERSION,
        ratified,
        scenario: ScenarioSummary::of(ids),
        solutions: Solutions::new(ids, &a),
        pareto: ParetoFrontier::take(ids, &mut a),
        deals: s
            .deals
            .iter()
            .map(|d| DealPoint {
                id: d.id.as_str().into(),
                name: d.name.clone(),
                utilities: ids.utilities(&d.package),
            })
            .collect(),
    })
}
