//! The least shift of reservation values that opens a zone of possible
//! agreement, and each veto party's slack.

use super::engine::{Ask, Engine, Merge, NoDeal, Search};
use crate::analysis::frontier::TooLarge;
use crate::compile::Compiled;
use crate::model::Scenario;
use crate::observe::Observer;

/// The least total lowering of the veto parties' reservation values that
/// makes some package acceptable to all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// Σ_p max(0, r_p − u_p) at `package` (0 when the ZOPA is not empty).
    pub total: f64,
    /// (veto party, its share of the shift).
    pub per_party: Vec<(usize, f64)>,
    /// A package attaining it (ties: the larger sum of veto utilities, then
    /// the lexicographically first package).
    pub package: Vec<usize>,
}

/// The least total shift, or `None` when every package crosses some veto
/// party's red line (no shift of reservation values can help then).
///
/// The owners of issues keep their conditional veto (at their own
/// reservation values): only the veto parties' values shift.
pub fn min_total_shift(c: &Compiled) -> Result<Option<Shift>, TooLarge> {
    shift_with(&Merge::new(c), &c.reservation, false).map_err(super::merged)
}

/// [`min_total_shift`] for a scenario the merge refuses, by
/// branch and bound (see [`mediate_by_search`](super::mediate_by_search)),
/// with `ratified`: each reservation value raised to the party's
/// ratification threshold where that is higher.
///
/// # Errors
///
/// As [`mediate_by_search`](super::mediate_by_search).
pub fn min_total_shift_by_search(
    s: &Scenario,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<Option<Shift>, NoDeal> {
    let e = Search::new(s, observer).ok_or(NoDeal::Owners)?;
    let e = if ratified {
        e.ratification_required()
    } else {
        Box::new(e)
    };
    shift_with(e.as_ref(), &e.numbers().reservation, false)
}

/// The least total shift measured from `reservation` (one value per party),
/// e.g. after the mediator's pressure has lowered them, the owners'
/// consent counted (with `ratified`, at their ratification thresholds too).
pub(crate) fn shift_with(
    e: &dyn Engine,
    reservation: &[f64],
    ratified: bool,
) -> Result<Option<Shift>, NoDeal> {
    let veto = e.numbers().veto_parties();
    let f = e.frontier(&Ask {
        parties: &veto,
        costs: false,
        kept: None,
        lower: None,
        exclude: &veto,
        owners: (ratified, &[]),
    })?;
    let eps = e.numbers().tolerance;
    let shift = |u: &[f64]| -> f64 {
        u.iter()
            .zip(&veto)
            .map(|(x, &p)| super::positive_part(reservation[p] - x))
            .sum()
    };
    let pts = &f.utils;
    let best = pts.iter().map(|u| shift(u)).fold(f64::INFINITY, f64::min);
    if !best.is_finite() {
        return Ok(None);
    }
    let cands: Vec<usize> = (0..pts.len())
        .filter(|&j| shift(&pts[j]) <= best + eps)
        .collect();
    let sum = |j: usize| pts[j].iter().sum::<f64>();
    let top = cands
        .iter()
        .map(|&j| sum(j))
        .fold(f64::NEG_INFINITY, f64::max);
    let Some((j, package)) = cands
        .iter()
        .filter(|&&j| sum(j) >= top - eps)
        .filter_map(|&j| f.first_package(j).map(|p| (j, p)))
        .min_by(|a, b| a.1.cmp(&b.1))
    else {
        return Ok(None);
    };
    let per_party = veto
        .iter()
        .zip(&pts[j])
        .map(|(&p, u)| (p, super::positive_part(reservation[p] - u)))
        .collect();
    Ok(Some(Shift {
        total: super::positive_part(shift(&pts[j])),
        per_party,
        package,
    }))
}

/// Each veto party's slack: how far its reservation value could rise with
/// the ZOPA still non-empty, max over the ZOPA of (u_p − r_p). Empty when
/// the ZOPA is.
pub fn slack(c: &Compiled) -> Result<Vec<(usize, f64)>, TooLarge> {
    slack_with(&Merge::new(c)).map_err(super::merged)
}

/// [`slack`] for a scenario the merge refuses, by branch and bound, with
/// `ratified` as in [`min_total_shift_by_search`].
///
/// # Errors
///
/// As [`mediate_by_search`](super::mediate_by_search).
pub fn slack_by_search(
    s: &Scenario,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<Vec<(usize, f64)>, NoDeal> {
    let e = Search::new(s, observer).ok_or(NoDeal::Owners)?;
    if ratified {
        slack_with(e.ratification_required().as_ref())
    } else {
        slack_with(&e)
    }
}

/// [`slack`] over an engine: the ZOPA frontier over the veto parties (their
/// red lines excluded, reservation values as lower bounds), its points
/// inside the ZOPA.
fn slack_with(e: &dyn Engine) -> Result<Vec<(usize, f64)>, NoDeal> {
    let n = e.numbers();
    let veto = n.veto_parties();
    let f = e.frontier(&Ask {
        parties: &veto,
        costs: false,
        kept: None,
        lower: Some(veto.iter().map(|&p| n.reservation[p]).collect()),
        exclude: &veto,
        owners: (false, &[]),
    })?;
    let inside: Vec<&Vec<f64>> = f
        .utils
        .iter()
        .filter(|u| {
            u.iter()
                .zip(&veto)
                .all(|(x, &p)| *x >= n.reservation[p] - n.tolerance)
        })
        .collect();
    if inside.is_empty() {
        return Ok(Vec::new());
    }
    Ok(veto
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let best = inside
                .iter()
                .map(|u| u[k])
                .fold(f64::NEG_INFINITY, f64::max);
            (p, best - n.reservation[p])
        })
        .collect())
}
