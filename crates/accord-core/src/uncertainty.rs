//! Uncertain inputs: distributions on the numbers of a scenario, sampling,
//! and the Monte Carlo analysis behind `accord robust`.
//!
//! Every uncertain number is drawn through its distribution's quantile
//! function from a uniform number u in (0,1). Inputs that name the same
//! *factor* share one u, so they move together (perfectly rank-correlated);
//! every other input has its own. The u's of sample k come from a ChaCha8
//! stream seeded by (seed, k) alone, so results do not depend on how samples
//! are spread over threads. Definitions: `docs/definitions.md`, "Uncertainty".

use chacha20::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use rayon::prelude::*;
use statrs::distribution::{Beta, ContinuousCDF, Normal};

use crate::compile::Compiled;
use crate::model::{Pressure, Scenario};

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

/// Sets one number of a scenario (weights: see [`Target`]).
pub fn apply(s: &mut Scenario, target: Target, x: f64) {
    match target {
        Target::Reservation(p) => s.parties[p].reservation = x,
        Target::Ratification(p) => s.parties[p].ratification = Some(x),
        Target::Weight(p, i) => {
            let raw = s
                .uncertainty
                .raw_weights
                .get_mut(p)
                .and_then(|r| r.as_mut());
            if let Some(raw) = raw {
                raw[i] = x;
                let sum: f64 = raw.iter().sum();
                // All weights zero cannot be normalised: the sample is
                // invalid (NaN weights fail validation).
                let w: Vec<f64> = raw
                    .iter()
                    .map(|v| if sum > 0.0 { v / sum } else { f64::NAN })
                    .collect();
                s.preferences[p].weights = w;
            }
        }
        Target::NormWeight(p, i) => {
            let w = &mut s.preferences[p].weights;
            let rest: f64 = (0..w.len()).filter(|&k| k != i).map(|k| w[k]).sum();
            for (k, wk) in w.iter_mut().enumerate() {
                *wk = if k == i {
                    x
                } else if rest > 0.0 {
                    *wk / rest * (1.0 - x)
                } else {
                    0.0
                };
            }
        }
        Target::Value(p, i, o) => s.preferences[p].values[i][o] = x,
        Target::Cost(i, o) => {
            let n = s.issues[i].options.len();
            s.issues[i].cost.get_or_insert_with(|| vec![0.0; n])[o] = x;
        }
        Target::Bonus(p, k) => s.preferences[p].interactions[k].bonus = x,
        Target::PressureMax(p) => {
            let pr = s.parties[p].pressure.get_or_insert(Pressure {
                max: 0.0,
                cost: 0.0,
            });
            pr.max = x;
        }
        Target::PressureCost(p) => {
            let pr = s.parties[p].pressure.get_or_insert(Pressure {
                max: 0.0,
                cost: 0.0,
            });
            pr.cost = x;
        }
        Target::Budget => s.budget = Some(x),
    }
}

/// The uniform numbers of sample `k`, one per source.
pub fn draws(seed: u64, k: u64, n_sources: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    (0..n_sources)
        .map(|_| ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64)
        .collect()
}

/// The scenario without the text (names, descriptions, reasons) and deals
/// that no analysis reads: cheap to clone once per sample.
pub fn lean(s: &Scenario) -> Scenario {
    let mut t = s.clone();
    t.description = None;
    t.deals.clear();
    t.uncertainty.inputs.clear();
    for p in &mut t.parties {
        p.name.clear();
        p.notes = None;
        p.metadata.clear();
    }
    for i in &mut t.issues {
        i.name.clear();
        i.description = None;
        for o in &mut i.options {
            o.label.clear();
            o.description = None;
        }
    }
    for prefs in &mut t.preferences {
        for r in &mut prefs.red_lines {
            r.reason = None;
        }
        for it in &mut prefs.interactions {
            it.reason = None;
        }
    }
    t
}

