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
    /// The exact analysis: outcome space, zone of possible agreement, Pareto
    /// frontier, bargaining solutions and the deals on file.
    Analyze {
        /// Party ids spanning the frontier (default `null`: every party).
        #[serde(default)]
        parties: Option<Vec<String>>,
        /// How many packages to list per frontier point when several share
        /// a utility vector (default 1).
        #[serde(default = "default_ties")]
        ties: usize,
    },
    /// The Pareto frontier and the bargaining solutions, without the zone's
    /// details and the deals.
    Frontier {
        /// Party ids spanning the frontier (default `null`: every party).
        #[serde(default)]
        parties: Option<Vec<String>>,
        /// How many packages to list per frontier point when several share
        /// a utility vector (default 1).
        #[serde(default = "default_ties")]
        ties: usize,
    },
}

/// `ties` of `analyze` and `frontier`: one package per frontier point.
fn default_ties() -> usize {
    1
}

impl Request {
    /// The command's name, as on the command line.
    pub fn command(&self) -> &'static str {
        match self {
            Request::Check => "check",
            Request::Evaluate { .. } => "evaluate",
            Request::Analyze { .. } => "analyze",
            Request::Frontier { .. } => "frontier",
        }
    }
}
