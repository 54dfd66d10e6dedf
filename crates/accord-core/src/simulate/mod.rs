//! How talks unfold: negotiation protocols and strategies, simulated.
//!
//! Parties negotiate over a *pool* of packages: every package when the
//! outcome space has at most [`POOL_LIMIT`] packages, otherwise a seeded
//! random sample of that many plus the Pareto frontier of the negotiating
//! parties. Each party knows only its own utilities; it ranks the pool by
//! them and chooses offers near its current target, optionally guided by a
//! frequency model of what the others have offered. Definitions and the
//! strategies' formulas: `docs/definitions.md`, "Simulated negotiation".
//!
//! - `pool`: the [`Pool`] of packages and every party's utilities.
//! - `view`: the [`View`] a strategy sees when it moves.
//! - `strategy`: the [`Strategy`] trait and the built-in strategies.
//! - `protocol`: the [`Protocol`]s and the run loop ([`run`]).
//! - `outcome`: a negotiation's [`Setup`], trace ([`Step`]) and [`Outcome`].

mod outcome;
mod pool;
mod protocol;
mod strategy;
mod view;

pub mod arena;
pub mod tournament;

pub use outcome::{distance, Outcome, Setup, Step};
pub use pool::{Pool, POOL_LIMIT};
pub use protocol::{rankings, run, Protocol};
pub use strategy::{
    strategy, Aspiration, Hardliner, RandomStrategy, Strategy, TimeDependent, TitForTat, STRATEGIES,
};
pub use view::View;
