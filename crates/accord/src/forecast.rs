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

use accord_core::forecast::Actors;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::report::Report;
use crate::Session;

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

/// The settings of a forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastRequest {
    /// `smp`, `eum` or `compromise` (default `smp`).
    #[serde(default = "default_model")]
    pub model: String,
    /// Stop after this many rounds (default: the model's own rule; SMP: on
    /// convergence, at most 100; EUM: 10, or when nothing moves).
    #[serde(default)]
    pub rounds: Option<usize>,
    /// Expected-utility model: `table2` or `paper` (default `table2`).
    #[serde(default = "default_reading")]
    pub reading: String,
    /// Expected-utility model: probability that the status quo persists
    /// without a challenge, in [0, 1] (default 1).
    #[serde(default = "default_q")]
    pub q: f64,
    /// SMP: the probabilistic Condorcet election, `conditional` or `markov`
    /// (default `conditional`).
    #[serde(default = "default_pce")]
    pub pce: String,
}

impl Default for ForecastRequest {
    fn default() -> Self {
        ForecastRequest {
            model: default_model(),
            rounds: None,
            reading: default_reading(),
            q: default_q(),
            pce: default_pce(),
        }
    }
}

/// The settings of a validation: the models to score and their settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// The model scored beside the compromise baseline (default `smp`).
    #[serde(default = "default_model")]
    pub model: String,
    /// Score every model instead (default false).
    #[serde(default)]
    pub all: bool,
    /// As [`ForecastRequest::rounds`].
    #[serde(default)]
    pub rounds: Option<usize>,
    /// As [`ForecastRequest::reading`] (default `table2`).
    #[serde(default = "default_reading")]
    pub reading: String,
    /// As [`ForecastRequest::q`] (default 1).
    #[serde(default = "default_q")]
    pub q: f64,
    /// As [`ForecastRequest::pce`] (default `conditional`).
    #[serde(default = "default_pce")]
    pub pce: String,
}

impl Default for ValidateRequest {
    fn default() -> Self {
        ValidateRequest {
            model: default_model(),
            all: false,
            rounds: None,
            reading: default_reading(),
            q: default_q(),
            pce: default_pce(),
        }
    }
}

fn default_model() -> String {
    "smp".into()
}

fn default_reading() -> String {
    "table2".into()
}

fn default_q() -> f64 {
    1.0
}

fn default_pce() -> String {
    "conditional".into()
}

/// Runs a forecasting model on the actors.
///
/// # Errors
///
/// A `Usage` error for an unknown model, reading or election variant, or a
/// `q` outside [0, 1].
pub fn forecast(input: &ForecastInput, req: &ForecastRequest) -> Result<Report, Error> {
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
