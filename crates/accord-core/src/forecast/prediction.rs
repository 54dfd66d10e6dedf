//! The models, and what a forecast returns.

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
