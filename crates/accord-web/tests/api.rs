//! The HTTP contract: `POST /api/v1/run` answers with exactly the JSON the
//! answer layer gives the CLI's `--json`; errors are located and have the
//! documented statuses.

use accord::observe::Silent;
use accord::{Request, Session};
use serde_json::json;

use crate::util::*;

/// What the CLI's `--json` prints for `request` on `text` with `sets`: the
/// same calls as `accord-cli/src/run.rs` makes (the CLI's own test compares
/// the binary with the server too).
fn cli_json(text: &str, sets: &[&str], request: &serde_json::Value) -> String {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let session = Session::from_text(text, "scenario.toml", &sets).unwrap();
    let request: Request = serde_json::from_value(request.clone()).unwrap();
    let report = session.run(&request, &Silent).unwrap();
    accord::render::json_string(&report).unwrap()
}

/// `analyze` reports how long it took: the only bytes that may differ.
fn without_timings(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(stats) = v.get_mut("stats").and_then(|s| s.as_object_mut()) {
        stats.remove("seconds");
        stats.remove("peak_memory_bytes");
    }
    v
}

#[test]
fn health_and_the_opening_scenario() {
    let run = serve();
    let h = get(&run, "/api/v1/health");
    assert_eq!(h.status, 200);
    assert_eq!(h.json(), json!({"status": "ok"}));
    let s = get(&run, "/api/v1/scenario").json();
    assert_eq!(s["format"], "toml");
    assert!(s["text"].as_str().unwrap().contains("Two-issue talks"));
}

#[test]
fn every_question_answers_with_the_clis_json() {
    let run = serve();
    let text = talks().text;
    let requests = [
        json!({"command": "check"}),
        json!({"command": "evaluate", "deal": "split"}),
        json!({"command": "evaluate", "deal": "split", "change": "delivery=slow"}),
        json!({"command": "frontier", "parties": ["buyer", "seller"]}),
        json!({"command": "leverage"}),
        json!({"command": "repair", "deal": "split", "limit": 2}),
        json!({"command": "mediate", "press": ["buyer"], "curve": true}),
        json!({"command": "robust", "samples": 300, "seed": 7}),
        json!({"command": "simulate", "protocol": "alternating", "seed": 3}),
        json!({"command": "sweep", "vary": ["buyer.reservation=0.5:0.7:0.1"]}),
        json!({"command": "report", "samples": 200}),
    ];
    for request in &requests {
        for sets in [&[][..], &["seller.reservation=0.2"][..]] {
            let a = post(
                &run,
                "/api/v1/run",
                &run_body(&text, sets, request.clone(), "json"),
            );
            assert_eq!(a.status, 200, "{request}: {}", a.body);
            assert_eq!(a.content_type, "application/json");
            assert_eq!(a.body, cli_json(&text, sets, request), "{request} {sets:?}");
        }
    }
    let request = json!({"command": "analyze"});
    let a = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], request.clone(), "json"),
    );
    assert_eq!(a.status, 200);
    let cli: serde_json::Value = serde_json::from_str(&cli_json(&text, &[], &request)).unwrap();
    assert_eq!(without_timings(a.json()), without_timings(cli));
}

#[test]
fn renderings_of_an_answer() {
    let run = serve();
    let text = talks().text;
    let html = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "analyze"}), "html"),
    );
    assert_eq!(html.status, 200);
    assert!(html.content_type.starts_with("text/html"));
    assert!(html.body.contains("data-zopa-count=\"0\""), "{}", html.body);
    let opened = post(
        &run,
        "/api/v1/run",
        &run_body(
            &text,
            &["buyer.reservation=0.6"],
            json!({"command": "analyze"}),
            "html",
        ),
    );
    assert!(!opened.body.contains("data-zopa-count=\"0\""));
    let svg = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "frontier"}), "svg"),
    );
    assert_eq!(svg.status, 200);
    assert!(
        svg.body.starts_with("<svg") || svg.body.starts_with("<?xml"),
        "{}",
        &svg.body[..80]
    );
    let table = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "leverage"}), "text"),
    );
    assert!(table.content_type.starts_with("text/plain"));
    assert!(table.body.contains("buyer"));
    let none = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "check"}), "svg"),
    );
    assert_eq!(none.status, 422, "{}", none.body);
}

