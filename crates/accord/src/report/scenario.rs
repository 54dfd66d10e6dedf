//! The scenario as every report echoes it: parties and issues by id.

use serde::Serialize;

use crate::report::value::{Id, OptionValue};
use crate::resolve::Ids;

/// A party as reports echo it.
#[derive(Debug, Clone, Serialize)]
pub struct PartySummary {
    /// Id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// `principal`, `mediator`, `guarantor` or `stakeholder`.
    pub role: &'static str,
    /// Whether its acceptance is needed.
    pub veto: bool,
    /// Its reservation value (the utility of no deal).
    pub reservation: f64,
}

/// An issue as reports echo it.
#[derive(Debug, Clone, Serialize)]
pub struct IssueSummary {
    /// Id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// `options`, `integer` or `real`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its options (ids, or numbers for numeric issues).
    pub options: Vec<OptionValue>,
    /// The party that must deliver it (present only when it has one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// The option it keeps without its owner (present only with an owner).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_quo: Option<OptionValue>,
}

/// The scenario's name, parties and issues.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioSummary {
    /// The scenario's name.
    pub name: String,
    /// Its parties, in order.
    pub parties: Vec<PartySummary>,
    /// Its issues, in order.
    pub issues: Vec<IssueSummary>,
}

impl ScenarioSummary {
    pub(crate) fn of(ids: &Ids) -> ScenarioSummary {
        let s = ids.s;
        ScenarioSummary {
            name: s.name.clone(),
            parties: s
                .parties
                .iter()
                .enumerate()
                .map(|(p, x)| PartySummary {
                    id: ids.party(p),
                    name: x.name.clone(),
                    role: x.role.as_str(),
                    veto: x.veto,
                    reservation: x.reservation,
                })
                .collect(),
            issues: s
                .issues
                .iter()
                .enumerate()
                .map(|(i, x)| IssueSummary {
                    id: ids.issue(i),
                    name: x.name.clone(),
                    kind: x.kind.as_str(),
                    options: (0..x.options.len()).map(|o| ids.option(i, o)).collect(),
                    owner: x.owner.map(|w| ids.party(w.party)),
                    status_quo: x.owner.map(|w| ids.option(i, w.status_quo)),
                })
                .collect(),
        }
    }
}
