//! The scenario formats, chosen by extension, and reading a file into a syntax tree.

use std::path::Path;

use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::tree::{self, Node};

/// The file formats, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.toml` (and any unknown extension).
    Toml,
    /// `.yaml`, `.yml`.
    Yaml,
    /// `.json`.
    Json,
}

impl Format {
    /// The format of a path, by extension.
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("yaml" | "yml") => Format::Yaml,
            Some("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

pub(super) fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

pub(super) fn parse_tree(src: &SourceText, format: Format) -> Result<Node, Error> {
    let r = match format {
        Format::Toml => tree::from_toml(&src.text),
        Format::Yaml => tree::from_yaml(&src.text),
        Format::Json => tree::from_json(&src.text),
    };
    r.map_err(|e| {
        let what = match format {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        };
        Error::Input(vec![InputError {
            source: src.clone(),
            span: e.span,
            message: format!("this is not valid {what}: {}", e.message),
            label: "here".into(),
            help: Some(format!(
                "fix the {what} syntax; the format is chosen by the file extension (.toml, .yaml/.yml, .json)"
            )),
        }])
    })
}
