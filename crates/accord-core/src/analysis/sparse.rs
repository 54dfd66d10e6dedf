//! Exact analysis of scenarios whose interactions tie issues into a compound
//! issue too large to list (Genius's nonlinear domains: sums of
//! hyper-rectangle indicators over 10 to 50 issues of 10 values, 10^10 to
//! 10^50 packages), by branch and bound over the issues, never over their
//! product.
//!
//! Party p's utility is Σ_i w_i·v_i(o_i) + Σ_t b_t·[condition t holds], each
//! condition a conjunction of per-issue option sets (interactions; red lines
//! are conditions with no bonus). Issues are fixed in index order. At a node
//! each condition is *in* (every issue it names is fixed inside it), *out*
//! (some fixed issue lies outside it) or *open*. An open condition belongs to
//! its first unfixed issue. The upper bound on party p below the node is its
//! fixed part plus, per unfixed issue, the best option counting the additive
//! value and the positive bonuses of the open conditions the issue owns that
//! allow the option; the lower bound takes the worst option and the negative
//! bonuses. (Conditions owned by one issue compete for its one option, which
//! makes the bound far tighter than adding every open bonus.) Options of the
//! next issue that the additive values and every open condition treat alike
//! form one branch, their number its multiplicity; a node with no open
//! condition whose unfixed issues' options are all alike is a leaf: all its
//! packages share one utility vector, counted at once.
//!
//! - Frontier: a node whose upper bound is strictly dominated by a point
//!   already found, or misses a lower bound, is cut; leaves feed an archive
//!   of non-dominated points, each with its number of packages, its first
//!   packages in lexicographic order and how many of them cross no veto
//!   party's red line. Ties are never cut, so the counts are exact.
//! - ZOPA count: a node whose lower bounds clear every veto party's
//!   reservation value, with no veto red line open, is counted whole; one
//!   whose upper bound misses one is cut.
//!
//! All the searches on one [`Sparse`] share a budget of [`MAX_NODES`]
//! nodes (about a minute on one core), past which they give up. Definitions as for the merge
//! (`docs/definitions.md`); the property tests compare every result with
//! enumeration.

use num_bigint::BigUint;

use super::dominance::{dominates, tied};
use crate::model::{ModelError, Scenario};
use crate::observe::Observer;
use crate::parallel::Cancelled;

/// Nodes all the searches on one [`Sparse`] visit at most, together
/// (about a minute on one core of this project's 2-core machine).
pub const MAX_NODES: u64 = 30_000_000;

/// Nodes one Russian-doll optimum of [`Sparse::prepare_with`] takes by
/// branch and bound before the other method is tried.
pub const DOLL_NODES: u64 = 300_000;

/// The patterns per stage [`Sparse::pattern_peak`] counts up to.
const PEAK_CAP: usize = 100_000;

/// Why a search returned nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SearchError {
    /// The searches passed [`MAX_NODES`].
    #[error("the branch-and-bound search over the tied issues passed its limit of {limit} nodes")]
    Limit {
        /// The limit passed.
        limit: u64,
    },
    /// The observer asked to stop.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Bonus(usize, f64),
    RedLine(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Cond {
    /// `(issue, allowed[option])`, by increasing issue.
    pub(super) clauses: Vec<(usize, Vec<bool>)>,
    pub(super) kind: Kind,
}

/// A scenario prepared for branch and bound.
#[derive(Debug, Clone)]
pub struct Sparse {
    pub(super) n_parties: usize,
    pub(super) radices: Vec<usize>,
    /// `add[i][o * n_parties + p]`: w_i·v_i(o) of party p.
    pub(super) add: Vec<Vec<f64>>,
    pub(super) conds: Vec<Cond>,
    /// Per issue: the conditions naming it.
    touching: Vec<Vec<usize>>,
    /// Each issue's position in the search's order (issues are indexed by
    /// position everywhere else).
    pub(super) pos: Vec<usize>,
    /// Per party: the utility is min(1, the sum).
    pub(super) capped: Vec<bool>,
    pub(super) eps: f64,
    /// Russian-doll values, `[party][k]`: the largest (smallest) sum over
    /// the issues at positions k.. of their additive values and the bonuses
    /// of the conditions within them (red lines left out); ±∞ until
    /// [`Sparse::prepare`].
    pub(super) rds_hi: Vec<Vec<f64>>,
    pub(super) rds_lo: Vec<Vec<f64>>,
    /// Nodes left to all searches together.
    budget: std::rc::Rc<std::cell::Cell<u64>>,
}

/// One point of a frontier found by [`Sparse::frontier`].
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The objectives' values (signed as asked).
    pub utils: Vec<f64>,
    /// The lexicographically first packages with these values (at least one,
    /// at most the number asked for).
    pub packages: Vec<Vec<usize>>,
    /// Number of packages with these values.
    pub count: BigUint,
    /// Number of them that cross no red line of the watched parties.
    pub clean: BigUint,
}

/// What a frontier search is over.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// The objectives: `(party, sign)`, sign +1 to maximise the utility, −1
    /// to minimise it.
    pub objectives: Vec<(usize, f64)>,
    /// Per objective, the least value kept (−∞ for none).
    pub lower: Vec<f64>,
    /// Packages crossing a red line of these parties are left out.
    pub exclude_red_lines_of: Vec<usize>,
    /// Parties whose red lines decide [`Point::clean`].
    pub watch: Vec<usize>,
    /// Only packages with this option of this issue.
    pub only: Option<(usize, usize)>,
    /// First packages kept per point (at least 1).
    pub listed: usize,
    /// Stop at the first point found (a feasibility check).
    pub any: bool,
}

/// A ZOPA count by [`Sparse::count`].
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// Packages in the ZOPA.
    pub count: BigUint,
    /// `per_option[i][o]`: ZOPA packages with option o of issue i.
    pub per_option: Vec<Vec<BigUint>>,
}

impl Sparse {
    /// Prepares `s` (validated) for the searches.
    pub fn new(s: &Scenario) -> Sparse {
        Sparse::with_columns(s, &[])
    }

    /// [`Sparse::new`] with extra additive columns searched as parties
    /// numbered after the scenario's own: `extra[c][i][o]` is column c's
    /// value for option o of issue i (no conditions, no cap). The levers
    /// add the incentive cost, and "issues kept as proposed", this way.
    pub fn with_columns(s: &Scenario, extra: &[Vec<Vec<f64>>]) -> Sparse {
        Sparse::build(s, extra, false)
    }

    /// The same problem in the stages' order (see [`search_order`]), its
    /// searches sharing this one's node budget; `None` when the two orders
    /// agree. Its Russian-doll values are still to be computed.
    pub(super) fn for_stages(&self, s: &Scenario, extra: &[Vec<Vec<f64>>]) -> Option<Sparse> {
        let mut other = Sparse::build(s, extra, true);
        if other.pos == self.pos {
            return None;
        }
        // The stages' order where its patterns stay fewer than the
        // searches' order's (each counted only as far as that decides).
        let peak = other.pattern_peak(PEAK_CAP)?;
        if self.pattern_peak(peak).is_some() {
            return None;
        }
        other.budget = std::rc::Rc::clone(&self.budget);
        Some(other)
    }

