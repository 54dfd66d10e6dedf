//! What a strategy sees when it moves, and the helpers strategies share.

use chacha20::ChaCha8Rng;
use rand_core::Rng;

use super::pool::Pool;
use crate::model::Scenario;

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
