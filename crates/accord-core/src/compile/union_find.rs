//! Union–find over issue indices: issues named by one condition end up in
//! one group.

/// Disjoint sets of issue indices; `.0[x]` is the parent of x.
pub(crate) struct UnionFind(pub(crate) Vec<usize>);

impl UnionFind {
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
