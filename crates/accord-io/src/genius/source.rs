//! A file being read, and the located errors made for it.

use super::input::{SourceFile, MAX_NUMERIC_OPTIONS};
use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;

/// A file being read, with its text (byte-order mark removed).
pub(super) struct FileText<'a> {
    pub(super) name: &'a str,
    pub(super) text: &'a str,
}

impl<'a> FileText<'a> {
    /// `file:line:column` of byte offset `pos` (1-based; columns count
    /// characters), for warnings.
    pub(super) fn at(&self, pos: usize) -> String {
        let before = self.text.get(..pos.min(self.text.len())).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{column}", self.name)
    }

    pub(super) fn new(f: &SourceFile<'a>) -> FileText<'a> {
        FileText {
            name: f.name,
            text: f.text.strip_prefix('\u{feff}').unwrap_or(f.text),
        }
    }

    /// A located error at byte offset `pos`, or at the start of the file
    /// when no element or key can be pointed at.
    pub(super) fn error(
        &self,
        pos: Option<usize>,
        message: String,
        label: &str,
        hint: impl Into<String>,
    ) -> Error {
        let mut at = pos.unwrap_or(0).min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        // One character wide, so the label has something to point at.
        let end = self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        Error::Input(vec![InputError {
            source: SourceText::new(self.name, self.text),
            span: at..end,
            message,
            label: label.into(),
            help: Some(hint.into()),
        }])
    }

    /// Something missing or with a wrong value.
    pub(super) fn invalid(
        &self,
        pos: Option<usize>,
        expected: impl Into<String>,
        found: impl Into<String>,
        hint: &'static str,
    ) -> Error {
        self.error(
            pos,
            format!("expected {}, found {}", expected.into(), found.into()),
            "here",
            hint,
        )
    }

    /// A Genius construct accord cannot represent.
    pub(super) fn unsupported(
        &self,
        pos: Option<usize>,
        feature: impl Into<String>,
        hint: &'static str,
    ) -> Error {
        self.error(
            pos,
            format!(
                "expected a supported Genius construct, found {}, which is not supported",
                feature.into()
            ),
            "not supported",
            hint,
        )
    }

    /// A profile that does not match the domain (or, for GeniusWeb, the first profile).
    pub(super) fn mismatch(
        &self,
        pos: Option<usize>,
        domain: &str,
        message: impl Into<String>,
        hint: &'static str,
    ) -> Error {
        self.error(
            pos,
            format!(
                "the profile does not match the domain {domain}: {}",
                message.into()
            ),
            "does not match",
            hint,
        )
    }

    /// A numeric issue with more than [`MAX_NUMERIC_OPTIONS`] values
    /// (`count`, saturating).
    pub(super) fn too_large(&self, pos: Option<usize>, issue: &str, count: u128) -> Error {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        self.error(
            pos,
            format!(
                "expected at most {MAX_NUMERIC_OPTIONS} values for issue `{issue}`, found {count}"
            ),
            "too many values",
            "narrow the issue's bounds, or for a real issue lower --real-steps",
        )
    }

    /// Malformed XML at byte offset `pos`.
    pub(super) fn xml(&self, pos: usize, message: String) -> Error {
        self.error(
            Some(pos),
            format!("malformed XML: {message}"),
            "here",
            "Genius domain and utility-space files must be well-formed XML; check the tags around this position",
        )
    }

    /// Malformed JSON at a 1-based line and column (as serde_json counts them).
    pub(super) fn json(&self, line: usize, column: usize, message: String) -> Error {
        let line_start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let mut pos = (line_start + column.saturating_sub(1)).min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        self.error(
            Some(pos),
            format!("malformed JSON: {message}"),
            "here",
            "GeniusWeb profiles must be valid JSON; check the text around this position",
        )
    }
}

/// An error with no place in a file: bad options, no profiles, an imported
/// scenario that breaks the model, a scenario that cannot be exported.
pub(super) fn invalid(message: String, hint: impl Into<String>) -> Error {
    Error::Invalid {
        message,
        help: Some(hint.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_col(e: &Error) -> (usize, usize) {
        e.input_errors()[0].line_col()
    }

    #[test]
    fn errors_are_located_in_lines_and_chars() {
        let f = FileText {
            name: "f",
            text: "ab\ncdé\nx",
        };
        assert_eq!(line_col(&f.xml(0, "m".into())), (1, 1));
        assert_eq!(line_col(&f.xml(3, "m".into())), (2, 1));
        assert_eq!(line_col(&f.xml(7, "m".into())), (2, 4));
        // inside the two-byte é: moved back to its start
        assert_eq!(line_col(&f.xml(6, "m".into())), (2, 3));
        assert_eq!(line_col(&f.xml(100, "m".into())), (3, 2));
        assert_eq!(line_col(&f.json(2, 3, "m".into())), (2, 3));
        assert_eq!(line_col(&f.invalid(None, "a", "b", "h")), (1, 1));
        let e = f.invalid(Some(3), "a", "b", "h");
        assert_eq!(e.plain(), "f:2:1: expected a, found b\n  hint: h");
    }
}
