//! Errors in input files: what, where (file, line, column), and a hint.

use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// A source file as read, kept for error reporting.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name shown in messages (usually the path as given).
    pub name: String,
    /// The text.
    pub text: Arc<str>,
}

impl SourceText {
    /// Wraps a text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceText {
        SourceText {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before, |k| &before[k + 1..])
            .chars()
            .count()
            + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in an input file.
#[derive(Debug, Clone)]
pub struct InputError {
    /// The file.
    pub source: SourceText,
    /// Byte span of the offending text.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// Short label placed at the span.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl InputError {
    /// 1-based line and column where the error starts.
    pub fn line_col(&self) -> (usize, usize) {
        self.source.line_col(self.span.start)
    }

    /// `file:line:col: message` (plus the hint), for plain-text output.
    pub fn plain(&self) -> String {
        let (l, c) = self.line_col();
        let mut s = format!("{}:{}:{}: {}", self.source.name, l, c, self.message);
        if let Some(h) = &self.help {
            s.push_str("\n  hint: ");
            s.push_str(h);
        }
        s
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (l, c) = self.line_col();
        write!(f, "{}:{}:{}: {}", self.source.name, l, c, self.message)
    }
}

impl std::error::Error for InputError {}

impl Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        None
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.span.end.saturating_sub(self.span.start);
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(self.label.clone()),
            self.span.start.min(self.source.text.len()),
            len,
        ))))
    }
}

impl SourceCode for InputError {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner =
            self.source
                .text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.source.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Makes a miette report source from a text (used by the CLI).
pub fn named_source(s: &SourceText) -> NamedSource<String> {
    NamedSource::new(s.name.clone(), s.text.to_string())
}
