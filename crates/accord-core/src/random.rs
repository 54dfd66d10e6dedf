//! Small seeded generators: the ZOPA sampler's and the synthetic scenarios'.

/// A small, fast, seedable generator (64-bit LCG, high bits).
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed
            .wrapping_mul(2862933555777941757)
            .wrapping_add(3037000493)
            | 1)
    }

    /// The next 31 random bits.
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }

    /// A number in [0, n).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u32() as usize) % n.max(1)
    }

    /// A number in [0, 1) on a grid of 10^-6.
    pub fn unit(&mut self) -> f64 {
        (self.next_u32() % 1_000_000) as f64 / 1_000_000.0
    }
}
