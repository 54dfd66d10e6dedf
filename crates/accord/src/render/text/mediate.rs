//! `mediate` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::render::text::levers::{budget_text, cost_num, cost_text};
use crate::report::levers::MixReport;
use crate::report::mediate::{CurveStep, MediateReport, NoDealReport, PlanReport};
use crate::report::value::{ByParty, Id};

/// Renders a [`MediateReport`].
pub fn render(r: &MediateReport, cx: &Context) -> String {
    let mut out = String::new();
    let press = r.press.join(", ");
    let satisfy = r.satisfy.join(", ");
    out.push_str(&cx.para(
        &format!(
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
        ),
        "",
    ));
    if let Some(plan) = &r.plan {
        out.push_str(&plan_text(plan, r, cx));
    }
    match &r.no_deal {
        Some(NoDealReport::OutOfReach) => {
            out.push_str(&cx.para(&format!("NO DEAL within reach: no package is acceptable{} to {} and within the pressure the mediator can bring on {press}.",
                if r.ratified { " (and ratifiable)" } else { "" },
                if r.satisfy.is_empty() { "anyone" } else { &satisfy }), ""));
            return out;
        }
        Some(NoDealReport::OverBudget { min_cost, over_by }) => {
            out.push_str(&cx.para(
                &format!(
                    "NO DEAL within the budget: the cheapest deal within reach costs {}, {} over.",
                    cost_text(cx, *min_cost),
                    cost_text(cx, *over_by)
                ),
                "",
            ));
            return out;
        }
        None => {}
    }
    for p in &r.no_stick_against {
        out.push_str(&cx.para(
            &format!("(The mediator has no stick against {p}: it must accept as it is.)"),
            "",
        ));
    }
    let accepts = if r.press.len() == 1 {
        "accepts"
    } else {
        "accept"
    };
    let first = r.deals.first().map(|d| d.mix.total_pressure);
    match (r.no_pressure_needed, &r.maximize, first) {
        (Some(true), Some(q), Some(x)) if x > 0.0 => {
            out.push_str(&cx.para(&format!("Some deal needs no pressure ({press} {accepts} it voluntarily{}), but the best for {q} needs {x:.4}.",
                if r.ratified { " and ratifies it" } else { "" }), ""));
        }
        (Some(true), _, _) => {
            out.push_str(&cx.para(
                &format!(
                    "NO PRESSURE NEEDED: {press} {accepts} a deal voluntarily{}.{}",
                    if r.ratified { " (and ratifies it)" } else { "" },
                    match (&r.maximize, &r.curve) {
                        (None, None) =>
                            " (What pressure would buy a party: --maximize PARTY, --curve.)",
                        _ => "",
                    }
                ),
                "",
            ));
        }
        (Some(false), _, _) => {
            out.push_str(&cx.para(&format!("Pressure is needed: every deal within reach needs at least {:.4} in total on {press}.",
                r.least_pressure.unwrap_or(f64::NAN)), ""));
        }
        _ => {}
    }
    out.push_str(&cx.para(&format!("{}; best first:",
        match (&r.maximize, &r.mediator) {
            (Some(q), Some(m)) if q != m => format!(
                "Deals best for {q} first, then needing the least pressure, then cheapest, then best for {m}"
            ),
            (Some(q), _) => format!(
                "Deals best for {q} first, then needing the least pressure, then cheapest"
            ),
            (None, Some(m)) => format!(
                "Deals needing the least pressure, then best for {m}, then cheapest"
            ),
            (None, None) => {
                "Deals needing the least pressure, then cheapest (no mediator party)".to_string()
            }
        }), ""));
    for (k, d) in r.deals.iter().enumerate() {
        let m = &d.mix;
        out.push('\n');
        out.push_str(&cx.para(&format!("Deal {}: {}", k + 1, cost_line(m, cx)), ""));
        out.push_str(&parties_table(m, r, cx));
        match (&d.changes_from_plan, &r.plan) {
            (Some(diff), Some(plan)) if diff.is_empty() => {
                out.push_str(&cx.para(&format!("  The plan itself ({}).", plan.deal.id), ""));
            }
            (Some(diff), Some(plan)) => {
                out.push_str(&cx.para(
                    &format!(
                        "  As the plan {}{}, except:",
                        plan.deal.id,
                        if plan.change.is_some() {
                            " (as changed)"
                        } else {
                            ""
                        }
                    ),
                    "",
                ));
                out.push_str(&cx.difference_lines(diff, "    "));
            }
            _ => out.push_str(&cx.package_lines(&m.package, "  ")),
        }
    }
    if let (Some(curve), Some(q)) = (&r.curve, &r.curve_party) {
        out.push_str(&curve_text(curve, q, r, cx));
    }
    out
}

/// The cost of a deal broken down by lever.
fn cost_line(m: &MixReport, cx: &Context) -> String {
    let pressure: Vec<String> = m
        .pressure
        .iter()
        .map(|(p, x)| {
            let cost = m.pressure_cost.get(p).copied().unwrap_or(0.0);
            if *x <= 0.0 {
                format!("none on {p}")
            } else {
                format!("{x:.4} on {p} (cost {})", cost_num(cost))
            }
        })
        .collect();
    let incentives: Vec<String> = m
        .incentives
        .iter()
        .filter(|(_, c)| **c > 0.0)
        .map(|(i, c)| {
            let o = m
                .package
                .get(i)
                .map_or(String::new(), |o| cx.option_label(i, o));
            format!("{i} = {o} ({})", cost_num(*c))
        })
        .collect();
    format!(
        "cost {}; pressure: {}; incentives: {}.",
        cost_text(cx, m.total_cost),
        pressure.join(", "),
        if incentives.is_empty() {
            "none".to_string()
        } else {
            incentives.join(", ")
        }
    )
}

