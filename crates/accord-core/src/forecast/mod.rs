//! Actor-based forecasting: positions, salience and capability on numeric
//! dimensions, and models that predict where the actors end up.
//!
//! Models: the compromise model (capability × salience weighted mean), the
//! expected-utility model (Bueno de Mesquita, as specified by Scholz, Calbert
//! and Smith 2011; [`eum`]) and the Spatial Model of Politics (KTAB's
//! SMP; [`smp`]). Equations and sources: `docs/definitions.md`,
//! "Forecasting".
//!
//! - `actors`: the input ([`Actors`]) and helpers on positions.
//! - `prediction`: which [`Model`], and what it predicts ([`Forecast`]).
//! - `compromise`, [`smp`], [`eum`]: one file per model.
//! - this file: [`Options`], [`run_with`] (the dispatch) and [`validate`].

mod actors;
mod compromise;
pub mod eum;
mod prediction;
pub mod smp;
pub mod validate;

pub use actors::{span, weighted_median, Actors};
pub use compromise::compromise;
pub use prediction::{Forecast, Model, Round};

/// Settings of a forecast.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Rounds to run (default: each model's own stopping rule).
    pub rounds: Option<usize>,
    /// The expected-utility model's reading and Q.
    pub eum: eum::Config,
    /// The SMP's Condorcet election variant.
    pub pce: smp::Pce,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rounds: None,
            eum: eum::Config::default(),
            pce: smp::Pce::Conditional,
        }
    }
}

/// Runs a model with default settings and an optional number of rounds.
pub fn run(model: Model, a: &Actors, rounds: Option<usize>) -> Forecast {
    run_with(
        model,
        a,
        &Options {
            rounds,
            ..Options::default()
        },
    )
}

/// Runs a model.
pub fn run_with(model: Model, a: &Actors, o: &Options) -> Forecast {
    match model {
        Model::Compromise => compromise(a),
        Model::Smp => smp::run_with(a, o.rounds, o.pce),
        Model::Eum => eum::run_with(a, o.rounds, o.eum),
    }
}

/// One issue of a validation set: actors on one dimension and the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The actors (one dimension).
    pub actors: Actors,
    /// What happened.
    pub outcome: f64,
}

/// How a model did on a validation set.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The model.
    pub model: Model,
    /// Per case: (forecast, absolute error, error / the position range).
    pub cases: Vec<(f64, f64, f64)>,
    /// Mean absolute error.
    pub mae: f64,
    /// Mean of the errors divided by each issue's position range.
    pub mae_normalised: f64,
    /// Median absolute error (normalised).
    pub median_normalised: f64,
    /// Share of cases where the model's error is smaller than the compromise model's.
    pub beats_compromise: f64,
}

/// Scores models on a validation set.
pub fn validate(models: &[Model], cases: &[Case], o: &Options) -> Vec<Score> {
    let base: Vec<f64> = cases
        .iter()
        .map(|c| (compromise(&c.actors).outcome[0] - c.outcome).abs())
        .collect();
    models
        .iter()
        .map(|&m| {
            let per: Vec<(f64, f64, f64)> = cases
                .iter()
                .map(|c| {
                    let f = run_with(m, &c.actors, o).outcome[0];
                    let e = (f - c.outcome).abs();
                    let (lo, hi) = span(c.actors.position.iter().map(|p| p[0]));
                    let span = hi - lo;
                    (f, e, if span > 0.0 { e / span } else { 0.0 })
                })
                .collect();
            let n = per.len().max(1) as f64;
            let mut norm: Vec<f64> = per.iter().map(|x| x.2).collect();
            norm.sort_by(|a, b| a.total_cmp(b));
            let median = if norm.is_empty() {
                0.0
            } else if norm.len() % 2 == 1 {
                norm[norm.len() / 2]
            } else {
                (norm[norm.len() / 2 - 1] + norm[norm.len() / 2]) / 2.0
            };
            Score {
                model: m,
                mae: per.iter().map(|x| x.1).sum::<f64>() / n,
                mae_normalised: per.iter().map(|x| x.2).sum::<f64>() / n,
                median_normalised: median,
                beats_compromise: per
                    .iter()
                    .zip(&base)
                    .filter(|(x, b)| x.1 < **b - 1e-12)
                    .count() as f64
                    / n,
                cases: per,
            }
        })
        .collect()
}
