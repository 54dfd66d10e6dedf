//! `analyze` for a scenario whose compound issue is too large to list: the
//! same [`Analysis`], from the branch-and-bound searches of
//! [`sparse`](super::sparse) instead of the merge.

use std::time::Instant;

use num_bigint::BigUint;

use super::report::{
    outcome_count, report, Analysis, AnalysisError, AnalyzeOptions, IssueZopa, ParetoPoint,
    SparseFrontier, Timings,
};
use super::solutions::{objective, Concept, Solution};
use super::sparse::{Point, SearchError, Sparse, Spec};
use super::staged;
use super::zopa::{self, wilson95, Method};
use crate::compile::union_find::UnionFind;
use crate::model::{ModelError, Scenario};
use crate::observe::Observer;
use crate::random::Lcg;

/// Whether [`analyze_sparse`] can take a scenario the merge refused:
/// no issue owners (their conditional vetoes are counted by the merge only).
pub(super) fn applies(s: &Scenario) -> bool {
    !s.has_owners()
}

/// The frontier of `spec` by `how` ([`SparseFrontier`]), each point's
/// values those of its first package (the same bits whichever method found
/// it).
fn frontier_of(
    s: &Scenario,
    sp: &Prepared,
    spec: &Spec,
    how: SparseFrontier,
    observer: &dyn Observer,
) -> Result<Vec<Point>, SearchError> {
    frontier_with(s, &[], sp, spec, how, observer)
}

/// A scenario prepared for the searches, and, where the stages' order
/// differs from the searches' ([`Sparse::for_stages`]), for the stages.
struct Prepared {
    search: Sparse,
    stages: Option<Sparse>,
}

impl Prepared {
    /// `search` (prepared) and, unless `how` is the search alone, the
    /// stages' problem with its Russian-doll values for `parties`, each by
    /// stages; `None` for it where one of them cannot be found that way
    /// (the stages then work in the searches' order).
    fn new(
        s: &Scenario,
        extra: &[Vec<Vec<f64>>],
        search: Sparse,
        parties: &[usize],
        how: SparseFrontier,
        observer: &dyn Observer,
    ) -> Result<Prepared, SearchError> {
        let mut stages = match how {
            SparseFrontier::Search => None,
            SparseFrontier::Auto | SparseFrontier::Stages => search.for_stages(s, extra),
        };
        if let Some(st) = &mut stages {
            let n = st.radices.len();
            'doll: for &p in parties {
                st.rds_hi[p][n] = 0.0;
                st.rds_lo[p][n] = 0.0;
                for k in (0..n).rev() {
                    for sign in [1.0, -1.0] {
                        let Some(v) = staged::optimum(st, p, sign, k, observer)? else {
                            stages = None;
                            break 'doll;
                        };
                        if sign > 0.0 {
                            st.rds_hi[p][k] = v;
                        } else {
                            st.rds_lo[p][k] = -v;
                        }
                    }
                }
            }
        }
        Ok(Prepared { search, stages })
    }
}

/// [`frontier_of`] for a search with extra columns
/// ([`Sparse::with_columns`]): a column's value is the sum, in issue order,
/// of its values for the first package's options.
fn frontier_with(
    s: &Scenario,
    extra: &[Vec<Vec<f64>>],
    prepared: &Prepared,
    spec: &Spec,
    how: SparseFrontier,
    observer: &dyn Observer,
) -> Result<Vec<Point>, SearchError> {
    let sp = &prepared.search;
    // A feasibility check (`any`) stops at its first package: always the search.
    let staged = match how {
        _ if spec.any => return sp.frontier(spec, observer),
        SparseFrontier::Search => None,
        SparseFrontier::Auto | SparseFrontier::Stages => {
            staged::frontier(prepared.stages.as_ref().unwrap_or(sp), spec, observer)?
        }
    };
    let mut points = match (staged, how) {
        (Some(points), _) => points,
        (None, SparseFrontier::Stages) => {
            return Err(SearchError::Limit {
                limit: staged::MAX_WORK,
            })
        }
        (None, _) => sp.frontier(spec, observer)?,
    };
    for q in &mut points {
        if let Some(first) = q.packages.first() {
            for (u, &(p, sign)) in q.utils.iter_mut().zip(&spec.objectives) {
                *u = sign
                    * match p.checked_sub(s.parties.len()) {
                        None => s.utility(p, first),
                        Some(c) => extra[c]
                            .iter()
                            .zip(first)
                            .fold(0.0, |sum, (values, &o)| sum + values[o]),
                    };
            }
        }
    }
    Ok(points)
}