fn is(xs: &[Id], p: &str) -> bool {
    xs.iter().any(|x| &**x == p)
}

/// Every party's utility, reservation, margin and ratification.
fn parties_table(m: &MixReport, r: &MediateReport, cx: &Context) -> String {
    let mut t = table(cx.layout);
    t.set_header(vec![
        "party",
        "",
        "utility",
        "reservation",
        "margin",
        "ratification",
        "ratifies",
    ]);
    for (p, u) in m.utilities.iter() {
        let base = cx.party(p).and_then(|x| x.ratification);
        let threshold = match (base, m.thresholds.get(p).copied().flatten()) {
            (Some(t), Some(now)) if (t - now).abs() > 1e-12 => {
                format!("{t:.4} → {now:.4}")
            }
            (_, Some(now)) => format!("{now:.4}"),
            _ => "–".to_string(),
        };
        let mut tags = Vec::new();
        if is(&r.press, p) {
            tags.push("pressed");
        } else if is(&r.satisfy, p) {
            tags.push("satisfied");
        }
        if r.mediator.as_deref() == Some(p) {
            tags.push("mediator");
        }
        if r.maximize.as_deref() == Some(p) && r.mediator.as_deref() != Some(p) {
            tags.push("served");
        }
        let at = |xs: &ByParty| xs.get(p).copied().unwrap_or(f64::NAN);
        t.add_row(vec![
            Cell::new(p),
            Cell::new(tags.join(", ")),
            right(format!("{u:.4}")),
            right(format!("{:.4}", at(&r.reservations))),
            right(format!("{:+.4}", at(&m.margins))),
            right(threshold),
            Cell::new(match m.ratifies.get(p).copied().flatten() {
                Some(true) => "yes",
                Some(false) => "NO",
                None => "–",
            }),
        ]);
    }
    format!("{t}\n")
}

/// The plan given with `--deal`: can the mediator press it through?
fn plan_text(plan: &PlanReport, r: &MediateReport, cx: &Context) -> String {
    let mut out = String::new();
    out.push('\n');
    out.push_str(&cx.para(
        &format!("The plan: {} ({}).", plan.deal.name, plan.deal.id),
        "",
    ));
    if let Some(ch) = &plan.change {
        if ch.changed.is_empty() {
            out.push_str(&cx.para("  The change leaves it as it is.", ""));
        } else {
            out.push_str(&cx.para(&format!("  Changed from {}:", ch.base), ""));
            out.push_str(&cx.difference_lines(&ch.changed, "    "));
        }
    }
    let verdict = if plan.feasible {
        "the mediator CAN press it through".to_string()
    } else {
        let mut why = Vec::new();
        if !plan.red_lines_of.is_empty() {
            why.push(format!(
                "it crosses red lines of {}",
                plan.red_lines_of.join(", ")
            ));
        }
        if !plan.rejected_by.is_empty() {
            why.push(format!(
                "{} {} it",
                plan.rejected_by.join(", "),
                if plan.rejected_by.len() == 1 {
                    "rejects"
                } else {
                    "reject"
                }
            ));
        }
        if !plan.beyond_reach.is_empty() {
            why.push(format!(
                "it needs more pressure on {} than the mediator has",
                plan.beyond_reach.join(", ")
            ));
        }
        if !plan.within_budget {
            why.push("it costs more than the budget".to_string());
        }
        format!("the mediator CANNOT press it through: {}", why.join("; "))
    };
    out.push_str(&cx.para(&format!("  {verdict}."), ""));
    out.push_str(&cx.para(&format!("  {}", cost_line(&plan.mix, cx)), ""));
    out.push_str(&parties_table(&plan.mix, r, cx));
    out
}

/// The coercion curve as a table, then each step's changes.
fn curve_text(curve: &[CurveStep], q: &str, r: &MediateReport, cx: &Context) -> String {
    let mut out = String::new();
    let press = r.press.join(", ");
    out.push('\n');
    out.push_str(&cx.para(
        &format!(
            "The coercion curve: the best deal for {q} as the pressure allowed on {press} rises{}.",
            if r.ratified {
                " (every named party ratifying)"
            } else {
                ""
            }
        ),
        "",
    ));
    if curve.is_empty() {
        out.push_str(&cx.para("  (no step: no deal within reach)", ""));
        return out;
    }
    let mut t = table(cx.layout);
    let mut head = vec!["step".to_string(), "pressure".to_string()];
    head.extend(curve[0].utilities.iter().map(|(p, _)| p.to_string()));
    head.push("cost".into());
    t.set_header(head);
    for (k, st) in curve.iter().enumerate() {
        let mut row = vec![
            right(format!("{}", k + 1)),
            right(format!("{:.4}", st.pressure)),
        ];
        row.extend(st.utilities.iter().map(|(_, u)| right(format!("{u:.4}"))));
        row.push(right(cost_num(st.total_cost)));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if curve.len() == 1 {
        out.push_str(&cx.para(
            &format!(
                "More pressure buys {q} nothing: the best deal needs {:.4}.",
                curve[0].pressure
            ),
            "",
        ));
    }
    for (k, st) in curve.iter().enumerate() {
        match &st.changes_from_previous {
            None => {
                let _ = writeln!(out, "Step 1:");
                out.push_str(&cx.package_lines(&st.package, "  "));
            }
            Some(d) => {
                let _ = writeln!(out, "Step {}: as step {}, except", k + 1, k);
                out.push_str(&cx.difference_lines(d, "  "));
            }
        }
    }
    out
}
