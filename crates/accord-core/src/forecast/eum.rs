//! Bueno de Mesquita's expected-utility model of group decisions, as
//! specified by Scholz, Calbert and Smith (2011), "Unravelling Bueno De
//! Mesquita's Group Decision Model", Journal of Theoretical Politics 23(4).
//!
//! One dimension at a time (a multi-dimensional input is forecast dimension
//! by dimension). Two readings, because the paper's printed equations do not
//! reproduce the paper's own results table (Table 2):
//! - [`Reading::Table2`] (default): the reading of the public implementation
//!   whose author follows Scholz's code (jmckib/bdm-scholz-expected-utility-model),
//!   the only one found that reproduces Table 2 (7 of 8 medians and all 8
//!   means to one decimal on the EU emissions case);
//! - [`Reading::Paper`]: the printed equations taken literally.
//!
//! Equations, sources and the differences: `docs/definitions.md`, "Forecasting".

// The formulas are written with the papers' and KTAB's indices (i, j, k, m)
// so that each line can be checked against its source.
#![allow(clippy::needless_range_loop)]

use super::actors::{span, weighted_median, Actors};
use super::prediction::{Forecast, Model, Round};

const EPS: f64 = 1e-12;

/// Which reading of Scholz et al.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Reproduces the paper's Table 2 (default).
    Table2,
    /// The printed equations, literally.
    Paper,
}

/// Settings of the model.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The reading.
    pub reading: Reading,
    /// Probability that the status quo persists when i does not challenge
    /// (Scholz used 1 for this case).
    pub q: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            reading: Reading::Table2,
            q: 1.0,
        }
    }
}

/// Default number of rounds when none is given (the model may cycle).
pub const DEFAULT_ROUNDS: usize = 10;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Conflict,
    Compromise,
    Capitulate,
}

/// An offer to a mover: (kind, proposer, new position, proposer's EU, mover's EU).
type Offer = (Kind, usize, f64, f64, f64);

struct Eum<'a> {
    c: &'a [f64],
    s: Vec<f64>,
    x: Vec<f64>,
    range: f64,
    r: Vec<f64>,
    mu: f64,
    cfg: Config,
    /// Table-2 reading: Σ |votes| over all triples, for the current r and x.
    den: f64,
    /// `g[k * n + i]`: voter k's distance term for actor i's position,
    /// (|x_k − x_i|/R)^{r_k} (Table 2) or |x_k − x_i|/R (paper).
    g: Vec<f64>,
}

