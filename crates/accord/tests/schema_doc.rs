//! Keeps `docs/output-schema.md` true: every object key that the JSON
//! outputs use (the CLI's golden `--json` outputs, recorded before the
//! answer layer, and the library's JSON now for requests of every kind) must
//! appear in the document written as `` `key` ``.
//!
//! Only keys whose names are fixed by the format count. Keys that are data
//! (party, issue, option and actor ids, deal names) are skipped: the keys of
//! the objects listed in [`DATA_MAPS`] (and the items of [`DATA_LISTS`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use accord::observe::Silent;
use accord::request::PartyMap;
use accord::{ForecastInput, ForecastRequest, Report, Request, Session, TournamentRequest};
use serde_json::Value;

/// Objects keyed by data (ids), found under these keys: `{party_id: …}`,
/// packages `{issue_id: option}`, `{actor: …}`. They are the report fields
/// typed `Package`, `ByParty` and `ByActor` (`crates/accord/src/report`).
const DATA_MAPS: &[&str] = &[
    // packages
    "package",
    "agreement",
    // {party_id: …}
    "utilities",
    "margins",
    "shift",
    "slack",
    "pressure",
    "pressure_cost",
    "pressure_on",
    "incentives",
    "thresholds",
    "agreement_minus_plan",
    // sweeps: the Nash package's utilities, pressure by party, the point
    "nash_utilities",
    "least_cost_pressure_on",
    "set",
    "ratifies",
    "p_party",
    "strategies",
    "responses",
    "mean_utilities",
    "reservations",
    "final_reservations",
    "agreement_utilities",
    // {issue_id: number, …, "interactions": number}
    "contributions",
    // {issue_id: [option]} (a red line's condition)
    "when",
    // {party_id: {above, at_most}} (calibrate)
    "intervals",
    // {actor: …} (forecasts)
    "positions",
    "probabilities",
    "risk",
    "capabilities",
];

/// Arrays whose items are objects keyed by data: `more_packages` (packages)
/// and `simulate`'s `frontier` (`[{party_id: number}]`).
const DATA_LISTS: &[&str] = &["more_packages", "frontier"];

/// `compare`'s summaries (`scenarios[]`): objects keyed by party, issue and
/// deal ids (`CompareReport`'s `Keyed` fields).
const SUMMARY_MAPS: &[&str] = &["parties", "issues", "settled", "open", "deals", "costs"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether the object at `path` (keys from the top, `[]` for an array's
/// items) is keyed by data.
fn keyed_by_data(path: &[String]) -> bool {
    match path {
        // `simulate`'s Nash point is `{party_id: number}`; the solutions'
        // `nash` (under `solutions`) is an object of the format.
        [only] if only == "nash" => true,
        // A sweep row's `nash` is a package.
        [rows, items, nash] if rows == "rows" && items == "[]" && nash == "nash" => true,
        [.., list, items, key] if list == "scenarios" && items == "[]" => {
            SUMMARY_MAPS.contains(&key.as_str())
        }
        // A summary's party: `weights` {issue_id: number}, `values`
        // {issue_id: {option_id: number}}.
        [.., parties, _, key] if parties == "parties" && (key == "weights" || key == "values") => {
            true
        }
        [.., parties, _, values, _] if parties == "parties" && values == "values" => true,
        // A summary's `costs`: {issue_id: {option_id: number}}.
        [.., list, items, costs, _] if list == "scenarios" && items == "[]" && costs == "costs" => {
            true
        }
        [.., list, items] if items == "[]" => DATA_LISTS.contains(&list.as_str()),
        [.., last] => DATA_MAPS.contains(&last.as_str()),
        [] => false,
    }
}

/// Collects every schema key under `v`, each with the first path it was
/// seen at.
fn collect(v: &Value, path: &mut Vec<String>, source: &str, keys: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            let data = keyed_by_data(path);
            for (k, w) in m {
                if !data {
                    keys.entry(k.clone()).or_insert_with(|| {
                        let at: String = path.iter().map(|p| format!(".{p}")).collect();
                        format!("{source}: ${at}.{k}")
                    });
                }
                path.push(if data { "*".into() } else { k.clone() });
                collect(w, path, source, keys);
                path.pop();
            }
        }
        Value::Array(xs) => {
            path.push("[]".into());
            for w in xs {
                collect(w, path, source, keys);
            }
            path.pop();
        }
        _ => {}
    }
}

