//! Import and export errors.

use std::fmt;

use accord_core::ModelError;

use super::input::MAX_NUMERIC_OPTIONS;

/// A 1-based line and column (in characters) in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

fn at(loc: &Option<Location>) -> String {
    match loc {
        Some(l) => format!(":{l}"),
        None => String::new(),
    }
}

/// An import or export error. Every variant that concerns a file names it,
/// with `line:column` where one exists, says what was expected and gives a hint.
#[derive(Debug, thiserror::Error)]
pub enum GeniusError {
    /// The file is not well-formed XML.
    #[error("{file}:{location}: malformed XML: {message}\n  hint: Genius domain and utility-space files must be well-formed XML; check the tags around this position")]
    Xml {
        /// The file.
        file: String,
        /// Where the parser stopped.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// The file is not valid JSON.
    #[error("{file}:{location}: malformed JSON: {message}\n  hint: GeniusWeb profiles must be valid JSON; check the text around this position")]
    Json {
        /// The file.
        file: String,
        /// Where the parser stopped.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// Something is missing or has a wrong value.
    #[error("{file}{}: expected {expected}, found {found}\n  hint: {hint}", at(.location))]
    Invalid {
        /// The file.
        file: String,
        /// The element or key concerned, where known.
        location: Option<Location>,
        /// What was expected.
        expected: String,
        /// What was found instead.
        found: String,
        /// How to fix it.
        hint: &'static str,
    },
    /// A profile does not match the domain (or, for GeniusWeb, the first profile).
    #[error("{file}{}: the profile does not match the domain {domain}: {message}\n  hint: {hint}", at(.location))]
    Mismatch {
        /// The profile file.
        file: String,
        /// The element or key concerned, where known.
        location: Option<Location>,
        /// The domain it was checked against.
        domain: String,
        /// What differs.
        message: String,
        /// How to fix it.
        hint: &'static str,
    },
    /// A Genius feature accord cannot represent.
    #[error("{file}{}: expected a supported Genius construct, found {feature}, which is not supported\n  hint: {hint}", at(.location))]
    Unsupported {
        /// The file.
        file: String,
        /// The element or key concerned, where known.
        location: Option<Location>,
        /// The construct.
        feature: String,
        /// What to do instead.
        hint: &'static str,
    },
    /// A numeric issue with too many values.
    #[error("{file}{}: expected at most {limit} values for issue `{issue}`, found {count}\n  hint: narrow the issue's bounds, or for a real issue lower --real-steps", at(.location))]
    TooLarge {
        /// The file.
        file: String,
        /// The issue element, where known.
        location: Option<Location>,
        /// The issue name.
        issue: String,
        /// Number of values it would have (saturating).
        count: u64,
        /// The limit ([`MAX_NUMERIC_OPTIONS`]).
        limit: usize,
    },
    /// Bad [`ImportOptions`].
    #[error("invalid import options: expected {expected}, found {found}\n  hint: pass --real-steps with a value between 1 and {MAX_NUMERIC_OPTIONS}")]
    Options {
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
    /// No profile was given.
    #[error("expected at least one profile file, found none\n  hint: pass one utility-space (profile) file per party")]
    NoProfiles,
    /// The imported scenario breaks an invariant of the model.
    #[error("{files}: the imported scenario is invalid: {source}\n  hint: check the profiles' weights, evaluations and reservation values")]
    Scenario {
        /// The files imported.
        files: String,
        /// The violated invariant.
        source: Box<ModelError>,
    },
    /// The scenario cannot be exported.
    #[error("cannot export to Genius: expected a valid scenario, found {message}\n  hint: run `accord check` on the scenario first")]
    Export {
        /// Why.
        message: String,
    },
}

impl GeniusError {
    /// The file the error concerns, if any.
    pub fn file(&self) -> Option<&str> {
        match self {
            GeniusError::Xml { file, .. }
            | GeniusError::Json { file, .. }
            | GeniusError::Invalid { file, .. }
            | GeniusError::Mismatch { file, .. }
            | GeniusError::Unsupported { file, .. }
            | GeniusError::TooLarge { file, .. } => Some(file),
            GeniusError::Scenario { files, .. } => Some(files),
            GeniusError::Options { .. } | GeniusError::NoProfiles | GeniusError::Export { .. } => {
                None
            }
        }
    }

    /// The line and column the error points at, if any.
    pub fn location(&self) -> Option<Location> {
        match self {
            GeniusError::Xml { location, .. } | GeniusError::Json { location, .. } => {
                Some(*location)
            }
            GeniusError::Invalid { location, .. }
            | GeniusError::Mismatch { location, .. }
            | GeniusError::Unsupported { location, .. }
            | GeniusError::TooLarge { location, .. } => *location,
            _ => None,
        }
    }
}
