//! `analyze` as text: the zone, the solutions, the frontier's best points,
//! the deals on file and (on request) the run's statistics.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::{Context, Layout};
use crate::render::table::{grouped, right, sci, table};
use crate::report::analyze::{AnalysisReport, FrontierPoint, ParetoFrontier, Solutions};
use crate::report::analyze::{DealOnFile, SolutionPoint, ZopaMethod};
use crate::report::scenario::ScenarioSummary;
use crate::report::value::Count;

/// What the `analyze` text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// At most this many frontier points in the table (the CLI's `--show`).
    pub show: usize,
    /// Also the time per phase, the merge sizes and the peak memory (the
    /// CLI's `--stats`).
    pub stats: bool,
}

impl Default for Options {
    /// 15 points, no statistics.
    fn default() -> Options {
        Options {
            show: 15,
            stats: false,
        }
    }
}

/// What `--ratified` does, said before the results it changes.
pub(crate) const RATIFIED_NOTE: &str = "Ratification required (--ratified): each veto party's reservation value is raised to its\nratification threshold where that is higher.\n";

/// Renders an [`AnalysisReport`] with the default [`Options`].
pub fn render(r: &AnalysisReport, cx: &Context) -> String {
    render_with(r, cx, &Options::default())
}

/// Renders an [`AnalysisReport`].
pub fn render_with(r: &AnalysisReport, cx: &Context, opts: &Options) -> String {
    let mut out = String::new();
    let name = &r.scenario.name;
    let _ = writeln!(out, "{name}");
    let _ = writeln!(out, "{}", "=".repeat(name.chars().count().min(100)));
    let _ = writeln!(
        out,
        "Outcome space: {} packages over {} issues. Veto parties: {}.",
        sci(&r.outcomes),
        r.scenario.issues.len(),
        if r.zopa.veto_parties.is_empty() {
            "none".to_string()
        } else {
            r.zopa.veto_parties.join(", ")
        }
    );
    if !r.zopa.owners.is_empty() {
        let owners: Vec<String> = r
            .zopa
            .owners
            .iter()
            .map(|w| format!("{} ({})", w.party, w.issues.join(", ")))
            .collect();
        let _ = writeln!(
            out,
            "{}",
            cx.para(
                &format!(
                    "Owners, who must accept a deal that moves their issues from the status quo: {}.",
                    owners.join("; ")
                ),
                "  "
            )
        );
    }
    if r.ratified {
        out.push_str(RATIFIED_NOTE);
    }
    if !r.compound_issues.is_empty() {
        let groups: Vec<String> = r.compound_issues.iter().map(|g| g.join("+")).collect();
        let _ = writeln!(
            out,
            "Compound issues (tied by red lines or interactions): {}.",
            groups.join(", ")
        );
    }
    zone(&mut out, r, cx);
    solutions(&mut out, r, cx);
    let pts: Vec<&FrontierPoint> = r
        .frontier_ranking
        .iter()
        .map(|&k| &r.pareto.points[k])
        .collect();
    out.push('\n');
    out.push_str(&frontier_section(
        &r.scenario,
        &r.pareto,
        &pts,
        opts.show,
        None,
        "`accord frontier FILE --csv` lists every point with its package",
        cx.layout,
    ));
    if !r.deals.is_empty() {
        let _ = writeln!(out, "\nDeals on file");
        let _ = write!(out, "{}", deals_table(r, &r.deals, cx.layout));
    }
    if opts.stats {
        out.push_str(&stats(r, cx.layout));
    }
    out
}

