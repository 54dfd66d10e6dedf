//! Renderers: a [`Report`] as text tables, JSON, CSV or SVG.
//!
//! Renderers only present what a report holds; they look up display labels
//! (names, option labels, units) in the [`Context`] and compute nothing.

pub mod context;
pub mod csv;
pub mod html;
pub mod svg;
pub mod table;
pub mod template;
pub mod text;
pub mod tornado;

use std::io::Write;

use crate::error::Error;
use crate::report::variant::Report;

pub use context::{Context, Layout};

/// The report as pretty JSON (with a final newline).
///
/// # Errors
///
/// An `Output` error if serialisation fails.
pub fn json_string(report: &Report) -> Result<String, Error> {
    let mut buf = Vec::new();
    json_to(&mut buf, report)?;
    String::from_utf8(buf).map_err(|e| Error::output(e.to_string()))
}

/// Writes the report as pretty JSON to `out`, streaming (large frontiers are
/// never built as one JSON value).
///
/// # Errors
///
/// An `Output` error carrying the I/O error's text; a closed pipe is
/// reported as [`std::io::ErrorKind::BrokenPipe`] through [`json_io`].
pub fn json_to(out: &mut impl Write, report: &Report) -> Result<(), Error> {
    json_io(out, report).map_err(|e| Error::output(format!("cannot write JSON: {e}")))
}

/// Writes the report as pretty JSON to `out`; I/O errors as they are.
///
/// # Errors
///
/// The writer's I/O error (or `InvalidData` if serialisation fails).
pub fn json_io(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(|e| match e.io_error_kind() {
        Some(kind) => std::io::Error::from(kind),
        None => std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    })?;
    out.write_all(b"\n")
}

/// The report as text for a terminal. Reports of several inputs
/// (tournament, comparison, forecast, validation) use only the context's
/// layout.
pub fn text(report: &Report, cx: &Context) -> String {
    match report {
        Report::Check(r) => text::check::render(r, cx),
        Report::Evaluate(r) => text::evaluate::render(r, cx),
        Report::Analyze(r) => text::analyze::render(r, cx),
        Report::Frontier(r) => text::frontier::render(r, cx),
        Report::Simulate(r) => text::simulate::render(r, cx),
        Report::Tournament(r) => text::tournament::render(r, cx.layout),
        Report::Compare(r) => text::compare::render(r, cx.layout),
        Report::Forecast(r) => text::forecast::render(r, cx.layout),
        Report::Validation(r) => text::validation::render(r, cx.layout),
        Report::Leverage(r) => text::leverage::render(r, cx),
        Report::Repair(r) => text::repair::render(r, cx),
        Report::Mediate(r) => text::mediate::render(r, cx),
        Report::Robust(r) => text::robust::render(r, cx),
        Report::Sweep(r) => text::sweep::render(r, cx),
        // A template that fails is a bug; its message stands in the text.
        Report::Calibrate(r) => text::calibrate::render(r, cx),
        Report::Briefing(r) => text::briefing::render(r, cx).unwrap_or_else(|e| e.to_string()),
    }
}

/// The report's chart as SVG: the frontier (with `x` and `y` naming its
/// axes' parties, by default the first two veto parties), the tornado of a
/// robustness report, the trace of a simulation, a sweep's lines, a
/// forecast's positions.
///
/// # Errors
///
/// A `Usage` error for a report that has no chart or an axis that names no
/// party.
pub fn svg(
    report: &Report,
    cx: &Context,
    x: Option<&str>,
    y: Option<&str>,
) -> Result<String, Error> {
    match report {
        Report::Frontier(r) => {
            svg::frontier::render(r, &svg::frontier::Axes::choose(cx.scenario, x, y)?)
        }
        Report::Robust(r) => tornado::svg(r, cx),
        Report::Simulate(r) => svg::simulate::render(r, cx),
        Report::Sweep(r) => svg::sweep::render(r),
        Report::Forecast(r) => svg::forecast::render(r),
        Report::Briefing(r) => svg::frontier::render(
            &r.frontier,
            &svg::frontier::Axes::choose(cx.scenario, x, y)?,
        ),
        _ => Err(Error::usage(
            "this command has no chart",
            Some("charts are drawn for frontier, robust, simulate, sweep and forecast".into()),
        )),
    }
}
