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
//!
//! Owners of issues ("Who must deliver", `docs/definitions.md`) are counted
//! exactly by inclusion–exclusion: with each owner o either leaving its
//! issues at their status quo (S) or accepting (A), the ZOPA is
//! ∩_o (S_o ∪ A_o) among the veto parties' packages, whose size is the sum
//! over one of S, A, or both per owner of ± the size of the intersection
//! (minus for an odd number of "both"). Each term is a plain count with some
//! options left out and some owners added as veto parties. Past
//! [`MAX_EXACT_OWNERS`] owners, or when a term is out of the exact methods'
//! reach, the count is sampled with the owners checked package by package.
//!
//! Files: `count` (what the counter returns and its limits), `setup` (what
//! every method needs), `search`, `meet` and `sampling` (one per method).
//! This file only dispatches between them.

mod count;
mod meet;
mod sampling;
mod search;
mod setup;

pub use count::{Limits, Method, ZopaCount};
pub(crate) use sampling::scale as scale_count;
pub use sampling::wilson95;

use num_bigint::BigUint;

use crate::compile::{Compiled, OwnerCondition};
use meet::meet_in_the_middle;
use sampling::sample;
use search::search;
use setup::Setup;

/// Counts the ZOPA with the default limits.
pub fn count(c: &Compiled) -> ZopaCount {
    count_with(c, &Limits::default())
}

/// The most owners without a veto counted exactly (3^4 = 81 terms).
pub const MAX_EXACT_OWNERS: usize = 4;

/// Counts the ZOPA: exactly when the search or meet in the middle fits the
/// limits, otherwise by sampling (see [`Method`]).
pub fn count_with(c: &Compiled, limits: &Limits) -> ZopaCount {
    let veto: Vec<(usize, f64)> = c
        .veto_parties()
        .into_iter()
        .map(|p| (p, c.reservation[p]))
        .collect();
    let owners = c.owner_conditions(false, &[]);
    if owners.is_empty() {
        let setup = Setup::new(c, veto, |_, _| true, Vec::new());
        return exact(&setup, limits)
            .unwrap_or_else(|| sample(&setup, limits.samples, limits.seed));
    }
    if owners.len() <= MAX_EXACT_OWNERS {
        if let Some(z) = by_cases(c, &veto, &owners, limits) {
            return z;
        }
    }
    let setup = Setup::new(c, veto, |_, _| true, owners);
    sample(&setup, limits.samples, limits.seed)
}

/// The exact count with owners, by inclusion–exclusion over the cases (see
/// the module documentation); `None` when a term is out of exact reach.
fn by_cases(
    c: &Compiled,
    veto: &[(usize, f64)],
    owners: &[OwnerCondition],
    limits: &Limits,
) -> Option<ZopaCount> {
    let terms = 3usize.pow(owners.len() as u32);
    let mut plus = ZopaCount {
        count: BigUint::default(),
        per_option: c
            .groups
            .iter()
            .map(|g| vec![BigUint::default(); g.n_options])
            .collect(),
        method: Method::Search,
    };
    let mut minus = plus.clone();
    for term in 0..terms {
        // Digit w of the term: 0 leaves owner w's issues at their status quo,
        // 1 has it accept, 2 both.
        let digits: Vec<usize> = (0..owners.len())
            .map(|w| term / 3usize.pow(w as u32) % 3)
            .collect();
        let mut parties = veto.to_vec();
        parties.extend(
            owners
                .iter()
                .zip(&digits)
                .filter(|(_, &d)| d != 0)
                .map(|(w, _)| (c.owners[w.rule].party, w.bound)),
        );
        let keep = |g: usize, o: usize| {
            owners
                .iter()
                .zip(&digits)
                .all(|(w, &d)| d == 1 || !c.owners[w.rule].moves[g][o])
        };
        let z = exact(&Setup::new(c, parties, keep, Vec::new()), limits)?;
        let acc = if digits.iter().filter(|&&d| d == 2).count() % 2 == 0 {
            &mut plus
        } else {
            &mut minus
        };
        acc.count += z.count;
        for (a, b) in acc.per_option.iter_mut().zip(z.per_option) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        if z.method == Method::MeetInTheMiddle {
            plus.method = Method::MeetInTheMiddle;
        }
    }
    plus.count -= minus.count;
    for (a, b) in plus.per_option.iter_mut().zip(minus.per_option) {
        for (x, y) in a.iter_mut().zip(b) {
            *x -= y;
        }
    }
    Some(plus)
}

/// The count by search or meet in the middle within the limits, if either
/// fits.
fn exact(setup: &Setup<'_>, limits: &Limits) -> Option<ZopaCount> {
    if setup.allowed.iter().any(Vec::is_empty) {
        return Some(ZopaCount {
            count: BigUint::default(),
            per_option: setup.zero_counts(),
            method: Method::Search,
        });
    }
    let space: f64 = setup.allowed.iter().map(|a| a.len() as f64).product();
    let mitm = (1..=3).contains(&setup.veto.len());
    // Large spaces with one to three veto parties: meet in the middle is
    // predictable where the search may not be.
    if mitm && space > 1e7 {
        if let Some(z) = meet_in_the_middle(setup, limits.half_size) {
            return Some(z);
        }
    }
    // In astronomically large spaces the search succeeds only when its bounds
    // settle whole branches at once, which shows early: a tenth of the budget.
    let budget = if space > 1e10 {
        limits.search_nodes / 10
    } else {
        limits.search_nodes
    };
    if let Some(z) = search(setup, budget) {
        return Some(z);
    }
    if mitm && space <= 1e7 {
        if let Some(z) = meet_in_the_middle(setup, limits.half_size) {
            return Some(z);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::brute;
    use crate::testing::synth::{self, Shape};

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
                    let got = z.per_issue_option(&c, i);
                    for (o, got) in got.iter().enumerate() {
                        let n = want.iter().filter(|p| p[i] == o).count();
                        assert_eq!(*got, BigUint::from(n), "seed {seed} {:?}", z.method);
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
