//! `check`: a scenario validated and summarised.

use serde::Serialize;

use crate::report::scenario::ScenarioSummary;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{Count, Id, Keyed, OptionValue};
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

/// A party's red line, numbered as `--set PARTY.red_lines.N=off` names it.
#[derive(Debug, Clone, Serialize)]
pub struct RedLineEntry {
    /// The party.
    pub party: Id,
    /// Its place among the party's red lines, from 1, as in the file.
    pub number: usize,
    /// When it is crossed: every listed issue takes one of its listed
    /// options.
    pub when: Keyed<Vec<OptionValue>>,
    /// Why, as written in the scenario.
    pub reason: Option<String>,
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
    /// Every party's red lines, in party order.
    pub red_lines: Vec<RedLineEntry>,
    /// The uncertain numbers.
    pub uncertain: Vec<UncertainInput>,
    /// How many independent random sources the uncertain numbers use.
    pub uncertain_sources: usize,
    /// How many observations (`[[observations]]`) the scenario records.
    pub observations: usize,
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
            red_lines: s
                .preferences
                .iter()
                .enumerate()
                .flat_map(|(p, prefs)| {
                    prefs
                        .red_lines
                        .iter()
                        .enumerate()
                        .map(move |(k, r)| RedLineEntry {
                            party: ids.party(p),
                            number: k + 1,
                            when: Keyed(
                                r.condition
                                    .clauses
                                    .iter()
                                    .map(|(i, opts)| {
                                        (
                                            ids.issue(*i),
                                            opts.iter().map(|&o| ids.option(*i, o)).collect(),
                                        )
                                    })
                                    .collect(),
                            ),
                            reason: r.reason.clone(),
                        })
                })
                .collect(),
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
            observations: s.observations.len(),
        }
    }
}
