//! Other formats to and from scenarios: Genius XML and GeniusWeb JSON in,
//! Genius XML out. The functions return text; writing files is the front
//! end's business.

use std::path::Path;

use accord_core::model::Scenario;
use accord_io::diagnostic::SourceText;
use accord_io::genius::{ImportOptions, SourceFile};
use accord_io::scenario::Format;
use accord_io::Error as LoadError;

use crate::error::Error;
use crate::report::value::Count;

/// An input file of an import: its name (for messages and the scenario's
/// header), its stem (a profile's stem becomes the party id) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// How messages name it (usually its path).
    pub name: String,
    /// Its file name without the extension.
    pub stem: String,
    /// Its contents.
    pub text: String,
}

impl InputFile {
    /// Reads a file.
    ///
    /// # Errors
    ///
    /// An `Input` error if the file cannot be read.
    pub fn read(path: &Path) -> Result<InputFile, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(InputFile {
            name: path.display().to_string(),
            stem: path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default(),
            text,
        })
    }

    fn source(&self) -> SourceFile<'_> {
        SourceFile {
            name: &self.name,
            stem: &self.stem,
            text: &self.text,
        }
    }
}

/// An imported scenario.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The scenario file (TOML), with a header saying where it came from.
    pub toml: String,
    /// Its number of parties.
    pub parties: usize,
    /// Its number of issues.
    pub issues: usize,
    /// Its number of packages.
    pub outcomes: Count,
    /// What the import read differently from the files' apparent meaning
    /// (each names the file, line and column).
    pub warnings: Vec<String>,
}

/// Genius problems print as `file:line:col: message` lines with hints.
fn genius_error(e: LoadError) -> Error {
    Error::Load(LoadError::Invalid {
        message: e.plain(),
        help: None,
    })
}

/// The scenario as TOML, read back before it is handed out: an import either
/// gives a file accord reads, or fails here (a conversion this module does
/// not cover), never leaving an unreadable file behind.
fn imported(
    scenario: &Scenario,
    sources: &[&InputFile],
    real_steps: usize,
) -> Result<Imported, Error> {
    let names: Vec<&str> = sources.iter().map(|f| f.name.as_str()).collect();
    let header = format!(
        "Imported by accord {} from {}.\nGenius semantics: discrete evaluations divided by the issue's largest; weights normalised; real issues cut into {} intervals.",
        env!("CARGO_PKG_VERSION"),
        names.join(", "),
        real_steps
    );
    let toml = accord_io::write::scenario_toml(scenario, &header);
    let back = SourceText::new("imported.toml".to_string(), toml.clone());
    if let Err(e) = accord_io::scenario::parse_scenario(&back, Format::Toml, None) {
        return Err(Error::Load(LoadError::Invalid {
            message: format!(
                "{}: the imported scenario would not read back: {}",
                names.join(", "),
                e.plain()
            ),
            help: None,
        }));
    }
    Ok(Imported {
        toml,
        parties: scenario.parties.len(),
        issues: scenario.issues.len(),
        outcomes: Count(accord_core::analysis::outcome_count(scenario)),
        warnings: Vec::new(),
    })
}

/// A Genius domain and one utility profile per party (the profile's stem is
/// the party id) as a scenario; real-valued issues are cut into
/// `real_steps` equal intervals.
///
/// # Errors
///
/// An `Input` error naming the file and the problem.
pub fn import_genius(
    domain: &InputFile,
    profiles: &[InputFile],
    real_steps: usize,
) -> Result<Imported, Error> {
    let files: Vec<SourceFile<'_>> = profiles.iter().map(InputFile::source).collect();
    let (scenario, warnings) = accord_io::genius::import_genius_warned(
        &domain.source(),
        &files,
        &ImportOptions { real_steps },
    )
    .map_err(genius_error)?;
    let mut sources = vec![domain];
    sources.extend(profiles);
    let mut out = imported(&scenario, &sources, real_steps)?;
    out.warnings = warnings;
    Ok(out)
}

/// GeniusWeb profiles (LinearAdditiveUtilitySpace JSON, one per party; the
/// stem is the party id) as a scenario.
///
/// # Errors
///
/// An `Input` error naming the file and the problem.
pub fn import_geniusweb(profiles: &[InputFile], real_steps: usize) -> Result<Imported, Error> {
    let files: Vec<SourceFile<'_>> = profiles.iter().map(InputFile::source).collect();
    let (scenario, warnings) =
        accord_io::genius::import_geniusweb_warned(&files, &ImportOptions { real_steps })
            .map_err(genius_error)?;
    let sources: Vec<&InputFile> = profiles.iter().collect();
    let mut out = imported(&scenario, &sources, real_steps)?;
    out.warnings = warnings;
    Ok(out)
}

/// A scenario exported to Genius.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The files to write: (file name, contents); the domain first, then
    /// one profile per party.
    pub files: Vec<(String, String)>,
    /// What the export could not keep.
    pub warnings: Vec<String>,
}

/// A scenario as a Genius domain (`<name>_domain.xml`, the name reduced to
/// letters, digits, `-` and `_`) and one utility profile per party
/// (`<party>.xml`).
///
/// # Errors
///
/// An `Input` error when the scenario cannot be expressed in Genius.
pub fn export_genius(s: &Scenario) -> Result<Exported, Error> {
    if s.has_owners() {
        // Genius has no conditional vetoes: exporting would drop them.
        return Err(Error::usage(
            "Genius has no issue owners (`owner`, `status_quo`), so the export would lose them",
            Some("remove the owners from a copy of the scenario to export it".into()),
        ));
    }
    let ex = accord_io::genius::export_genius(s).map_err(genius_error)?;
    let stem: String = s
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = if stem.is_empty() {
        "scenario".to_string()
    } else {
        stem
    };
    let mut files = vec![(format!("{stem}_domain.xml"), ex.domain)];
    files.extend(
        ex.profiles
            .into_iter()
            .map(|(pid, xml)| (format!("{pid}.xml"), xml)),
    );
    Ok(Exported {
        files,
        warnings: ex.warnings,
    })
}
