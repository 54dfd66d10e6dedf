//! The compiled form: the scenario as independent groups of issues with dense
//! per-option utility contributions.
//!
//! Issues tied by a multi-issue red line or interaction are joined into one
//! *compound* group whose options are the combinations of their options. After
//! that every party's utility is a sum over groups, which is what the merge
//! ([`crate::analysis::frontier`]) and the counter ([`crate::analysis::zopa`])
//! rely on.
//!
//! - `compiled`: [`Compiled`] and [`Compiled::new`].
//! - `group`: one independent [`Group`] and [`additive`] objectives over groups.
//! - `union_find`: the union–find that ties issues into groups.

mod compiled;
mod group;
pub(crate) mod union_find;

pub use compiled::{Compiled, OwnerCondition, OwnerRule, MAX_GROUP_OPTIONS};
pub use group::{additive, Group};
