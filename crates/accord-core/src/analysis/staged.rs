//! Exact frontiers of a [`Sparse`] scenario by dynamic programming over its
//! issues, one stage per issue in the search order, for scenarios whose
//! conditions tie many issues loosely (Genius's 30- and 50-issue nonlinear
//! domains), where branch and bound meets the same subproblem again and
//! again.
//!
//! After the first k issues are fixed, what the rest can add depends only on
//! the *pattern*: which of the conditions spanning the cut (a clause fixed,
//! a clause still open) are still alive. Two partial packages with the same
//! pattern have the same completions, so one whose partial sums another
//! beats (by more than ε in some objective, by −ε nowhere) can never lead to
//! a frontier point and is dropped; partial sums tied within ε are merged,
//! their package counts added, as in the merge of independent issues
//! (`docs/definitions.md`). A stage holds, per pattern, the non-dominated
//! partial sums, each with its number of packages, how many of them cross
//! no watched party's red line so far, and its lexicographically first
//! packages. A stage entry is also dropped when even its best completion
//! (the Russian-doll optimum of the issues after the cut, plus the bonuses
//! of the spanning conditions still alive) is beaten by a point already
//! known: the points of a first pass that keeps only the most promising
//! entries of each stage (a beam), whose points are real packages.
//!
//! A capped party (utility min(1, sum)) makes two sums that both reach the
//! cap tie: its coordinate is compared as min(sum, 1 − the most the rest can
//! add), so a sum that may still reach the cap never beats another, and its
//! raw sum is kept as a constraint (at least as good, never strictly).
//!
//! The stages give up (so the caller may try branch and bound) past
//! [`MAX_PATTERNS`] patterns, [`MAX_LIVE`] entries or [`MAX_CANDIDATES`]
//! candidates in one stage, or [`MAX_WORK`] candidates in all: a few
//! hundred megabytes at most. They also spend the searches' shared node
//! budget ([`MAX_NODES`](super::sparse::MAX_NODES)), a node per ten
//! candidates, and give up when it is spent.

use std::cmp::Ordering::{Equal, Less};
use std::collections::HashMap;

use num_bigint::BigUint;

use super::dominance::{dominates, filter, Budget, Cands, Layer};
use super::sparse::{Kind, Point, SearchError, Sparse, Spec};
use crate::observe::Observer;
use crate::parallel::Cancelled;

/// Entries one stage may hold (each about 80 bytes plus its packages).
pub const MAX_LIVE: usize = 2_000_000;

/// Patterns one stage may hold (each a few hundred bytes with its
/// candidates' vectors).
pub const MAX_PATTERNS: usize = 500_000;

/// Candidates one stage may make before they are filtered (each about 30
/// bytes).
pub const MAX_CANDIDATES: u64 = 10_000_000;

/// Candidates (an entry extended by an option class) all stages of one
/// frontier may make together.
pub const MAX_WORK: u64 = 200_000_000;

/// Candidates the stages make in about the time branch and bound visits
/// one node (the exchange rate of the shared budget).
const CANDIDATES_PER_NODE: u64 = 10;

/// Entries per stage the first (beam) pass keeps.
const BEAM: usize = 3_000;

/// An exact package count: a machine integer until it overflows.
#[derive(Debug, Clone, PartialEq)]
enum Tally {
    Small(u128),
    Big(BigUint),
}

impl Tally {
    fn zero() -> Tally {
        Tally::Small(0)
    }

    fn big(&self) -> BigUint {
        match self {
            Tally::Small(a) => BigUint::from(*a),
            Tally::Big(b) => b.clone(),
        }
    }

    /// self += x · m.
    fn add_mul(&mut self, x: &Tally, m: u64) {
        if let (Tally::Small(a), Tally::Small(b)) = (&*self, x) {
            if let Some(v) = b.checked_mul(u128::from(m)).and_then(|v| a.checked_add(v)) {
                *self = Tally::Small(v);
                return;
            }
        }
        let v = self.big() + x.big() * BigUint::from(m);
        *self = Tally::Big(v);
    }
}

/// A tracked condition in stage terms.
struct DCond {
    /// First and last stage (position) of its clauses.
    first: usize,
    last: usize,
    /// Its bit in a pattern when it spans more than one stage.
    slot: usize,
    kind: Kind,
}

/// One stage: patterns, and per pattern a run of entries.
#[derive(Default)]
struct Stage {
    keys: Vec<Box<[u64]>>,
    /// `starts[i]..starts[i + 1]`: pattern i's entries.
    starts: Vec<usize>,
    /// Per pattern and objective party: the most (least) the issues after the
    /// cut can still add.
    gain: Vec<Vec<(f64, f64)>>,
    /// `dims` signed raw sums per entry.
    vals: Vec<f64>,
    count: Vec<Tally>,
    clean: Vec<Tally>,
    /// `listed` packages of n options per entry (`u16::MAX`: not fixed yet),
    /// the first `npk[e]` of them used.
    pkgs: Vec<u16>,
    npk: Vec<u32>,
}

