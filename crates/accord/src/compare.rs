//! Comparisons: variants of a scenario side by side, an entry point of its
//! own (a question over several inputs).
//!
//! ```
//! use accord::{observe::Silent, CompareRequest, Session};
//!
//! let text = r#"
//! [scenario]
//! name = "Two buyers"
//! [[parties]]
//! id = "a"
//! role = "principal"
//! reservation = 0.2
//! [[parties]]
//! id = "b"
//! role = "principal"
//! reservation = 0.2
//! [[issues]]
//! id = "x"
//! options = [{ id = "lo" }, { id = "hi" }]
//! [preferences.a]
//! weights = { x = 1 }
//! values.x = { lo = 1.0, hi = 0.3 }
//! [preferences.b]
//! weights = { x = 1 }
//! values.x = { lo = 0.3, hi = 1.0 }
//! "#;
//! let base = Session::from_text(text, "base.toml", &[]).unwrap();
//! let tough = Session::from_text(text, "tough.toml", &["b.reservation=0.5".into()]).unwrap();
//! let scenarios = [("base.toml".to_string(), base), ("tough.toml".to_string(), tough)];
//! let report = accord::compare(&scenarios, &CompareRequest::default(), &Silent).unwrap();
//! let accord::Report::Compare(r) = &report else { unreachable!() };
//! assert!(r.differences.iter().any(|d| d.key == "parties.b.reservation"));
//! ```

use crate::error::Error;
use crate::observe::Observer;
use crate::report::variant::Report;
use crate::request::CompareRequest;
use crate::session::Session;

/// Analyses each scenario as `analyze` does and reports them side by side:
/// a summary of each one's inputs and results, and every key on which they
/// differ. `scenarios` are (name, session): the name labels the scenario
/// (the CLI gives the file as typed). Progress is reported per analysis.
///
/// # Errors
///
/// A `Usage` error for fewer than two scenarios; the errors of `analyze`
/// (a frontier too large to merge), or `Cancelled`.
pub fn compare(
    scenarios: &[(String, Session)],
    req: &CompareRequest,
    observer: &dyn Observer,
) -> Result<Report, Error> {
    Ok(Report::Compare(crate::report::compare::answer(
        scenarios, req, observer,
    )?))
}