    /// The most patterns a stage can reach in this order if every
    /// combination of options were kept (no cut, no dominance; options alike
    /// for the conditions an issue names counted once); `None` once a stage
    /// passes `cap`.
    fn pattern_peak(&self, cap: usize) -> Option<usize> {
        let n = self.radices.len();
        // Each condition's span of positions.
        let span: Vec<(usize, usize)> = self
            .conds
            .iter()
            .map(|c| {
                let first = c.clauses.first().map_or(0, |cl| cl.0);
                let last = c.clauses.last().map_or(0, |cl| cl.0);
                (first, last)
            })
            .collect();
        let mut patterns: std::collections::HashSet<Vec<bool>> =
            std::iter::once(Vec::new()).collect();
        let mut spanning: Vec<usize> = Vec::new();
        let mut peak = 1;
        for k in 0..n {
            let next: Vec<usize> = (0..self.conds.len())
                .filter(|&t| span[t].0 <= k && k < span[t].1)
                .collect();
            // The clause at k of each condition that has one.
            let clause = |t: usize| {
                self.conds[t]
                    .clauses
                    .iter()
                    .find(|cl| cl.0 == k)
                    .map(|cl| &cl.1)
            };
            let named: Vec<(usize, &Vec<bool>)> = next
                .iter()
                .filter_map(|&t| clause(t).map(|a| (t, a)))
                .collect();
            let mut classes: Vec<usize> = Vec::new();
            for o in 0..self.radices[k] {
                if !classes
                    .iter()
                    .any(|&c| named.iter().all(|(_, a)| a[c] == a[o]))
                {
                    classes.push(o);
                }
            }
            // Per condition spanning the next cut: its place in this one's
            // patterns (if it spans this cut too) and its clause at k.
            let was: Vec<Option<usize>> = next
                .iter()
                .map(|&t| spanning.iter().position(|&u| u == t))
                .collect();
            let here: Vec<Option<&Vec<bool>>> = next.iter().map(|&t| clause(t)).collect();
            let mut grown = std::collections::HashSet::new();
            for p in &patterns {
                for &o in &classes {
                    grown.insert(
                        was.iter()
                            .zip(&here)
                            .map(|(w, c)| w.is_none_or(|at| p[at]) && c.is_none_or(|a| a[o]))
                            .collect::<Vec<bool>>(),
                    );
                }
                if grown.len() > cap {
                    return None;
                }
            }
            patterns = grown;
            spanning = next;
            peak = peak.max(patterns.len());
        }
        Some(peak)
    }

    /// [`Sparse::with_columns`], in the stages' order with `cut` (see
    /// [`search_order`]).
    pub(super) fn build(s: &Scenario, extra: &[Vec<Vec<f64>>], cut: bool) -> Sparse {
        let real = s.parties.len();
        let n_parties = real + extra.len();
        let radices: Vec<usize> = s.issues.iter().map(|i| i.options.len()).collect();
        let add: Vec<Vec<f64>> = (0..radices.len())
            .map(|i| {
                let mut row = vec![0.0; radices[i] * n_parties];
                for (p, prefs) in s.preferences.iter().enumerate() {
                    for o in 0..radices[i] {
                        row[o * n_parties + p] = prefs.weights[i] * prefs.values[i][o];
                    }
                }
                for (c, column) in extra.iter().enumerate() {
                    for o in 0..radices[i] {
                        row[o * n_parties + real + c] = column[i][o];
                    }
                }
                row
            })
            .collect();
        let mut conds = Vec::new();
        for (p, prefs) in s.preferences.iter().enumerate() {
            let cond = |c: &crate::model::Condition, kind| {
                let mut clauses: Vec<(usize, Vec<bool>)> = c
                    .clauses
                    .iter()
                    .map(|(i, allowed)| {
                        let mut a = vec![false; radices[*i]];
                        for &o in allowed {
                            a[o] = true;
                        }
                        (*i, a)
                    })
                    .collect();
                clauses.sort_by_key(|(i, _)| *i);
                Cond { clauses, kind }
            };
            for r in &prefs.red_lines {
                conds.push(cond(&r.condition, Kind::RedLine(p)));
            }
            for it in &prefs.interactions {
                if it.bonus != 0.0 {
                    conds.push(cond(&it.condition, Kind::Bonus(p, it.bonus)));
                }
            }
        }
        // Search in an order that decides conditions early; everything
        // below works on positions in that order.
        let order = search_order(radices.len(), &conds, cut);
        let mut pos = vec![0; radices.len()];
        for (k, &i) in order.iter().enumerate() {
            pos[i] = k;
        }
        for c in &mut conds {
            for cl in &mut c.clauses {
                cl.0 = pos[cl.0];
            }
            c.clauses.sort_by_key(|(i, _)| *i);
        }
        let radices: Vec<usize> = order.iter().map(|&i| radices[i]).collect();
        let add: Vec<Vec<f64>> = order.iter().map(|&i| add[i].clone()).collect();
        let n = radices.len();
        let mut touching = vec![Vec::new(); radices.len()];
        for (t, c) in conds.iter().enumerate() {
            for (i, _) in &c.clauses {
                touching[*i].push(t);
            }
        }
        Sparse {
            n_parties,
            radices,
            add,
            conds,
            touching,
            pos,
            capped: (0..n_parties)
                .map(|p| p < real && s.preferences[p].capped)
                .collect(),
            eps: s.tolerance,
            rds_hi: vec![vec![f64::INFINITY; n + 1]; n_parties],
            rds_lo: vec![vec![f64::NEG_INFINITY; n + 1]; n_parties],
            budget: std::rc::Rc::new(std::cell::Cell::new(MAX_NODES)),
        }
    }

    /// Per party: whether it is one of `parties`.
    fn mask(&self, parties: impl IntoIterator<Item = usize>) -> Vec<bool> {
        let mut out = vec![false; self.n_parties];
        for p in parties {
            out[p] = true;
        }
        out
    }

    /// Takes `nodes` from the shared budget.
    pub(super) fn charge(&self, nodes: u64) {
        self.budget.set(self.budget.get().saturating_sub(nodes));
    }

    /// Nodes left to all searches together.
    pub(super) fn budget_left(&self) -> u64 {
        self.budget.get()
    }

    /// Sets the nodes left to the searches (of every problem sharing this
    /// one's budget).
    pub(super) fn set_budget_left(&self, nodes: u64) {
        self.budget.set(nodes);
    }

