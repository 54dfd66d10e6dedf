//! The same request gives the same JSON through the library and the CLI:
//! `simulate`, `tournament`, `forecast` and `forecast --validate` run on the
//! inputs of the CLI's golden cases must keep every key and value of the
//! golden files (`crates/accord-cli/tests/golden/out`; new keys allowed).

use std::path::PathBuf;

mod support;

use accord::observe::Silent;
use accord::request::PartyMap;
use accord::{ForecastInput, ForecastRequest, Report, Request, Session, TournamentRequest};
use serde_json::Value;

fn root() -> PathBuf {
    support::repo("")
}

/// The same request gives the same JSON through the library and the CLI.
fn same_as_golden(name: &str, report: &Report) {
    support::same_json(report, &format!("{name}.json"));
}

fn session(path: &str) -> Session {
    Session::load(&root().join(path), &[]).unwrap()
}

fn map<T: Clone>(xs: &[(&str, T)]) -> PartyMap<T> {
    xs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn simulate(protocol: &str) -> Request {
    Request::Simulate {
        protocol: protocol.into(),
        strategies: PartyMap::default(),
        parties: None,
        rounds: 100,
        drift: PartyMap::default(),
        discount: PartyMap::default(),
        opponent_model: false,
        seed: 1,
        deal: None,
        change: None,
    }
}

#[test]
fn simulate_matches_the_cli() {
    let s = session("crates/accord-cli/tests/data/sim.toml");
    let r = Request::Simulate {
        protocol: "alternating".into(),
        strategies: map(&[("a", "linear".to_string()), ("b", "linear".to_string())]),
        parties: None,
        rounds: 5,
        drift: PartyMap::default(),
        discount: PartyMap::default(),
        opponent_model: false,
        seed: 1,
        deal: None,
        change: None,
    };
    same_as_golden("simulate-sim-json", &s.run(&r, &Silent).unwrap());

    let u = session(support::UKRAINE_GOLDEN);
    let r = simulate("single-text");
    same_as_golden("simulate-ukraine-json", &u.run(&r, &Silent).unwrap());

    // The same request as JSON, as a web client would send it.
    let r: Request = serde_json::from_str(
        r#"{"command": "simulate", "protocol": "stacked",
            "strategies": {"russia": "boulware", "ukraine": "linear"},
            "rounds": 30, "drift": {"ukraine": -0.1}, "discount": {"russia": 0.99}, "seed": 4}"#,
    )
    .unwrap();
    assert_eq!(r.command(), "simulate");
    same_as_golden(
        "simulate-ukraine-stacked-json",
        &u.run(&r, &Silent).unwrap(),
    );
}

