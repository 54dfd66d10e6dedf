//! The hardliner: never concedes.

use chacha20::ChaCha8Rng;

use super::interface::Strategy;
use crate::simulate::view::View;

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