    /// Computes the Russian-doll values that tighten every later search's
    /// bounds: per party, the optimum of each suffix of the search order,
    /// from the last issue back, each search bounded by the values before it.
    ///
    /// # Errors
    ///
    /// [`SearchError`] past [`MAX_NODES`] nodes in one of them or when
    /// `observer` cancels.
    pub fn prepare(
        &mut self,
        parties: &[usize],
        observer: &dyn Observer,
    ) -> Result<(), SearchError> {
        self.prepare_with(parties, observer, |_, _, _, _| Ok(None))
    }

    /// [`Sparse::prepare`], each optimum by branch and bound within
    /// [`DOLL_NODES`] nodes first, then by `other` (`None`: it could not
    /// tell), then by branch and bound within the shared budget.
    ///
    /// # Errors
    ///
    /// As [`Sparse::prepare`], and what `other` returns.
    pub(super) fn prepare_with(
        &mut self,
        parties: &[usize],
        observer: &dyn Observer,
        other: impl Fn(&Sparse, usize, f64, usize) -> Result<Option<f64>, SearchError>,
    ) -> Result<(), SearchError> {
        let n = self.radices.len();
        for &p in parties {
            self.rds_hi[p][n] = 0.0;
            self.rds_lo[p][n] = 0.0;
            for k in (0..n).rev() {
                for sign in [1.0, -1.0] {
                    let v = match self.optimum(p, sign, k, DOLL_NODES, observer)? {
                        Some(v) => v,
                        None => match other(self, p, sign, k)? {
                            Some(v) => v,
                            None => self
                                .optimum(p, sign, k, MAX_NODES, observer)?
                                .ok_or(SearchError::Limit { limit: MAX_NODES })?,
                        },
                    };
                    if sign > 0.0 {
                        self.rds_hi[p][k] = v;
                    } else {
                        self.rds_lo[p][k] = -v;
                    }
                }
            }
        }
        Ok(())
    }

