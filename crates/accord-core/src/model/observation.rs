//! What the parties said: a party accepted or rejected a package
//! (`[[observations]]`), which bounds its reservation value
//! (`docs/definitions.md`, "Calibration").

/// A party's response to a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// The party accepted the package (or called it a basis it would sign).
    Accepts,
    /// The party rejected the package.
    Rejects,
}

/// One observed response.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The party that responded.
    pub party: usize,
    /// The package it responded to: one option per issue.
    pub package: Vec<usize>,
    /// The deal's id, when the observation names a deal on file.
    pub deal: Option<String>,
    /// What it said.
    pub response: Response,
    /// Where it is reported (free text, e.g. a citation `[19]`).
    pub source: Option<String>,
    /// When (free text, e.g. `2025-11-27`).
    pub date: Option<String>,
}

impl Observation {
    /// Whether a scenario agrees with the observation: the party accepts
    /// the package in it exactly when the observation says it accepted.
    /// A rejected package across one of the party's red lines agrees with
    /// every reservation value.
    pub fn agrees(&self, s: &super::Scenario) -> bool {
        s.acceptable(self.party, &self.package) == (self.response == Response::Accepts)
    }
}
