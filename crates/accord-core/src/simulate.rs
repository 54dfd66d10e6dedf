//! How talks unfold: negotiation protocols and strategies, simulated.
//!
//! Parties negotiate over a *pool* of packages: every package when the
//! outcome space has at most [`POOL_LIMIT`] packages, otherwise a seeded
//! random sample of that many plus the Pareto frontier of the negotiating
//! parties. Each party knows only its own utilities; it ranks the pool by
//! them and chooses offers near its current target, optionally guided by a
//! frequency model of what the others have offered. Definitions and the
//! strategies' formulas: `docs/definitions.md`, "Simulated negotiation".

use chacha20::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use crate::compile::Compiled;
use crate::frontier::{Frontier, FrontierSpec};
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
    /// of `parties` (seeded).
    pub fn new(s: &Scenario, c: &Compiled, parties: &[usize], seed: u64) -> Pool {
        let radices: Vec<usize> = s.issues.iter().map(|i| i.options.len()).collect();
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
                    ..FrontierSpec::default()
                },
            );
            let any = |_: usize, _: usize| true;
            for j in 0..f.points().len().min(POOL_LIMIT / 4) {
                if let Some(p) = f.first_package(c, j, &any) {
                    packages.push(p);
                }
            }
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
                let choice: Vec<usize> = c
                    .groups
                    .iter()
                    .map(|g| {
                        (0..g.n_options)
                            .filter(|&o| !g.vetoed[o][p])
                            .max_by(|&a, &b| {
                                g.util(a, p, np)
                                    .total_cmp(&g.util(b, p, np))
                                    .then(b.cmp(&a))
                            })
                            .unwrap_or(0)
                    })
                    .collect();
                c.package_of(&choice)
            })
            .collect();
        Pool {
            packages,
            utils,
            free,
            n_parties: np,
            exhaustive,
            favourite,
        }
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

/// What a strategy sees when it moves.
pub struct View<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The pool.
    pub pool: &'a Pool,
    /// This party.
    pub me: usize,
    /// Round (0-based) and the deadline (rounds available).
    pub t: usize,
    /// Rounds available.
    pub deadline: usize,
    /// This party's reservation value now (after drift).
    pub reservation: f64,
    /// This party's discount factor per round.
    pub discount: f64,
    /// Pool indices of the packages crossing none of my red lines, best for
    /// me first.
    pub ranked: &'a [u32],
    /// Every offer so far: (proposer, pool index).
    pub history: &'a [(usize, u32)],
    /// Frequency model: per issue, per option, how often the others have
    /// offered it (`None` when the opponent model is off).
    pub model: Option<&'a [Vec<f64>]>,
}

