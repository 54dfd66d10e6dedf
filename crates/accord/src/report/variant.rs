//! [`Report`]: one variant per question.

use serde::Serialize;

use crate::report::analyze::AnalysisReport;
use crate::report::check::CheckReport;
use crate::report::compare::CompareReport;
use crate::report::evaluate::EvaluationReport;
use crate::report::forecast::ForecastReport;
use crate::report::frontier::FrontierReport;
use crate::report::leverage::LeverageReport;
use crate::report::mediate::MediateReport;
use crate::report::repair::RepairReport;
use crate::report::robust::RobustReport;
use crate::report::simulate::SimulationReport;
use crate::report::tournament::TournamentReport;
use crate::report::validation::ValidationReport;

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
    /// `compare` (several scenarios: [`crate::compare()`]).
    Compare(CompareReport),
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
    /// `sweep`.
    Sweep(crate::report::sweep::SweepReport),
    /// `calibrate`.
    Calibrate(crate::report::calibrate::CalibrationReport),
    /// `report` (the briefing).
    Briefing(Box<crate::report::briefing::BriefingReport>),
}

impl Report {
    /// The command that gives this report (`analyze`, `robust`, …; `forecast
    /// --validate` is `validate`, the briefing `report`).
    pub fn command(&self) -> &'static str {
        match self {
            Report::Check(_) => "check",
            Report::Evaluate(_) => "evaluate",
            Report::Analyze(_) => "analyze",
            Report::Frontier(_) => "frontier",
            Report::Simulate(_) => "simulate",
            Report::Tournament(_) => "tournament",
            Report::Compare(_) => "compare",
            Report::Forecast(_) => "forecast",
            Report::Validation(_) => "validate",
            Report::Leverage(_) => "leverage",
            Report::Repair(_) => "repair",
            Report::Mediate(_) => "mediate",
            Report::Robust(_) => "robust",
            Report::Sweep(_) => "sweep",
            Report::Calibrate(_) => "calibrate",
            Report::Briefing(_) => "report",
        }
    }
}
