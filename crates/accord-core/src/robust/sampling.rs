//! One sample: its uniform numbers, the sampled scenario, and what it says.

use chacha20::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use super::Verdicts;
use crate::analysis::frontier::TooLarge;
use crate::analysis::solutions;
use crate::compile::Compiled;
use crate::model::distribution::Uncertainty;
use crate::model::{apply, copy_numbers, Scenario};

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
        raise_to_ratification(&mut out);
    }
    (out, u)
}

/// [`sample_on`] into `out`, a scratch scenario with `base`'s structure (a
/// clone of it, perhaps with another sample's numbers): the same sample,
/// without allocating a scenario.
pub fn sample_into(
    out: &mut Scenario,
    base: &Scenario,
    spec: &Uncertainty,
    seed: u64,
    k: u64,
    ratified: bool,
) -> Vec<f64> {
    let (names, of) = spec.sources();
    let u = draws(seed, k, names.len());
    copy_numbers(out, base);
    for (x, &src) in spec.inputs.iter().zip(&of) {
        let inverse = x.factor.as_deref().is_some_and(|f| f.starts_with('-'));
        let v = if inverse { 1.0 - u[src] } else { u[src] };
        apply(out, x.target, x.dist.quantile(v));
    }
    if ratified {
        raise_to_ratification(out);
    }
    u
}

/// Raises each party's reservation value to its ratification threshold
/// where that is higher: acceptance then includes ratification.
pub fn raise_to_ratification(t: &mut Scenario) {
    for p in &mut t.parties {
        if let Some(r) = p.ratification {
            p.reservation = p.reservation.max(r);
        }
    }
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
    /// Per candidate deal: whether it lies in the ZOPA; per party: accepts.
    pub accept: Verdicts,
}

/// What of a party's acceptance of a package depends only on a scenario's
/// structure, found once for packages judged in every sample: whether the
/// package crosses one of the party's red lines, and which of its
/// interactions hold.
pub(crate) struct Judged {
    /// Per package, per party: (crosses a red line, interactions holding).
    rows: Vec<Vec<(bool, Vec<u32>)>>,
    /// Per package, per party: its utility, for a party whose weights,
    /// values and bonuses no sample draws (the same in every sample).
    fixed: Vec<Vec<Option<f64>>>,
}

/// Per party: whether no uncertain input of `s` draws its weights, values
/// or bonuses (its utilities are the same in every sample).
pub(crate) fn unvaried(s: &Scenario) -> Vec<bool> {
    use crate::model::distribution::Target;
    let mut out = vec![true; s.parties.len()];
    for x in &s.uncertainty.inputs {
        match x.target {
            Target::Weight(p, _)
            | Target::NormWeight(p, _)
            | Target::Value(p, _, _)
            | Target::Bonus(p, _) => out[p] = false,
            _ => {}
        }
    }
    out
}

impl Judged {
    /// The structure of `packages` in `s` (any sample of it: conditions
    /// are structure), and the utilities of the parties marked `fixed`
    /// (whose preference numbers are `s`'s in every sample).
    pub(crate) fn new(s: &Scenario, packages: &[&[usize]], fixed: &[bool]) -> Judged {
        let mut j = Judged {
            fixed: Vec::new(),
            rows: packages
                .iter()
                .map(|d| {
                    s.preferences
                        .iter()
                        .map(|prefs| {
                            (
                                prefs.red_lines.iter().any(|r| r.condition.holds(d)),
                                (0..prefs.interactions.len() as u32)
                                    .filter(|&k| prefs.interactions[k as usize].condition.holds(d))
                                    .collect(),
                            )
                        })
                        .collect()
                })
                .collect(),
        };
        j.fixed = packages
            .iter()
            .enumerate()
            .map(|(k, d)| {
                (0..s.parties.len())
                    .map(|p| {
                        fixed
                            .get(p)
                            .copied()
                            .unwrap_or(false)
                            .then(|| j.utility(s, k, d, p))
                    })
                    .collect()
            })
            .collect();
        j
    }

    /// [`Scenario::utility`] of package `j` (options `d`) to party p in
    /// `t`: the same sums in the same order, without testing conditions.
    fn utility(&self, t: &Scenario, j: usize, d: &[usize], p: usize) -> f64 {
        let (_, holds) = &self.rows[j][p];
        let prefs = &t.preferences[p];
        let mut u = 0.0;
        for (i, &o) in d.iter().enumerate() {
            u += prefs.weights[i] * prefs.values[i][o];
        }
        for &k in holds {
            u += prefs.interactions[k as usize].bonus;
        }
        if prefs.capped {
            u = u.min(1.0);
        }
        u
    }

