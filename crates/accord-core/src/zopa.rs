//! Counting the zone of possible agreement without listing it.
//!
//! Three methods, tried in this order:
//!
//! 1. **Search** (exact): a depth-first search over the independent groups
//!    that cuts a branch as soon as some veto party can no longer reach its
//!    reservation value even with its best remaining options, and counts a
//!    branch whole (a product of option counts) as soon as every veto party
//!    clears its reservation value even with its worst remaining options.
//!    Options crossing a veto party's red line are never taken. It stops after
//!    a node budget.
//! 2. **Meet in the middle** (exact, one to three veto parties): split the groups
//!    in two halves, list each half's partial utility vectors, and count the
//!    pairs that clear every reservation value by sorting (one party) or by a
//!    sweep with a Fenwick tree (two parties).
//! 3. **Sampling** (an estimate, said so in the output): uniform random
//!    packages from a fixed seed, with a 95% Wilson interval.

use num_bigint::BigUint;

use crate::compile::Compiled;
use rayon::prelude::*;

use crate::synth::Lcg;

/// How the count was obtained.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// Exact, by bounded depth-first search.
    Search,
    /// Exact, by meet in the middle.
    MeetInTheMiddle,
    /// Estimated from uniform samples.
    Sampled {
        /// Number of packages sampled.
        samples: u64,
        /// Seed of the sampler.
        seed: u64,
        /// 95% interval for the count (Wilson score interval, scaled).
        low: BigUint,
        /// Upper end of the interval.
        high: BigUint,
    },
}

impl Method {
    /// Whether the numbers are exact.
    pub fn exact(&self) -> bool {
        !matches!(self, Method::Sampled { .. })
    }

    /// A short name for output.
    pub fn name(&self) -> &'static str {
        match self {
            Method::Search => "search",
            Method::MeetInTheMiddle => "meet-in-the-middle",
            Method::Sampled { .. } => "sampled",
        }
    }
}

/// Limits for the counter.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest number of search nodes before the search gives up.
    pub search_nodes: u64,
    /// Largest number of partial vectors listed per half in meet in the middle.
    pub half_size: u64,
    /// Number of samples when both exact methods are out of reach.
    pub samples: u64,
    /// Seed of the sampler.
    pub seed: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            search_nodes: 20_000_000,
            half_size: 4_000_000,
            samples: 250_000,
            seed: 1,
        }
    }
}

/// The ZOPA counted: total and per group option.
#[derive(Debug, Clone)]
pub struct ZopaCount {
    /// Number of packages acceptable to every veto party (an estimate when sampled).
    pub count: BigUint,
    /// `per_option[g][o]`: number of ZOPA packages using option o of group g.
    pub per_option: Vec<Vec<BigUint>>,
    /// How the numbers were obtained.
    pub method: Method,
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

/// What every method needs: the veto parties, their bounds, and the options
/// each group may take.
struct Setup<'a> {
    c: &'a Compiled,
    veto: Vec<usize>,
    bound: Vec<f64>,
    allowed: Vec<Vec<usize>>,
}

impl Setup<'_> {
    fn util(&self, g: usize, o: usize, j: usize) -> f64 {
        self.c.groups[g].util(o, self.veto[j], self.c.n_parties)
    }

    fn zero_counts(&self) -> Vec<Vec<BigUint>> {
        self.c
            .groups
            .iter()
            .map(|g| vec![BigUint::default(); g.n_options])
            .collect()
    }
}

/// Counts the ZOPA with the default limits.
pub fn count(c: &Compiled) -> ZopaCount {
    count_with(c, &Limits::default())
}

