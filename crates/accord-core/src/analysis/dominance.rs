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
fn nondominated_2d(mut cands: Vec<(Vec<f64>, (u32, u32))>, eps: f64) -> Vec<Node> {
    cands.sort_by(|a, b| {
        b.0[0]
            .total_cmp(&a.0[0])
            .then(b.0[1].total_cmp(&a.0[1]))
            .then(a.1.cmp(&b.1))
    });
    let n = cands.len();
    let mut prefix_max = vec![f64::NEG_INFINITY; n + 1];
    for (i, c) in cands.iter().enumerate() {
        prefix_max[i + 1] = prefix_max[i].max(c.0[1]);
    }
    let (mut strictly_right, mut within) = (0, 0);
    let mut kept: Vec<Node> = Vec::new();
    for c in &cands {
        let (b0, b1) = (c.0[0], c.0[1]);
        while strictly_right < n && cands[strictly_right].0[0] > b0 + eps {
            strictly_right += 1;
        }
        while within < n && cands[within].0[0] >= b0 - eps {
            within += 1;
        }
        if prefix_max[strictly_right] >= b1 - eps || prefix_max[within] > b1 + eps {
            continue;
        }
        match kept.last_mut() {
            Some(last) if tied(&last.utils, &c.0, eps) => last.preds.push(c.1),
            _ => kept.push(Node {
                utils: c.0.clone(),
                preds: vec![c.1],
            }),
        }
    }
    for node in &mut kept {
        node.preds.sort_unstable();
    }
    kept
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
