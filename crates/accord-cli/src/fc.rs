//! `accord forecast`: run a model, or score models on a validation set.

use std::fmt::Write as _;

use accord_core::forecast::{self, Actors, Forecast, Model, Score};
use comfy_table::Cell;
use serde_json::json;

use crate::cli::Failure;
use crate::output::{right, table};

/// The forecast settings from the command line.
pub fn options(
    rounds: Option<usize>,
    reading: &str,
    q: f64,
    pce: &str,
) -> Result<forecast::Options, Failure> {
    use accord_core::eum::Reading;
    use accord_core::smp::Pce;
    let reading = match reading {
        "table2" => Reading::Table2,
        "paper" => Reading::Paper,
        _ => {
            return Err(Failure::Usage(
                format!("unknown reading `{reading}`"),
                Some("the readings of the expected-utility model are table2 and paper".into()),
            ))
        }
    };
    let pce = match pce {
        "conditional" => Pce::Conditional,
        "markov" => Pce::Markov,
        _ => {
            return Err(Failure::Usage(
                format!("unknown election variant `{pce}`"),
                Some("the SMP's variants are conditional and markov".into()),
            ))
        }
    };
    if !(0.0..=1.0).contains(&q) {
        return Err(Failure::Usage(format!("--q {q} is outside [0, 1]"), None));
    }
    Ok(forecast::Options {
        rounds,
        eum: accord_core::eum::Config { reading, q },
        pce,
    })
}

/// The model named on the command line.
pub fn model(name: &str) -> Result<Model, Failure> {
    Model::parse(name).ok_or_else(|| {
        Failure::Usage(
            format!("unknown model `{name}`"),
            Some("the models are smp, eum and compromise".into()),
        )
    })
}

fn positions_json(a: &Actors, p: &[Vec<f64>]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for (k, name) in a.names.iter().enumerate() {
        m.insert(name.clone(), json!(p[k]));
    }
    serde_json::Value::Object(m)
}

fn by_actor(a: &Actors, v: &[f64]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for (k, name) in a.names.iter().enumerate() {
        m.insert(name.clone(), accord_io::report::num(v[k]));
    }
    serde_json::Value::Object(m)
}

pub fn forecast_json(a: &Actors, f: &Forecast) -> serde_json::Value {
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "model": f.model.name(),
        "case": a.name,
        "dimensions": a.dims,
        "actors": a.names,
        "forecast": f.outcome,
        "rounds": f.rounds.iter().map(|r| {
            let mut o = json!({ "positions": positions_json(a, &r.positions) });
            if let (Some(p), serde_json::Value::Object(m)) = (&r.probabilities, &mut o) {
                m.insert("probabilities".into(), by_actor(a, p));
            }
            if let (Some(p), serde_json::Value::Object(m)) = (&r.risk, &mut o) {
                m.insert("risk".into(), by_actor(a, p));
            }
            o
        }).collect::<Vec<_>>(),
    })
}

