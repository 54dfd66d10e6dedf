//! accord-core: the negotiation-analysis engine.
//!
//! Data flows one way: a validated [`model::Scenario`] is compiled into
//! independent groups ([`compile::Compiled`]); analyses work on that form and
//! return plain values that front ends render. This crate does no I/O.
//!
//! Definitions (acceptability, ZOPA, dominance, solutions, tolerance) are
//! stated in `docs/definitions.md`.

#![deny(missing_docs)]

pub mod analysis;
pub mod brute;
pub mod compile;
pub mod error;
pub mod eum;
pub mod evaluate;
pub mod forecast;
pub mod frontier;
pub mod leverage;
pub mod mediation;
pub mod model;
pub mod observe;
mod orthant;
pub mod robust_candidates;
pub mod simulate;
pub mod smp;
pub mod solutions;
pub mod synth;
pub mod uncertainty;
pub mod zopa;

pub use error::ModelError;
pub use model::Scenario;
