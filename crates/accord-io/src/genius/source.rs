//! A file being read, and the located errors made for it.

use super::error::{GeniusError, Location};
use super::input::{SourceFile, MAX_NUMERIC_OPTIONS};

/// Line and column of byte offset `pos` in `text`.
fn location_of(text: &str, pos: usize) -> Location {
    let mut end = pos.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Location { line, column }
}

/// A file being read, with its text (byte-order mark removed).
pub(super) struct FileText<'a> {
    pub(super) name: &'a str,
    pub(super) text: &'a str,
}

impl<'a> FileText<'a> {
    pub(super) fn new(f: &SourceFile<'a>) -> FileText<'a> {
        FileText {
            name: f.name,
            text: f.text.strip_prefix('\u{feff}').unwrap_or(f.text),
        }
    }

    pub(super) fn loc(&self, pos: usize) -> Location {
        location_of(self.text, pos)
    }

    pub(super) fn invalid(
        &self,
        pos: Option<usize>,
        expected: impl Into<String>,
        found: impl Into<String>,
        hint: &'static str,
    ) -> GeniusError {
        GeniusError::Invalid {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            expected: expected.into(),
            found: found.into(),
            hint,
        }
    }

    pub(super) fn unsupported(
        &self,
        pos: Option<usize>,
        feature: impl Into<String>,
        hint: &'static str,
    ) -> GeniusError {
        GeniusError::Unsupported {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            feature: feature.into(),
            hint,
        }
    }

    pub(super) fn mismatch(
        &self,
        pos: Option<usize>,
        domain: &str,
        message: impl Into<String>,
        hint: &'static str,
    ) -> GeniusError {
        GeniusError::Mismatch {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            domain: domain.to_string(),
            message: message.into(),
            hint,
        }
    }

    pub(super) fn too_large(&self, pos: Option<usize>, issue: &str, count: u128) -> GeniusError {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        GeniusError::TooLarge {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            issue: issue.to_string(),
            count,
            limit: MAX_NUMERIC_OPTIONS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_chars() {
        let t = "ab\ncdé\nx";
        assert_eq!(location_of(t, 0), Location { line: 1, column: 1 });
        assert_eq!(location_of(t, 3), Location { line: 2, column: 1 });
        assert_eq!(location_of(t, 7), Location { line: 2, column: 4 });
        // inside the two-byte é: moved back to its start
        assert_eq!(location_of(t, 6), Location { line: 2, column: 3 });
        assert_eq!(location_of(t, 100), Location { line: 3, column: 2 });
    }
}