/// Counts the ZOPA: exactly when the search or meet in the middle fits the
/// limits, otherwise by sampling (see [`Method`]).
pub fn count_with(c: &Compiled, limits: &Limits) -> ZopaCount {
    let veto = c.veto_parties();
    let allowed: Vec<Vec<usize>> = c
        .groups
        .iter()
        .map(|g| {
            (0..g.n_options)
                .filter(|&o| !g.vetoed_by_any(o, &veto))
                .collect()
        })
        .collect();
    let setup = Setup {
        c,
        bound: veto
            .iter()
            .map(|&p| c.reservation[p] - c.tolerance)
            .collect(),
        veto,
        allowed,
    };
    if setup.allowed.iter().any(Vec::is_empty) {
        return ZopaCount {
            count: BigUint::default(),
            per_option: setup.zero_counts(),
            method: Method::Search,
        };
    }
    let space: f64 = setup.allowed.iter().map(|a| a.len() as f64).product();
    let mitm = (1..=3).contains(&setup.veto.len());
    // Large spaces with one to three veto parties: meet in the middle is
    // predictable where the search may not be.
    if mitm && space > 1e7 {
        if let Some(z) = meet_in_the_middle(&setup, limits.half_size) {
            return z;
        }
    }
    // In astronomically large spaces the search succeeds only when its bounds
    // settle whole branches at once, which shows early: a tenth of the budget.
    let budget = if space > 1e10 {
        limits.search_nodes / 10
    } else {
        limits.search_nodes
    };
    if let Some(z) = search(&setup, budget) {
        return z;
    }
    if mitm && space <= 1e7 {
        if let Some(z) = meet_in_the_middle(&setup, limits.half_size) {
            return z;
        }
    }
    sample(&setup, limits.samples, limits.seed)
}

// ---------------------------------------------------------------- search

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

fn search(s: &Setup<'_>, budget: u64) -> Option<ZopaCount> {
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

// ---------------------------------------------------- meet in the middle

/// The partial vectors of one half: the groups, and for each combination
/// (mixed radix over the allowed options) its summed utilities.
struct Half {
    groups: Vec<usize>,
    points: Vec<[f64; 3]>,
}

impl Half {
    fn list(s: &Setup<'_>, groups: Vec<usize>) -> Half {
        let k = s.veto.len();
        let mut points: Vec<[f64; 3]> = vec![[0.0; 3]];
        for &g in &groups {
            let mut next = Vec::with_capacity(points.len() * s.allowed[g].len());
            // The last group varies fastest: index = prev · m + option position.
            for p in &points {
                for &o in &s.allowed[g] {
                    let mut v = *p;
                    for (j, x) in v.iter_mut().enumerate().take(k) {
                        *x += s.util(g, o, j);
                    }
                    next.push(v);
                }
            }
            points = next;
        }
        Half { groups, points }
    }

    /// Adds `weights[idx]` to the per-option counts of this half's groups.
    fn spread(&self, s: &Setup<'_>, weights: &[u64], per_option: &mut [Vec<u128>]) {
        for (mut idx, &w) in weights.iter().enumerate() {
            if w == 0 {
                continue;
            }
            for &g in self.groups.iter().rev() {
                let m = s.allowed[g].len();
                per_option[g][s.allowed[g][idx % m]] += u128::from(w);
                idx /= m;
            }
        }
    }
}

/// For each point of `a`, the number of points of `b` with a + b ≥ bound in
/// every coordinate (k = 1, 2 or 3).
fn pair_counts(a: &[[f64; 3]], b: &[[f64; 3]], bound: &[f64]) -> Vec<u64> {
    if bound.len() == 3 {
        return pair_counts_3(a, b, bound);
    }
    if bound.len() == 1 {
        let mut bs: Vec<f64> = b.iter().map(|p| p[0]).collect();
        bs.sort_by(f64::total_cmp);
        return a
            .iter()
            .map(|p| {
                let q = bound[0] - p[0];
                (bs.len() - bs.partition_point(|&x| x < q)) as u64
            })
            .collect();
    }
    // Two coordinates: queries sorted by q0 descending; insert b points with
    // b0 ≥ q0 into a Fenwick tree over the ranks of b1; count b1 ≥ q1.
    // Sorting plain tuples (not indices) keeps the passes cache-friendly.
    let mut ys: Vec<f64> = b.iter().map(|p| p[1]).collect();
    ys.sort_unstable_by(f64::total_cmp);
    ys.dedup();
    let mut bs: Vec<(f64, u32)> = b
        .iter()
        .map(|p| (p[0], (ys.partition_point(|&v| v < p[1]) + 1) as u32))
        .collect();
    bs.sort_unstable_by(|x, y| y.0.total_cmp(&x.0));
    let mut qs: Vec<(f64, u32, u32)> = a
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let below = ys.partition_point(|&v| v < bound[1] - p[1]) as u32;
            (bound[0] - p[0], below, i as u32)
        })
        .collect();
    qs.sort_unstable_by(|x, y| y.0.total_cmp(&x.0));
    let mut fen = vec![0u32; ys.len() + 1];
    let mut inserted = 0u64;
    let mut next = 0;
    let mut out = vec![0u64; a.len()];
    for &(x, below_rank, qi) in &qs {
        while next < bs.len() && bs[next].0 >= x {
            let mut i = bs[next].1 as usize;
            while i < fen.len() {
                fen[i] += 1;
                i += i & i.wrapping_neg();
            }
            inserted += 1;
            next += 1;
        }
        // Number inserted with b1 below the query's q1.
        let mut i = below_rank as usize;
        let mut below = 0u64;
        while i > 0 {
            below += u64::from(fen[i]);
            i -= i & i.wrapping_neg();
        }
        out[qi as usize] = inserted - below;
    }
    out
}

