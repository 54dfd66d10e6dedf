//! Dominance under the tolerance ε, and the filters that reduce candidate
//! vectors to their mutually non-dominated set (ties merged into one
//! [`Node`]): a sort and a sweep for two objectives, an orthant index for
//! three or more.

use super::orthant::OrthantIndex;

/// A node of the merge DAG.
#[derive(Debug, Clone)]
pub struct Node {
    /// Partial utilities, one per objective party.
    pub utils: Vec<f64>,
    /// `(previous node, group option)` pairs giving this vector (ties kept).
    pub preds: Vec<(u32, u32)>,
}

/// The nodes of one merge layer, flat (struct of arrays): utilities in one
/// array, back-pointers in another with each node's range, so a layer costs
/// no allocation per node.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    dims: usize,
    utils: Vec<f64>,
    /// `starts[i]..starts[i + 1]` is node i's range of `preds`.
    starts: Vec<u32>,
    preds: Vec<(u32, u32)>,
}

impl Layer {
    /// An empty layer of `dims`-dimensional nodes.
    pub fn new(dims: usize) -> Layer {
        Layer {
            dims,
            utils: Vec::new(),
            starts: vec![0],
            preds: Vec::new(),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether the layer has no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Node i's utilities.
    #[inline]
    pub fn utils(&self, i: usize) -> &[f64] {
        &self.utils[i * self.dims..(i + 1) * self.dims]
    }

    /// Node i's `(previous node, group option)` back-pointers, sorted.
    #[inline]
    pub fn preds(&self, i: usize) -> &[(u32, u32)] {
        &self.preds[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Appends a node.
    pub fn push(&mut self, utils: &[f64], preds: &[(u32, u32)]) {
        self.utils.extend_from_slice(utils);
        self.preds.extend_from_slice(preds);
        self.starts.push(self.preds.len() as u32);
    }

    /// The layer of `nodes`, in their order.
    pub fn from_nodes(nodes: Vec<Node>, dims: usize) -> Layer {
        let mut l = Layer::new(dims);
        for n in nodes {
            l.push(&n.utils, &n.preds);
        }
        l
    }

    /// The nodes, each with its own vectors.
    pub fn to_nodes(&self) -> Vec<Node> {
        (0..self.len())
            .map(|i| Node {
                utils: self.utils(i).to_vec(),
                preds: self.preds(i).to_vec(),
            })
            .collect()
    }
}

/// A candidate of the two-objective merge: a partial sum and how it was made.
#[derive(Debug, Clone, Copy)]
struct Cand2 {
    u0: f64,
    u1: f64,
    bp: (u32, u32),
}

/// The order of the two-objective sweep: u0, then u1, descending; then the
/// back-pointer. A total order (back-pointers are distinct).
#[inline]
fn sweep_order(a: &Cand2, b: &Cand2) -> std::cmp::Ordering {
    b.u0.total_cmp(&a.u0)
        .then(b.u1.total_cmp(&a.u1))
        .then(a.bp.cmp(&b.bp))
}

/// One two-objective merge step, flat: the non-dominated set of the sums
/// `prev[i] + option` over `prev`'s nodes and `opts` (option index, its two
/// contributions) that pass `keep`, exactly as [`nondominated`] gives it for
/// those candidates (the same nodes, order and back-pointers), without
/// forming or sorting most of them.
///
/// Adding one option's contributions to every node of `prev` (which is in
/// sweep order) gives a run in sweep order, so the runs are merged with a
/// heap of their heads (O(log k) per candidate taken) into the order of
/// the sweep. Most candidates are dominated, and many provably so before
/// they are taken: a candidate c can be dropped when a candidate a already
/// taken has a₀ > c₀ + ε and a₁ ≥ c₁. Then c is dominated (the sweep drops
/// it) and never raises a maximum of u₁ that the sweep reads, so dropping
/// it changes no other verdict. Each run skips such candidates one
/// comparison each, without the heap. Rounding can put a run slightly out
/// of order; then the candidates taken are sorted before the sweep (their
/// set, and the sweep's result, do not depend on the order they came in).
pub fn merge_2d(
    prev: &Layer,
    opts: &[(u32, [f64; 2])],
    eps: f64,
    keep: impl Fn(f64, f64) -> bool,
) -> Layer {
    use std::cmp::Ordering;
    use std::collections::BinaryHeap;

    /// A run's head, ordered so that the heap's maximum comes first in sweep order.
    struct Head {
        c: Cand2,
        run: usize,
    }
    impl PartialEq for Head {
        fn eq(&self, other: &Self) -> bool {
            self.cmp(other) == Ordering::Equal
        }
    }
    impl Eq for Head {}
    impl PartialOrd for Head {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Head {
        fn cmp(&self, other: &Self) -> Ordering {
            sweep_order(&other.c, &self.c)
        }
    }

    let n = prev.len();
    let u = &prev.utils;
    // The candidate taken with the largest u₁ (the first such), as (a₀, a₁).
    let mut best = (f64::INFINITY, f64::NEG_INFINITY);
    let droppable = |c: &Cand2, best: (f64, f64)| c.u0 < best.0 - eps && c.u1 <= best.1;
    let mut pos = vec![0usize; opts.len()];
    // The next candidate of run r that is kept and not droppable.
    let next = |r: usize, pos: &mut usize, best: (f64, f64)| -> Option<Cand2> {
        let (o, [x, y]) = opts[r];
        while *pos < n {
            let i = *pos;
            *pos += 1;
            let c = Cand2 {
                u0: u[2 * i] + x,
                u1: u[2 * i + 1] + y,
                bp: (i as u32, o),
            };
            if keep(c.u0, c.u1) && !droppable(&c, best) {
                return Some(c);
            }
        }
        None
    };
    let mut heap = BinaryHeap::with_capacity(opts.len());
    for (r, p) in pos.iter_mut().enumerate() {
        if let Some(c) = next(r, p, best) {
            heap.push(Head { c, run: r });
        }
    }
    let mut taken: Vec<Cand2> = Vec::with_capacity(2 * n + opts.len());
    let mut in_order = true;
    while let Some(mut top) = heap.peek_mut() {
        let (c, run) = (top.c, top.run);
        if !droppable(&c, best) {
            if let Some(last) = taken.last() {
                in_order &= sweep_order(last, &c) != Ordering::Greater;
            }
            taken.push(c);
            if c.u1 > best.1 {
                best = (c.u0, c.u1);
            }
        }
        // The run's next head replaces the top (one sift), or the run ends.
        match next(run, &mut pos[run], best) {
            Some(h) => top.c = h,
            None => {
                std::collections::binary_heap::PeekMut::pop(top);
            }
        }
    }
    if !in_order {
        taken.sort_by(sweep_order);
    }
    sweep_2d(&taken, eps)
}

/// The sweep of the two-objective filter over candidates in sweep order:
/// b is dominated iff some a has a0 > b0 + ε and a1 ≥ b1 − ε, or a0 ≥ b0 − ε
/// and a1 > b1 + ε; both are prefix conditions in that order.
fn sweep_2d(cands: &[Cand2], eps: f64) -> Layer {
    let n = cands.len();
    let mut prefix_max = Vec::with_capacity(n + 1);
    prefix_max.push(f64::NEG_INFINITY);
    let mut m = f64::NEG_INFINITY;
    for c in cands {
        m = m.max(c.u1);
        prefix_max.push(m);
    }
    let (mut strictly_right, mut within) = (0, 0);
    let mut out = Layer::new(2);
    for c in cands {
        let (b0, b1) = (c.u0, c.u1);
        while strictly_right < n && cands[strictly_right].u0 > b0 + eps {
            strictly_right += 1;
        }
        while within < n && cands[within].u0 >= b0 - eps {
            within += 1;
        }
        if prefix_max[strictly_right] >= b1 - eps || prefix_max[within] > b1 + eps {
            continue;
        }
        let last = out.len().checked_sub(1);
        match last {
            Some(l) if tied(out.utils(l), &[b0, b1], eps) => {
                out.preds.push(c.bp);
                *out.starts.last_mut().expect("a layer has a start") += 1;
            }
            _ => out.push(&[b0, b1], &[c.bp]),
        }
    }
    for i in 0..out.len() {
        let (a, b) = (out.starts[i] as usize, out.starts[i + 1] as usize);
        out.preds[a..b].sort_unstable();
    }
    out
}

/// Whether `a` dominates `b` under tolerance ε: a ≥ b − ε everywhere and a > b + ε somewhere.
#[inline]
pub fn dominates(a: &[f64], b: &[f64], eps: f64) -> bool {
    let mut strict = false;
    for (x, y) in a.iter().zip(b) {
        if *x < *y - eps {
            return false;
        }
        if *x > *y + eps {
            strict = true;
        }
    }
    strict
}

/// Whether `a` and `b` are equal within ε in every component.
#[inline]
pub fn tied(a: &[f64], b: &[f64], eps: f64) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= eps)
}

/// Reduces candidate `(vector, back-pointer)` pairs to mutually non-dominated
/// nodes, merging tied vectors into one node with several back-pointers.
pub fn nondominated(cands: Vec<(Vec<f64>, (u32, u32))>, eps: f64) -> Vec<Node> {
    nondominated_within(cands, eps, &Budget::new(u64::MAX)).unwrap_or_default()
}

/// A budget of work shared by the filters of one computation (also when
/// they run in parallel), counted in steps that are the same on any machine:
/// one per candidate, and with three or more objectives one per coordinate
/// compared against the index or a kept vector and per coordinate sorted
/// into the index. (Two objectives are sorted in O(n log n) and count one
/// step per candidate.)
///
/// Whether a computation passes its budget does not depend on the threads:
/// the steps spent only ever count work done, so a filter that stops because
/// the shared count passed the limit proves that the whole work would.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: std::sync::atomic::AtomicU64,
}

impl Budget {
    /// A budget of `limit` steps.
    pub fn new(limit: u64) -> Budget {
        Budget {
            limit,
            used: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Spends `n` steps; whether the budget still holds.
    pub fn spend(&self, n: u64) -> bool {
        use std::sync::atomic::Ordering;
        let before = self.used.fetch_add(n, Ordering::Relaxed);
        before.saturating_add(n) <= self.limit
    }

    /// Whether more than the limit was spent.
    pub fn exceeded(&self) -> bool {
        self.used.load(std::sync::atomic::Ordering::Relaxed) > self.limit
    }
}

/// Steps spent on the shared budget at a time (fewer atomic updates).
const SPEND_EVERY: u64 = 1 << 16;

/// [`nondominated`] within a shared [`Budget`]; `None` once the budget is
/// exceeded.
pub fn nondominated_within(
    cands: Vec<(Vec<f64>, (u32, u32))>,
    eps: f64,
    budget: &Budget,
) -> Option<Vec<Node>> {
    if !budget.spend(cands.len() as u64) {
        return None;
    }
    let dims = cands.first().map_or(0, |c| c.0.len());
    if dims == 2 {
        return Some(nondominated_2d(cands, eps));
    }
    if dims == 0 {
        // No objectives: every candidate ties with every other.
        let mut preds: Vec<(u32, u32)> = cands.into_iter().map(|c| c.1).collect();
        preds.sort_unstable();
        let nodes = if preds.is_empty() {
            Vec::new()
        } else {
            vec![Node {
                utils: Vec::new(),
                preds,
            }]
        };
        return Some(nodes);
    }
    let mut items: Vec<(f64, Vec<f64>, (u32, u32))> = cands
        .into_iter()
        .map(|(v, bp)| (v.iter().sum(), v, bp))
        .collect();
    // Larger sums first: a dominator comes before what it dominates, except
    // between vectors whose sums are within a few ε.
    items.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| {
                for (x, y) in a.1.iter().zip(&b.1) {
                    match y.total_cmp(x) {
                        std::cmp::Ordering::Equal => continue,
                        o => return o,
                    }
                }
                std::cmp::Ordering::Equal
            })
            .then_with(|| a.2.cmp(&b.2))
    });
    // A later vector v can dominate a kept k only if sum(k) < sum(v) + (dims − 2)·ε.
    let slack = (dims as f64 + 1.0) * eps;
    let mut k = Kept::new(dims);
    let mut spent: u64 = 0;
    for (sv, v, bp) in items {
        let done = k.compared + k.index.visits();
        if done - spent >= SPEND_EVERY {
            if !budget.spend(done - spent) {
                return None;
            }
            spent = done;
        }
        // Every kept point in v's orthant either dominates v or ties with it.
        if let Some(i) = k.index.find(&v, eps, &k.alive) {
            if tied(&k.nodes[i].utils, &v, eps) {
                k.nodes[i].preds.push(bp);
            }
            continue;
        }
        k.admit(sv, v, bp, dims, eps, slack);
    }
    if !budget.spend(k.compared + k.index.visits() - spent) {
        return None;
    }
    Some(finish(k.nodes, k.alive))
}

/// Whether `a` dominates `b` on the first `objectives` coordinates while
/// being at least as good on the rest: a ≥ b − ε everywhere and a > b + ε
/// in some objective.
#[inline]
pub fn dominates_on(a: &[f64], b: &[f64], objectives: usize, eps: f64) -> bool {
    let mut strict = false;
    for (j, (x, y)) in a.iter().zip(b).enumerate() {
        if *x < *y - eps {
            return false;
        }
        if j < objectives && *x > *y + eps {
            strict = true;
        }
    }
    strict
}

/// [`nondominated_within`] when only the first `objectives` coordinates are
/// objectives and the rest are constraints (higher is better): a vector is
/// dropped only when another is at least as good everywhere and better in
/// some objective, so vectors tied on the objectives but not on the
/// constraints stay apart, each with its packages. Vectors tied everywhere
/// are merged as usual. The order of the result is that of
/// [`nondominated_within`].
pub fn nondominated_constrained(
    cands: Vec<(Vec<f64>, (u32, u32))>,
    objectives: usize,
    eps: f64,
    budget: &Budget,
) -> Option<Vec<Node>> {
    let dims = cands.first().map_or(0, |c| c.0.len());
    if objectives >= dims {
        return nondominated_within(cands, eps, budget);
    }
    if !budget.spend(cands.len() as u64) {
        return None;
    }
    let mut items: Vec<(f64, Vec<f64>, (u32, u32))> = cands
        .into_iter()
        .map(|(v, bp)| (v.iter().sum(), v, bp))
        .collect();
    items.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let slack = (dims as f64 + 1.0) * eps;
    let mut k = Kept::new(dims);
    let mut spent: u64 = 0;
    let mut query = vec![0.0; dims];
    for (sv, v, bp) in items {
        let done = k.compared + k.index.visits();
        if done - spent >= SPEND_EVERY {
            if !budget.spend(done - spent) {
                return None;
            }
            spent = done;
        }
        // A dominator is better by more than ε in some objective d: look in
        // the orthant above v raised by 2ε in d, and confirm (a point found
        // right at the boundary may not dominate: then look at every kept one).
        let mut dominated = false;
        for d in 0..objectives {
            query.copy_from_slice(&v);
            query[d] += 2.0 * eps;
            if let Some(i) = k.index.find(&query, eps, &k.alive) {
                dominated = dominates_on(&k.nodes[i].utils, &v, objectives, eps) || {
                    k.compared += (k.nodes.len() * dims) as u64;
                    (0..k.nodes.len())
                        .any(|j| k.alive[j] && dominates_on(&k.nodes[j].utils, &v, objectives, eps))
                };
                break;
            }
        }
        if dominated {
            continue;
        }
        // A kept vector tied with v everywhere has a sum within a few ε of v's.
        let near = k.sums.partition_point(|&sk| sk > sv + slack);
        k.compared += ((k.nodes.len() - near) * dims) as u64;
        if let Some(j) =
            (near..k.nodes.len()).find(|&j| k.alive[j] && tied(&k.nodes[j].utils, &v, eps))
        {
            k.nodes[j].preds.push(bp);
            continue;
        }
        k.admit(sv, v, bp, objectives, eps, slack);
    }
    if !budget.spend(k.compared + k.index.visits() - spent) {
        return None;
    }
    Some(finish(k.nodes, k.alive))
}

/// The two-objective case in O(n log n): sort by (u0, u1) descending and
/// sweep with prefix maxima of u1. Candidate b is dominated iff some a has
/// a0 > b0 + ε and a1 ≥ b1 − ε, or a0 ≥ b0 − ε and a1 > b1 + ε; both are
/// prefix conditions in the sorted order.
fn nondominated_2d(cands: Vec<(Vec<f64>, (u32, u32))>, eps: f64) -> Vec<Node> {
    let mut flat: Vec<Cand2> = cands
        .into_iter()
        .map(|(v, bp)| Cand2 {
            u0: v[0],
            u1: v[1],
            bp,
        })
        .collect();
    flat.sort_by(sweep_order);
    sweep_2d(&flat, eps).to_nodes()
}

/// The vectors kept so far by a filter, with what finds and kills them.
struct Kept {
    nodes: Vec<Node>,
    /// Each node's coordinate sum (non-increasing: vectors come sorted).
    sums: Vec<f64>,
    alive: Vec<bool>,
    index: OrthantIndex,
    /// Coordinates compared outside the index (work for the budget).
    compared: u64,
    dims: usize,
}

impl Kept {
    fn new(dims: usize) -> Kept {
        Kept {
            nodes: Vec::new(),
            sums: Vec::new(),
            alive: Vec::new(),
            index: OrthantIndex::new(dims),
            compared: 0,
            dims,
        }
    }