/// Sample `k` of `spec` drawn on `base` (see [`lean`]); with `ratified`,
/// each party's reservation value is raised to its ratification threshold
/// (acceptance then includes ratification).
pub fn sample_on(
    base: &Scenario,
    spec: &Uncertainty,
    seed: u64,
    k: u64,
    ratified: bool,
) -> (Scenario, Vec<f64>) {
    let (names, of) = spec.sources();
    let u = draws(seed, k, names.len());
    let mut out = base.clone();
    for (x, &src) in spec.inputs.iter().zip(&of) {
        let inverse = x.factor.as_deref().is_some_and(|f| f.starts_with('-'));
        let v = if inverse { 1.0 - u[src] } else { u[src] };
        apply(&mut out, x.target, x.dist.quantile(v));
    }
    if ratified {
        for p in &mut out.parties {
            if let Some(t) = p.ratification {
                p.reservation = p.reservation.max(t);
            }
        }
    }
    (out, u)
}

/// Sample `k`: the scenario with every uncertain input drawn, and the
/// uniform number of each source.
pub fn sample(s: &Scenario, seed: u64, k: u64) -> (Scenario, Vec<f64>) {
    sample_on(s, &s.uncertainty, seed, k, false)
}

/// What one sample says.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleResult {
    /// Whether the sampled scenario compiled (interactions within the 0–1 scale).
    pub valid: bool,
    /// Whether some package is acceptable to every veto party (exact).
    pub zopa: bool,
    /// The sample's Nash bargaining solution, if the ZOPA is not empty.
    pub nash: Option<Vec<usize>>,
    /// Per candidate deal: whether every veto party accepts; per party: accepts.
    pub accept: Vec<(bool, Vec<bool>)>,
}

fn accepts(t: &Scenario, deals: &[Vec<usize>]) -> Vec<(bool, Vec<bool>)> {
    let veto = t.veto_parties();
    deals
        .iter()
        .map(|d| {
            let per: Vec<bool> = (0..t.parties.len()).map(|p| t.acceptable(p, d)).collect();
            let all = veto.iter().all(|&p| per[p]);
            (all, per)
        })
        .collect()
}

/// Decides a sampled scenario: validity, ZOPA, Nash deal, the deals' acceptance.
pub fn decide(t: &Scenario, deals: &[Vec<usize>]) -> SampleResult {
    let accept = accepts(t, deals);
    let Ok(c) = Compiled::new(t) else {
        return SampleResult {
            valid: false,
            zopa: false,
            nash: None,
            accept,
        };
    };
    let f = crate::solutions::zopa_frontier(&c);
    let zopa = !f.points().is_empty();
    let nash = if zopa {
        crate::solutions::solve(&c, &f)
            .into_iter()
            .find(|(k, _)| *k == crate::solutions::Concept::Nash)
            .and_then(|(_, s)| s.map(|s| s.package))
    } else {
        None
    };
    SampleResult {
        valid: true,
        zopa,
        nash,
        accept,
    }
}

/// Runs sample `k` and evaluates the candidate deals in it.
pub fn run_sample(
    s: &Scenario,
    seed: u64,
    k: u64,
    deals: &[Vec<usize>],
) -> (SampleResult, Vec<f64>) {
    let (t, u) = sample(s, seed, k);
    (decide(&t, deals), u)
}

/// Options of a robustness run.
#[derive(Clone)]
pub struct RobustOptions {
    /// Number of samples.
    pub samples: u64,
    /// Seed.
    pub seed: u64,
    /// Candidate deals evaluated in every sample (named by the caller).
    pub candidates: Vec<Vec<usize>>,
    /// How many of the most frequent per-sample Nash deals to add as candidates.
    pub nash_pool: usize,
    /// Acceptance includes ratification (reservation values raised to the
    /// ratification thresholds in every sample).
    pub ratified: bool,
    /// The candidate whose acceptance the sensitivity ranking explains when
    /// P(ZOPA) is 0 or 1 (default: the first candidate with a probability
    /// strictly between 0 and 1).
    pub focus: Option<usize>,
    /// Called with (steps done, total steps) from any thread; each sample is
    /// two steps (the two passes).
    pub progress: Option<std::sync::Arc<dyn Fn(u64, u64) + Send + Sync>>,
}