impl Stage {
    fn entries(&self) -> usize {
        self.count.len()
    }
}

/// A pattern of the next stage being built: its key, its gains and its
/// candidates.
type Building = (Box<[u64]>, Vec<(f64, f64)>, Cands);

/// An option class at a stage: its options and what it does.
struct Class {
    options: Vec<u16>,
    dirty: bool,
}

/// The frontier of `spec` over `sp` by stages (see the module doc); `None`
/// when the stages pass their limits, or `spec` asks for what they do not do
/// (a feasibility check, options past 65535).
///
/// # Errors
///
/// [`SearchError::Cancelled`] when `observer` cancels.
pub fn frontier(
    sp: &Sparse,
    spec: &Spec,
    observer: &dyn Observer,
) -> Result<Option<Vec<Point>>, SearchError> {
    if spec.any {
        return Ok(None);
    }
    solve(&Dp::new(sp, spec, 0, false), BEAM, observer)
}

/// The beam pass (`beam` entries a stage), then the exact pass cut by the
/// beam's points (real packages); `None` past the limits or with options past 65535 (packages
/// are kept as 16-bit options).
fn solve(
    dp: &Dp<'_>,
    beam: usize,
    observer: &dyn Observer,
) -> Result<Option<Vec<Point>>, SearchError> {
    if dp.sp.radices.iter().any(|&r| r > usize::from(u16::MAX)) {
        return Ok(None);
    }
    // The stages spend the searches' shared budget too, a node per
    // CANDIDATES_PER_NODE candidates (about the same time), so that one
    // analysis stays within its minute whichever method works.
    let limit = MAX_WORK.min(dp.sp.budget_left().saturating_mul(CANDIDATES_PER_NODE));
    let work = std::cell::Cell::new(0u64);
    let r = match dp.run(&[], Some(beam), &work, limit, observer) {
        Ok(Some(points)) => {
            let seeds: Vec<Vec<f64>> = points.into_iter().map(|q| q.utils).collect();
            dp.run(&seeds, None, &work, limit, observer)
        }
        other => other,
    };
    dp.sp.charge(work.get() / CANDIDATES_PER_NODE);
    r
}

/// The largest sign·(sum) of party p over the issues at positions
/// `start..`, the conditions within them counted (red lines left out, no
/// cap): [`Sparse::prepare_with`]'s Russian-doll value by stages; `None`
/// past the stages' limits.
///
/// # Errors
///
/// [`SearchError::Cancelled`] when `observer` cancels.
pub fn optimum(
    sp: &Sparse,
    p: usize,
    sign: f64,
    start: usize,
    observer: &dyn Observer,
) -> Result<Option<f64>, SearchError> {
    let spec = Spec {
        objectives: vec![(p, sign)],
        lower: vec![f64::NEG_INFINITY],
        listed: 1,
        ..Spec::default()
    };
    Ok(
        solve(&Dp::new(sp, &spec, start, true), BEAM, observer)?.map(|points| {
            points
                .iter()
                .map(|q| q.utils[0])
                .fold(f64::NEG_INFINITY, f64::max)
        }),
    )
}

struct Dp<'a> {
    sp: &'a Sparse,
    spec: &'a Spec,
    /// The first position staged (the issues before it and the conditions
    /// naming them left out).
    start: usize,
    /// Sums without the cap.
    raw: bool,
    n: usize,
    np: usize,
    /// Objectives: party and sign.
    obj: Vec<(usize, f64)>,
    /// Objectives whose party is capped and may pass 1 (their raw sum is an
    /// extra, constraint coordinate).
    capj: Vec<usize>,
    conds: Vec<DCond>,
    /// `at[k]`: (condition, its allowed options at position k).
    at: Vec<Vec<(usize, &'a [bool])>>,
    words: usize,
    excluded: Vec<bool>,
    watched: Vec<bool>,
    /// Signed constant sums and whether a watched (excluded) red line with
    /// no clause holds everywhere.
    base: Vec<f64>,
    base_dirty: bool,
    base_dead: bool,
    /// `issue_at[k]`: the scenario's issue at position k.
    issue_at: Vec<usize>,
    listed: usize,
}

