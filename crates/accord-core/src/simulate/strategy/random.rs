//! The random baseline.

use chacha20::ChaCha8Rng;
use rand_core::Rng;

use super::interface::Strategy;
use crate::simulate::view::View;

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
