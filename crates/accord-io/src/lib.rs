//! accord-io: reading and writing accord's formats.
//!
//! - [`scenario`]: scenario files (TOML, YAML, JSON) into a validated
//!   [`accord_core::Scenario`], with source locations on every error;
//! - [`genius`]: Genius XML and GeniusWeb JSON import and Genius export;
//! - [`write`]: a scenario back to TOML;
//! - [`chart`]: SVG charts.

#![deny(missing_docs)]

pub mod actors;
pub mod chart;
pub mod diagnostic;
pub mod dist;
pub mod genius;
pub mod overrides;
pub mod report;
pub mod scenario;
pub mod tree;
pub mod write;