impl View<'_> {
    /// My utility of package k, discounted to now.
    pub fn value(&self, k: u32) -> f64 {
        self.pool.u(k as usize, self.me) * self.discount.powi(self.t as i32)
    }

    /// My best utility in the pool.
    pub fn best(&self) -> f64 {
        self.ranked
            .first()
            .map_or(0.0, |&k| self.pool.u(k as usize, self.me))
    }

    /// The discount applied now, δ^t.
    pub fn scale(&self) -> f64 {
        self.discount.powi(self.t as i32)
    }

    /// My best utility now, discounted.
    pub fn best_now(&self) -> f64 {
        self.best() * self.scale()
    }

    /// The usual acceptance rule: acceptable, and worth at least `target`
    /// now (discounted) — or anything acceptable in the last round.
    pub fn accepts_at(&self, offer: u32, target: f64) -> bool {
        self.acceptable(offer)
            && (self.value(offer) >= target - self.scenario.tolerance
                || self.t + 1 >= self.deadline)
    }

    /// An offer worth at least `target` now (discounted), as [`View::offer_at`].
    pub fn offer_now(&self, target: f64, rng: &mut ChaCha8Rng) -> u32 {
        let sc = self.scale();
        self.offer_at(if sc > 0.0 { target / sc } else { target }, rng)
    }

    /// Fraction of the time used, in [0, 1].
    pub fn time(&self) -> f64 {
        if self.deadline <= 1 {
            1.0
        } else {
            (self.t as f64 / (self.deadline - 1) as f64).min(1.0)
        }
    }

    /// Whether package k is acceptable to me now: no red line crossed and
    /// (discounted) utility ≥ my reservation value now.
    pub fn acceptable(&self, k: u32) -> bool {
        self.pool.free[k as usize * self.pool.n_parties + self.me]
            && self.value(k) >= self.reservation - self.scenario.tolerance
    }

    /// The frequency model's score of package k (mean over issues of the
    /// option's share of the others' offers), 0 without a model.
    pub fn opponent_score(&self, k: u32) -> f64 {
        let Some(m) = self.model else { return 0.0 };
        let pk = &self.pool.packages[k as usize];
        let mut s = 0.0;
        for (i, &o) in pk.iter().enumerate() {
            let tot: f64 = m[i].iter().sum();
            if tot > 0.0 {
                s += m[i][o] / tot;
            }
        }
        s / pk.len().max(1) as f64
    }

    /// An offer at (or just above) a target utility: among my packages with
    /// utility in [target, target + 0.02] (or, if none, the one just above
    /// the target; if none, my best), the one the frequency model rates
    /// highest, else a random one.
    pub fn offer_at(&self, target: f64, rng: &mut ChaCha8Rng) -> u32 {
        let u = |k: u32| self.pool.u(k as usize, self.me);
        // `ranked` is sorted by utility, descending.
        let above = self.ranked.partition_point(|&k| u(k) >= target);
        if above == 0 {
            return self.ranked[0];
        }
        let lo = self.ranked[..above].partition_point(|&k| u(k) > target + 0.02);
        let window = if lo < above {
            &self.ranked[lo..above]
        } else {
            &self.ranked[above - 1..above]
        };
        if self.model.is_some() {
            let mut best = window[0];
            let mut score = f64::NEG_INFINITY;
            for &k in window {
                let s = self.opponent_score(k);
                if s > score {
                    best = k;
                    score = s;
                }
            }
            best
        } else {
            window[(rng.next_u64() % window.len() as u64) as usize]
        }
    }
}

/// A negotiation strategy. Implement it to add your own.
pub trait Strategy: Send {
    /// Name shown in output.
    fn name(&self) -> String;
    /// The next offer (a pool index).
    fn propose(&mut self, v: &View, rng: &mut ChaCha8Rng) -> u32;
    /// Whether to accept the standing offer.
    fn accept(&mut self, v: &View, offer: u32, rng: &mut ChaCha8Rng) -> bool;
}

/// Time-dependent concession: target(t) = max − (max − min)·t^e, t the
/// fraction of time used, min the reservation value now; e > 1 concedes late
/// (Boulware), e = 1 linearly, e < 1 early (conceder). Accepts an offer
/// worth at least its current target (or, in the last round, anything
/// acceptable).
#[derive(Debug, Clone)]
pub struct TimeDependent {
    /// The exponent e.
    pub e: f64,
    /// Its name.
    pub label: String,
}

impl TimeDependent {
    /// The target now, on the discounted scale.
    fn target(&self, v: &View) -> f64 {
        let max = v.best_now();
        let min = v.reservation.min(max);
        max - (max - min) * v.time().powf(self.e)
    }
}

impl Strategy for TimeDependent {
    fn name(&self) -> String {
        self.label.clone()
    }
    fn propose(&mut self, v: &View, rng: &mut ChaCha8Rng) -> u32 {
        v.offer_now(self.target(v), rng)
    }
    fn accept(&mut self, v: &View, offer: u32, _: &mut ChaCha8Rng) -> bool {
        v.accepts_at(offer, self.target(v))
    }
}

/// Offers its best package every time; accepts only an offer worth its best.
#[derive(Debug, Clone, Default)]
pub struct Hardliner;

impl Strategy for Hardliner {
    fn name(&self) -> String {
        "hardliner".into()
    }
    fn propose(&mut self, v: &View, _: &mut ChaCha8Rng) -> u32 {
        v.ranked[0]
    }
    fn accept(&mut self, v: &View, offer: u32, _: &mut ChaCha8Rng) -> bool {
        v.acceptable(offer) && v.value(offer) >= v.best_now() - v.scenario.tolerance
    }
}