    /// The largest sign·(sum) of party p over the issues at positions
    /// `start..`, counting the conditions within them (red lines left out);
    /// `None` past `max_nodes` nodes (or the shared budget).
    pub(super) fn optimum(
        &self,
        p: usize,
        sign: f64,
        start: usize,
        max_nodes: u64,
        observer: &dyn Observer,
    ) -> Result<Option<f64>, SearchError> {
        let parties = self.mask([p]);
        let lines = self.mask([]);
        let mut st = State::from(self, &parties, &lines, observer, start);
        st.limit = st.limit.min(max_nodes);
        let mut best = f64::NEG_INFINITY;
        let mut ub = vec![0.0; self.n_parties];
        let mut lb = vec![0.0; self.n_parties];
        let r = optimum_go(&mut st, start, p, sign, &mut best, &mut ub, &mut lb);
        self.charge(st.nodes);
        match r {
            Ok(()) => Ok(Some(best)),
            Err(SearchError::Limit { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The exact Pareto frontier of `spec`, points in the order found.
    ///
    /// # Errors
    ///
    /// [`SearchError`] past [`MAX_NODES`] nodes or when `observer` cancels.
    pub fn frontier(
        &self,
        spec: &Spec,
        observer: &dyn Observer,
    ) -> Result<Vec<Point>, SearchError> {
        let parties = self.mask(spec.objectives.iter().map(|o| o.0));
        let lines = self.mask(spec.exclude_red_lines_of.iter().chain(&spec.watch).copied());
        let excluded = self.mask(spec.exclude_red_lines_of.iter().copied());
        let watched = self.mask(spec.watch.iter().copied());
        // One or two objectives: the frontier's values first (one objective:
        // the optimum; two: one search that cuts ties too), so that the
        // search that counts and lists their packages starts with the whole
        // staircase and cuts all the rest. The seeds only speed that search
        // up: it is exact whatever it starts with.
        let planar = spec.objectives.len() == 2 && spec.objectives.iter().all(|o| o.1 > 0.0);
        let mut seeds = if spec.any {
            Vec::new()
        } else if spec.objectives.len() == 1 {
            let floor: Vec<f64> = spec.lower.iter().map(|l| l - self.eps).collect();
            self.best_under(spec, &lines, &floor, observer)?
                .into_iter()
                .collect()
        } else if planar {
            self.values(spec, &lines, observer)?
        } else {
            Vec::new()
        };
        // The archive of two objectives is kept by increasing first value.
        seeds.sort_by(|a, b| a[0].total_cmp(&b[0]));
        let mut st = State::new(self, &parties, &lines, observer);
        let mut run = FrontierRun {
            spec,
            excluded,
            watched,
            archive: seeds
                .into_iter()
                .map(|utils| Point {
                    utils,
                    packages: Vec::new(),
                    count: BigUint::default(),
                    clean: BigUint::default(),
                })
                .collect(),
            ub: vec![0.0; self.n_parties],
            lb: vec![0.0; self.n_parties],
            bound: vec![0.0; spec.objectives.len()],
            done: false,
            eps: self.eps,
            planar,
            values_only: false,
        };
        let r = run.go(&mut st, 0);
        self.charge(st.nodes);
        r?;
        run.archive.retain(|q| !q.packages.is_empty());
        Ok(run.archive)
    }

    /// The values of the frontier of `spec` by one search that cuts ties
    /// too (no counts, no packages kept).
    fn values(
        &self,
        spec: &Spec,
        lines: &[bool],
        observer: &dyn Observer,
    ) -> Result<Vec<Vec<f64>>, SearchError> {
        let parties = self.mask(spec.objectives.iter().map(|o| o.0));
        let excluded = self.mask(spec.exclude_red_lines_of.iter().copied());
        let mut st = State::new(self, &parties, lines, observer);
        let plain = Spec {
            listed: 1,
            watch: Vec::new(),
            ..spec.clone()
        };
        let mut run = FrontierRun {
            spec: &plain,
            excluded,
            watched: vec![false; self.n_parties],
            archive: Vec::new(),
            ub: vec![0.0; self.n_parties],
            lb: vec![0.0; self.n_parties],
            bound: vec![0.0; spec.objectives.len()],
            done: false,
            eps: self.eps,
            planar: true,
            values_only: true,
        };
        let r = run.go(&mut st, 0);
        self.charge(st.nodes);
        r?;
        Ok(run.archive.into_iter().map(|q| q.utils).collect())
    }

    /// The value of a package of `spec` (one objective; its exclusions and
    /// `only`) largest among those that reach `floor`; `None` when there is
    /// none.
    fn best_under(
        &self,
        spec: &Spec,
        lines: &[bool],
        floor: &[f64],
        observer: &dyn Observer,
    ) -> Result<Option<Vec<f64>>, SearchError> {
        let parties = self.mask(spec.objectives.iter().map(|o| o.0));
        let excluded = self.mask(spec.exclude_red_lines_of.iter().copied());
        let mut st = State::new(self, &parties, lines, observer);
        let mut run = BestRun {
            spec,
            excluded,
            floor,
            best: None,
            ub: vec![0.0; self.n_parties],
            lb: vec![0.0; self.n_parties],
        };
        let r = run.go(&mut st, 0);
        self.charge(st.nodes);
        r?;
        Ok(run.best)
    }

    /// The ZOPA count over the veto parties `veto` (party, reservation
    /// value): their red lines excluded, each utility ≥ its value − ε.
    /// `None` past `max_nodes` nodes.
    ///
    /// # Errors
    ///
    /// [`Cancelled`] when `observer` cancels.
    pub fn count(
        &self,
        veto: &[(usize, f64)],
        max_nodes: u64,
        observer: &dyn Observer,
    ) -> Result<Option<Count>, Cancelled> {
        let parties = self.mask(veto.iter().map(|v| v.0));
        let mut st = State::new(self, &parties, &parties, observer);
        st.limit = max_nodes.min(st.limit);
        let n = self.radices.len();
        let mut run = CountRun {
            veto,
            total: BigUint::default(),
            fixed: self
                .radices
                .iter()
                .map(|&r| vec![BigUint::default(); r])
                .collect(),
            free: vec![BigUint::default(); n],
            ub: vec![0.0; self.n_parties],
            lb: vec![0.0; self.n_parties],
        };
        let r = run.go(&mut st, 0);
        self.charge(st.nodes);
        match r {
            Ok(()) => {}
            Err(SearchError::Limit { .. }) => return Ok(None),
            Err(SearchError::Cancelled(c)) => return Err(c),
        }
        let mut by_position: Vec<Option<Vec<BigUint>>> = run
            .fixed
            .into_iter()
            .zip(run.free)
            .map(|(row, free)| Some(row.into_iter().map(|x| x + &free).collect()))
            .collect();
        let per_option = (0..n)
            .map(|i| by_position[self.pos[i]].take().unwrap_or_default())
            .collect();
        Ok(Some(Count {
            count: run.total,
            per_option,
        }))
    }

    /// The smallest and largest utility of party p over all packages.
    ///
    /// # Errors
    ///
    /// As [`Sparse::frontier`].
    pub fn utility_range(
        &self,
        p: usize,
        observer: &dyn Observer,
    ) -> Result<(f64, f64), SearchError> {
        // The Russian-doll values of the whole problem are the extremes of
        // the sums (red lines do not restrict the scale check).
        let (lo, hi) = if self.rds_hi[p][0].is_finite() && self.rds_lo[p][0].is_finite() {
            (self.rds_lo[p][0], self.rds_hi[p][0])
        } else {
            (
                -self
                    .optimum(p, -1.0, 0, MAX_NODES, observer)?
                    .ok_or(SearchError::Limit { limit: MAX_NODES })?,
                self.optimum(p, 1.0, 0, MAX_NODES, observer)?
                    .ok_or(SearchError::Limit { limit: MAX_NODES })?,
            )
        };
        Ok(if self.capped[p] {
            (lo.min(1.0), hi.min(1.0))
        } else {
            (lo, hi)
        })
    }

    /// The 0–1 scale check of [`Compiled::new`](crate::compile::Compiled::new).
    ///
    /// # Errors
    ///
    /// [`ModelError::OutOfScale`] (inside `Ok`) when a party's utility leaves
    /// \[0,1\]; [`SearchError`] when the search cannot tell.
    pub fn check_scale(
        &self,
        s: &Scenario,
        observer: &dyn Observer,
    ) -> Result<Result<(), ModelError>, SearchError> {
        let slack = self.eps.max(1e-12);
        // The scenario's parties (not the extra columns).
        for p in 0..s.parties.len() {
            let (lo, hi) = self.utility_range(p, observer)?;
            if lo < -slack || hi > 1.0 + slack {
                return Ok(Err(ModelError::OutOfScale {
                    party: s.parties[p].id.clone(),
                    min: lo,
                    max: hi,
                }));
            }
        }
        Ok(Ok(()))
    }
}

/// The branch and bound of [`Sparse::optimum`]: best option first, a node
/// cut when its bound does not beat the best found.
fn optimum_go(
    st: &mut State<'_>,
    d: usize,
    p: usize,
    sign: f64,
    best: &mut f64,
    ub: &mut [f64],
    lb: &mut [f64],
) -> Result<(), SearchError> {
    st.visit()?;
    st.bounds_raw(d, ub, lb);
    let bound = if sign > 0.0 { ub[p] } else { -lb[p] };
    // Exact: a bound that only ties the best cannot improve it, and any
    // slack here would leave the Russian-doll values short of the optimum.
    if bound <= *best {
        return Ok(());
    }
    if st.leaf(d) {
        *best = best.max(sign * (st.sums[d][p] + st.tail[d][p]));
        return Ok(());
    }
    let mut branches = st.branches(d);
    let np = st.sp.n_parties;
    let stride = st.stride;
    let score = |o: usize| {
        let x = o * np + p;
        let base = st.sp.add[d][x];
        if sign > 0.0 {
            base + st.pos_s[d * stride + x]
        } else {
            -(base + st.neg_s[d * stride + x])
        }
    };
    let mut scored: Vec<(f64, Vec<usize>)> = branches.drain(..).map(|c| (score(c[0]), c)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, class) in scored {
        let undo = st.fix(d, &class);
        let r = optimum_go(st, d + 1, p, sign, best, ub, lb);
        st.unfix(undo);
        r?;
    }
    Ok(())
}

/// An order of the issues for the search: each next issue the one that
/// decides the most (by |bonus|, red lines first) of the conditions it
/// names, then that continues the most; ties to the lower index. With
/// `cut`, the order for the stages: each next issue first the one that
/// leaves the fewest conditions spanning the cut (some issues placed, some
/// not: the stages' patterns grow with their number), then as above.
fn search_order(n: usize, conds: &[Cond], cut: bool) -> Vec<usize> {
    let weight = |c: &Cond| match c.kind {
        Kind::Bonus(_, b) => b.abs(),
        Kind::RedLine(_) => 1.0,
    };
    let mut touching = vec![Vec::new(); n];
    for (t, c) in conds.iter().enumerate() {
        for (i, _) in &c.clauses {
            touching[*i].push(t);
        }
    }
    let mut placed = vec![false; n];
    // Per condition: its issues not yet placed.
    let mut left: Vec<usize> = conds.iter().map(|c| c.clauses.len()).collect();
    let mut order = Vec::with_capacity(n);
    for _ in 0..n {
        let score = |i: usize| {
            let (mut closes, mut continues, mut opens) = (0.0, 0.0, 0.0);
            // Conditions spanning the cut after i, less those before.
            let mut spanning = 0i64;
            for &t in &touching[i] {
                let w = weight(&conds[t]);
                let all = conds[t].clauses.len();
                if left[t] == 1 {
                    closes += w;
                    spanning -= i64::from(all > 1);
                } else if left[t] < all {
                    continues += w;
                } else {
                    opens += w;
                    spanning += 1;
                }
            }
            let spanning = if cut { -spanning as f64 } else { 0.0 };
            (spanning, closes, continues, -opens)
        };
        let mut best = usize::MAX;
        let mut best_score = (
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for i in (0..n).filter(|&i| !placed[i]) {
            let sc = score(i);
            if best == usize::MAX || sc > best_score {
                best = i;
                best_score = sc;
            }
        }
        placed[best] = true;
        order.push(best);
        for &t in &touching[best] {
            left[t] -= 1;
        }
    }
    order
}

/// What [`State::fix`] changed: (condition, killed or one clause fewer),
/// and the open list before.
struct Undo {
    changes: Vec<(usize, bool)>,
    open: Vec<usize>,
}

/// The search state shared by both searches: which conditions are in, out
/// or open, the fixed part of each utility, the branch taken per issue.
struct State<'a> {
    sp: &'a Sparse,
    /// Per party: whether its utility matters.
    parties: &'a [bool],
    /// Per condition: whether it is tracked (a bonus of a party that
    /// matters, a red line of a party whose lines are read).
    tracked: Vec<bool>,
    /// Per condition: clauses not yet fixed.
    need: Vec<usize>,
    dead: Vec<bool>,
    /// Tracked conditions still open.
    open: Vec<usize>,
    /// Red lines crossed, per party.
    crossed: Vec<usize>,
    /// Open tracked red lines.
    open_lines: usize,
    /// `sums[d]`: each party's fixed part with issues 0..d fixed.
    sums: Vec<Vec<f64>>,
    /// The options of the branch taken per fixed issue.
    classes: Vec<Vec<usize>>,
    /// `alike[i]`: whether all options of issue i add the same for every
    /// party that matters.
    inert_from: Vec<bool>,
    /// `tail[d][p]`: Σ_{i ≥ d} the additive value of option 0 (leaves).
    tail: Vec<Vec<f64>>,
    /// Scratch bound tables `[i][o][p]` (positive and negative bonuses).
    pos: Vec<f64>,
    neg: Vec<f64>,
    /// The same for the open conditions with a clause fixed already (the
    /// others are within the unfixed issues: the Russian-doll values bound them).
    pos_a: Vec<f64>,
    neg_a: Vec<f64>,
    /// The split tables (see [`State::bounds_raw`]).
    pos_s: Vec<f64>,
    neg_s: Vec<f64>,
    stride: usize,
    nodes: u64,
    limit: u64,
    observer: &'a dyn Observer,
}

impl<'a> State<'a> {
    fn new(
        sp: &'a Sparse,
        parties: &'a [bool],
        lines: &[bool],
        observer: &'a dyn Observer,
    ) -> State<'a> {
        State::from(sp, parties, lines, observer, 0)
    }

    /// The state of the subproblem over the issues at positions `start..`
    /// and the conditions that name only those (the search starts at depth
    /// `start`).
    fn from(
        sp: &'a Sparse,
        parties: &'a [bool],
        lines: &[bool],
        observer: &'a dyn Observer,
        start: usize,
    ) -> State<'a> {
        let n = sp.radices.len();
        let np = sp.n_parties;
        let tracked: Vec<bool> = sp
            .conds
            .iter()
            .map(|c| {
                c.clauses.first().is_none_or(|(i, _)| *i >= start)
                    && match c.kind {
                        Kind::Bonus(p, _) => parties[p],
                        Kind::RedLine(p) => lines[p],
                    }
            })
            .collect();
        let open: Vec<usize> = (0..sp.conds.len()).filter(|&t| tracked[t]).collect();
        let open_lines = open
            .iter()
            .filter(|&&t| matches!(sp.conds[t].kind, Kind::RedLine(_)))
            .count();
        let alike: Vec<bool> = (0..n)
            .map(|i| {
                (0..np)
                    .filter(|&p| parties[p])
                    .all(|p| (1..sp.radices[i]).all(|o| sp.add[i][o * np + p] == sp.add[i][p]))
            })
            .collect();
        let mut inert_from = vec![true; n + 1];
        for i in (0..n).rev() {
            inert_from[i] = inert_from[i + 1] && alike[i];
        }
        let mut tail = vec![vec![0.0; np]; n + 1];
        for i in (0..n).rev() {
            let (now, next) = tail.split_at_mut(i + 1);
            for (p, x) in now[i].iter_mut().enumerate() {
                *x = next[0][p] + sp.add[i][p];
            }
        }
        let stride = sp.radices.iter().copied().max().unwrap_or(1) * np;
        // A condition with no clause holds everywhere.
        let mut sums0 = vec![0.0; np];
        let mut crossed = vec![0; np];
        let mut dead = vec![false; sp.conds.len()];
        let mut open_now = Vec::with_capacity(open.len());
        let mut open_lines_now = open_lines;
        for &t in &open {
            let c = &sp.conds[t];
            if c.clauses.iter().any(|(_, a)| !a.iter().any(|&x| x)) {
                dead[t] = true;
                if matches!(c.kind, Kind::RedLine(_)) {
                    open_lines_now -= 1;
                }
            } else if c.clauses.is_empty() {
                match c.kind {
                    Kind::Bonus(p, b) => sums0[p] += b,
                    Kind::RedLine(p) => {
                        crossed[p] += 1;
                        open_lines_now -= 1;
                    }
                }
            } else {
                open_now.push(t);
            }
        }
        State {
            sp,
            parties,
            need: sp.conds.iter().map(|c| c.clauses.len()).collect(),
            tracked,
            dead,
            open: open_now,
            crossed,
            open_lines: open_lines_now,
            sums: {
                let mut v = vec![vec![0.0; np]; n + 1];
                v[start] = sums0;
                v
            },
            classes: vec![Vec::new(); n],
            inert_from,
            tail,
            pos: vec![0.0; n * stride],
            neg: vec![0.0; n * stride],
            pos_a: vec![0.0; n * stride],
            neg_a: vec![0.0; n * stride],
            pos_s: vec![0.0; n * stride],
            neg_s: vec![0.0; n * stride],
            stride,
            nodes: 0,
            limit: sp.budget.get(),
            observer,
        }
    }

    /// Counts a node; errors past the limit or on cancellation.
    fn visit(&mut self) -> Result<(), SearchError> {
        self.nodes += 1;
        if self.nodes > self.limit {
            return Err(SearchError::Limit { limit: MAX_NODES });
        }
        if self.nodes & 0xFFFF == 0 {
            if self.observer.cancelled() {
                return Err(SearchError::Cancelled(Cancelled));
            }
            // Progress: the budget spent by all the searches so far.
            let spent = MAX_NODES - self.sp.budget.get() + self.nodes;
            self.observer.progress(spent.min(MAX_NODES), MAX_NODES);
        }
        Ok(())
    }

    /// Upper and lower bounds on each utility that matters below depth d:
    /// the better of two. Joint: per unfixed issue the best (worst) option
    /// with the bonuses of the open conditions it owns. Split: the same for
    /// the conditions with a clause fixed already, plus the exact optimum of
    /// the rest (the conditions within the unfixed issues, with their
    /// additive values): [`Sparse::prepare`]'s Russian-doll values.
    fn bounds(&mut self, d: usize, ub: &mut [f64], lb: &mut [f64]) {
        self.bounds_raw(d, ub, lb);
        // min(1, ·) keeps both bounds: it is monotone.
        for p in 0..self.sp.n_parties {
            if self.sp.capped[p] {
                ub[p] = ub[p].min(1.0);
                lb[p] = lb[p].min(1.0);
            }
        }
    }

    /// [`State::bounds`] on the sums, before any cap. Three bounds, the
    /// smallest kept (the largest for the lower bound), each a sum over the
    /// unfixed issues of the best option's value in a table of bonuses:
    /// - owner: each open condition's bonus in the row of its first unfixed
    ///   issue, on the options it allows there;
    /// - split: the bonus shared equally by the rows of all its unfixed
    ///   issues (a package meeting the condition meets every share);
    /// - Russian doll: the split table of the conditions with a clause fixed
    ///   already, plus the exact optimum of the rest ([`Sparse::prepare`]).
    fn bounds_raw(&mut self, d: usize, ub: &mut [f64], lb: &mut [f64]) {
        let sp = self.sp;
        let np = sp.n_parties;
        let n = sp.radices.len();
        let stride = self.stride;
        for tab in [
            &mut self.pos,
            &mut self.neg,
            &mut self.pos_s,
            &mut self.neg_s,
            &mut self.pos_a,
            &mut self.neg_a,
        ] {
            tab[d * stride..n * stride].fill(0.0);
        }
        for &t in &self.open {
            let c = &sp.conds[t];
            let Kind::Bonus(p, b) = c.kind else { continue };
            let k = c.clauses.len() - self.need[t];
            let (owner, split, cut) = if b > 0.0 {
                (&mut self.pos, &mut self.pos_s, &mut self.pos_a)
            } else {
                (&mut self.neg, &mut self.neg_s, &mut self.neg_a)
            };
            let share = b / (c.clauses.len() - k) as f64;
            for (m, (i, allowed)) in c.clauses[k..].iter().enumerate() {
                let base = i * stride + p;
                for (o, &a) in allowed.iter().enumerate() {
                    if a {
                        let x = base + o * np;
                        if m == 0 {
                            owner[x] += b;
                        }
                        split[x] += share;
                        if k > 0 {
                            cut[x] += share;
                        }
                    }
                }
            }
        }
        let mut acc = [[0.0f64; 6]; 1];
        let mut sums = vec![acc[0]; np];
        for i in d..n {
            let add = &sp.add[i];
            let row = i * stride;
            for p in (0..np).filter(|&p| self.parties[p]) {
                acc[0] = [
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                ];
                let a = &mut acc[0];
                for o in 0..sp.radices[i] {
                    let x = row + o * np + p;
                    let v = add[o * np + p];
                    a[0] = a[0].max(v + self.pos[x]);
                    a[1] = a[1].min(v + self.neg[x]);
                    a[2] = a[2].max(v + self.pos_s[x]);
                    a[3] = a[3].min(v + self.neg_s[x]);
                    a[4] = a[4].max(self.pos_a[x]);
                    a[5] = a[5].min(self.neg_a[x]);
                }
                for (s, v) in sums[p].iter_mut().zip(a.iter()) {
                    *s += v;
                }
            }
        }
        for p in 0..np {
            let s = self.sums[d][p];
            let x = &sums[p];
            ub[p] = s + x[0].min(x[2]).min(x[4] + sp.rds_hi[p][d]);
            lb[p] = s + x[1].max(x[3]).max(x[5] + sp.rds_lo[p][d]);
        }
    }

    /// Σ over the unfixed issues of the best option for l0·u_p0 + l1·u_p1,
    /// plus the fixed part: an upper bound on that sum below the node at
    /// depth d (after [`State::bounds`] for d; caps only lower the sum).
    fn weighted_ub(&self, d: usize, p0: usize, l0: f64, p1: usize, l1: f64) -> f64 {
        let sp = self.sp;
        let np = sp.n_parties;
        let n = sp.radices.len();
        let fixed = l0 * self.sums[d][p0] + l1 * self.sums[d][p1];
        let (mut owner, mut split) = (fixed, fixed);
        for i in d..n {
            let add = &sp.add[i];
            let row = i * self.stride;
            let (mut hi, mut hi_s) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
            for o in 0..sp.radices[i] {
                let (a, b) = (o * np + p0, o * np + p1);
                hi = hi.max(l0 * (add[a] + self.pos[row + a]) + l1 * (add[b] + self.pos[row + b]));
                hi_s = hi_s
                    .max(l0 * (add[a] + self.pos_s[row + a]) + l1 * (add[b] + self.pos_s[row + b]));
            }
            owner += hi;
            split += hi_s;
        }
        owner.min(split)
    }

    /// Party p's utility at a leaf at depth d.
    fn value(&self, d: usize, p: usize) -> f64 {
        let u = self.sums[d][p] + self.tail[d][p];
        if self.sp.capped[p] {
            u.min(1.0)
        } else {
            u
        }
    }

    /// Whether the node at depth d is a leaf: every package below has the
    /// same utilities (and red lines).
    fn leaf(&self, d: usize) -> bool {
        self.open.is_empty() && self.inert_from[d]
    }

    /// [`State::branches`] at depth d, restricted to the class holding
    /// option o of issue i when `only` is `Some((i, o))` and d is i's
    /// depth; the one option asked for then stands for its class.
    fn branches_only(&self, d: usize, only: Option<(usize, usize)>) -> Vec<Vec<usize>> {
        let mut branches = self.branches(d);
        if let Some((i, o)) = only {
            if self.sp.pos[i] == d {
                branches.retain(|c| c.contains(&o));
                if let Some(c) = branches.first_mut() {
                    *c = vec![o];
                }
            }
        }
        branches
    }

    /// The objectives' values (signed as `spec` asks) at a leaf at depth d.
    fn signed_values(&self, spec: &Spec, d: usize) -> Vec<f64> {
        spec.objectives
            .iter()
            .map(|&(p, sign)| sign * self.value(d, p))
            .collect()
    }

    /// The branches at issue d: classes of options alike for the additive
    /// values that matter and every open condition, by smallest member.
    fn branches(&self, d: usize) -> Vec<Vec<usize>> {
        let sp = self.sp;
        let np = sp.n_parties;
        let r = sp.radices[d];
        let opens: Vec<&Vec<bool>> = sp.touching[d]
            .iter()
            .filter(|&&t| self.tracked[t] && !self.dead[t] && self.need[t] > 0)
            .map(|&t| {
                &sp.conds[t]
                    .clauses
                    .iter()
                    .find(|(i, _)| *i == d)
                    .expect("a condition touching the issue names it")
                    .1
            })
            .collect();
        let same = |a: usize, b: usize| {
            (0..np)
                .filter(|&p| self.parties[p])
                .all(|p| sp.add[d][a * np + p] == sp.add[d][b * np + p])
                && opens.iter().all(|al| al[a] == al[b])
        };
        let mut out: Vec<Vec<usize>> = Vec::new();
        'o: for o in 0..r {
            for class in out.iter_mut() {
                if same(class[0], o) {
                    class.push(o);
                    continue 'o;
                }
            }
            out.push(vec![o]);
        }
        out
    }

    /// Fixes issue d to `class` (its first option standing for all);
    /// returns the undo record.
    fn fix(&mut self, d: usize, class: &[usize]) -> Undo {
        let sp = self.sp;
        let np = sp.n_parties;
        let o = class[0];
        let mut undo = Undo {
            changes: Vec::new(),
            open: self.open.clone(),
        };
        let (lo, hi) = self.sums.split_at_mut(d + 1);
        let next = &mut hi[0];
        next.copy_from_slice(&lo[d]);
        for (p, x) in next.iter_mut().enumerate() {
            *x += sp.add[d][o * np + p];
        }
        for &t in &sp.touching[d] {
            if !self.tracked[t] || self.dead[t] {
                continue;
            }
            let c = &sp.conds[t];
            let allowed = &c
                .clauses
                .iter()
                .find(|(i, _)| *i == d)
                .expect("a condition touching the issue names it")
                .1;
            if !allowed[o] {
                self.dead[t] = true;
                undo.changes.push((t, true));
                if matches!(c.kind, Kind::RedLine(_)) {
                    self.open_lines -= 1;
                }
            } else {
                self.need[t] -= 1;
                undo.changes.push((t, false));
                if self.need[t] == 0 {
                    match c.kind {
                        Kind::Bonus(p, b) => next[p] += b,
                        Kind::RedLine(p) => {
                            self.crossed[p] += 1;
                            self.open_lines -= 1;
                        }
                    }
                }
            }
        }
        self.open.retain(|&t| !self.dead[t] && self.need[t] > 0);
        self.classes[d] = class.to_vec();
        undo
    }

    fn unfix(&mut self, undo: Undo) {
        let sp = self.sp;
        for (t, killed) in undo.changes.into_iter().rev() {
            let c = &sp.conds[t];
            if killed {
                self.dead[t] = false;
                if matches!(c.kind, Kind::RedLine(_)) {
                    self.open_lines += 1;
                }
            } else {
                if self.need[t] == 0 {
                    if let Kind::RedLine(p) = c.kind {
                        self.crossed[p] -= 1;
                        self.open_lines += 1;
                    }
                }
                self.need[t] += 1;
            }
        }
        self.open = undo.open;
    }

    /// Packages below the node at depth d (a leaf): Π class sizes × Π radices.
    fn multiplicity(&self, d: usize) -> BigUint {
        let mut m = BigUint::from(1u32);
        let mut small: u64 = 1;
        let factors = self.classes[..d]
            .iter()
            .map(|c| c.len() as u64)
            .chain(self.sp.radices[d..].iter().map(|&r| r as u64));
        for f in factors {
            match small.checked_mul(f) {
                Some(x) if x < 1 << 40 => small = x,
                _ => {
                    m *= small;
                    small = f;
                }
            }
        }
        m * small
    }

    /// The first `k` packages of the leaf at depth d in lexicographic order.
    fn first_packages(&self, d: usize, k: usize) -> Vec<Vec<usize>> {
        let n = self.sp.radices.len();
        // Per issue in the scenario's order: the options below the leaf.
        let sets: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let k = self.sp.pos[i];
                if k < d {
                    self.classes[k].clone()
                } else {
                    (0..self.sp.radices[k]).collect()
                }
            })
            .collect();
        let mut idx = vec![0usize; n];
        let mut out = Vec::new();
        loop {
            out.push((0..n).map(|i| sets[i][idx[i]]).collect());
            if out.len() >= k {
                return out;
            }
            let mut i = n;
            loop {
                if i == 0 {
                    return out;
                }
                i -= 1;
                idx[i] += 1;
                if idx[i] < sets[i].len() {
                    break;
                }
                idx[i] = 0;
            }
        }
    }
}

