//! Union–find over issue indices: issues named by one condition end up in
//! one group.

use crate::model::Scenario;

/// Disjoint sets of issue indices; `.0[x]` is the parent of x.
pub(crate) struct UnionFind(pub(crate) Vec<usize>);

impl UnionFind {
    /// The issues of `s` tied together by its red lines and interactions
    /// (every condition naming several issues joins them).
    pub(crate) fn tied(s: &Scenario) -> UnionFind {
        let mut uf = UnionFind((0..s.issues.len()).collect());
        for prefs in &s.preferences {
            let conds = prefs
                .red_lines
                .iter()
                .map(|r| &r.condition)
                .chain(prefs.interactions.iter().map(|i| &i.condition));
            for c in conds {
                let mut it = c.issues();
                if let Some(first) = it.next() {
                    for other in it {
                        uf.union(first, other);
                    }
                }
            }
        }
        uf
    }

    /// The root of x's set (compressing the path).
    pub(crate) fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    /// Joins the sets of a and b; the smaller root becomes the root.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}