/// Relative tit-for-tat: starts at its best and lowers its target by as
/// much as the others' last offer improved for it (never below its
/// reservation value).
#[derive(Debug, Clone, Default)]
pub struct TitForTat {
    target: Option<f64>,
    seen: usize,
}

impl Strategy for TitForTat {
    fn name(&self) -> String {
        "tit-for-tat".into()
    }
    fn propose(&mut self, v: &View, rng: &mut ChaCha8Rng) -> u32 {
        let mut target = self.target.unwrap_or_else(|| v.best());
        // The others' offers, newest last, in my utility.
        let theirs: Vec<f64> = v
            .history
            .iter()
            .filter(|(who, _)| *who != v.me)
            .map(|&(_, k)| v.pool.u(k as usize, v.me))
            .collect();
        if theirs.len() >= 2 && theirs.len() > self.seen {
            let gain = theirs[theirs.len() - 1] - theirs[theirs.len() - 2];
            if gain > 0.0 {
                target -= gain;
            }
        }
        self.seen = theirs.len();
        let sc = v.scale();
        let floor = if sc > 0.0 {
            v.reservation / sc
        } else {
            v.reservation
        };
        let target = target.max(floor);
        self.target = Some(target);
        v.offer_at(target, rng)
    }
    fn accept(&mut self, v: &View, offer: u32, _: &mut ChaCha8Rng) -> bool {
        // Its target is on its own undiscounted scale.
        let target = self.target.unwrap_or_else(|| v.best());
        v.acceptable(offer)
            && (v.pool.u(offer as usize, v.me) >= target - v.scenario.tolerance
                || v.t + 1 >= v.deadline)
    }
}

/// Aspiration: target(t) = r + (max − r)·γ^round, falling geometrically
/// from its best towards its reservation value.
#[derive(Debug, Clone)]
pub struct Aspiration {
    /// γ in (0, 1).
    pub gamma: f64,
}

impl Aspiration {
    /// The target now, on the discounted scale.
    fn target(&self, v: &View) -> f64 {
        let max = v.best_now();
        let r = v.reservation.min(max);
        r + (max - r) * self.gamma.powi(v.t as i32)
    }
}

impl Strategy for Aspiration {
    fn name(&self) -> String {
        format!("aspiration({})", self.gamma)
    }
    fn propose(&mut self, v: &View, rng: &mut ChaCha8Rng) -> u32 {
        v.offer_now(self.target(v), rng)
    }
    fn accept(&mut self, v: &View, offer: u32, _: &mut ChaCha8Rng) -> bool {
        v.accepts_at(offer, self.target(v))
    }
}

/// Random baseline: offers a random package acceptable to itself (else its
/// best); accepts anything acceptable.
#[derive(Debug, Clone, Default)]
pub struct RandomStrategy;

impl Strategy for RandomStrategy {
    fn name(&self) -> String {
        "random".into()
    }
    fn propose(&mut self, v: &View, rng: &mut ChaCha8Rng) -> u32 {
        let n = v
            .ranked
            .partition_point(|&k| v.value(k) >= v.reservation - v.scenario.tolerance);
        if n == 0 {
            return v.ranked[0];
        }
        v.ranked[(rng.next_u64() % n as u64) as usize]
    }
    fn accept(&mut self, v: &View, offer: u32, _: &mut ChaCha8Rng) -> bool {
        v.acceptable(offer)
    }
}

/// The strategy names accepted on the command line.
pub const STRATEGIES: &[&str] = &[
    "boulware",
    "linear",
    "conceder",
    "tit-for-tat",
    "hardliner",
    "aspiration",
    "random",
];

