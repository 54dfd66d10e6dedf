//! What the parties said (`accord calibrate`): the reservation values
//! consistent with the observed responses, and how much of the prior on the
//! scenario's uncertain numbers each observation keeps
//! (`docs/definitions.md`, "Calibration").
//!
//! A party that rejected a package crossing none of its red lines has a
//! reservation value above its utility of the package; one that accepted a
//! package has a reservation value at most its utility of it (acceptance
//! counts ties within the scenario's tolerance, as everywhere). A rejected
//! package across a red line bounds nothing; an accepted one is a
//! contradiction.

use crate::compile::Compiled;
use crate::model::distribution::Target;
use crate::model::{Observation, Response, Scenario};
use crate::observe::Observer;
use crate::parallel::{self, Cancelled, Progress};
use crate::robust::{lean, sample_on};

/// What one observation says of its party's reservation value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// Rejected, no red line crossed: r > the utility.
    Above(f64),
    /// Accepted, no red line crossed: r ≤ the utility.
    AtMost(f64),
    /// Rejected across a red line: explained by the red line, bounds nothing.
    RedLine,
    /// Accepted across a red line: contradicts the scenario whatever r is.
    AcrossRedLine,
}

/// One observation, checked against the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The party's utility of the package.
    pub utility: f64,
    /// The party's red lines the package crosses (indices).
    pub red_lines: Vec<usize>,
    /// What it says of the reservation value.
    pub bound: Bound,
    /// Whether the scenario as written gives the same response.
    pub agrees: bool,
}

/// The reservation values of one party consistent with its observations:
/// `above < r ≤ at_most` (each side open when `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The party.
    pub party: usize,
    /// The greatest utility of a package it rejected (r is above it).
    pub above: Option<f64>,
    /// The least utility of a package it accepted (r is at most it).
    pub at_most: Option<f64>,
    /// No reservation value fits: `above ≥ at_most`, or it accepted a
    /// package across a red line.
    pub empty: bool,
    /// Whether the scenario's reservation value lies in the interval.
    pub contains_reservation: bool,
    /// Its observations (indices into the scenario's).
    pub observations: Vec<usize>,
}

/// Every observation checked and every observed party's interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Per observation, in the scenario's order.
    pub checked: Vec<Checked>,
    /// Per party with observations, in party order.
    pub intervals: Vec<Interval>,
}

/// Checks one observation.
pub fn check(s: &Scenario, o: &Observation) -> Checked {
    let utility = s.utility(o.party, &o.package);
    let red_lines = s.red_lines_crossed(o.party, &o.package);
    let bound = match (o.response, red_lines.is_empty()) {
        (Response::Rejects, true) => Bound::Above(utility),
        (Response::Accepts, true) => Bound::AtMost(utility),
        (Response::Rejects, false) => Bound::RedLine,
        (Response::Accepts, false) => Bound::AcrossRedLine,
    };
    Checked {
        utility,
        red_lines,
        bound,
        agrees: o.agrees(s),
    }
}

/// The calibration of a scenario's reservation values by its observations.
pub fn calibrate(s: &Scenario) -> Calibration {
    let checked: Vec<Checked> = s.observations.iter().map(|o| check(s, o)).collect();
    let mut intervals = Vec::new();
    for p in 0..s.parties.len() {
        let mine: Vec<usize> = (0..checked.len())
            .filter(|&k| s.observations[k].party == p)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let (mut above, mut at_most, mut across) = (None::<f64>, None::<f64>, false);
        for &k in &mine {
            match checked[k].bound {
                Bound::Above(u) => above = Some(above.map_or(u, |a| a.max(u))),
                Bound::AtMost(u) => at_most = Some(at_most.map_or(u, |a| a.min(u))),
                Bound::RedLine => {}
                Bound::AcrossRedLine => across = true,
            }
        }
        let empty = across || matches!((above, at_most), (Some(a), Some(b)) if a >= b);
        intervals.push(Interval {
            party: p,
            above,
            at_most,
            empty,
            contains_reservation: mine.iter().all(|&k| checked[k].agrees),
            observations: mine,
        });
    }
    Calibration { checked, intervals }
}

/// The uncertain inputs (indices into `s.uncertainty.inputs`) that can
/// change whether the scenario agrees with an observation: the party's
/// reservation value, its weights (raw weights are normalised together),
/// its values of the package's options, and the bonuses of its interactions
/// the package triggers. None for a rejection a red line explains.
pub fn inputs_of(s: &Scenario, o: &Observation) -> Vec<usize> {
    let p = o.party;
    // A rejection across a red line agrees with every sample: red lines
    // are not uncertain.
    if o.response == Response::Rejects && !s.red_lines_crossed(p, &o.package).is_empty() {
        return Vec::new();
    }
    let triggered = |k: usize| {
        s.preferences[p]
            .interactions
            .get(k)
            .is_some_and(|it| it.condition.holds(&o.package))
    };
    s.uncertainty
        .inputs
        .iter()
        .enumerate()
        .filter(|(_, x)| match x.target {
            Target::Reservation(q) | Target::Weight(q, _) | Target::NormWeight(q, _) => q == p,
            Target::Value(q, i, opt) => q == p && o.package.get(i) == Some(&opt),
            Target::Bonus(q, k) => q == p && triggered(k),
            _ => false,
        })
        .map(|(k, _)| k)
        .collect()
}

/// How much of the prior each observation keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorShares {
    /// Samples drawn.
    pub samples: u64,
    /// Samples whose scenario compiled (the others are left out, as in
    /// `robust`).
    pub valid: u64,
    /// Per observation: valid samples that agree with it.
    pub kept: Vec<u64>,
    /// Valid samples that agree with every observation.
    pub kept_by_all: u64,
}

/// Draws the scenario's uncertain numbers as `robust` does (same seed, same
/// samples) and counts, per observation, the samples that agree with it.
///
/// # Errors
///
/// [`Cancelled`] when the observer asks to stop.
pub fn prior_shares(
    s: &Scenario,
    samples: u64,
    seed: u64,
    observer: &dyn Observer,
) -> Result<PriorShares, Cancelled> {
    let base = lean(s);
    let per: Vec<Option<Vec<bool>>> =
        parallel::map(samples, 256, Progress::single(observer, samples), |k| {
            let (t, _) = sample_on(&base, &s.uncertainty, seed, k, false);
            Compiled::new(&t)
                .is_ok()
                .then(|| s.observations.iter().map(|o| o.agrees(&t)).collect())
        })?;
    let valid: Vec<&Vec<bool>> = per.iter().flatten().collect();
    Ok(PriorShares {
        samples,
        valid: valid.len() as u64,
        kept: (0..s.observations.len())
            .map(|k| valid.iter().filter(|v| v[k]).count() as u64)
            .collect(),
        kept_by_all: valid.iter().filter(|v| v.iter().all(|&a| a)).count() as u64,
    })
}
