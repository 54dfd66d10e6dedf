//! `mediate` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::render::text::levers::{budget_text, cost_num, cost_text};
use crate::report::mediate::{MediateReport, NoDealReport};

/// Renders a [`MediateReport`].
pub fn render(r: &MediateReport, cx: &Context) -> String {
    let mut out = String::new();
    let press = r.press.join(", ");
    let satisfy = r.satisfy.join(", ");
    let _ = writeln!(
        out,
        "Pressing {press}; {} must accept as {}{}; {}.",
        if r.satisfy.is_empty() {
            "nobody"
        } else {
            &satisfy
        },
        if r.satisfy.len() == 1 {
            "it is"
        } else {
            "they are"
        },
        if r.ratified {
            " (and every named party must ratify)"
        } else {
            ""
        },
        budget_text(cx, r.budget)
    );
    match &r.no_deal {
        Some(NoDealReport::OutOfReach) => {
            let _ = writeln!(
                out,
                "NO DEAL within reach: no package is acceptable{} to {} and within the pressure the mediator can bring on {press}.",
                if r.ratified { " (and ratifiable)" } else { "" },
                if r.satisfy.is_empty() { "anyone" } else { &satisfy },
            );
            return out;
        }
        Some(NoDealReport::OverBudget { min_cost, over_by }) => {
            let _ = writeln!(
                out,
                "NO DEAL within the budget: the cheapest deal within reach costs {}, {} over.",
                cost_text(cx, *min_cost),
                cost_text(cx, *over_by)
            );
            return out;
        }
        None => {}
    }
    for p in &r.no_stick_against {
        let _ = writeln!(
            out,
            "(The mediator has no stick against {p}: it must accept as it is.)"
        );
    }
    match &r.mediator {
        Some(m) => {
            let _ = writeln!(
                out,
                "Deals needing the least pressure, then best for {m}, then cheapest; best first:"
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Deals needing the least pressure, then cheapest (no mediator party); best first:"
            );
        }
    }
    for (k, m) in r.deals.iter().enumerate() {
        let pressure: Vec<String> = m
            .pressure
            .iter()
            .map(|(p, x)| format!("{p} {x:.4}"))
            .collect();
        let _ = writeln!(
            out,
            "\nDeal {}: pressure {}; cost {} (pressure {}, incentives {}).",
            k + 1,
            pressure.join(", "),
            cost_text(cx, m.total_cost),
            cost_num(m.total_pressure_cost),
            cost_num(m.incentive_cost)
        );
        let mut t = table(cx.layout);
        t.set_header(vec![
            "party",
            "",
            "utility",
            "reservation",
            "margin",
            "ratifies",
        ]);
        for (p, u) in m.utilities.iter() {
            let tag = if r.press.iter().any(|x| &**x == p) {
                "pressed"
            } else if r.satisfy.iter().any(|x| &**x == p) {
                "satisfied"
            } else if r.mediator.as_deref() == Some(p) {
                "mediator"
            } else {
                ""
            };
            let at = |xs: &crate::report::value::ByParty| xs.get(p).copied().unwrap_or(f64::NAN);
            t.add_row(vec![
                Cell::new(p),
                Cell::new(tag),
                right(format!("{u:.4}")),
                right(format!("{:.4}", at(&r.reservations))),
                right(format!("{:+.4}", at(&m.margins))),
                Cell::new(match m.ratifies.get(p).copied().flatten() {
                    Some(true) => "yes",
                    Some(false) => "NO",
                    None => "–",
                }),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let _ = writeln!(out, "  {}", cx.package_line(&m.package));
    }
    out
}