/// An event of the three-coordinate count: a point of `b`, or a query
/// (`bound − a`) for a point of `a`.
#[derive(Clone, Copy)]
struct Event {
    x: [f64; 3],
    query: bool,
    id: u32,
    /// Fenwick position: for a point, 1 + the rank of its third coordinate;
    /// for a query, the number of point values below its third coordinate.
    rank: u32,
}

/// Three coordinates: offline dominance counting by divide and conquer over
/// the first coordinate (CDQ), a merge by the second, a Fenwick tree over the
/// ranks of the third. O(n log² n).
fn pair_counts_3(a: &[[f64; 3]], b: &[[f64; 3]], bound: &[f64]) -> Vec<u64> {
    let mut ev: Vec<Event> = b
        .iter()
        .enumerate()
        .map(|(i, p)| Event {
            x: *p,
            query: false,
            id: i as u32,
            rank: 0,
        })
        .chain(a.iter().enumerate().map(|(i, p)| Event {
            x: [bound[0] - p[0], bound[1] - p[1], bound[2] - p[2]],
            query: true,
            id: i as u32,
            rank: 0,
        }))
        .collect();
    // First coordinate descending; on ties points come first (b0 ≥ q0 counts).
    ev.sort_by(|e, f| f.x[0].total_cmp(&e.x[0]).then(e.query.cmp(&f.query)));
    let mut zs: Vec<f64> = b.iter().map(|p| p[2]).collect();
    zs.sort_unstable_by(f64::total_cmp);
    zs.dedup();
    for e in &mut ev {
        let below = zs.partition_point(|&v| v < e.x[2]) as u32;
        e.rank = if e.query { below } else { below + 1 };
    }
    let mut fen = vec![0u32; zs.len() + 1];
    let mut out = vec![0u64; a.len()];
    let mut buf = Vec::with_capacity(ev.len());
    cdq(&mut ev, &mut fen, &mut out, &mut buf);
    out
}

fn cdq(ev: &mut [Event], fen: &mut [u32], out: &mut [u64], buf: &mut Vec<Event>) {
    let n = ev.len();
    if n < 2 {
        return;
    }
    let mid = n / 2;
    cdq(&mut ev[..mid], fen, out, buf);
    cdq(&mut ev[mid..], fen, out, buf);
    // Both halves are now sorted by the second coordinate, descending. Points
    // on the left have a first coordinate ≥ every query's on the right.
    let (left, right) = ev.split_at(mid);
    let mut added: Vec<usize> = Vec::new();
    let mut i = 0;
    for q in right.iter().filter(|e| e.query) {
        while i < left.len() && left[i].x[1] >= q.x[1] {
            if !left[i].query {
                let mut k = left[i].rank as usize;
                added.push(k);
                while k < fen.len() {
                    fen[k] += 1;
                    k += k & k.wrapping_neg();
                }
            }
            i += 1;
        }
        let mut k = q.rank as usize;
        let mut below = 0u64;
        while k > 0 {
            below += u64::from(fen[k]);
            k -= k & k.wrapping_neg();
        }
        out[q.id as usize] += added.len() as u64 - below;
    }
    for mut k in added {
        while k < fen.len() {
            fen[k] -= 1;
            k += k & k.wrapping_neg();
        }
    }
    // Merge the halves by the second coordinate, descending.
    buf.clear();
    let (mut l, mut r) = (0, mid);
    while l < mid || r < n {
        if r >= n || (l < mid && ev[l].x[1] >= ev[r].x[1]) {
            buf.push(ev[l]);
            l += 1;
        } else {
            buf.push(ev[r]);
            r += 1;
        }
    }
    ev.copy_from_slice(buf);
}

