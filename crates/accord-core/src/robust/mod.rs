//! The Monte Carlo analysis behind `accord robust`: sampling the uncertain
//! inputs of a scenario ([`crate::model::distribution`]) and deciding every
//! sample exactly.
//!
//! The u's of sample k come from a ChaCha8 stream seeded by (seed, k) alone,
//! so results do not depend on how samples are spread over threads.
//! Definitions: `docs/definitions.md`, "Uncertainty".
//!
//! - `sampling`: drawing and deciding one sample.
//! - `sensitivity`: how much each source of uncertainty moves the outcome.
//! - this file: [`robust`], the run over many samples.

pub mod candidates;
mod sampling;
mod sensitivity;
mod verdicts;

pub use sampling::{
    decide, decide_on, draws, lean, raise_to_ratification, run_sample, sample, sample_into,
    sample_on, SampleResult,
};
pub use sensitivity::Sensitivity;
pub use verdicts::Verdicts;

use rayon::prelude::*;

use crate::analysis::frontier::TooLarge;
use crate::observe::Observer;
use crate::parallel::{self, Cancelled, Progress};

use crate::model::Response;
use crate::model::Scenario;
use sampling::{accepts_judged, decide_judged, unvaried, Judged};
use sensitivity::sensitivity;

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
    /// Observed responses to condition on: a sample that disagrees with any
    /// of them is dropped (rejection sampling, decided exactly per sample),
    /// and every probability is conditional on them. Empty: no conditioning.
    pub observations: Vec<crate::model::Observation>,
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
    /// Samples that disagree with some observation (left out of every
    /// probability; 0 without observations).
    pub disagreed: u64,
    /// Samples every probability is over: valid and agreeing with every
    /// observation.
    pub kept: u64,
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

/// Valid samples per parallel chunk of the statistics.
const STATS_CHUNK: usize = 4096;

/// Why [`robust`] returned no result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RobustError {
    /// The observer asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
    /// A sample's frontier is too large to compute exactly.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
}

/// What one sample said, as a shard keeps it: enough to finish the run
/// (`robust_finish`) without deciding the sample again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SampleRecord {
    /// The sample's index.
    pub k: u64,
    /// Whether it agrees with every observation.
    pub agrees: bool,
    /// Whether its scenario compiled.
    pub valid: bool,
    /// Whether it has a zone.
    pub zopa: bool,
    /// Its Nash deal, if it has a zone.
    pub nash: Option<Vec<usize>>,
    /// Per named candidate: in the ZOPA; per party: accepts. Written as
    /// one string of `0`/`1`, candidate by candidate (in the ZOPA, then each
    /// party), `;` between candidates.
    pub accept: Verdicts,
    /// The uniform number of each source, or nothing (then, as in a part
    /// file, where it is not written, it is drawn again from (seed, k)).
    #[serde(skip)]
    pub u: Vec<f64>,
}