fn session(rel: &str) -> Session {
    Session::load(&root().join(rel), &[]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json_of(report: &Report) -> Value {
    serde_json::from_str(&accord::render::json_string(report).unwrap()).unwrap()
}

/// The library's JSON for requests of every kind, by a name for messages.
fn library_outputs() -> Vec<(String, Value)> {
    let ukraine = session("examples/ukraine-2025/scenario.toml");
    let sim = "crates/accord-cli/tests/data/sim.toml";
    let requests = vec![
        Request::Check,
        Request::Evaluate {
            deal: "us_28_point".into(),
            change: None,
        },
        Request::Analyze {
            parties: Some(vec!["russia".into(), "ukraine".into()]),
            ties: 1,
            ratified: true,
        },
        Request::Frontier {
            parties: Some(vec!["russia".into(), "ukraine".into()]),
            ties: 2,
            ratified: false,
        },
        Request::Leverage { ratified: false },
        Request::Mediate {
            press: vec!["ukraine".into()],
            satisfy: None,
            limit: 5,
            ratified: false,
            maximize: None,
            curve: false,
            deal: None,
            change: None,
        },
        Request::Mediate {
            press: vec!["ukraine".into()],
            satisfy: None,
            limit: 2,
            ratified: true,
            maximize: Some("russia".into()),
            curve: true,
            deal: Some("us_28_point".into()),
            change: Some("guarantees=article5_like_15y".into()),
        },
        Request::Evaluate {
            deal: "us_28_point".into(),
            change: Some("guarantees=article5_like_15y".into()),
        },
        Request::Sweep {
            vary: vec!["ukraine.reservation=0.4:0.5:0.1".into()],
            question: "mediate".into(),
            press: vec!["ukraine".into()],
            satisfy: None,
            maximize: None,
            ratified: false,
        },
        Request::Repair {
            deal: "us_28_point".into(),
            limit: 5,
            ratified: false,
            change: None,
        },
        Request::Report {
            samples: 200,
            seed: 1,
        },
        Request::Robust {
            samples: 300,
            seed: 1,
            pool: 20,
            ratified: false,
            deal: Some("us_28_point".into()),
            ignore_observations: false,
        },
        Request::Simulate {
            protocol: "single-text".into(),
            strategies: PartyMap::default(),
            parties: None,
            rounds: 100,
            drift: PartyMap::default(),
            discount: PartyMap::default(),
            opponent_model: false,
            seed: 1,
            deal: Some("us_28_point".into()),
            change: Some("guarantees=article5_like_15y".into()),
        },
        Request::Simulate {
            protocol: "stacked".into(),
            strategies: [("russia".to_string(), "boulware".to_string())]
                .into_iter()
                .collect(),
            parties: None,
            rounds: 30,
            drift: [("ukraine".to_string(), -0.1)].into_iter().collect(),
            discount: [("russia".to_string(), 0.99)].into_iter().collect(),
            opponent_model: false,
            seed: 4,
            deal: None,
            change: None,
        },
    ];
    let mut out = Vec::new();
    let tougher = Session::load(
        &root().join("examples/ukraine-2025/scenario.toml"),
        &["ukraine.reservation=0.5".to_string()],
    )
    .expect("override");
    let variants = vec![
        ("ukraine".to_string(), ukraine.clone()),
        ("tougher".to_string(), tougher),
    ];
    let report =
        accord::compare(&variants, &accord::CompareRequest::default(), &Silent).expect("compare");
    out.push(("library compare".into(), json_of(&report)));
    for r in &requests {
        let report = ukraine
            .run(r, &Silent)
            .unwrap_or_else(|e| panic!("{}: {e}", r.command()));
        out.push((format!("library {}", r.command()), json_of(&report)));
    }

    // What the parties said: calibrate, and robust conditioned on it.
    let observed = Session::load(
        &root().join("crates/accord-cli/tests/data/observations.toml"),
        &[],
    )
    .expect("observations.toml");
    for r in [
        Request::Calibrate {
            samples: 300,
            seed: 1,
        },
        Request::Robust {
            samples: 300,
            seed: 1,
            pool: 5,
            ratified: false,
            deal: None,
            ignore_observations: false,
        },
    ] {
        let report = observed.run(&r, &Silent).expect("observed");
        out.push((
            format!("library {} (observed)", r.command()),
            json_of(&report),
        ));
    }

    let tournament = TournamentRequest {
        strategies: vec!["boulware".into(), "linear".into()],
        seeds: 2,
        rounds: 20,
        ..TournamentRequest::default()
    };
    let report = accord::tournament(&[(sim.to_string(), session(sim))], &tournament, &Silent)
        .expect("tournament");
    out.push(("library tournament".into(), json_of(&report)));

    for (file, model) in [
        ("crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv", "smp"),
        (
            "crates/accord-core/tests/data/ktab/eu-emissions-actors.csv",
            "eum",
        ),
        ("examples/ukraine-2025/scenario.toml", "compromise"),
    ] {
        let input = ForecastInput::load(&root().join(file), &[]).expect(file);
        let req = ForecastRequest {
            model: model.into(),
            ..ForecastRequest::default()
        };
        let report = accord::forecast(&input, &req).expect(model);
        out.push((format!("library forecast {model}"), json_of(&report)));
    }

    let dir = root().join("crates/accord-cli/tests/data/validation");
    let req = accord::ValidateRequest {
        all: true,
        ..accord::ValidateRequest::default()
    };
    let report = accord::validate(&dir.join("actors.csv"), &dir.join("outcomes.csv"), &req)
        .expect("validate");
    out.push(("library validate".into(), json_of(&report)));
    out
}

/// The CLI's golden `--json` outputs.
fn golden_outputs() -> Vec<(String, Value)> {
    let dir = root().join("crates/accord-cli/tests/golden/out");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden JSON in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let v = serde_json::from_str(&std::fs::read_to_string(&p).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, v)
        })
        .collect()
}

