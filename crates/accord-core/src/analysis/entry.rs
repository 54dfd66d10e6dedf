//! The entry points of `analyze`: the merge where the scenario compiles,
//! branch and bound where a compound issue is too large to list (or a cap
//! binds).

use std::time::Instant;

use super::report::{analyze_merged, Analysis, AnalysisError, AnalyzeOptions};
use super::sparse_report;
use crate::compile::Compiled;
use crate::model::{ModelError, Scenario};
use crate::observe::{Observer, Silent};
use crate::parallel::Cancelled;

/// Runs the exact analysis.
///
/// # Errors
///
/// Whatever [`Compiled::new`] reports, [`ModelError::UnknownParty`] for a
/// frontier party index out of range, and [`AnalysisError::TooLarge`] for a
/// frontier past [`MAX_SUMS`](super::frontier::MAX_SUMS).
pub fn analyze(s: &Scenario, opts: &AnalyzeOptions) -> Result<Analysis, AnalysisError> {
    analyze_with(s, opts, &Silent)
}

/// The analysis by branch and bound over the issues, what [`analyze`] does
/// for a scenario whose interactions tie issues into a compound issue too
/// large to list, whatever the scenario (for checks and measurements; issue
/// owners are not supported there).
///
/// # Errors
///
/// As [`analyze`]; [`ModelError::Invalid`] for a scenario with owners;
/// [`AnalysisError::SearchLimit`] past the search's node limit.
pub fn analyze_by_search(
    s: &Scenario,
    opts: &AnalyzeOptions,
    observer: &dyn Observer,
) -> Result<Analysis, AnalysisError> {
    s.validate()?;
    if !sparse_report::applies(s) {
        return Err(ModelError::Invalid(
            "the branch-and-bound analysis does not take owners of issues".into(),
        )
        .into());
    }
    sparse_report::analyze_sparse(s, opts, observer, "the scenario")
}

/// Runs the exact analysis, its merge steps reported to `observer`, which
/// is asked between phases whether to stop.
///
/// # Errors
///
/// As [`analyze`], and [`AnalysisError::Cancelled`].
pub fn analyze_with(
    s: &Scenario,
    opts: &AnalyzeOptions,
    observer: &dyn Observer,
) -> Result<Analysis, AnalysisError> {
    if observer.cancelled() {
        return Err(AnalysisError::Cancelled(Cancelled));
    }
    let t0 = Instant::now();
    match Compiled::new(s) {
        Ok(c) => analyze_merged(s, opts, observer, c, t0.elapsed().as_secs_f64()),
        // A compound issue too large to list, or a cap that binds: branch
        // and bound instead.
        Err(e @ (ModelError::CompoundTooLarge { .. } | ModelError::CapBinds { .. }))
            if sparse_report::applies(s) =>
        {
            sparse_report::analyze_sparse(s, opts, observer, &e.to_string())
        }
        Err(e) => Err(e.into()),
    }
}