#[test]
fn a_bad_scenario_is_400_with_located_errors() {
    let run = serve();
    let text = talks()
        .text
        .replace("reservation = 0.3", "reservation = \"high\"");
    let a = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "check"}), "json"),
    );
    assert_eq!(a.status, 400, "{}", a.body);
    let e = a.json();
    assert_eq!(e["kind"], "input");
    let first = &e["errors"][0];
    assert_eq!(first["file"], "scenario.toml");
    assert!(first["line"].as_u64().unwrap() > 1, "{e}");
    assert!(first["column"].as_u64().is_some(), "{e}");
    assert!(first["message"].as_str().unwrap().len() > 5);

    let broken = post(
        &run,
        "/api/v1/run",
        &run_body(
            "[scenario\nname = 1",
            &[],
            json!({"command": "check"}),
            "json",
        ),
    );
    assert_eq!(broken.status, 400);
    assert_eq!(broken.json()["errors"][0]["line"], 1);
}

#[test]
fn a_bad_request_is_422() {
    let run = serve();
    let text = talks().text;
    for request in [
        json!({"command": "divine"}),
        json!({"command": "evaluate"}),
        json!({"command": "evaluate", "deal": "nonesuch"}),
        json!({"command": "mediate", "press": ["buyr"]}),
    ] {
        let a = post(
            &run,
            "/api/v1/run",
            &run_body(&text, &[], request.clone(), "json"),
        );
        assert_eq!(a.status, 422, "{request}: {}", a.body);
        let e = a.json();
        assert_eq!(e["kind"], "request");
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    let typo = post(
        &run,
        "/api/v1/run",
        &run_body(
            &text,
            &[],
            json!({"command": "mediate", "press": ["buyr"]}),
            "json",
        ),
    );
    assert!(typo.body.contains("buyer"), "did-you-mean: {}", typo.body);
    let set = post(
        &run,
        "/api/v1/run",
        &run_body(
            &text,
            &["buyer.reservaton=0.5"],
            json!({"command": "check"}),
            "json",
        ),
    );
    assert_eq!(set.status, 422, "{}", set.body);
    let shape = post(&run, "/api/v1/run", &run_body(&text, &[], json!(5), "json"));
    assert_eq!(shape.status, 422, "{}", shape.body);
    let fields = post(
        &run,
        "/api/v1/run",
        r#"{"scenario": {"format": "toml", "text": ""}, "request": {"command": "check"}, "extra": 1}"#,
    );
    assert_eq!(
        fields.status, 422,
        "unknown fields of the body: {}",
        fields.body
    );
    let not_json = post(&run, "/api/v1/run", "{ nope");
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.json()["errors"][0]["line"], 1);
    let missing = get(&run, "/api/v2/run");
    assert_eq!(missing.status, 404);
}

#[test]
fn long_work_streams_progress_then_the_answer() {
    let run = serve();
    let text = talks().text;
    let body = run_body(
        &text,
        &[],
        json!({"command": "robust", "samples": 20000, "seed": 2}),
        "json",
    );
    let mut r = agent()
        .post(&run.url("/api/v1/run"))
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .send(&body)
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let stream = r.body_mut().read_to_string().unwrap();
    let result = stream
        .split("\n\n")
        .find(|e| e.starts_with("event: result"))
        .unwrap_or_else(|| panic!("no result event in {stream}"));
    let data: String = result
        .lines()
        .filter_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")))
        .collect::<Vec<_>>()
        .join("\n");
    let expected = cli_json(
        &text,
        &[],
        &json!({"command": "robust", "samples": 20000, "seed": 2}),
    );
    assert_eq!(data.trim_end(), expected.trim_end());
}

