//! What it would take: the least shift of reservation values that opens a
//! zone of possible agreement, and the acceptable deals nearest a proposal.
//!
//! Both are exact and use the frontier machinery: the least total shift
//! Σ_p max(0, r_p − u_p) decreases in every u_p, so it is attained on the
//! Pareto frontier of the packages that cross no veto red line; "issues kept
//! as proposed" is an extra objective merged with the parties' utilities.
//! Definitions: `docs/definitions.md`, "What it would take".
//!
//! The mediator's levers: pressure (lowering a party's reservation value at a
//! cost) and incentives (issues whose options cost the mediator something),
//! within a budget. Every quantity they minimise or maximise is monotone in
//! the utilities of the parties involved and in the incentive cost, so with
//! the incentive cost as an extra objective ("virtual party", DESIGN.md) the
//! optimum lies on the Pareto frontier of those objectives, restricted by
//! lower bounds that encode what pressure can reach. Definitions:
//! `docs/definitions.md`, "The mediator's levers".
//!
//! - `shift`: the least shift of reservation values ([`min_total_shift`]), [`slack`].
//! - `repair`: the acceptable deals nearest a proposal ([`repair()`]).
//! - `levers`: the cheapest mix of pressure and incentives ([`least_cost`]).
//! - `mediate`: a mediator's query ([`mediate()`]).

mod engine;
mod levers;
mod mediate;
mod repair;
mod shift;

pub use engine::NoDeal;
pub use levers::{least_cost, least_cost_by_search, lex_best, Applied, LeastCost, Mix};
pub use mediate::{mediate, mediate_by_search, price, price_by_search, Mediation, Priced, Query};
pub use repair::{repair, repair_by_search, Repair, Repaired};
pub use shift::{min_total_shift, min_total_shift_by_search, slack, slack_by_search, Shift};

/// A merge's error as [`TooLarge`]: the merge ([`engine::Merge`]) fails
/// with nothing else.
fn merged(e: NoDeal) -> crate::analysis::frontier::TooLarge {
    match e {
        NoDeal::TooLarge(t) => t,
        _ => crate::analysis::frontier::TooLarge {
            objectives: 0,
            step: 0,
            steps: 0,
        },
    }
}

/// `x` where it is above zero, else `+0.0`. (`f64::max` may keep a `-0.0`
/// or not depending on the build, and reports print `-0.0`: the same
/// question would give different bytes in a debug and a release build.)
fn positive_part(x: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}
