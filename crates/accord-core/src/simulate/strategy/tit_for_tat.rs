//! Relative tit-for-tat.

use chacha20::ChaCha8Rng;

use super::interface::Strategy;
use crate::simulate::view::View;

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
