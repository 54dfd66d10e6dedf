//! `sweep --svg`: the key numbers against the first varied value, one line
//! per combination of the other varied values.

use crate::error::Error;
use crate::report::sweep::SweepReport;

/// The chart of a [`SweepReport`] as SVG: the size of the zone (log10 of
/// the count + 1), the least shift and each veto party's slack, the
/// least-cost pressure, and the least cost (with `--command mediate`, the
/// mediated deal's pressure and cost too).
///
/// # Errors
///
/// An `Output` error if drawing fails.
pub fn render(r: &SweepReport) -> Result<String, Error> {
    let Some(first) = r.vary.first() else {
        return Err(Error::output(
            "a sweep without a range has nothing to chart",
        ));
    };
    // Rows grouped by the values of the other paths (the first path is x).
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, row) in r.rows.iter().enumerate() {
        let key: Vec<String> = row
            .set
            .iter()
            .skip(1)
            .map(|(p, x)| format!("{p}={}", accord_io::scenario::format_number(*x)))
            .collect();
        let key = key.join(", ");
        match groups.iter_mut().find(|(g, _)| *g == key) {
            Some((_, rows)) => rows.push(k),
            None => groups.push((key, vec![k])),
        }
    }
    let name = |what: &str, g: &str| {
        if g.is_empty() {
            what.to_string()
        } else {
            format!("{what} ({g})")
        }
    };
    let x = |k: usize| r.rows[k].set.0.first().map_or(f64::NAN, |(_, v)| *v);
    let series = |what: &str, f: &dyn Fn(usize) -> Option<f64>| -> Vec<(String, Vec<(f64, f64)>)> {
        groups
            .iter()
            .map(|(g, rows)| {
                (
                    name(what, g),
                    rows.iter()
                        .map(|&k| (x(k), f(k).unwrap_or(f64::NAN)))
                        .collect(),
                )
            })
            .collect()
    };
    let veto = &r.veto_parties;
    let zone = series("ZOPA", &|k| {
        Some((r.rows[k].zopa_count.to_f64() + 1.0).log10())
    });
    let mut shift = series("least shift", &|k| r.rows[k].min_total_shift);
    for p in veto {
        shift.extend(series(&format!("slack {p}"), &|k| {
            r.rows[k].slack.get(p).copied()
        }));
    }
    let mut pressure = series("least-cost pressure", &|k| r.rows[k].least_cost_pressure);
    let mut cost = series("least cost", &|k| r.rows[k].least_cost);
    if r.rows.iter().any(|row| row.mediate.is_some()) {
        pressure.extend(series("mediated deal", &|k| {
            r.rows[k].mediate.as_ref().and_then(|m| m.pressure)
        }));
        cost.extend(series("mediated deal", &|k| {
            r.rows[k].mediate.as_ref().and_then(|m| m.total_cost)
        }));
    }
    let panels = vec![
        accord_io::chart::Panel {
            caption: "Size of the zone of possible agreement".into(),
            y_label: "log10(packages + 1)".into(),
            series: zone,
        },
        accord_io::chart::Panel {
            caption: "Least shift to open a zone, and slack".into(),
            y_label: "utility".into(),
            series: shift,
        },
        accord_io::chart::Panel {
            caption: "Pressure the mediator needs".into(),
            y_label: "total pressure".into(),
            series: pressure,
        },
        accord_io::chart::Panel {
            caption: "What it costs the mediator".into(),
            y_label: "cost".into(),
            series: cost,
        },
    ];
    accord_io::chart::lines_svg(
        &format!("Sweep of {}", first.path),
        &format!(
            "{} grid point{}; gaps where a number does not exist (no zone, or no mix)",
            r.points,
            if r.points == 1 { "" } else { "s" }
        ),
        &first.path,
        &panels,
    )
    .map_err(|e| Error::output(e.to_string()))
}