#[test]
fn simulate_refuses_what_the_cli_refuses() {
    let s = session("crates/accord-cli/tests/data/sim.toml");
    let run = |json: &str| {
        let r: Request = serde_json::from_str(json).unwrap();
        s.run(&r, &Silent).unwrap_err()
    };
    let e = run(r#"{"command": "simulate", "strategies": {"a": "greedy"}}"#);
    assert!(e.is_usage() && e.to_string().contains("unknown strategy `greedy`"));
    let e = run(r#"{"command": "simulate", "strategies": {"z": "linear"}}"#);
    assert_eq!(e.to_string(), "unknown party `z`");
    let e = run(r#"{"command": "simulate", "protocol": "auction"}"#);
    assert!(e.to_string().starts_with("unknown protocol"));
    let e = run(r#"{"command": "simulate", "drift": {"a": 2}}"#);
    assert!(
        e.to_string().contains("expected a number in [-1, 1]"),
        "{e}"
    );
    let e = run(r#"{"command": "simulate", "parties": ["a", "a"]}"#);
    assert!(e.to_string().contains("named twice"));
    // Unknown fields are refused; defaults are the command line's.
    assert!(serde_json::from_str::<Request>(r#"{"command": "simulate", "round": 5}"#).is_err());
    let r: Request = serde_json::from_str(r#"{"command": "simulate"}"#).unwrap();
    assert_eq!(r, simulate("stacked"));
}

fn tournament_request() -> TournamentRequest {
    TournamentRequest {
        strategies: vec!["boulware".into(), "linear".into(), "hardliner".into()],
        seeds: 2,
        rounds: 20,
        ..TournamentRequest::default()
    }
}

#[test]
fn tournament_matches_the_cli_on_any_number_of_threads() {
    let name = "crates/accord-cli/tests/data/sim.toml";
    let scenarios = vec![(name.to_string(), session(name))];
    let req = tournament_request();
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| accord::tournament(&scenarios, &req, &Silent).unwrap())
    };
    let one = on(1);
    same_as_golden("tournament-sim-json", &one);
    let strip = |r: &Report| {
        let mut v: Value = serde_json::from_str(&accord::render::json_string(r).unwrap()).unwrap();
        for k in support::VOLATILE {
            v.as_object_mut().unwrap().remove(*k);
        }
        v
    };
    assert_eq!(strip(&one), strip(&on(2)));
    let Report::Tournament(t) = &one else {
        panic!("not a tournament")
    };
    let csv = std::fs::read_to_string(
        root().join("crates/accord-cli/tests/golden/out/tournament-sim-csv.csv"),
    )
    .unwrap();
    assert_eq!(accord::render::csv::tournament::render(t), csv);
}

#[test]
fn a_cancelled_tournament_is_an_error() {
    struct Stop;
    impl accord::observe::Observer for Stop {
        fn cancelled(&self) -> bool {
            true
        }
    }
    let name = "crates/accord-cli/tests/data/sim.toml";
    let scenarios = vec![(name.to_string(), session(name))];
    let e = accord::tournament(&scenarios, &tournament_request(), &Stop).unwrap_err();
    assert!(e.is_cancelled());
}

fn forecast(file: &str, req: ForecastRequest) -> Report {
    let input = ForecastInput::load(&root().join(file), &[]).unwrap();
    accord::forecast(&input, &req).unwrap()
}

#[test]
fn forecast_matches_the_cli() {
    let soe = "crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv";
    let eu = "crates/accord-core/tests/data/ktab/eu-emissions-actors.csv";
    let with = |model: &str| ForecastRequest {
        model: model.into(),
        ..ForecastRequest::default()
    };
    same_as_golden("forecast-soe-json", &forecast(soe, with("smp")));
    same_as_golden("forecast-eu-eum-json", &forecast(eu, with("eum")));
    let paper = ForecastRequest {
        reading: "paper".into(),
        rounds: Some(3),
        ..with("eum")
    };
    same_as_golden("forecast-eu-eum-paper-json", &forecast(eu, paper));
    same_as_golden(
        "forecast-eu-compromise-json",
        &forecast(eu, with("compromise")),
    );
    let u = support::UKRAINE_GOLDEN;
    same_as_golden("forecast-ukraine-json", &forecast(u, with("compromise")));
    // From a session: the same actors.
    let input = ForecastInput::from_session(&session(u)).unwrap();
    same_as_golden(
        "forecast-ukraine-json",
        &accord::forecast(&input, &with("compromise")).unwrap(),
    );
    let e = accord::forecast(&input, &with("delphi")).unwrap_err();
    assert!(e.is_usage() && e.to_string().contains("unknown model"));
}

#[test]
fn overrides_apply_to_scenarios_and_are_refused_for_actor_files() {
    let sets = vec!["russia.reservation=0.5".to_string()];
    let u = root().join("examples/ukraine-2025/scenario.toml");
    assert!(ForecastInput::load(&u, &sets).is_ok());
    let soe = root().join("crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv");
    let e = ForecastInput::load(&soe, &sets).unwrap_err();
    assert!(e.is_usage());
    assert!(e
        .to_string()
        .contains("--set applies to scenario files only"));
}

#[test]
fn validation_matches_the_cli() {
    let dir = root().join("crates/accord-cli/tests/data/validation");
    let req: accord::ValidateRequest = serde_json::from_str(r#"{"all": true}"#).unwrap();
    let r = accord::validate(&dir.join("actors.csv"), &dir.join("outcomes.csv"), &req).unwrap();
    same_as_golden("forecast-validate-json", &r);
}
