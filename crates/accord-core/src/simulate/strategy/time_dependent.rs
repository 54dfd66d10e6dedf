//! Time-dependent concession (Boulware, linear, conceder).

use chacha20::ChaCha8Rng;

use super::interface::Strategy;
use crate::simulate::view::View;

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
