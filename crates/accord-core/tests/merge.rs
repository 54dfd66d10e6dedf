//! The flat merges against the plain filter: for random layers (values on a
//! coarse grid, so that ties within and near ε happen, or fine random
//! values), random options and random lower bounds, one merge step gives
//! exactly the nodes, order and back-pointers that filtering every
//! candidate sum gives.

use accord_core::analysis::dominance::{
    merge_2d, merge_2d_with, nondominated, Floor, Layer, Merge2,
};
use proptest::prelude::*;

fn value(coarse: bool, x: f64) -> f64 {
    if coarse {
        (x * 8.0).floor() / 8.0
    } else {
        x
    }
}

/// A layer in sweep order: the non-dominated set of random points.
fn layer(points: &[(f64, f64)], eps: f64) -> Layer {
    let cands = points
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| (vec![a, b], (i as u32, 0)))
        .collect();
    Layer::from_nodes(nondominated(cands, eps), 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn merge_2d_is_the_filter_of_all_sums(
        raw in prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 1..40),
        // Up to 8 runs are merged by a scan of their heads, more through a heap.
        opts_raw in prop::collection::vec((0.0f64..0.5, 0.0f64..0.5), 1..14),
        coarse in any::<bool>(),
        eps_pick in 0usize..4,
        bound in prop::option::of((0.0f64..1.2, 0.0f64..1.2)),
    ) {
        let eps = [0.0, 1e-9, 1e-3, 0.05][eps_pick];
        let pts: Vec<(f64, f64)> = raw.iter().map(|&(a, b)| (value(coarse, a), value(coarse, b))).collect();
        let prev = layer(&pts, eps);
        let opts: Vec<(u32, [f64; 2])> = opts_raw
            .iter()
            .enumerate()
            .map(|(o, &(x, y))| (o as u32 * 2 + 1, [value(coarse, x), value(coarse, y)]))
            .collect();
        let keep = |u0: f64, u1: f64| bound.is_none_or(|(b0, b1)| u0 >= b0 - eps && u1 >= b1 - eps);
        let mut cands = Vec::new();
        for i in 0..prev.len() {
            for &(o, [x, y]) in &opts {
                let u = prev.utils(i);
                let (a, b) = (u[0] + x, u[1] + y);
                if keep(a, b) {
                    cands.push((vec![a, b], (i as u32, o)));
                }
            }
        }
        let want = nondominated(cands, eps);
        let got = merge_2d(&prev, &opts, eps, keep).to_nodes();
        prop_assert_eq!(want.len(), got.len());
        for (w, g) in want.iter().zip(&got) {
            prop_assert_eq!(&w.utils, &g.utils);
            prop_assert_eq!(&w.preds, &g.preds);
        }
        // The bound as a floor too (runs cut by binary search): the same.
        let floor = Floor {
            keep0: |u0: f64| bound.is_none_or(|(b0, _)| u0 >= b0 - eps),
            keep1: |u1: f64| bound.is_none_or(|(_, b1)| u1 >= b1 - eps),
        };
        let cut = merge_2d_with(&prev, &opts, eps, keep, floor, &mut Merge2::default()).to_nodes();
        prop_assert_eq!(want.len(), cut.len());
        for (w, g) in want.iter().zip(&cut) {
            prop_assert_eq!(&w.utils, &g.utils);
            prop_assert_eq!(&w.preds, &g.preds);
        }
    }
}
