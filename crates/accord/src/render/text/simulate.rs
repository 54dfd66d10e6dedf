//! `simulate` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::report::simulate::{Protocol, SimulationReport};

/// Trace steps shown by [`render`] (the command line's default `--show`).
pub const SHOW: usize = 40;

/// Renders a [`SimulationReport`], showing at most [`SHOW`] trace steps.
pub fn render(r: &SimulationReport, cx: &Context) -> String {
    render_with(r, cx, SHOW)
}

/// Renders a [`SimulationReport`], showing at most `show` trace steps (the
/// first and last halves; 0: all).
pub fn render_with(r: &SimulationReport, cx: &Context, show: usize) -> String {
    let mut out = String::new();
    let who: Vec<String> = r
        .parties
        .iter()
        .map(|p| {
            if r.protocol.uses_strategies() {
                format!("{p} ({})", r.strategies.get(p).map_or("-", |s| s.as_str()))
            } else {
                p.to_string()
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "Protocol {}: {}; deadline {} rounds; seed {}; {} packages in play{}.",
        r.protocol.as_str(),
        who.join(", "),
        r.deadline,
        r.seed,
        r.pool.packages,
        if r.pool.exhaustive {
            " (all)"
        } else {
            " (a sample plus the frontier)"
        }
    );
    let mut t = table(cx.layout);
    let mut head = vec!["round".to_string(), "move".to_string()];
    head.extend(r.parties.iter().map(|p| format!("u({p})")));
    head.push("answers".into());
    t.set_header(head);
    let n = r.trace.len();
    let keep = |i: usize| show == 0 || n <= show || i < show / 2 || i >= n - show / 2;
    let mut skipped = false;
    for (i, st) in r.trace.iter().enumerate() {
        if !keep(i) {
            if !skipped {
                let mut row = vec![
                    Cell::new("…"),
                    Cell::new(format!("{} steps not shown", n - 2 * (show / 2))),
                ];
                row.extend(r.parties.iter().map(|_| Cell::new("")));
                row.push(Cell::new(""));
                t.add_row(row);
                skipped = true;
            }
            continue;
        }
        let mv = match (&st.revision, &st.proposer) {
            (Some(rev), _) => format!(
                "text revised: {} → {} (complaint of {})",
                rev.issue,
                cx.option_id(&rev.issue, &rev.option),
                rev.complaints.join(", ")
            ),
            (None, Some(p)) if r.protocol == Protocol::SingleText => {
                format!("{p} puts the text to a vote")
            }
            (None, Some(p)) if r.protocol == Protocol::Summit => {
                format!("{p} proposes: take it or leave it")
            }
            (None, Some(p)) => format!("{p} offers"),
            (None, None) => "the text is put to a vote".into(),
        };
        let mut row = vec![right(st.round + 1), Cell::new(mv)];
        row.extend(st.utilities.iter().map(|(_, u)| right(format!("{u:.3}"))));
        row.push(Cell::new(
            st.responses
                .iter()
                .map(|(p, y)| format!("{p} {}", if *y { "yes" } else { "no" }))
                .collect::<Vec<_>>()
                .join(", "),
        ));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    match &r.agreement {
        Some(k) => {
            let _ = writeln!(out, "AGREEMENT after {} rounds:", r.rounds);
            let label = k
                .iter()
                .map(|(issue, o)| format!("{issue}={}", cx.option_id(issue, o)))
                .collect::<Vec<_>>()
                .join(",");
            let _ = writeln!(out, "  {}", label.replace(',', ", "));
        }
        None => {
            let _ = writeln!(
                out,
                "NO AGREEMENT after {} rounds: every party gets its reservation value.",
                r.rounds
            );
        }
    }
    let mut t = table(cx.layout);
    t.set_header(vec!["party", "utility", "reservation then", "margin"]);
    for (p, u) in r.utilities.iter() {
        let res = r.final_reservations.get(p).copied().unwrap_or(f64::NAN);
        let margin = r.margins.get(p).copied().unwrap_or(f64::NAN);
        t.add_row(vec![
            Cell::new(p),
            right(format!("{u:.4}")),
            right(format!("{res:.4}")),
            right(format!("{margin:+.4}")),
        ]);
    }
    let _ = writeln!(out, "{t}");
    if let Some(d) = r.distance_to_pareto {
        let _ = writeln!(
            out,
            "Distance from the Pareto frontier of {}: {d:.4}; from the Nash point: {}.",
            r.parties.join(", "),
            r.distance_to_nash
                .map_or("– (no zone)".to_string(), |x| format!("{x:.4}"))
        );
    }
    if let Some(plan) = &r.plan {
        let _ = writeln!(
            out,
            "\nThe plan: {} ({}){}.",
            plan.deal.name,
            plan.deal.id,
            if plan.in_zopa {
                ", which every veto party accepts"
            } else {
                ", which some veto party rejects"
            }
        );
        out.push_str(&cx.change_lines(plan.change.as_ref()));
        match (&plan.agreement_differs, &plan.agreement_minus_plan) {
            (Some(d), Some(gain)) => {
                if d.is_empty() {
                    let _ = writeln!(out, "The agreement IS the plan.");
                } else {
                    let _ = writeln!(out, "The agreement differs from the plan on:");
                    out.push_str(&cx.difference_lines(d, "  "));
                }
                let mut t = table(cx.layout);
                t.set_header(vec!["party", "plan", "agreement − plan"]);
                for (p, u) in plan.utilities.iter() {
                    let g = gain.get(p).copied().unwrap_or(f64::NAN);
                    t.add_row(vec![
                        Cell::new(p),
                        right(format!("{u:.4}")),
                        right(format!("{g:+.4}")),
                    ]);
                }
                let _ = writeln!(out, "{t}");
            }
            _ => {
                let _ = writeln!(out, "No agreement to hold against it.");
            }
        }
    }
    out
}
