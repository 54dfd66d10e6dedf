//! Failures: what went wrong, how it is shown, and the exit code.

use accord::error::LoadError as Error;

/// A failure, with its exit code.
pub enum Failure {
    /// Bad input: exit 2.
    Load(Error),
    /// Bad usage: exit 2.
    Usage(String, Option<String>),
    /// Could not write output: exit 3.
    Write(String),
    /// Writing to stdout failed.
    Stdout(std::io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Load(e)
    }
}

impl From<accord::Error> for Failure {
    fn from(e: accord::Error) -> Self {
        match e {
            accord::Error::Load(e) => Failure::Load(e),
            accord::Error::Usage { message, hint } => Failure::Usage(message, hint),
            accord::Error::Output { message } => Failure::Write(message),
            accord::Error::Cancelled => Failure::Usage("interrupted".into(), None),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Stdout(e)
    }
}

impl Failure {
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Load(_) | Failure::Usage(..) => 2,
            Failure::Write(_) | Failure::Stdout(_) => 3,
        }
    }

    pub fn report(&self) {
        match self {
            Failure::Load(Error::Input(errs)) => {
                for e in errs.iter().take(20) {
                    say!("{:?}", miette::Report::new(e.for_display()));
                }
                if errs.len() > 20 {
                    say!("... and {} more errors", errs.len() - 20);
                }
                let n = errs.len();
                say!(
                    "error: {} problem{} found; nothing was written",
                    n,
                    if n == 1 { "" } else { "s" }
                );
            }
            Failure::Load(Error::Invalid { message, help }) => {
                say!("error: {message}");
                if let Some(h) = help {
                    say!("  hint: {h}");
                }
            }
            Failure::Load(e) => say!("error: {e}"),
            Failure::Usage(m, h) => {
                say!("error: {m}");
                if let Some(h) = h {
                    say!("  hint: {h}");
                }
            }
            Failure::Write(m) => say!("error: {m}"),
            Failure::Stdout(e) => say!("error: cannot write output: {e}"),
        }
    }
}