/// The search of [`Sparse::best_under`].
struct BestRun<'s> {
    spec: &'s Spec,
    excluded: Vec<bool>,
    floor: &'s [f64],
    best: Option<Vec<f64>>,
    ub: Vec<f64>,
    lb: Vec<f64>,
}

impl BestRun<'_> {
    fn go(&mut self, st: &mut State<'_>, d: usize) -> Result<(), SearchError> {
        st.visit()?;
        if (0..st.sp.n_parties).any(|p| self.excluded[p] && st.crossed[p] > 0) {
            return Ok(());
        }
        st.bounds(d, &mut self.ub, &mut self.lb);
        let signed = |j: usize, ub: &[f64], lb: &[f64]| {
            let (p, sign) = self.spec.objectives[j];
            if sign > 0.0 {
                ub[p]
            } else {
                -lb[p]
            }
        };
        for j in 0..self.spec.objectives.len() {
            if signed(j, &self.ub, &self.lb) < self.floor[j] {
                return Ok(());
            }
        }
        let top = signed(0, &self.ub, &self.lb);
        if self.best.as_ref().is_some_and(|b| top <= b[0] + 1e-12) {
            return Ok(());
        }
        // Leaves need their excluded red lines decided, as in the frontier.
        if st.leaf(d) {
            let v = st.signed_values(self.spec, d);
            if self.best.as_ref().is_none_or(|b| v[0] > b[0]) {
                self.best = Some(v);
            }
            return Ok(());
        }
        let (p, sign) = self.spec.objectives[0];
        let np = st.sp.n_parties;
        let stride = st.stride;
        let branches = st.branches_only(d, self.spec.only);
        let score = |o: usize| {
            let x = o * np + p;
            let base = st.sp.add[d][x];
            if sign > 0.0 {
                base + st.pos_s[d * stride + x]
            } else {
                -(base + st.neg_s[d * stride + x])
            }
        };
        for class in best_first(branches, score) {
            let undo = st.fix(d, &class);
            let r = self.go(st, d + 1);
            st.unfix(undo);
            r?;
        }
        Ok(())
    }
}

