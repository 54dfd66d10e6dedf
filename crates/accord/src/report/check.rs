//! `check`: a scenario validated and summarised.

use serde::Serialize;

use crate::report::scenario::ScenarioSummary;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{Count, Id};
use crate::resolve::{count, Ids};

/// An uncertain number of the scenario.
#[derive(Debug, Clone, Serialize)]
pub struct UncertainInput {
    /// Where it is (`party.reservation`, …).
    pub input: String,
    /// The shared factor it follows, if any.
    pub factor: Option<String>,
    /// Its mean (the base case uses it).
    pub mean: f64,
}

/// The answer to `check`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Always true (an invalid scenario is an error, not a report).
    pub valid: bool,
    /// Parties and issues.
    pub scenario: ScenarioSummary,
    /// The number of packages.
    pub outcomes: Count,
    /// The ids of the deals on file.
    pub deals: Vec<Id>,
    /// The uncertain numbers.
    pub uncertain: Vec<UncertainInput>,
    /// How many independent random sources the uncertain numbers use.
    pub uncertain_sources: usize,
}

impl CheckReport {
    pub(crate) fn new(ids: &Ids) -> CheckReport {
        let s = ids.s;
        CheckReport {
            schema_version: SCHEMA_VERSION,
            valid: true,
            scenario: ScenarioSummary::of(ids),
            outcomes: count(&accord_core::analysis::outcome_count(s)),
            deals: s.deals.iter().map(|d| d.id.as_str().into()).collect(),
            uncertain: s
                .uncertainty
                .inputs
                .iter()
                .map(|x| UncertainInput {
                    input: x.label.clone(),
                    factor: x.factor.clone(),
                    mean: x.dist.mean(),
                })
                .collect(),
            uncertain_sources: s.uncertainty.sources().0.len(),
        }
    }
}
