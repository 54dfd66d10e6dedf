//! `check` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::{option_label, Context};
use crate::render::table::{plural, right, sci, table};
use crate::report::check::CheckReport;

/// Renders a [`CheckReport`].
pub fn render(r: &CheckReport, cx: &Context) -> String {
    let s = cx.scenario;
    let mut out = String::new();
    let _ = writeln!(out, "{}: valid scenario \"{}\"", cx.source, r.scenario.name);
    let mut t = table(cx.layout);
    t.set_header(vec![
        "party",
        "name",
        "role",
        "veto",
        "reservation",
        "red lines",
        "interactions",
    ]);
    for (p, party) in r.scenario.parties.iter().enumerate() {
        t.add_row(vec![
            Cell::new(&party.id),
            Cell::new(&party.name),
            Cell::new(party.role),
            Cell::new(if party.veto { "yes" } else { "no" }),
            right(format!("{:.3}", party.reservation)),
            right(s.preferences[p].red_lines.len()),
            right(s.preferences[p].interactions.len()),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let mut t = table(cx.layout);
    t.set_header(vec!["issue", "type", "options"]);
    for (i, issue) in r.scenario.issues.iter().enumerate() {
        let opts: Vec<String> = (0..issue.options.len())
            .map(|o| option_label(s, i, o))
            .collect();
        let mut shown = if opts.len() > 8 {
            format!(
                "{} … {} ({} values)",
                opts[..3].join(", "),
                opts[opts.len() - 1],
                opts.len()
            )
        } else {
            opts.join(", ")
        };
        if let (Some(o), Some(q)) = (&issue.owner, &issue.status_quo) {
            shown.push_str(&format!(
                "; owned by {o}, status quo {}",
                cx.option_label(&issue.id, q)
            ));
        }
        t.add_row(vec![
            Cell::new(&issue.id),
            Cell::new(issue.kind),
            Cell::new(shown),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "outcome space: {} packages ({} issues); {} deal{} on file",
        sci(&r.outcomes),
        r.scenario.issues.len(),
        r.deals.len(),
        plural(r.deals.len())
    );
    if !r.red_lines.is_empty() {
        let _ = writeln!(
            out,
            "red lines (`--set PARTY.red_lines.N=off` switches one off for a run):"
        );
        let mut t = table(cx.layout);
        t.set_header(vec!["party", "N", "crossed when", "reason"]);
        for x in &r.red_lines {
            let when: Vec<String> = x
                .when
                .iter()
                .map(|(issue, opts)| {
                    let shown: Vec<String> = opts.iter().map(|o| o.to_string()).collect();
                    match shown.as_slice() {
                        [one] => format!("{issue} = {one}"),
                        _ if shown.len() > 6 => format!(
                            "{issue} in {} … {} ({} options)",
                            shown[..2].join(", "),
                            shown[shown.len() - 1],
                            shown.len()
                        ),
                        _ => format!("{issue} in {}", shown.join(", ")),
                    }
                })
                .collect();
            t.add_row(vec![
                Cell::new(&x.party),
                right(x.number),
                Cell::new(when.join(" and ")),
                Cell::new(x.reason.as_deref().unwrap_or("")),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    if !r.uncertain.is_empty() {
        let labels: Vec<String> = r
            .uncertain
            .iter()
            .map(|x| match &x.factor {
                Some(f) => format!("{} @{f}", x.input),
                None => x.input.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "uncertain numbers: {} in {} independent source{} (the base case uses their means; `accord robust` samples them): {}",
            labels.len(),
            r.uncertain_sources,
            plural(r.uncertain_sources),
            labels.join(", ")
        );
    }
    if r.observations > 0 {
        let _ = writeln!(
            out,
            "observations: {} (what the parties said of packages; `accord calibrate` turns them into bounds on reservation values, and `accord robust` conditions on them)",
            r.observations
        );
    }
    out
}
