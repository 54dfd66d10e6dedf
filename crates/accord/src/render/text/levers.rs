//! Costs, budgets and the mediator's levers as text, shared by `leverage`
//! and `mediate`.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::report::levers::{LeastCostReport, Levers};
use crate::report::value::ByParty;

/// A cost, to three decimals without trailing zeros.
pub fn cost_num(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e9 {
        // Past a billion, four significant digits in scientific notation
        // (`1e308`, not a 309-digit integer).
        return accord_io::scenario::scientific(x, 4);
    }
    let t = format!("{:.3}", x + 0.0);
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// A cost with the scenario's unit.
pub fn cost_text(cx: &Context, x: f64) -> String {
    match &cx.scenario.cost_unit {
        Some(u) => format!("{} {u}", cost_num(x)),
        None => cost_num(x),
    }
}

/// `budget X` or `no budget limit`.
pub fn budget_text(cx: &Context, budget: Option<f64>) -> String {
    match budget {
        Some(b) => format!("budget {}", cost_text(cx, b)),
        None => "no budget limit".to_string(),
    }
}

fn at(xs: &ByParty, id: &str) -> f64 {
    xs.get(id).copied().unwrap_or(f64::NAN)
}

/// The mediator's levers and its least-cost route to a zone (`zone_open`:
/// whether the zone is open already).
pub fn levers_text(
    lv: &Levers,
    lc: &LeastCostReport,
    reservations: &ByParty,
    zone_open: bool,
    cx: &Context,
) -> String {
    let mut out = String::new();
    out.push('\n');
    out.push_str(&cx.para(
        &format!("The mediator's levers ({}):", budget_text(cx, lv.budget)),
        "",
    ));
    let sticks: Vec<String> = lv
        .pressure
        .iter()
        .map(|x| {
            if x.max > 0.0 {
                format!(
                    "{} can be pressed by up to {:.3} for {}",
                    x.party,
                    x.max,
                    cost_num(x.cost)
                )
            } else {
                format!("no stick against {}", x.party)
            }
        })
        .collect();
    out.push_str(&cx.para(&format!("  pressure: {}", sticks.join("; ")), ""));
    out.push_str(&cx.para(
        &format!(
            "  incentives: {}",
            if lv.incentives.is_empty() {
                "none".to_string()
            } else {
                lv.incentives.join(", ")
            }
        ),
        "",
    ));
    match lc {
        LeastCostReport::Blocked { .. } => {}
        LeastCostReport::BeyondPressure {
            beyond_shift,
            shift,
            package,
            utilities,
            ..
        } => {
            let pressed = lv.pressure.iter().any(|x| x.max > 0.0);
            out.push_str(&cx.para(&format!("The mediator LACKS THE LEVERAGE: even full pressure{} leaves no package acceptable to {}. Beyond that pressure, reservation values would still have to fall by {:.4} in total:",
                if pressed { "" } else { " (it has none)" },
                cx.everyone(),
                beyond_shift), ""));
            let mut t = table(cx.layout);
            t.set_header(vec![
                "veto party",
                "reservation",
                "max pressure",
                "utility there",
                "still short by",
            ]);
            for (p, x) in shift.iter() {
                let max = lv
                    .pressure
                    .iter()
                    .find(|l| &*l.party == p)
                    .map_or(0.0, |l| l.max);
                t.add_row(vec![
                    Cell::new(p),
                    right(format!("{:.4}", at(reservations, p))),
                    right(format!("{max:.4}")),
                    right(format!("{:.4}", at(utilities, p))),
                    right(format!("{x:.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
            out.push_str(&cx.para("The package that comes closest:", ""));
            out.push_str(&cx.package_lines(package, "  "));
        }
        LeastCostReport::Mix {
            mix,
            within_budget,
            over_budget_by,
            costless,
            ..
        } => {
            if zone_open && *costless {
                out.push_str(&cx.para(
                    "Some deal in the zone needs neither pressure nor incentives (cost 0).",
                    "",
                ));
                return out;
            }
            let verdict = if *within_budget {
                "within its budget".to_string()
            } else {
                format!(
                    "OVER its budget by {}: the mediator LACKS THE LEVERAGE",
                    cost_text(cx, over_budget_by.unwrap_or(mix.total_cost))
                )
            };
            out.push_str(&cx.para(&format!("{} costs {} (incentives {}, pressure {}), {verdict}:",
                if zone_open {
                    "The mediator's cheapest route to a deal (pressure may stand in for costly incentives)"
                } else {
                    "The cheapest mix of pressure and incentives that opens a zone"
                },
                cost_text(cx, mix.total_cost),
                cost_num(mix.incentive_cost),
                cost_num(mix.total_pressure_cost)), ""));
            let mut t = table(cx.layout);
            t.set_header(vec![
                "veto party",
                "reservation",
                "utility there",
                "pressure",
                "pressure cost",
            ]);
            for (p, amount) in mix.pressure.iter() {
                t.add_row(vec![
                    Cell::new(p),
                    right(format!("{:.4}", at(reservations, p))),
                    right(format!("{:.4}", at(&mix.utilities, p))),
                    right(format!("{amount:.4}")),
                    right(cost_num(at(&mix.pressure_cost, p))),
                ]);
            }
            let _ = writeln!(out, "{t}");
            out.push_str(&cx.para("The package:", ""));
            out.push_str(&cx.package_lines(&mix.package, "  "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cost_num;

    #[test]
    fn costs_are_short_at_any_size() {
        assert_eq!(cost_num(10.0), "10");
        assert_eq!(cost_num(2.5), "2.5");
        assert_eq!(cost_num(-0.0), "0");
        assert_eq!(cost_num(999_999_999.0), "999999999");
        assert_eq!(cost_num(1e308), "1e308");
        assert_eq!(cost_num(1.5e12), "1.5e12");
        assert_eq!(cost_num(-2.25e10), "-2.25e10");
    }
}
