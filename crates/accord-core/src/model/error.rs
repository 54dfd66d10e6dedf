//! Errors of the core library.

use thiserror::Error;

/// An error raised by the engine.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ModelError {
    /// The scenario breaks an invariant.
    #[error("invalid scenario: {0}")]
    Invalid(String),
    /// Compound issues (issues tied by a red line or an interaction) would be too large.
    #[error("issues {issues} are tied together by red lines or interactions into a compound issue of {size} option combinations (limit {limit})")]
    CompoundTooLarge {
        /// The ids of the tied issues.
        issues: String,
        /// Number of combinations (saturating).
        size: u128,
        /// The limit.
        limit: usize,
    },
    /// Interactions push a party's utility outside the 0–1 scale.
    #[error("with its interactions, `{party}`'s utility ranges over [{min:.6}, {max:.6}] across packages, outside the 0–1 scale")]
    OutOfScale {
        /// The party id.
        party: String,
        /// Smallest utility over all packages.
        min: f64,
        /// Largest utility over all packages.
        max: f64,
    },
    /// A capped utility whose sum passes 1 for some package: the cap makes
    /// utilities non-additive, which only the branch-and-bound analysis takes.
    #[error("`{party}`'s utility is capped at 1 and its sum reaches {max:.6} for some packages; the cap binds, which only `analyze` (by branch and bound over the issues) takes into account")]
    CapBinds {
        /// The party id.
        party: String,
        /// Largest sum over all packages.
        max: f64,
    },
    /// A named party does not exist.
    #[error("unknown party `{0}`")]
    UnknownParty(String),
}
