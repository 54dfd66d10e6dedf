//! The validated scenario: parties, issues, preferences, deals, and the
//! distributions on its numbers.
//!
//! A [`Scenario`] is what every analysis starts from. Front ends build it from
//! files (see the `accord-io` crate), checking every rule with source
//! locations; [`Scenario::validate`] re-checks the invariants for scenarios
//! built in code, without locations.
//!
//! This is the lowest layer: it imports nothing else from the crate.
//!
//! - `scenario`: [`Scenario`], its queries and [`Scenario::validate`];
//!   [`apply`] sets one of its numbers.
//! - [`edit`]: structural edits — red lines switched off, options removed
//!   (everything indexed by option renumbered).
//! - `party`, `issue`, `preferences`, `deal`: the parts of a scenario;
//!   `observation`: what the parties said of packages.
//! - [`distribution`]: distributions on the scenario's numbers ([`Uncertainty`]).
//! - `error`: [`ModelError`].
//!
//! [`Uncertainty`]: distribution::Uncertainty

mod deal;
pub mod distribution;
pub mod edit;
mod error;
mod issue;
mod observation;
mod party;
mod preferences;
mod scenario;

pub use deal::{Deal, Package};
pub use error::ModelError;
pub use issue::{Issue, IssueKind, OptionDef, Owner, RESERVED_ISSUE_ID};
pub use observation::{Observation, Response};
pub use party::{Party, Pressure, Role};
pub use preferences::{Condition, Interaction, Preferences, RedLine};
pub use scenario::{apply, copy_numbers, Scenario, DEFAULT_TOLERANCE};
