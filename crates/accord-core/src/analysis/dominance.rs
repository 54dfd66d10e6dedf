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
    let dims = cands.first().map_or(0, |c| c.0.len());
    if dims == 2 {
        return nondominated_2d(cands, eps);
    }
    if dims == 0 {
        // No objectives: every candidate ties with every other.
        let mut preds: Vec<(u32, u32)> = cands.into_iter().map(|c| c.1).collect();
        preds.sort_unstable();
        return if preds.is_empty() {
            Vec::new()
        } else {
            vec![Node {
                utils: Vec::new(),
                preds,
            }]
        };
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
    let mut kept: Vec<Node> = Vec::new();
    let mut sums: Vec<f64> = Vec::new();
    let mut alive: Vec<bool> = Vec::new();
    let mut index = OrthantIndex::new(dims);
    for (sv, v, bp) in items {
        // Every kept point in v's orthant either dominates v or ties with it.
        if let Some(i) = index.find(&v, eps, &alive) {
            if tied(&kept[i].utils, &v, eps) {
                kept[i].preds.push(bp);
            }
            continue;
        }
        let tail = sums.partition_point(|&sk| sk >= sv + slack);
        for j in tail..kept.len() {
            if alive[j] && dominates(&v, &kept[j].utils, eps) {
                alive[j] = false;
            }
        }
        index.insert(&v);
        kept.push(Node {
            utils: v,
            preds: vec![bp],
        });
        sums.push(sv);
        alive.push(true);
    }
    let mut kept: Vec<Node> = kept
        .into_iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(n, _)| n)
        .collect();
    // A stable, readable order: by the first objective, descending.
    kept.sort_by(|a, b| {
        for (x, y) in a.utils.iter().zip(&b.utils) {
            match y.total_cmp(x) {
                std::cmp::Ordering::Equal => continue,
                o => return o,
            }
        }
        std::cmp::Ordering::Equal
    });
    for n in &mut kept {
        n.preds.sort_unstable();
    }
    kept
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