impl<'a> Eum<'a> {
    /// The model on dimension d of the actors, before any round.
    fn new(a: &'a Actors, d: usize, cfg: Config) -> Eum<'a> {
        let x: Vec<f64> = a.position.iter().map(|p| p[d]).collect();
        let (lo, hi) = span(x.iter().copied());
        Eum {
            c: &a.capability,
            s: a.salience.iter().map(|s| s[d]).collect(),
            x,
            range: if hi > lo { hi - lo } else { 1.0 },
            r: vec![1.0; a.n()],
            mu: 0.0,
            cfg,
            den: 0.0,
            g: Vec::new(),
        }
    }

    /// Recomputes the voters' distance terms and the Table-2 denominator
    /// (after r or x change).
    fn refresh(&mut self) {
        let n = self.n();
        let mut g = vec![0.0; n * n];
        for k in 0..n {
            for i in 0..n {
                let d = (self.x[k] - self.x[i]).abs() / self.range;
                g[k * n + i] = match self.cfg.reading {
                    Reading::Table2 => d.powf(self.r[k]),
                    Reading::Paper => d,
                };
            }
        }
        if self.cfg.reading == Reading::Table2 {
            // Σ_k w_k Σ_{p,q} |g_k(q) − g_k(p)|, by sorting each voter's
            // terms: Σ_{p,q} |a_p − a_q| = 2 Σ_t a_(t) (2t − n + 1).
            let mut den = 0.0;
            for k in 0..n {
                let mut a: Vec<f64> = g[k * n..(k + 1) * n].to_vec();
                a.sort_by(|x, y| x.total_cmp(y));
                let mut s = 0.0;
                for (t, v) in a.iter().enumerate() {
                    s += v * (2.0 * t as f64 - n as f64 + 1.0);
                }
                den += self.c[k] * self.s[k] * 2.0 * s;
            }
            self.den = den;
        }
        self.g = g;
    }

    fn n(&self) -> usize {
        self.x.len()
    }

    /// Votes for x_j against x_k (> 0: x_j wins), linear utilities.
    fn votes(&self, xj: f64, xk: f64) -> f64 {
        let mut v = 0.0;
        for i in 0..self.n() {
            v += self.c[i] * self.s[i] * ((self.x[i] - xk).abs() - (self.x[i] - xj).abs());
        }
        v / self.range
    }

    /// The position (among the current ones) that beats or ties every other
    /// in pairwise votes; ties: the largest smallest margin, then the smaller x.
    fn condorcet_median(&self) -> f64 {
        let mut cands = self.x.clone();
        cands.sort_by(|a, b| a.total_cmp(b));
        cands.dedup();
        let mut best: Option<(f64, f64)> = None;
        for &xj in &cands {
            let m = cands
                .iter()
                .filter(|&&xk| xk != xj)
                .map(|&xk| self.votes(xj, xk))
                .fold(f64::INFINITY, f64::min);
            let m = if m.is_finite() { m } else { 0.0 };
            if m >= -EPS && best.is_none_or(|b| m > b.0 + EPS) {
                best = Some((m, xj));
            }
        }
        match best {
            Some(b) => b.1,
            None => {
                let w: Vec<f64> = (0..self.n()).map(|i| self.c[i] * self.s[i]).collect();
                weighted_median(&self.x, &w)
            }
        }
    }

    /// Voter k's vote for actor i's position against actor j's.
    fn vote_k(&self, k: usize, i: usize, j: usize) -> f64 {
        let n = self.n();
        self.c[k] * self.s[k] * (self.g[k * n + j] - self.g[k * n + i])
    }

    /// P^i: the probability that i prevails over j.
    fn prob(&self, i: usize, j: usize) -> f64 {
        if self.x[i] == self.x[j] {
            return 0.0;
        }
        let v: Vec<f64> = (0..self.n()).map(|k| self.vote_k(k, i, j)).collect();
        let pos: f64 = v.iter().filter(|t| **t > 0.0).sum();
        match self.cfg.reading {
            Reading::Paper => {
                let den: f64 = v.iter().map(|t| t.abs()).sum();
                if den > 0.0 {
                    pos / den
                } else {
                    0.0
                }
            }
            Reading::Table2 => {
                // Over every triple (as in Scholz's code, per jmckib);
                // computed once per r and x by `refresh`.
                if self.den > 0.0 {
                    pos / self.den
                } else {
                    0.0
                }
            }
        }
    }

    /// U^s, U^f, U^b, U^w, U^sq of i with respect to j, exponent r.
    fn utilities(&self, i: usize, j: usize, r: f64) -> (f64, f64, f64, f64, f64) {
        let d = (self.x[i] - self.x[j]).abs() / self.range;
        let dm = (self.x[i] - self.mu).abs() / self.range;
        let us = 2.0 - 4.0 * (0.5 - 0.5 * d).powf(r);
        let uf = 2.0 - 4.0 * (0.5 + 0.5 * d).powf(r);
        let ub = 2.0 - 4.0 * f64::max(0.5 - 0.25 * (dm + d), 0.0).powf(r);
        let uw = 2.0 - 4.0 * (0.5 + 0.25 * (dm + d)).powf(r);
        let usq = 2.0 - 4.0 * 0.5f64.powf(r);
        (us, uf, ub, uw, usq)
    }

    /// E^i(U_ij): i's expected utility of challenging j, with exponent r.
    fn eu(&self, i: usize, j: usize, r: f64) -> f64 {
        if self.x[i] == self.x[j] {
            return 0.0;
        }
        let q = self.cfg.q;
        let p = self.prob(i, j);
        let (us, uf, ub, uw, usq) = self.utilities(i, j, r);
        let sj = self.s[j];
        let t = if (self.x[i] - self.mu).abs() < (self.x[i] - self.x[j]).abs() {
            1.0
        } else {
            0.0
        };
        let challenge = sj * (p * us + (1.0 - p) * uf) + (1.0 - sj) * us;
        let no_challenge = q * usq + (1.0 - q) * (t * ub + (1.0 - t) * uw);
        challenge - no_challenge
    }

    fn eu_matrix(&self, r: &[f64]) -> Vec<Vec<f64>> {
        (0..self.n())
            .map(|i| {
                (0..self.n())
                    .map(|j| if i == j { 0.0 } else { self.eu(i, j, r[i]) })
                    .collect()
            })
            .collect()
    }

    /// Risk exponents from security levels (first pass with r = 1).
    fn risk(&mut self) -> Vec<f64> {
        let n = self.n();
        self.r = vec![1.0; n];
        self.refresh();
        let e1 = self.eu_matrix(&self.r.clone());
        let sec: Vec<f64> = (0..n)
            .map(|i| (0..n).filter(|&j| j != i).map(|j| e1[j][i]).sum())
            .collect();
        let mx = sec.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mn = sec.iter().copied().fold(f64::INFINITY, f64::min);
        let big_r: Vec<f64> = if mx - mn <= EPS {
            vec![0.0; n]
        } else {
            sec.iter()
                .map(|s| (2.0 * s - mx - mn) / (mx - mn))
                .collect()
        };
        big_r
            .iter()
            .map(|q| (1.0 - q / 3.0) / (1.0 + q / 3.0))
            .collect()
    }

    fn classify(&self, m: usize, p: usize, a: f64, b: f64) -> Option<Offer> {
        let (xm, xp) = (self.x[m], self.x[p]);
        if b <= 0.0 {
            return None;
        }
        if a > 0.0 {
            if b > a {
                return Some((Kind::Conflict, p, xp, b, a));
            }
            return None;
        }
        if a < 0.0 {
            if b > a.abs() {
                return Some((Kind::Compromise, p, xm + (xp - xm) * (a / b).abs(), b, a));
            }
            // Scholz's code (per jmckib) never capitulates.
            if self.cfg.reading == Reading::Paper && a.abs() > b {
                return Some((Kind::Capitulate, p, xp, b, a));
            }
        }
        None
    }

    fn select(&self, m: usize, offers: &[Offer]) -> Offer {
        let xm = self.x[m];
        let dist = |o: &Offer| (o.2 - xm).abs();
        let by_dist = |os: &[Offer]| -> Offer {
            *os.iter()
                .min_by(|a, b| dist(a).total_cmp(&dist(b)).then(a.2.total_cmp(&b.2)))
                .expect("offers")
        };
        match self.cfg.reading {
            Reading::Paper => *offers
                .iter()
                .min_by(|a, b| {
                    b.3.total_cmp(&a.3)
                        .then(dist(a).total_cmp(&dist(b)))
                        .then(a.2.total_cmp(&b.2))
                })
                .expect("offers"),
            Reading::Table2 => {
                for kind in [Kind::Conflict, Kind::Compromise, Kind::Capitulate] {
                    let ks: Vec<Offer> = offers.iter().copied().filter(|o| o.0 == kind).collect();
                    if ks.is_empty() {
                        continue;
                    }
                    if kind == Kind::Compromise {
                        let key = |o: &Offer| {
                            (o.4.abs() * xm + o.3.abs() * self.x[o.1]) / (o.4.abs() + o.3.abs())
                        };
                        return *ks
                            .iter()
                            .min_by(|a, b| key(a).total_cmp(&key(b)))
                            .expect("offers");
                    }
                    return by_dist(&ks);
                }
                by_dist(offers)
            }
        }
    }

    /// One round; every actor moves at once. Returns the exponents used.
    fn round(&mut self) -> Vec<f64> {
        let n = self.n();
        self.mu = match self.cfg.reading {
            Reading::Table2 | Reading::Paper => self.condorcet_median(),
        };
        let r = self.risk();
        self.r = r.clone();
        self.refresh();
        let e = self.eu_matrix(&r);
        let mut new_x = self.x.clone();
        for m in 0..n {
            let mut offers = Vec::new();
            for p in 0..n {
                if p == m || self.x[p] == self.x[m] {
                    continue;
                }
                let (a, b) = match self.cfg.reading {
                    Reading::Paper => (e[m][p], e[p][m]),
                    Reading::Table2 => (e[m][p], self.eu(p, m, r[m])),
                };
                if let Some(o) = self.classify(m, p, a, b) {
                    offers.push(o);
                }
            }
            if !offers.is_empty() {
                new_x[m] = self.select(m, &offers).2;
            }
        }
        self.x = new_x;
        r
    }
}

/// Runs the model with the default settings.
pub fn run(a: &Actors, rounds: Option<usize>) -> Forecast {
    run_with(a, rounds, Config::default())
}

/// Runs the model on each dimension: `rounds` rounds (default
/// [`DEFAULT_ROUNDS`]), stopping early when no position changes. The
/// forecast per dimension is the Condorcet median of the final positions.
pub fn run_with(a: &Actors, rounds: Option<usize>, cfg: Config) -> Forecast {
    let n = a.n();
    let limit = rounds.unwrap_or(DEFAULT_ROUNDS);
    // positions[t][actor][dim]
    let mut traj: Vec<Vec<Vec<f64>>> = vec![a.position.clone()];
    let mut risk0: Option<Vec<f64>> = None;
    let mut outcome = Vec::with_capacity(a.dims());
    let mut per_dim: Vec<Vec<Vec<f64>>> = Vec::new(); // [dim][t][actor]
    for d in 0..a.dims() {
        let mut m = Eum::new(a, d, cfg);
        let x = m.x.clone();
        let (lo, hi) = span(x.iter().copied());
        let mut hist = vec![x];
        if hi > lo {
            for t in 0..limit {
                let before = m.x.clone();
                let r = m.round();
                if t == 0 && d == 0 {
                    risk0 = Some(r);
                }
                hist.push(m.x.clone());
                if m.x == before {
                    break;
                }
            }
        }
        outcome.push(m.condorcet_median());
        per_dim.push(hist);
    }
    let t_max = per_dim.iter().map(Vec::len).max().unwrap_or(1);
    for t in 1..t_max {
        traj.push(
            (0..n)
                .map(|i| {
                    (0..a.dims())
                        .map(|d| {
                            let h = &per_dim[d];
                            h[t.min(h.len() - 1)][i]
                        })
                        .collect()
                })
                .collect(),
        );
    }
    let rounds = traj
        .into_iter()
        .enumerate()
        .map(|(t, positions)| Round {
            positions,
            probabilities: None,
            risk: if t == 0 && a.dims() == 1 {
                risk0.clone()
            } else {
                None
            },
        })
        .collect();
    Forecast {
        model: Model::Eum,
        outcome,
        rounds,
    }
}

/// The round-0 Condorcet median of one dimension (for reports and tests).
pub fn condorcet_median(a: &Actors, d: usize) -> f64 {
    Eum::new(a, d, Config::default()).condorcet_median()
}
