//! accord-core: the negotiation-analysis engine.
//!
//! Data flows one way: a validated [`model::Scenario`] is compiled into
//! independent groups ([`compile::Compiled`]); analyses work on that form and
//! return plain values that front ends render. This crate does no I/O.
//!
//! Definitions (acceptability, ZOPA, dominance, solutions, tolerance) are
//! stated in `docs/definitions.md`.
//!
//! Subsystems, lowest first (each imports only from those above it in this
//! list):
//!
//! - [`model`]: the validated scenario and the distributions on its numbers.
//! - [`compile`]: the scenario as independent groups with dense utilities.
//! - [`analysis`]: frontier, ZOPA, solutions, evaluation, `analyze`.
//! - [`leverage`]: what it would take; the mediator's levers.
//! - [`robust`]: Monte Carlo over the uncertain inputs.
//! - [`calibrate`]: what the parties said: reservation values bounded by
//!   observed responses.
//! - [`simulate`]: negotiation protocols and strategies.
//! - [`forecast`]: actor-based forecasting (independent of the others).
//!
//! [`random`] holds a small seeded generator; `testing` (tests and the
//! `testing` feature only) the brute-force oracle and synthetic scenarios.

#![deny(missing_docs)]

pub mod analysis;
pub mod calibrate;
pub mod compile;
pub mod forecast;
pub mod leverage;
pub mod model;
pub mod observe;
pub mod parallel;
pub mod random;
pub mod robust;
pub mod simulate;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use model::{ModelError, Scenario};
