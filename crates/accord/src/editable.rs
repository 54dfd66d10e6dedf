//! A scenario file as one text that stands alone: what an editor (the web
//! workbench) shows and posts back.
//!
//! A posted scenario may not read files, so a scenario that lists
//! `deal_files` cannot be posted as it is. [`Editable::load`] reads such a
//! file once, for the user who named it, and gives its text with the
//! `deal_files` entry taken out and the deals it listed written in as
//! `[[deals]]` tables; the rest of the text, comments included, is kept.

use std::path::Path;

use accord_core::model::Scenario;
use accord_io::diagnostic::SourceText;
use accord_io::scenario::Format;

use crate::error::Error;

/// A scenario's text that needs no other file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Editable {
    /// The name to parse it under (the file's name; its extension gives the
    /// format).
    pub name: String,
    /// `toml`, `yaml` or `json`.
    pub format: &'static str,
    /// The text.
    pub text: String,
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Toml => "toml",
        Format::Yaml => "yaml",
        Format::Json => "json",
    }
}

impl Editable {
    /// A scenario given as text under `name`, whose extension gives the
    /// format as a file's does (`.yaml`/`.yml`, `.json`, else TOML).
    pub fn from_text(name: &str, text: String) -> Editable {
        Editable {
            name: name.to_string(),
            format: format_name(Format::of(Path::new(name))),
            text,
        }
    }

    /// Reads a scenario file (and the deal files it lists, as
    /// [`crate::Session::load`] does) and gives its text standing alone.
    ///
    /// A TOML file keeps its own text; the listed deals are appended. Any
    /// other format listing deal files is written anew as TOML (its
    /// comments are lost), and so is a TOML file whose `deal_files` entry
    /// cannot be cut out cleanly: the result always reads back as the same
    /// scenario.
    ///
    /// # Errors
    ///
    /// The file's own errors, as for [`crate::Session::load`].
    pub fn load(path: &Path) -> Result<Editable, Error> {
        let loaded = accord_io::scenario::load_scenario(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::Load(accord_io::Error::Io {
                path: path.to_path_buf(),
                source: e,
            })
        })?;
        let name = path.file_name().map_or_else(
            || "scenario.toml".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let format = Format::of(path);
        if parses_as(&text, &name, format).is_some_and(|s| same(&s, &loaded)) {
            return Ok(Editable {
                name,
                format: format_name(format),
                text,
            });
        }
        if format == Format::Toml {
            if let Some(stripped) = without_deal_files(&text) {
                // The deals from files follow the file's own `[[deals]]`;
                // how many those are is found by trying (observations may
                // name a deal from a file, so the text without them need
                // not read alone).
                for own in 0..=loaded.deals.len() {
                    let out = with_deals(&stripped, &loaded, own);
                    if parses_as(&out, &name, format).is_some_and(|s| same(&s, &loaded)) {
                        return Ok(Editable {
                            name,
                            format: "toml",
                            text: out,
                        });
                    }
                }
            }
        }
        let stem = path
            .file_stem()
            .map_or_else(|| "scenario".into(), |n| n.to_string_lossy().into_owned());
        Ok(Editable {
            name: format!("{stem}.toml"),
            format: "toml",
            text: accord_io::write::scenario_toml(
                &loaded,
                &format!("{name}, with its deal files written in"),
            ),
        })
    }
}

/// The scenario `text` describes, read with no file access.
fn parses_as(text: &str, name: &str, format: Format) -> Option<Scenario> {
    let src = SourceText::new(name.to_string(), text.to_string());
    accord_io::scenario::parse_scenario(&src, format, None).ok()
}

/// Whether two scenarios have the same parties, issues and deals.
fn same(a: &Scenario, b: &Scenario) -> bool {
    let ids = |s: &Scenario| {
        (
            s.parties.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
            s.issues.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
            s.deals
                .iter()
                .map(|d| (d.id.clone(), d.package.clone()))
                .collect::<Vec<_>>(),
            s.uncertainty
                .inputs
                .iter()
                .map(|x| x.label.clone())
                .collect::<Vec<_>>(),
            s.observations
                .iter()
                .map(|o| (o.party, o.package.clone()))
                .collect::<Vec<_>>(),
        )
    };
    ids(a) == ids(b)
}

/// `stripped` with the deals of `loaded` after its first `own` written in.
fn with_deals(stripped: &str, loaded: &Scenario, own: usize) -> String {
    let mut out = stripped.to_string();
    let from_files = &loaded.deals[own..];
    if !from_files.is_empty() {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("\n# The deals of this scenario's `deal_files`, written in.\n");
        for d in from_files {
            out.push('\n');
            out.push_str(&accord_io::write::deal_toml(loaded, d));
        }
    }
    out
}

/// `text` with its top-level `deal_files = [...]` entry taken out (a
/// comment left in its place), or `None` if it has none or the entry
/// cannot be found whole.
fn without_deal_files(text: &str) -> Option<String> {
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            // A table header: top-level keys are behind us.
            return None;
        }
        if let Some(rest) = t.strip_prefix("deal_files") {
            if rest.trim_start().starts_with('=') {
                start = Some(offset);
                break;
            }
        }
        offset += line.len();
    }
    let start = start?;
    let open = start + text[start..].find('[')?;
    let close = open + closing_bracket(&text[open..])?;
    let end = text[close..]
        .find('\n')
        .map_or(text.len(), |k| close + k + 1);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str("# deal_files: written in as [[deals]] at the end\n");
    out.push_str(&text[end..]);
    Some(out)
}

/// The offset of the `]` that closes the array opening `s`, skipping
/// strings and comments.
fn closing_bracket(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut depth, mut k) = (0usize, 0usize);
    while k < b.len() {
        match b[k] {
            b'[' => depth += 1,
            b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            b'#' => k += s[k..].find('\n')?,
            q @ (b'"' | b'\'') => {
                k += 1;
                while k < b.len() && b[k] != q {
                    if q == b'"' && b[k] == b'\\' {
                        k += 1;
                    }
                    k += 1;
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_example_stands_alone() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ukraine-2025/scenario.toml");
        let e = Editable::load(&path).unwrap();
        assert_eq!(e.format, "toml");
        assert!(!e.text.contains("deal_files ="));
        // The comments of the file are kept.
        assert!(e.text.contains("Judgement [I]"));
        let alone = parses_as(&e.text, &e.name, Format::Toml).unwrap();
        let loaded = accord_io::scenario::load_scenario(&path).unwrap();
        assert_eq!(alone.deals.len(), 4);
        assert!(same(&alone, &loaded));
    }

    #[test]
    fn brackets_in_strings_and_comments_are_skipped() {
        let t = "deal_files = [\n  \"a]b.toml\", # ] here\n  'c[.toml',\n]\n[scenario]\n";
        let out = without_deal_files(t).unwrap();
        assert_eq!(
            out,
            "# deal_files: written in as [[deals]] at the end\n[scenario]\n"
        );
        assert_eq!(without_deal_files("[scenario]\ndeal_files = []\n"), None);
    }
}
