//! Reading a scenario: from a file, or from text.

use std::ops::Range;
use std::path::Path;

use accord_core::compile::Compiled;
use accord_core::model::Scenario;
use accord_core::ModelError;

use super::deals::load_deal;
use super::format::{parse_tree, read, Format};
use super::reader::Reader;
use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::tree::{Node, Value};

/// Reads and validates a scenario file (and the deal files it lists).
///
/// # Errors
///
/// [`Error::Io`] when a file cannot be read, [`Error::Input`] with
/// every problem found (file, span, message, hint).
pub fn load_scenario(path: &Path) -> Result<Scenario, Error> {
    let text = read(path)?;
    let src = SourceText::new(path.display().to_string(), text);
    parse_scenario(&src, Format::of(path), path.parent())
}

/// Parses and validates a scenario from text. `base_dir` resolves `deal_files`.
///
/// # Errors
///
/// As [`load_scenario`].
pub fn parse_scenario(
    src: &SourceText,
    format: Format,
    base_dir: Option<&Path>,
) -> Result<Scenario, Error> {
    let root = parse_tree(src, format)?;
    let mut reader = Reader::new(src.clone());
    let built = reader.scenario(&root);
    let mut errors = reader.errors;
    let Some((mut scenario, deal_files)) = built else {
        return Err(Error::Input(errors));
    };
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    // Deal files, relative to the scenario.
    for (rel, span) in deal_files {
        let path = base_dir.unwrap_or(Path::new(".")).join(&rel);
        match load_deal(&path, &scenario) {
            Ok(d) => {
                if scenario.deals.iter().any(|x| x.id == d.id) {
                    errors.push(InputError {
                        source: src.clone(),
                        span,
                        message: format!(
                            "deal `{}` from {} is defined twice",
                            d.id,
                            path.display()
                        ),
                        label: "second definition".into(),
                        help: Some("give every deal a distinct id".into()),
                    });
                } else {
                    scenario.deals.push(d);
                }
            }
            Err(Error::Io { path, source }) => errors.push(InputError {
                source: src.clone(),
                span,
                message: format!("cannot read deal file {}: {source}", path.display()),
                label: "listed here".into(),
                help: Some("paths in `deal_files` are relative to the scenario file".into()),
            }),
            Err(Error::Input(mut v)) => errors.append(&mut v),
            Err(e @ Error::Invalid { .. }) => errors.push(InputError {
                source: src.clone(),
                span,
                message: e.to_string(),
                label: "listed here".into(),
                help: None,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    // The engine's own checks: compound sizes and the 0–1 scale.
    if let Err(e) = Compiled::new(&scenario) {
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