impl<'a> Dp<'a> {
    fn new(sp: &'a Sparse, spec: &'a Spec, start: usize, raw: bool) -> Dp<'a> {
        let n = sp.radices.len();
        let np = sp.n_parties;
        let obj = spec.objectives.clone();
        let mut is_obj = vec![false; np];
        for &(p, _) in &obj {
            is_obj[p] = true;
        }
        let mut excluded = vec![false; np];
        for &p in &spec.exclude_red_lines_of {
            excluded[p] = true;
        }
        let mut watched = vec![false; np];
        for &p in &spec.watch {
            watched[p] = true;
        }
        let capj = (0..obj.len())
            .filter(|&j| {
                let p = obj[j].0;
                !raw && sp.capped[p]
                    && !matches!(sp.rds_hi[p][0].partial_cmp(&1.0), Some(Less | Equal))
            })
            .collect();
        let mut conds = Vec::new();
        let mut at: Vec<Vec<(usize, &[bool])>> = vec![Vec::new(); n];
        let mut base = vec![0.0; obj.len()];
        let (mut base_dirty, mut base_dead) = (false, false);
        let mut slots = 0;
        for c in &sp.conds {
            let tracked = match c.kind {
                Kind::Bonus(p, _) => is_obj[p],
                Kind::RedLine(p) => excluded[p] || watched[p],
            };
            // A clause allowing nothing: the condition never holds.
            if !tracked
                || c.clauses.iter().any(|(_, a)| !a.iter().any(|&x| x))
                || c.clauses.first().is_some_and(|x| x.0 < start)
            {
                continue;
            }
            let Some(first) = c.clauses.first().map(|x| x.0) else {
                match c.kind {
                    Kind::Bonus(p, b) => {
                        for (j, &(q, sign)) in obj.iter().enumerate() {
                            if q == p {
                                base[j] += sign * b;
                            }
                        }
                    }
                    Kind::RedLine(p) => {
                        base_dead |= excluded[p];
                        base_dirty |= watched[p];
                    }
                }
                continue;
            };
            let last = c.clauses.last().map_or(first, |x| x.0);
            let t = conds.len();
            for (i, allowed) in &c.clauses {
                at[*i].push((t, allowed.as_slice()));
            }
            let slot = if last > first {
                slots += 1;
                slots - 1
            } else {
                usize::MAX
            };
            conds.push(DCond {
                first,
                last,
                slot,
                kind: c.kind,
            });
        }
        let mut issue_at = vec![0; n];
        for (i, &k) in sp.pos.iter().enumerate() {
            issue_at[k] = i;
        }
        Dp {
            sp,
            spec,
            start,
            raw,
            n,
            np,
            obj,
            capj,
            conds,
            at,
            words: slots.div_ceil(64).max(1),
            excluded,
            watched,
            base,
            base_dirty,
            base_dead,
            issue_at,
            listed: spec.listed.max(1),
        }
    }

    /// Whether party p's utility is capped here.
    fn capped(&self, p: usize) -> bool {
        !self.raw && self.sp.capped[p]
    }

    fn dims(&self) -> usize {
        self.obj.len() + self.capj.len()
    }

    /// Per objective: the most and least the issues at positions k.. can add
    /// to its party's sum under pattern `key` (±∞ without Russian-doll values).
    fn gains(&self, k: usize, key: &[u64]) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = self
            .obj
            .iter()
            .map(|&(p, _)| (self.sp.rds_hi[p][k], self.sp.rds_lo[p][k]))
            .collect();
        for c in &self.conds {
            if c.slot == usize::MAX || c.first >= k || c.last < k || !bit(key, c.slot) {
                continue;
            }
            if let Kind::Bonus(p, b) = c.kind {
                for (j, &(q, _)) in self.obj.iter().enumerate() {
                    if q == p {
                        if b > 0.0 {
                            out[j].0 += b;
                        } else {
                            out[j].1 += b;
                        }
                    }
                }
            }
        }
        out
    }

    /// Per objective: the best signed value an entry of signed raw sums
    /// `v` can still reach.
    fn best(&self, v: &[f64], gain: &[(f64, f64)], out: &mut [f64]) {
        for (j, &(p, sign)) in self.obj.iter().enumerate() {
            let raw = sign * v[j];
            let reach = if sign > 0.0 {
                raw + gain[j].0
            } else {
                raw + gain[j].1
            };
            let reach = if self.capped(p) {
                reach.min(1.0)
            } else {
                reach
            };
            out[j] = sign * reach;
        }
    }

    /// The stages; `seeds` (signed points of real packages) cut entries
    /// whose best completion they beat; `beam` keeps that many entries a
    /// stage. `None` past the limits.
    fn run(
        &self,
        seeds: &[Vec<f64>],
        beam: Option<usize>,
        work: &std::cell::Cell<u64>,
        limit: u64,
        observer: &dyn Observer,
    ) -> Result<Option<Vec<Point>>, SearchError> {
        if self.base_dead {
            return Ok(Some(Vec::new()));
        }
        let m = self.obj.len();
        let dims = self.dims();
        let eps = self.sp.eps;
        let n = self.n;
        let listed = self.listed;
        let mut st = Stage::default();
        let key0: Box<[u64]> = vec![0u64; self.words].into_boxed_slice();
        st.gain.push(self.gains(self.start, &key0));
        st.keys.push(key0);
        st.starts = vec![0, 1];
        st.vals = self.base.clone();
        st.count.push(Tally::Small(1));
        st.clean.push(if self.base_dirty {
            Tally::zero()
        } else {
            Tally::Small(1)
        });
        st.pkgs = vec![u16::MAX; listed * n];
        st.npk.push(1);
        let budget = Budget::new(u64::MAX);
        let cut = Seeds::new(seeds, eps);
        let mut reach = vec![0.0; m];
        let mut cand = vec![0.0; dims];
        for k in self.start..n {
            if observer.cancelled() {
                return Err(SearchError::Cancelled(Cancelled));
            }
            // Progress: the beam pass is the first half, the exact pass the second.
            if !self.raw {
                let done = if beam.is_some() { k } else { n + k };
                observer.progress(done as u64, 2 * n as u64);
            }
            let only = self
                .spec
                .only
                .and_then(|(i, o)| (self.sp.pos[i] == k).then_some(o));
            let mut index: HashMap<Box<[u64]>, usize> = HashMap::new();
            let mut next: Vec<Building> = Vec::new();
            let mut classes: Vec<Class> = Vec::new();
            let mut delta = vec![0.0; m];
            let mut made = 0u64;
            let mut kept = Cands::with_capacity(dims, 0);
            for pi in 0..st.keys.len() {
                if pi % 4096 == 4095 && observer.cancelled() {
                    return Err(SearchError::Cancelled(Cancelled));
                }
                let key = &st.keys[pi];
                let alive = |t: usize| {
                    let c = &self.conds[t];
                    c.first == k || bit(key, c.slot)
                };
                // Option classes: alike for the objectives' additive values
                // and every live condition here.
                let add = &self.sp.add[k];
                let np = self.np;
                let same = |a: usize, b: usize| {
                    self.obj
                        .iter()
                        .all(|&(p, _)| add[a * np + p] == add[b * np + p])
                        && self.at[k]
                            .iter()
                            .all(|&(t, al)| !alive(t) || al[a] == al[b])
                };
                let mut local: Vec<Vec<u16>> = Vec::new();
                'o: for o in 0..self.sp.radices[k] {
                    if only.is_some_and(|x| x != o) {
                        continue;
                    }
                    for cl in local.iter_mut() {
                        if same(cl[0] as usize, o) {
                            cl.push(o as u16);
                            continue 'o;
                        }
                    }
                    local.push(vec![o as u16]);
                }
                for options in local {
                    let o = options[0] as usize;
                    let mut nkey = key.clone();
                    let mut dirty = false;
                    let mut dead = false;
                    for (j, &(p, sign)) in self.obj.iter().enumerate() {
                        delta[j] = sign * add[o * np + p];
                    }
                    for &(t, al) in &self.at[k] {
                        let c = &self.conds[t];
                        let live = alive(t) && al[o];
                        if c.last > k {
                            set_bit(&mut nkey, c.slot, live);
                            continue;
                        }
                        if c.slot != usize::MAX {
                            set_bit(&mut nkey, c.slot, false);
                        }
                        if !live {
                            continue;
                        }
                        match c.kind {
                            Kind::Bonus(p, b) => {
                                for (j, &(q, sign)) in self.obj.iter().enumerate() {
                                    if q == p {
                                        delta[j] += sign * b;
                                    }
                                }
                            }
                            Kind::RedLine(p) => {
                                dead |= self.excluded[p];
                                dirty |= self.watched[p];
                            }
                        }
                    }
                    if dead {
                        continue;
                    }
                    let ci = classes.len() as u32;
                    classes.push(Class { options, dirty });
                    let found = index.get(&nkey).copied();
                    let mut fresh: Option<Vec<(f64, f64)>> = None;
                    let gain: &[(f64, f64)] = match found {
                        Some(ni) => &next[ni].1,
                        None => fresh.insert(self.gains(k + 1, &nkey)),
                    };
                    let (a, b) = (st.starts[pi], st.starts[pi + 1]);
                    work.set(work.get() + (b - a) as u64);
                    made += (b - a) as u64;
                    if made > MAX_CANDIDATES || work.get() > limit {
                        return Ok(None);
                    }
                    kept.clear();
                    for e in a..b {
                        let v = &st.vals[e * m..(e + 1) * m];
                        for j in 0..m {
                            cand[j] = v[j] + delta[j];
                        }
                        self.best(&cand[..m], gain, &mut reach);
                        if (0..m).any(|j| reach[j] < self.spec.lower[j] - eps) || cut.beats(&reach)
                        {
                            continue;
                        }
                        // Capped coordinates: compared as min(sum, 1 − gain),
                        // the raw sum kept as a constraint.
                        for (x, &j) in self.capj.iter().enumerate() {
                            let sign = self.obj[j].1;
                            let raw = sign * cand[j];
                            cand[m + x] = cand[j];
                            cand[j] = sign * raw.min(1.0 - gain[j].0);
                        }
                        kept.push(&cand, (e as u32, ci));
                    }
                    // A pattern exists once some candidate reaches it.
                    if kept.is_empty() {
                        continue;
                    }
                    match found {
                        Some(ni) => next[ni].2.extend(&kept),
                        None if next.len() >= MAX_PATTERNS => return Ok(None),
                        None => {
                            let g = fresh.take().unwrap_or_else(|| self.gains(k + 1, &nkey));
                            index.insert(nkey.clone(), next.len());
                            let mut c = Cands::with_capacity(dims, kept.len());
                            c.extend(&kept);
                            next.push((nkey, g, c));
                        }
                    }
                }
            }
            next.sort_by(|a, b| a.0.cmp(&b.0));
            let mut new = Stage::default();
            new.starts.push(0);
            for (key, gain, cands) in next {
                let Some(layer) = filter(&cands, m, eps, &budget) else {
                    return Ok(None);
                };
                if layer.is_empty() {
                    continue;
                }
                self.absorb(&st, &classes, &layer, k, &mut new);
                new.keys.push(key);
                new.gain.push(gain);
                new.starts.push(new.entries());
                if new.entries() > MAX_LIVE {
                    return Ok(None);
                }
            }
            if let Some(b) = beam {
                if new.entries() > b {
                    new = self.narrow(new, b);
                }
            }
            st = new;
        }
        if !self.raw {
            let done = if beam.is_some() { n } else { 2 * n };
            observer.progress(done as u64, 2 * n as u64);
        }
        Ok(Some(self.points(&st)))
    }

    /// Appends the nodes of `layer` (filtered candidates of stage k) to
    /// `new`, each with its counts and first packages.
    fn absorb(&self, st: &Stage, classes: &[Class], layer: &Layer, k: usize, new: &mut Stage) {
        let m = self.obj.len();
        let n = self.n;
        let listed = self.listed;
        let issue = self.issue_at[k];
        // The candidate packages of a node, flat (n options each), and
        // their order.
        let mut flat: Vec<u16> = Vec::new();
        let mut order: Vec<usize> = Vec::new();
        for i in 0..layer.len() {
            let u = layer.utils(i);
            for j in 0..m {
                let x = self.capj.iter().position(|&c| c == j);
                new.vals.push(match x {
                    Some(x) => u[m + x],
                    None => u[j],
                });
            }
            let (mut count, mut clean) = (Tally::zero(), Tally::zero());
            flat.clear();
            for &(e, ci) in layer.preds(i) {
                let (e, cl) = (e as usize, &classes[ci as usize]);
                let mult = cl.options.len() as u64;
                count.add_mul(&st.count[e], mult);
                if !cl.dirty {
                    clean.add_mul(&st.clean[e], mult);
                }
                for s in 0..st.npk[e] as usize {
                    let base = &st.pkgs[(e * listed + s) * n..(e * listed + s + 1) * n];
                    for &o in cl.options.iter().take(listed) {
                        flat.extend_from_slice(base);
                        let at = flat.len() - n;
                        flat[at + issue] = o;
                    }
                }
            }
            let pkg = |x: usize| &flat[x * n..(x + 1) * n];
            order.clear();
            order.extend(0..flat.len() / n);
            order.sort_unstable_by(|&a, &b| pkg(a).cmp(pkg(b)));
            order.dedup_by(|a, b| pkg(*a) == pkg(*b));
            order.truncate(listed);
            new.count.push(count);
            new.clean.push(clean);
            new.npk.push(order.len() as u32);
            for s in 0..listed {
                match order.get(s) {
                    Some(&x) => new.pkgs.extend_from_slice(pkg(x)),
                    None => new.pkgs.extend(std::iter::repeat_n(u16::MAX, n)),
                }
            }
        }
    }

    /// The beam: the `b` entries of `st` with the best reachable
    /// values, by several weightings of the objectives.
    fn narrow(&self, st: Stage, b: usize) -> Stage {
        let m = self.obj.len();
        let e_total = st.entries();
        let mut pattern_of = vec![0usize; e_total];
        for pi in 0..st.keys.len() {
            pattern_of[st.starts[pi]..st.starts[pi + 1]].fill(pi);
        }
        let mut reach = vec![vec![0.0; m]; e_total];
        for e in 0..e_total {
            self.best(
                &st.vals[e * m..(e + 1) * m],
                &st.gain[pattern_of[e]],
                &mut reach[e],
            );
        }
        // Weightings: each objective alone, all equally, and for two
        // objectives some in between.
        let mut weights: Vec<Vec<f64>> = (0..m)
            .map(|j| (0..m).map(|x| if x == j { 1.0 } else { 0.0 }).collect())
            .collect();
        weights.push(vec![1.0; m]);
        if m == 2 {
            for w in [0.2, 0.35, 0.65, 0.8] {
                weights.push(vec![w, 1.0 - w]);
            }
        }
        let per = (b / weights.len()).max(1);
        let mut keep = vec![false; e_total];
        let mut order: Vec<usize> = (0..e_total).collect();
        for w in &weights {
            let score = |e: usize| -> f64 { (0..m).map(|j| w[j] * reach[e][j]).sum() };
            order.sort_by(|&a, &c| score(c).total_cmp(&score(a)).then(a.cmp(&c)));
            for &e in order.iter().take(per) {
                keep[e] = true;
            }
        }
        let n = self.n;
        let listed = self.listed;
        let mut out = Stage::default();
        out.starts.push(0);
        for pi in 0..st.keys.len() {
            let before = out.entries();
            for e in (st.starts[pi]..st.starts[pi + 1]).filter(|&e| keep[e]) {
                out.vals.extend_from_slice(&st.vals[e * m..(e + 1) * m]);
                out.count.push(st.count[e].clone());
                out.clean.push(st.clean[e].clone());
                out.pkgs
                    .extend_from_slice(&st.pkgs[e * listed * n..(e + 1) * listed * n]);
                out.npk.push(st.npk[e]);
            }
            if out.entries() > before {
                out.keys.push(st.keys[pi].clone());
                out.gain.push(st.gain[pi].clone());
                out.starts.push(out.entries());
            }
        }
        out
    }

    /// The frontier's points from the last stage's entries (complete
    /// packages): caps applied, the lower bounds, ties merged.
    fn points(&self, st: &Stage) -> Vec<Point> {
        let m = self.obj.len();
        let n = self.n;
        let listed = self.listed;
        let eps = self.sp.eps;
        let mut cands = Cands::with_capacity(m, st.entries());
        let mut v = vec![0.0; m];
        for e in 0..st.entries() {
            for (j, &(p, sign)) in self.obj.iter().enumerate() {
                let raw = sign * st.vals[e * m + j];
                v[j] = sign * if self.capped(p) { raw.min(1.0) } else { raw };
            }
            if (0..m).any(|j| v[j] < self.spec.lower[j] - eps) {
                continue;
            }
            cands.push(&v, (e as u32, 0));
        }
        let layer = filter(&cands, m, eps, &Budget::new(u64::MAX)).unwrap_or_default();
        let mut out: Vec<Point> = (0..layer.len())
            .map(|i| {
                let (mut count, mut clean) = (Tally::zero(), Tally::zero());
                let mut packages: Vec<Vec<usize>> = Vec::new();
                for &(e, _) in layer.preds(i) {
                    let e = e as usize;
                    count.add_mul(&st.count[e], 1);
                    clean.add_mul(&st.clean[e], 1);
                    for s in 0..st.npk[e] as usize {
                        let p = &st.pkgs[(e * listed + s) * n..(e * listed + s + 1) * n];
                        packages.push(p.iter().map(|&o| usize::from(o)).collect());
                    }
                }
                packages.sort_unstable();
                packages.dedup();
                packages.truncate(listed);
                Point {
                    utils: layer.utils(i).to_vec(),
                    packages,
                    count: count.big(),
                    clean: clean.big(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            a.utils
                .iter()
                .zip(&b.utils)
                .map(|(x, y)| x.total_cmp(y))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        out
    }
}

/// Points of real packages that cut candidates: whether one strictly
/// dominates a candidate's best completion (two objectives: by binary
/// search on the staircase, else one by one).
struct Seeds<'s> {
    points: &'s [Vec<f64>],
    eps: f64,
    /// Two objectives: the points' first values, increasing, and per
    /// position the largest second value from there on.
    first: Vec<f64>,
    second_max: Vec<f64>,
}

impl<'s> Seeds<'s> {
    fn new(points: &'s [Vec<f64>], eps: f64) -> Seeds<'s> {
        let mut first = Vec::new();
        let mut second_max = Vec::new();
        if points.first().is_some_and(|q| q.len() == 2) {
            let mut by: Vec<(f64, f64)> = points.iter().map(|q| (q[0], q[1])).collect();
            by.sort_by(|a, b| a.0.total_cmp(&b.0));
            first = by.iter().map(|x| x.0).collect();
            second_max = vec![f64::NEG_INFINITY; by.len() + 1];
            for i in (0..by.len()).rev() {
                second_max[i] = second_max[i + 1].max(by[i].1);
            }
        }
        Seeds {
            points,
            eps,
            first,
            second_max,
        }
    }

    /// Whether some point strictly dominates `r` (under ε).
    fn beats(&self, r: &[f64]) -> bool {
        let eps = self.eps;
        if self.first.is_empty() || r.len() != 2 {
            return self.points.iter().any(|q| dominates(q, r, eps));
        }
        // Better by more than ε in the first and not worse in the second,
        // or not worse in the first and better by more than ε in the second.
        let above = self.first.partition_point(|&x| x <= r[0] + eps);
        let level = self.first.partition_point(|&x| x < r[0] - eps);
        self.second_max[above] >= r[1] - eps || self.second_max[level] > r[1] + eps
    }
}

fn bit(key: &[u64], slot: usize) -> bool {
    slot != usize::MAX && key[slot / 64] >> (slot % 64) & 1 == 1
}

fn set_bit(key: &mut [u64], slot: usize, on: bool) {
    if on {
        key[slot / 64] |= 1 << (slot % 64);
    } else {
        key[slot / 64] &= !(1 << (slot % 64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Condition, Interaction};
    use crate::observe::Silent;
    use crate::testing::synth;
    use proptest::prelude::*;

    /// The stages with a beam of `beam` entries for the seeds.
    fn staged(sp: &Sparse, spec: &Spec, beam: usize) -> Vec<Point> {
        solve(&Dp::new(sp, spec, 0, false), beam, &Silent)
            .expect("not cancelled")
            .expect("within the limits")
    }

    /// The frontier of `spec` by listing every package.
    fn enumerated(s: &crate::model::Scenario, spec: &Spec) -> Vec<Point> {
        let eps = s.tolerance;
        let all = crate::testing::brute::packages(s);
        let ok: Vec<(Vec<f64>, &Vec<usize>)> = all
            .iter()
            .filter(|p| {
                spec.exclude_red_lines_of
                    .iter()
                    .all(|&q| s.red_lines_crossed(q, p).is_empty())
            })
            .map(|p| {
                let v: Vec<f64> = spec
                    .objectives
                    .iter()
                    .map(|&(q, sign)| sign * s.utility(q, p))
                    .collect();
                (v, p)
            })
            .filter(|(v, _)| v.iter().zip(&spec.lower).all(|(x, l)| *x >= l - eps))
            .collect();
        let mut out: Vec<Point> = Vec::new();
        for (v, p) in &ok {
            if ok.iter().any(|(w, _)| dominates(w, v, eps)) {
                continue;
            }
            let clean = spec
                .watch
                .iter()
                .all(|&q| s.red_lines_crossed(q, p).is_empty());
            match out
                .iter_mut()
                .find(|q| q.utils.iter().zip(v).all(|(a, b)| (a - b).abs() <= eps))
            {
                Some(q) => {
                    q.count += 1u32;
                    if clean {
                        q.clean += 1u32;
                    }
                    q.packages.push((*p).clone());
                }
                None => out.push(Point {
                    utils: v.clone(),
                    packages: vec![(*p).clone()],
                    count: BigUint::from(1u32),
                    clean: BigUint::from(u32::from(clean)),
                }),
            }
        }
        out
    }

    /// A random small scenario of `synth`, 40% red lines and
    /// `interactions`% interactions.
    fn random_scenario(
        seed: u64,
        parties: usize,
        options: Vec<usize>,
        interactions: usize,
    ) -> crate::model::Scenario {
        synth::scenario(
            &synth::Shape {
                parties,
                options,
                coarse: seed % 2 == 0,
                red_line_pct: 40,
                interaction_pct: interactions,
                numeric_first: false,
                opposed: seed % 3 == 0,
            },
            seed,
        )
    }

    fn sorted(mut v: Vec<Point>) -> Vec<Point> {
        v.sort_by(|a, b| {
            a.utils
                .iter()
                .zip(&b.utils)
                .map(|(x, y)| x.total_cmp(y))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// The staircase test of the seeds is the plain one, ties and ε
        /// included.
        #[test]
        fn seeds_cut_as_dominance(
            pts in prop::collection::vec((0u8..6, 0u8..6), 0..8),
            r in (0u8..6, 0u8..6),
            eps in prop_oneof![Just(0.0), Just(0.05), Just(0.1)],
        ) {
            let pts: Vec<Vec<f64>> = pts.iter().map(|&(a, b)| vec![f64::from(a) * 0.1, f64::from(b) * 0.1]).collect();
            let r = [f64::from(r.0) * 0.1, f64::from(r.1) * 0.1];
            let want = pts.iter().any(|q| dominates(q, &r, eps));
            prop_assert_eq!(Seeds::new(&pts, eps).beats(&r), want);
        }

        /// The Russian-doll values by stages are branch and bound's, for
        /// every party, sign and first position, caps left out.
        #[test]
        fn stage_optima_match_branch_and_bound(
            seed in any::<u64>(),
            parties in 2usize..=3,
            options in prop::collection::vec(1usize..=4, 2..=6),
            capped in any::<bool>(),
        ) {
            let mut s = random_scenario(seed, parties, options, 80);
            for prefs in &mut s.preferences {
                prefs.capped = capped;
            }
            prop_assume!(s.validate().is_ok());
            let sp = Sparse::new(&s);
            let n = sp.radices.len();
            for p in 0..parties {
                for sign in [1.0, -1.0] {
                    for k in 0..n {
                        let want = sp.optimum(p, sign, k, u64::MAX, &Silent).unwrap().unwrap();
                        let got = optimum(&sp, p, sign, k, &Silent).unwrap().unwrap();
                        prop_assert!((want - got).abs() < 1e-9, "p{} sign {} k{}: {} {}", p, sign, k, want, got);
                    }
                }
            }
            // With the Russian-doll values known (as for the later
            // positions while they are computed), cutting by them.
            let mut sp = sp;
            sp.prepare(&(0..parties).collect::<Vec<_>>(), &Silent).unwrap();
            for p in 0..parties {
                for k in 0..n {
                    let hi = optimum(&sp, p, 1.0, k, &Silent).unwrap().unwrap();
                    let lo = -optimum(&sp, p, -1.0, k, &Silent).unwrap().unwrap();
                    prop_assert!((hi - sp.rds_hi[p][k]).abs() < 1e-9);
                    prop_assert!((lo - sp.rds_lo[p][k]).abs() < 1e-9);
                }
            }
        }

        /// Every option of a frontier search (signs, lower bounds, excluded
        /// and watched red lines, listed packages, caps), with beams so
        /// narrow that their seeds are poor: the stages give what branch
        /// and bound gives.
        #[test]
        fn stages_match_branch_and_bound(
            seed in any::<u64>(),
            parties in 2usize..=3,
            options in prop::collection::vec(1usize..=4, 2..=6),
            beam in 1usize..=6,
            bits in any::<u32>(),
            lower in prop::option::of(0.0f64..0.8),
            listed in 1usize..=3,
        ) {
            let mut s = random_scenario(seed, parties, options, 70);
            for (p, prefs) in s.preferences.iter_mut().enumerate() {
                if bits >> (12 + p) & 1 == 1 {
                    prefs.capped = true;
                    for it in &mut prefs.interactions {
                        it.bonus = it.bonus.abs() * 3.0;
                    }
                    prefs.interactions.push(Interaction {
                        condition: Condition { clauses: vec![(0, vec![0])] },
                        bonus: 0.4,
                        reason: None,
                    });
                }
            }
            prop_assume!(s.validate().is_ok());
            // The searches' order, or the stages' own (`Sparse::for_stages`).
            let mut sp = Sparse::build(&s, &[], bits >> 20 & 1 == 1);
            let all: Vec<usize> = (0..parties).collect();
            sp.prepare(&all, &Silent).expect("small");
            let pick = |shift: u32| -> Vec<usize> {
                all.iter().copied().filter(|p| bits >> (shift + *p as u32) & 1 == 1).collect()
            };
            let objectives: Vec<(usize, f64)> = all
                .iter()
                .map(|&p| (p, if bits >> p & 1 == 1 { -1.0 } else { 1.0 }))
                .collect();
            let spec = Spec {
                lower: objectives
                    .iter()
                    .map(|&(_, sign)| match lower {
                        Some(l) if sign > 0.0 => l,
                        _ => f64::NEG_INFINITY,
                    })
                    .collect(),
                objectives,
                exclude_red_lines_of: pick(4),
                watch: pick(8),
                listed,
                ..Spec::default()
            };
            let want = sorted(sp.frontier(&spec, &Silent).expect("small"));
            let got = sorted(staged(&sp, &spec, beam));
            let brute = sorted(enumerated(&s, &spec));
            prop_assert_eq!(brute.len(), got.len(), "stages against enumeration");
            prop_assert_eq!(brute.len(), want.len(), "search against enumeration");
            prop_assert_eq!(got.len(), want.len());
            let brute_first: Vec<Point> = brute
                .into_iter()
                .map(|mut q| {
                    q.packages.sort();
                    q.packages.truncate(listed);
                    q
                })
                .collect();
            for g in &got {
                let near = |w: &&Point| g.utils.iter().zip(&w.utils).all(|(x, y)| (x - y).abs() < 1e-9);
                let w = want.iter().find(near);
                prop_assert!(w.is_some(), "{:?} not found by the search", g.utils);
                let w = w.unwrap();
                prop_assert_eq!(&g.count, &w.count);
                prop_assert_eq!(&g.clean, &w.clean);
                prop_assert_eq!(&g.packages, &w.packages);
                let b = brute_first.iter().find(near);
                prop_assert!(b.is_some(), "{:?} not found by enumeration", g.utils);
                let b = b.unwrap();
                prop_assert_eq!(&g.count, &b.count);
                prop_assert_eq!(&g.clean, &b.clean);
                prop_assert_eq!(&g.packages, &b.packages);
            }
        }
    }
}
