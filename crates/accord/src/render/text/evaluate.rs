//! `evaluate` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::report::evaluate::{EvaluationReport, PartyVerdict};

/// Renders an [`EvaluationReport`].
pub fn render(r: &EvaluationReport, cx: &Context) -> String {
    let s = cx.scenario;
    let e = &r.evaluation;
    let mut out = String::new();
    let _ = writeln!(out, "Deal: {} ({})", r.deal.name, r.deal.id);
    if let Some(desc) = &r.deal.description {
        let _ = writeln!(out, "{desc}");
    }
    out.push_str(&cx.change_lines(r.change.as_ref()));
    let mut t = table(cx.layout);
    t.set_header(vec!["issue", "option"]);
    for (issue, o) in e.package.iter() {
        t.add_row(vec![Cell::new(issue), Cell::new(cx.option_text(issue, o))]);
    }
    let _ = writeln!(out, "{t}");
    let ratifying = e.parties.iter().any(|p| p.ratification.is_some());
    let mut t = table(cx.layout);
    let mut head = vec!["party", "veto", "utility", "reservation", "margin"];
    if ratifying {
        head.push("ratification");
    }
    head.push("verdict");
    t.set_header(head);
    for v in &e.parties {
        let verdict = if !v.red_lines.is_empty() {
            "REJECTS (red line)"
        } else if !v.accepts {
            "REJECTS (below reservation)"
        } else if v.ratifies == Some(false) {
            "accepts, NOT RATIFIED"
        } else if v.ratifies == Some(true) {
            "accepts and ratifies"
        } else {
            "accepts"
        };
        let mut row = vec![
            Cell::new(&v.party),
            Cell::new(if v.veto { "yes" } else { "no" }),
            right(format!("{:.4}", v.utility)),
            right(format!("{:.4}", v.reservation)),
            right(format!("{:+.4}", v.margin)),
        ];
        if ratifying {
            row.push(right(
                v.ratification
                    .map_or("–".to_string(), |t| format!("{t:.4}")),
            ));
        }
        row.push(Cell::new(verdict));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if s.has_incentives() {
        let _ = writeln!(
            out,
            "Incentives in this deal cost the mediator {}{}.",
            accord_io::scenario::format_number(e.incentive_cost),
            s.cost_unit
                .as_ref()
                .map_or(String::new(), |u| format!(" ({u})"))
        );
    }
    for o in &e.owners_needed {
        let _ = writeln!(
            out,
            "{} must accept too: the deal moves {}, which it owns, from the status quo.",
            o.party,
            o.moved.join(", ")
        );
    }
    if e.in_zopa && !e.unratified.is_empty() {
        let _ = writeln!(
            out,
            "Verdict: acceptable to every veto party, but {} would not ratify it: it could be signed, not approved at home.",
            e.unratified.join(", ")
        );
    } else if e.in_zopa {
        let _ = writeln!(
            out,
            "Verdict: acceptable to {} (inside the ZOPA).",
            cx.everyone()
        );
    } else {
        let _ = writeln!(out, "Verdict: blocked by {}.", e.blocking.join(", "));
    }
    for v in e
        .parties
        .iter()
        .filter(|v| v.accepts && v.ratifies == Some(false))
    {
        let t = v.ratification.unwrap_or(0.0);
        let _ = writeln!(
            out,
            "\n{} accepts but falls short of its ratification threshold {:.4} by {:.4}.",
            v.party,
            t,
            t - v.utility
        );
    }
    for v in e.parties.iter().filter(|v| !v.accepts) {
        let _ = writeln!(out, "\nWhy {} rejects:", v.party);
        for k in &v.red_lines {
            let _ = writeln!(
                out,
                "  red line crossed: {}",
                k.reason
                    .clone()
                    .unwrap_or_else(|| format!("#{}", k.index + 1))
            );
        }
        if v.margin < 0.0 {
            let _ = writeln!(
                out,
                "  short of its reservation value by {:.4}; the points that cost it most:",
                -v.margin
            );
        } else {
            let _ = writeln!(out, "  the points that cost it most:");
        }
        for c in v.costs.iter().take(5) {
            let _ = writeln!(
                out,
                "    {:<24} {:<28} −{:.4}",
                c.issue,
                cx.option_label(&c.issue, &c.option),
                c.loss
            );
        }
        for b in &v.interactions {
            let _ = writeln!(
                out,
                "  interaction {:+.4}: {}",
                b.bonus,
                b.reason.clone().unwrap_or_default()
            );
        }
    }
    out.push_str(&sources(r, cx));
    out
}

/// Where every party's utility comes from, issue by issue, against its own
/// ideal and against no deal.
fn sources(r: &EvaluationReport, cx: &Context) -> String {
    let e = &r.evaluation;
    let mut out = String::new();
    for line in [
        "\nWhere the utilities come from: per issue, weight × value of the option taken, then what the",
        "party gives up there against its own best option, weight × (best value − value). Its ideal",
        "takes its best option on every issue; its margin is what the deal gives it over no deal.",
    ] {
        let _ = writeln!(out, "{line}");
    }
    let mut t = table(cx.layout);
    let mut head = vec![Cell::new("issue")];
    head.extend(e.parties.iter().map(|v| Cell::new(&v.party)));
    t.set_header(head);
    for (issue, _) in e.package.iter() {
        let mut row = vec![Cell::new(issue)];
        for v in &e.parties {
            let gain = v.contributions.issues.get(issue).copied().unwrap_or(0.0);
            let loss = v.costs.iter().find(|c| &*c.issue == issue).map(|c| c.loss);
            row.push(right(match loss {
                Some(l) => format!("{gain:.4} −{l:.4}"),
                None if gain == 0.0 => "–".to_string(),
                None => format!("{gain:.4}"),
            }));
        }
        t.add_row(row);
    }
    let mut total = |label: &str, cell: &dyn Fn(&PartyVerdict) -> String| {
        let mut row = vec![Cell::new(label)];
        row.extend(e.parties.iter().map(|v| right(cell(v))));
        t.add_row(row);
    };
    if e.parties.iter().any(|v| !v.interactions.is_empty()) {
        total("interactions", &|v| {
            format!("{:+.4}", v.contributions.interactions)
        });
    }
    total("= utility", &|v| format!("{:.4}", v.utility));
    total("its ideal", &|v| format!("{:.4}", v.ideal));
    total("no deal (reservation)", &|v| {
        format!("{:.4}", v.reservation)
    });
    total("vs no deal (margin)", &|v| format!("{:+.4}", v.margin));
    let _ = writeln!(out, "{t}");
    out
}
