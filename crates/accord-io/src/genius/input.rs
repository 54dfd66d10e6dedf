//! What an import is given: the files and the options.

/// Largest number of options an imported numeric issue may have.
pub const MAX_NUMERIC_OPTIONS: usize = 100_000;

/// Options for importing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Number of equal intervals a real issue is cut into (so `real_steps + 1`
    /// grid points); the CLI exposes it as `--real-steps`. Default 10.
    pub real_steps: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { real_steps: 10 }
    }
}

/// A file given to the importer: its display name (for errors), its stem (for party ids), and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// Display name used in error messages (usually the path).
    pub name: &'a str,
    /// File stem: the party id and name are made from it (and the scenario
    /// name, for a domain file without a usable name).
    pub stem: &'a str,
    /// The file's contents.
    pub text: &'a str,
}
