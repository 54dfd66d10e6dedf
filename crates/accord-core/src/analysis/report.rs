//! `analyze`: outcome space, ZOPA, Pareto frontier and solutions in one report.

use std::time::Instant;

use num_bigint::BigUint;

use super::frontier::{Frontier, FrontierSpec, TooLarge};
use super::solutions::{self, Concept, Solution};
use super::zopa;
use crate::compile::Compiled;
use crate::model::{ModelError, Scenario};
use crate::observe::Observer;
use crate::parallel::Cancelled;

/// Options for [`analyze`](super::analyze).
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Parties spanning the reported frontier (default: all parties).
    pub frontier_parties: Option<Vec<usize>>,
    /// Largest number of packages listed per tied frontier point (default 1).
    pub max_listed_per_point: usize,
    /// Limits of the ZOPA counter (default: [`zopa::Limits::default`]).
    pub zopa_limits: Option<zopa::Limits>,
    /// How a compound issue too large to list gets its frontiers (default:
    /// by stages, by branch and bound where the stages pass their limits).
    pub sparse_frontier: SparseFrontier,
}

/// The frontier method for compound issues too large to list
/// ([`AnalyzeOptions::sparse_frontier`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SparseFrontier {
    /// Stages first, branch and bound where they pass their limits.
    #[default]
    Auto,
    /// Only the stages (an error where they pass their limits).
    Stages,
    /// Only branch and bound.
    Search,
}

/// Per-issue view of the ZOPA.
#[derive(Debug, Clone)]
pub struct IssueZopa {
    /// Issue index.
    pub issue: usize,
    /// Number of ZOPA packages using each option (estimates when the ZOPA
    /// count is sampled).
    pub option_counts: Vec<BigUint>,
    /// Whether each option occurs in some ZOPA package (always exact).
    pub present: Vec<bool>,
}

impl IssueZopa {
    /// The options that occur in some ZOPA package.
    pub fn open_options(&self) -> Vec<usize> {
        (0..self.present.len())
            .filter(|&o| self.present[o])
            .collect()
    }

    /// Whether exactly one option occurs inside the ZOPA.
    pub fn settled(&self) -> bool {
        self.open_options().len() == 1
    }
}

/// One point of the reported frontier.
#[derive(Debug, Clone)]
pub struct ParetoPoint {
    /// The lexicographically first package with this utility vector.
    pub package: Vec<usize>,
    /// Further packages with the same vector (up to the listing limit).
    pub more_packages: Vec<Vec<usize>>,
    /// Number of packages with this vector.
    pub count: BigUint,
    /// Utilities of every party for `package` (the frontier parties' values
    /// are shared by every package of the point).
    pub utilities: Vec<f64>,
    /// Number of this point's packages inside the ZOPA (`None` when some veto
    /// party does not span the frontier, so the number is not determined by the point).
    pub zopa_count: Option<BigUint>,
}

/// A solution with every party's utility.
#[derive(Debug, Clone)]
pub struct SolutionReport {
    /// The package.
    pub package: Vec<usize>,
    /// Utilities of every party.
    pub utilities: Vec<f64>,
    /// Utility minus reservation value, every party.
    pub margins: Vec<f64>,
    /// The objective value that chose it.
    pub value: f64,
}

/// Time spent per phase, in seconds.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Compilation.
    pub compile: f64,
    /// ZOPA count.
    pub zopa: f64,
    /// Reported frontier.
    pub frontier: f64,
    /// Solutions.
    pub solutions: f64,
}

/// Everything `accord analyze` reports.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Size of the outcome space.
    pub outcomes: BigUint,
    /// The compound groups (issue indices) with more than one issue.
    pub compound: Vec<Vec<usize>>,
    /// Number of ZOPA packages (an estimate when `zopa_method` is sampled).
    pub zopa_count: BigUint,
    /// How the ZOPA was counted.
    pub zopa_method: zopa::Method,
    /// Whether the ZOPA is empty (always exact).
    pub zopa_empty: bool,
    /// Per issue, the options inside the ZOPA.
    pub zopa_issues: Vec<IssueZopa>,
    /// Parties spanning the frontier.
    pub frontier_parties: Vec<usize>,
    /// Frontier points.
    pub pareto: Vec<ParetoPoint>,
    /// Number of packages on the frontier.
    pub pareto_count: BigUint,
    /// Partial frontier sizes after each merge step.
    pub merge_sizes: Vec<usize>,
    /// Number of points of the ZOPA frontier (over veto parties).
    pub zopa_frontier_points: usize,
    /// The four solutions.
    pub solutions: Vec<(Concept, Option<SolutionReport>)>,
    /// The mediator's preferred deal (when the scenario has a mediator).
    pub mediator: Option<(usize, Option<SolutionReport>)>,
    /// Phase timings.
    pub timings: Timings,
}

/// Size of the outcome space: the product of the issues' option counts.
pub fn outcome_count(s: &Scenario) -> BigUint {
    s.issues.iter().fold(BigUint::from(1u32), |acc, i| {
        acc * BigUint::from(i.options.len())
    })
}