/// Why a [`LeverProblem`] gave no frontier.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LeverError {
    /// A search passed its limit, or the observer cancelled.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// Some party's utility leaves [0, 1] (as `analyze` refuses it).
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// A scenario the merge refused (a compound issue too large to list, or a
/// cap that binds) prepared for the frontiers the mediator's levers ask of
/// it, by the same searches as `analyze`'s: the parties, then the extra
/// additive columns `extra` (numbered after the parties; see
/// [`Sparse::with_columns`]), their Russian-doll values computed once.
pub struct LeverProblem {
    prepared: Prepared,
    extra: Vec<Vec<Vec<f64>>>,
    /// The node budget left after the preparation: each frontier starts
    /// from it, as if the problem had just been prepared for it.
    budget: u64,
}

impl LeverProblem {
    /// Prepares `s` with the columns `extra`.
    ///
    /// # Errors
    ///
    /// [`LeverError`].
    pub fn new(
        s: &Scenario,
        extra: Vec<Vec<Vec<f64>>>,
        observer: &dyn Observer,
    ) -> Result<LeverProblem, LeverError> {
        let mut sp = Sparse::with_columns(s, &extra);
        // Every party's Russian-doll values, as `analyze` computes them (the
        // scale check reads them), and the extra columns'.
        let all: Vec<usize> = (0..s.parties.len() + extra.len()).collect();
        sp.prepare_with(&all, observer, |sp, p, sign, k| {
            staged::optimum(sp, p, sign, k, observer)
        })?;
        sp.check_scale(s, observer)??;
        let prepared = Prepared::new(s, &extra, sp, &all, SparseFrontier::Auto, observer)?;
        let budget = prepared.search.budget_left();
        Ok(LeverProblem {
            prepared,
            extra,
            budget,
        })
    }

    /// The extra columns it was prepared with.
    pub fn extra(&self) -> &[Vec<Vec<f64>>] {
        &self.extra
    }

    /// The exact frontier of the objectives `columns` (parties and extra
    /// columns), each at least its `lower` value, packages crossing a red
    /// line of `exclude` left out. Each point's values are its first
    /// package's.
    ///
    /// # Errors
    ///
    /// [`LeverError`].
    pub fn frontier(
        &self,
        s: &Scenario,
        columns: &[usize],
        lower: &[f64],
        exclude: &[usize],
        observer: &dyn Observer,
    ) -> Result<Vec<Point>, LeverError> {
        self.prepared.search.set_budget_left(self.budget);
        Ok(frontier_with(
            s,
            &self.extra,
            &self.prepared,
            &Spec {
                objectives: columns.iter().map(|&p| (p, 1.0)).collect(),
                lower: lower.to_vec(),
                exclude_red_lines_of: exclude.to_vec(),
                listed: 1,
                ..Spec::default()
            },
            SparseFrontier::Auto,
            observer,
        )?)
    }
}

fn lift(e: SearchError, refused: &str) -> AnalysisError {
    match e {
        SearchError::Cancelled(c) => AnalysisError::Cancelled(c),
        SearchError::Limit { limit } => AnalysisError::SearchLimit {
            refused: refused.to_owned(),
            limit,
        },
    }
}

/// The compound groups (issue indices, increasing) with more than one issue.
fn compound_groups(s: &Scenario) -> Vec<Vec<usize>> {
    let n = s.issues.len();
    let mut uf = UnionFind::tied(s);
    let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let r = uf.find(i);
        by_root[r].push(i);
    }
    let mut out: Vec<Vec<usize>> = by_root.into_iter().filter(|g| g.len() > 1).collect();
    out.sort();
    out
}

