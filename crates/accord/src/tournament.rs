//! Tournaments: every combination of strategies on several scenarios, an
//! entry point of its own (a question over several inputs).
//!
//! ```
//! let r: accord::TournamentRequest =
//!     serde_json::from_str(r#"{"strategies": ["boulware", "linear"], "seeds": 2}"#).unwrap();
//! assert_eq!(r.protocol, "stacked");
//! assert_eq!(r.rounds, 100);
//! ```

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::observe::Observer;
use crate::report::Report;
use crate::Session;

/// The settings of a tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TournamentRequest {
    /// The strategies to combine (default: `boulware`, `linear`,
    /// `conceder`, `tit-for-tat`, `hardliner`, `aspiration`, `random`).
    #[serde(default = "default_strategies")]
    pub strategies: Vec<String>,
    /// `alternating` or `stacked` (default `stacked`).
    #[serde(default = "default_protocol")]
    pub protocol: String,
    /// The deadline in rounds (default 100).
    #[serde(default = "default_rounds")]
    pub rounds: usize,
    /// Runs per combination, seeds 0..N (default 10).
    #[serde(default = "default_seeds")]
    pub seeds: u64,
    /// The base seed (default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Choose offers with a frequency model of the others' offers (default
    /// false).
    #[serde(default)]
    pub opponent_model: bool,
}

impl Default for TournamentRequest {
    fn default() -> Self {
        TournamentRequest {
            strategies: default_strategies(),
            protocol: default_protocol(),
            rounds: default_rounds(),
            seeds: default_seeds(),
            seed: default_seed(),
            opponent_model: false,
        }
    }
}

fn default_strategies() -> Vec<String> {
    accord_core::simulate::STRATEGIES
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn default_protocol() -> String {
    "stacked".into()
}

fn default_rounds() -> usize {
    100
}

fn default_seeds() -> u64 {
    10
}

fn default_seed() -> u64 {
    1
}

/// Runs every assignment of the strategies to each scenario's negotiating
/// parties (its veto parties), for every seed, in parallel; the same
/// answer on any number of threads. `scenarios` are (name, session): the
/// name labels the scenario's matches. Progress counts negotiations.
///
/// # Errors
///
/// A `Usage` error for a bad request (an unknown protocol or strategy, a
/// protocol without strategies, a strategy listed twice, zero seeds or
/// rounds, a scenario whose veto parties cannot negotiate), or `Cancelled`.
pub fn tournament(
    scenarios: &[(String, Session)],
    req: &TournamentRequest,
    observer: &dyn Observer,
) -> Result<Report, Error> {
    Ok(Report::Tournament(crate::report::tournament::answer(
        scenarios, req, observer,
    )?))
}
