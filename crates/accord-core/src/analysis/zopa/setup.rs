//! What every counting method starts from.

use num_bigint::BigUint;

use crate::compile::Compiled;

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
}

impl Setup<'_> {
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