/// The ZOPA count's node limit: the limits' own, a tenth of it past 10^12
/// packages (where an exact count is rarely within reach and the sample is
/// what the user gets), as the merge's counter does past 10^10.
fn count_nodes(limits: &zopa::Limits, total: &BigUint) -> u64 {
    if *total > BigUint::from(10u64.pow(12)) {
        limits.search_nodes / 10
    } else {
        limits.search_nodes
    }
}

/// Picks among `points` the best by `score` (ties within ε by the larger
/// `tie`, then the lexicographically first package), as the merge's `pick`.
fn pick(
    points: &[Point],
    eps: f64,
    score: impl Fn(&[f64]) -> f64,
    tie: impl Fn(&[f64]) -> f64,
) -> Option<Solution> {
    let scores: Vec<f64> = points.iter().map(|q| score(&q.utils)).collect();
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let cands: Vec<usize> = (0..points.len())
        .filter(|&j| scores[j] >= best - eps)
        .collect();
    let best_tie = cands
        .iter()
        .map(|&j| tie(&points[j].utils))
        .fold(f64::NEG_INFINITY, f64::max);
    cands
        .into_iter()
        .filter(|&j| tie(&points[j].utils) >= best_tie - eps)
        .map(|j| (points[j].packages[0].clone(), scores[j]))
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(package, value)| Solution { package, value })
}