/// A built-in strategy by name: `boulware` (e = 4), `linear` (e = 1),
/// `conceder` (e = 0.25), `time(E)` (any e > 0), `tit-for-tat`,
/// `hardliner`, `aspiration` (γ = 0.9) or `aspiration(G)`, `random`.
pub fn strategy(name: &str) -> Option<Box<dyn Strategy>> {
    let n = name.trim();
    let arg = |prefix: &str| -> Option<f64> {
        n.strip_prefix(prefix)?
            .strip_prefix('(')?
            .strip_suffix(')')?
            .trim()
            .parse()
            .ok()
    };
    let td = |e: f64, label: &str| -> Box<dyn Strategy> {
        Box::new(TimeDependent {
            e,
            label: label.to_string(),
        })
    };
    Some(match n {
        "boulware" => td(4.0, "boulware"),
        "linear" => td(1.0, "linear"),
        "conceder" => td(0.25, "conceder"),
        "tit-for-tat" => Box::new(TitForTat::default()),
        "hardliner" => Box::new(Hardliner),
        "aspiration" => Box::new(Aspiration { gamma: 0.9 }),
        "random" => Box::new(RandomStrategy),
        _ => {
            if let Some(e) = arg("time").filter(|e| *e > 0.0 && e.is_finite()) {
                td(e, &format!("time({e})"))
            } else if let Some(g) = arg("aspiration").filter(|g| *g > 0.0 && *g < 1.0) {
                Box::new(Aspiration { gamma: g })
            } else {
                return None;
            }
        }
    })
}

/// The negotiation protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Two parties alternate offers; the other accepts or counters.
    Alternating,
    /// Multilateral stacked alternating offers: parties move in turn, each
    /// accepting the standing offer or replacing it; agreement when all the
    /// others have accepted it in a row.
    Stacked,
    /// The mediator's single negotiating text, then one yes/no vote.
    SingleText,
    /// A one-shot summit: the host proposes once, everyone answers once.
    Summit,
}

impl Protocol {
    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Alternating => "alternating",
            Protocol::Stacked => "stacked",
            Protocol::SingleText => "single-text",
            Protocol::Summit => "summit",
        }
    }
    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Protocol> {
        Some(match s {
            "alternating" => Protocol::Alternating,
            "stacked" => Protocol::Stacked,
            "single-text" => Protocol::SingleText,
            "summit" => Protocol::Summit,
            _ => return None,
        })
    }
}

/// Settings of one simulated negotiation.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The protocol.
    pub protocol: Protocol,
    /// The negotiating parties, in moving order (their acceptance is
    /// required); for `alternating`, exactly two.
    pub parties: Vec<usize>,
    /// The deadline in rounds (one offer or one text revision per round).
    pub deadline: usize,
    /// Per party: change of its reservation value per round (time pressure).
    pub drift: Vec<f64>,
    /// Per party: discount factor per round (1 = none).
    pub discount: Vec<f64>,
    /// Use the frequency model of the others' offers.
    pub opponent_model: bool,
    /// Seed.
    pub seed: u64,
}

/// One step of the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Round.
    pub round: usize,
    /// Who made the offer (the mediator or host for texts and summits).
    pub proposer: Option<usize>,
    /// What was on the table.
    pub offer: Vec<usize>,
    /// What changed, for single-text revisions: (issue, complaining parties).
    pub revision: Option<(usize, Vec<usize>)>,
    /// Responses: (party, accepted).
    pub responses: Vec<(usize, bool)>,
}

/// The outcome of one negotiation.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The agreed package, if any.
    pub agreement: Option<Vec<usize>>,
    /// Rounds used.
    pub rounds: usize,
    /// Every party's utility: of the agreement (discounted to the round of
    /// agreement), or its reservation value at the end without one.
    pub utilities: Vec<f64>,
    /// The party that broke the talks off, having nothing left that it
    /// prefers to no deal.
    pub walked_away: Option<usize>,
    /// Every step.
    pub trace: Vec<Step>,
}

/// Per-party state in a negotiation.
struct Agent<'a> {
    strategy: Box<dyn Strategy>,
    ranked: &'a [u32],
    model: Vec<Vec<f64>>,
}

fn ranked_for(pool: &Pool, p: usize) -> Vec<u32> {
    let mut r: Vec<u32> = (0..pool.len() as u32)
        .filter(|&k| pool.free[k as usize * pool.n_parties + p])
        .collect();
    r.sort_by(|&a, &b| {
        pool.u(b as usize, p)
            .total_cmp(&pool.u(a as usize, p))
            .then(a.cmp(&b))
    });
    r
}

