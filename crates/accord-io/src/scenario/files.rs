//! Which files a scenario may make accord read: the file-access policy
//! ([`FileAccess`]).

use std::path::{Component, Path, PathBuf};

/// Where a scenario's `deal_files` may be read from.
///
/// A scenario can list deal files (`deal_files`). Those paths are written by
/// whoever wrote the scenario, who is not always the person running accord
/// (a scenario sent by mail, posted to a service). So:
///
/// - scenario **text** is parsed without touching the file system unless the
///   caller hands it a folder ([`FileAccess::Within`]); with
///   [`FileAccess::None`] a `deal_files` entry is a located error;
/// - a scenario **file** ([`load_scenario`](super::load_scenario)) may read
///   deal files in its own folder and below, nowhere else: an absolute path,
///   a `..` that leaves the folder, or a path that leaves it once symlinks are
///   followed is a located error at the `deal_files` entry, and the target is
///   not read, so no error can show a line of a file the user did not write;
/// - a deal file the user names (`--deal path`, [`load_deal`](super::load_deal),
///   [`resolve_deal`](super::resolve_deal)) is read wherever it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileAccess {
    /// No file access: the scenario was given as text. Every `deal_files`
    /// entry is an error.
    None,
    /// Deal files are relative to this folder and must lie inside it once
    /// canonicalised (symlinks followed).
    Within(PathBuf),
}

impl FileAccess {
    /// The policy for a scenario file: its own folder.
    pub fn of_scenario(path: &Path) -> FileAccess {
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => FileAccess::Within(dir.to_path_buf()),
            _ => FileAccess::Within(PathBuf::from(".")),
        }
    }
}

impl From<Option<&Path>> for FileAccess {
    /// `None` is no file access; `Some(dir)` is [`FileAccess::Within`] `dir`.
    fn from(dir: Option<&Path>) -> FileAccess {
        dir.map_or(FileAccess::None, |d| FileAccess::Within(d.to_path_buf()))
    }
}

/// Why a listed deal file is not read.
pub(super) struct Refusal {
    /// What is wrong.
    pub(super) message: String,
    /// The label at the entry.
    pub(super) label: &'static str,
    /// How to fix it.
    pub(super) help: &'static str,
}

/// Where a deal file listed in `deal_files` is read from.
pub(super) struct Allowed {
    /// The path as it is shown in messages (the folder joined with the entry).
    pub(super) shown: PathBuf,
    /// The canonical path, inside the folder, that is read.
    pub(super) real: PathBuf,
}

const OUTSIDE_HELP: &str = "paths in `deal_files` are relative to the scenario file and stay in its folder; name a deal file elsewhere on the command line with --deal";

impl FileAccess {
    /// Checks a `deal_files` entry; on success, the file to read. Nothing
    /// outside the folder is read, and a path that leaves it lexically (an
    /// absolute path, too many `..`) is refused before the file system is
    /// asked anything.
    pub(super) fn deal_file(&self, entry: &str) -> Result<Allowed, Refusal> {
        let FileAccess::Within(dir) = self else {
            return Err(Refusal {
                message: "`deal_files` need a scenario on disk; this scenario was given as text"
                    .into(),
                label: "deal file listed here",
                help: "write the deal in `[[deals]]`, or load the scenario from a file",
            });
        };
        let outside = || Refusal {
            message: format!("deal file `{entry}` is outside the scenario's folder"),
            label: "outside the scenario's folder",
            help: OUTSIDE_HELP,
        };
        let mut depth = 0usize;
        for c in Path::new(entry).components() {
            match c {
                Component::Prefix(_) | Component::RootDir => return Err(outside()),
                Component::ParentDir => depth = depth.checked_sub(1).ok_or_else(outside)?,
                Component::CurDir => {}
                Component::Normal(_) => depth += 1,
            }
        }
        let shown = dir.join(entry);
        let unreadable = |e: std::io::Error| Refusal {
            message: format!("cannot read deal file {}: {e}", shown.display()),
            label: "listed here",
            help: "paths in `deal_files` are relative to the scenario file",
        };
        let root = dir.canonicalize().map_err(unreadable)?;
        let real = shown.canonicalize().map_err(unreadable)?;
        if !real.starts_with(&root) {
            return Err(Refusal {
                message: format!(
                    "deal file `{entry}` leads outside the scenario's folder (through a symbolic link)"
                ),
                label: "outside the scenario's folder",
                help: OUTSIDE_HELP,
            });
        }
        Ok(Allowed { shown, real })
    }
}
