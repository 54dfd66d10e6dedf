//! Actors on numeric dimensions, and helpers on their positions.

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
    /// Per dimension, the options of a scenario's issue (id, label,
    /// position); empty for actor files, whose scales have no options.
    pub options: Vec<Vec<(String, String, f64)>>,
    /// Whether no actor's capability was given (each counts 1): a
    /// scenario's parties without `capability` metadata.
    pub capability_defaulted: bool,
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
