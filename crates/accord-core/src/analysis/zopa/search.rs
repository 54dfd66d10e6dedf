//! The exact count by bounded depth-first search.

use num_bigint::BigUint;

use super::count::{Method, ZopaCount};
use super::setup::Setup;

struct Search<'a, 'b> {
    s: &'b Setup<'a>,
    order: Vec<usize>,
    rest_max: Vec<Vec<f64>>,
    rest_min: Vec<Vec<f64>>,
    // Number of allowed combinations of the groups order[t..].
    rest_count: Vec<BigUint>,
    // Packages counted whole from depth t (all completions acceptable).
    whole_at: Vec<BigUint>,
    per_option: Vec<Vec<BigUint>>,
    count: BigUint,
    nodes: u64,
    budget: u64,
}

/// The exact count, or `None` when the search needs more than `budget` nodes.
pub(crate) fn search(s: &Setup<'_>, budget: u64) -> Option<ZopaCount> {
    let k = s.veto.len();
    // Branch first on the groups whose contributions spread most.
    let spread = |g: usize| -> f64 {
        (0..k)
            .map(|j| {
                let us = s.allowed[g].iter().map(|&o| s.util(g, o, j));
                let (lo, hi) = us.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), u| {
                    (a.min(u), b.max(u))
                });
                hi - lo
            })
            .sum()
    };
    let mut order: Vec<usize> = (0..s.c.groups.len()).collect();
    order.sort_by(|&a, &b| spread(b).total_cmp(&spread(a)).then(a.cmp(&b)));
    let n = order.len();
    let mut rest_max = vec![vec![0.0; k]; n + 1];
    let mut rest_min = vec![vec![0.0; k]; n + 1];
    let mut rest_count = vec![BigUint::from(1u32); n + 1];
    for t in (0..n).rev() {
        let g = order[t];
        for j in 0..k {
            let us: Vec<f64> = s.allowed[g].iter().map(|&o| s.util(g, o, j)).collect();
            rest_max[t][j] =
                rest_max[t + 1][j] + us.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            rest_min[t][j] = rest_min[t + 1][j] + us.iter().copied().fold(f64::INFINITY, f64::min);
        }
        rest_count[t] = &rest_count[t + 1] * BigUint::from(s.allowed[g].len());
    }
    let mut st = Search {
        s,
        order,
        rest_max,
        rest_min,
        rest_count,
        whole_at: vec![BigUint::default(); n + 1],
        per_option: s.zero_counts(),
        count: BigUint::default(),
        nodes: 0,
        budget,
    };
    st.dfs(0, &vec![0.0; k])?;
    // Packages counted whole at depth t use every allowed option of the
    // groups order[t..] equally often.
    let mut acc = BigUint::default();
    for t in 0..n {
        acc += &st.whole_at[t];
        let g = st.order[t];
        let m = s.allowed[g].len();
        if acc == BigUint::default() {
            continue;
        }
        let share = &acc / BigUint::from(m);
        for &o in &s.allowed[g] {
            st.per_option[g][o] += &share;
        }
    }
    Some(ZopaCount {
        count: st.count,
        per_option: st.per_option,
        method: Method::Search,
    })
}

impl Search<'_, '_> {
    /// Returns the number of acceptable completions below, or `None` when
    /// the node budget runs out.
    fn dfs(&mut self, t: usize, partial: &[f64]) -> Option<BigUint> {
        self.nodes += 1;
        if self.nodes > self.budget {
            return None;
        }
        let k = self.s.veto.len();
        if (0..k).any(|j| partial[j] + self.rest_max[t][j] < self.s.bound[j]) {
            return Some(BigUint::default());
        }
        if (0..k).all(|j| partial[j] + self.rest_min[t][j] >= self.s.bound[j]) {
            let whole = self.rest_count[t].clone();
            self.whole_at[t] += &whole;
            self.count += &whole;
            return Some(whole);
        }
        // Not every completion is decided yet, so t < number of groups.
        let g = self.order[t];
        let mut total = BigUint::default();
        for idx in 0..self.s.allowed[g].len() {
            let o = self.s.allowed[g][idx];
            let next: Vec<f64> = (0..k).map(|j| partial[j] + self.s.util(g, o, j)).collect();
            let sub = self.dfs(t + 1, &next)?;
            if sub != BigUint::default() {
                self.per_option[g][o] += &sub;
                total += sub;
            }
        }
        Some(total)
    }
}
