//! Counting the zone of possible agreement without listing it.
//!
//! A depth-first search over the independent groups with two shortcuts: a
//! branch is cut as soon as some veto party can no longer reach its
//! reservation value even with the best remaining options, and a branch is
//! counted whole (as a product of option counts) as soon as every veto party
//! clears its reservation value even with the worst remaining options. Options
//! crossing a veto party's red line are never taken. The count is exact.

use num_bigint::BigUint;

use crate::compile::Compiled;

/// The ZOPA counted: total and per group option.
#[derive(Debug, Clone)]
pub struct ZopaCount {
    /// Number of packages acceptable to every veto party.
    pub count: BigUint,
    /// `per_option[g][o]`: number of ZOPA packages using option o of group g.
    pub per_option: Vec<Vec<BigUint>>,
}

impl ZopaCount {
    /// Number of ZOPA packages using option `o` of issue `i`.
    pub fn per_issue_option(&self, c: &Compiled, i: usize, o: usize) -> BigUint {
        let (g, k) = c.issue_group[i];
        let grp = &c.groups[g];
        let mut s = BigUint::default();
        for combo in 0..grp.n_options {
            if grp.decode(combo)[k] == o {
                s += &self.per_option[g][combo];
            }
        }
        s
    }
}

struct Search<'a> {
    c: &'a Compiled,
    veto: Vec<usize>,
    bound: Vec<f64>,
    order: Vec<usize>,
    allowed: Vec<Vec<usize>>,
    rest_max: Vec<Vec<f64>>,
    rest_min: Vec<Vec<f64>>,
    // Number of allowed combinations of the groups order[t..].
    rest_count: Vec<BigUint>,
    // Packages counted whole from depth t (all completions acceptable).
    whole_at: Vec<BigUint>,
    per_option: Vec<Vec<BigUint>>,
    count: BigUint,
}

/// Counts the ZOPA exactly.
pub fn count(c: &Compiled) -> ZopaCount {
    let veto = c.veto_parties();
    let np = c.n_parties;
    let eps = c.tolerance;
    let allowed: Vec<Vec<usize>> = c
        .groups
        .iter()
        .map(|g| {
            (0..g.n_options)
                .filter(|&o| !g.vetoed_by_any(o, &veto))
                .collect()
        })
        .collect();
    // Branch first on the groups whose contributions spread most.
    let mut order: Vec<usize> = (0..c.groups.len()).collect();
    let spread = |g: usize| -> f64 {
        veto.iter()
            .map(|&p| {
                let us = allowed[g].iter().map(|&o| c.groups[g].util(o, p, np));
                let (lo, hi) = us.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), u| {
                    (a.min(u), b.max(u))
                });
                if hi >= lo {
                    hi - lo
                } else {
                    0.0
                }
            })
            .sum()
    };
    order.sort_by(|&a, &b| spread(b).total_cmp(&spread(a)).then(a.cmp(&b)));
    let n = order.len();
    let k = veto.len();
    let mut rest_max = vec![vec![0.0; k]; n + 1];
    let mut rest_min = vec![vec![0.0; k]; n + 1];
    let mut rest_count = vec![BigUint::from(1u32); n + 1];
    for t in (0..n).rev() {
        let g = order[t];
        for (j, &p) in veto.iter().enumerate() {
            let us: Vec<f64> = allowed[g]
                .iter()
                .map(|&o| c.groups[g].util(o, p, np))
                .collect();
            let hi = us.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let lo = us.iter().copied().fold(f64::INFINITY, f64::min);
            rest_max[t][j] = rest_max[t + 1][j] + hi;
            rest_min[t][j] = rest_min[t + 1][j] + lo;
        }
        rest_count[t] = &rest_count[t + 1] * BigUint::from(allowed[g].len());
    }
    let bound: Vec<f64> = veto.iter().map(|&p| c.reservation[p] - eps).collect();
    let mut s = Search {
        c,
        veto,
        bound,
        order,
        per_option: c
            .groups
            .iter()
            .map(|g| vec![BigUint::default(); g.n_options])
            .collect(),
        allowed,
        rest_max,
        rest_min,
        rest_count,
        whole_at: vec![BigUint::default(); n + 1],
        count: BigUint::default(),
    };
    if s.allowed.iter().all(|a| !a.is_empty()) {
        let mut partial = vec![0.0; k];
        let mut path = Vec::with_capacity(n);
        s.dfs(0, &mut partial, &mut path);
    }
    // Packages counted whole at depth t use every allowed option of the groups
    // order[t..] equally often.
    let mut acc = BigUint::default();
    for t in 0..n {
        acc += &s.whole_at[t];
        let g = s.order[t];
        let m = s.allowed[g].len();
        if m == 0 || acc == BigUint::default() {
            continue;
        }
        let share = &acc / BigUint::from(m);
        for &o in &s.allowed[g] {
            s.per_option[g][o] += &share;
        }
    }
    ZopaCount {
        count: s.count,
        per_option: s.per_option,
    }
}

impl Search<'_> {
    // Returns the number of acceptable completions found below; adds to the
    // per-option counts of the options on `path` is done by the caller.
    fn dfs(&mut self, t: usize, partial: &mut [f64], path: &mut Vec<usize>) -> BigUint {
        let k = self.veto.len();
        if (0..k).any(|j| partial[j] + self.rest_max[t][j] < self.bound[j]) {
            return BigUint::default();
        }
        if (0..k).all(|j| partial[j] + self.rest_min[t][j] >= self.bound[j]) {
            let whole = self.rest_count[t].clone();
            self.whole_at[t] += &whole;
            self.count += &whole;
            return whole;
        }
        // Not every completion decided yet, so t < number of groups.
        let g = self.order[t];
        let np = self.c.n_parties;
        let mut total = BigUint::default();
        for idx in 0..self.allowed[g].len() {
            let o = self.allowed[g][idx];
            let mut next: Vec<f64> = (0..k)
                .map(|j| partial[j] + self.c.groups[g].util(o, self.veto[j], np))
                .collect();
            path.push(o);
            let sub = self.dfs(t + 1, &mut next, path);
            path.pop();
            if sub != BigUint::default() {
                self.per_option[g][o] += &sub;
                total += sub;
            }
        }
        total
    }
}
