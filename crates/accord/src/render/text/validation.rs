//! `forecast --validate` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Layout;
use crate::render::table::{right, table};
use crate::report::validation::ValidationReport;

/// Renders a [`ValidationReport`], its tables fitted to `layout`.
pub fn render(r: &ValidationReport, layout: Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} issues.", r.issues.len());
    let mut t = table(layout);
    t.set_header(vec![
        "model",
        "mean abs. error",
        "mean error / range",
        "median error / range",
        "beats compromise",
    ]);
    for s in &r.models {
        t.add_row(vec![
            Cell::new(s.model.as_str()),
            right(format!("{:.3}", s.mae)),
            right(format!("{:.3}", s.mae_normalised)),
            right(format!("{:.3}", s.median_normalised)),
            right(format!("{:.0}%", 100.0 * s.beats_compromise)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "Errors are |forecast − outcome|; \"/ range\" divides by the spread of the actors' positions on that issue."
    );
    out
}
