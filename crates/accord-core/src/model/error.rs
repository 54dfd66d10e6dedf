//! Errors of the core library.

use thiserror::Error;

/// A number of combinations as the message says it: exact, or "more than
/// 3.4·10^38" where the count saturated.
fn combinations(size: u128) -> String {
    if size == u128::MAX {
        "more than 3.4·10^38".to_string()
    } else {
        size.to_string()
    }
}

/// An error raised by the engine.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ModelError {
    /// The scenario breaks an invariant.
    #[error("invalid scenario: {0}")]
    Invalid(String),
    /// Compound issues (issues tied by a red line or an interaction) would be too large.
    #[error("issues {issues} are tied together by red lines or interactions into a compound issue of {} option combinations (limit {limit})", combinations(*size))]
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
    #[error("`{party}`'s utility is capped at 1 and its sum reaches {max:.6} for some packages; the cap binds, which only the branch-and-bound searches over the issues (`analyze`, `mediate`, `leverage`, `repair`) take into account")]
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

#[cfg(test)]
mod tests {
    use super::ModelError;

    #[test]
    fn a_saturated_count_is_not_printed_as_a_number() {
        let e = |size| {
            ModelError::CompoundTooLarge {
                issues: "a, b".into(),
                size,
                limit: 1 << 20,
            }
            .to_string()
        };
        assert!(e(u128::MAX).contains("more than 3.4·10^38 option combinations"));
        assert!(e(10_000_000_000).contains("of 10000000000 option combinations"));
    }
}