struct FrontierRun<'s> {
    spec: &'s Spec,
    excluded: Vec<bool>,
    watched: Vec<bool>,
    archive: Vec<Point>,
    ub: Vec<f64>,
    lb: Vec<f64>,
    bound: Vec<f64>,
    done: bool,
    eps: f64,
    /// Two objectives, both maximised: the archive is kept sorted by the
    /// first and [`FrontierRun::may_improve`] applies.
    planar: bool,
    /// Only the frontier's values are wanted: ties are cut too (no counts).
    values_only: bool,
}

impl FrontierRun<'_> {
    fn go(&mut self, st: &mut State<'_>, d: usize) -> Result<(), SearchError> {
        st.visit()?;
        let eps = st.sp.eps;
        if (0..st.sp.n_parties).any(|p| self.excluded[p] && st.crossed[p] > 0) {
            return Ok(());
        }
        st.bounds(d, &mut self.ub, &mut self.lb);
        for (j, &(p, sign)) in self.spec.objectives.iter().enumerate() {
            self.bound[j] = if sign > 0.0 { self.ub[p] } else { -self.lb[p] };
            if self.bound[j] < self.spec.lower[j] - eps {
                return Ok(());
            }
        }
        let weak = self.values_only;
        if self.archive.iter().any(|q| {
            dominates(&q.utils, &self.bound, eps)
                || weak && q.utils.iter().zip(&self.bound).all(|(a, b)| *a >= *b - eps)
        }) {
            return Ok(());
        }
        if self.planar && !self.may_improve(st, d) {
            return Ok(());
        }
        if st.leaf(d) {
            let v = st.signed_values(self.spec, d);
            let count = st.multiplicity(d);
            let clean_leaf = (0..st.sp.n_parties).all(|p| !self.watched[p] || st.crossed[p] == 0);
            let listed = self.spec.listed.max(1);
            self.insert(v, count, clean_leaf, st.first_packages(d, listed), listed);
            if self.spec.any {
                self.done = true;
            }
            return Ok(());
        }
        let mut branches = st.branches_only(d, self.spec.only);
        if self.values_only {
            // Promising options first: points found early cut more.
            let np = st.sp.n_parties;
            let row = d * st.stride;
            let score = |o: usize| -> f64 {
                self.spec
                    .objectives
                    .iter()
                    .map(|&(p, sign)| {
                        let x = o * np + p;
                        sign * (st.sp.add[d][x] + st.pos_s[row + x])
                    })
                    .sum()
            };
            branches = best_first(branches, score);
        }
        for class in branches {
            let undo = st.fix(d, &class);
            let r = self.go(st, d + 1);
            st.unfix(undo);
            r?;
            if self.done {
                break;
            }
        }
        Ok(())
    }

    /// Two maximised objectives: whether some package below the node at
    /// depth d may be non-dominated by (or tied with) the archive. The
    /// packages the archive leaves open lie in the boxes above its local
    /// nadir corners (between consecutive points, clipped by the lower
    /// bounds); a box is shut when the weighted bound along the segment of
    /// its two points, λ·u ≤ Σ_i max_o λ·(value of o), stays below its
    /// corner — tighter than the bounds party by party, because one option
    /// serves both.
    fn may_improve(&self, st: &State<'_>, d: usize) -> bool {
        let eps = self.eps;
        // Counting keeps ties (boxes widened by 2ε); values alone need a
        // package beyond the corner by more than ε.
        let slack = if self.values_only {
            -eps
        } else {
            2.0 * eps + 1e-12
        };
        let (p0, p1) = (self.spec.objectives[0].0, self.spec.objectives[1].0);
        let a = &self.archive;
        let m = a.len();
        for j in 0..=m {
            let c0 = if j == 0 {
                f64::NEG_INFINITY
            } else {
                a[j - 1].utils[0] - slack
            };
            let c1 = if j == m {
                f64::NEG_INFINITY
            } else {
                a[j].utils[1] - slack
            };
            let c0 = c0.max(self.spec.lower[0] - slack);
            let c1 = c1.max(self.spec.lower[1] - slack);
            if c0 > self.bound[0] || c1 > self.bound[1] {
                continue;
            }
            if !(c0.is_finite() && c1.is_finite()) {
                return true;
            }
            let (l0, l1) = if j > 0 && j < m {
                (
                    (a[j - 1].utils[1] - a[j].utils[1]).max(0.0),
                    (a[j].utils[0] - a[j - 1].utils[0]).max(0.0),
                )
            } else {
                (1.0, 1.0)
            };
            let norm = l0 + l1;
            if norm <= 0.0 {
                return true;
            }
            let (l0, l1) = (l0 / norm, l1 / norm);
            if st.weighted_ub(d, p0, l0, p1, l1) >= l0 * c0 + l1 * c1 - 1e-12 {
                return true;
            }
        }
        false
    }

    fn insert(
        &mut self,
        v: Vec<f64>,
        count: BigUint,
        clean_leaf: bool,
        packages: Vec<Vec<usize>>,
        listed: usize,
    ) {
        let eps = self.eps;
        if let Some(q) = self.archive.iter_mut().find(|q| tied(&q.utils, &v, eps)) {
            if clean_leaf {
                q.clean += &count;
            }
            q.count += count;
            q.packages.extend(packages);
            q.packages.sort();
            q.packages.dedup();
            q.packages.truncate(listed);
            return;
        }
        if self.archive.iter().any(|q| dominates(&q.utils, &v, eps)) {
            return;
        }
        self.archive.retain(|q| !dominates(&v, &q.utils, eps));
        let at = if self.planar {
            self.archive.partition_point(|q| q.utils[0] < v[0])
        } else {
            self.archive.len()
        };
        self.archive.insert(
            at,
            Point {
                utils: v,
                packages,
                clean: if clean_leaf {
                    count.clone()
                } else {
                    BigUint::default()
                },
                count,
            },
        );
    }
}

