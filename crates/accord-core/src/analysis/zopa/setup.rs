//! What every counting method starts from.

use num_bigint::BigUint;

use crate::compile::{Compiled, OwnerCondition};

/// What every method needs: the veto parties, their bounds, and the options
/// each group may take.
pub(crate) struct Setup<'a> {
    /// The compiled scenario.
    pub(crate) c: &'a Compiled,
    /// The veto parties.
    pub(crate) veto: Vec<usize>,
    /// Per veto party: its reservation value − ε.
    pub(crate) bound: Vec<f64>,
    /// Per group: the options crossing no veto party's red line.
    pub(crate) allowed: Vec<Vec<usize>>,
    /// Owners' conditions still to check package by package (only the
    /// sampler does; the exact methods get them folded into the cases).
    pub(crate) owners: Vec<OwnerCondition>,
}

impl<'a> Setup<'a> {
    /// The packages acceptable to `parties` (each at its bound, within ε),
    /// using only the group options that `keep` keeps.
    pub(crate) fn new(
        c: &'a Compiled,
        parties: Vec<(usize, f64)>,
        keep: impl Fn(usize, usize) -> bool,
        owners: Vec<OwnerCondition>,
    ) -> Setup<'a> {
        let veto: Vec<usize> = parties.iter().map(|p| p.0).collect();
        let allowed = c
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                (0..g.n_options)
                    .filter(|&o| !g.vetoed_by_any(o, &veto) && keep(gi, o))
                    .collect()
            })
            .collect();
        Setup {
            c,
            bound: parties.iter().map(|p| p.1 - c.tolerance).collect(),
            veto,
            allowed,
            owners,
        }
    }

    /// Veto party j's contribution of option o of group g.
    pub(crate) fn util(&self, g: usize, o: usize, j: usize) -> f64 {
        self.c.groups[g].util(o, self.veto[j], self.c.n_parties)
    }

    /// A zero count per group option.
    pub(crate) fn zero_counts(&self) -> Vec<Vec<BigUint>> {
        self.c
            .groups
            .iter()
            .map(|g| vec![BigUint::default(); g.n_options])
            .collect()
    }
}
