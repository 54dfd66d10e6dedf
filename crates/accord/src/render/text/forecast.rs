//! `forecast` as text.

use std::fmt::Write as _;

use comfy_table::Cell;

use crate::render::context::Layout;
use crate::render::table::{right, table};
use crate::report::forecast::ForecastModel;
use crate::report::forecast::ForecastReport;

fn position(p: &[f64]) -> String {
    p.iter()
        .map(|x| format!("{x:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders a [`ForecastReport`], its tables fitted to `layout`.
pub fn render(r: &ForecastReport, layout: Layout) -> String {
    let mut out = String::new();
    let dims = r.dimensions.len();
    let _ = writeln!(
        out,
        "{} model on {}: {} actors, {} dimension{} ({}); {} rounds after the start.",
        r.model.as_str(),
        r.case,
        r.actors.len(),
        dims,
        if dims == 1 { "" } else { "s" },
        r.dimensions.join(", "),
        r.rounds_after_start
    );
    let (Some(first), Some(last)) = (r.rounds.first(), r.rounds.last()) else {
        return out;
    };
    let wide = dims > 3;
    let mut t = table(layout);
    let mut head = vec!["actor".to_string(), "capability".to_string()];
    if !wide {
        head.push("start".into());
        head.push("end".into());
    }
    if first.probabilities.is_some() {
        head.push("P(win), round 0".into());
    }
    if first.risk.is_some() {
        head.push(if r.model == ForecastModel::Eum {
            "risk exponent r, round 0".into()
        } else {
            "risk attitude R, round 0".into()
        });
    }
    t.set_header(head);
    for (k, name) in r.actors.iter().enumerate() {
        let mut row = vec![
            Cell::new(name),
            right(format!(
                "{:.2}",
                r.capabilities.get(name).copied().unwrap_or(f64::NAN)
            )),
        ];
        if !wide {
            row.push(right(position(&first.positions.0[k].1)));
            row.push(right(position(&last.positions.0[k].1)));
        }
        if let Some(p) = &first.probabilities {
            row.push(right(format!("{:.4}", p.0[k].1)));
        }
        if let Some(x) = &first.risk {
            row.push(right(format!("{:+.3}", x.0[k].1)));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if wide {
        let mut t = table(layout);
        t.set_header(vec!["dimension", "positions at the start", "forecast"]);
        for ((d, sp), x) in r.dimensions.iter().zip(&r.start_spans).zip(&r.forecast) {
            t.add_row(vec![
                Cell::new(d),
                right(format!("{:.2} – {:.2}", sp.low, sp.high)),
                right(format!("{x:.3}")),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(
        out,
        "Forecast: {}",
        r.dimensions
            .iter()
            .zip(&r.forecast)
            .map(|(d, x)| format!("{d} {x:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(nearest) = &r.nearest {
        let mut t = table(layout);
        t.set_header(vec!["issue", "forecast", "nearest option", "its position"]);
        for (n, x) in nearest.iter().zip(&r.forecast) {
            let label = if n.label.is_empty() || n.label == n.option {
                n.option.clone()
            } else {
                format!("{} ({})", n.label, n.option)
            };
            t.add_row(vec![
                Cell::new(&n.dimension),
                right(format!("{x:.2}")),
                Cell::new(label),
                right(format!("{:.2}", n.position)),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    if r.capabilities_defaulted {
        let _ = writeln!(
            out,
            "Warning: no party gives a `capability` (metadata = {{ capability = N }}), so every actor counts 1 and the forecast weighs them by salience alone. Give each party its clout (docs/forecasting.md)."
        );
    }
    out
}
