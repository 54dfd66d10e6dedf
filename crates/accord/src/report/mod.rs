//! Reports: the answers, as data.
//!
//! One type per question, serialisable with serde (the JSON schema is
//! `docs/output-schema.md`, version [`SCHEMA_VERSION`]). Reports carry ids,
//! not indices, named fields and enums; they never format. The renderers in
//! [`crate::render`] turn them into tables, JSON, CSV and SVG.

pub mod analyze;
pub mod check;
pub mod evaluate;
pub mod forecast;
pub mod frontier;
pub mod leverage;
pub mod levers;
pub mod mediate;
pub mod repair;
pub mod robust;
pub mod scenario;
pub mod simulate;
pub mod tournament;
pub mod validation;
pub mod value;

use serde::Serialize;

pub use analyze::AnalysisReport;
pub use check::CheckReport;
pub use evaluate::{DealEvaluation, EvaluationReport};
pub use forecast::ForecastReport;
pub use frontier::FrontierReport;
pub use leverage::LeverageReport;
pub use levers::{LeastCostReport, MixReport};
pub use mediate::MediateReport;
pub use repair::RepairReport;
pub use robust::RobustReport;
pub use scenario::ScenarioSummary;
pub use simulate::SimulationReport;
pub use tournament::TournamentReport;
pub use validation::ValidationReport;

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

/// The answer to a [`crate::Request`]: one variant per question.
///
/// Serialised untagged: each variant's JSON is the command's `--json`
/// output.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Report {
    /// `check`.
    Check(CheckReport),
    /// `evaluate`.
    Evaluate(EvaluationReport),
    /// `analyze`.
    Analyze(Box<AnalysisReport>),
    /// `frontier`.
    Frontier(Box<FrontierReport>),
    /// `simulate`.
    Simulate(SimulationReport),
    /// `tournament` (several scenarios: [`crate::tournament()`]).
    Tournament(TournamentReport),
    /// `forecast` ([`crate::forecast()`]).
    Forecast(ForecastReport),
    /// `forecast --validate` ([`crate::validate()`]).
    Validation(ValidationReport),
    /// `leverage`.
    Leverage(LeverageReport),
    /// `repair`.
    Repair(RepairReport),
    /// `mediate`.
    Mediate(MediateReport),
    /// `robust`.
    Robust(RobustReport),
}
