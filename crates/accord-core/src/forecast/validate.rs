//! Scoring forecast models on a validation set: which models to score, and
//! each model's errors on every issue of the set.

use crate::forecast::{self, Case, Model, Options, Score};

/// The models a validation scores: every model, or `model` with the
/// compromise baseline beside it (once, if `model` is the baseline).
pub fn models(model: Model, all: bool) -> Vec<Model> {
    if all {
        Model::ALL.to_vec()
    } else if model == Model::Compromise {
        vec![model]
    } else {
        vec![model, Model::Compromise]
    }
}

/// The scores of some models on a validation set.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The issues, in the set's order.
    pub issues: Vec<String>,
    /// Per issue, what happened.
    pub outcomes: Vec<f64>,
    /// Per model, its score; each score's cases follow `issues`.
    pub scores: Vec<Score>,
}

/// Scores `models` on the named cases (one per issue).
pub fn validate(cases: &[(String, Case)], models: &[Model], o: &Options) -> Validation {
    let cs: Vec<Case> = cases.iter().map(|c| c.1.clone()).collect();
    Validation {
        issues: cases.iter().map(|c| c.0.clone()).collect(),
        outcomes: cs.iter().map(|c| c.outcome).collect(),
        scores: forecast::validate(models, &cs, o),
    }
}
