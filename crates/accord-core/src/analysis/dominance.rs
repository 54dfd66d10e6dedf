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

    /// An empty layer with room for `nodes` nodes and `preds` back-pointers.
    pub fn with_capacity(dims: usize, nodes: usize, preds: usize) -> Layer {
        let mut starts = Vec::with_capacity(nodes + 1);
        starts.push(0);
        Layer {
            dims,
            utils: Vec::with_capacity(nodes * dims),
            starts,
            preds: Vec::with_capacity(preds),
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

    /// Every node's back-pointers, node after node.
    pub fn all_preds(&self) -> &[(u32, u32)] {
        &self.preds
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
    let floor = Floor {
        keep0: |_| true,
        keep1: |_| true,
    };
    merge_2d_with(prev, opts, eps, keep, floor, &mut Merge2::default())
}

/// A run's head in [`merge_2d`], ordered so that the heap's maximum comes
/// first in sweep order.
struct Head {
    c: Cand2,
    run: usize,
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Head {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        sweep_order(&other.c, &self.c)
    }
}

/// The working memory of [`merge_2d`], kept between the steps of one merge.
#[derive(Default)]
pub struct Merge2 {
    pos: Vec<usize>,
    ends: Vec<usize>,
    prefix_max: Vec<f64>,
    heap: std::collections::BinaryHeap<Head>,
    heads: Vec<(Cand2, usize, SweepKey)>,
    taken: Vec<Cand2>,
}

/// A candidate's place in sweep order as integers: comparing keys is
/// [`sweep_order`] (`f64::total_cmp` is a comparison of these bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SweepKey(i64, i64, (u32, u32));

impl SweepKey {
    #[inline]
    fn of(c: &Cand2) -> SweepKey {
        // The total order's integer (as `f64::total_cmp` computes it),
        // negated: larger utilities first.
        SweepKey(!total_order_key(c.u0), !total_order_key(c.u1), c.bp)
    }
}

/// The integer whose order is `f64::total_cmp`'s (as that function
/// computes it).
#[inline]
fn total_order_key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ (((b >> 63) as u64) >> 1) as i64
}

/// The first index in `0..n` where `pred` fails, for a `pred` that holds
/// on a prefix of `0..n` only.
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Runs merged by scanning their heads rather than through the heap.
const FEW_RUNS: usize = 8;

/// One side of a [`merge_2d_with`] floor: `keep0(u₀)` and `keep1(u₁)`
/// must each hold whenever the candidate is kept, and be monotone (if one
/// holds at x, it holds at every y ≥ x). Then a run's candidates below the
/// floor in u₁ (at its start) or in u₀ (at its end) are skipped by binary
/// search instead of one by one.
pub struct Floor<A: Fn(f64) -> bool, B: Fn(f64) -> bool> {
    /// Necessary for the first utility.
    pub keep0: A,
    /// Necessary for the second utility.
    pub keep1: B,
}

/// [`merge_2d`] with its working memory in `scratch` and a [`Floor`]
/// implied by `keep`.
pub fn merge_2d_with(
    prev: &Layer,
    opts: &[(u32, [f64; 2])],
    eps: f64,
    keep: impl Fn(f64, f64) -> bool,
    floor: Floor<impl Fn(f64) -> bool, impl Fn(f64) -> bool>,
    scratch: &mut Merge2,
) -> Layer {
    use std::cmp::Ordering;
    let n = prev.len();
    let u = &prev.utils;
    // The layer is in sweep order: u₀ never rises (checked; otherwise every
    // run is read to its end). The largest u₁ up to each node.
    let falling = (1..n).all(|i| u[2 * i] <= u[2 * i - 2]);
    let Merge2 {
        pos,
        ends,
        prefix_max,
        heap,
        heads,
        taken,
    } = scratch;
    prefix_max.clear();
    let mut m = f64::NEG_INFINITY;
    prefix_max.extend((0..n).map(|i| {
        m = m.max(u[2 * i + 1]);
        m
    }));
    // Each run's first candidate that can pass the floor in u₁ (all before
    // it fail, their u₁ being at most the prefix maximum) and its end: the
    // first that fails it in u₀ (all after it fail too).
    ends.clear();
    pos.clear();
    for &(_, [x, y]) in opts {
        pos.push(prefix_max.partition_point(|&m| !(floor.keep1)(m + y)));
        ends.push(if falling {
            partition(n, |i| (floor.keep0)(u[2 * i] + x))
        } else {
            n
        });
    }
    // The candidate taken with the largest u₁ (the first such), as (a₀, a₁).
    let mut best = (f64::INFINITY, f64::NEG_INFINITY);
    let droppable = |c: &Cand2, best: (f64, f64)| c.u0 < best.0 - eps && c.u1 <= best.1;
    heap.clear();
    taken.clear();
    taken.reserve(2 * n + opts.len());
    // The next candidate of run r that is kept and not droppable.
    let next = |r: usize, pos: &mut usize, best: (f64, f64)| -> Option<Cand2> {
        let (o, [x, y]) = opts[r];
        let n = ends[r];
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
    // Takes the next candidate in sweep order unless it is droppable,
    // noting whether the taken ones stay in order.
    let take = |c: Cand2, best: &mut (f64, f64), taken: &mut Vec<Cand2>, in_order: &mut bool| {
        if droppable(&c, *best) {
            return;
        }
        if let Some(last) = taken.last() {
            *in_order &= sweep_order(last, &c) != Ordering::Greater;
        }
        taken.push(c);
        if c.u1 > best.1 {
            *best = (c.u0, c.u1);
        }
    };
    let mut in_order = true;
    if opts.len() <= FEW_RUNS {
        // Few runs: the first head in sweep order by a scan of the heads
        // (the same sequence as the heap's: the order is total).
        heads.clear();
        for (r, p) in pos.iter_mut().enumerate() {
            if let Some(c) = next(r, p, best) {
                heads.push((c, r, SweepKey::of(&c)));
            }
        }
        while !heads.is_empty() {
            let mut at = 0;
            for h in 1..heads.len() {
                if heads[h].2 < heads[at].2 {
                    at = h;
                }
            }
            let (c, run, _) = heads[at];
            take(c, &mut best, taken, &mut in_order);
            match next(run, &mut pos[run], best) {
                Some(h) => heads[at] = (h, run, SweepKey::of(&h)),
                None => {
                    heads.swap_remove(at);
                }
            }
        }
    } else {
        for (r, p) in pos.iter_mut().enumerate() {
            if let Some(c) = next(r, p, best) {
                heap.push(Head { c, run: r });
            }
        }
        while let Some(mut top) = heap.peek_mut() {
            let (c, run) = (top.c, top.run);
            take(c, &mut best, taken, &mut in_order);
            // The run's next head replaces the top (one sift), or the run ends.
            match next(run, &mut pos[run], best) {
                Some(h) => top.c = h,
                None => {
                    std::collections::binary_heap::PeekMut::pop(top);
                }
            }
        }
    }
    if !in_order {
        taken.sort_by(sweep_order);
    }
    sweep_2d(taken, eps)
}

/// The sweep of the two-objective filter over candidates in sweep order:
/// b is dominated iff some a has a0 > b0 + ε and a1 ≥ b1 − ε, or a0 ≥ b0 − ε
/// and a1 > b1 + ε; both are prefix conditions in that order.
fn sweep_2d(cands: &[Cand2], eps: f64) -> Layer {
    let n = cands.len();
    // The largest u1 among cands[..strictly_right] and cands[..within],
    // kept up to date as both ends move forward.
    let (mut strictly_right, mut within) = (0, 0);
    let (mut max_right, mut max_within) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut out = Layer::with_capacity(2, n.min(64), n);
    for c in cands {
        let (b0, b1) = (c.u0, c.u1);
        while strictly_right < n && cands[strictly_right].u0 > b0 + eps {
            max_right = max_right.max(cands[strictly_right].u1);
            strictly_right += 1;
        }
        while within < n && cands[within].u0 >= b0 - eps {
            max_within = max_within.max(cands[within].u1);
            within += 1;
        }
        if max_right >= b1 - eps || max_within > b1 + eps {
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
        if b - a > 1 {
            out.preds[a..b].sort_unstable();
        }
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

/// Candidate vectors and their back-pointers, flat: `utils` holds `dims`
/// numbers per candidate.
#[derive(Debug, Clone, Default)]
pub struct Cands {
    dims: usize,
    utils: Vec<f64>,
    bps: Vec<(u32, u32)>,
}

impl Cands {
    /// No candidates yet, room for `n` of `dims` coordinates.
    pub fn with_capacity(dims: usize, n: usize) -> Cands {
        Cands {
            dims,
            utils: Vec::with_capacity(n * dims),
            bps: Vec::with_capacity(n),
        }
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.bps.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.bps.is_empty()
    }

    /// Adds a candidate.
    #[inline]
    pub fn push(&mut self, v: &[f64], bp: (u32, u32)) {
        debug_assert_eq!(v.len(), self.dims);
        self.utils.extend_from_slice(v);
        self.bps.push(bp);
    }

    /// Candidate i's back-pointer.
    #[inline]
    pub fn bp(&self, i: usize) -> (u32, u32) {
        self.bps[i]
    }

    /// Removes every candidate, keeping the room.
    pub fn clear(&mut self) {
        self.utils.clear();
        self.bps.clear();
    }

    /// Candidate i's vector.
    #[inline]
    pub fn get(&self, i: usize) -> &[f64] {
        &self.utils[i * self.dims..(i + 1) * self.dims]
    }

    /// Every node of `layer` once per back-pointer, its vector cut to the
    /// first `dims` coordinates.
    pub fn from_layer(layer: &Layer, dims: usize) -> Cands {
        let mut c = Cands::with_capacity(dims, layer.preds.len());
        for i in 0..layer.len() {
            for &bp in layer.preds(i) {
                c.push(&layer.utils(i)[..dims], bp);
            }
        }
        c
    }

    /// Appends another set's candidates.
    pub fn extend(&mut self, other: &Cands) {
        self.utils.extend_from_slice(&other.utils);
        self.bps.extend_from_slice(&other.bps);
    }

    fn from_pairs(cands: Vec<(Vec<f64>, (u32, u32))>) -> Cands {
        let dims = cands.first().map_or(0, |c| c.0.len());
        let mut c = Cands::with_capacity(dims, cands.len());
        for (v, bp) in cands {
            c.push(&v, bp);
        }
        c
    }
}

/// [`nondominated`] within a shared [`Budget`]; `None` once the budget is
/// exceeded.
pub fn nondominated_within(
    cands: Vec<(Vec<f64>, (u32, u32))>,
    eps: f64,
    budget: &Budget,
) -> Option<Vec<Node>> {
    let c = Cands::from_pairs(cands);
    let dims = c.dims;
    filter(&c, dims, eps, budget).map(|l| l.to_nodes())
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
    filter(&Cands::from_pairs(cands), objectives, eps, budget).map(|l| l.to_nodes())
}

/// The non-dominated layer of flat candidates whose first `objectives`
/// coordinates are objectives and the rest constraints (see
/// [`nondominated_constrained`]; all objectives: [`nondominated_within`]);
/// `None` once the budget is exceeded.
pub fn filter(c: &Cands, objectives: usize, eps: f64, budget: &Budget) -> Option<Layer> {
    let dims = c.dims;
    if !budget.spend(c.len() as u64) {
        return None;
    }
    if objectives >= dims && dims == 2 {
        let mut flat: Vec<Cand2> = (0..c.len())
            .map(|i| Cand2 {
                u0: c.utils[2 * i],
                u1: c.utils[2 * i + 1],
                bp: c.bps[i],
            })
            .collect();
        flat.sort_by(sweep_order);
        return Some(sweep_2d(&flat, eps));
    }
    if dims == 0 {
        // No objectives: every candidate ties with every other.
        let mut preds = c.bps.clone();
        preds.sort_unstable();
        let mut l = Layer::new(0);
        if !preds.is_empty() {
            l.push(&[], &preds);
        }
        return Some(l);
    }
    let sums: Vec<f64> = (0..c.len()).map(|i| c.get(i).iter().sum()).collect();
    // Larger sums first: a dominator comes before what it dominates, except
    // between vectors whose sums are within a few ε. Sorted by integer keys
    // (the sums' total order), then each run of equal sums by the rest of
    // the order: with every coordinate an objective, the coordinates
    // (larger first); then the back-pointers.
    let mut keyed: Vec<(i64, u32)> = (0..c.len())
        .map(|i| (!total_order_key(sums[i]), i as u32))
        .collect();
    keyed.sort_unstable();
    let mut items: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
    let mut run = 0;
    while run < keyed.len() {
        let end = run + keyed[run..].partition_point(|&(key, _)| key == keyed[run].0);
        if end - run > 1 {
            items[run..end].sort_by(|&a, &b| {
                let (a, b) = (a as usize, b as usize);
                let by_coords = if objectives >= dims {
                    c.get(a)
                        .iter()
                        .zip(c.get(b))
                        .map(|(x, y)| y.total_cmp(x))
                        .find(|o| o.is_ne())
                        .unwrap_or(std::cmp::Ordering::Equal)
                } else {
                    std::cmp::Ordering::Equal
                };
                by_coords.then_with(|| c.bps[a].cmp(&c.bps[b]))
            });
        }
        run = end;
    }
    // A later vector v can dominate a kept k only if sum(k) < sum(v) + (dims − 2)·ε.
    let slack = (dims as f64 + 1.0) * eps;
    let mut k = Kept::new(dims, c);
    let mut spent: u64 = 0;
    let mut query = vec![0.0; dims];
    for &ci in &items {
        let ci = ci as usize;
        let (sv, v, bp) = (sums[ci], c.get(ci), c.bps[ci]);
        let done = k.compared + k.index.visits();
        if done - spent >= SPEND_EVERY {
            if !budget.spend(done - spent) {
                return None;
            }
            spent = done;
        }
        if objectives >= dims {
            // Every kept point in v's orthant either dominates v or ties with it.
            if let Some(i) = k.index.find(v, eps, &k.alive) {
                if tied(k.node(i), v, eps) {
                    k.tie(i, bp);
                }
                continue;
            }
        } else {
            // A dominator is better by more than ε in some objective d: look in
            // the orthant above v raised by 2ε in d, and confirm (a point found
            // right at the boundary may not dominate: then look at every kept one).
            let mut dominated = false;
            for d in 0..objectives {
                query.copy_from_slice(v);
                query[d] += 2.0 * eps;
                if let Some(i) = k.index.find(&query, eps, &k.alive) {
                    dominated = dominates_on(k.node(i), v, objectives, eps) || {
                        k.compared += (k.len() * dims) as u64;
                        (0..k.len())
                            .any(|j| k.alive[j] && dominates_on(k.node(j), v, objectives, eps))
                    };
                    break;
                }
            }
            if dominated {
                continue;
            }
            // A kept vector tied with v everywhere has a sum within a few ε of v's.
            let near = k.sums.partition_point(|&sk| sk > sv + slack);
            k.compared += ((k.len() - near) * dims) as u64;
            if let Some(j) = (near..k.len()).find(|&j| k.alive[j] && tied(k.node(j), v, eps)) {
                k.tie(j, bp);
                continue;
            }
        }
        k.admit(ci, sv, v, bp, objectives, eps, slack);
    }
    if !budget.spend(k.compared + k.index.visits() - spent) {
        return None;
    }
    Some(k.finish())
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

/// The vectors kept so far by a filter, with what finds and kills them.
struct Kept {
    /// `dims` coordinates per kept vector.
    utils: Vec<f64>,
    /// Each kept vector's coordinate sum (non-increasing: vectors come sorted).
    sums: Vec<f64>,
    alive: Vec<bool>,
    /// (kept vector, back-pointer) for every candidate kept or tied.
    preds: Vec<(u32, (u32, u32))>,
    index: OrthantIndex,
    /// Coordinates compared outside the index (work for the budget).
    compared: u64,
    dims: usize,
}

impl Kept {
    fn new(dims: usize, c: &Cands) -> Kept {
        Kept {
            utils: Vec::new(),
            sums: Vec::new(),
            alive: Vec::new(),
            preds: Vec::new(),
            index: OrthantIndex::new(dims, c.len(), |i| c.get(i)),
            compared: 0,
            dims,
        }
    }

    fn len(&self) -> usize {
        self.sums.len()
    }

    #[inline]
    fn node(&self, i: usize) -> &[f64] {
        &self.utils[i * self.dims..(i + 1) * self.dims]
    }

    fn tie(&mut self, i: usize, bp: (u32, u32)) {
        self.preds.push((i as u32, bp));
    }

    /// Keeps `v` (sum `sv`), killing the kept vectors it dominates on its
    /// first `objectives` coordinates: only those whose sums are within
    /// `slack` of v's can be.
    #[allow(clippy::too_many_arguments)]
    fn admit(
        &mut self,
        id: usize,
        sv: f64,
        v: &[f64],
        bp: (u32, u32),
        objectives: usize,
        eps: f64,
        slack: f64,
    ) {
        let tail = self.sums.partition_point(|&sk| sk >= sv + slack);
        self.compared += ((self.len() - tail) * self.dims) as u64;
        for j in tail..self.len() {
            if self.alive[j] && dominates_on(v, self.node(j), objectives, eps) {
                self.alive[j] = false;
            }
        }
        self.index.keep(id, v, self.len() as u32);
        self.preds.push((self.len() as u32, bp));
        self.utils.extend_from_slice(v);
        self.sums.push(sv);
        self.alive.push(true);
    }

    /// The live vectors in a stable, readable order (by the first
    /// coordinate, descending, then the next…), each with its
    /// back-pointers sorted.
    fn finish(mut self) -> Layer {
        let mut live: Vec<usize> = (0..self.len()).filter(|&i| self.alive[i]).collect();
        live.sort_by(|&a, &b| {
            for (x, y) in self.node(a).iter().zip(self.node(b)) {
                match y.total_cmp(x) {
                    std::cmp::Ordering::Equal => continue,
                    o => return o,
                }
            }
            std::cmp::Ordering::Equal
        });
        self.preds.sort_unstable();
        let mut start = vec![0usize; self.len() + 1];
        for &(i, _) in &self.preds {
            start[i as usize + 1] += 1;
        }
        for i in 0..self.len() {
            start[i + 1] += start[i];
        }
        let mut out = Layer::new(self.dims);
        let mut bps: Vec<(u32, u32)> = Vec::new();
        for i in live {
            bps.clear();
            bps.extend(self.preds[start[i]..start[i + 1]].iter().map(|&(_, bp)| bp));
            out.push(self.node(i), &bps);
        }
        out
    }
}

#[cfg(test)]
mod sweep_key_tests {
    use super::{sweep_order, Cand2, SweepKey};

    #[test]
    fn keys_order_as_the_sweep_does() {
        let xs = [
            f64::NEG_INFINITY,
            -1.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            0.25,
            0.25 + f64::EPSILON,
            1.0,
            f64::INFINITY,
        ];
        let mut cands = Vec::new();
        for (i, &a) in xs.iter().enumerate() {
            for (j, &b) in xs.iter().enumerate() {
                cands.push(Cand2 {
                    u0: a,
                    u1: b,
                    bp: ((i * 7 + j) as u32 % 5, j as u32),
                });
            }
        }
        for a in &cands {
            for b in &cands {
                assert_eq!(
                    SweepKey::of(a).cmp(&SweepKey::of(b)),
                    sweep_order(a, b),
                    "{a:?} against {b:?}"
                );
            }
        }
    }
}
