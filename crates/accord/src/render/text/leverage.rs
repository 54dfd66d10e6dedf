//! `leverage` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::render::text::levers::levers_text;
use crate::report::leverage::{LeverageReport, Zone};

/// Renders a [`LeverageReport`].
pub fn render(r: &LeverageReport, cx: &Context) -> String {
    let mut out = String::new();
    if r.ratified {
        out.push_str(&cx.para("Acceptance includes ratification: each veto party's ratification threshold counts where it is above its reservation value (the reservation columns show the higher of the two).", ""));
    }
    let reservation = |p: &str| r.reservations.get(p).copied().unwrap_or(f64::NAN);
    match r.zone {
        Zone::Blocked => {
            out.push_str(&cx.para("Every package crosses some veto party's red line: no lowering of reservation values opens a zone.", ""));
        }
        Zone::Empty => {
            out.push_str(&cx.para(&format!("The zone of possible agreement is EMPTY. The least total lowering of reservation values that opens it: {:.4}.",
                r.min_total_shift.unwrap_or(f64::NAN)), ""));
            let mut t = table(cx.layout);
            t.set_header(vec![
                "veto party",
                "reservation",
                "utility there",
                "lower by",
            ]);
            for (p, x) in r.shift.iter() {
                let u = r
                    .utilities
                    .as_ref()
                    .and_then(|u| u.get(p).copied())
                    .unwrap_or(f64::NAN);
                t.add_row(vec![
                    Cell::new(p),
                    right(format!("{:.4}", reservation(p))),
                    right(format!("{u:.4}")),
                    right(format!("{x:.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
            out.push_str(&cx.para("A package that needs no more than that:", ""));
            if let Some(p) = &r.package {
                out.push_str(&cx.package_lines(p, "  "));
            }
        }
        Zone::NoVeto => {
            out.push_str(&cx.para("No party has a veto, so every package is in the zone of possible agreement: no pressure is needed.", ""));
        }
        Zone::Open => {
            out.push_str(&cx.para("The zone of possible agreement is not empty: no pressure is needed. Each veto party's slack (how far its reservation value could rise with a zone left):", ""));
            let mut t = table(cx.layout);
            t.set_header(vec!["veto party", "reservation", "slack"]);
            for (p, x) in r.slack.iter() {
                t.add_row(vec![
                    Cell::new(p),
                    right(format!("{:.4}", reservation(p))),
                    right(format!("{x:+.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
    }
    if r.zone != Zone::Blocked {
        out.push_str(&levers_text(
            &r.levers,
            &r.least_cost,
            &r.reservations,
            !r.zopa_empty,
            cx,
        ));
    }
    out
}
