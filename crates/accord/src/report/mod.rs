//! Reports: the answers, as data.
//!
//! One type per question, serialisable with serde (the JSON schema is
//! `docs/output-schema.md`, version [`SCHEMA_VERSION`]). Reports carry ids,
//! not indices, named fields and enums; they never format. The renderers in
//! [`crate::render`] turn them into tables, JSON, CSV and SVG.

pub mod analyze;
pub mod briefing;
pub mod calibrate;
pub mod change;
pub mod check;
pub mod compare;
pub mod evaluate;
pub mod forecast;
pub mod frontier;
pub mod leverage;
pub mod levers;
pub mod mediate;
pub mod repair;
pub mod robust;
pub mod scenario;
pub mod schema;
pub mod simulate;
pub mod sweep;
pub mod tournament;
pub mod validation;
pub mod value;
pub mod variant;

pub use analyze::AnalysisReport;
pub use briefing::BriefingReport;
pub use check::CheckReport;
pub use compare::CompareReport;
pub use evaluate::{DealEvaluation, EvaluationReport};
pub use forecast::ForecastReport;
pub use frontier::FrontierReport;
pub use leverage::LeverageReport;
pub use levers::{LeastCostReport, MixReport};
pub use mediate::MediateReport;
pub use repair::RepairReport;
pub use robust::RobustReport;
pub use scenario::ScenarioSummary;
pub use schema::SCHEMA_VERSION;
pub use simulate::SimulationReport;
pub use tournament::TournamentReport;
pub use validation::ValidationReport;
pub use variant::Report;
