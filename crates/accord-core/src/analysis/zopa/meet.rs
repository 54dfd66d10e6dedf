//! The exact count by meet in the middle: sorting (one veto party), a
//! Fenwick sweep (two) or CDQ divide and conquer (three).

use num_bigint::BigUint;

use super::count::{Method, ZopaCount};
use super::setup::Setup;

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

/// The exact count, or `None` when a half would list more than
/// `half_size` vectors.
pub(crate) fn meet_in_the_middle(s: &Setup<'_>, half_size: u64) -> Option<ZopaCount> {
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
