//! Tournaments: every combination of strategies on several scenarios, an
//! entry point of its own (a question over several inputs).
//!
//! ```
//! let r: accord::TournamentRequest =
//!     serde_json::from_str(r#"{"strategies": ["boulware", "linear"], "seeds": 2}"#).unwrap();
//! assert_eq!(r.protocol, "stacked");
//! assert_eq!(r.rounds, 100);
//! ```

use crate::request::TournamentRequest;

use crate::error::Error;
use crate::observe::Observer;
use crate::report::variant::Report;
use crate::session::Session;

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