/// The 95% Wilson score interval for a proportion p observed in n trials.
pub fn wilson95(p: f64, n: f64) -> (f64, f64) {
    let z = 1.959_963_984_540_054f64;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

fn meet_in_the_middle(s: &Setup<'_>, half_size: u64) -> Option<ZopaCount> {
    let sizes: Vec<f64> = s.allowed.iter().map(|a| a.len() as f64).collect();
    let total: f64 = sizes.iter().product();
    // Largest groups alternate between the halves to balance them.
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|&a, &b| sizes[b].total_cmp(&sizes[a]).then(a.cmp(&b)));
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let (mut lsize, mut rsize) = (1.0f64, 1.0f64);
    for g in order {
        if lsize <= rsize {
            lsize *= sizes[g];
            left.push(g);
        } else {
            rsize *= sizes[g];
            right.push(g);
        }
    }
    // Three parties cost O(n log² n) per half: a smaller ceiling keeps it
    // within seconds; beyond it the count is sampled.
    let half_size = if s.veto.len() == 3 {
        half_size.min(250_000)
    } else {
        half_size
    };
    if lsize > half_size as f64 || rsize > half_size as f64 || !total.is_finite() {
        return None;
    }
    left.sort_unstable();
    right.sort_unstable();
    let a = Half::list(s, left);
    let b = Half::list(s, right);
    let for_a = pair_counts(&a.points, &b.points, &s.bound);
    let for_b = pair_counts(&b.points, &a.points, &s.bound);
    let mut per: Vec<Vec<u128>> =
        s.c.groups
            .iter()
            .map(|g| vec![0u128; g.n_options])
            .collect();
    a.spread(s, &for_a, &mut per);
    b.spread(s, &for_b, &mut per);
    let count: u128 = for_a.iter().map(|&x| u128::from(x)).sum();
    Some(ZopaCount {
        count: BigUint::from(count),
        per_option: per
            .into_iter()
            .map(|v| v.into_iter().map(BigUint::from).collect())
            .collect(),
        method: Method::MeetInTheMiddle,
    })
}

// --------------------------------------------------------------- sampling

fn scale(total: &BigUint, share: f64) -> BigUint {
    // share · total, rounded, computed in parts per 2^52 to stay exact enough.
    let denom: u64 = 1 << 52;
    let num = (share.clamp(0.0, 1.0) * denom as f64).round() as u64;
    (total * BigUint::from(num) + BigUint::from(denom / 2)) / BigUint::from(denom)
}

