//! The packages parties negotiate over.

use chacha20::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use crate::analysis::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::compile::{Compiled, OwnerCondition};
use crate::model::Scenario;

/// Largest pool: beyond this the pool is a random sample.
pub const POOL_LIMIT: usize = 1 << 18;

/// The packages parties can offer, with every party's utility.
#[derive(Debug, Clone)]
pub struct Pool {
    /// The packages.
    pub packages: Vec<Vec<usize>>,
    /// `utils[k * n_parties + p]`.
    pub utils: Vec<f64>,
    /// `free[k * n_parties + p]`: package k crosses none of p's red lines.
    pub free: Vec<bool>,
    /// Number of parties.
    pub n_parties: usize,
    /// Whether the pool is the whole outcome space.
    pub exhaustive: bool,
    /// Each party's favourite package over the whole outcome space (crossing
    /// none of its red lines; ties: the lexicographically first), exact.
    pub favourite: Vec<Vec<usize>>,
}

impl Pool {
    /// The pool of a scenario: every package, or a sample plus the frontier
    /// of `parties` (seeded). Packages that an owner of issues outside
    /// `parties` would block (they move its issues and it does not accept
    /// them) are off the table: they are left out of the pool and of the
    /// favourites.
    ///
    /// # Errors
    ///
    /// [`TooLarge`] when that frontier is past the merge limit.
    pub fn new(s: &Scenario, c: &Compiled, parties: &[usize], seed: u64) -> Result<Pool, TooLarge> {
        let radices: Vec<usize> = s.issues.iter().map(|i| i.options.len()).collect();
        let owners: Vec<OwnerCondition> = c.owner_conditions(false, parties);
        let blocked = |pk: &[usize]| {
            let choice = c.choice_of(pk);
            owners.iter().any(|w| {
                let rule = &c.owners[w.rule];
                rule.moved(&choice)
                    && (!s.red_lines_crossed(rule.party, pk).is_empty()
                        || c.utility(rule.party, pk) < w.bound - c.tolerance)
            })
        };
        let total = radices
            .iter()
            .try_fold(1usize, |acc, &r| acc.checked_mul(r))
            .filter(|&n| n <= POOL_LIMIT);
        let mut packages: Vec<Vec<usize>> = Vec::new();
        let exhaustive = total.is_some();
        if let Some(n) = total {
            let mut cur = vec![0usize; radices.len()];
            for _ in 0..n {
                packages.push(cur.clone());
                for k in (0..radices.len()).rev() {
                    cur[k] += 1;
                    if cur[k] < radices[k] {
                        break;
                    }
                    cur[k] = 0;
                }
            }
        } else {
            let f = Frontier::compute(
                c,
                &FrontierSpec {
                    parties: parties.to_vec(),
                    exclude_red_lines_of: parties.to_vec(),
                    owners: owners.clone(),
                    ..FrontierSpec::default()
                },
            )?;
            packages.extend(f.first_packages(c).into_iter().take(POOL_LIMIT / 4));
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xA5A5_5A5A);
            while packages.len() < POOL_LIMIT {
                packages.push(
                    radices
                        .iter()
                        .map(|&r| (rng.next_u64() % r as u64) as usize)
                        .collect(),
                );
            }
            packages.sort();
            packages.dedup();
        }
        if !owners.is_empty() {
            packages.retain(|pk| !blocked(pk));
        }
        let np = s.parties.len();
        let mut utils = Vec::with_capacity(packages.len() * np);
        let mut free = Vec::with_capacity(packages.len() * np);
        for pk in &packages {
            for p in 0..np {
                utils.push(c.utility(p, pk));
                free.push(s.red_lines_crossed(p, pk).is_empty());
            }
        }
        let favourite = (0..np)
            .map(|p| {
                if !owners.is_empty() {
                    // The best package for p that no owner blocks.
                    let f = Frontier::compute(
                        c,
                        &FrontierSpec {
                            parties: vec![p],
                            exclude_red_lines_of: vec![p],
                            owners: owners.clone(),
                            ..FrontierSpec::default()
                        },
                    )?;
                    if let Some(best) = f.first_package(c, 0) {
                        return Ok(best);
                    }
                }
                let choice: Vec<usize> = c
                    .groups
                    .iter()
                    .map(|g| {
                        (0..g.n_options)
                            .filter(|&o| !g.vetoed(o, p))
                            .max_by(|&a, &b| {
                                g.util(a, p, np)
                                    .total_cmp(&g.util(b, p, np))
                                    .then(b.cmp(&a))
                            })
                            .unwrap_or(0)
                    })
                    .collect();
                Ok(c.package_of(&choice))
            })
            .collect::<Result<_, TooLarge>>()?;
        Ok(Pool {
            packages,
            utils,
            free,
            n_parties: np,
            exhaustive,
            favourite,
        })
    }

    /// Party p's utility of package k.
    #[inline]
    pub fn u(&self, k: usize, p: usize) -> f64 {
        self.utils[k * self.n_parties + p]
    }

    /// Number of packages.
    pub fn len(&self) -> usize {
        self.packages.len()
    }

    /// Whether the pool is empty.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }
}
