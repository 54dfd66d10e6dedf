//! `calibrate` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::report::calibrate::CalibrationReport;

fn bound(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{v:.4}"))
}

/// Renders a [`CalibrationReport`].
pub fn render(r: &CalibrationReport, cx: &Context) -> String {
    let mut out = String::new();
    let name = |id: &str| cx.party(id).map_or(id.to_string(), |p| p.name.clone());
    out.push_str(&cx.para(
        "What the parties said, as bounds on their reservation values: a party that rejected a package crossing none of its red lines has r above its utility of it; one that accepted a package has r at most its utility of it.",
        "",
    ));
    out.push('\n');
    let mut t = table(cx.layout);
    t.set_header(vec![
        "party",
        "r above",
        "r at most",
        "r in the scenario",
        "fits?",
        "observations",
    ]);
    for p in &r.parties {
        let fits = if p.empty {
            "no value fits".to_string()
        } else if p.contains_reservation {
            "yes".to_string()
        } else {
            "no: adjust it".to_string()
        };
        t.add_row(vec![
            Cell::new(name(&p.party)),
            right(bound(p.above)),
            right(bound(p.at_most)),
            right(format!("{:.4}", p.reservation)),
            Cell::new(fits),
            Cell::new(
                p.observations
                    .iter()
                    .map(|k| format!("#{k}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let mut t = table(cx.layout);
    let mut header = vec![
        "#",
        "party",
        "said",
        "of",
        "utility",
        "bounds",
        "scenario agrees",
    ];
    if r.prior.is_some() {
        header.push("prior kept");
    }
    t.set_header(header);
    for o in &r.observations {
        let of = match (&o.deal, &o.resembles) {
            (Some(d), _) => d.clone(),
            (None, Some(like)) if like.changed.is_empty() => format!("= {}", like.base),
            (None, Some(like)) => format!(
                "{} with {}",
                like.base,
                like.changed
                    .iter()
                    .map(|d| format!("{}={}", d.issue, cx.option_id(&d.issue, &d.to)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (None, None) => cx.package_line(&o.package),
        };
        let bounds = match o.bound {
            "above" => format!("r > {:.4}", o.utility),
            "at_most" => format!("r ≤ {:.4}", o.utility),
            "red_line" => "none: a red line".to_string(),
            _ => "contradiction: accepted across a red line".to_string(),
        };
        let mut row = vec![
            Cell::new(format!("#{}", o.number)),
            Cell::new(name(&o.party)),
            Cell::new(o.response),
            Cell::new(of),
            right(format!("{:.4}", o.utility)),
            Cell::new(bounds),
            Cell::new(if o.base_agrees { "yes" } else { "NO" }),
        ];
        if r.prior.is_some() {
            row.push(right(
                o.prior_share
                    .map_or("—".into(), |x| format!("{:.1}%", 100.0 * x)),
            ));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    for o in &r.observations {
        if let Some(src) = o.source.as_deref().filter(|s| !s.is_empty()) {
            let when = o
                .date
                .as_deref()
                .map_or(String::new(), |d| format!(" ({d})"));
            out.push_str(&cx.para(&format!("#{}: {src}{when}", o.number), "  "));
        }
    }
    if r.contradictions.is_empty() {
        out.push_str(&cx.para("No contradiction: the observations fit together.", ""));
    }
    for c in &r.contradictions {
        let which = c
            .observations
            .iter()
            .map(|k| format!("#{k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let text = match c.kind {
            "accepted_across_red_line" => format!(
                "Contradiction: {} accepted a package across one of its red lines ({which}); the red line, or the observation, is wrong.",
                name(&c.party)
            ),
            _ => format!(
                "Contradiction: no reservation value of {} fits {which}: it rejected a package it values at least as much as one it accepted. Its weights or values are off, or its position moved between the dates.",
                name(&c.party)
            ),
        };
        out.push_str(&cx.para(&text, ""));
    }
    if let Some(p) = &r.prior {
        out.push_str(&cx.para(
            &format!(
                "Prior: {} of {} valid samples ({}) agree with every observation (seed {}, the samples of `robust`); `robust` conditions on them.",
                p.kept,
                p.valid,
                p.share.map_or("—".into(), |x| format!("{:.1}%", 100.0 * x)),
                p.seed
            ),
            "",
        ));
        for o in &r.observations {
            if !o.constrains.is_empty() {
                out.push_str(&cx.para(
                    &format!("#{} constrains {}", o.number, o.constrains.join(", ")),
                    "  ",
                ));
            }
        }
    }
    out
}
