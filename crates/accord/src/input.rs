//! The loaded scenario every answer reads.

use std::path::{Path, PathBuf};

use accord_core::compile::Compiled;
use accord_core::model::edit::DroppedDeal;
use accord_core::model::{Deal, Scenario};
use accord_io::diagnostic::SourceText;
use accord_io::scenario::Format;

use crate::error::Error;

/// A scenario loaded, overridden and validated once: what every answer
/// reads. Its file, when it came from one, decides whether deal files named
/// in a request may be read.
#[derive(Debug, Clone)]
pub struct Input {
    scenario: Scenario,
    /// The scenario's file, when it came from one: deal files named in a
    /// request are read only then (the user named them).
    file: Option<PathBuf>,
    /// The compiled form, built once; the engine's refusal for a scenario
    /// whose compound issue is too large to list (`analyze`, `mediate`, `leverage` and `repair` answer
    /// those, by branch and bound).
    compiled: Result<Compiled, accord_core::ModelError>,
    /// Deals on file that `--set ISSUE.options.OPTION=off` dropped.
    dropped_deals: Vec<DroppedDeal>,
}

impl Input {
    /// Loads a scenario file (and the deal files it lists, from its own
    /// folder), then applies `--set` overrides (`PATH=VALUE`).
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input` with every problem located.
    pub fn load(path: &Path, sets: &[String]) -> Result<Input, Error> {
        let scenario = accord_io::scenario::load_scenario(path)?;
        Input::new(scenario, Some(path.to_path_buf()), sets)
    }

    /// Parses a scenario given as text (`name` says its format by extension:
    /// `.toml`, `.yaml`, `.json`), then applies overrides. Reads no file.
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input`.
    pub fn from_text(text: &str, name: &str, sets: &[String]) -> Result<Input, Error> {
        let src = SourceText::new(name.to_string(), text.to_string());
        let scenario =
            accord_io::scenario::parse_scenario(&src, Format::of(Path::new(name)), None)?;
        Input::new(scenario, None, sets)
    }

    /// A scenario built in code.
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Input` when an override or the engine's checks fail.
    pub fn from_scenario(scenario: Scenario, sets: &[String]) -> Result<Input, Error> {
        Input::new(scenario, None, sets)
    }

    fn new(mut scenario: Scenario, file: Option<PathBuf>, sets: &[String]) -> Result<Input, Error> {
        let applied = accord_io::overrides::apply_overrides(&mut scenario, sets)?;
        let compiled = match Compiled::new(&scenario) {
            Err(
                e @ (accord_core::ModelError::CompoundTooLarge { .. }
                | accord_core::ModelError::CapBinds { .. }),
            ) if !scenario.has_owners() => Err(e),
            r => Ok(r.map_err(Error::model)?),
        };
        Ok(Input {
            scenario,
            file,
            compiled,
            dropped_deals: applied.dropped_deals,
        })
    }

    /// The scenario's compiled form (independent groups, dense utilities).
    ///
    /// # Errors
    ///
    /// An [`Error`] of kind `Usage` for a scenario whose interactions tie
    /// issues into a compound issue too large to list (or whose capped
    /// utilities pass 1): the questions that answer those by search check
    /// [`Input::by_search`] first.
    pub fn compiled(&self) -> Result<&Compiled, Error> {
        self.compiled.as_ref().map_err(too_large)
    }

    /// Whether the merge refused the scenario for a reason the
    /// branch-and-bound searches answer (a compound issue too large to
    /// list, or a cap that binds) and it has no issue owners: `analyze`,
    /// `mediate`, `leverage` and `repair` then answer it by search.
    pub fn by_search(&self) -> bool {
        matches!(
            self.compiled,
            Err(accord_core::ModelError::CompoundTooLarge { .. }
                | accord_core::ModelError::CapBinds { .. })
        ) && !self.scenario.has_owners()
    }

    /// The validated scenario (overrides applied).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario's file, if it came from one.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Resolves a deal argument: an id of the scenario, an inline package,
    /// or — only for a scenario loaded from a file — a deal file.
    pub(crate) fn deal(&self, arg: &str) -> Result<Deal, Error> {
        let s = &self.scenario;
        if let Some(d) = self.dropped_deals.iter().find(|d| d.id == arg) {
            let issue = s.issues.get(d.issue).map_or("?", |i| i.id.as_str());
            return Err(Error::usage(
                format!(
                    "deal `{arg}` takes option `{}` of issue `{issue}`, which `--set {issue}.options.{}=off` removed",
                    d.option, d.option
                ),
                Some("give the deal as an inline package `issue=option,...` with another option there, or leave that --set out".into()),
            ));
        }
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

/// The error of a command that needs the compiled (additive) form for a
/// scenario only the searches answer: a compound issue too large to list, or a
/// cap that binds.
pub(crate) fn too_large(e: &accord_core::ModelError) -> Error {
    Error::usage(
        e.to_string(),
        Some(
            "`analyze`, `frontier`, `leverage`, `repair`, `mediate`, `sweep` and `report` \
             answer such a scenario (by branch and bound over the issues); for this command, \
             split the interactions that tie the issues"
                .into(),
        ),
    )
}