/// The first pass over samples `range` (a shard of a run): each sample
/// drawn, checked against the observations, and decided exactly.
///
/// # Errors
///
/// As [`robust`].
pub fn robust_samples(
    s: &Scenario,
    opts: &RobustOptions,
    range: std::ops::Range<u64>,
    observer: &dyn Observer,
) -> Result<Vec<SampleRecord>, RobustError> {
    let base = lean(s);
    let spec = &s.uncertainty;
    let len = range.end.saturating_sub(range.start);
    // Each sample is drawn from (seed, k) alone: any chunking gives the same.
    const CHUNK: u64 = 256;
    // Observations are checked on the sample as drawn, before ratification
    // raises reservation values: they speak of acceptance.
    // The structure is compiled once; each sample only recompiles its
    // numbers, in a scratch scenario and compiled form per chunk.
    let skeleton = crate::compile::Compiled::new(&base).ok();
    // What of the candidates' and the observations' acceptance is
    // structure, found once (and the utilities of the parties no sample
    // changes).
    let fixed = unvaried(s);
    let judged = Judged::new(
        &base,
        &opts
            .candidates
            .iter()
            .map(Vec::as_slice)
            .collect::<Vec<_>>(),
        &fixed,
    );
    let observed = Judged::new(
        &base,
        &opts
            .observations
            .iter()
            .map(|o| o.package.as_slice())
            .collect::<Vec<_>>(),
        &fixed,
    );
    let agrees = |t: &Scenario| {
        opts.observations.iter().enumerate().all(|(j, o)| {
            observed.acceptable(t, j, &o.package, o.party) == (o.response == Response::Accepts)
        })
    };
    let parts: Vec<Vec<Result<SampleRecord, TooLarge>>> = parallel::chunks(
        len,
        CHUNK,
        Progress {
            observer,
            offset: 0,
            total: 2 * len,
        },
        |_, chunk| {
            let mut t = base.clone();
            let mut c = skeleton.clone();
            chunk
                .map(|i| {
                    let k = range.start + i;
                    // The uniform numbers are drawn again when needed: a
                    // run keeps no list per sample.
                    sample_into(&mut t, &base, spec, opts.seed, k, false);
                    let u = Vec::new();
                    if !agrees(&t) {
                        return Ok(SampleRecord {
                            k,
                            agrees: false,
                            valid: false,
                            zopa: false,
                            nash: None,
                            accept: Verdicts::default(),
                            u,
                        });
                    }
                    if opts.ratified {
                        raise_to_ratification(&mut t);
                    }
                    let decided = match c.as_mut() {
                        Some(c) => decide_judged(&t, &opts.candidates, &judged, c),
                        None => decide(&t, &opts.candidates),
                    };
                    decided.map(|r| SampleRecord {
                        k,
                        agrees: true,
                        valid: r.valid,
                        zopa: r.zopa,
                        nash: r.nash,
                        accept: r.accept,
                        u,
                    })
                })
                .collect()
        },
    )?;
    // One allocation of the final size (a hundred thousand records grown by
    // doubling would be copied and returned to the system several times).
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for r in parts.into_iter().flatten() {
        out.push(r?);
    }
    Ok(out)
}

/// Monte Carlo over the uncertain inputs: P(ZOPA), acceptance of candidate
/// deals, the most robust deals found, and the sensitivity of P(ZOPA).
///
/// Two passes over the same samples (each regenerated from (seed, k)): the
/// first decides the ZOPA and finds each sample's Nash deal; the second
/// evaluates every candidate, the caller's and the most frequent Nash deals.
///
/// # Errors
///
/// [`RobustError::Cancelled`] when the observer asks to stop,
/// [`RobustError::TooLarge`] when some sample's ZOPA frontier is past the
/// merge limit.
pub fn robust(
    s: &Scenario,
    opts: &RobustOptions,
    observer: &dyn Observer,
) -> Result<Robust, RobustError> {
    let first = robust_samples(s, opts, 0..opts.samples, observer)?;
    robust_finish(s, opts, first, observer)
}

