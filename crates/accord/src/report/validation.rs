//! `forecast --validate`: forecasting models scored on a validation set.

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::report::forecast::{options, ForecastModel};
use crate::report::schema::SCHEMA_VERSION;
use crate::request::ValidateRequest;

/// One issue of the set, as a model forecast it.
#[derive(Debug, Clone, Serialize)]
pub struct IssueScore {
    /// The issue.
    pub issue: String,
    /// The model's forecast.
    pub forecast: f64,
    /// What happened.
    pub outcome: f64,
    /// |forecast − outcome|.
    pub error: f64,
    /// The error divided by the spread of the actors' positions.
    pub error_normalised: f64,
}

/// How one model did.
#[derive(Debug, Clone, Serialize)]
pub struct ModelScore {
    /// The model.
    pub model: ForecastModel,
    /// Mean absolute error.
    pub mae: f64,
    /// Mean of the normalised errors.
    pub mae_normalised: f64,
    /// Median of the normalised errors.
    pub median_normalised: f64,
    /// Share of issues where its error is smaller than the compromise
    /// model's.
    pub beats_compromise: f64,
    /// The number of issues.
    pub n_issues: usize,
    /// Per issue, in the set's order.
    pub issues: Vec<IssueScore>,
}

/// The answer to `forecast --validate`.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The issues of the set, in order.
    pub issues: Vec<String>,
    /// Per model scored, its score.
    pub models: Vec<ModelScore>,
}

/// Answers `forecast --validate`: checks the request, reads the set
/// (`issue,actor,capability,position,salience` and `issue,outcome`), scores.
pub(crate) fn answer(
    actors: &Path,
    outcomes: &Path,
    req: &ValidateRequest,
) -> Result<ValidationReport, Error> {
    let model = ForecastModel::parse(&req.model)?;
    let o = options(req.rounds, &req.reading, req.q, &req.pce)?;
    let cases = accord_io::actors::load_validation(actors, outcomes)?;
    let models = accord_core::forecast::validate::models(model.core(), req.all);
    let v = accord_core::forecast::validate::validate(&cases, &models, &o);
    Ok(ValidationReport {
        schema_version: SCHEMA_VERSION,
        models: v
            .scores
            .iter()
            .map(|s| ModelScore {
                model: ForecastModel::of(s.model),
                mae: s.mae,
                mae_normalised: s.mae_normalised,
                median_normalised: s.median_normalised,
                beats_compromise: s.beats_compromise,
                n_issues: s.cases.len(),
                issues: s
                    .cases
                    .iter()
                    .enumerate()
                    .map(|(k, &(f, e, en))| IssueScore {
                        issue: v.issues[k].clone(),
                        forecast: f,
                        outcome: v.outcomes[k],
                        error: e,
                        error_normalised: en,
                    })
                    .collect(),
            })
            .collect(),
        issues: v.issues,
    })
}