fn zone(out: &mut String, r: &AnalysisReport, cx: &Context) {
    let z = &r.zopa;
    let _ = writeln!(out, "\nZone of possible agreement");
    if z.empty {
        let _ = writeln!(
            out,
            "  EMPTY: no package is acceptable to {} (red lines respected, utility ≥ reservation value).",
            cx.everyone()
        );
        return;
    }
    match (z.method, &z.interval, z.samples) {
        (ZopaMethod::Sampled, Some([low, high]), Some(samples)) => {
            let _ = writeln!(
                out,
                "  about {} packages ({:.4}% of the outcome space; ESTIMATE from {} random packages, 95% interval {} to {}); {} points on its Pareto frontier.",
                sci(&z.count),
                z.share * 100.0,
                grouped(&Count(samples.into())),
                sci(low),
                sci(high),
                z.frontier_points
            );
            let _ = writeln!(
                out,
                "  (too large to count exactly; which options occur inside is exact, the per-option counts are estimates)"
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "  {} packages ({:.4}% of the outcome space); {} points on its Pareto frontier.",
                sci(&z.count),
                z.share * 100.0,
                z.frontier_points
            );
        }
    }
    let mut t = table(cx.layout);
    t.set_header(vec![
        "issue",
        "status",
        "options inside the ZOPA (packages)",
    ]);
    for iz in &z.issues {
        let status = if iz.settled { "settled" } else { "open" };
        let shown: Vec<String> = iz
            .options
            .iter()
            .filter(|o| o.inside)
            .map(|o| {
                format!(
                    "{} ({})",
                    cx.option_label(&iz.issue, &o.option),
                    grouped(&o.count)
                )
            })
            .collect();
        let excluded: Vec<String> = iz
            .options
            .iter()
            .filter(|o| !o.inside)
            .map(|o| cx.option_label(&iz.issue, &o.option))
            .collect();
        let mut text = shown.join(", ");
        if !excluded.is_empty() {
            let _ = write!(text, "; never inside: {}", excluded.join(", "));
        }
        t.add_row(vec![
            Cell::new(&iz.issue),
            Cell::new(status),
            Cell::new(text),
        ]);
    }
    let _ = writeln!(out, "{t}");
}

/// The solutions as table columns: title and solution, in report order
/// (the mediator's column only when the scenario has a mediator).
pub(crate) fn solution_columns<'a>(
    sols: &'a Solutions,
    cx: &Context,
) -> Vec<(&'static str, Option<&'a SolutionPoint>)> {
    let mut cols = vec![
        ("Nash", sols.nash.as_ref()),
        ("Kalai-Smorodinsky", sols.kalai_smorodinsky.as_ref()),
        ("Egalitarian", sols.egalitarian.as_ref()),
        ("Utilitarian", sols.utilitarian.as_ref()),
    ];
    if cx.scenario.mediator().is_some() {
        cols.push((
            "Mediator's pick",
            sols.mediator.as_ref().map(|m| &m.solution),
        ));
    }
    cols
}

fn solutions(out: &mut String, r: &AnalysisReport, cx: &Context) {
    let _ = writeln!(
        out,
        "\nBargaining solutions (over the ZOPA; disagreement point = reservation values)"
    );
    let cols = solution_columns(&r.solutions, cx);
    if cols.iter().all(|(_, x)| x.is_none()) {
        let _ = writeln!(out, "  none: the ZOPA is empty.");
        return;
    }
    let mut t = table(cx.layout);
    let mut head = vec![Cell::new("")];
    head.extend(cols.iter().map(|(n, _)| Cell::new(n)));
    t.set_header(head);
    for issue in &r.scenario.issues {
        let mut row = vec![Cell::new(&issue.id)];
        row.extend(cols.iter().map(|(_, x)| {
            Cell::new(
                x.and_then(|x| x.package.get(&issue.id))
                    .map_or_else(|| "-".to_string(), |o| cx.option_label(&issue.id, o)),
            )
        }));
        t.add_row(row);
    }
    for party in &r.scenario.parties {
        let mut row = vec![Cell::new(format!("u({}) [margin]", party.id))];
        row.extend(cols.iter().map(|(_, x)| {
            right(x.map_or("-".to_string(), |x| {
                format!(
                    "{:.3} [{:+.3}]",
                    x.utilities.get(&party.id).copied().unwrap_or(f64::NAN),
                    x.margins.get(&party.id).copied().unwrap_or(f64::NAN)
                )
            }))
        }));
        t.add_row(row);
    }
    let mut row = vec![Cell::new("incentive cost")];
    row.extend(cols.iter().map(|(_, x)| {
        right(x.map_or("-".to_string(), |x| {
            accord_io::scenario::format_number(x.incentive_cost)
        }))
    }));
    t.add_row(row);
    let mut row = vec![Cell::new("ratified")];
    row.extend(
        cols.iter()
            .map(|(_, x)| right(x.map_or("-", |x| if x.ratified { "yes" } else { "NO" }))),
    );
    t.add_row(row);
    let _ = writeln!(out, "{t}");
}