/// Each party's packages ranked by its own utility (shared across runs).
pub fn rankings(pool: &Pool) -> Vec<Vec<u32>> {
    (0..pool.n_parties).map(|p| ranked_for(pool, p)).collect()
}

fn reservation_at(s: &Scenario, setup: &Setup, p: usize, t: usize) -> f64 {
    (s.parties[p].reservation + setup.drift.get(p).copied().unwrap_or(0.0) * t as f64)
        .clamp(0.0, 1.0)
}

fn discount_of(setup: &Setup, p: usize) -> f64 {
    setup.discount.get(p).copied().unwrap_or(1.0)
}

/// Runs one negotiation. `strategies[p]` is party p's strategy (used for
/// the negotiating parties and, in a summit, the host); `rankings` from
/// [`rankings`].
pub fn run(
    s: &Scenario,
    pool: &Pool,
    rankings: &[Vec<u32>],
    setup: &Setup,
    mut strategies: Vec<Option<Box<dyn Strategy>>>,
) -> Outcome {
    let n_issues = s.issues.len();
    let mut rng = ChaCha8Rng::seed_from_u64(setup.seed);
    let mut agents: Vec<Option<Agent>> = (0..s.parties.len())
        .map(|p| {
            strategies[p].take().map(|strategy| Agent {
                strategy,
                ranked: &rankings[p],
                model: s
                    .issues
                    .iter()
                    .map(|i| vec![0.0; i.options.len()])
                    .collect(),
            })
        })
        .collect();
    let mut history: Vec<(usize, u32)> = Vec::new();
    let mut trace: Vec<Step> = Vec::new();
    let acceptable_now = |p: usize, k: u32, t: usize| {
        pool.free[k as usize * pool.n_parties + p]
            && pool.u(k as usize, p) * discount_of(setup, p).powi(t as i32)
                >= reservation_at(s, setup, p, t) - s.tolerance
    };
    let finish = |agreement: Option<Vec<usize>>,
                  rounds: usize,
                  walked_away: Option<usize>,
                  trace: Vec<Step>|
     -> Outcome {
        let t_end = rounds.saturating_sub(1);
        let utilities = (0..s.parties.len())
            .map(|p| match &agreement {
                Some(k) => s.utility(p, k) * discount_of(setup, p).powi(t_end as i32),
                None => reservation_at(s, setup, p, rounds),
            })
            .collect();
        Outcome {
            agreement,
            rounds,
            utilities,
            walked_away,
            trace,
        }
    };
    // A party's move: build its view and call the strategy.
    macro_rules! with_view {
        ($p:expr, $t:expr, $f:expr) => {{
            let p: usize = $p;
            let a = agents[p]
                .as_mut()
                .expect("a negotiating party has a strategy");
            let v = View {
                scenario: s,
                pool,
                me: p,
                t: $t,
                deadline: setup.deadline,
                reservation: reservation_at(s, setup, p, $t),
                discount: discount_of(setup, p),
                ranked: a.ranked,
                history: &history,
                model: if setup.opponent_model {
                    Some(&a.model)
                } else {
                    None
                },
            };
            #[allow(clippy::redundant_closure_call)]
            ($f)(&mut a.strategy, &v, &mut rng)
        }};
    }
    let parties = &setup.parties;
    if parties.is_empty() || pool.is_empty() {
        return finish(None, 0, None, trace);
    }
    match setup.protocol {
        Protocol::Alternating | Protocol::Stacked => {
            let n = parties.len();
            let mut standing: Option<u32> = None;
            let mut standing_by = parties[0];
            let mut accepted_in_row = 0;
            // Everyone who has said yes to the standing offer.
            let mut acceptors: Vec<usize> = Vec::new();
            for t in 0..setup.deadline {
                let p = parties[t % n];
                if let Some(offer) = standing {
                    let yes = with_view!(
                        p,
                        t,
                        |st: &mut Box<dyn Strategy>, v: &View, r: &mut ChaCha8Rng| st
                            .accept(v, offer, r)
                    );
                    if let Some(last) = trace.last_mut() {
                        last.responses.push((p, yes));
                    }
                    if yes {
                        accepted_in_row += 1;
                        acceptors.push(p);
                        // Agreement needs the proposer and everyone who said
                        // yes to still prefer the offer to no deal now (time
                        // pressure may have moved their reservation values).
                        if accepted_in_row == n - 1
                            && acceptable_now(standing_by, offer, t)
                            && acceptors.iter().all(|&q| acceptable_now(q, offer, t))
                        {
                            let pk = pool.packages[offer as usize].clone();
                            return finish(Some(pk), t + 1, None, trace);
                        }
                        if setup.protocol == Protocol::Stacked && accepted_in_row < n - 1 {
                            continue;
                        }
                    }
                }
                // Make a (counter-)offer; a party with no package free of its
                // own red lines has nothing to offer and walks away.
                if agents[p].as_ref().is_none_or(|a| a.ranked.is_empty()) {
                    return finish(None, t + 1, Some(p), trace);
                }
                let offer = with_view!(
                    p,
                    t,
                    |st: &mut Box<dyn Strategy>, v: &View, r: &mut ChaCha8Rng| st.propose(v, r)
                );
                if !acceptable_now(p, offer, t) {
                    // Nothing it prefers to no deal: it walks away.
                    return finish(None, t + 1, Some(p), trace);
                }
                history.push((p, offer));
                for (q, a) in agents.iter_mut().enumerate() {
                    if q != p {
                        if let Some(a) = a.as_mut() {
                            for (i, &o) in pool.packages[offer as usize]
                                .iter()
                                .enumerate()
                                .take(n_issues)
                            {
                                a.model[i][o] += 1.0;
                            }
                        }
                    }
                }
                trace.push(Step {
                    round: t,
                    proposer: Some(p),
                    offer: pool.packages[offer as usize].clone(),
                    revision: None,
                    responses: Vec::new(),
                });
                standing = Some(offer);
                standing_by = p;
                accepted_in_row = 0;
                acceptors.clear();
                if n == 1 {
                    // Alone at the table: its own acceptable offer is the deal.
                    let pk = pool.packages[offer as usize].clone();
                    return finish(Some(pk), t + 1, None, trace);
                }
            }
            finish(None, setup.deadline, None, trace)
        }
        Protocol::Summit => {
            // The host (the mediator, else the first party) brings its own
            // favourite package; everyone answers once, with no second
            // chance: yes to whatever beats no deal.
            let host = s.mediator().unwrap_or(parties[0]);
            let pk = pool.favourite[host].clone();
            let responses: Vec<(usize, bool)> = parties
                .iter()
                .map(|&p| {
                    (
                        p,
                        s.red_lines_crossed(p, &pk).is_empty()
                            && s.utility(p, &pk) >= reservation_at(s, setup, p, 0) - s.tolerance,
                    )
                })
                .collect();
            let all = responses.iter().all(|r| r.1);
            trace.push(Step {
                round: 0,
                proposer: Some(host),
                offer: pk.clone(),
                revision: None,
                responses,
            });
            finish(all.then_some(pk), 1, None, trace)
        }
        Protocol::SingleText => {
            single_text(s, pool, setup, trace, &|a, r, t| finish(a, r, None, t))
        }
    }
}

