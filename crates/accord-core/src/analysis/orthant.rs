//! An index answering "is there a kept point p with p ≥ b − ε in every
//! coordinate?", used to filter dominated vectors with three or more
//! objectives (every point in that orthant either dominates b or ties with
//! it).
//!
//! A filter knows all its candidates before it starts, so the index is one
//! static k-d tree over all of them, built once; points are *marked* kept
//! as the filter keeps them. Each node stores the coordinate-wise maximum
//! of the kept points below it (−∞ while none is), updated on the path up
//! from a newly kept point's leaf: a search skips every subtree whose kept
//! maximum falls short of b − ε in some coordinate, and so every subtree
//! with no kept point at all. No rebuilding, and bounds as tight as the
//! kept points allow.

const LEAF: usize = 8;

/// The index over a fixed set of points (`dims` coordinates each, flat).
pub struct OrthantIndex {
    dims: usize,
    /// Point ids in tree order; node `n` covers `ids[lo[n]..hi[n]]`.
    ids: Vec<u32>,
    lo: Vec<u32>,
    hi: Vec<u32>,
    /// Children (0 = none; node 0 is the root, never a child).
    left: Vec<u32>,
    right: Vec<u32>,
    parent: Vec<u32>,
    /// The leaf that holds each point.
    leaf_of: Vec<u32>,
    /// Coordinate-wise maximum of each node's kept points, `dims` per node.
    max: Vec<f64>,
    /// The points' coordinates in tree order (leaves read them in sequence).
    coords: Vec<f64>,
    /// Each point's place in tree order.
    place: Vec<u32>,
    /// The caller's number of the point at each place in tree order, if
    /// kept (`u32::MAX`: not kept).
    kept: Vec<u32>,
    stack: Vec<u32>,
    /// Coordinates compared, in searches and in building (a measure of the
    /// work done, the same on any machine).
    visits: u64,
}

