//! The negotiation protocols and the loop that runs one negotiation.
//!
//! - `kind`: the [`Protocol`] names.
//! - `run`: [`run`](run()) for alternating and stacked offers and the summit.
//! - `single_text`: the mediator's single negotiating text.

pub(crate) mod kind;
mod run;
mod single_text;

pub use kind::Protocol;
pub use run::{rankings, run};