fn single_text(
    s: &Scenario,
    pool: &Pool,
    setup: &Setup,
    mut trace: Vec<Step>,
    finish: &dyn Fn(Option<Vec<usize>>, usize, Vec<Step>) -> Outcome,
) -> Outcome {
    let parties = &setup.parties;
    let med = s.mediator();
    // The first draft: the mediator's favourite package (without a
    // mediator: the pool's best for the negotiating parties together).
    let score0 = |k: usize| -> f64 {
        match med {
            Some(m) => pool.u(k, m),
            None => parties.iter().map(|&p| pool.u(k, p)).sum(),
        }
    };
    let mut text = match med {
        Some(m) => pool.favourite[m].clone(),
        None => {
            let first = (0..pool.len())
                .max_by(|&a, &b| score0(a).total_cmp(&score0(b)).then(b.cmp(&a)))
                .expect("a non-empty pool");
            pool.packages[first].clone()
        }
    };
    let margin = |pk: &[usize], p: usize, t: usize| -> Option<f64> {
        s.red_lines_crossed(p, pk).is_empty().then(|| {
            s.utility(p, pk) * discount_of(setup, p).powi(t as i32) - reservation_at(s, setup, p, t)
        })
    };
    let ok = |pk: &[usize], p: usize, t: usize| margin(pk, p, t).is_some_and(|m| m >= -s.tolerance);
    // How good a text is: how many accept, then the smallest margin.
    let quality = |pk: &[usize], t: usize| -> (usize, f64) {
        let n = parties.iter().filter(|&&p| ok(pk, p, t)).count();
        let m = parties
            .iter()
            .map(|&p| margin(pk, p, t).unwrap_or(-1.0))
            .fold(f64::INFINITY, f64::min);
        (n, m)
    };
    let mut round = 0;
    while round + 1 < setup.deadline {
        let t = round;
        if parties.iter().all(|&p| ok(&text, p, t)) {
            break;
        }
        // Each party not yet satisfied names the issue that costs it most.
        let mut complaints: Vec<(usize, Vec<usize>)> = Vec::new();
        for &p in parties {
            if ok(&text, p, t) {
                continue;
            }
            let prefs = &s.preferences[p];
            // A crossed red line hurts most: name its first issue; else the
            // issue where the text costs the party most utility.
            let crossed = s.red_lines_crossed(p, &text);
            let worst = match crossed.first() {
                Some(&r) => prefs.red_lines[r]
                    .condition
                    .issues()
                    .next()
                    .map(|i| (i, 1.0)),
                None => (0..s.issues.len())
                    .map(|i| {
                        let best = prefs.values[i].iter().copied().fold(0.0, f64::max);
                        (i, prefs.weights[i] * (best - prefs.values[i][text[i]]))
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))),
            };
            if let Some((i, _)) = worst {
                match complaints.iter_mut().find(|c| c.0 == i) {
                    Some(c) => c.1.push(p),
                    None => complaints.push((i, vec![p])),
                }
            }
        }
        // Revise: the single change to a complained-about issue that most
        // improves the text (more parties accepting, then a larger smallest
        // margin); stop when no change improves it.
        let (q0, m0) = quality(&text, t);
        let mut best: Option<((usize, f64), Vec<usize>, usize)> = None;
        for (i, _) in &complaints {
            for o in 0..s.issues[*i].options.len() {
                if o == text[*i] {
                    continue;
                }
                let mut pk = text.clone();
                pk[*i] = o;
                let (q, m) = quality(&pk, t);
                let better = match &best {
                    None => true,
                    Some(((bq, bm), _, _)) => q > *bq || (q == *bq && m > bm + 1e-12),
                };
                if better {
                    best = Some(((q, m), pk, *i));
                }
            }
        }
        match best {
            Some(((q, m), pk, i)) if q > q0 || (q == q0 && m > m0 + 1e-12) => {
                let who = complaints
                    .iter()
                    .find(|c| c.0 == i)
                    .map(|c| c.1.clone())
                    .unwrap_or_default();
                trace.push(Step {
                    round,
                    proposer: med,
                    offer: pk.clone(),
                    revision: Some((i, who)),
                    responses: Vec::new(),
                });
                text = pk;
                round += 1;
            }
            _ => break,
        }
    }
    // The vote: each party answers once.
    let t = round;
    let responses: Vec<(usize, bool)> = parties.iter().map(|&p| (p, ok(&text, p, t))).collect();
    let all = responses.iter().all(|r| r.1);
    trace.push(Step {
        round,
        proposer: med,
        offer: text.clone(),
        revision: None,
        responses,
    });
    finish(all.then_some(text), round + 1, trace)
}

/// Euclidean distance from `u` to the nearest of `points` (over the same
/// coordinates); `None` without points.
pub fn distance(u: &[f64], points: &[Vec<f64>]) -> Option<f64> {
    points
        .iter()
        .map(|q| {
            q.iter()
                .zip(u)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .min_by(|a, b| a.total_cmp(b))
}