pub(super) fn report(s: &Scenario, sol: Option<Solution>) -> Option<SolutionReport> {
    sol.map(|sol| {
        let utilities: Vec<f64> = (0..s.parties.len())
            .map(|p| s.utility(p, &sol.package))
            .collect();
        let margins = utilities
            .iter()
            .zip(&s.parties)
            .map(|(u, p)| u - p.reservation)
            .collect();
        SolutionReport {
            package: sol.package,
            utilities,
            margins,
            value: sol.value,
        }
    })
}

/// Why [`analyze_with`](super::analyze_with) returned no analysis.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// The scenario failed the engine's checks.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The observer asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
    /// A frontier too large to compute exactly.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    /// A compound issue too large to list, whose branch-and-bound analysis
    /// passed its node limit.
    #[error("{refused}, and the branch-and-bound search that analyses it without listing them passed its limit of {limit} nodes")]
    SearchLimit {
        /// Why the merge refused the scenario.
        refused: String,
        /// The node limit passed.
        limit: u64,
    },
}

/// The analysis of a scenario the merge takes (`c` compiled from `s` in
/// `compile_secs`), its merge steps reported to `observer`, which is asked
/// between phases whether to stop.
pub(super) fn analyze_merged(
    s: &Scenario,
    opts: &AnalyzeOptions,
    observer: &dyn Observer,
    c: Compiled,
    compile_secs: f64,
) -> Result<Analysis, AnalysisError> {
    let mut timings = Timings::default();
    let stop = || -> Result<(), AnalysisError> {
        if observer.cancelled() {
            Err(AnalysisError::Cancelled(Cancelled))
        } else {
            Ok(())
        }
    };
    timings.compile = compile_secs;

    let parties = opts
        .frontier_parties
        .clone()
        .unwrap_or_else(|| (0..s.parties.len()).collect());
    if let Some(&bad) = parties.iter().find(|&&p| p >= s.parties.len()) {
        return Err(ModelError::UnknownParty(format!("#{bad}")).into());
    }
    let veto = c.veto_parties();

    stop()?;
    let t0 = Instant::now();
    let z = zopa::count_with(&c, &opts.zopa_limits.clone().unwrap_or_default());
    timings.zopa = t0.elapsed().as_secs_f64();

    stop()?;
    let t0 = Instant::now();
    let f = Frontier::compute_with(
        &c,
        &FrontierSpec {
            parties: parties.clone(),
            ..FrontierSpec::default()
        },
        &|done, total| observer.progress(done as u64, total as u64),
    )?;
    timings.frontier = t0.elapsed().as_secs_f64();

    // The ZOPA's own frontier (over the veto parties, red lines excluded,
    // reservation values as bounds) is exact whatever the counting method,
    // and non-empty exactly when the ZOPA is. When the reported frontier is
    // over exactly the veto parties and none of them has red lines, it is
    // that frontier's points above the reservation values: no second merge.
    let t0 = Instant::now();
    let no_veto_red_lines = c
        .groups
        .iter()
        .all(|g| (0..g.n_options).all(|o| !g.vetoed_by_any(o, &veto)));
    let own_zf = if parties == veto && no_veto_red_lines {
        None
    } else {
        Some(solutions::zopa_frontier(&c)?)
    };
    let zf = own_zf.as_ref().unwrap_or(&f);
    let zopa_frontier_points = solutions::inside_zopa(&c, zf).len();
    let zopa_empty = zopa_frontier_points == 0;
    // Which group options occur in the ZOPA: from the counts when exact; when
    // sampled, a sampled hit proves presence and a restricted frontier decides
    // the rest.
    let present: Vec<Vec<bool>> = c
        .groups
        .iter()
        .enumerate()
        .map(|(g, grp)| {
            (0..grp.n_options)
                .map(|o| {
                    if z.per_option[g][o] != BigUint::default() {
                        return Ok(true);
                    }
                    if z.method.exact() || zopa_empty || grp.vetoed_by_any(o, &veto) {
                        return Ok(false);
                    }
                    Ok(!Frontier::compute(
                        &c,
                        &FrontierSpec {
                            parties: veto.clone(),
                            exclude_red_lines_of: veto.clone(),
                            lower_bounds: Some(veto.iter().map(|&p| c.reservation[p]).collect()),
                            only: Some((g, o)),
                            extra: Vec::new(),
                            owners: c.owner_conditions(false, &[]),
                        },
                    )?
                    .points()
                    .is_empty())
                })
                .collect::<Result<Vec<bool>, TooLarge>>()
        })
        .collect::<Result<_, _>>()?;
    let zopa_issues = (0..s.issues.len())
        .map(|i| {
            let (g, k) = c.issue_group[i];
            let grp = &c.groups[g];
            let mut seen = vec![false; s.issues[i].options.len()];
            for (combo, &p) in present[g].iter().enumerate() {
                if p {
                    seen[grp.digit(combo, k)] = true;
                }
            }
            IssueZopa {
                issue: i,
                option_counts: z.per_issue_option(&c, i),
                present: seen,
            }
        })
        .collect();
    timings.zopa += t0.elapsed().as_secs_f64();

    let t0 = Instant::now();
    let counts = f.count_packages(|_, _| true);
    let owners = c.owner_conditions(false, &[]);
    let veto_spans = veto
        .iter()
        .chain(owners.iter().map(|w| &c.owners[w.rule].party))
        .all(|p| parties.contains(p));
    let zopa_counts = if veto_spans && owners.len() <= zopa::MAX_EXACT_OWNERS {
        Some(zopa_counts_per_point(&c, &f, &parties, &owners))
    } else {
        None
    };
    let listed = opts.max_listed_per_point.max(1);
    let mut pareto = Vec::with_capacity(f.points().len());
    let firsts = f.first_packages(&c);
    for ((j, node), package) in f.points().iter().enumerate().zip(firsts) {
        let utilities: Vec<f64> = (0..s.parties.len())
            .map(|p| s.utility(p, &package))
            .collect();
        let clears = veto.iter().all(|&p| {
            let k = parties.iter().position(|&q| q == p);
            k.is_some_and(|k| node.utils[k] >= c.reservation[p] - c.tolerance)
        });
        let mut more: Vec<Vec<usize>> = if listed > 1 {
            f.choices(j, listed + 1)
                .iter()
                .map(|ch| c.package_of(ch))
                .filter(|p| *p != package)
                .collect()
        } else {
            Vec::new()
        };
        more.sort();
        more.truncate(listed - 1);
        pareto.push(ParetoPoint {
            package,
            more_packages: more,
            count: counts[j].clone(),
            utilities,
            zopa_count: zopa_counts.as_ref().map(|zc| {
                if clears {
                    zc[j].clone()
                } else {
                    BigUint::default()
                }
            }),
        });
    }
    pareto.sort_by(|a, b| a.package.cmp(&b.package));
    let pareto_count = counts.iter().sum();
    timings.frontier += t0.elapsed().as_secs_f64();

    stop()?;
    let t0 = Instant::now();
    let sols = solutions::solve(&c, zf)
        .into_iter()
        .map(|(k, sol)| (k, report(s, sol)))
        .collect();
    let mediator = s
        .mediator()
        .map(|m| solutions::mediator_deal(&c, m).map(|sol| (m, report(s, sol))))
        .transpose()?;
    timings.solutions = t0.elapsed().as_secs_f64();

    Ok(Analysis {
        outcomes: outcome_count(s),
        compound: c
            .groups
            .iter()
            .filter(|g| g.issues.len() > 1)
            .map(|g| g.issues.clone())
            .collect(),
        zopa_count: z.count,
        zopa_method: z.method,
        zopa_empty,
        zopa_issues,
        frontier_parties: parties,
        merge_sizes: f.sizes.clone(),
        pareto,
        pareto_count,
        zopa_frontier_points,
        solutions: sols,
        mediator,
        timings,
    })
}