fn fmt_pos(p: &[f64]) -> String {
    p.iter()
        .map(|x| format!("{x:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn forecast_text(a: &Actors, f: &Forecast) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} model on {}: {} actors, {} dimension{} ({}); {} rounds after the start.",
        f.model.name(),
        a.name,
        a.n(),
        a.dims(),
        if a.dims() == 1 { "" } else { "s" },
        a.dims.join(", "),
        f.rounds.len().saturating_sub(1)
    );
    let last = f.rounds.last().expect("round 0");
    let wide = a.dims() > 3;
    let mut t = table();
    let mut head = vec!["actor".to_string(), "capability".to_string()];
    if !wide {
        head.push("start".into());
        head.push("end".into());
    }
    if f.rounds[0].probabilities.is_some() {
        head.push("P(win), round 0".into());
    }
    if f.rounds[0].risk.is_some() {
        head.push(if f.model == Model::Eum {
            "risk exponent r, round 0".into()
        } else {
            "risk attitude R, round 0".into()
        });
    }
    t.set_header(head);
    for k in 0..a.n() {
        let mut row = vec![
            Cell::new(&a.names[k]),
            right(format!("{:.2}", a.capability[k])),
        ];
        if !wide {
            row.push(right(fmt_pos(&f.rounds[0].positions[k])));
            row.push(right(fmt_pos(&last.positions[k])));
        }
        if let Some(p) = &f.rounds[0].probabilities {
            row.push(right(format!("{:.4}", p[k])));
        }
        if let Some(r) = &f.rounds[0].risk {
            row.push(right(format!("{:+.3}", r[k])));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if wide {
        let mut t = table();
        t.set_header(vec!["dimension", "positions at the start", "forecast"]);
        for d in 0..a.dims() {
            let (lo, hi) = forecast::span(f.rounds[0].positions.iter().map(|p| p[d]));
            t.add_row(vec![
                Cell::new(&a.dims[d]),
                right(format!("{lo:.2} – {hi:.2}")),
                right(format!("{:.3}", f.outcome[d])),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(
        out,
        "Forecast: {}",
        a.dims
            .iter()
            .zip(&f.outcome)
            .map(|(d, x)| format!("{d} {x:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out
}

pub fn chart(a: &Actors, f: &Forecast) -> Result<String, accord_io::chart::ChartError> {
    let rounds: Vec<Vec<Vec<f64>>> = f.rounds.iter().map(|r| r.positions.clone()).collect();
    accord_io::chart::forecast_svg(
        &format!("{}: {} forecast", a.name, f.model.name()),
        &format!(
            "{} actors; {} rounds; dashed: the forecast",
            a.n(),
            f.rounds.len().saturating_sub(1)
        ),
        &a.dims,
        &a.range,
        &a.names,
        &rounds,
        &f.outcome,
    )
}

pub fn validation_json(
    names: &[String],
    cases: &[accord_core::forecast::Case],
    scores: &[Score],
) -> serde_json::Value {
    use accord_io::report::num;
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "models": scores.iter().map(|s| json!({
            "model": s.model.name(),
            "mae": num(s.mae),
            "mae_normalised": num(s.mae_normalised),
            "median_normalised": num(s.median_normalised),
            "beats_compromise": num(s.beats_compromise),
            "n_issues": s.cases.len(),
            "issues": s.cases.iter().enumerate().map(|(k, (f, e, en))| json!({
                "issue": names[k],
                "forecast": num(*f),
                "outcome": num(cases[k].outcome),
                "error": num(*e),
                "error_normalised": num(*en),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn validation_text(names: &[String], scores: &[Score]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} issues.", names.len());
    let mut t = table();
    t.set_header(vec![
        "model",
        "mean abs. error",
        "mean error / range",
        "median error / range",
        "beats compromise",
    ]);
    for s in scores {
        t.add_row(vec![
            Cell::new(s.model.name()),
            right(format!("{:.3}", s.mae)),
            right(format!("{:.3}", s.mae_normalised)),
            right(format!("{:.3}", s.median_normalised)),
            right(format!("{:.0}%", 100.0 * s.beats_compromise)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "Errors are |forecast − outcome|; \"/ range\" divides by the spread of the actors' positions on that issue."
    );
    out
}

/// Scores the chosen models (all, or one plus the compromise baseline).
pub fn validate(
    cases: &[(String, accord_core::forecast::Case)],
    models: &[Model],
    o: &forecast::Options,
) -> (Vec<String>, Vec<accord_core::forecast::Case>, Vec<Score>) {
    let names: Vec<String> = cases.iter().map(|c| c.0.clone()).collect();
    let cs: Vec<accord_core::forecast::Case> = cases.iter().map(|c| c.1.clone()).collect();
    let scores = forecast::validate(models, &cs, o);
    (names, cs, scores)
}
