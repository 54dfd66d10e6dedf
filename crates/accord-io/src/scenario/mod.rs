//! Reading scenario and deal files (TOML, YAML, JSON) into a validated
//! [`Scenario`](accord_core::model::Scenario), with a located error for every problem found.
//!
//! The format is documented in `docs/scenario-format.md`.
//!
//! Entry points: [`load_scenario`] (a file, whose deal files are read from its
//! folder), [`parse_scenario_with`] (text, reading deal files only as a
//! [`FileAccess`] allows) and [`parse_scenario`] (the same with an optional
//! folder); [`load_deal`], [`resolve_deal`] and [`parse_inline_deal`] for
//! deals the user gives. The file-access policy is documented on
//! [`FileAccess`]: scenario text never touches the file system unless it is
//! handed a folder, and a scenario never makes accord read outside its folder.
//!
//! The parts, one file each:
//!
//! - `format`: the formats (TOML, YAML, JSON) and the syntax tree of a file;
//! - `load`: the entry points that read a scenario file or text;
//! - `reader`: the reader that walks the tree, collecting located errors,
//!   and its helpers for plain values (strings, numbers, ids, options);
//! - `document`: the top level of a scenario file (`[scenario]`, `[mediation]`, the tables in order);
//! - `parties`, `issues`, `preferences`: those tables;
//! - `values`: value tables of parties and cost tables of the mediator;
//! - `deals`: deals in the scenario, deal files, `--deal` arguments;
//! - `observations`: what the parties said (`[[observations]]`);
//! - `files`: which files a scenario may make accord read ([`FileAccess`]);
//! - `hint`: "did you mean" hints;
//! - `number`: how numbers are written as option ids.

mod deals;
mod document;
mod files;
mod format;
pub mod hint;
mod issues;
mod load;
pub(crate) mod number;
mod observations;
mod parties;
mod preferences;
mod reader;
mod values;

pub use deals::{load_deal, parse_change, parse_inline_deal, resolve_deal};
pub use files::FileAccess;
pub use format::Format;
pub use issues::MAX_NUMERIC_POINTS;
pub use load::{load_scenario, parse_scenario, parse_scenario_with};
pub use number::{format_number, scientific};
