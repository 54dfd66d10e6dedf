//! The exact Pareto frontier by issue-wise merging.
//!
//! Start from the single zero vector; for each independent group take the
//! Minkowski sum of the current frontier with the group's option vectors and
//! drop dominated points. Adding the same vector to two points preserves
//! dominance, so a dominated partial sum can never become non-dominated and
//! the final set is exactly the frontier (`docs/definitions.md`, "Pareto
//! frontier"). Every node keeps back-pointers to the (previous node, group
//! option) pairs that produce it, so ties are kept and every frontier point
//! can be turned back into all of its packages.

use num_bigint::BigUint;
use rayon::prelude::*;

use super::dominance::{
    dominates, filter, merge_2d_with, Budget, Cands, Floor, Layer, Merge2, Node,
};
use crate::compile::{Compiled, OwnerCondition};

/// A group with at most this many options is reduced to its own
/// non-dominated options by comparing them pairwise.
const SMALL_GROUP: usize = 16;
/// Merge steps with more candidates than this are filtered in parallel.
const PARALLEL_FROM: usize = 1 << 16;
/// Candidate sums per parallel chunk (fixed, for determinism).
const CHUNK_SUMS: usize = 1 << 17;
/// The most candidate sums one frontier computation may form, over all its
/// merge steps. It bounds the time (about a minute on two cores at the limit
/// for four parties) and the memory (every kept node was a candidate).
pub const MAX_SUMS: u64 = 1 << 24;
/// The most work one frontier computation may do filtering dominated
/// vectors, in the machine-independent steps of [`Budget`]: with three or
/// more objectives a candidate is checked against the points kept, so the
/// time grows faster than the sums. At the limit, about half a minute on
/// two cores.
pub const MAX_WORK: u64 = 4_500_000_000;

/// A frontier too large to compute exactly within [`MAX_SUMS`] and
/// [`MAX_WORK`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the exact Pareto frontier over {objectives} objectives is too large to compute: {} passed \
     the limit of 16,777,216 partial sums or 4.5 billion filtering steps",
    if *step == 0 { "one issue's own options".to_string() } else { format!("merge step {step} of {steps}") }
)]
pub struct TooLarge {
    /// Objectives the frontier spans (parties, and costs or counts the
    /// question adds).
    pub objectives: usize,
    /// The merge step (1-based) that passed a limit; 0 while reducing one
    /// (compound) issue's own options.
    pub step: usize,
    /// Merge steps in all.
    pub steps: usize,
}

/// What to compute a frontier over.
#[derive(Debug, Clone, Default)]
pub struct FrontierSpec {
    /// The objectives: party indices whose utilities span the frontier.
    pub parties: Vec<usize>,
    /// Drop group options that cross a red line of any of these parties.
    pub exclude_red_lines_of: Vec<usize>,
    /// Optional lower bounds, one per entry of `parties`: only points with
    /// utility ≥ bound − ε are kept (the bound is applied as a prune on partial
    /// sums, so it is exact).
    pub lower_bounds: Option<Vec<f64>>,
    /// Restrict group `.0` to its option `.1` (to ask whether some package
    /// with that option meets the other conditions).
    pub only: Option<(usize, usize)>,
    /// Extra objectives beyond the parties' utilities ("virtual parties",
    /// DESIGN.md): `extra[e][g][o]` is objective e's contribution of option o
    /// of group g. They follow the parties in every vector and in
    /// `lower_bounds`.
    pub extra: Vec<Vec<Vec<f64>>>,
    /// Conditional vetoes ([`Compiled::owner_conditions`]): only packages
    /// that leave each owner's issues at their status quo, or that the owner
    /// accepts (no red line of its crossed, utility ≥ bound − ε), are kept.
    /// Each adds three constraint coordinates to the merge (the owner's
    /// utility, whether its issues moved, whether its red lines were
    /// crossed) that are dropped from the frontier points.
    pub owners: Vec<OwnerCondition>,
}

/// Coordinates an owner condition adds to the merge.
const OWNER_DIMS: usize = 3;

