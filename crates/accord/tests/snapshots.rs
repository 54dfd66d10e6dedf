//! Snapshots of every report, its JSON and its text, through the library
//! (insta; `cargo insta review` or `INSTA_UPDATE=always` to accept a
//! deliberate change). Measurements of the run (seconds, memory) are
//! redacted.

use std::path::{Path, PathBuf};

use accord::observe::Silent;
use accord::{Request, Session};
use serde_json::Value;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

const UKRAINE: &str = "examples/ukraine-2025/scenario.toml";
const BASIC: &str = "crates/accord-cli/tests/data/basic.toml";
const SIM: &str = "crates/accord-cli/tests/data/sim.toml";
/// `basic.toml` with the seller's reservation value raised (0.3 → 0.45).
const TOUGH: &str = "crates/accord-cli/tests/data/basic-tough-seller.toml";

/// (snapshot name, scenario, request as JSON).
const CASES: &[(&str, &str, &str)] = &[
    ("check-ukraine", UKRAINE, r#"{"command": "check"}"#),
    ("check-basic", BASIC, r#"{"command": "check"}"#),
    ("analyze-basic", BASIC, r#"{"command": "analyze"}"#),
    (
        "analyze-ukraine-2p",
        UKRAINE,
        r#"{"command": "analyze", "parties": ["russia", "ukraine"]}"#,
    ),
    ("frontier-basic", BASIC, r#"{"command": "frontier"}"#),
    (
        "evaluate-ukraine",
        UKRAINE,
        r#"{"command": "evaluate", "deal": "us_28_point"}"#,
    ),
    (
        "evaluate-basic-inline",
        BASIC,
        r#"{"command": "evaluate", "deal": "price=100,delivery=slow"}"#,
    ),
    ("leverage-ukraine", UKRAINE, r#"{"command": "leverage"}"#),
    ("leverage-basic", BASIC, r#"{"command": "leverage"}"#),
    (
        "repair-ukraine",
        UKRAINE,
        r#"{"command": "repair", "deal": "us_28_point"}"#,
    ),
    (
        "mediate-ukraine",
        UKRAINE,
        r#"{"command": "mediate", "press": ["ukraine"]}"#,
    ),
    (
        "mediate-ukraine-coercion",
        UKRAINE,
        r#"{"command": "mediate", "press": ["ukraine"], "maximize": "russia", "curve": true, "limit": 2, "deal": "us_28_point", "change": "guarantees=article5_like_15y"}"#,
    ),
    (
        "mediate-ukraine-ratified",
        UKRAINE,
        r#"{"command": "mediate", "press": ["ukraine"], "ratified": true, "limit": 1, "curve": true}"#,
    ),
    (
        "evaluate-ukraine-change",
        UKRAINE,
        r#"{"command": "evaluate", "deal": "us_28_point", "change": "guarantees=article5_like_15y,army_cap=800000"}"#,
    ),
    (
        "leverage-ukraine-ratified",
        UKRAINE,
        r#"{"command": "leverage", "ratified": true}"#,
    ),
    (
        "simulate-sim-plan",
        SIM,
        r#"{"command": "simulate", "protocol": "alternating", "strategies": {"a": "linear", "b": "linear"}, "rounds": 5, "deal": "x=o1", "change": "x=o2"}"#,
    ),
    (
        "sweep-basic",
        BASIC,
        r#"{"command": "sweep", "vary": ["buyer.reservation=0.3:0.9:0.2"], "question": "mediate", "press": ["buyer"]}"#,
    ),
    (
        "robust-ukraine",
        UKRAINE,
        r#"{"command": "robust", "samples": 500, "seed": 7}"#,
    ),
    (
        "simulate-sim",
        SIM,
        r#"{"command": "simulate", "protocol": "alternating", "strategies": {"a": "linear", "b": "linear"}, "rounds": 5}"#,
    ),
    (
        "simulate-ukraine-single-text",
        UKRAINE,
        r#"{"command": "simulate", "protocol": "single-text"}"#,
    ),
];

/// Keys whose values measure this run.
const VOLATILE: &[&str] = &["seconds", "peak_memory_bytes", "negotiations_per_second"];

fn redact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if VOLATILE.contains(&k.as_str()) {
                    *x = Value::String("[measured]".into());
                } else {
                    redact(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact),
        _ => {}
    }
}

fn json_of(report: &accord::Report) -> String {
    let mut v: Value = serde_json::from_str(&accord::render::json_string(report).unwrap()).unwrap();
    redact(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn every_report_as_json_and_text() {
    // A context's default layout is the fixed width of output that does not
    // go to a terminal (100 columns).
    for (name, file, request) in CASES {
        let session = Session::load(&repo(file), &[]).unwrap();
        let request: Request = serde_json::from_str(request).unwrap();
        let report = session.run(&request, &Silent).unwrap();
        insta::assert_snapshot!(format!("{name}.json"), json_of(&report));
        let cx = accord::render::Context::new(session.scenario(), file);
        insta::assert_snapshot!(format!("{name}.txt"), accord::render::text(&report, &cx));
    }
}

#[test]
fn multi_input_reports_as_json_and_text() {
    let layout = accord::render::Layout::default();
    let sim = Session::load(&repo(SIM), &[]).unwrap();
    let t: accord::TournamentRequest = serde_json::from_str(
        r#"{"strategies": ["boulware", "linear", "hardliner"], "seeds": 2, "rounds": 20}"#,
    )
    .unwrap();
    let report = accord::tournament(&[(SIM.to_string(), sim)], &t, &Silent).unwrap();
    insta::assert_snapshot!("tournament-sim.json", json_of(&report));
    let input = accord::ForecastInput::load(
        &repo("crates/accord-core/tests/data/ktab/eu-emissions-actors.csv"),
        &[],
    )
    .unwrap();
    let f: accord::ForecastRequest =
        serde_json::from_str(r#"{"model": "eum", "rounds": 3}"#).unwrap();
    let report = accord::forecast(&input, &f).unwrap();
    insta::assert_snapshot!("forecast-eu-eum.json", json_of(&report));
    if let accord::Report::Forecast(r) = &report {
        insta::assert_snapshot!(
            "forecast-eu-eum.txt",
            accord::render::text::forecast::render(r, layout)
        );
    }
    // Two variants of one scenario, one reservation value apart.
    let variants: Vec<(String, Session)> = [BASIC, TOUGH]
        .iter()
        .map(|f| (f.to_string(), Session::load(&repo(f), &[]).unwrap()))
        .collect();
    let report = accord::compare(&variants, &accord::CompareRequest::default(), &Silent).unwrap();
    insta::assert_snapshot!("compare-basic-tough-seller.json", json_of(&report));
    if let accord::Report::Compare(r) = &report {
        insta::assert_snapshot!(
            "compare-basic-tough-seller.txt",
            accord::render::text::compare::render(r, layout)
        );
    }
}
