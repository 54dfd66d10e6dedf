//! The trait every strategy implements.

use chacha20::ChaCha8Rng;

use crate::simulate::view::View;

/// A negotiation strategy. Implement it to add your own.
pub trait Strategy: Send {
    /// Name shown in output.
    fn name(&self) -> String;
    /// The next offer (a pool index).
    fn propose(&mut self, v: &View, rng: &mut ChaCha8Rng) -> u32;
    /// Whether to accept the standing offer.
    fn accept(&mut self, v: &View, offer: u32, rng: &mut ChaCha8Rng) -> bool;
}
