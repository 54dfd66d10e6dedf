//! accord-io: reading and writing accord's formats.
//!
//! - [`scenario`]: scenario files (TOML, YAML, JSON) into a validated
//!   [`accord_core::Scenario`], with source locations on every error;
//! - [`genius`]: Genius XML and GeniusWeb JSON import and Genius export;
//! - [`write`](mod@write): a scenario back to TOML;
//! - [`chart`]: SVG charts;
//! - [`error`]: the crate's one error type, [`Error`], with an
//!   [`ErrorKind`]; located problems are [`diagnostic::InputError`]s.

#![deny(missing_docs)]

pub mod actors;
pub mod chart;
pub mod diagnostic;
pub(crate) mod dist;
pub mod error;
pub mod genius;
pub mod overrides;
pub mod scenario;
pub(crate) mod tree;
pub mod vary;
pub mod write;

pub use error::{Error, ErrorKind};
