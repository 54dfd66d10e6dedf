//! Test support, compiled for the crate's own tests and with the `testing`
//! feature (for the other crates' tests and the benchmarks); not part of the
//! library's API.
//!
//! - [`brute`]: the plain enumerator, the oracle of the property tests.
//! - [`synth`]: seeded synthetic scenarios.

pub mod brute;
pub mod synth;