#[test]
fn controls_are_the_scenarios_numbers() {
    let run = serve();
    let text = talks().text;
    let body = json!({"scenario": {"format": "toml", "text": text}}).to_string();
    let c = post(&run, "/api/v1/controls", &body).json();
    let paths: Vec<&str> = c["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"buyer.reservation"), "{paths:?}");
    assert!(paths.contains(&"buyer.pressure.max"));
    assert!(paths.contains(&"mediation.budget"));
    assert_eq!(c["red_lines"][0]["path"], "seller.red_lines.1");
}

#[test]
fn the_briefing_is_the_same_document_as_accord_report() {
    let run = serve();
    let text = talks().text;
    let a = post(
        &run,
        "/api/v1/run",
        &run_body(
            &text,
            &[],
            json!({"command": "report", "samples": 500}),
            "html",
        ),
    );
    assert_eq!(a.status, 200);
    let session = Session::from_text(&text, "scenario.toml", &[]).unwrap();
    let report = session
        .run(
            &Request::Report {
                samples: 500,
                seed: 1,
            },
            &Silent,
        )
        .unwrap();
    let accord::Report::Briefing(b) = &report else {
        panic!()
    };
    let cx = accord::render::Context::new(session.scenario(), "scenario.toml")
        .with_layout(accord::render::Layout::new(100));
    assert_eq!(a.body, accord::render::html::briefing(b, &cx).unwrap());
    assert!(a.body.starts_with("<!doctype html>"));
}

#[test]
fn a_client_that_goes_away_cancels_its_work() {
    use std::io::Read;
    // One worker: while the Monte Carlo runs, nothing else computes.
    let mut config = accord_web::Config::local(0, accord_web::bundled_example().unwrap());
    config.limits.workers = 1;
    let run = start(config);
    let text = get(&run, "/api/v1/scenario").json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    // A million samples of the Ukraine example: minutes of work.
    let body = run_body(
        &text,
        &[],
        json!({"command": "robust", "samples": 1_000_000}),
        "json",
    );
    let r = agent()
        .post(&run.url("/api/v1/run"))
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .send(&body)
        .unwrap();
    let mut reader = r.into_body().into_reader();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    while !seen.contains("event: progress") {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended before any progress: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    drop(reader);
    // The worker is free again within seconds, not minutes: the work
    // stopped when the client left.
    let started = std::time::Instant::now();
    let check = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "check"}), "json"),
    );
    assert_eq!(check.status, 200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "the abandoned Monte Carlo kept the only worker for {:?}",
        started.elapsed()
    );
}

/// The bundled example records what the parties said: `calibrate` answers
/// over HTTP with the library's JSON and a panel, and `robust` says its
/// probabilities are conditional on the answers.
#[test]
fn what_the_parties_said_over_http() {
    let run = serve();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/ukraine-2025/scenario.toml");
    let text = accord::Editable::load(&path).unwrap().text;
    let request = json!({"command": "calibrate", "samples": 500});
    let a = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], request.clone(), "json"),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body, cli_json(&text, &[], &request));
    assert!(a.json()["intervals"]["russia"]["above"].as_f64().unwrap() > 0.57);
    let html = post(&run, "/api/v1/run", &run_body(&text, &[], request, "html"));
    assert_eq!(html.status, 200);
    assert!(html.body.contains("What the parties said"));
    assert!(html.body.contains("geneva_19_point with"));
    let robust = json!({"command": "robust", "samples": 300});
    let html = post(&run, "/api/v1/run", &run_body(&text, &[], robust, "html"));
    assert_eq!(html.status, 200);
    assert!(
        html.body.contains("| what the parties said"),
        "{}",
        html.body
    );
}
