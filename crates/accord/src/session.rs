//! A session: one scenario, loaded, overridden and validated once, that
//! answers [`Request`]s.

use std::path::Path;

use accord_core::model::Scenario;

use crate::error::Error;
use crate::input::Input;
use crate::observe::Observer;
use crate::report::{check::CheckReport, variant::Report};
use crate::request::Request;
use crate::resolve::Ids;

/// A loaded scenario that answers requests.
#[derive(Debug, Clone)]
pub struct Session {
    input: Input,
}

impl Session {
    /// Loads a scenario file (and the deal files it lists, from its own
    /// folder), then applies `--set` overrides (`PATH=VALUE`).
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input` with every problem located.
    pub fn load(path: &Path, sets: &[String]) -> Result<Session, Error> {
        Ok(Session {
            input: Input::load(path, sets)?,
        })
    }

    /// Parses a scenario given as text (`name` says its format by extension:
    /// `.toml`, `.yaml`, `.json`), then applies overrides. Reads no file.
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input`.
    pub fn from_text(text: &str, name: &str, sets: &[String]) -> Result<Session, Error> {
        Ok(Session {
            input: Input::from_text(text, name, sets)?,
        })
    }

    /// A session over a scenario built in code.
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input` when an override or the engine's checks fail.
    pub fn from_scenario(scenario: Scenario, sets: &[String]) -> Result<Session, Error> {
        Ok(Session {
            input: Input::from_scenario(scenario, sets)?,
        })
    }

    /// The validated scenario (overrides applied).
    pub fn scenario(&self) -> &Scenario {
        self.input.scenario()
    }

    /// The scenario's file, if it came from one.
    pub fn file(&self) -> Option<&Path> {
        self.input.file()
    }

    /// What the answers read.
    pub fn input(&self) -> &Input {
        &self.input
    }

    /// Answers a request.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose kind says whether the request was bad (`Usage`),
    /// an input it names was invalid (`Input`) or the observer cancelled.
    pub fn run(&self, request: &Request, observer: &dyn Observer) -> Result<Report, Error> {
        let ids = Ids::new(self.input.scenario());
        Ok(match request {
            Request::Check => Report::Check(CheckReport::new(&ids)),
            Request::Evaluate { deal, change } => Report::Evaluate(
                crate::report::evaluate::answer(&self.input, &ids, deal, change.as_deref())?,
            ),
            Request::Analyze {
                parties,
                ties,
                ratified,
            } => Report::Analyze(Box::new(crate::report::analyze::answer(
                &ids,
                parties.as_deref(),
                *ties,
                *ratified,
                observer,
            )?)),
            Request::Frontier {
                parties,
                ties,
                ratified,
            } => Report::Frontier(Box::new(crate::report::frontier::answer(
                &ids,
                parties.as_deref(),
                *ties,
                *ratified,
                observer,
            )?)),
            Request::Simulate {
                protocol,
                strategies,
                parties,
                rounds,
                drift,
                discount,
                opponent_model,
                seed,
                deal,
                change,
            } => Report::Simulate(crate::report::simulate::answer(
                &ids,
                &crate::report::simulate::Args {
                    protocol,
                    strategies,
                    parties: parties.as_deref(),
                    rounds: *rounds,
                    drift,
                    discount,
                    opponent_model: *opponent_model,
                    seed: *seed,
                    plan: self
                        .input
                        .optional_plan(&ids, deal.as_deref(), change.as_deref())?,
                },
            )?),
            Request::Leverage { ratified } => Report::Leverage(crate::report::leverage::answer(
                &self.input,
                &ids,
                *ratified,
                observer,
            )?),
            Request::Repair {
                deal,
                change,
                limit,
                ratified,
            } => Report::Repair(crate::report::repair::answer(
                &self.input,
                &ids,
                deal,
                change.as_deref(),
                *limit,
                *ratified,
                observer,
            )?),
            Request::Mediate {
                press,
                satisfy,
                maximize,
                curve,
                deal,
                change,
                limit,
                ratified,
            } => Report::Mediate(crate::report::mediate::answer(
                &self.input,
                &ids,
                &crate::report::mediate::Args {
                    press,
                    satisfy: satisfy.as_deref(),
                    maximize: maximize.as_deref(),
                    curve: *curve,
                    deal: deal.as_deref(),
                    change: change.as_deref(),
                    limit: *limit,
                    ratified: *ratified,
                },
                observer,
            )?),
            Request::Robust { .. } => Report::Robust(crate::report::robust::answer(
                &self.input,
                &ids,
                request,
                observer,
            )?),
            Request::Sweep { .. } => Report::Sweep(crate::report::sweep::answer(
                &self.input,
                &crate::report::sweep::args_of(request)?,
                observer,
            )?),
            Request::Calibrate { samples, seed } => Report::Calibrate(
                crate::report::calibrate::answer(&self.input, &ids, *samples, *seed, observer)?,
            ),
            Request::Report { samples, seed } => Report::Briefing(Box::new(
                crate::report::briefing::answer(self, *samples, *seed, observer)?,
            )),
        })
    }
}

impl AsRef<Input> for Session {
    fn as_ref(&self) -> &Input {
        &self.input
    }
}
