//! `repair` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::report::repair::RepairReport;

/// Renders a [`RepairReport`].
pub fn render(r: &RepairReport, cx: &Context) -> String {
    let mut out = cx.change_lines(r.change.as_ref());
    let every = if r.ratified {
        format!("{}, ratification included", cx.everyone())
    } else {
        cx.everyone().to_string()
    };
    let Some(n) = r.changes else {
        out.push_str(&cx.para(&format!("No package is acceptable to {every}, so no change to {} makes it acceptable (see `accord leverage`).",
            r.deal.id), ""));
        return out;
    };
    if n == 0 {
        out.push_str(&cx.para(
            &format!("{} is already acceptable to {every}.", r.deal.id),
            "",
        ));
        return out;
    }
    let judge = r.judge.as_deref().unwrap_or("the veto parties together");
    out.push_str(&cx.para(&format!("{}: the fewest changes that make it acceptable to {every}: {n}. Best first for {judge}:",
        r.deal.id), ""));
    for (k, x) in r.deals.iter().enumerate() {
        out.push('\n');
        out.push_str(&cx.para(&format!("Option {}:", k + 1), ""));
        let mut t = table(cx.layout);
        t.set_header(vec!["issue", "from", "to"]);
        for issue in &x.changed {
            let label = |p: &crate::report::value::Package| {
                p.get(issue)
                    .map_or(String::new(), |o| cx.option_label(issue, o))
            };
            t.add_row(vec![
                Cell::new(issue),
                Cell::new(label(&r.deal.package)),
                Cell::new(label(&x.package)),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let mut t = table(cx.layout);
        t.set_header(vec!["party", "margin before", "margin after"]);
        for (p, after) in x.margins.iter() {
            let before = r.deal.margins.get(p).copied().unwrap_or(f64::NAN);
            t.add_row(vec![
                Cell::new(p),
                right(format!("{before:+.4}")),
                right(format!("{after:+.4}")),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    out
}
