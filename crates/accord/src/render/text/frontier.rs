//! `frontier` as text: the summary line and a table of the points with
//! their packages.

use crate::render::context::Context;
use crate::render::text::analyze::{frontier_section, RATIFIED_NOTE};
use crate::report::analyze::FrontierPoint;
use crate::report::frontier::FrontierReport;

/// Renders a [`FrontierReport`], every point.
pub fn render(r: &FrontierReport, cx: &Context) -> String {
    render_with(r, cx, None)
}

/// Renders a [`FrontierReport`] with at most `show` points in the table
/// (the CLI's `--show`; `None`: all).
pub fn render_with(r: &FrontierReport, cx: &Context, show: Option<usize>) -> String {
    let pts: Vec<&FrontierPoint> = r.pareto.points.iter().collect();
    let mut out = String::new();
    if r.ratified {
        out.push_str(RATIFIED_NOTE);
    }
    out + &frontier_section(
        &r.scenario,
        &r.pareto,
        &pts,
        show.unwrap_or(usize::MAX),
        Some(cx),
        "--csv or --json list every point",
        cx.layout,
    )
}
