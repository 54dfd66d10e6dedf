//! `tournament` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Layout;
use crate::render::table::{right, table};
use crate::report::tournament::TournamentReport;

/// Renders a [`TournamentReport`], its tables fitted to `layout`.
pub fn render(r: &TournamentReport, layout: Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} negotiations ({} protocol, {} rounds, {} seeds each) in {:.2} s: {:.0} per second.",
        r.negotiations,
        r.protocol.as_str(),
        r.rounds,
        r.seeds,
        r.seconds,
        r.negotiations_per_second
    );
    let mut t = table(layout);
    t.set_header(vec![
        "scenario",
        "strategies",
        "agreement",
        "mean utilities",
        "rounds",
        "to Pareto",
        "to Nash",
    ]);
    for m in &r.matches {
        t.add_row(vec![
            Cell::new(&m.scenario),
            Cell::new(
                m.strategies
                    .iter()
                    .map(|(p, st)| format!("{p}: {st}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            right(format!("{:.0}%", 100.0 * m.agreement_rate)),
            Cell::new(
                m.mean_utilities
                    .iter()
                    .map(|(p, u)| format!("{p} {u:.3}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            right(format!("{:.1}", m.mean_rounds)),
            right(
                m.mean_distance_to_pareto
                    .map_or("–".into(), |x| format!("{x:.3}")),
            ),
            right(
                m.mean_distance_to_nash
                    .map_or("–".into(), |x| format!("{x:.3}")),
            ),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}
