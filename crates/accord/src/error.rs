//! The answer layer's error: one type, with a kind that decides the exit
//! code of the binary (and the HTTP status and Python exception of the other
//! front ends).

pub use accord_io::Error as LoadError;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file or text the user gave is invalid (located where possible).
    Input,
    /// A request that cannot apply: an unknown party, deal or option in an
    /// argument, a value out of range, a question the input cannot answer.
    Usage,
    /// An output could not be written.
    Output,
    /// The work was cancelled by its observer.
    Cancelled,
}

/// A failure of a request, with a message a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The scenario, a deal or another input file is invalid.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The request cannot apply.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// An output could not be produced or written.
    #[error("{message}")]
    Output {
        /// What went wrong.
        message: String,
    },
    /// The observer asked to stop.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Load(_) => ErrorKind::Input,
            Error::Usage { .. } => ErrorKind::Usage,
            Error::Output { .. } => ErrorKind::Output,
            Error::Cancelled => ErrorKind::Cancelled,
        }
    }

    /// Whether an input file or text is invalid.
    pub fn is_input(&self) -> bool {
        self.kind() == ErrorKind::Input
    }

    /// Whether the request itself cannot apply.
    pub fn is_usage(&self) -> bool {
        self.kind() == ErrorKind::Usage
    }

    /// Whether an output could not be written.
    pub fn is_output(&self) -> bool {
        self.kind() == ErrorKind::Output
    }

    /// Whether the work was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.kind() == ErrorKind::Cancelled
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint,
        }
    }

    /// The engine refused the scenario (a check the readers do not make).
    pub(crate) fn model(e: accord_core::ModelError) -> Error {
        Error::Load(e.into())
    }

    /// An output error.
    pub fn output(message: impl Into<String>) -> Error {
        Error::Output {
            message: message.into(),
        }
    }
}

impl From<accord_core::analysis::frontier::TooLarge> for Error {
    /// A frontier past the engine's merge limit: the question is too large
    /// to answer exactly (exit 2, with what to ask instead).
    fn from(e: accord_core::analysis::frontier::TooLarge) -> Error {
        Error::usage(
            e.to_string(),
            Some(
                "the frontier grows with the number of parties it spans (and the issues' \
                 options): ask about fewer parties (e.g. `frontier --parties A,B`), tie fewer \
                 issues together, or drop issues"
                    .into(),
            ),
        )
    }
}

/// One problem of a failed request, as data: where it is (for a located
/// problem: the input's name, 1-based line and column) and what to do.
/// Front ends that cannot print miette's snippets (the HTTP API, the Python
/// package) show these.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The input the problem is in: the scenario's name, `--set` for an
    /// override; `null` when it has no place.
    pub file: Option<String>,
    /// 1-based line (`null` when it has no place).
    pub line: Option<usize>,
    /// 1-based column, in characters (`null` when it has no place).
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The short label at the place (`null` when it has no place).
    pub label: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    fn unplaced(message: String, hint: Option<String>) -> Problem {
        Problem {
            file: None,
            line: None,
            column: None,
            message,
            label: None,
            hint,
        }
    }
}

impl Error {
    /// The error's problems: every located problem of an input, or the one
    /// message and hint of any other failure.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Load(LoadError::Input(errs)) if !errs.is_empty() => errs
                .iter()
                .map(|e| {
                    let (line, column) = e.line_col();
                    Problem {
                        file: Some(e.source.name.clone()),
                        line: Some(line),
                        column: Some(column),
                        message: e.message.clone(),
                        label: Some(e.label.clone()),
                        hint: e.help.clone(),
                    }
                })
                .collect(),
            Error::Load(LoadError::Invalid { message, help }) => {
                vec![Problem::unplaced(message.clone(), help.clone())]
            }
            Error::Usage { message, hint } => {
                vec![Problem::unplaced(message.clone(), hint.clone())]
            }
            e => vec![Problem::unplaced(e.to_string(), None)],
        }
    }
}