/// The result of a merge: the frontier points and the DAG behind them.
#[derive(Debug, Clone)]
pub struct Frontier {
    /// The objective parties.
    pub parties: Vec<usize>,
    /// Group merged at each layer.
    pub order: Vec<usize>,
    /// `layers[0]` is the zero vector; `layers[k+1]` follows group `order[k]`.
    /// The last layer holds the frontier points.
    pub layers: Vec<Layer>,
    /// The last layer's nodes as [`Node`]s, made on first use (a Monte
    /// Carlo sample reads the layer directly).
    points: std::sync::OnceLock<Vec<Node>>,
    /// Size of each partial frontier after each merge step.
    pub sizes: Vec<usize>,
    tolerance: f64,
}

impl Frontier {
    /// Computes the frontier of a compiled scenario.
    pub fn compute(c: &Compiled, spec: &FrontierSpec) -> Result<Frontier, TooLarge> {
        Frontier::compute_with(c, spec, &|_, _| {})
    }

    /// Computes the frontier, calling `step(done, total)` after each merge step.
    pub fn compute_with(
        c: &Compiled,
        spec: &FrontierSpec,
        step: &dyn Fn(usize, usize),
    ) -> Result<Frontier, TooLarge> {
        let np = c.n_parties;
        let kp = spec.parties.len();
        // Objectives, then the owners' constraint coordinates.
        let kobj = kp + spec.extra.len();
        let k = kobj + OWNER_DIMS * spec.owners.len();
        let eps = c.tolerance;
        // Coordinate j's contribution of option o of group g. An owner's
        // flags are 0 or −1 (moved, crossed: lower is worse) and saturate.
        let val = |g: usize, o: usize, j: usize| -> f64 {
            if j < kp {
                c.groups[g].util(o, spec.parties[j], np)
            } else if j < kobj {
                spec.extra[j - kp][g][o]
            } else {
                let w = &spec.owners[(j - kobj) / OWNER_DIMS];
                let rule = &c.owners[w.rule];
                match (j - kobj) % OWNER_DIMS {
                    0 => c.groups[g].util(o, rule.party, np),
                    1 => -f64::from(u8::from(rule.moves[g][o])),
                    _ => -f64::from(u8::from(c.groups[g].vetoed(o, rule.party))),
                }
            }
        };
        let add = |x: f64, y: f64, j: usize| -> f64 {
            if j >= kobj && (j - kobj) % OWNER_DIMS != 0 {
                (x + y).max(-1.0)
            } else {
                x + y
            }
        };
        // Whether a partial sum with `rest` still to come breaks an owner's
        // condition whatever comes: its issues moved, and its red line was
        // crossed or its utility cannot reach the bound.
        let owner_fails = |v: &[f64], rest: &[f64]| -> bool {
            spec.owners.iter().enumerate().any(|(w, cond)| {
                let at = kobj + OWNER_DIMS * w;
                v[at + 1] < -0.5 && (v[at + 2] < -0.5 || v[at] + rest[at] < cond.bound - eps)
            })
        };
        // An option dominated by another option of its group can only give
        // dominated sums (f + o' dominates f + o), so only the group's own
        // non-dominated options (ties kept) take part in the merge.
        let work = Budget::new(MAX_WORK);
        let too_large = |step: usize| TooLarge {
            objectives: k,
            step,
            steps: c.groups.len(),
        };
        let mut own = Cands::with_capacity(k, 0);
        let mut v = vec![0.0; k];
        let allowed: Vec<Vec<bool>> = c
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                own.clear();
                for o in 0..g.n_options {
                    if g.vetoed_by_any(o, &spec.exclude_red_lines_of)
                        || spec.only.is_some_and(|(og, oo)| og == gi && oo != o)
                    {
                        continue;
                    }
                    for (j, x) in v.iter_mut().enumerate() {
                        *x = val(gi, o, j);
                    }
                    own.push(&v, (0, o as u32));
                }
                let mut keep = vec![false; g.n_options];
                if k == 2 && kobj == 2 && own.len() <= SMALL_GROUP {
                    // Few options, two objectives: the sweep keeps exactly
                    // the options that no other one dominates (its prefix
                    // maxima run over every candidate, kept or not), so
                    // compare them pairwise (no sort, no layer).
                    if !work.spend(own.len() as u64) {
                        return Err(too_large(0));
                    }
                    for a in 0..own.len() {
                        let va = own.get(a);
                        if !(0..own.len()).any(|b| dominates(own.get(b), va, eps)) {
                            keep[own.bp(a).1 as usize] = true;
                        }
                    }
                    return Ok(keep);
                }
                let kept = filter(&own, kobj, eps, &work).ok_or(too_large(0))?;
                for &(_, o) in kept.all_preds() {
                    keep[o as usize] = true;
                }
                Ok(keep)
            })
            .collect::<Result<_, TooLarge>>()?;
        // Merge small groups first: partial frontiers stay small longer.
        let mut order: Vec<usize> = (0..c.groups.len()).collect();
        order.sort_by_key(|&g| (c.groups[g].n_options, g));
        // Largest contribution still to come, per objective, after each step.
        // (Flat: row t is `rest_max[t * k..(t + 1) * k]`.)
        let mut rest_max = vec![0.0; k * (order.len() + 1)];
        for t in (0..order.len()).rev() {
            let gi = order[t];
            for j in 0..k {
                let best = (0..c.groups[gi].n_options)
                    .filter(|&o| allowed[gi][o])
                    .map(|o| val(gi, o, j))
                    .fold(f64::NEG_INFINITY, f64::max);
                rest_max[t * k + j] = rest_max[(t + 1) * k + j] + best;
            }
        }
        let mut root = Layer::new(k);
        root.push(&vec![0.0; k], &[]);
        let mut layers = vec![root];
        let mut sizes = Vec::with_capacity(order.len());
        let mut formed: u64 = 0;
        // Working memory kept across the steps.
        let mut scratch2 = Merge2::default();
        let mut opts: Vec<usize> = Vec::new();
        let mut shifts: Vec<(u32, [f64; 2])> = Vec::new();
        for (t, &gi) in order.iter().enumerate() {
            let g = &c.groups[gi];
            let prev = layers.last().expect("the root layer");
            opts.clear();
            opts.extend((0..g.n_options).filter(|&o| allowed[gi][o]));
            let opts = &opts;
            formed = formed.saturating_add(prev.len() as u64 * opts.len() as u64);
            if formed > MAX_SUMS {
                return Err(too_large(t + 1));
            }
            let lower = spec.lower_bounds.as_deref();
            let rest = &rest_max[(t + 1) * k..(t + 2) * k];
            // Each option's contributions, once per step (the two-objective
            // merge reads its own).
            let contrib: Vec<f64> = if k == 2 {
                Vec::new()
            } else {
                opts.iter()
                    .flat_map(|&o| (0..k).map(move |j| (o, j)))
                    .map(|(o, j)| val(gi, o, j))
                    .collect()
            };
            let sums = |range: std::ops::Range<usize>| {
                let mut cands = Cands::with_capacity(k, range.len() * opts.len());
                let mut v = vec![0.0; k];
                for pi in range {
                    let node = prev.utils(pi);
                    for (oi, &o) in opts.iter().enumerate() {
                        let add_o = &contrib[oi * k..(oi + 1) * k];
                        for j in 0..k {
                            v[j] = add(node[j], add_o[j], j);
                        }
                        if let Some(lb) = lower {
                            if v.iter()
                                .zip(lb)
                                .zip(rest)
                                .any(|((x, b), r)| x + r < b - eps)
                            {
                                continue;
                            }
                        }
                        if owner_fails(&v, rest) {
                            continue;
                        }
                        cands.push(&v, (pi as u32, o as u32));
                    }
                }
                cands
            };
            let filter = |cands: Cands| filter(&cands, kobj, eps, &work);
            let next = if k == 2 {
                // Two objectives: the flat merge of the options' sorted runs.
                if !work.spend(prev.len() as u64 * opts.len() as u64) {
                    return Err(too_large(t + 1));
                }
                shifts.clear();
                shifts.extend(
                    opts.iter()
                        .map(|&o| (o as u32, [val(gi, o, 0), val(gi, o, 1)])),
                );
                let keep = |u0: f64, u1: f64| {
                    lower
                        .is_none_or(|lb| u0 + rest[0] >= lb[0] - eps && u1 + rest[1] >= lb[1] - eps)
                };
                let floor = Floor {
                    keep0: |u0: f64| lower.is_none_or(|lb| u0 + rest[0] >= lb[0] - eps),
                    keep1: |u1: f64| lower.is_none_or(|lb| u1 + rest[1] >= lb[1] - eps),
                };
                merge_2d_with(prev, &shifts, eps, keep, floor, &mut scratch2)
            } else if prev.len() * opts.len() <= PARALLEL_FROM {
                filter(sums(0..prev.len())).ok_or(too_large(t + 1))?
            } else {
                // Fixed-size chunks filtered in parallel, then the union
                // filtered once more: the same result on any number of
                // threads (non-dominance of a union is the non-dominance of
                // the parts' non-dominated sets).
                let chunk = (CHUNK_SUMS / opts.len().max(1)).max(1);
                let starts: Vec<usize> = (0..prev.len()).step_by(chunk).collect();
                let parts: Vec<Layer> = starts
                    .into_par_iter()
                    .map(|a| filter(sums(a..(a + chunk).min(prev.len()))))
                    .collect::<Option<_>>()
                    .ok_or(too_large(t + 1))?;
                let mut union = Cands::with_capacity(k, parts.iter().map(Layer::len).sum());
                for part in &parts {
                    union.extend(&Cands::from_layer(part, k));
                }
                filter(union).ok_or(too_large(t + 1))?
            };
            sizes.push(next.len());
            layers.push(next);
            step(t + 1, order.len());
        }
        if k > kobj {
            // Drop the owners' coordinates: the frontier is over the
            // objectives, ties on them merged.
            let last = layers.pop().expect("the root layer");
            let cands = Cands::from_layer(&last, kobj);
            let points = if layers.is_empty() {
                // No groups: the zero vector is the only point.
                let mut root = Layer::new(kobj);
                root.push(&vec![0.0; kobj], &[]);
                root
            } else {
                filter(&cands, kobj, eps, &work).ok_or(too_large(order.len()))?
            };
            if let Some(last) = sizes.last_mut() {
                *last = points.len();
            }
            layers.push(points);
        }
        let points = std::sync::OnceLock::new();
        Ok(Frontier {
            parties: spec.parties.clone(),
            order,
            layers,
            points,
            sizes,
            tolerance: eps,
        })
    }

    /// The frontier points (nodes of the last layer).
    pub fn points(&self) -> &[Node] {
        self.points.get_or_init(|| self.last().to_nodes())
    }

    /// The last layer: the frontier points.
    fn last(&self) -> &Layer {
        self.layers.last().expect("the root layer")
    }

    /// Number of frontier points.
    pub fn len(&self) -> usize {
        self.last().len()
    }

    /// Whether there is no frontier point.
    pub fn is_empty(&self) -> bool {
        self.last().is_empty()
    }

    /// Frontier point j's utilities (one per objective party).
    pub fn point_utils(&self, j: usize) -> &[f64] {
        self.last().utils(j)
    }

    /// Number of packages behind each frontier point, counting only paths whose
    /// group options pass `allowed(group, option)`.
    pub fn count_packages(&self, allowed: impl Fn(usize, usize) -> bool) -> Vec<BigUint> {
        let mut counts = vec![BigUint::from(1u32)];
        for (t, layer) in self.layers.iter().enumerate().skip(1) {
            let g = self.order[t - 1];
            let next: Vec<BigUint> = (0..layer.len())
                .map(|i| {
                    let mut s = BigUint::default();
                    for &(pi, o) in layer.preds(i) {
                        if allowed(g, o as usize) {
                            s += &counts[pi as usize];
                        }
                    }
                    s
                })
                .collect();
            counts = next;
        }
        counts
    }

    /// Up to `limit` packages of frontier point `j`, each as one group option per
    /// group (indexed by group, not by layer), in no particular order.
    pub fn choices(&self, j: usize, limit: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let depth = self.order.len();
        let mut current = vec![0usize; depth];
        self.walk(depth, j, &mut current, &mut out, limit);
        out
    }

    fn walk(
        &self,
        layer: usize,
        node: usize,
        current: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
        limit: usize,
    ) {
        if out.len() >= limit {
            return;
        }
        if layer == 0 {
            out.push(current.clone());
            return;
        }
        let g = self.order[layer - 1];
        for &(pi, o) in self.layers[layer].preds(node) {
            current[g] = o as usize;
            self.walk(layer - 1, pi as usize, current, out, limit);
            if out.len() >= limit {
                return;
            }
        }
    }

    /// The lexicographically first package of every frontier point (see
    /// [`Frontier::first_package`]), in point order.
    ///
    /// When the layers run in issue order (no group's issues interleave with
    /// another's, and groups are merged in the order of their issues, as with
    /// issues of equal size), one forward pass finds them all: the first path
    /// to a node extends the first path to one of its predecessors, so ranking
    /// each layer's nodes by (rank of the best predecessor, option) orders
    /// their first paths exactly. Otherwise each point is found on its own.
    pub fn first_packages(&self, c: &Compiled) -> Vec<Vec<usize>> {
        let n_points = self.len();
        let in_issue_order = self.order.windows(2).all(|w| {
            let (a, b) = (&c.groups[w[0]].issues, &c.groups[w[1]].issues);
            a.last() < b.first()
        });
        if !in_issue_order {
            return (0..n_points)
                .map(|j| self.first_package(c, j).unwrap_or_default())
                .collect();
        }
        // best[t][n]: the (predecessor, option) that starts node n's first path.
        let mut best: Vec<Vec<(u32, u32)>> = Vec::with_capacity(self.layers.len());
        best.push(vec![(0, 0)]);
        let mut rank: Vec<u32> = vec![0];
        for layer in self.layers.iter().skip(1) {
            let row: Vec<(u32, u32)> = (0..layer.len())
                .map(|i| {
                    *layer
                        .preds(i)
                        .iter()
                        .min_by_key(|&&(pi, o)| (rank[pi as usize], o))
                        .expect("a merged node has a predecessor")
                })
                .collect();
            let key = |i: usize| (rank[row[i].0 as usize], row[i].1);
            let mut idx: Vec<usize> = (0..row.len()).collect();
            idx.sort_unstable_by_key(|&i| key(i));
            let mut next = vec![0u32; row.len()];
            for w in 0..idx.len() {
                let r = if w > 0 && key(idx[w]) == key(idx[w - 1]) {
                    next[idx[w - 1]]
                } else {
                    w as u32
                };
                next[idx[w]] = r;
            }
            rank = next;
            best.push(row);
        }
        (0..n_points)
            .map(|j| {
                let mut choice = vec![0; c.groups.len()];
                let mut node = j;
                for t in (1..self.layers.len()).rev() {
                    let (pi, o) = best[t][node];
                    choice[self.order[t - 1]] = o as usize;
                    node = pi as usize;
                }
                c.package_of(&choice)
            })
            .collect()
    }

    /// The lexicographically first package of frontier point `j` (option
    /// indices compared in issue order); `None` if `j` is no point.
    ///
    /// Issues are fixed one at a time in issue order, each to its smallest
    /// option on some path from the root to `j`. A constraint on an issue
    /// acts on the edges of one layer only, so an edge of layer t lies on a
    /// consistent path exactly when its tail is reachable from the root
    /// (`fwd`, which depends on the layers below t) and its head reaches `j`
    /// (`bwd`, the layers above t): one pass over layer t's edges gives the
    /// smallest feasible option, and after fixing it only the reach on the
    /// far side of t goes stale. Reach is brought up to date lazily, so the
    /// work per point is one pass over the graph plus the layers between
    /// consecutive issues' layers (one pass in all when issues and layers
    /// run in the same order).
    pub fn first_package(&self, c: &Compiled, j: usize) -> Option<Vec<usize>> {
        let depth = self.order.len();
        if j >= self.len() {
            return None;
        }
        // A point reached by one path only (each node on the way back has
        // one predecessor) has one package: read it off the path.
        let mut choice = vec![0; c.groups.len()];
        let mut node = j;
        let mut single = true;
        for t in (1..=depth).rev() {
            match self.layers[t].preds(node) {
                &[(pi, o)] => {
                    choice[self.order[t - 1]] = o as usize;
                    node = pi as usize;
                }
                _ => {
                    single = false;
                    break;
                }
            }
        }
        if single {
            return Some(c.package_of(&choice));
        }
        let mut layer_of = vec![0; c.groups.len()];
        for (t, &g) in self.order.iter().enumerate() {
            layer_of[g] = t + 1;
        }
        // The fixed option of each issue, indexed like `c.issue_group`
        // (group g's issues from `first[g]`).
        let mut first = Vec::with_capacity(c.groups.len() + 1);
        first.push(0);
        for grp in &c.groups {
            first.push(first.last().copied().unwrap_or(0) + grp.issues.len());
        }
        let mut fixed: Vec<Option<usize>> = vec![None; c.n_issues];
        // Whether the edge with option o of layer t's group agrees with the
        // issues fixed so far.
        let edge_ok = |fixed: &[Option<usize>], t: usize, o: u32| -> bool {
            let g = self.order[t - 1];
            fixed[first[g]..first[g + 1]]
                .iter()
                .enumerate()
                .all(|(k, f)| f.is_none_or(|x| c.groups[g].digit(o as usize, k) == x))
        };
        // Reach flags of every layer's nodes, flat: layer t's from `at[t]`.
        let mut at = Vec::with_capacity(self.layers.len() + 1);
        at.push(0);
        for l in &self.layers {
            at.push(at.last().copied().unwrap_or(0) + l.len());
        }
        let mut fwd = vec![false; at[self.layers.len()]];
        let mut bwd = fwd.clone();
        fwd[0] = true;
        bwd[at[depth] + j] = true;
        // Before anything is fixed, the nodes that reach j: fixing issues
        // only takes edges away, so no other node matters afterwards, and
        // every predecessor of one of them is one of them.
        for t in (1..=depth).rev() {
            let (below, above) = bwd.split_at_mut(at[t]);
            let layer = &self.layers[t];
            for (n, &on) in above[..layer.len()].iter().enumerate() {
                if on {
                    for &(pi, _) in layer.preds(n) {
                        below[at[t - 1] + pi as usize] = true;
                    }
                }
            }
        }
        if !bwd[0] {
            return None;
        }
        // live[live_at[t]..live_at[t + 1]]: those nodes of layer t.
        let mut live = Vec::new();
        let mut live_at = Vec::with_capacity(self.layers.len() + 1);
        live_at.push(0);
        for (t, l) in self.layers.iter().enumerate() {
            live.extend((0..l.len() as u32).filter(|&n| bwd[at[t] + n as usize]));
            live_at.push(live.len());
        }
        let live_in = |t: usize| &live[live_at[t]..live_at[t + 1]];
        // Recomputes fwd of layer t from layer t − 1.
        let forward = |fwd: &mut [bool], fixed: &[Option<usize>], t: usize| {
            let (below, above) = fwd.split_at_mut(at[t]);
            let prev = &below[at[t - 1]..];
            let layer = &self.layers[t];
            for &n in live_in(t) {
                above[n as usize] = layer
                    .preds(n as usize)
                    .iter()
                    .any(|&(pi, o)| prev[pi as usize] && edge_ok(fixed, t, o));
            }
        };
        // Recomputes bwd of layer t − 1 from layer t.
        let backward = |bwd: &mut [bool], fixed: &[Option<usize>], t: usize| {
            let (below, above) = bwd.split_at_mut(at[t]);
            let out = &mut below[at[t - 1]..];
            for &n in live_in(t - 1) {
                out[n as usize] = false;
            }
            let layer = &self.layers[t];
            for &n in live_in(t) {
                if above[n as usize] {
                    for &(pi, o) in layer.preds(n as usize) {
                        if edge_ok(fixed, t, o) {
                            out[pi as usize] = true;
                        }
                    }
                }
            }
        };
        // fwd of layers 0..=fwd_ok and bwd of bwd_ok..=depth are up to date.
        let (mut fwd_ok, mut bwd_ok) = (0, 0);
        for i in 0..c.n_issues {
            let (g, k) = c.issue_group[i];
            let t = layer_of[g];
            while fwd_ok + 1 < t {
                fwd_ok += 1;
                forward(&mut fwd, &fixed, fwd_ok);
            }
            while bwd_ok > t {
                backward(&mut bwd, &fixed, bwd_ok);
                bwd_ok -= 1;
            }
            let layer = &self.layers[t];
            let best = live_in(t)
                .iter()
                .filter(|&&n| bwd[at[t] + n as usize])
                .flat_map(|&n| layer.preds(n as usize).iter())
                .filter(|&&(pi, o)| fwd[at[t - 1] + pi as usize] && edge_ok(&fixed, t, o))
                .map(|&(_, o)| c.groups[g].digit(o as usize, k))
                .min()?;
            fixed[first[g] + k] = Some(best);
            fwd_ok = fwd_ok.min(t - 1);
            bwd_ok = bwd_ok.max(t);
        }
        Some(
            (0..c.n_issues)
                .map(|i| {
                    let (g, k) = c.issue_group[i];
                    fixed[first[g] + k].unwrap_or(0)
                })
                .collect(),
        )
    }

    /// Tolerance used.
    pub fn tolerance(&self) -> f64 {
        self.tolerance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::synth;

    /// The message spells out the limits.
    #[test]
    fn the_limits_in_the_message_are_the_limits() {
        assert_eq!(MAX_SUMS, 16_777_216);
        assert_eq!(MAX_WORK, 4_500_000_000);
        let e = TooLarge {
            objectives: 6,
            step: 0,
            steps: 3,
        };
        assert!(e.to_string().contains("one issue's own options"), "{e}");
    }

    /// The first package of every point, by both methods, is the smallest of
    /// all the point's packages listed one by one: on scenarios whose issues
    /// have equal sizes (layers in issue order, one forward pass) and on
    /// mixed sizes and compound issues (each point on its own).
    #[test]
    fn first_packages_are_the_smallest_of_each_point() {
        let mut batched = 0;
        for seed in 0..400u64 {
            let equal = seed % 2 == 0;
            let n = 2 + (seed % 4) as usize;
            let shape = synth::Shape {
                parties: 2 + (seed % 3) as usize,
                options: (0..n)
                    .map(|i| {
                        if equal {
                            3
                        } else {
                            1 + (i + seed as usize) % 4
                        }
                    })
                    .collect(),
                coarse: seed % 3 == 0,
                red_line_pct: 20,
                interaction_pct: if seed % 5 == 0 { 0 } else { 50 },
                numeric_first: false,
                opposed: seed % 7 == 0,
            };
            let s = synth::scenario(&shape, seed);
            let Ok(c) = Compiled::new(&s) else { continue };
            let f = Frontier::compute(
                &c,
                &FrontierSpec {
                    parties: (0..s.parties.len()).collect(),
                    ..FrontierSpec::default()
                },
            )
            .unwrap();
            let firsts = f.first_packages(&c);
            let in_order = f
                .order
                .windows(2)
                .all(|w| c.groups[w[0]].issues.last() < c.groups[w[1]].issues.first());
            batched += usize::from(in_order);
            for (j, first) in firsts.iter().enumerate() {
                let want = f
                    .choices(j, usize::MAX)
                    .iter()
                    .map(|ch| c.package_of(ch))
                    .min()
                    .unwrap();
                assert_eq!(*first, want, "seed {seed} point {j} (batched: {in_order})");
                assert_eq!(f.first_package(&c, j).as_ref(), Some(&want), "seed {seed}");
            }
            assert_eq!(f.first_package(&c, f.points().len()), None);
        }
        assert!(
            batched > 50,
            "only {batched} scenarios took the forward pass"
        );
    }
}
