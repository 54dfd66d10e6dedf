//! A dynamic index answering "is there a point p with p ≥ b − ε in every
//! coordinate?", used to filter dominated vectors with three or more
//! objectives (every point in that orthant either dominates b or ties with it).
//!
//! Static k-d trees whose nodes store the coordinate-wise maximum of their
//! subtree (a subtree whose maximum falls short of b − ε in some coordinate
//! is skipped), kept in the logarithmic method of Bentley and Saxe: level i
//! holds 2^i points or nothing, and an insertion rebuilds the smallest levels.

const LEAF: usize = 8;

struct Tree {
    /// Point ids in tree order; node `n` covers `ids[lo[n]..hi[n]]`.
    ids: Vec<u32>,
    lo: Vec<u32>,
    hi: Vec<u32>,
    /// Children (0 = none; node 0 is the root, never a child).
    left: Vec<u32>,
    right: Vec<u32>,
    /// Coordinate-wise maximum of each node's points, `dims` per node.
    max: Vec<f64>,
}

impl Tree {
    fn build(mut ids: Vec<u32>, pts: &[f64], dims: usize) -> Tree {
        let mut t = Tree {
            ids: Vec::new(),
            lo: Vec::new(),
            hi: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            max: Vec::new(),
        };
        let n = ids.len();
        t.node(&mut ids, 0, n, 0, pts, dims);
        t.ids = ids;
        t
    }

    fn node(
        &mut self,
        ids: &mut [u32],
        lo: usize,
        hi: usize,
        depth: usize,
        pts: &[f64],
        dims: usize,
    ) -> u32 {
        let me = self.lo.len();
        self.lo.push(lo as u32);
        self.hi.push(hi as u32);
        self.left.push(0);
        self.right.push(0);
        let at = self.max.len();
        self.max.resize(at + dims, f64::NEG_INFINITY);
        let m = &mut self.max[at..];
        for &id in &ids[lo..hi] {
            let p = &pts[id as usize * dims..(id as usize + 1) * dims];
            for (x, y) in m.iter_mut().zip(p) {
                *x = x.max(*y);
            }
        }
        if hi - lo > LEAF {
            let axis = depth % dims;
            let mid = (lo + hi) / 2;
            ids[lo..hi].select_nth_unstable_by(mid - lo, |a, b| {
                pts[*a as usize * dims + axis].total_cmp(&pts[*b as usize * dims + axis])
            });
            let l = self.node(ids, lo, mid, depth + 1, pts, dims);
            let r = self.node(ids, mid, hi, depth + 1, pts, dims);
            self.left[me] = l;
            self.right[me] = r;
        }
        me as u32
    }

    fn find(
        &self,
        b: &[f64],
        eps: f64,
        pts: &[f64],
        dims: usize,
        alive: &[bool],
        walk: &mut Walk,
    ) -> Option<usize> {
        let Walk { stack, visits } = walk;
        stack.clear();
        stack.push(0);
        while let Some(n) = stack.pop() {
            *visits += dims as u64;
            let n = n as usize;
            let m = &self.max[n * dims..(n + 1) * dims];
            if m.iter().zip(b).any(|(x, y)| *x < *y - eps) {
                continue;
            }
            if self.left[n] == 0 {
                for &id in &self.ids[self.lo[n] as usize..self.hi[n] as usize] {
                    *visits += dims as u64;
                    let id = id as usize;
                    if !alive[id] {
                        continue;
                    }
                    let p = &pts[id * dims..(id + 1) * dims];
                    if p.iter().zip(b).all(|(x, y)| *x >= *y - eps) {
                        return Some(id);
                    }
                }
            } else {
                stack.push(self.right[n]);
                stack.push(self.left[n]);
            }
        }
        None
    }
}

/// A search's stack and its count of coordinates compared.
#[derive(Default)]
struct Walk {
    stack: Vec<u32>,
    visits: u64,
}

/// The index. Points are added with [`OrthantIndex::insert`] and looked up
/// with [`OrthantIndex::find`]; removal is by the caller's `alive` flags.
pub struct OrthantIndex {
    dims: usize,
    pts: Vec<f64>,
    levels: Vec<Option<Tree>>,
    walk: Walk,
}

impl OrthantIndex {
    /// An empty index for vectors of `dims` coordinates.
    pub fn new(dims: usize) -> OrthantIndex {
        OrthantIndex {
            dims,
            pts: Vec::new(),
            levels: Vec::new(),
            walk: Walk::default(),
        }
    }

    /// Coordinates compared by all finds so far, and sorted into trees (a
    /// measure of the work done, the same on any machine).
    pub fn visits(&self) -> u64 {
        self.walk.visits
    }

    /// Adds a point; its id is the number of points added before it.
    pub fn insert(&mut self, p: &[f64]) {
        let id = (self.pts.len() / self.dims) as u32;
        self.pts.extend_from_slice(p);
        let mut ids = vec![id];
        let mut level = 0;
        while level < self.levels.len() {
            match self.levels[level].take() {
                Some(t) => {
                    ids.extend_from_slice(&t.ids);
                    level += 1;
                }
                None => break,
            }
        }
        if level == self.levels.len() {
            self.levels.push(None);
        }
        // Building a tree of n points sorts them once per level.
        let n = ids.len() as u64;
        self.walk.visits += n * u64::from(n.max(2).ilog2()) * self.dims as u64;
        self.levels[level] = Some(Tree::build(ids, &self.pts, self.dims));
    }

    /// Some live point p with p ≥ b − ε in every coordinate, if any.
    pub fn find(&mut self, b: &[f64], eps: f64, alive: &[bool]) -> Option<usize> {
        for t in self.levels.iter().flatten() {
            let found = t.find(b, eps, &self.pts, self.dims, alive, &mut self.walk);
            if let Some(id) = found {
                return Some(id);
            }
        }
        None
    }
}
