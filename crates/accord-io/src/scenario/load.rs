//! Reading a scenario: from a file, or from text.

use std::ops::Range;
use std::path::Path;

use accord_core::compile::Compiled;
use accord_core::model::Scenario;
use accord_core::ModelError;

use super::deals::add_deal_files;
use super::files::FileAccess;
use super::format::{parse_tree, read, Format};
use super::observations::add_observations;
use super::reader::Reader;
use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::tree::{Node, Value};

/// Reads and validates a scenario file, and the deal files it lists in its
/// own folder ([`FileAccess::of_scenario`]).
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Input`] with
/// every problem found (file, span, message, hint), including deal files
/// that cannot be read or lie outside the folder.
pub fn load_scenario(path: &Path) -> Result<Scenario, Error> {
    let text = read(path)?;
    let src = SourceText::new(path.display().to_string(), text);
    parse_scenario_with(&src, Format::of(path), &FileAccess::of_scenario(path))
}

/// Parses and validates a scenario from text; `deal_files` are read from
/// `base_dir` (and must stay inside it), and are an error without one.
/// The same as [`parse_scenario_with`] with `FileAccess::from(base_dir)`.
///
/// # Errors
///
/// As [`load_scenario`].
pub fn parse_scenario(
    src: &SourceText,
    format: Format,
    base_dir: Option<&Path>,
) -> Result<Scenario, Error> {
    parse_scenario_with(src, format, &FileAccess::from(base_dir))
}

/// Parses and validates a scenario from text, reading the deal files it
/// lists as `files` allows: with [`FileAccess::None`] the file system is not
/// touched and every `deal_files` entry is a located error.
///
/// # Errors
///
/// As [`load_scenario`].
pub fn parse_scenario_with(
    src: &SourceText,
    format: Format,
    files: &FileAccess,
) -> Result<Scenario, Error> {
    let root = parse_tree(src, format)?;
    let mut reader = Reader::new(src.clone());
    let built = reader.scenario(&root);
    let mut errors = reader.errors;
    let Some((mut scenario, deal_files, observed)) = built else {
        return Err(Error::Input(errors));
    };
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    add_deal_files(&mut scenario, deal_files, files, src, &mut errors);
    add_observations(&mut scenario, observed, src, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    // The engine's own checks: compound sizes and the 0–1 scale.
    // A compound issue too large to list is analysed by branch and bound
    // (without owners of issues); the other commands refuse it themselves.
    let too_large_ok = |e: &ModelError| {
        matches!(
            e,
            ModelError::CompoundTooLarge { .. } | ModelError::CapBinds { .. }
        ) && !scenario.has_owners()
    };
    if let Err(e) = Compiled::new(&scenario).map_err(|e| (too_large_ok(&e), e)) {
        let (ok, e) = e;
        if ok {
            return Ok(scenario);
        }
        let span = match &e {
            ModelError::OutOfScale { party, .. } => preferences_key_span(&root, party),
            _ => None,
        }
        .unwrap_or(0..0);
        let help = match &e {
            ModelError::OutOfScale { .. } => Some(
                "interaction bonuses are added to the weighted sum; lower the bonus or the weights of the issues involved so every package stays within [0,1]".to_string(),
            ),
            ModelError::CompoundTooLarge { .. } => Some(
                "red lines and interactions that name several issues tie them together; split them or reduce the options".to_string(),
            ),
            _ => None,
        };
        return Err(Error::Input(vec![InputError {
            source: src.clone(),
            span,
            message: e.to_string(),
            label: "here".into(),
            help,
        }]));
    }
    Ok(scenario)
}

/// The span of `party`'s key under `[preferences]`, to locate the engine's
/// scale check.
fn preferences_key_span(root: &Node, party: &str) -> Option<Range<usize>> {
    let Value::Map(m) = &root.value else {
        return None;
    };
    let (_, prefs) = m.iter().find(|(k, _)| k.name == "preferences")?;
    let Value::Map(pm) = &prefs.value else {
        return None;
    };
    pm.iter()
        .find(|(k, _)| k.name == party)
        .map(|(k, _)| k.span.clone())
}
