//! `robust` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Context;
use crate::render::table::{right, table};
use crate::report::robust::{RobustDeal, RobustReport, SensitivityTarget};

/// How many of the deals the search found the table shows.
const FOUND_SHOWN: usize = 5;

/// Renders a [`RobustReport`].
pub fn render(r: &RobustReport, cx: &Context) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} samples (seed {}) over {} uncertain numbers in {} independent sources{}{}.",
        r.samples,
        r.seed,
        r.inputs.len(),
        r.sources,
        if r.ratified {
            "; acceptance includes ratification"
        } else {
            ""
        },
        if r.invalid_samples > 0 {
            format!(
                "; {} samples left out (an interaction left a party's 0–1 scale)",
                r.invalid_samples
            )
        } else {
            String::new()
        }
    );
    if let Some(o) = &r.observed {
        out.push_str(&cx.para(
            &format!(
                "Conditional on what the parties said ({} observation{}): {} of {} samples agree and are kept; {} disagree and are dropped. Every probability below is over the kept samples (--ignore-observations for the prior).",
                o.observations,
                if o.observations == 1 { "" } else { "s" },
                o.kept,
                o.samples,
                o.dropped
            ),
            "",
        ));
        if o.kept == 0 {
            out.push_str(&cx.para(
                "No sample agrees with every observation: no probability can be stated. Run `accord calibrate` to see which observations contradict the scenario or each other.",
                "",
            ));
            return out;
        }
        if o.kept < 100 {
            out.push_str(&cx.para(
                &format!(
                    "Warning: only {} samples kept; the probabilities are rough. Draw more samples (--samples).",
                    o.kept
                ),
                "",
            ));
        }
    }
    if r.invalid_samples == r.samples {
        let _ = writeln!(
            out,
            "No valid sample: in every one, an interaction (or all-zero weights) left a party's 0–1 scale. Narrow the distributions."
        );
        return out;
    }
    let _ = writeln!(
        out,
        "P(a zone of possible agreement exists) = {:.4}  (95% interval {:.4}–{:.4}; each sample decided exactly)",
        r.p_zopa, r.p_zopa_interval[0], r.p_zopa_interval[1]
    );
    let mut t = table(cx.layout);
    let mut head = vec!["deal".to_string(), "P(all veto accept)".to_string()];
    head.extend(r.veto_parties.iter().map(|p| format!("P({p})")));
    head.push("Nash in".to_string());
    t.set_header(head);
    let mut found: Vec<(usize, &RobustDeal)> = r
        .deals
        .iter()
        .filter_map(|d| d.found_rank.filter(|&k| k < FOUND_SHOWN).map(|k| (k, d)))
        .collect();
    found.sort_by_key(|&(k, _)| k);
    let shown = r
        .deals
        .iter()
        .filter(|d| d.found_rank.is_none())
        .chain(found.into_iter().map(|(_, d)| d));
    for d in shown {
        let mut row = vec![Cell::new(&d.name), right(format!("{:.4}", d.p_accept))];
        row.extend(r.veto_parties.iter().map(|p| {
            right(format!(
                "{:.4}",
                d.p_party.get(p).copied().unwrap_or(f64::NAN)
            ))
        }));
        row.push(right(format!("{:.1}%", 100.0 * d.nash_share)));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if let Some(b) = &r.most_robust {
        let _ = writeln!(
            out,
            "Most robust deal found: {} (accepted by every veto party in {:.1}% of samples):",
            b.name,
            100.0 * b.p_accept
        );
        out.push_str(&cx.package_lines(&b.package, "  "));
    }
    let target = match &r.sensitivity_target {
        SensitivityTarget::PAccept { deal } => {
            let _ = writeln!(
                out,
                "\nThe zone exists in {} sample, so the ranking below explains whether {deal} is accepted.",
                if r.p_zopa > 0.5 { "every" } else { "no" }
            );
            format!("P({deal} accepted)")
        }
        SensitivityTarget::PZopa => "P(zone)".to_string(),
    };
    let _ = writeln!(
        out,
        "\nWhat matters most for {target}: first-order index (share of the variance explained, ε² over 10 quantile bins), and {target} with the input in its lowest / highest fifth:"
    );
    let mut t = table(cx.layout);
    t.set_header(vec!["input", "index", "P low", "P high"]);
    for x in &r.sensitivity {
        t.add_row(vec![
            Cell::new(&x.input),
            right(if x.index.is_nan() {
                "–".to_string()
            } else {
                format!("{:.3}", x.index)
            }),
            right(format!("{:.3}", x.low)),
            right(format!("{:.3}", x.high)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}
