//! Uncertain inputs: distributions on the numbers of a scenario.
//!
//! Every uncertain number is drawn through its distribution's quantile
//! function from a uniform number u in (0,1). Inputs that name the same
//! *factor* share one u, so they move together (perfectly rank-correlated);
//! every other input has its own. Sampling and the Monte Carlo analysis are
//! in [`crate::robust`]. Definitions: `docs/definitions.md`, "Uncertainty".

use statrs::distribution::{Beta, ContinuousCDF, Normal};

/// A probability distribution for one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Dist {
    /// Uniform on [lo, hi].
    Uniform {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
    /// Triangular with the given mode.
    Triangular {
        /// Lower end.
        lo: f64,
        /// Most likely value.
        mode: f64,
        /// Upper end.
        hi: f64,
    },
    /// Normal(mean, sd) truncated to [lo, hi] (the input's allowed range).
    Normal {
        /// Mean before truncation.
        mean: f64,
        /// Standard deviation before truncation.
        sd: f64,
        /// Truncation: lower end.
        lo: f64,
        /// Truncation: upper end.
        hi: f64,
    },
    /// Beta(a, b) scaled to [lo, hi].
    Beta {
        /// First shape parameter.
        a: f64,
        /// Second shape parameter.
        b: f64,
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
    /// A discrete choice among values with probabilities (summing to 1).
    Choice {
        /// The values.
        values: Vec<f64>,
        /// Their probabilities.
        probs: Vec<f64>,
    },
}

impl Dist {
    /// The value at quantile u ∈ (0,1).
    pub fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(1e-12, 1.0 - 1e-12);
        match self {
            Dist::Uniform { lo, hi } => lo + (hi - lo) * u,
            Dist::Triangular { lo, mode, hi } => {
                if hi <= lo {
                    return *lo;
                }
                let f = (mode - lo) / (hi - lo);
                if u < f {
                    lo + ((hi - lo) * (mode - lo) * u).sqrt()
                } else {
                    hi - ((hi - lo) * (hi - mode) * (1.0 - u)).sqrt()
                }
            }
            Dist::Normal { mean, sd, lo, hi } => {
                let Ok(n) = Normal::new(*mean, *sd) else {
                    return mean.clamp(*lo, *hi);
                };
                let (a, b) = (n.cdf(*lo), n.cdf(*hi));
                if b - a < 1e-300 {
                    return mean.clamp(*lo, *hi);
                }
                n.inverse_cdf(a + (b - a) * u).clamp(*lo, *hi)
            }
            Dist::Beta { a, b, lo, hi } => match Beta::new(*a, *b) {
                Ok(d) => lo + (hi - lo) * d.inverse_cdf(u),
                Err(_) => (lo + hi) / 2.0,
            },
            Dist::Choice { values, probs } => {
                // In increasing order of value, so the quantile is monotone
                // (factors and `@-` rely on it).
                let mut order: Vec<usize> = (0..values.len()).collect();
                order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
                let mut acc = 0.0;
                for &k in &order {
                    acc += probs[k];
                    if u < acc {
                        return values[k];
                    }
                }
                order.last().map_or(0.0, |&k| values[k])
            }
        }
    }

    /// The mean: the value the base-case analyses use.
    pub fn mean(&self) -> f64 {
        match self {
            Dist::Uniform { lo, hi } => (lo + hi) / 2.0,
            Dist::Triangular { lo, mode, hi } => {
                // Exactly the mode when symmetric, so that a symmetric range
                // leaves the base case as written.
                if ((mode - lo) - (hi - mode)).abs() <= 1e-12 * (1.0 + hi.abs()) {
                    *mode
                } else {
                    (lo + mode + hi) / 3.0
                }
            }
            Dist::Normal { .. } => {
                // Mean of the truncated normal, by quadrature of the quantile.
                let n = 2000;
                (0..n)
                    .map(|k| self.quantile((k as f64 + 0.5) / n as f64))
                    .sum::<f64>()
                    / n as f64
            }
            Dist::Beta { a, b, lo, hi } => lo + (hi - lo) * a / (a + b),
            Dist::Choice { values, probs } => values.iter().zip(probs).map(|(v, p)| v * p).sum(),
        }
    }

    /// Smallest and largest value it can take.
    pub fn support(&self) -> (f64, f64) {
        match self {
            Dist::Uniform { lo, hi }
            | Dist::Triangular { lo, hi, .. }
            | Dist::Normal { lo, hi, .. }
            | Dist::Beta { lo, hi, .. } => (*lo, *hi),
            Dist::Choice { values, .. } => (
                values.iter().copied().fold(f64::INFINITY, f64::min),
                values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            ),
        }
    }
}

/// Which number of the scenario an input sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A party's reservation value.
    Reservation(usize),
    /// A party's ratification threshold.
    Ratification(usize),
    /// The share of the pressure on a party that also lowers its
    /// ratification threshold.
    Imposed(usize),
    /// A party's raw (file) weight of an issue; weights are normalised after sampling.
    Weight(usize, usize),
    /// A party's normalised weight of an issue; the others are rescaled (`--set`).
    NormWeight(usize, usize),
    /// A party's value of an option (party, issue, option).
    Value(usize, usize, usize),
    /// The mediator's cost of an option (issue, option).
    Cost(usize, usize),
    /// The bonus of a party's interaction (party, interaction index).
    Bonus(usize, usize),
    /// The largest pressure on a party.
    PressureMax(usize),
    /// The cost of the full pressure on a party.
    PressureCost(usize),
    /// The mediator's budget.
    Budget,
}

/// One uncertain number.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// What it sets.
    pub target: Target,
    /// Its distribution.
    pub dist: Dist,
    /// Inputs with the same factor move together; a factor written `-name`
    /// moves the opposite way (it uses 1 − u of the factor `name`).
    pub factor: Option<String>,
    /// How it is named in output (the `--set` path, e.g. `russia.reservation`).
    pub label: String,
}

/// The uncertain inputs of a scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Uncertainty {
    /// The inputs, in declaration order (a later input on the same target replaces an earlier one).
    pub inputs: Vec<Input>,
    /// For each party: its raw weights as written in the file (with means for
    /// uncertain ones), kept only when some weight of the party is uncertain.
    pub raw_weights: Vec<Option<Vec<f64>>>,
}

impl Uncertainty {
    /// Whether there is anything to sample.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// Adds an input, replacing any earlier input on the same target.
    pub fn set(&mut self, input: Input) {
        self.inputs.retain(|x| x.target != input.target);
        self.inputs.push(input);
    }

    /// The independent sources of randomness: one per factor, one per input
    /// without a factor. Returns (source names, source index of each input).
    pub fn sources(&self) -> (Vec<String>, Vec<usize>) {
        let mut names: Vec<String> = Vec::new();
        let mut of = Vec::with_capacity(self.inputs.len());
        for x in &self.inputs {
            let name = match &x.factor {
                Some(f) => format!("@{}", f.trim_start_matches('-')),
                None => x.label.clone(),
            };
            let k = match names.iter().position(|n| *n == name) {
                Some(k) => k,
                None => {
                    names.push(name);
                    names.len() - 1
                }
            };
            of.push(k);
        }
        (names, of)
    }
}