impl OrthantIndex {
    /// The index over `n` points of `dims` coordinates; `pts(i)` is point i.
    /// Nothing is kept yet.
    pub fn new<'a>(dims: usize, n: usize, pts: impl Fn(usize) -> &'a [f64]) -> OrthantIndex {
        let mut t = OrthantIndex {
            dims,
            ids: (0..n as u32).collect(),
            lo: Vec::new(),
            hi: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            parent: Vec::new(),
            leaf_of: vec![0; n],
            max: Vec::new(),
            coords: Vec::with_capacity(n * dims),
            place: vec![0; n],
            kept: vec![u32::MAX; n],
            stack: Vec::new(),
            visits: 0,
        };
        if n > 0 {
            let mut ids = std::mem::take(&mut t.ids);
            t.node(&mut ids, 0, n, 0, 0, &pts);
            for (k, &id) in ids.iter().enumerate() {
                t.coords.extend_from_slice(pts(id as usize));
                t.place[id as usize] = k as u32;
            }
            t.ids = ids;
        }
        // Building sorts the points once per level.
        let n = n as u64;
        t.visits += n * u64::from(n.max(2).ilog2()) * dims as u64;
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn node<'a>(
        &mut self,
        ids: &mut [u32],
        lo: usize,
        hi: usize,
        depth: usize,
        parent: u32,
        pts: &impl Fn(usize) -> &'a [f64],
    ) -> u32 {
        let me = self.lo.len() as u32;
        self.lo.push(lo as u32);
        self.hi.push(hi as u32);
        self.left.push(0);
        self.right.push(0);
        self.parent.push(parent);
        self.max
            .resize(self.max.len() + self.dims, f64::NEG_INFINITY);
        if hi - lo > LEAF {
            let axis = depth % self.dims;
            let mid = (lo + hi) / 2;
            ids[lo..hi].select_nth_unstable_by(mid - lo, |a, b| {
                pts(*a as usize)[axis].total_cmp(&pts(*b as usize)[axis])
            });
            let l = self.node(ids, lo, mid, depth + 1, me, pts);
            let r = self.node(ids, mid, hi, depth + 1, me, pts);
            self.left[me as usize] = l;
            self.right[me as usize] = r;
        } else {
            for &id in &ids[lo..hi] {
                self.leaf_of[id as usize] = me;
            }
        }
        me
    }

    /// Coordinates compared so far (see the field).
    pub fn visits(&self) -> u64 {
        self.visits
    }

    /// Marks point `id` (coordinates `p`) kept, as the caller's number `as_`.
    pub fn keep(&mut self, id: usize, p: &[f64], as_: u32) {
        self.kept[self.place[id] as usize] = as_;
        let d = self.dims;
        let mut n = self.leaf_of[id] as usize;
        loop {
            self.visits += d as u64;
            let m = &mut self.max[n * d..(n + 1) * d];
            let mut raised = false;
            for (x, y) in m.iter_mut().zip(p) {
                if *y > *x {
                    *x = *y;
                    raised = true;
                }
            }
            // An ancestor's maximum is at least its child's: once nothing
            // rises, nothing above does either.
            if !raised || n == 0 {
                break;
            }
            n = self.parent[n] as usize;
        }
    }

    /// The caller's number of some kept point p, `alive` by that number, with
    /// p ≥ b − ε in every coordinate, if any.
    pub fn find(&mut self, b: &[f64], eps: f64, alive: &[bool]) -> Option<usize> {
        if self.lo.is_empty() {
            return None;
        }
        // The common numbers of coordinates get a search of their own, whose
        // comparisons the compiler unrolls; the same answer and the same
        // count of visits as the general one.
        match self.dims {
            3 => self.find_in::<3>(b, eps, alive),
            4 => self.find_in::<4>(b, eps, alive),
            5 => self.find_in::<5>(b, eps, alive),
            6 => self.find_in::<6>(b, eps, alive),
            7 => self.find_in::<7>(b, eps, alive),
            8 => self.find_in::<8>(b, eps, alive),
            _ => self.find_any(b, eps, alive),
        }
    }

    /// [`find`](Self::find) with `D` coordinates.
    fn find_in<const D: usize>(&mut self, b: &[f64], eps: f64, alive: &[bool]) -> Option<usize> {
        let mut floor = [0.0; D];
        for (f, y) in floor.iter_mut().zip(b) {
            *f = *y - eps;
        }
        let below = |m: &[f64]| {
            let m: &[f64; D] = m.try_into().expect("D coordinates");
            let mut any = false;
            for j in 0..D {
                any |= m[j] < floor[j];
            }
            any
        };
        self.walk(alive, below, |p| !below(p))
    }

    /// [`find`](Self::find) with any number of coordinates.
    fn find_any(&mut self, b: &[f64], eps: f64, alive: &[bool]) -> Option<usize> {
        self.walk(
            alive,
            |m| m.iter().zip(b).any(|(x, y)| *x < *y - eps),
            |p| p.iter().zip(b).all(|(x, y)| *x >= *y - eps),
        )
    }

    /// The search of [`find`](Self::find): subtrees whose kept maximum is
    /// `below` the orthant skipped, the first kept point `inside` it
    /// returned, every node and point compared counted as `dims` visits.
    #[inline]
    fn walk(
        &mut self,
        alive: &[bool],
        below: impl Fn(&[f64]) -> bool,
        inside: impl Fn(&[f64]) -> bool,
    ) -> Option<usize> {
        let d = self.dims;
        let mut visits = 0u64;
        let mut found = None;
        self.stack.clear();
        self.stack.push(0);
        'search: while let Some(n) = self.stack.pop() {
            visits += d as u64;
            let n = n as usize;
            if below(&self.max[n * d..(n + 1) * d]) {
                continue;
            }
            if self.left[n] == 0 {
                for at in self.lo[n] as usize..self.hi[n] as usize {
                    let k = self.kept[at];
                    if k == u32::MAX || !alive[k as usize] {
                        continue;
                    }
                    visits += d as u64;
                    if inside(&self.coords[at * d..(at + 1) * d]) {
                        found = Some(k as usize);
                        break 'search;
                    }
                }
            } else {
                // The upper half of the split first: a dominator is more
                // likely there.
                self.stack.push(self.left[n]);
                self.stack.push(self.right[n]);
            }
        }
        self.visits += visits;
        found
    }
}