struct CountRun<'v> {
    veto: &'v [(usize, f64)],
    total: BigUint,
    /// Counts per option of the issues fixed when a node was counted.
    fixed: Vec<Vec<BigUint>>,
    /// Counts per option of the issues still free then (the same for every option).
    free: Vec<BigUint>,
    ub: Vec<f64>,
    lb: Vec<f64>,
}

impl CountRun<'_> {
    fn go(&mut self, st: &mut State<'_>, d: usize) -> Result<(), SearchError> {
        st.visit()?;
        let eps = st.sp.eps;
        if self.veto.iter().any(|&(p, _)| st.crossed[p] > 0) {
            return Ok(());
        }
        st.bounds(d, &mut self.ub, &mut self.lb);
        if self.veto.iter().any(|&(p, r)| self.ub[p] < r - eps) {
            return Ok(());
        }
        if st.open_lines == 0 && self.veto.iter().all(|&(p, r)| self.lb[p] >= r - eps) {
            let n = st.multiplicity(d);
            for i in 0..d {
                let share = &n / BigUint::from(st.classes[i].len());
                for &o in &st.classes[i] {
                    self.fixed[i][o] += &share;
                }
            }
            for i in d..st.sp.radices.len() {
                self.free[i] += &n / BigUint::from(st.sp.radices[i]);
            }
            self.total += n;
            return Ok(());
        }
        for class in st.branches(d) {
            let undo = st.fix(d, &class);
            let r = self.go(st, d + 1);
            st.unfix(undo);
            r?;
        }
        Ok(())
    }
}

/// The branches in order of `score` of each class's first option, best
/// first (a stable sort: equal scores keep their order).
fn best_first(branches: Vec<Vec<usize>>, score: impl Fn(usize) -> f64) -> Vec<Vec<usize>> {
    let mut scored: Vec<(f64, Vec<usize>)> =
        branches.into_iter().map(|c| (score(c[0]), c)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, c)| c).collect()
}
