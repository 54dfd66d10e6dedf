//! `sweep` as text: one row per grid point, then how the Nash package (and
//! the mediated deal) moves across the grid.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{grouped, right, table};
use crate::render::text::levers::cost_num;
use crate::report::change::Difference;
use crate::report::sweep::{SweepCommand, SweepReport};

fn num(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.4}"))
}

/// Renders a [`SweepReport`].
pub fn render(r: &SweepReport, cx: &Context) -> String {
    let mut out = String::new();
    let what: Vec<String> = r
        .vary
        .iter()
        .map(|v| {
            format!(
                "{} from {} to {} ({} values)",
                v.path,
                v.values.first().copied().unwrap_or(f64::NAN),
                v.values.last().copied().unwrap_or(f64::NAN),
                v.values.len()
            )
        })
        .collect();
    out.push_str(&cx.para(
        &format!(
            "Sweep of {}: {} grid point{}{}.",
            what.join(" × "),
            r.points,
            if r.points == 1 { "" } else { "s" },
            if r.ratified {
                "; acceptance includes ratification"
            } else {
                ""
            }
        ),
        "",
    ));
    let veto = &r.veto_parties;
    let mut t = table(cx.layout);
    let mut head: Vec<String> = r.vary.iter().map(|v| v.path.clone()).collect();
    head.push("ZOPA packages".into());
    head.push("shift".into());
    head.extend(veto.iter().map(|p| format!("slack {p}")));
    head.push("least-cost pressure".into());
    head.push("cost".into());
    head.push("in budget".into());
    if r.command == SweepCommand::Mediate {
        head.push("mediated pressure".into());
        head.push("mediated cost".into());
        if let Some(q) = &r.maximize {
            head.push(format!("mediated: {q}"));
        }
    }
    head.push("Nash".into());
    t.set_header(head);
    let mut moves: Vec<(usize, Vec<Difference>)> = Vec::new();
    for (k, row) in r.rows.iter().enumerate() {
        let mut cells: Vec<Cell> = row
            .set
            .iter()
            .map(|(_, x)| right(accord_io::scenario::format_number(*x)))
            .collect();
        cells.push(right(if row.zopa_exact {
            grouped(&row.zopa_count)
        } else {
            format!("≈{}", grouped(&row.zopa_count))
        }));
        cells.push(right(num(row.min_total_shift)));
        for p in veto {
            cells.push(right(num(row.slack.get(p).copied())));
        }
        cells.push(right(match row.least_cost_status.as_str() {
            "mix" => num(row.least_cost_pressure),
            "beyond_pressure" => "beyond".to_string(),
            _ => "blocked".to_string(),
        }));
        cells.push(right(row.least_cost.map_or("–".to_string(), cost_num)));
        cells.push(Cell::new(match row.within_budget {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "–",
        }));
        if let Some(m) = &row.mediate {
            match (&m.no_deal, m.pressure, m.total_cost) {
                (None, Some(p), Some(c)) => {
                    cells.push(right(format!("{p:.4}")));
                    cells.push(right(cost_num(c)));
                }
                _ => {
                    cells.push(Cell::new("no deal"));
                    cells.push(Cell::new("–"));
                }
            }
            if let Some(q) = &r.maximize {
                cells.push(right(num(m
                    .utilities
                    .as_ref()
                    .and_then(|u| u.get(q).copied()))));
            }
        }
        cells.push(Cell::new(match (&row.nash, &row.nash_changes) {
            (None, _) => "–".to_string(),
            (Some(_), None) => "N1".to_string(),
            (Some(_), Some(d)) if d.is_empty() => "same".to_string(),
            (Some(_), Some(d)) => {
                moves.push((k, d.clone()));
                format!("N{}", moves.len() + 1)
            }
        }));
        t.add_row(cells);
    }
    let _ = writeln!(out, "{t}");
    out.push_str(&cx.para("shift: the least total lowering of reservation values that opens a zone (0 when open); slack: how far a veto party's reservation value could rise with a zone left.", ""));
    if r.command == SweepCommand::Mediate {
        out.push_str(&cx.para(&format!("mediated: the best deal of `accord mediate --press {}{}{}` at each point (its total pressure and cost{}).",
            r.press.join(","),
            r.maximize
                .as_ref()
                .map_or(String::new(), |q| format!(" --maximize {q}")),
            if r.ratified { " --ratified" } else { "" },
            r.maximize
                .as_ref()
                .map_or(String::new(), |q| format!(", and {q}'s utility"))), ""));
    }
    if let Some(first) = r.rows.iter().find_map(|row| row.nash.as_ref()) {
        out.push('\n');
        out.push_str(&cx.para("N1, the first Nash package:", ""));
        out.push_str(&cx.package_lines(first, "  "));
        for (j, (k, d)) in moves.iter().enumerate() {
            let at: Vec<String> = r.rows[*k]
                .set
                .iter()
                .map(|(p, x)| format!("{p}={}", accord_io::scenario::format_number(*x)))
                .collect();
            out.push_str(&cx.para(
                &format!(
                    "N{} (from {}): as the Nash package before, except",
                    j + 2,
                    at.join(", ")
                ),
                "",
            ));
            out.push_str(&cx.difference_lines(d, "  "));
        }
    } else {
        out.push_str(&cx.para("No grid point has a zone, so no Nash package.", ""));
    }
    out
}
