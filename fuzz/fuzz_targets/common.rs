//! What every target does with an error: render it as the CLI would (the
//! graphical snippet, the plain line), so that a panic in the renderer or in
//! the windowing of long lines is found too.

#![allow(dead_code)]

use accord_io::diagnostic::SourceText;

/// Renders an error every way accord shows one.
pub fn render(e: &accord_io::Error) {
    let _ = e.to_string();
    let _ = e.plain();
    if let accord_io::Error::Input(errs) = e {
        let handler = miette::GraphicalReportHandler::new();
        for err in errs.iter().take(4) {
            let mut out = String::new();
            let _ = handler.render_report(&mut out, &err.for_display());
            let (line, col) = err.line_col();
            assert!(line >= 1 && col >= 1);
        }
    }
}

/// The fuzz input as text (lossy), named with an extension.
pub fn text(data: &[u8], name: &str) -> SourceText {
    SourceText::new(name, String::from_utf8_lossy(data).into_owned())
}

/// Splits the input at the first NUL into two texts.
pub fn split(data: &[u8]) -> (String, String) {
    let k = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (a, b) = data.split_at(k);
    (
        String::from_utf8_lossy(a).into_owned(),
        String::from_utf8_lossy(b.get(1..).unwrap_or(&[])).into_owned(),
    )
}

/// What an import writes must read back as a scenario.
pub fn reads_back(s: &accord_core::model::Scenario) {
    use accord_core::model::ModelError;
    use accord_io::scenario::{parse_scenario_with, FileAccess, Format};
    // A compound issue past the engine's limit is refused on reading, as it
    // should be (the import then fails with that message).
    if let Err(ModelError::CompoundTooLarge { .. }) = accord_core::compile::Compiled::new(s) {
        return;
    }
    let toml = accord_io::write::scenario_toml(s, "fuzz");
    let src = SourceText::new("imported.toml", toml);
    if let Err(e) = parse_scenario_with(&src, Format::Toml, &FileAccess::None) {
        panic!("an import does not read back: {}\n{}", e.plain(), src.text);
    }
}
