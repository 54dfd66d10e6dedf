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

use super::dominance::{nondominated, Node};
use crate::compile::Compiled;

/// Merge steps with more candidates than this are filtered in parallel.
const PARALLEL_FROM: usize = 1 << 16;
/// Previous-layer nodes per parallel chunk (fixed, for determinism).
const CHUNK: usize = 2048;

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
}

/// The result of a merge: the frontier points and the DAG behind them.
#[derive(Debug, Clone)]
pub struct Frontier {
    /// The objective parties.
    pub parties: Vec<usize>,
    /// Group merged at each layer.
    pub order: Vec<usize>,
    /// `layers[0]` is the zero vector; `layers[k+1]` follows group `order[k]`.
    /// The last layer holds the frontier points.
    pub layers: Vec<Vec<Node>>,
    /// Size of each partial frontier after each merge step.
    pub sizes: Vec<usize>,
    tolerance: f64,
}

impl Frontier {
    /// Computes the frontier of a compiled scenario.
    pub fn compute(c: &Compiled, spec: &FrontierSpec) -> Frontier {
        Frontier::compute_with(c, spec, &|_, _| {})
    }

    /// Computes the frontier, calling `step(done, total)` after each merge step.
    pub fn compute_with(
        c: &Compiled,
        spec: &FrontierSpec,
        step: &dyn Fn(usize, usize),
    ) -> Frontier {
        let np = c.n_parties;
        let kp = spec.parties.len();
        let k = kp + spec.extra.len();
        let eps = c.tolerance;
        // Objective j's contribution of option o of group g.
        let val = |g: usize, o: usize, j: usize| -> f64 {
            if j < kp {
                c.groups[g].util(o, spec.parties[j], np)
            } else {
                spec.extra[j - kp][g][o]
            }
        };
        let allowed: Vec<Vec<bool>> = c
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                (0..g.n_options)
                    .map(|o| {
                        !g.vetoed_by_any(o, &spec.exclude_red_lines_of)
                            && spec.only.is_none_or(|(og, oo)| og != gi || oo == o)
                    })
                    .collect()
            })
            .collect();
        // An option dominated by another option of its group can only give
        // dominated sums (f + o' dominates f + o), so only the group's own
        // non-dominated options (ties kept) take part in the merge.
        let allowed: Vec<Vec<bool>> = allowed
            .into_iter()
            .enumerate()
            .map(|(gi, ok)| {
                let g = &c.groups[gi];
                let cands: Vec<(Vec<f64>, (u32, u32))> = (0..g.n_options)
                    .filter(|&o| ok[o])
                    .map(|o| {
                        let v = (0..k).map(|j| val(gi, o, j)).collect();
                        (v, (0, o as u32))
                    })
                    .collect();
                let mut keep = vec![false; g.n_options];
                for node in nondominated(cands, eps) {
                    for (_, o) in node.preds {
                        keep[o as usize] = true;
                    }
                }
                keep
            })
            .collect();
        // Merge small groups first: partial frontiers stay small longer.
        let mut order: Vec<usize> = (0..c.groups.len()).collect();
        order.sort_by_key(|&g| (c.groups[g].n_options, g));
        // Largest contribution still to come, per objective, after each step.
        let mut rest_max = vec![vec![0.0; k]; order.len() + 1];
        for t in (0..order.len()).rev() {
            let gi = order[t];
            let row: Vec<f64> = (0..k)
                .map(|j| {
                    let best = (0..c.groups[gi].n_options)
                        .filter(|&o| allowed[gi][o])
                        .map(|o| val(gi, o, j))
                        .fold(f64::NEG_INFINITY, f64::max);
                    rest_max[t + 1][j] + best
                })
                .collect();
            rest_max[t] = row;
        }
        let mut layers = vec![vec![Node {
            utils: vec![0.0; k],
            preds: Vec::new(),
        }]];
        let mut sizes = Vec::with_capacity(order.len());
        for (t, &gi) in order.iter().enumerate() {
            let g = &c.groups[gi];
            let prev = layers.last().map(Vec::as_slice).unwrap_or(&[]);
            let opts: Vec<usize> = (0..g.n_options).filter(|&o| allowed[gi][o]).collect();
            let lower = spec.lower_bounds.as_deref();
            let rest = &rest_max[t + 1];
            let sums = |range: std::ops::Range<usize>| {
                let mut cands = Vec::with_capacity(range.len() * opts.len());
                for pi in range {
                    let node = &prev[pi];
                    for &o in &opts {
                        let v: Vec<f64> = (0..k).map(|j| node.utils[j] + val(gi, o, j)).collect();
                        if let Some(lb) = lower {
                            if v.iter()
                                .zip(lb)
                                .zip(rest)
                                .any(|((x, b), r)| x + r < b - eps)
                            {
                                continue;
                            }
                        }
                        cands.push((v, (pi as u32, o as u32)));
                    }
                }
                cands
            };
            let next = if prev.len() * opts.len() <= PARALLEL_FROM {
                nondominated(sums(0..prev.len()), eps)
            } else {
                // Fixed-size chunks filtered in parallel, then the union
                // filtered once more: the same result on any number of
                // threads (non-dominance of a union is the non-dominance of
                // the parts' non-dominated sets).
                let starts: Vec<usize> = (0..prev.len()).step_by(CHUNK).collect();
                let parts: Vec<Vec<Node>> = starts
                    .into_par_iter()
                    .map(|a| nondominated(sums(a..(a + CHUNK).min(prev.len())), eps))
                    .collect();
                let union = parts
                    .into_iter()
                    .flatten()
                    .flat_map(|n| {
                        let utils = n.utils;
                        n.preds.into_iter().map(move |bp| (utils.clone(), bp))
                    })
                    .collect();
                nondominated(union, eps)
            };
            sizes.push(next.len());
            layers.push(next);
            step(t + 1, order.len());
        }
        Frontier {
            parties: spec.parties.clone(),
            order,
            layers,
            sizes,
            tolerance: eps,
        }
    }

    /// The frontier points (nodes of the last layer).
    pub fn points(&self) -> &[Node] {
        self.layers.last().map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of packages behind each frontier point, counting only paths whose
    /// group options pass `allowed(group, option)`.
    pub fn count_packages(&self, allowed: impl Fn(usize, usize) -> bool) -> Vec<BigUint> {
        let mut counts = vec![BigUint::from(1u32)];
        for (t, layer) in self.layers.iter().enumerate().skip(1) {
            let g = self.order[t - 1];
            let next: Vec<BigUint> = layer
                .iter()
                .map(|n| {
                    let mut s = BigUint::default();
                    for &(pi, o) in &n.preds {
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
        for &(pi, o) in &self.layers[layer][node].preds {
            current[g] = o as usize;
            self.walk(layer - 1, pi as usize, current, out, limit);
            if out.len() >= limit {
                return;
            }
        }
    }

    /// The lexicographically first package of frontier point `j` (option
    /// indices compared in issue order), among the packages whose group options
    /// pass `allowed`. `None` if no such package exists.
    pub fn first_package(
        &self,
        c: &Compiled,
        j: usize,
        allowed: &dyn Fn(usize, usize) -> bool,
    ) -> Option<Vec<usize>> {
        // Few packages: list them all and take the smallest.
        let few = self.choices(j, 64);
        if few.len() < 64 {
            return few
                .into_iter()
                .filter(|ch| ch.iter().enumerate().all(|(g, &o)| allowed(g, o)))
                .map(|ch| c.package_of(&ch))
                .min();
        }
        // Many: fix issues one at a time in issue order, each to the smallest
        // option for which a path to the point still exists.
        let mut fixed: Vec<Option<usize>> = vec![None; c.n_issues];
        let ok = |fixed: &[Option<usize>], g: usize, o: usize| -> bool {
            if !allowed(g, o) {
                return false;
            }
            let grp = &c.groups[g];
            let opts = grp.decode(o);
            grp.issues
                .iter()
                .enumerate()
                .all(|(k, &i)| fixed[i].is_none_or(|x| x == opts[k]))
        };
        let reachable = |fixed: &[Option<usize>]| -> bool {
            let mut reach = vec![true];
            for (t, layer) in self.layers.iter().enumerate().skip(1) {
                let g = self.order[t - 1];
                reach = layer
                    .iter()
                    .map(|n| {
                        n.preds
                            .iter()
                            .any(|&(pi, o)| reach[pi as usize] && ok(fixed, g, o as usize))
                    })
                    .collect();
            }
            reach.get(j).copied().unwrap_or(false)
        };
        if !reachable(&fixed) {
            return None;
        }
        for i in 0..c.n_issues {
            let g = c.issue_group[i].0;
            let n_opts = c.groups[g].radices[c.issue_group[i].1];
            for x in 0..n_opts {
                fixed[i] = Some(x);
                if reachable(&fixed) {
                    break;
                }
            }
        }
        Some(fixed.into_iter().map(|x| x.unwrap_or(0)).collect())
    }

    /// Tolerance used.
    pub fn tolerance(&self) -> f64 {
        self.tolerance
    }
}
