//! Genius XML and GeniusWeb JSON import, Genius XML export.
//!
//! The reference for the semantics is Genius 10.4 (and GeniusWeb for the JSON
//! profiles); `docs/genius.md` ("Genius interop") states them in full. In short:
//!
//! - one party per profile file: id = the file stem sanitised to
//!   `[A-Za-z0-9_.-]`, name = the stem, role principal with a veto;
//! - a discrete issue's evaluations are divided by that largest
//!   evaluation in the profile (all values are 0 when it is below 0.00001, as in
//!   Genius); only the `item` elements directly under an `issue` count;
//! - integer issue with a linear evaluator: `offset + slope·(x − lowerbound)`,
//!   clamped to \[0,1\]; one option per integer;
//! - real issue: cut into [`ImportOptions::real_steps`] equal intervals; linear
//!   evaluator `parameter0 + parameter1·x`, clamped to \[0,1\];
//! - weights matched to issues by their `index` attribute and divided by their sum;
//! - `<reservation value>` is the reservation value (0 when absent),
//!   `<discount_factor value>` is kept in the party's metadata;
//! - nonlinear utility spaces (Genius's `hyperRectangle` constraints, summed and
//!   divided by `maxutility`) become interactions on a zero additive part;
//! - GeniusWeb `LinearAdditiveUtilitySpace`: value utilities used as given
//!   (clamped to \[0,1\], never renormalised, as GeniusWeb does), weights divided
//!   by their sum, the reservation *bid*'s utility is the reservation value.
//!
//! NegMAS 0.16 differs from Genius on the first two of these rules (the
//! division by the largest evaluation, and `x − lowerbound`); accord follows Genius.
//!
//! Errors are the crate's [`Error`](crate::Error): a problem in a file is an
//! [`InputError`](crate::diagnostic::InputError) located at the element or key
//! concerned (at the start of the file when none can be pointed at), with a
//! hint; bad options, no profiles and an imported scenario that breaks the
//! model are [`Error::Invalid`](crate::Error::Invalid).
//!
//! The parts, one file each: `input` (the files and options an import is
//! given), `source` (a file being read, and its located errors), `xml` (a small element tree),
//! `numbers` and `ids`, `domain` (Genius domains), `profile` (Genius profiles
//! and [`import_genius`]), `import` (what both imports share), `geniusweb`
//! ([`import_geniusweb`]) and `export` ([`export_genius`]).

mod domain;
mod export;
mod geniusweb;
mod ids;
mod import;
mod input;
mod numbers;
mod profile;
mod source;
mod xml;

pub use export::{export_genius, GeniusExport};
pub use geniusweb::{import_geniusweb, import_geniusweb_warned};
pub use input::{ImportOptions, SourceFile, MAX_NUMERIC_OPTIONS};
pub use profile::{import_genius, import_genius_warned};
