//! accord-io's one error type, [`Error`], and its [`ErrorKind`].
//!
//! Every fallible function of the crate returns [`Error`]. A front end
//! decides its exit code or HTTP status from [`Error::kind`] (or the
//! predicates [`Error::is_io`], [`Error::is_not_found`], [`Error::is_input`],
//! [`Error::is_invalid`]) and prints it from the parts: located problems are
//! [`InputError`]s (file, line, column, label, hint), the only location type
//! of the crate.

use std::path::PathBuf;

use accord_core::ModelError;

use crate::diagnostic::InputError;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read: missing ([`Error::is_not_found`]),
    /// unreadable or not UTF-8.
    Io,
    /// The input has problems, each located in a file or an argument: bad
    /// syntax, unknown names, values out of range, unsupported constructs.
    Input,
    /// What was read or asked for is not possible, and there is no place in
    /// a file to point at: the engine rejects the model, an import is given
    /// no profiles or bad options, a scenario has no positioned issue.
    Invalid,
}

/// Why reading, importing or exporting failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The input has problems (at least one), each with its place.
    #[error("{}", summary(.0))]
    Input(Vec<InputError>),
    /// Something is not possible, with no place in a file to point at.
    #[error("{message}")]
    Invalid {
        /// What is wrong.
        message: String,
        /// How to fix it.
        help: Option<String>,
    },
}

fn summary(errs: &[InputError]) -> String {
    match errs {
        [] => "invalid input".to_string(),
        [e] => e.to_string(),
        [e, rest @ ..] => format!("{e} (and {} more errors)", rest.len()),
    }
}

impl Error {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } => ErrorKind::Io,
            Error::Input(_) => ErrorKind::Input,
            Error::Invalid { .. } => ErrorKind::Invalid,
        }
    }

    /// Whether a file could not be read (missing or otherwise).
    pub fn is_io(&self) -> bool {
        self.kind() == ErrorKind::Io
    }

    /// Whether a file that was asked for does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    /// Whether the input has located problems ([`Error::input_errors`]).
    pub fn is_input(&self) -> bool {
        self.kind() == ErrorKind::Input
    }

    /// Whether something is not possible, with no place to point at.
    pub fn is_invalid(&self) -> bool {
        self.kind() == ErrorKind::Invalid
    }

    /// The located problems, if any.
    pub fn input_errors(&self) -> &[InputError] {
        match self {
            Error::Input(v) => v,
            _ => &[],
        }
    }

    /// The error as plain text: `file:line:col: message` and a `  hint:`
    /// line for each located problem, or the message and its hint.
    pub fn plain(&self) -> String {
        match self {
            Error::Input(v) if !v.is_empty() => v
                .iter()
                .map(InputError::plain)
                .collect::<Vec<_>>()
                .join("\n"),
            Error::Invalid {
                message,
                help: Some(h),
            } => format!("{message}\n  hint: {h}"),
            e => e.to_string(),
        }
    }
}

impl From<ModelError> for Error {
    /// The engine's own checks, which have no place in a file.
    fn from(e: ModelError) -> Error {
        Error::Invalid {
            message: e.to_string(),
            help: None,
        }
    }
}
