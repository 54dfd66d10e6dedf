//! `calibrate`: what the parties said, as bounds on their reservation
//! values (`docs/definitions.md`, "Calibration").

use accord_core::calibrate::{self, Bound};
use accord_core::model::Response;
use serde::Serialize;

use crate::error::Error;
use crate::observe::Observer;
use crate::report::change::{differences, ChangeReport};
use crate::report::evaluate::RedLineHit;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id, Package};
use crate::resolve::Ids;

/// The reservation values a party's observations allow: `above < r ≤
/// at_most`, `null` where unbounded.
#[derive(Debug, Clone, Serialize)]
pub struct IntervalReport {
    /// r is above this (the greatest utility of a package it rejected).
    pub above: Option<f64>,
    /// r is at most this (the least utility of a package it accepted).
    pub at_most: Option<f64>,
}

/// One party's calibration.
#[derive(Debug, Clone, Serialize)]
pub struct PartyCalibration {
    /// The party.
    pub party: Id,
    /// Its reservation value in the scenario.
    pub reservation: f64,
    /// The interval's bounds (as in `intervals`).
    pub above: Option<f64>,
    /// See `above`.
    pub at_most: Option<f64>,
    /// No reservation value fits every observation of the party.
    pub empty: bool,
    /// Whether the scenario's reservation value lies in the interval.
    pub contains_reservation: bool,
    /// Its observations (1-based numbers, as in `observations`).
    pub observations: Vec<usize>,
}

/// One observation, checked.
#[derive(Debug, Clone, Serialize)]
pub struct ObservationReport {
    /// Its number (from 1, in the file's order).
    pub number: usize,
    /// The party that responded.
    pub party: Id,
    /// `accepts` or `rejects`.
    pub response: &'static str,
    /// The deal's id, when the observation names one.
    pub deal: Option<String>,
    /// The package responded to.
    pub package: Package,
    /// For a package written in: the scenario's deal it differs least from,
    /// and how (null when the observation names a deal, or when no deal
    /// shares at least half of its issues).
    pub resembles: Option<ChangeReport>,
    /// Where it is reported, as written.
    pub source: Option<String>,
    /// When, as written.
    pub date: Option<String>,
    /// The party's utility of the package in the scenario.
    pub utility: f64,
    /// The party's red lines the package crosses.
    pub red_lines: Vec<RedLineHit>,
    /// What it says of the reservation value: `above` (rejected: r >
    /// utility), `at_most` (accepted: r ≤ utility), `red_line` (rejected
    /// across a red line: bounds nothing) or `across_red_line` (accepted
    /// across a red line: a contradiction).
    pub bound: &'static str,
    /// Whether the scenario as written gives the same response.
    pub base_agrees: bool,
    /// With distributions: the share of valid prior samples that agree
    /// with it (null without distributions).
    pub prior_share: Option<f64>,
    /// With distributions: the uncertain inputs (as in `robust`'s `inputs`)
    /// that can change whether a sample agrees with it.
    pub constrains: Vec<String>,
}

/// A contradiction among the observations and the scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Contradiction {
    /// The party.
    pub party: Id,
    /// `accepted_across_red_line` or `empty_interval`.
    pub kind: &'static str,
    /// The observations involved (numbers).
    pub observations: Vec<usize>,
}

/// The prior on the uncertain numbers and what the observations keep of it.
#[derive(Debug, Clone, Serialize)]
pub struct PriorReport {
    /// Samples drawn (as `robust --samples`).
    pub samples: u64,
    /// The seed (as `robust --seed`: the same samples).
    pub seed: u64,
    /// Samples whose scenario compiled.
    pub valid: u64,
    /// Valid samples that agree with every observation.
    pub kept: u64,
    /// `kept / valid` (null without a valid sample).
    pub share: Option<f64>,
}

/// The answer to `calibrate`.
#[derive(Debug, Clone, Serialize)]
pub struct CalibrationReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Per party with observations: `{above, at_most}`, r > `above` and r ≤
    /// `at_most` (`null` where unbounded).
    pub intervals: ByParty<IntervalReport>,
    /// The same parties in more detail.
    pub parties: Vec<PartyCalibration>,
    /// Every observation, checked, in the file's order.
    pub observations: Vec<ObservationReport>,
    /// Contradictions (empty when the observations fit together).
    pub contradictions: Vec<Contradiction>,
    /// With distributions: the prior and what all observations keep of it
    /// (null without distributions).
    pub prior: Option<PriorReport>,
}