#[test]
fn every_output_key_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/output-schema.md")).unwrap();
    let mut keys = BTreeMap::new();
    for (source, v) in golden_outputs().into_iter().chain(library_outputs()) {
        collect(&v, &mut Vec::new(), &source, &mut keys);
    }
    // The walk must have seen the format, not only data.
    assert!(keys.len() > 100, "only {} keys found", keys.len());
    let missing: Vec<String> = keys
        .iter()
        .filter(|(k, _)| !doc.contains(&format!("`{k}`")))
        .map(|(k, at)| format!("`{k}` (first at {at})"))
        .collect();
    eprintln!("{} keys checked against docs/output-schema.md", keys.len());
    assert!(
        missing.is_empty(),
        "{} of {} output keys are not in docs/output-schema.md:\n{}",
        missing.len(),
        keys.len(),
        missing.join("\n")
    );
}

#[test]
fn data_keys_are_told_apart_from_schema_keys() {
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(keyed_by_data(&path(&["solutions", "nash", "utilities"])));
    assert!(!keyed_by_data(&path(&["solutions", "nash"])));
    assert!(keyed_by_data(&path(&["nash"])));
    assert!(keyed_by_data(&path(&[
        "pareto",
        "points",
        "[]",
        "more_packages",
        "[]"
    ])));
    // `levers.pressure` is a list of objects of the format; a mix's
    // `pressure` is `{party_id: number}`.
    assert!(!keyed_by_data(&path(&["levers", "pressure", "[]"])));
    assert!(keyed_by_data(&path(&["least_cost", "pressure"])));
    // `compare`: a summary's maps by id, and a party's weights and values.
    assert!(keyed_by_data(&path(&["scenarios", "[]", "parties"])));
    assert!(keyed_by_data(&path(&["scenarios", "[]", "deals"])));
    assert!(!keyed_by_data(&path(&["scenarios", "[]", "zopa"])));
    assert!(!keyed_by_data(&path(&["scenarios", "[]", "parties", "*"])));
    assert!(keyed_by_data(&path(&[
        "scenarios",
        "[]",
        "parties",
        "*",
        "values",
        "*"
    ])));
    assert!(!keyed_by_data(&path(&[
        "scenarios",
        "[]",
        "solutions",
        "nash"
    ])));
}
