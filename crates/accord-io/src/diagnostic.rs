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

    /// 1-based line and column (in characters) of a byte offset. Lines end
    /// at LF, CRLF or a lone CR (old Mac files), as the snippet shows them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let lone_cr = before
            .as_bytes()
            .windows(2)
            .filter(|w| w[0] == b'\r' && w[1] != b'\n')
            .count()
            + usize::from(before.ends_with('\r') && !self.text[before.len()..].starts_with('\n'));
        let line = before.matches('\n').count() + lone_cr + 1;
        let col = before
            .rfind(['\n', '\r'])
            .map_or(before, |k| &before[k + 1..])
            .chars()
            .count()
            + 1;
        (line, col)
    }

    /// The text with every lone CR turned into LF (the same length, so
    /// spans keep their places), for a renderer that breaks lines at LF.
    fn display_text(&self) -> Option<Arc<str>> {
        let b = self.text.as_bytes();
        let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
        if !(0..b.len()).any(lone) {
            return None;
        }
        let out: String = self
            .text
            .char_indices()
            .map(|(i, ch)| if ch == '\r' && lone(i) { '\n' } else { ch })
            .collect();
        Some(out.into())
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Lines longer than this many bytes are shown as a window (see
/// [`InputError::for_display`]).
pub const SNIPPET_LINE: usize = 400;

/// Characters of a message shown (one quoting a huge value is cut).
pub const SNIPPET_MESSAGE: usize = 300;

/// Characters shown either side of an error's span on a long line.
pub const SNIPPET_WINDOW: usize = 60;

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

    /// The error as a terminal shows it: unchanged when its line is short;
    /// otherwise the snippet is cut to a window of [`SNIPPET_WINDOW`]
    /// characters either side of the span, named `file (line L, from
    /// column C)`, so that a minified file or a 70,000-character line gives
    /// a readable snippet (and never a column past what a renderer can pad).
    pub fn for_display(&self) -> Shown {
        let shown = match self.source.display_text() {
            Some(text) => InputError {
                source: SourceText {
                    name: self.source.name.clone(),
                    text,
                },
                ..self.clone()
            },
            None => self.clone(),
        };
        Shown {
            window: shown.window(),
            original: self.clone(),
        }
    }

    fn window(&self) -> InputError {
        let text = &*self.source.text;
        let start = floor_char_boundary(text, self.span.start.min(text.len()));
        let end = floor_char_boundary(text, self.span.end.min(text.len()).max(start));
        let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |k| k + 1);
        let line_end = text[end..]
            .find(['\n', '\r'])
            .map_or(text.len(), |k| end + k);
        // Neighbouring lines are shown as context: a long one is cut too.
        let before = text[..line_start.saturating_sub(1)]
            .rfind(['\n', '\r'])
            .map_or(0, |k| k + 1);
        let after = text[(line_end + 1).min(text.len())..]
            .find(['\n', '\r'])
            .map_or(text.len(), |k| line_end + 1 + k);
        let neighbours_long = line_start - before > SNIPPET_LINE || after - line_end > SNIPPET_LINE;
        if line_end - line_start <= SNIPPET_LINE && !neighbours_long {
            return self.clone();
        }
        let from = text[line_start..start]
            .char_indices()
            .rev()
            .nth(SNIPPET_WINDOW)
            .map_or(line_start, |(k, _)| line_start + k);
        // The span itself is shown up to a window's length too.
        let span_end = text[start..end]
            .char_indices()
            .nth(SNIPPET_WINDOW)
            .map_or(end, |(k, _)| start + k);
        let to = text[span_end..line_end]
            .char_indices()
            .nth(SNIPPET_WINDOW)
            .map_or(line_end, |(k, _)| span_end + k);
        let (line, col) = self.source.line_col(from);
        let lead = if from > line_start { "…" } else { "" };
        let tail = if to < line_end { "…" } else { "" };
        let excerpt = format!("{lead}{}{tail}", &text[from..to]);
        let shift = lead.len();
        InputError {
            source: SourceText::new(
                format!("{} (line {line}, from column {col})", self.source.name),
                excerpt,
            ),
            span: (start - from + shift)..(span_end - from + shift),
            message: self.message.clone(),
            label: self.label.clone(),
            help: self.help.clone(),
        }
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
        // The column in characters, as in the message (the renderer counts
        // bytes, which differs on a line with non-ASCII text).
        let text = &*self.source.text;
        let at = floor_char_boundary(text, inner.span().offset().min(text.len()));
        let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |k| k + 1);
        let column = text[line_start..at].chars().count();
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.source.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// An [`InputError`] as a terminal shows it: the message and location of
/// the error, the snippet of its window (see [`InputError::for_display`]).
#[derive(Debug, Clone)]
pub struct Shown {
    original: InputError,
    window: InputError,
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A message quoting a huge value is cut, like the snippet.
        let full = self.original.to_string();
        match full.char_indices().nth(SNIPPET_MESSAGE) {
            Some((k, _)) => write!(f, "{}…", &full[..k]),
            None => f.write_str(&full),
        }
    }
}

impl std::error::Error for Shown {}

impl Diagnostic for Shown {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.original.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.window)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.window.labels()
    }
}

/// Makes a miette report source from a text (used by the CLI).
pub fn named_source(s: &SourceText) -> NamedSource<String> {
    NamedSource::new(s.name.clone(), s.text.to_string())
}
