//! The estimate by uniform sampling, with a 95% Wilson interval.

use num_bigint::BigUint;

use super::count::{Method, ZopaCount};
use super::setup::Setup;
use crate::random::Lcg;

/// The 95% Wilson score interval for a proportion p observed in n trials.
pub fn wilson95(p: f64, n: f64) -> (f64, f64) {
    let z = 1.959_963_984_540_054f64;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

pub(crate) fn scale(total: &BigUint, share: f64) -> BigUint {
    // share · total, rounded, computed in parts per 2^52 to stay exact enough.
    let denom: u64 = 1 << 52;
    let num = (share.clamp(0.0, 1.0) * denom as f64).round() as u64;
    (total * BigUint::from(num) + BigUint::from(denom / 2)) / BigUint::from(denom)
}

/// The estimate from `samples` uniform packages drawn from `seed`.
pub(crate) fn sample(s: &Setup<'_>, samples: u64, seed: u64) -> ZopaCount {
    let c = s.c;
    let k_veto = s.veto.len();
    let total: BigUint = c.groups.iter().fold(BigUint::from(1u32), |acc, g| {
        acc * BigUint::from(g.n_options)
    });
    // Fixed-size chunks, each with its own generator seeded from (seed,
    // chunk): the same draws and the same sums on any number of threads.
    const CHUNK: u64 = 1 << 16;
    let per_chunk: Vec<(u64, Vec<Vec<u64>>)> = crate::parallel::chunks(
        samples,
        CHUNK,
        crate::parallel::Progress::single(&crate::observe::Silent, samples),
        |k, range| {
            let mut rng = Lcg::new(seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut hits = 0u64;
            let mut per: Vec<Vec<u64>> = c.groups.iter().map(|g| vec![0u64; g.n_options]).collect();
            let mut choice = vec![0usize; c.groups.len()];
            let mut sums = vec![0.0; k_veto];
            // Per owner: its utility, whether its issues moved, whether its
            // red lines were crossed.
            let mut owner = vec![(0.0, false, false); s.owners.len()];
            for _ in range {
                let mut ok = true;
                sums.iter_mut().for_each(|x| *x = 0.0);
                owner.iter_mut().for_each(|x| *x = (0.0, false, false));
                for (g, grp) in c.groups.iter().enumerate() {
                    let o = rng.below(grp.n_options);
                    choice[g] = o;
                    if grp.vetoed_by_any(o, &s.veto) {
                        ok = false;
                    }
                    for (j, x) in sums.iter_mut().enumerate() {
                        *x += s.util(g, o, j);
                    }
                    for (w, x) in s.owners.iter().zip(owner.iter_mut()) {
                        let rule = &c.owners[w.rule];
                        x.0 += grp.util(o, rule.party, c.n_parties);
                        x.1 |= rule.moves[g][o];
                        x.2 |= grp.vetoed(o, rule.party);
                    }
                }
                let owners_ok = s
                    .owners
                    .iter()
                    .zip(&owner)
                    .all(|(w, &(u, moved, crossed))| {
                        !moved || (!crossed && u >= w.bound - c.tolerance)
                    });
                if ok && owners_ok && sums.iter().zip(&s.bound).all(|(x, b)| x >= b) {
                    hits += 1;
                    for (g, &o) in choice.iter().enumerate() {
                        per[g][o] += 1;
                    }
                }
            }
            (hits, per)
        },
    )
    // The silent observer never cancels.
    .unwrap_or_default();
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
