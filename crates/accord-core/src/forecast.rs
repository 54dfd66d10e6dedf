//! Actor-based forecasting: positions, salience and capability on numeric
//! dimensions, and models that predict where the actors end up.
//!
//! Models: the compromise model (capability × salience weighted mean), the
//! expected-utility model (Bueno de Mesquita, as specified by Scholz, Calbert
//! and Smith 2011; [`crate::eum`]) and the Spatial Model of Politics (KTAB's
//! SMP; [`crate::smp`]). Equations and sources: `docs/definitions.md`,
//! "Forecasting".

/// Actors on one or more numeric dimensions.
#[derive(Debug, Clone, PartialEq)]
pub struct Actors {
    /// Name of the case.
    pub name: String,
    /// Actor names.
    pub names: Vec<String>,
    /// Dimension names.
    pub dims: Vec<String>,
    /// Capability (clout) per actor, ≥ 0.
    pub capability: Vec<f64>,
    /// `position[a][d]`.
    pub position: Vec<Vec<f64>>,
    /// `salience[a][d]`, ≥ 0.
    pub salience: Vec<Vec<f64>>,
    /// Lowest and highest position possible per dimension (the scale).
    pub range: Vec<(f64, f64)>,
}

impl Actors {
    /// Number of actors.
    pub fn n(&self) -> usize {
        self.names.len()
    }

    /// Number of dimensions.
    pub fn dims(&self) -> usize {
        self.dims.len()
    }
}

/// The models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// Capability × salience weighted mean.
    Compromise,
    /// The expected-utility model.
    Eum,
    /// The Spatial Model of Politics.
    Smp,
}

impl Model {
    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Model::Compromise => "compromise",
            Model::Eum => "eum",
            Model::Smp => "smp",
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Model> {
        Some(match s {
            "compromise" => Model::Compromise,
            "eum" => Model::Eum,
            "smp" => Model::Smp,
            _ => return None,
        })
    }

    /// Every model.
    pub const ALL: [Model; 3] = [Model::Smp, Model::Eum, Model::Compromise];
}

/// One round of a forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// `positions[a][d]` at the start of the round (round 0: the input).
    pub positions: Vec<Vec<f64>>,
    /// SMP: the probability that each actor's position wins (per actor).
    pub probabilities: Option<Vec<f64>>,
    /// SMP: each actor's risk attitude, if computed this round.
    pub risk: Option<Vec<f64>>,
}

/// A forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// The model.
    pub model: Model,
    /// The predicted outcome per dimension.
    pub outcome: Vec<f64>,
    /// Round 0 (the input) and every round after.
    pub rounds: Vec<Round>,
}

/// The compromise model: per dimension, Σ c·s·x / Σ c·s (the plain mean of
/// the positions when every weight is 0).
pub fn compromise(a: &Actors) -> Forecast {
    let outcome = (0..a.dims())
        .map(|d| {
            let (mut num, mut den) = (0.0, 0.0);
            for k in 0..a.n() {
                let w = a.capability[k] * a.salience[k][d];
                num += w * a.position[k][d];
                den += w;
            }
            if den > 0.0 {
                num / den
            } else {
                a.position.iter().map(|p| p[d]).sum::<f64>() / a.n().max(1) as f64
            }
        })
        .collect();
    Forecast {
        model: Model::Compromise,
        outcome,
        rounds: vec![Round {
            positions: a.position.clone(),
            probabilities: None,
            risk: None,
        }],
    }
}

/// The smallest and largest of some values ((+∞, −∞) for none).
pub fn span(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
            (l.min(x), h.max(x))
        })
}

/// The weighted median of values with weights (the smallest value at which
/// the cumulative weight reaches half the total).
pub fn weighted_median(values: &[f64], weights: &[f64]) -> f64 {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let total: f64 = weights.iter().sum();
    let mut acc = 0.0;
    for &k in &idx {
        acc += weights[k];
        if acc >= total / 2.0 - 1e-12 {
            return values[k];
        }
    }
    idx.last().map_or(0.0, |&k| values[k])
}

/// Settings of a forecast.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Rounds to run (default: each model's own stopping rule).
    pub rounds: Option<usize>,
    /// The expected-utility model's reading and Q.
    pub eum: crate::eum::Config,
    /// The SMP's Condorcet election variant.
    pub pce: crate::smp::Pce,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rounds: None,
            eum: crate::eum::Config::default(),
            pce: crate::smp::Pce::Conditional,
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
        Model::Smp => crate::smp::run_with(a, o.rounds, o.pce),
        Model::Eum => crate::eum::run_with(a, o.rounds, o.eum),
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
