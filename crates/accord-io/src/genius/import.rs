//! What both imports share: the options check, a profile's data, the party made
//! from it, and the scenario assembled and validated.

use std::collections::HashSet;

use accord_core::model::{
    Interaction, Issue, Party, Preferences, Role, Scenario, DEFAULT_TOLERANCE,
};

use super::ids::{sanitize, unique};
use super::input::{ImportOptions, MAX_NUMERIC_OPTIONS};
use super::source::invalid;
use crate::error::Error;

/// No profile was given.
pub(super) fn no_profiles() -> Error {
    invalid(
        "expected at least one profile file, found none".into(),
        "pass one utility-space (profile) file per party",
    )
}

pub(super) fn check_opts(opts: &ImportOptions) -> Result<(), Error> {
    if opts.real_steps == 0 || opts.real_steps >= MAX_NUMERIC_OPTIONS {
        return Err(invalid(
            format!(
                "invalid import options: expected real_steps between 1 and {}, found {}",
                MAX_NUMERIC_OPTIONS - 1,
                opts.real_steps
            ),
            format!("pass --real-steps with a value between 1 and {MAX_NUMERIC_OPTIONS}"),
        ));
    }
    Ok(())
}

/// A parsed profile: values per issue and option, raw weights, reservation, metadata.
pub(super) struct ProfileData {
    pub(super) values: Vec<Vec<f64>>,
    pub(super) weights: Vec<f64>,
    pub(super) interactions: Vec<Interaction>,
    /// The utility is min(1, the sum) (nonlinear profiles).
    pub(super) capped: bool,
    pub(super) reservation: f64,
    pub(super) discount: Option<String>,
    /// What the import read differently from the file's apparent meaning
    /// (each names the file and the place).
    pub(super) warnings: Vec<String>,
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
        imposed: 0.0,
    }
}

pub(super) fn finish(
    name: String,
    description: String,
    files: String,
    issues: Vec<Issue>,
    parties: Vec<Party>,
    preferences: Vec<Preferences>,
) -> Result<Scenario, Error> {
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
        observations: Vec::new(),
    };
    s.validate().map_err(|e| {
        invalid(
            format!("{files}: the imported scenario is invalid: {e}"),
            "check the profiles' weights, evaluations and reservation values",
        )
    })?;
    Ok(s)
}