/// The second pass and the statistics, from the first pass's records of
/// every sample `0..opts.samples` in order (one run's, or its shards'
/// concatenated): the same answer either way.
///
/// # Errors
///
/// [`RobustError::Cancelled`] when the observer asks to stop. A record
/// list that is not the samples `0..opts.samples` in order is a caller's
/// bug (debug-asserted).
pub fn robust_finish(
    s: &Scenario,
    opts: &RobustOptions,
    records: Vec<SampleRecord>,
    observer: &dyn Observer,
) -> Result<Robust, RobustError> {
    debug_assert!(records.iter().enumerate().all(|(i, r)| r.k == i as u64));
    let n = opts.samples;
    let base = lean(s);
    let spec = &s.uncertainty;
    const CHUNK: u64 = 256;
    let n_sources = spec.sources().0.len();
    let first = records;
    // The most frequent Nash deals.
    let mut freq: std::collections::BTreeMap<Vec<usize>, u64> = std::collections::BTreeMap::new();
    for r in &first {
        if let Some(p) = &r.nash {
            // A package is copied once, when first seen.
            match freq.get_mut(p.as_slice()) {
                Some(c) => *c += 1,
                None => {
                    freq.insert(p.clone(), 1);
                }
            }
        }
    }
    let mut by_freq: Vec<(&Vec<usize>, u64)> = freq.iter().map(|(p, &c)| (p, c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut deals = opts.candidates.clone();
    for &(p, _) in by_freq.iter().take(opts.nash_pool) {
        if !deals.contains(p) {
            deals.push(p.clone());
        }
    }
    let extra: Vec<Vec<usize>> = deals[opts.candidates.len()..].to_vec();
    let second: Vec<Verdicts> = if extra.is_empty() {
        observer.progress(2 * n, 2 * n);
        vec![Verdicts::default(); first.len()]
    } else {
        let judged = Judged::new(
            &base,
            &extra.iter().map(Vec::as_slice).collect::<Vec<_>>(),
            &unvaried(s),
        );
        let parts = parallel::chunks(
            n,
            CHUNK,
            Progress {
                observer,
                offset: n,
                total: 2 * n,
            },
            |_, chunk| {
                let mut t = base.clone();
                chunk
                    .map(|k| {
                        if !first[k as usize].valid {
                            return Verdicts::default();
                        }
                        sample_into(&mut t, &base, spec, opts.seed, k, opts.ratified);
                        accepts_judged(&t, &extra, &judged)
                    })
                    .collect::<Vec<_>>()
            },
        )?;
        parts.into_iter().flatten().collect()
    };
    let valid: Vec<usize> = (0..first.len()).filter(|&k| first[k].valid).collect();
    // The valid samples' uniform numbers, for the sensitivity: `n_sources`
    // per sample, flat (drawn again where a record has none).
    // In parallel chunks (each sample's numbers depend on (seed, k) only).
    let u: Vec<f64> = valid
        .par_chunks(STATS_CHUNK)
        .map(|ks| {
            let mut part = Vec::with_capacity(ks.len() * n_sources);
            for &k in ks {
                let kept = &first[k].u;
                if kept.len() == n_sources {
                    part.extend_from_slice(kept);
                } else {
                    part.extend(draws(opts.seed, k as u64, n_sources));
                }
            }
            part
        })
        .collect::<Vec<_>>()
        .concat();
    // Without a valid sample every probability is NaN (reported as null).
    let nv = if valid.is_empty() {
        f64::NAN
    } else {
        valid.len() as f64
    };
    let np = s.parties.len();
    // Deal d's verdicts in sample k, and its index there.
    let accept_of = |k: usize, d: usize| -> (&Verdicts, usize) {
        if d < opts.candidates.len() {
            (&first[k].accept, d)
        } else {
            (&second[k], d - opts.candidates.len())
        }
    };
    let in_zopa = |k: usize, d: usize| {
        let (v, i) = accept_of(k, d);
        v.zopa(i)
    };
    // Per deal: the valid samples with it in the ZOPA, then those where
    // each party accepts it; one pass over the samples.
    // (Integer counts: summed over parallel chunks in any order, the same.)
    let counts: Vec<u64> = valid
        .par_chunks(STATS_CHUNK)
        .map(|ks| {
            let mut counts = vec![0u64; deals.len() * (np + 1)];
            for &k in ks {
                for (d, row) in counts.chunks_exact_mut(np + 1).enumerate() {
                    let (v, i) = accept_of(k, d);
                    row[0] += u64::from(v.zopa(i));
                    for (p, c) in row[1..].iter_mut().enumerate() {
                        *c += u64::from(v.accepts(i, p));
                    }
                }
            }
            counts
        })
        .reduce(
            || vec![0u64; deals.len() * (np + 1)],
            |mut a, b| {
                a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let p_accept: Vec<f64> = counts
        .chunks_exact(np + 1)
        .map(|row| row[0] as f64 / nv)
        .collect();
    let p_party: Vec<Vec<f64>> = counts
        .chunks_exact(np + 1)
        .map(|row| row[1..].iter().map(|&c| c as f64 / nv).collect())
        .collect();
    // Only valid samples have a Nash deal: its count over them is `freq`'s.
    let nash_share: Vec<f64> = deals
        .iter()
        .map(|d| freq.get(d.as_slice()).copied().unwrap_or(0) as f64 / nv)
        .collect();
    let zopa: Vec<f64> = valid
        .iter()
        .map(|&k| if first[k].zopa { 1.0 } else { 0.0 })
        .collect();
    let p_zopa = zopa.iter().sum::<f64>() / nv + 0.0;
    let (names, _) = s.uncertainty.sources();
    let flags = |d: usize| -> Vec<f64> {
        valid
            .iter()
            .map(|&k| if in_zopa(k, d) { 1.0 } else { 0.0 })
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
    Ok(Robust {
        ratified: opts.ratified,
        samples: n,
        invalid: first.iter().filter(|r| r.agrees && !r.valid).count() as u64,
        disagreed: first.iter().filter(|r| !r.agrees).count() as u64,
        kept: valid.len() as u64,
        p_zopa,
        p_accept,
        p_party,
        nash_share,
        deals,
        sensitivity: sensitivity(&names, &u, &y),
        sensitivity_of: of,
    })
}