fn deals_table(r: &AnalysisReport, deals: &[DealOnFile], layout: Layout) -> String {
    let mut t = table(layout);
    let mut head = vec![Cell::new("deal")];
    head.extend(
        r.scenario
            .parties
            .iter()
            .map(|p| Cell::new(format!("{} u [margin]", p.id))),
    );
    head.push(Cell::new("verdict"));
    t.set_header(head);
    for d in deals {
        let e = &d.evaluation;
        let mut row = vec![Cell::new(&d.id)];
        for v in &e.parties {
            let mark = if !v.red_lines.is_empty() {
                " red line"
            } else if !v.accepts {
                " rejects"
            } else {
                ""
            };
            row.push(right(format!(
                "{:.3} [{:+.3}]{}",
                v.utility, v.margin, mark
            )));
        }
        row.push(Cell::new(if e.in_zopa {
            "acceptable to all veto parties".to_string()
        } else {
            format!("blocked by {}", e.blocking.join(", "))
        }));
        t.add_row(row);
    }
    format!("{t}\n")
}

/// The frontier's summary line and a table of its first `show` points (with
/// their packages when `packages` gives the context to label them).
pub(crate) fn frontier_section(
    scenario: &ScenarioSummary,
    f: &ParetoFrontier,
    pts: &[&FrontierPoint],
    show: usize,
    packages: Option<&Context>,
    more: &str,
    layout: Layout,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Pareto frontier over {}: {} distinct utility vectors, {} packages.",
        f.parties.join(", "),
        f.distinct,
        grouped(&f.count)
    );
    let digits = if packages.is_some() { 4 } else { 3 };
    let mut t = table(layout);
    let mut head = vec![Cell::new("#")];
    // Every party's utility, in party order (the points carry them all).
    head.extend(
        scenario
            .parties
            .iter()
            .map(|p| Cell::new(format!("u({})", p.id))),
    );
    head.push(Cell::new("packages"));
    head.push(Cell::new("in ZOPA"));
    if packages.is_some() {
        head.push(Cell::new("package"));
    }
    t.set_header(head);
    for (k, p) in pts.iter().take(show).enumerate() {
        let mut row = vec![right(k + 1)];
        row.extend(
            p.utilities
                .iter()
                .map(|(_, u)| right(format!("{u:.digits$}"))),
        );
        row.push(right(grouped(&p.packages)));
        row.push(right(
            p.zopa_packages.as_ref().map_or("?".to_string(), grouped),
        ));
        if let Some(cx) = packages {
            row.push(Cell::new(cx.package_label(&p.package).replace(',', ", ")));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if pts.len() > show {
        let _ = writeln!(out, "  ({} more; {more})", pts.len() - show);
    }
    out
}

fn stats(r: &AnalysisReport, layout: Layout) -> String {
    let mut out = String::from("\nStatistics\n");
    let st = &r.stats;
    let t = &st.seconds;
    let mut tb = table(layout);
    tb.set_header(vec!["phase", "seconds"]);
    for (name, secs) in [
        ("compile", t.compile),
        ("ZOPA (count, frontier, options inside)", t.zopa),
        ("Pareto frontier", t.frontier),
        ("solutions", t.solutions),
    ] {
        tb.add_row(vec![Cell::new(name), right(format!("{secs:.4}"))]);
    }
    let _ = writeln!(out, "{tb}");
    let _ = writeln!(
        out,
        "ZOPA counted by {}{}.",
        r.zopa.method.name(),
        if r.zopa.exact {
            " (exact)"
        } else {
            " (estimate)"
        }
    );
    let sizes: Vec<String> = st.merge_sizes.iter().map(|n| n.to_string()).collect();
    let _ = writeln!(
        out,
        "Partial frontier size after each of the {} merge steps: {}.",
        st.merge_sizes.len(),
        sizes.join(", ")
    );
    match st.peak_memory_bytes {
        Some(b) => {
            let _ = writeln!(out, "Peak memory: {:.1} MB.", b as f64 / 1048576.0);
        }
        None => {
            let _ = writeln!(out, "Peak memory: not available on this system.");
        }
    }
    out
}