/// Result of a robustness run.
#[derive(Debug, Clone)]
pub struct Robust {
    /// Samples drawn.
    pub samples: u64,
    /// Whether acceptance included ratification.
    pub ratified: bool,
    /// Samples whose scenario did not compile (left out of every probability).
    pub invalid: u64,
    /// Fraction of valid samples with a non-empty ZOPA.
    pub p_zopa: f64,
    /// Candidate deals: the caller's, then per-sample Nash deals by frequency.
    pub deals: Vec<Vec<usize>>,
    /// Per deal: fraction of valid samples where every veto party accepts.
    pub p_accept: Vec<f64>,
    /// Per deal, per party: acceptance probability.
    pub p_party: Vec<Vec<f64>>,
    /// Per deal: how often it was a sample's Nash solution.
    pub nash_share: Vec<f64>,
    /// Source names (factors as `@name`) and their sensitivity.
    pub sensitivity: Vec<Sensitivity>,
    /// What the sensitivity explains: `"p_zopa"`, or `"p_accept:D"` for the
    /// acceptance of deal D (an index into `deals`) when P(ZOPA) is 0 or 1.
    pub sensitivity_of: String,
}

/// How much one source of uncertainty moves the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The input (or `@factor`).
    pub input: String,
    /// First-order index: the share of the outcome's variance explained by
    /// this source alone, estimated by binning its quantile into 10 bins
    /// (ε², the correlation ratio η² corrected for finite-sample bias).
    pub index: f64,
    /// The outcome's frequency when the source is in its lowest fifth.
    pub low: f64,
    /// The outcome's frequency when the source is in its highest fifth.
    pub high: f64,
}

const BINS: usize = 10;

fn sensitivity(names: &[String], u: &[Vec<f64>], y: &[f64]) -> Vec<Sensitivity> {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n.max(1.0);
    let var = y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n.max(1.0);
    let mut out: Vec<Sensitivity> = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let mut sum = [0.0; BINS];
            let mut cnt = [0.0; BINS];
            let (mut lo, mut lo_n, mut hi, mut hi_n) = (0.0, 0.0, 0.0, 0.0);
            for (k, &v) in y.iter().enumerate() {
                let x = u[k][j];
                let b = ((x * BINS as f64) as usize).min(BINS - 1);
                sum[b] += v;
                cnt[b] += 1.0;
                if x < 0.2 {
                    lo += v;
                    lo_n += 1.0;
                } else if x >= 0.8 {
                    hi += v;
                    hi_n += 1.0;
                }
            }
            // ε² (the correlation ratio η² corrected for the bias of
            // estimating bin means from finite samples): (SS_between −
            // (bins − 1)·MS_within) / SS_total, floored at 0.
            let used = (0..BINS).filter(|&b| cnt[b] > 0.0).count() as f64;
            let ss_between: f64 = (0..BINS)
                .filter(|&b| cnt[b] > 0.0)
                .map(|b| cnt[b] * (sum[b] / cnt[b] - mean).powi(2))
                .sum();
            let ss_total = var * n;
            let ms_within = if n > used {
                (ss_total - ss_between).max(0.0) / (n - used)
            } else {
                0.0
            };
            // With fewer than 10 samples per bin the estimate means nothing.
            let index = if n < 10.0 * BINS as f64 {
                f64::NAN
            } else if ss_total > 0.0 {
                ((ss_between - (used - 1.0) * ms_within) / ss_total).clamp(0.0, 1.0)
            } else {
                0.0
            };
            Sensitivity {
                input: name.clone(),
                index,
                low: if lo_n > 0.0 { lo / lo_n } else { mean },
                high: if hi_n > 0.0 { hi / hi_n } else { mean },
            }
        })
        .collect();
    out.sort_by(|a, b| b.index.total_cmp(&a.index).then(a.input.cmp(&b.input)));
    out
}

