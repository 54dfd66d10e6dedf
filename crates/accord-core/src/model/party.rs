//! The parties: roles, veto, reservation values, and the mediator's pressure.

use std::fmt;

use serde::Serialize;

/// How far the mediator can lower a party's reservation value (a stick, such
/// as cutting arms or intelligence), and what doing so costs the mediator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pressure {
    /// The largest credible lowering, on the party's 0–1 scale.
    pub max: f64,
    /// The mediator's cost of applying the full `max`, in cost units;
    /// a partial lowering costs proportionally.
    pub cost: f64,
}

impl Pressure {
    /// Cost per unit of lowering (0 when `max` is 0).
    pub fn rate(&self) -> f64 {
        if self.max > 0.0 {
            self.cost / self.max
        } else {
            0.0
        }
    }
}

/// What a party is in the negotiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A side whose acceptance is needed (a veto player by default).
    Principal,
    /// The party brokering the deal; not a veto player by default.
    Mediator,
    /// A party that must provide guarantees; not a veto player by default.
    Guarantor,
    /// A party with interests but no veto by default.
    Stakeholder,
}

impl Role {
    /// The keyword used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Principal => "principal",
            Role::Mediator => "mediator",
            Role::Guarantor => "guarantor",
            Role::Stakeholder => "stakeholder",
        }
    }

    /// Parses the keyword used in scenario files.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "principal" => Role::Principal,
            "mediator" => Role::Mediator,
            "guarantor" => Role::Guarantor,
            "stakeholder" => Role::Stakeholder,
            _ => return None,
        })
    }

    /// Whether a party with this role must accept a deal unless the scenario says otherwise.
    pub fn default_veto(self) -> bool {
        matches!(self, Role::Principal)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A party to the negotiation.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// Identifier used in files and output.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role in the negotiation.
    pub role: Role,
    /// Whether the party's acceptance is required for an agreement.
    pub veto: bool,
    /// Utility of no agreement (BATNA), on the party's 0–1 scale.
    pub reservation: f64,
    /// Free-text notes.
    pub notes: Option<String>,
    /// Free-form metadata carried through from imports (e.g. a Genius discount factor).
    pub metadata: Vec<(String, String)>,
    /// The mediator's stick against this party (`None`: none).
    pub pressure: Option<Pressure>,
    /// A second threshold for domestic approval (ratification), on the
    /// party's 0–1 scale (`None`: no separate ratification step).
    pub ratification: Option<f64>,
    /// The share of the pressure applied to this party that also lowers its
    /// ratification threshold, in \[0,1\] (0: pressure does not help
    /// ratification). A deal imposed by the mediator can be easier to sell
    /// at home: the blame goes to the mediator. Definitions:
    /// `docs/definitions.md`, "Imposed deals".
    pub imposed: f64,
}