    /// [`Scenario::acceptable`] of package `j` (numbered as given to
    /// [`Judged::new`], its options `d`) to party p in `t`: the same sums in
    /// the same order, without testing conditions again.
    pub(crate) fn acceptable(&self, t: &Scenario, j: usize, d: &[usize], p: usize) -> bool {
        if self.rows[j][p].0 {
            return false;
        }
        let u = match self.fixed[j][p] {
            Some(u) => u,
            None => self.utility(t, j, d, p),
        };
        u >= t.parties[p].reservation - t.tolerance
    }
}

/// Per deal: whether it lies in the ZOPA (every veto party accepts, and
/// every owner whose issues it moves); per party: accepts.
pub(crate) fn accepts(t: &Scenario, deals: &[Vec<usize>]) -> Verdicts {
    let refs: Vec<&[usize]> = deals.iter().map(Vec::as_slice).collect();
    accepts_judged(t, deals, &Judged::new(t, &refs, &[]))
}

/// [`accepts`] with the deals' structure found before (`judged`, over
/// `deals` in order).
pub(crate) fn accepts_judged(t: &Scenario, deals: &[Vec<usize>], judged: &Judged) -> Verdicts {
    if deals.is_empty() {
        // As a part file reads it back.
        return Verdicts::default();
    }
    let mut out = Verdicts::new(t.parties.len());
    let mut per = Vec::with_capacity(t.parties.len());
    for (j, d) in deals.iter().enumerate() {
        per.clear();
        per.extend((0..t.parties.len()).map(|p| judged.acceptable(t, j, d, p)));
        // `Scenario::in_zopa` from the parties' verdicts: every veto
        // party and every owner whose issues the deal moves accepts.
        let zopa = t.parties.iter().zip(&per).all(|(p, &ok)| ok || !p.veto)
            && t.issues
                .iter()
                .zip(d)
                .all(|(i, &o)| i.owner.is_none_or(|w| w.status_quo == o || per[w.party]));
        out.push(zopa, per.iter().copied());
    }
    out
}

/// Decides a sampled scenario: validity, ZOPA, Nash deal, the deals' acceptance.
///
/// # Errors
///
/// [`TooLarge`] when the sample's ZOPA frontier is past the merge limit.
pub fn decide(t: &Scenario, deals: &[Vec<usize>]) -> Result<SampleResult, TooLarge> {
    let accept = accepts(t, deals);
    let Ok(c) = Compiled::new(t) else {
        return Ok(SampleResult {
            valid: false,
            zopa: false,
            nash: None,
            accept,
        });
    };
    decide_compiled(&c, accept)
}

/// [`decide`] with a compiled form of the scenario's structure to reuse
/// ([`Compiled::renumber`]): the same result.
///
/// # Errors
///
/// As [`decide`].
pub fn decide_on(
    t: &Scenario,
    deals: &[Vec<usize>],
    c: &mut Compiled,
) -> Result<SampleResult, TooLarge> {
    let refs: Vec<&[usize]> = deals.iter().map(Vec::as_slice).collect();
    decide_judged(t, deals, &Judged::new(t, &refs, &[]), c)
}

/// [`decide_on`] with the deals' structure found before (`judged`, over
/// `deals` in order).
pub(crate) fn decide_judged(
    t: &Scenario,
    deals: &[Vec<usize>],
    judged: &Judged,
    c: &mut Compiled,
) -> Result<SampleResult, TooLarge> {
    let accept = accepts_judged(t, deals, judged);
    if c.renumber(t).is_err() {
        return Ok(SampleResult {
            valid: false,
            zopa: false,
            nash: None,
            accept,
        });
    }
    decide_compiled(c, accept)
}

fn decide_compiled(c: &Compiled, accept: Verdicts) -> Result<SampleResult, TooLarge> {
    let f = solutions::zopa_frontier(c)?;
    let zopa = !f.is_empty();
    let nash = if zopa {
        solutions::solve_these(c, &f, &[solutions::Concept::Nash])
            .into_iter()
            .next()
            .and_then(|(_, s)| s.map(|s| s.package))
    } else {
        None
    };
    Ok(SampleResult {
        valid: true,
        zopa,
        nash,
        accept,
    })
}

/// Runs sample `k` and evaluates the candidate deals in it.
pub fn run_sample(
    s: &Scenario,
    seed: u64,
    k: u64,
    deals: &[Vec<usize>],
) -> Result<(SampleResult, Vec<f64>), TooLarge> {
    let (t, u) = sample(s, seed, k);
    Ok((decide(&t, deals)?, u))
}