    /// Keeps `v` (sum `sv`), killing the kept vectors it dominates on its
    /// first `objectives` coordinates: only those whose sums are within
    /// `slack` of v's can be.
    fn admit(
        &mut self,
        sv: f64,
        v: Vec<f64>,
        bp: (u32, u32),
        objectives: usize,
        eps: f64,
        slack: f64,
    ) {
        let tail = self.sums.partition_point(|&sk| sk >= sv + slack);
        self.compared += ((self.nodes.len() - tail) * self.dims) as u64;
        for j in tail..self.nodes.len() {
            if self.alive[j] && dominates_on(&v, &self.nodes[j].utils, objectives, eps) {
                self.alive[j] = false;
            }
        }
        self.index.insert(&v);
        self.nodes.push(Node {
            utils: v,
            preds: vec![bp],
        });
        self.sums.push(sv);
        self.alive.push(true);
    }
}

/// The live nodes in a stable, readable order (by the first objective,
/// descending), each with its back-pointers sorted.
fn finish(kept: Vec<Node>, alive: Vec<bool>) -> Vec<Node> {
    let mut kept: Vec<Node> = kept
        .into_iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(n, _)| n)
        .collect();
    kept.sort_by(|a, b| {
        for (x, y) in a.utils.iter().zip(&b.utils) {
            match y.total_cmp(x) {
                std::cmp::Ordering::Equal => continue,
                o => return o,
            }
        }
        std::cmp::Ordering::Equal
    });
    for node in &mut kept {
        node.preds.sort_unstable();
    }
    kept
}
