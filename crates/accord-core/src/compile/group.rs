//! One independent group of issues, and objectives that add up over groups.

/// A group of issues that contribute to utilities independently of all other groups.
#[derive(Debug, Clone)]
pub struct Group {
    /// The issues in the group, increasing.
    pub issues: Vec<usize>,
    /// Number of options of each issue in `issues`.
    pub radices: Vec<usize>,
    /// Number of option combinations (product of `radices`).
    pub n_options: usize,
    /// `utils[o * n_parties + p]`: party p's utility contribution of combination o.
    pub utils: Vec<f64>,
    /// Number of parties (the stride of `utils` and `vetoed`).
    pub n_parties: usize,
    /// `vetoed[o * n_parties + p]`: combination o crosses a red line of
    /// party p (see [`Group::vetoed`]).
    pub vetoed: Vec<bool>,
}

impl Group {
    /// The option index of each issue in the group for combination `o`
    /// (mixed radix, the first issue most significant, so combination order is
    /// lexicographic in issue order).
    pub fn decode(&self, mut o: usize) -> Vec<usize> {
        let mut out = vec![0; self.issues.len()];
        for k in (0..self.issues.len()).rev() {
            out[k] = o % self.radices[k];
            o /= self.radices[k];
        }
        out
    }

    /// Writes combination o's option of each of the group's issues into
    /// `package` (indexed by issue), leaving the other issues alone.
    #[inline]
    pub fn set_scratch(&self, mut o: usize, package: &mut [usize]) {
        for k in (0..self.issues.len()).rev() {
            package[self.issues[k]] = o % self.radices[k];
            o /= self.radices[k];
        }
    }

    /// The option index of the group's `k`-th issue in combination `o`
    /// (`decode(o)[k]` without building the whole list).
    #[inline]
    pub fn digit(&self, o: usize, k: usize) -> usize {
        let below: usize = self.radices[k + 1..].iter().product();
        (o / below) % self.radices[k]
    }

    /// The combination index for the options `opts` of the group's issues.
    pub fn encode(&self, opts: &[usize]) -> usize {
        let mut o = 0;
        for (k, &x) in opts.iter().enumerate() {
            o = o * self.radices[k] + x;
        }
        o
    }

    /// Party p's contribution for combination o.
    #[inline]
    pub fn util(&self, o: usize, p: usize, n_parties: usize) -> f64 {
        self.utils[o * n_parties + p]
    }

    /// Whether combination o crosses a red line of party p.
    #[inline]
    pub fn vetoed(&self, o: usize, p: usize) -> bool {
        self.vetoed[o * self.n_parties + p]
    }

    /// Whether combination o crosses a red line of any party in `parties`.
    pub fn vetoed_by_any(&self, o: usize, parties: &[usize]) -> bool {
        parties.iter().any(|&p| self.vetoed(o, p))
    }
}

/// An objective that adds up over issues, per group option:
/// `out[g][o] = Σ_{issues i of g} f(i, option of i in o)`.
pub fn additive(groups: &[Group], f: impl Fn(usize, usize) -> f64) -> Vec<Vec<f64>> {
    groups
        .iter()
        .map(|g| {
            (0..g.n_options)
                .map(|o| {
                    let opts = g.decode(o);
                    g.issues.iter().zip(&opts).map(|(&i, &x)| f(i, x)).sum()
                })
                .collect()
        })
        .collect()
}
