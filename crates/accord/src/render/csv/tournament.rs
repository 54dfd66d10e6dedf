//! `tournament --csv`: one row per match.

use std::fmt::Write as _;

use crate::render::csv::field::field as csv_field;

use crate::report::tournament::TournamentReport;

/// A mean to 6 decimals, without trailing zeros.
fn short(x: f64) -> String {
    let t = format!("{x:.6}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A [`TournamentReport`] as CSV: `scenario`, then per negotiating party
/// `party_K,strategy_K,mean_utility_K`, then `runs`, `agreement_rate`,
/// `mean_rounds`, `mean_distance_to_pareto`, `mean_distance_to_nash`.
pub fn render(r: &TournamentReport) -> String {
    let width = r.matches.iter().map(|m| m.parties.len()).max().unwrap_or(0);
    let mut out = String::from("scenario");
    for k in 1..=width {
        let _ = write!(out, ",party_{k},strategy_{k},mean_utility_{k}");
    }
    out.push_str(
        ",runs,agreement_rate,mean_rounds,mean_distance_to_pareto,mean_distance_to_nash\n",
    );
    for m in &r.matches {
        out.push_str(&csv_field(&m.scenario));
        for k in 0..width {
            match m.parties.get(k) {
                Some(id) => {
                    let _ = write!(
                        out,
                        ",{},{},{}",
                        csv_field(id),
                        csv_field(m.strategies.get(id).map_or("", |s| s.as_str())),
                        short(m.mean_utilities.get(id).copied().unwrap_or(f64::NAN))
                    );
                }
                None => out.push_str(",,,"),
            }
        }
        let _ = writeln!(
            out,
            ",{},{},{},{},{}",
            m.runs,
            short(m.agreement_rate),
            short(m.mean_rounds),
            m.mean_distance_to_pareto.map_or(String::new(), short),
            m.mean_distance_to_nash.map_or(String::new(), short)
        );
    }
    out
}
