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
//! Both stop after [`MAX_NODES`] nodes. Definitions as for the merge
//! (`docs/definitions.md`); the property tests compare every result with
//! enumeration.

use num_bigint::BigUint;

use super::dominance::{dominates, tied};
use crate::model::{ModelError, Scenario};
use crate::observe::Observer;
use crate::parallel::Cancelled;

/// Nodes one search visits at most.
pub const MAX_NODES: u64 = 50_000_000;

/// Why a search returned nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SearchError {
    /// The search passed [`MAX_NODES`].
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
enum Kind {
    Bonus(usize, f64),
    RedLine(usize),
}

#[derive(Debug, Clone)]
struct Cond {
    /// `(issue, allowed[option])`, by increasing issue.
    clauses: Vec<(usize, Vec<bool>)>,
    kind: Kind,
}

/// A scenario prepared for branch and bound.
#[derive(Debug, Clone)]
pub struct Sparse {
    n_parties: usize,
    radices: Vec<usize>,
    /// `add[i][o * n_parties + p]`: w_i·v_i(o) of party p.
    add: Vec<Vec<f64>>,
    conds: Vec<Cond>,
    /// Per issue: the conditions naming it.
    touching: Vec<Vec<usize>>,
    eps: f64,
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
        let n_parties = s.parties.len();
        let radices: Vec<usize> = s.issues.iter().map(|i| i.options.len()).collect();
        let add = (0..radices.len())
            .map(|i| {
                let mut row = vec![0.0; radices[i] * n_parties];
                for (p, prefs) in s.preferences.iter().enumerate() {
                    for o in 0..radices[i] {
                        row[o * n_parties + p] = prefs.weights[i] * prefs.values[i][o];
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
            eps: s.tolerance,
        }
    }

    /// The exact Pareto frontier of `spec`, points in the order found.
    ///
    /// # Errors
    ///
    /// [`SearchError`] past [`MAX_NODES`] nodes or when `observer` cancels.
    pub fn frontier(&self, spec: &Spec, observer: &dyn Observer) -> Result<Vec<Point>, SearchError> {
        let mut parties = vec![false; self.n_parties];
        for &(p, _) in &spec.objectives {
            parties[p] = true;
        }
        let mut lines = vec![false; self.n_parties];
        for &p in spec.exclude_red_lines_of.iter().chain(&spec.watch) {
            lines[p] = true;
        }
        let mut excluded = vec![false; self.n_parties];
        for &p in &spec.exclude_red_lines_of {
            excluded[p] = true;
        }
        let mut watched = vec![false; self.n_parties];
        for &p in &spec.watch {
            watched[p] = true;
        }
        let mut st = State::new(self, &parties, &lines, observer);
        let mut run = FrontierRun {
            spec,
            excluded,
            watched,
            archive: Vec::new(),
            ub: vec![0.0; self.n_parties],
            lb: vec![0.0; self.n_parties],
            bound: vec![0.0; spec.objectives.len()],
            done: false,
            eps: self.eps,
        };
        run.go(&mut st, 0)?;
        Ok(run.archive)
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
        let mut parties = vec![false; self.n_parties];
        for &(p, _) in veto {
            parties[p] = true;
        }
        let mut st = State::new(self, &parties, &parties, observer);
        st.limit = max_nodes;
        let n = self.radices.len();
        let mut run = CountRun {
            veto,
            total: BigUint::default(),
            fixed: self.radices.iter().map(|&r| vec![BigUint::default(); r]).collect(),
            free: vec![BigUint::default(); n],
            ub: vec![0.0; self.n_parties],
            lb: vec![0.0; self.n_parties],
        };
        match run.go(&mut st, 0) {
            Ok(()) => {}
            Err(SearchError::Limit { .. }) => return Ok(None),
            Err(SearchError::Cancelled(c)) => return Err(c),
        }
        let per_option = run
            .fixed
            .into_iter()
            .zip(run.free)
            .map(|(row, free)| row.into_iter().map(|x| x + &free).collect())
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
    pub fn utility_range(&self, p: usize, observer: &dyn Observer) -> Result<(f64, f64), SearchError> {
        let extreme = |sign: f64| -> Result<f64, SearchError> {
            let pts = self.frontier(
                &Spec {
                    objectives: vec![(p, sign)],
                    lower: vec![f64::NEG_INFINITY],
                    listed: 1,
                    ..Spec::default()
                },
                observer,
            )?;
            Ok(pts.first().map_or(0.0, |q| sign * q.utils[0]))
        };
        Ok((extreme(-1.0)?, extreme(1.0)?))
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
        for p in 0..self.n_parties {
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
        let n = sp.radices.len();
        let np = sp.n_parties;
        let tracked: Vec<bool> = sp
            .conds
            .iter()
            .map(|c| match c.kind {
                Kind::Bonus(p, _) => parties[p],
                Kind::RedLine(p) => lines[p],
            })
            .collect();
        let open: Vec<usize> = (0..sp.conds.len()).filter(|&t| tracked[t]).collect();
        let open_lines = open
            .iter()
            .filter(|&&t| matches!(sp.conds[t].kind, Kind::RedLine(_)))
            .count();
        let alike: Vec<bool> = (0..n)
            .map(|i| {
                (0..np).filter(|&p| parties[p]).all(|p| {
                    (1..sp.radices[i]).all(|o| sp.add[i][o * np + p] == sp.add[i][p])
                })
            })
            .collect();
        let mut inert_from = vec![true; n + 1];
        for i in (0..n).rev() {
            inert_from[i] = inert_from[i + 1] && alike[i];
        }
        let mut tail = vec![vec![0.0; np]; n + 1];
        for i in (0..n).rev() {
            for p in 0..np {
                tail[i][p] = tail[i + 1][p] + sp.add[i][p];
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
                v[0] = sums0;
                v
            },
            classes: vec![Vec::new(); n],
            inert_from,
            tail,
            pos: vec![0.0; n * stride],
            neg: vec![0.0; n * stride],
            stride,
            nodes: 0,
            limit: MAX_NODES,
            observer,
        }
    }

    /// Counts a node; errors past the limit or on cancellation.
    fn visit(&mut self) -> Result<(), SearchError> {
        self.nodes += 1;
        if self.nodes > self.limit {
            return Err(SearchError::Limit { limit: self.limit });
        }
        if self.nodes & 0xFFFF == 0 && self.observer.cancelled() {
            return Err(SearchError::Cancelled(Cancelled));
        }
        Ok(())
    }

    /// Upper and lower bounds on each utility that matters below depth d.
    fn bounds(&mut self, d: usize, ub: &mut [f64], lb: &mut [f64]) {
        let sp = self.sp;
        let np = sp.n_parties;
        let n = sp.radices.len();
        let stride = self.stride;
        self.pos[d * stride..n * stride].fill(0.0);
        self.neg[d * stride..n * stride].fill(0.0);
        for &t in &self.open {
            let c = &sp.conds[t];
            if let Kind::Bonus(p, b) = c.kind {
                let (i, allowed) = &c.clauses[c.clauses.len() - self.need[t]];
                let tab = if b > 0.0 { &mut self.pos } else { &mut self.neg };
                let row = &mut tab[i * stride..];
                for (o, &a) in allowed.iter().enumerate() {
                    if a {
                        row[o * np + p] += b;
                    }
                }
            }
        }
        for p in 0..np {
            ub[p] = self.sums[d][p];
            lb[p] = self.sums[d][p];
        }
        for i in d..n {
            let add = &sp.add[i];
            let pos = &self.pos[i * stride..];
            let neg = &self.neg[i * stride..];
            for p in (0..np).filter(|&p| self.parties[p]) {
                let mut hi = f64::NEG_INFINITY;
                let mut lo = f64::INFINITY;
                for o in 0..sp.radices[i] {
                    let a = add[o * np + p];
                    hi = hi.max(a + pos[o * np + p]);
                    lo = lo.min(a + neg[o * np + p]);
                }
                ub[p] += hi;
                lb[p] += lo;
            }
        }
    }

    /// Whether the node at depth d is a leaf: every package below has the
    /// same utilities (and red lines).
    fn leaf(&self, d: usize) -> bool {
        self.open.is_empty() && self.inert_from[d]
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
        self.open
            .retain(|&t| !self.dead[t] && self.need[t] > 0);
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
        let sets: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                if i < d {
                    self.classes[i].clone()
                } else {
                    (0..self.sp.radices[i]).collect()
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
        if self
            .archive
            .iter()
            .any(|q| dominates(&q.utils, &self.bound, eps))
        {
            return Ok(());
        }
        if st.leaf(d) {
            let v: Vec<f64> = self
                .spec
                .objectives
                .iter()
                .map(|&(p, sign)| sign * (st.sums[d][p] + st.tail[d][p]))
                .collect();
            let count = st.multiplicity(d);
            let clean_leaf = (0..st.sp.n_parties).all(|p| !self.watched[p] || st.crossed[p] == 0);
            let listed = self.spec.listed.max(1);
            self.insert(v, count, clean_leaf, st.first_packages(d, listed), listed);
            if self.spec.any {
                self.done = true;
            }
            return Ok(());
        }
        let mut branches = st.branches(d);
        if let Some((i, o)) = self.spec.only {
            if i == d {
                branches.retain(|c| c.contains(&o));
                if let Some(c) = branches.first_mut() {
                    // The one option asked for stands for its class.
                    *c = vec![o];
                }
            }
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
        self.archive.push(Point {
            utils: v,
            packages,
            clean: if clean_leaf {
                count.clone()
            } else {
                BigUint::default()
            },
            count,
        });
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
