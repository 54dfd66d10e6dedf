//! Aspiration: a target falling geometrically.

use chacha20::ChaCha8Rng;

use super::interface::Strategy;
use crate::simulate::view::View;

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
