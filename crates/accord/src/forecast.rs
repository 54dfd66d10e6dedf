//! Forecasts over actor files: where actors end up under a model
//! ([`forecast()`]), and how the models score on a validation set
//! ([`validate()`]). Entry points of their own: their inputs are actor
//! tables (a KTAB CSV, `actor,capability,position,salience`, or a
//! scenario's positioned issues), not one scenario's session.
//!
//! ```
//! let r: accord::ForecastRequest = serde_json::from_str(r#"{"model": "eum"}"#).unwrap();
//! assert_eq!(r.reading, "table2");
//! assert_eq!(r.q, 1.0);
//! ```

use std::path::Path;

use crate::request::{ForecastRequest, ValidateRequest};
use accord_core::forecast::Actors;

use crate::error::Error;
use crate::report::variant::Report;
use crate::session::Session;

/// The actors a forecast runs on.
#[derive(Debug, Clone)]
pub struct ForecastInput {
    actors: Actors,
}

impl ForecastInput {
    /// Reads actors from a file: a `.csv` (KTAB's SMP layout or
    /// `actor,capability,position,salience`), or a scenario file whose
    /// issues' options carry positions, with the `--set` overrides applied
    /// (`PATH=VALUE`; they apply to scenario files only).
    ///
    /// # Errors
    ///
    /// An `Input` error for a malformed file; a `Usage` error for overrides
    /// given with a CSV.
    pub fn load(path: &Path, sets: &[String]) -> Result<ForecastInput, Error> {
        let csv = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if csv {
            if !sets.is_empty() {
                return Err(Error::usage(
                    format!(
                        "--set applies to scenario files only; {} is an actor file",
                        path.display()
                    ),
                    Some("edit the CSV, or forecast from a scenario file".into()),
                ));
            }
            return Ok(ForecastInput {
                actors: accord_io::actors::load_actors(path)?,
            });
        }
        let mut s = accord_io::scenario::load_scenario(path)?;
        accord_io::overrides::apply_overrides(&mut s, sets)?;
        Ok(ForecastInput {
            actors: accord_io::actors::from_scenario(&s)?,
        })
    }

    /// The actors of a session's scenario: its parties, on every issue whose
    /// options all carry a position.
    ///
    /// # Errors
    ///
    /// An `Input` error when no issue has positions on every option.
    pub fn from_session(session: &Session) -> Result<ForecastInput, Error> {
        Ok(ForecastInput {
            actors: accord_io::actors::from_scenario(session.scenario())?,
        })
    }

    /// The case's name.
    pub fn name(&self) -> &str {
        &self.actors.name
    }
}

/// Runs a forecasting model on the actors.
///
/// # Errors
///
/// A `Usage` error for an unknown model, reading or election variant, or a
/// `q` outside [0, 1].
pub fn forecast(input: &ForecastInput, req: &ForecastRequest) -> Result<Report, Error> {
    use crate::limits::{at_most, MAX_ACTORS, MAX_FORECAST_ROUNDS};
    at_most("the number of actors", input.actors.names.len(), MAX_ACTORS)?;
    if let Some(r) = req.rounds {
        at_most("--rounds", r, MAX_FORECAST_ROUNDS)?;
    }
    Ok(Report::Forecast(crate::report::forecast::answer(
        &input.actors,
        req,
    )?))
}

/// Scores models on a validation set: `actors` with
/// `issue,actor,capability,position,salience`, `outcomes` with
/// `issue,outcome`.
///
/// # Errors
///
/// A `Usage` error for a bad request (checked before the files are read),
/// an `Input` error for a malformed file.
pub fn validate(actors: &Path, outcomes: &Path, req: &ValidateRequest) -> Result<Report, Error> {
    Ok(Report::Validation(crate::report::validation::answer(
        actors, outcomes, req,
    )?))
}