fn sample(s: &Setup<'_>, samples: u64, seed: u64) -> ZopaCount {
    let c = s.c;
    let k_veto = s.veto.len();
    let total: BigUint = c.groups.iter().fold(BigUint::from(1u32), |acc, g| {
        acc * BigUint::from(g.n_options)
    });
    // Fixed-size chunks, each with its own generator seeded from (seed,
    // chunk): the same draws and the same sums on any number of threads.
    const CHUNK: u64 = 1 << 16;
    let chunks: Vec<u64> = (0..samples.div_ceil(CHUNK)).collect();
    let per_chunk: Vec<(u64, Vec<Vec<u64>>)> = chunks
        .into_par_iter()
        .map(|k| {
            let mut rng = Lcg::new(seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut hits = 0u64;
            let mut per: Vec<Vec<u64>> = c.groups.iter().map(|g| vec![0u64; g.n_options]).collect();
            let mut choice = vec![0usize; c.groups.len()];
            let mut sums = vec![0.0; k_veto];
            for _ in (k * CHUNK)..((k + 1) * CHUNK).min(samples) {
                let mut ok = true;
                sums.iter_mut().for_each(|x| *x = 0.0);
                for (g, grp) in c.groups.iter().enumerate() {
                    let o = rng.below(grp.n_options);
                    choice[g] = o;
                    if grp.vetoed_by_any(o, &s.veto) {
                        ok = false;
                    }
                    for (j, x) in sums.iter_mut().enumerate() {
                        *x += s.util(g, o, j);
                    }
                }
                if ok && sums.iter().zip(&s.bound).all(|(x, b)| x >= b) {
                    hits += 1;
                    for (g, &o) in choice.iter().enumerate() {
                        per[g][o] += 1;
                    }
                }
            }
            (hits, per)
        })
        .collect();
    let mut hits = 0u64;
    let mut per: Vec<Vec<u64>> = c.groups.iter().map(|g| vec![0u64; g.n_options]).collect();
    for (h, p) in per_chunk {
        hits += h;
        for (acc, part) in per.iter_mut().zip(p) {
            for (a, b) in acc.iter_mut().zip(part) {
                *a += b;
            }
        }
    }
    let n = samples.max(1) as f64;
    let p = hits as f64 / n;
    let (low, high) = wilson95(p, n);
    let per_option = per
        .iter()
        .map(|v| v.iter().map(|&h| scale(&total, h as f64 / n)).collect())
        .collect();
    ZopaCount {
        count: scale(&total, p),
        per_option,
        method: Method::Sampled {
            samples,
            seed,
            low: scale(&total, low),
            high: scale(&total, high),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brute;
    use crate::synth::{self, Shape};

    /// Every method agrees with the enumerator (sampling within its interval).
    #[test]
    fn methods_agree_with_enumeration() {
        for seed in 0..300u64 {
            let shape = Shape {
                parties: 2 + (seed % 4) as usize,
                options: vec![2 + (seed % 3) as usize, 3, 2, 4, 3],
                coarse: seed % 2 == 0,
                red_line_pct: 40,
                interaction_pct: 40,
                numeric_first: seed % 5 == 0,
                opposed: false,
            };
            let sc = synth::scenario(&shape, seed);
            let Ok(c) = Compiled::new(&sc) else { continue };
            let want = brute::zopa(&sc);
            let exact = |z: &ZopaCount| {
                assert_eq!(
                    z.count,
                    BigUint::from(want.len()),
                    "seed {seed} {:?}",
                    z.method
                );
                for i in 0..sc.issues.len() {
                    for o in 0..sc.issues[i].options.len() {
                        let n = want.iter().filter(|p| p[i] == o).count();
                        assert_eq!(
                            z.per_issue_option(&c, i, o),
                            BigUint::from(n),
                            "seed {seed} {:?}",
                            z.method
                        );
                    }
                }
            };
            let search = count_with(
                &c,
                &Limits {
                    search_nodes: u64::MAX,
                    ..Limits::default()
                },
            );
            assert_eq!(search.method, Method::Search);
            exact(&search);
            if (1..=3).contains(&c.veto_parties().len()) {
                let mitm = count_with(
                    &c,
                    &Limits {
                        search_nodes: 0,
                        ..Limits::default()
                    },
                );
                assert_eq!(mitm.method, Method::MeetInTheMiddle);
                exact(&mitm);
            }
            let sampled = count_with(
                &c,
                &Limits {
                    search_nodes: 0,
                    half_size: 0,
                    samples: 20_000,
                    seed,
                },
            );
            if let Method::Sampled { low, high, .. } = &sampled.method {
                // A 95% interval: allow rare misses by widening a little.
                let n = BigUint::from(want.len());
                let slack = BigUint::from(
                    sc.issues.iter().map(|i| i.options.len()).product::<usize>() / 50 + 1,
                );
                assert!(
                    *low <= &n + &slack && n <= high + &slack,
                    "seed {seed}: {n} not in [{low}, {high}]"
                );
            } else if !c.veto_parties().is_empty() {
                panic!("expected sampling");
            }
        }
    }
}
