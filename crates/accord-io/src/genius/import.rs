//! What both imports share: the options check, a profile's data, the party made
//! from it, and the scenario assembled and validated.

use std::collections::HashSet;

use accord_core::model::{
    Interaction, Issue, Party, Preferences, Role, Scenario, DEFAULT_TOLERANCE,
};

use super::error::GeniusError;
use super::ids::{sanitize, unique};
use super::input::{ImportOptions, MAX_NUMERIC_OPTIONS};

pub(super) fn check_opts(opts: &ImportOptions) -> Result<(), GeniusError> {
    if opts.real_steps == 0 || opts.real_steps >= MAX_NUMERIC_OPTIONS {
        return Err(GeniusError::Options {
            expected: format!("real_steps between 1 and {}", MAX_NUMERIC_OPTIONS - 1),
            found: opts.real_steps.to_string(),
        });
    }
    Ok(())
}

/// A parsed profile: values per issue and option, raw weights, reservation, metadata.
pub(super) struct ProfileData {
    pub(super) values: Vec<Vec<f64>>,
    pub(super) weights: Vec<f64>,
    pub(super) interactions: Vec<Interaction>,
    pub(super) reservation: f64,
    pub(super) discount: Option<String>,
}

pub(super) fn make_party(stem: &str, used: &mut HashSet<String>, data: &ProfileData) -> Party {
    let mut metadata = Vec::new();
    if let Some(d) = &data.discount {
        metadata.push(("discount_factor".to_string(), d.clone()));
    }
    Party {
        id: unique(sanitize(stem), used),
        name: stem.to_string(),
        role: Role::Principal,
        veto: true,
        reservation: data.reservation,
        notes: None,
        metadata,
        pressure: None,
        ratification: None,
    }
}

pub(super) fn finish(
    name: String,
    description: String,
    files: String,
    issues: Vec<Issue>,
    parties: Vec<Party>,
    preferences: Vec<Preferences>,
) -> Result<Scenario, GeniusError> {
    let s = Scenario {
        name,
        description: Some(description),
        tolerance: DEFAULT_TOLERANCE,
        parties,
        issues,
        preferences,
        deals: Vec::new(),
        budget: None,
        cost_unit: None,
        uncertainty: Default::default(),
    };
    s.validate().map_err(|source| GeniusError::Scenario {
        files,
        source: Box::new(source),
    })?;
    Ok(s)
}
