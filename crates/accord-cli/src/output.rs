//! Where output goes: stdout, and files written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::args::ImportOut;
use crate::failure::Failure;

/// One file to write.
pub struct OutFile<'a> {
    /// Where.
    pub path: PathBuf,
    /// What.
    pub contents: &'a [u8],
}

fn write_failure(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::Write(format!("cannot write {}: {e}", path.display()))
}

/// Whether two paths name the same file (both exist and resolve alike).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes files whole or not at all: each goes to a fresh temporary file
/// created exclusively beside its target (no fixed name another process or
/// a planted link could take), and only when every one is written are they
/// renamed into place. An existing target is replaced only with `force`,
/// and never when it is not a regular file (a device, a directory, a
/// link to one) or when it is one of the command's inputs. Two outputs may
/// not name one file.
pub fn write_files(files: &[OutFile<'_>], force: bool, inputs: &[&Path]) -> Result<(), Failure> {
    for (k, f) in files.iter().enumerate() {
        if files[..k].iter().any(|g| g.path == f.path) {
            return Err(Failure::Usage(
                format!("two outputs would both be written to {}", f.path.display()),
                Some("give the parties, the scenario and the output distinct names".into()),
            ));
        }
        if let Some(i) = inputs.iter().find(|i| same_file(i, &f.path)) {
            return Err(Failure::Usage(
                format!(
                    "{} is an input of this command; it will not be overwritten",
                    i.display()
                ),
                Some("write the output to another file".into()),
            ));
        }
        match std::fs::metadata(&f.path) {
            Ok(m) if !m.is_file() => {
                return Err(Failure::Usage(
                    format!("{} exists and is not a regular file", f.path.display()),
                    Some("name a new file or a regular file to replace".into()),
                ))
            }
            Ok(_) if !force => {
                return Err(Failure::Usage(
                    format!("{} exists", f.path.display()),
                    Some("pass --force to overwrite it".into()),
                ))
            }
            _ => {}
        }
    }
    let mut staged = Vec::with_capacity(files.len());
    for f in files {
        let dir = match f.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Dropping a staged file removes it: an error leaves nothing behind.
        let mut builder = tempfile::Builder::new();
        builder.prefix(".accord-").suffix(".tmp");
        // A temporary file is private (0600); the output is an ordinary
        // file, readable as the user's umask allows.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder
            .tempfile_in(&dir)
            .map_err(|e| write_failure(&f.path, e))?;
        tmp.write_all(f.contents)
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| write_failure(&f.path, e))?;
        staged.push(tmp);
    }
    for (tmp, f) in staged.into_iter().zip(files) {
        tmp.persist(&f.path)
            .map_err(|e| write_failure(&f.path, e.error))?;
    }
    Ok(())
}

/// Writes one file whole or not at all (see [`write_files`]).
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    force: bool,
    inputs: &[&Path],
) -> Result<(), Failure> {
    write_files(
        &[OutFile {
            path: path.to_path_buf(),
            contents,
        }],
        force,
        inputs,
    )
}

/// An import's output must not exist yet, unless `--force`.
pub fn refuse_existing(output: &Path, force: bool) -> Result<(), Failure> {
    if output.exists() && !force {
        return Err(Failure::Usage(
            format!("{} exists", output.display()),
            Some("pass --force to overwrite it".into()),
        ));
    }
    Ok(())
}

pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<accord::convert::InputFile>, Failure> {
    paths
        .iter()
        .map(|p| Ok(accord::convert::InputFile::read(p)?))
        .collect()
}

/// Writes an imported scenario and says what it holds.
pub fn write_import(
    out: &ImportOut,
    imported: &accord::convert::Imported,
    inputs: &[&Path],
) -> Result<u8, Failure> {
    write_atomic(&out.output, imported.toml.as_bytes(), out.force, inputs)?;
    for w in &imported.warnings {
        say!("warning: {w}");
    }
    say!(
        "wrote {}: {} parties, {} issues, {} packages",
        out.output.display(),
        imported.parties,
        imported.issues,
        imported.outcomes
    );
    Ok(0)
}

pub fn stdout_write(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The layout of text on stdout: `COLUMNS` if set, else the terminal's
/// width when stdout is one, else the fixed default (100 columns), so that
/// text in pipes and files is the same everywhere.
pub fn layout() -> accord::render::Layout {
    use std::io::IsTerminal;
    let terminal = if std::io::stdout().is_terminal() {
        terminal_size::terminal_size().map(|(w, _)| w.0)
    } else {
        None
    };
    accord::render::Layout::choose(std::env::var("COLUMNS").ok().as_deref(), terminal)
}

/// A context for rendering text about `session`'s scenario, named `source`,
/// laid out for stdout.
pub fn context<'a>(session: &'a accord::Session, source: &'a str) -> accord::render::Context<'a> {
    accord::render::Context::new(session.scenario(), source).with_layout(layout())
}

/// Writes a report to stdout: JSON, or text for the terminal.
pub fn emit(
    session: &accord::Session,
    file: &Path,
    report: &accord::Report,
    json: bool,
) -> Result<(), Failure> {
    if json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        accord::render::json_io(&mut out, report)?;
        out.flush()?;
        Ok(())
    } else {
        let source = file.display().to_string();
        stdout_write(&accord::render::text(report, &context(session, &source)))
    }
}

/// Writes a report to stdout: JSON, or the text `text` renders.
pub fn emit_with(
    report: &accord::Report,
    json: bool,
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        accord::render::json_io(&mut out, report)?;
        out.flush()?;
        Ok(())
    } else {
        stdout_write(&text())
    }
}
