//! `sweep --csv`: one row per grid point.

use std::fmt::Write as _;

use crate::render::csv::field::field;
use crate::report::sweep::SweepReport;

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), |x| x.to_string())
}

/// A [`SweepReport`] as CSV: one column per varied path, then `zopa_count`,
/// `zopa_empty`, `zopa_exact`, `zone`, `min_total_shift`, `slack_P` per
/// veto party, `least_cost_status`, `least_cost_pressure`, `least_cost`,
/// `within_budget`, `nash` (`issue=option,…`), `nash_utility_P` per party,
/// and with `--command mediate` `mediate_pressure`, `mediate_total_cost`,
/// `mediate_package`. Empty fields where the JSON has `null`.
pub fn render(r: &SweepReport) -> String {
    let veto = &r.veto_parties;
    let parties = &r.parties;
    let mediate = r.rows.iter().any(|row| row.mediate.is_some());
    let mut head: Vec<String> = r.vary.iter().map(|v| field(&v.path)).collect();
    head.extend(
        [
            "zopa_count",
            "zopa_empty",
            "zopa_exact",
            "zone",
            "min_total_shift",
        ]
        .map(String::from),
    );
    head.extend(veto.iter().map(|p| field(&format!("slack_{p}"))));
    head.extend(
        [
            "least_cost_status",
            "least_cost_pressure",
            "least_cost",
            "within_budget",
            "nash",
        ]
        .map(String::from),
    );
    head.extend(parties.iter().map(|p| field(&format!("nash_utility_{p}"))));
    if mediate {
        head.extend(
            ["mediate_pressure", "mediate_total_cost", "mediate_package"].map(String::from),
        );
    }
    let mut out = head.join(",");
    out.push('\n');
    let package = |p: &crate::report::value::Package| {
        field(
            &p.iter()
                .map(|(i, o)| format!("{i}={o}"))
                .collect::<Vec<_>>()
                .join(","),
        )
    };
    for row in &r.rows {
        let mut cells: Vec<String> = row.set.iter().map(|(_, x)| x.to_string()).collect();
        cells.push(row.zopa_count.to_string());
        cells.push(row.zopa_empty.to_string());
        cells.push(row.zopa_exact.to_string());
        cells.push(
            serde_json::to_value(row.zone)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        );
        cells.push(opt(row.min_total_shift));
        for p in veto {
            cells.push(opt(row.slack.get(p).copied()));
        }
        cells.push(field(&row.least_cost_status));
        cells.push(opt(row.least_cost_pressure));
        cells.push(opt(row.least_cost));
        cells.push(row.within_budget.map_or(String::new(), |b| b.to_string()));
        cells.push(row.nash.as_ref().map_or(String::new(), package));
        for p in parties {
            cells.push(opt(row
                .nash_utilities
                .as_ref()
                .and_then(|u| u.get(p).copied())));
        }
        if mediate {
            let m = row.mediate.as_ref();
            cells.push(opt(m.and_then(|m| m.pressure)));
            cells.push(opt(m.and_then(|m| m.total_cost)));
            cells.push(
                m.and_then(|m| m.package.as_ref())
                    .map_or(String::new(), package),
            );
        }
        let _ = writeln!(out, "{}", cells.join(","));
    }
    out
}
