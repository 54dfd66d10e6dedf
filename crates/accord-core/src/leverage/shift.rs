//! The least shift of reservation values that opens a zone of possible
//! agreement, and each veto party's slack.

use crate::analysis::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::analysis::solutions;
use crate::compile::{Compiled, OwnerCondition};

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
    min_total_shift_from(c, &c.reservation, &c.owner_conditions(false, &[]))
}

/// [`min_total_shift`] measured from other reservation values (one per
/// party), e.g. after the mediator's pressure has lowered them, with the
/// owners' conditions `owners`.
pub fn min_total_shift_from(
    c: &Compiled,
    reservation: &[f64],
    owners: &[OwnerCondition],
) -> Result<Option<Shift>, TooLarge> {
    let veto = c.veto_parties();
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: veto.clone(),
            exclude_red_lines_of: veto.clone(),
            owners: owners.to_vec(),
            ..FrontierSpec::default()
        },
    )?;
    let eps = c.tolerance;
    let shift = |u: &[f64]| -> f64 {
        u.iter()
            .zip(&veto)
            .map(|(x, &p)| super::positive_part(reservation[p] - x))
            .sum()
    };
    let pts = f.points();
    let best = pts
        .iter()
        .map(|n| shift(&n.utils))
        .fold(f64::INFINITY, f64::min);
    if !best.is_finite() {
        return Ok(None);
    }
    let cands: Vec<usize> = (0..pts.len())
        .filter(|&j| shift(&pts[j].utils) <= best + eps)
        .collect();
    let sum = |j: usize| pts[j].utils.iter().sum::<f64>();
    let top = cands
        .iter()
        .map(|&j| sum(j))
        .fold(f64::NEG_INFINITY, f64::max);
    let Some((j, package)) = cands
        .iter()
        .filter(|&&j| sum(j) >= top - eps)
        .filter_map(|&j| f.first_package(c, j).map(|p| (j, p)))
        .min_by(|a, b| a.1.cmp(&b.1))
    else {
        return Ok(None);
    };
    let per_party = veto
        .iter()
        .zip(&pts[j].utils)
        .map(|(&p, u)| (p, super::positive_part(reservation[p] - u)))
        .collect();
    Ok(Some(Shift {
        total: super::positive_part(shift(&pts[j].utils)),
        per_party,
        package,
    }))
}

/// Each veto party's slack: how far its reservation value could rise with
/// the ZOPA still non-empty, max over the ZOPA of (u_p − r_p). Empty when
/// the ZOPA is.
pub fn slack(c: &Compiled) -> Result<Vec<(usize, f64)>, TooLarge> {
    let f = solutions::zopa_frontier(c)?;
    let inside = solutions::inside_zopa(c, &f);
    if inside.is_empty() {
        return Ok(Vec::new());
    }
    Ok(c.veto_parties()
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let best = inside
                .iter()
                .map(|&j| f.points()[j].utils[k])
                .fold(f64::NEG_INFINITY, f64::max);
            (p, best - c.reservation[p])
        })
        .collect())
}