/// Per point of a frontier whose parties include every veto party and every
/// owner without a veto: how many of its packages cross no veto party's red
/// line and meet every owner's condition (the point's utilities then decide
/// the reservation values; the caller checks the veto parties'). An owner
/// that accepts the point's utilities still refuses a package that crosses
/// its red line, so the packages that leave its issues alone (S) or avoid
/// its red lines (X) are counted by inclusion–exclusion, S + X − both, over
/// the owners at once: 3^k package counts over the frontier's graph.
fn zopa_counts_per_point(
    c: &Compiled,
    f: &Frontier,
    parties: &[usize],
    owners: &[crate::compile::OwnerCondition],
) -> Vec<BigUint> {
    let veto = c.veto_parties();
    let points = f.points();
    // Whether owner w accepts the utilities of point j.
    let accepts = |j: usize, w: &crate::compile::OwnerCondition| {
        let p = c.owners[w.rule].party;
        parties
            .iter()
            .position(|&q| q == p)
            .is_some_and(|k| points[j].utils[k] >= w.bound - c.tolerance)
    };
    let k = owners.len();
    let mut plus = vec![BigUint::default(); points.len()];
    let mut minus = plus.clone();
    for term in 0..3usize.pow(k as u32) {
        // Digit w: 0 leaves owner w's issues alone, 1 avoids its red lines, 2 both.
        let digits: Vec<usize> = (0..k).map(|w| term / 3usize.pow(w as u32) % 3).collect();
        let counts = f.count_packages(|g, o| {
            !c.groups[g].vetoed_by_any(o, &veto)
                && owners.iter().zip(&digits).all(|(w, &d)| {
                    let rule = &c.owners[w.rule];
                    (d == 1 || !rule.moves[g][o]) && (d == 0 || !c.groups[g].vetoed(o, rule.party))
                })
        });
        let odd = digits.iter().filter(|&&d| d == 2).count() % 2 == 1;
        for (j, n) in counts.into_iter().enumerate() {
            // An owner that refuses the point's utilities allows only S.
            if owners
                .iter()
                .zip(&digits)
                .any(|(w, &d)| d != 0 && !accepts(j, w))
            {
                continue;
            }
            if odd {
                minus[j] += n;
            } else {
                plus[j] += n;
            }
        }
    }
    plus.into_iter().zip(minus).map(|(a, b)| a - b).collect()
}