/// The analysis of a scenario [`Compiled::new`](crate::compile::Compiled::new)
/// refused with `refused` (a compound issue too large to list).
pub(super) fn analyze_sparse(
    s: &Scenario,
    opts: &AnalyzeOptions,
    observer: &dyn Observer,
    refused: &str,
) -> Result<Analysis, AnalysisError> {
    let mut timings = Timings::default();
    let t0 = Instant::now();
    let mut sp = Sparse::new(s);
    // The Russian-doll values: by branch and bound, by stages where a
    // search takes long.
    sp.prepare_with(
        &(0..s.parties.len()).collect::<Vec<_>>(),
        observer,
        |sp, p, sign, k| staged::optimum(sp, p, sign, k, observer),
    )
    .map_err(|e| lift(e, refused))?;
    sp.check_scale(s, observer)
        .map_err(|e| lift(e, refused))??;
    let sp = Prepared::new(
        s,
        &[],
        sp,
        &(0..s.parties.len()).collect::<Vec<_>>(),
        opts.sparse_frontier,
        observer,
    )
    .map_err(|e| lift(e, refused))?;
    timings.compile = t0.elapsed().as_secs_f64();
    let eps = s.tolerance;
    let n_parties = s.parties.len();
    let parties = opts
        .frontier_parties
        .clone()
        .unwrap_or_else(|| (0..n_parties).collect());
    if let Some(&bad) = parties.iter().find(|&&p| p >= n_parties) {
        return Err(ModelError::UnknownParty(format!("#{bad}")).into());
    }
    let veto = s.veto_parties();
    let reservation = |p: usize| s.parties[p].reservation;

    // The reported frontier, with each point's packages inside the ZOPA
    // when the frontier spans every veto party.
    let t0 = Instant::now();
    let veto_spans = veto.iter().all(|p| parties.contains(p));
    let f = frontier_of(
        s,
        &sp,
        &Spec {
            objectives: parties.iter().map(|&p| (p, 1.0)).collect(),
            lower: vec![f64::NEG_INFINITY; parties.len()],
            watch: if veto_spans { veto.clone() } else { Vec::new() },
            listed: opts.max_listed_per_point.max(1),
            ..Spec::default()
        },
        opts.sparse_frontier,
        observer,
    )
    .map_err(|e| lift(e, refused))?;
    timings.frontier = t0.elapsed().as_secs_f64();

    // The ZOPA's frontier: veto parties, their red lines excluded, the
    // reservation values as bounds; when the reported frontier is over
    // exactly the veto parties and none of them has red lines, its points
    // above the reservation values.
    let t0 = Instant::now();
    let no_veto_red_lines = veto.iter().all(|&p| s.preferences[p].red_lines.is_empty());
    let zf = if parties == veto && no_veto_red_lines {
        f.iter()
            .filter(|q| {
                q.utils
                    .iter()
                    .zip(&veto)
                    .all(|(u, &p)| *u >= reservation(p) - eps)
            })
            .cloned()
            .collect()
    } else {
        frontier_of(
            s,
            &sp,
            &Spec {
                objectives: veto.iter().map(|&p| (p, 1.0)).collect(),
                lower: veto.iter().map(|&p| reservation(p)).collect(),
                exclude_red_lines_of: veto.clone(),
                listed: 1,
                ..Spec::default()
            },
            opts.sparse_frontier,
            observer,
        )
        .map_err(|e| lift(e, refused))?
    };
    let zopa_empty = zf.is_empty();
    let limits = opts.zopa_limits.clone().unwrap_or_default();
    let veto_r: Vec<(usize, f64)> = veto.iter().map(|&p| (p, reservation(p))).collect();
    let total = outcome_count(s);
    let (zopa_count, zopa_method, option_counts, present) = if zopa_empty {
        let zeros: Vec<Vec<BigUint>> = s
            .issues
            .iter()
            .map(|i| vec![BigUint::default(); i.options.len()])
            .collect();
        let present = s
            .issues
            .iter()
            .map(|i| vec![false; i.options.len()])
            .collect();
        (BigUint::default(), Method::Search, zeros, present)
    } else if let Some(c) = sp
        .search
        .count(&veto_r, count_nodes(&limits, &total), observer)
        .map_err(AnalysisError::Cancelled)?
    {
        let present = c
            .per_option
            .iter()
            .map(|row| row.iter().map(|x| *x != BigUint::default()).collect())
            .collect();
        (c.count, Method::Search, c.per_option, present)
    } else {
        // Uniform samples for the count; presence exactly, an option at a
        // time, by a feasibility search where no sample hit it.
        let mut rng = Lcg::new(limits.seed);
        let mut hits = 0u64;
        let mut per: Vec<Vec<u64>> = s.issues.iter().map(|i| vec![0; i.options.len()]).collect();
        let mut package = vec![0usize; s.issues.len()];
        for k in 0..limits.samples {
            if k & 0xFFFF == 0 && observer.cancelled() {
                return Err(AnalysisError::Cancelled(crate::parallel::Cancelled));
            }
            for (i, x) in package.iter_mut().enumerate() {
                *x = rng.below(s.issues[i].options.len());
            }
            if veto.iter().all(|&p| s.acceptable(p, &package)) {
                hits += 1;
                for (i, &o) in package.iter().enumerate() {
                    per[i][o] += 1;
                }
            }
        }
        let n = limits.samples.max(1) as f64;
        let share = hits as f64 / n;
        let (lo, hi) = wilson95(share, n);
        let scale = |x: f64| zopa::scale_count(&total, x);
        let option_counts = per
            .iter()
            .map(|row| row.iter().map(|&h| scale(h as f64 / n)).collect())
            .collect();
        let mut present: Vec<Vec<bool>> = per
            .iter()
            .map(|row| row.iter().map(|&h| h > 0).collect())
            .collect();
        for (i, row) in present.iter_mut().enumerate() {
            for (o, seen) in row.iter_mut().enumerate() {
                if !*seen {
                    *seen = !frontier_of(
                        s,
                        &sp,
                        &Spec {
                            objectives: veto.iter().map(|&p| (p, 1.0)).collect(),
                            lower: veto.iter().map(|&p| reservation(p)).collect(),
                            exclude_red_lines_of: veto.clone(),
                            only: Some((i, o)),
                            listed: 1,
                            any: true,
                            ..Spec::default()
                        },
                        opts.sparse_frontier,
                        observer,
                    )
                    .map_err(|e| lift(e, refused))?
                    .is_empty();
                }
            }
        }
        (
            scale(share),
            Method::Sampled {
                samples: limits.samples,
                seed: limits.seed,
                low: scale(lo),
                high: scale(hi),
            },
            option_counts,
            present,
        )
    };
    let zopa_issues = option_counts
        .into_iter()
        .zip(present)
        .enumerate()
        .map(|(issue, (option_counts, present))| IssueZopa {
            issue,
            option_counts,
            present,
        })
        .collect();
    timings.zopa = t0.elapsed().as_secs_f64();

    let t0 = Instant::now();
    let mut pareto: Vec<ParetoPoint> = f
        .iter()
        .map(|q| {
            let package = q.packages[0].clone();
            let utilities: Vec<f64> = (0..n_parties).map(|p| s.utility(p, &package)).collect();
            let clears = veto.iter().all(|&p| {
                let k = parties.iter().position(|&x| x == p);
                k.is_some_and(|k| q.utils[k] >= reservation(p) - eps)
            });
            ParetoPoint {
                more_packages: q.packages[1..].to_vec(),
                package,
                count: q.count.clone(),
                utilities,
                zopa_count: veto_spans.then(|| {
                    if clears {
                        q.clean.clone()
                    } else {
                        BigUint::default()
                    }
                }),
            }
        })
        .collect();
    pareto.sort_by(|a, b| a.package.cmp(&b.package));
    let pareto_count = f.iter().map(|q| &q.count).sum();
    timings.frontier += t0.elapsed().as_secs_f64();

    let t0 = Instant::now();
    let solutions = if veto.is_empty() {
        Concept::ALL.iter().map(|&k| (k, None)).collect()
    } else {
        let r: Vec<f64> = veto.iter().map(|&p| reservation(p)).collect();
        let ideal: Vec<f64> = (0..veto.len())
            .map(|j| {
                zf.iter()
                    .map(|q| q.utils[j])
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .collect();
        Concept::ALL
            .iter()
            .map(|&k| {
                let sol = if zf.is_empty() {
                    None
                } else {
                    pick(
                        &zf,
                        eps,
                        |u| objective(k, u, &r, &ideal, eps),
                        |u| u.iter().sum(),
                    )
                };
                (k, report(s, sol))
            })
            .collect()
    };
    let mediator = match s.mediator() {
        None => None,
        Some(m) if veto.is_empty() => Some((m, None)),
        Some(m) => {
            let mut over = veto.clone();
            if !over.contains(&m) {
                over.push(m);
            }
            let pts = frontier_of(
                s,
                &sp,
                &Spec {
                    objectives: over.iter().map(|&p| (p, 1.0)).collect(),
                    lower: over
                        .iter()
                        .map(|&p| {
                            if s.parties[p].veto {
                                reservation(p)
                            } else {
                                f64::NEG_INFINITY
                            }
                        })
                        .collect(),
                    exclude_red_lines_of: over.clone(),
                    listed: 1,
                    ..Spec::default()
                },
                opts.sparse_frontier,
                observer,
            )
            .map_err(|e| lift(e, refused))?;
            let j = over.iter().position(|&p| p == m).unwrap_or(0);
            let veto_pos: Vec<usize> = (0..over.len())
                .filter(|&k| s.parties[over[k]].veto)
                .collect();
            let sol = pick(
                &pts,
                eps,
                |u| u[j],
                |u| veto_pos.iter().map(|&k| u[k]).sum(),
            );
            Some((m, report(s, sol)))
        }
    };
    timings.solutions = t0.elapsed().as_secs_f64();

    Ok(Analysis {
        outcomes: total,
        compound: compound_groups(s),
        zopa_count,
        zopa_method,
        zopa_empty,
        zopa_issues,
        frontier_parties: parties,
        pareto,
        pareto_count,
        merge_sizes: Vec::new(),
        zopa_frontier_points: zf.len(),
        solutions,
        mediator,
        timings,
    })
}