/// Monte Carlo over the uncertain inputs: P(ZOPA), acceptance of candidate
/// deals, the most robust deals found, and the sensitivity of P(ZOPA).
///
/// Two passes over the same samples (each regenerated from (seed, k)): the
/// first decides the ZOPA and finds each sample's Nash deal; the second
/// evaluates every candidate, the caller's and the most frequent Nash deals.
pub fn robust(s: &Scenario, opts: &RobustOptions) -> Robust {
    let n = opts.samples;
    let tick = |done: u64| {
        if let Some(f) = &opts.progress {
            f(done, 2 * n)
        }
    };
    let done = std::sync::atomic::AtomicU64::new(0);
    let base = lean(s);
    let spec = &s.uncertainty;
    let chunk = 256u64;
    let chunks: Vec<u64> = (0..n.div_ceil(chunk)).collect();
    let first: Vec<(SampleResult, Vec<f64>)> = chunks
        .par_iter()
        .flat_map_iter(|&c| {
            let out: Vec<(SampleResult, Vec<f64>)> = (c * chunk..((c + 1) * chunk).min(n))
                .map(|k| {
                    let (t, u) = sample_on(&base, spec, opts.seed, k, opts.ratified);
                    (decide(&t, &opts.candidates), u)
                })
                .collect();
            let d = done.fetch_add(out.len() as u64, std::sync::atomic::Ordering::Relaxed);
            tick(d + out.len() as u64);
            out
        })
        .collect();
    // The most frequent Nash deals.
    let mut freq: std::collections::BTreeMap<Vec<usize>, u64> = std::collections::BTreeMap::new();
    for (r, _) in &first {
        if let Some(p) = &r.nash {
            *freq.entry(p.clone()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(Vec<usize>, u64)> = freq.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut deals = opts.candidates.clone();
    for (p, _) in by_freq.iter().take(opts.nash_pool) {
        if !deals.contains(p) {
            deals.push(p.clone());
        }
    }
    let extra: Vec<Vec<usize>> = deals[opts.candidates.len()..].to_vec();
    let second: Vec<Vec<(bool, Vec<bool>)>> = if extra.is_empty() {
        tick(2 * n);
        vec![Vec::new(); first.len()]
    } else {
        chunks
            .par_iter()
            .flat_map_iter(|&c| {
                let out: Vec<Vec<(bool, Vec<bool>)>> = (c * chunk..((c + 1) * chunk).min(n))
                    .map(|k| {
                        let (t, _) = sample_on(&base, spec, opts.seed, k, opts.ratified);
                        accepts(&t, &extra)
                    })
                    .collect();
                let d = done.fetch_add(out.len() as u64, std::sync::atomic::Ordering::Relaxed);
                tick(d + out.len() as u64);
                out
            })
            .collect()
    };
    let valid: Vec<usize> = (0..first.len()).filter(|&k| first[k].0.valid).collect();
    // Without a valid sample every probability is NaN (reported as null).
    let nv = if valid.is_empty() {
        f64::NAN
    } else {
        valid.len() as f64
    };
    let np = s.parties.len();
    let accept_of = |k: usize, d: usize| -> &(bool, Vec<bool>) {
        if d < opts.candidates.len() {
            &first[k].0.accept[d]
        } else {
            &second[k][d - opts.candidates.len()]
        }
    };
    let p_accept: Vec<f64> = (0..deals.len())
        .map(|d| valid.iter().filter(|&&k| accept_of(k, d).0).count() as f64 / nv)
        .collect();
    let p_party: Vec<Vec<f64>> = (0..deals.len())
        .map(|d| {
            (0..np)
                .map(|p| valid.iter().filter(|&&k| accept_of(k, d).1[p]).count() as f64 / nv)
                .collect()
        })
        .collect();
    let nash_share: Vec<f64> = deals
        .iter()
        .map(|d| {
            valid
                .iter()
                .filter(|&&k| first[k].0.nash.as_ref() == Some(d))
                .count() as f64
                / nv
        })
        .collect();
    let zopa: Vec<f64> = valid
        .iter()
        .map(|&k| if first[k].0.zopa { 1.0 } else { 0.0 })
        .collect();
    let p_zopa = zopa.iter().sum::<f64>() / nv + 0.0;
    let (names, _) = s.uncertainty.sources();
    let u: Vec<Vec<f64>> = valid.iter().map(|&k| first[k].1.clone()).collect();
    let flags = |d: usize| -> Vec<f64> {
        valid
            .iter()
            .map(|&k| if accept_of(k, d).0 { 1.0 } else { 0.0 })
            .collect()
    };
    let open = |p: f64| p > 0.0 && p < 1.0;
    let (y, of) = if open(p_zopa) {
        (zopa, "p_zopa".to_string())
    } else {
        let focus = opts
            .focus
            .filter(|&d| d < deals.len())
            .or_else(|| (0..deals.len()).find(|&d| open(p_accept[d])));
        match focus {
            Some(d) => (flags(d), format!("p_accept:{d}")),
            None => (zopa, "p_zopa".to_string()),
        }
    };
    Robust {
        ratified: opts.ratified,
        samples: n,
        invalid: (first.len() - valid.len()) as u64,
        p_zopa,
        p_accept,
        p_party,
        nash_share,
        deals,
        sensitivity: sensitivity(&names, &u, &y),
        sensitivity_of: of,
    }
}
