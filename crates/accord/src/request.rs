//! Requests: the questions a front end can ask of a [`crate::Session`].
//!
//! A request is plain data (serde, tagged by `command`), with ids rather
//! than indices and every default documented, so that the binary, the web
//! server and the Python package ask the same question the same way:
//!
//! ```
//! let r: accord::Request = serde_json::from_str(r#"{"command": "evaluate", "deal": "split"}"#).unwrap();
//! assert_eq!(r, accord::Request::Evaluate { deal: "split".into() });
//! ```

use serde::{Deserialize, Serialize};

/// One question about one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    /// Validate and summarise the scenario.
    Check,
    /// Score a deal for every party.
    Evaluate {
        /// A deal id of the scenario, an inline package
        /// `issue=option,issue=option,…`, or (for a scenario loaded from a
        /// file) the path of a deal file.
        deal: String,
    },
    /// What it would take: the least lowering of reservation values that
    /// opens a zone of possible agreement, each veto party's slack, and the
    /// mediator's cheapest mix of pressure and incentives.
    Leverage,
    /// The acceptable deals nearest a proposal: fewest changed issues, then
    /// best for the mediator.
    Repair {
        /// The proposal: a deal id, an inline package or a deal file (as for
        /// `evaluate`).
        deal: String,
        /// List at most this many deals (default 5; 0 counts as 1).
        #[serde(default = "default_limit")]
        limit: usize,
        /// Require ratification too: every veto party must reach its
        /// ratification threshold (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// The deals the mediator can press parties into: acceptable to the
    /// satisfied parties, least pressure on the pressed ones, then best for
    /// the mediator.
    Mediate {
        /// Party ids the mediator presses.
        press: Vec<String>,
        /// Party ids that must accept as they are (default: every other
        /// veto party).
        #[serde(default)]
        satisfy: Option<Vec<String>>,
        /// List at most this many deals (default 5; 0 counts as 1).
        #[serde(default = "default_limit")]
        limit: usize,
        /// Require ratification too: the named parties must reach their
        /// ratification thresholds, which pressure does not lower (default
        /// false).
        #[serde(default)]
        ratified: bool,
    },
    /// Monte Carlo over the scenario's uncertain numbers: probability of a
    /// zone, of each deal's acceptance, the most robust deals, and what
    /// matters most.
    Robust {
        /// Number of samples (default 10000; at least 1).
        #[serde(default = "default_samples")]
        samples: u64,
        /// Random seed (default 1; the same seed gives the same answer on
        /// any number of threads).
        #[serde(default = "default_seed")]
        seed: u64,
        /// How many of the most frequent per-sample Nash deals to try as
        /// robust candidates (default 20).
        #[serde(default = "default_pool")]
        pool: usize,
        /// Acceptance includes ratification (default false).
        #[serde(default)]
        ratified: bool,
        /// A deal to follow (id, inline package or deal file): the
        /// sensitivity ranking explains its acceptance when the zone exists
        /// in every sample or in none (default: none).
        #[serde(default)]
        deal: Option<String>,
    },
}

fn default_limit() -> usize {
    5
}

fn default_samples() -> u64 {
    10_000
}

fn default_seed() -> u64 {
    1
}

fn default_pool() -> usize {
    20
}

impl Request {
    /// The command's name, as on the command line.
    pub fn command(&self) -> &'static str {
        match self {
            Request::Check => "check",
            Request::Evaluate { .. } => "evaluate",
            Request::Leverage => "leverage",
            Request::Repair { .. } => "repair",
            Request::Mediate { .. } => "mediate",
            Request::Robust { .. } => "robust",
        }
    }
}