/// Answers `calibrate`.
pub(crate) fn answer(
    input: &crate::input::Input,
    ids: &Ids,
    samples: u64,
    seed: u64,
    observer: &dyn Observer,
) -> Result<CalibrationReport, Error> {
    let s = input.scenario();
    if s.observations.is_empty() {
        return Err(Error::usage(
            format!(
                "{} has no observations",
                input
                    .file()
                    .map_or("the scenario".to_string(), |f| f.display().to_string())
            ),
            Some("record what a party said with [[observations]]: party, deal (or package), response = \"accepts\" or \"rejects\", source, date (docs/scenario-format.md, \"Observations\")".into()),
        ));
    }
    let uncertain = !s.uncertainty.is_empty();
    if uncertain {
        if samples == 0 {
            return Err(Error::usage("--samples must be at least 1", None));
        }
        crate::limits::at_most("--samples", samples, crate::limits::MAX_SAMPLES)?;
    }
    let cal = calibrate::calibrate(s);
    let shares = if uncertain {
        Some(calibrate::prior_shares(s, samples, seed, observer).map_err(|_| Error::Cancelled)?)
    } else {
        None
    };
    let share = |n: u64, of: u64| (of > 0).then(|| n as f64 / of as f64);
    let observations: Vec<ObservationReport> = s
        .observations
        .iter()
        .zip(&cal.checked)
        .enumerate()
        .map(|(k, (o, c))| ObservationReport {
            number: k + 1,
            party: ids.party(o.party),
            response: match o.response {
                Response::Accepts => "accepts",
                Response::Rejects => "rejects",
            },
            deal: o.deal.clone(),
            package: ids.package(&o.package),
            resembles: o
                .deal
                .is_none()
                .then(|| resemblance(s, ids, &o.package))
                .flatten(),
            source: o.source.clone(),
            date: o.date.clone(),
            utility: c.utility,
            red_lines: c
                .red_lines
                .iter()
                .map(|&r| RedLineHit {
                    index: r,
                    reason: s.preferences[o.party].red_lines[r].reason.clone(),
                })
                .collect(),
            bound: match c.bound {
                Bound::Above(_) => "above",
                Bound::AtMost(_) => "at_most",
                Bound::RedLine => "red_line",
                Bound::AcrossRedLine => "across_red_line",
            },
            base_agrees: c.agrees,
            prior_share: shares.as_ref().and_then(|p| share(p.kept[k], p.valid)),
            constrains: calibrate::inputs_of(s, o)
                .into_iter()
                .map(|x| s.uncertainty.inputs[x].label.clone())
                .collect(),
        })
        .collect();
    let mut contradictions = Vec::new();
    for iv in &cal.intervals {
        let numbers = |ks: &[usize]| ks.iter().map(|k| k + 1).collect::<Vec<_>>();
        let across: Vec<usize> = iv
            .observations
            .iter()
            .copied()
            .filter(|&k| cal.checked[k].bound == Bound::AcrossRedLine)
            .collect();
        if !across.is_empty() {
            contradictions.push(Contradiction {
                party: ids.party(iv.party),
                kind: "accepted_across_red_line",
                observations: numbers(&across),
            });
        }
        if matches!((iv.above, iv.at_most), (Some(a), Some(b)) if a >= b) {
            contradictions.push(Contradiction {
                party: ids.party(iv.party),
                kind: "empty_interval",
                observations: numbers(&iv.observations),
            });
        }
    }
    Ok(CalibrationReport {
        schema_version: SCHEMA_VERSION,
        intervals: crate::report::value::Keyed(
            cal.intervals
                .iter()
                .map(|iv| {
                    (
                        ids.party(iv.party),
                        IntervalReport {
                            above: iv.above,
                            at_most: iv.at_most,
                        },
                    )
                })
                .collect(),
        ),
        parties: cal
            .intervals
            .iter()
            .map(|iv| PartyCalibration {
                party: ids.party(iv.party),
                reservation: s.parties[iv.party].reservation,
                above: iv.above,
                at_most: iv.at_most,
                empty: iv.empty,
                contains_reservation: iv.contains_reservation,
                observations: iv.observations.iter().map(|k| k + 1).collect(),
            })
            .collect(),
        observations,
        contradictions,
        prior: shares.map(|p| PriorReport {
            samples: p.samples,
            seed,
            valid: p.valid,
            kept: p.kept_by_all,
            share: share(p.kept_by_all, p.valid),
        }),
    })
}

/// The deal of the scenario a package differs least from (the first such in
/// the file's order), when it shares at least half of its issues.
fn resemblance(
    s: &accord_core::model::Scenario,
    ids: &Ids,
    package: &[usize],
) -> Option<ChangeReport> {
    let apart = |d: &accord_core::model::Deal| {
        d.package
            .iter()
            .zip(package)
            .filter(|(a, b)| a != b)
            .count()
    };
    let deal = s.deals.iter().min_by_key(|d| apart(d))?;
    (2 * apart(deal) <= package.len()).then(|| ChangeReport {
        base: deal.id.clone(),
        changed: differences(ids, &deal.package, package),
    })
}
