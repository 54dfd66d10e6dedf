//! A session: one scenario, loaded, overridden and validated once, that
//! answers [`Request`]s.

use std::path::{Path, PathBuf};

use accord_core::model::{Deal, Scenario};
use accord_io::diagnostic::SourceText;
use accord_io::scenario::Format;

use crate::error::Error;
use crate::observe::Observer;
use crate::report::{CheckReport, Report};
use crate::request::Request;
use crate::resolve::Ids;

/// A loaded scenario that answers requests.
#[derive(Debug, Clone)]
pub struct Session {
    scenario: Scenario,
    /// The scenario's file, when it came from one: deal files named in a
    /// request are read only then (the user named them).
    file: Option<PathBuf>,
}

impl Session {
    /// Loads a scenario file (and the deal files it lists, from its own
    /// folder), then applies `--set` overrides (`PATH=VALUE`).
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input` with every problem located.
    pub fn load(path: &Path, sets: &[String]) -> Result<Session, Error> {
        let scenario = accord_io::scenario::load_scenario(path)?;
        Session::new(scenario, Some(path.to_path_buf()), sets)
    }

    /// Parses a scenario given as text (`name` says its format by extension:
    /// `.toml`, `.yaml`, `.json`), then applies overrides. Reads no file.
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input`.
    pub fn from_text(text: &str, name: &str, sets: &[String]) -> Result<Session, Error> {
        let src = SourceText::new(name.to_string(), text.to_string());
        let scenario =
            accord_io::scenario::parse_scenario(&src, Format::of(Path::new(name)), None)?;
        Session::new(scenario, None, sets)
    }

    /// A session over a scenario built in code.
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input` when an override or the engine's checks fail.
    pub fn from_scenario(scenario: Scenario, sets: &[String]) -> Result<Session, Error> {
        Session::new(scenario, None, sets)
    }

    fn new(
        mut scenario: Scenario,
        file: Option<PathBuf>,
        sets: &[String],
    ) -> Result<Session, Error> {
        accord_io::overrides::apply_overrides(&mut scenario, sets)?;
        accord_core::compile::Compiled::new(&scenario).map_err(Error::model)?;
        Ok(Session { scenario, file })
    }

    /// The validated scenario (overrides applied).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario's file, if it came from one.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Answers a request.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose kind says whether the request was bad (`Usage`),
    /// an input it names was invalid (`Input`) or the observer cancelled.
    pub fn run(&self, request: &Request, observer: &dyn Observer) -> Result<Report, Error> {
        let ids = Ids::new(&self.scenario);
        Ok(match request {
            Request::Check => Report::Check(CheckReport::new(&ids)),
            Request::Evaluate { deal } => {
                Report::Evaluate(crate::report::evaluate::answer(self, &ids, deal)?)
            }
            Request::Analyze { parties, ties } => Report::Analyze(Box::new(
                crate::report::analyze::answer(&ids, parties.as_deref(), *ties, observer)?,
            )),
            Request::Frontier { parties, ties } => Report::Frontier(Box::new(
                crate::report::frontier::answer(&ids, parties.as_deref(), *ties, observer)?,
            )),
            Request::Simulate {
                protocol,
                strategies,
                parties,
                rounds,
                drift,
                discount,
                opponent_model,
                seed,
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
                },
            )?),
            Request::Leverage => Report::Leverage(crate::report::leverage::answer(self, &ids)?),
            Request::Repair {
                deal,
                limit,
                ratified,
            } => Report::Repair(crate::report::repair::answer(
                self, &ids, deal, *limit, *ratified,
            )?),
            Request::Mediate {
                press,
                satisfy,
                limit,
                ratified,
            } => Report::Mediate(crate::report::mediate::answer(
                self,
                &ids,
                press,
                satisfy.as_deref(),
                *limit,
                *ratified,
            )?),
            Request::Robust {
                samples,
                seed,
                pool,
                ratified,
                deal,
            } => Report::Robust(crate::report::robust::answer(
                self,
                &ids,
                *samples,
                *seed,
                *pool,
                *ratified,
                deal.as_deref(),
                observer,
            )?),
        })
    }

    /// Resolves a deal argument: an id of the scenario, an inline package,
    /// or — only for a scenario loaded from a file — a deal file.
    pub(crate) fn deal(&self, arg: &str) -> Result<Deal, Error> {
        let s = &self.scenario;
        if self.file.is_none() && !arg.contains('=') && !s.deals.iter().any(|d| d.id == arg) {
            let known: Vec<&str> = s.deals.iter().map(|d| d.id.as_str()).collect();
            return Err(Error::usage(
                format!("`{arg}` is not a deal of the scenario"),
                Some(if known.is_empty() {
                    "give an inline package `issue=option,...` (deal files cannot be read for a scenario given as text)".into()
                } else {
                    format!("the scenario's deals are: {}; or give an inline package `issue=option,...`", known.join(", "))
                }),
            ));
        }
        Ok(accord_io::scenario::resolve_deal(arg, s)?)
    }
}
