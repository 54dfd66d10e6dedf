//! CSV renderers.

use crate::render::context::Context;
use crate::render::csv::field::field;
use crate::report::frontier::FrontierReport;

/// The frontier as CSV: one row per distinct point; columns `point`, one per
/// party (`u_<id>`), `packages`, `zopa_packages` (empty when not
/// determined), then one per issue (option ids).
pub fn render(r: &FrontierReport, cx: &Context) -> String {
    let mut out = String::new();
    let mut head = vec!["point".to_string()];
    head.extend(
        r.scenario
            .parties
            .iter()
            .map(|p| field(&format!("u_{}", p.id))),
    );
    head.push("packages".into());
    head.push("zopa_packages".into());
    head.extend(r.scenario.issues.iter().map(|i| field(&i.id)));
    out.push_str(&head.join(","));
    out.push('\n');
    for (k, p) in r.pareto.points.iter().enumerate() {
        let mut row = vec![(k + 1).to_string()];
        row.extend(p.utilities.iter().map(|(_, u)| format!("{u}")));
        row.push(p.packages.to_string());
        row.push(
            p.zopa_packages
                .as_ref()
                .map_or(String::new(), |z| z.to_string()),
        );
        row.extend(
            p.package
                .iter()
                .map(|(issue, o)| field(&cx.option_id(issue, o))),
        );
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
