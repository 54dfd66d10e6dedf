//! The exact analyses of a compiled scenario.
//!
//! - [`analyze`] (`entry`, `report`): outcome space, ZOPA, Pareto frontier
//!   and solutions in one [`Analysis`]; `sparse` and `sparse_report` where a
//!   compound issue is too large to list (branch and bound).
//! - [`frontier`]: the exact Pareto frontier by issue-wise merging, on the
//!   non-dominance filters of [`dominance`] (with an orthant index, `orthant`,
//!   for three or more objectives).
//! - [`zopa`]: counting the zone of possible agreement without listing it.
//! - [`solutions`]: bargaining solutions over the ZOPA.
//! - [`evaluate`](mod@evaluate): what one proposal does to each party.

pub mod dominance;
mod entry;
pub mod evaluate;
pub mod frontier;
mod orthant;
mod report;
pub mod solutions;
pub mod sparse;
pub mod sparse_report;
mod staged;
pub mod zopa;

pub use entry::{analyze, analyze_by_search, analyze_with};
pub use report::{
    outcome_count, Analysis, AnalysisError, AnalyzeOptions, IssueZopa, ParetoPoint, SolutionReport,
    SparseFrontier, Timings,
};
