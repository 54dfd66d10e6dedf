//! accord: the answer layer between the engine and every front end.
//!
//! A front end (the `accord` binary, `accord serve`, the Python package)
//! translates its input into a [`Request`], runs it on a [`Session`] (a
//! scenario loaded and compiled once) and renders the [`Report`] it gets
//! back with [`render`]: text tables, JSON, CSV, SVG. Front ends never
//! compute; renderers never compute; reports never format.
//!
//! Questions over several inputs have their own entry points here:
//! [`tournament()`] and [`compare()`] (several scenarios), [`forecast()`]
//! and [`validate()`] (actor files).
//!
//! # Example
//!
//! ```
//! use accord::{Request, Session, observe::Silent};
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
//! let session = Session::from_text(text, "example.toml", &[]).unwrap();
//! let report = session.run(&Request::Check, &Silent).unwrap();
//! let json = accord::render::json_string(&report).unwrap();
//! assert!(json.contains("\"valid\": true"));
//! ```

#![deny(missing_docs)]

pub mod compare;
pub mod controls;
pub mod convert;
pub mod editable;
pub mod error;
pub mod forecast;
pub mod input;
pub mod limits;
pub mod observe;
pub mod render;
pub mod report;
pub mod request;
pub mod session;
pub mod shard;
pub mod tournament;

mod resolve;

pub use compare::compare;
pub use editable::Editable;
pub use error::{Error, ErrorKind};
pub use forecast::{forecast, validate, ForecastInput};
pub use report::Report;
pub use request::{CompareRequest, ForecastRequest, Request, TournamentRequest, ValidateRequest};
pub use session::Session;
pub use tournament::tournament;
