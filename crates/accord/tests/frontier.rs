//! `frontier` through the library: the same request gives the same JSON,
//! CSV and text as the CLI's golden outputs, and the chart the CLI draws.

mod support;

use accord::render::svg::frontier::Axes;
use accord::{Report, Request};
use support::{golden, repo, run, same_json, tables_comparable, UKRAINE_GOLDEN};

const UKRAINE: &str = "examples/ukraine-2025/scenario.toml";
const BASIC: &str = "crates/accord-cli/tests/data/basic.toml";

fn frontier(parties: Option<&[&str]>) -> Request {
    Request::Frontier {
        parties: parties.map(|ps| ps.iter().map(|p| p.to_string()).collect()),
        ties: 1,
        ratified: false,
    }
}

fn keys(report: &Report) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&accord::render::json_string(report).unwrap()).unwrap();
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn json_matches_the_cli_and_keeps_the_four_keys() {
    let (_, report) = run(UKRAINE_GOLDEN, &frontier(Some(&["russia", "ukraine"])));
    same_json(&report, "frontier-ukraine-json.json");
    let (_, report) = run(BASIC, &frontier(None));
    same_json(&report, "frontier-basic-json.json");
    assert_eq!(
        keys(&report),
        ["schema_version", "scenario", "pareto", "solutions"]
    );
}

#[test]
fn ratified_says_so_and_keeps_only_ratified_solutions() {
    let request = Request::Frontier {
        parties: Some(vec!["russia".into(), "ukraine".into()]),
        ties: 1,
        ratified: true,
    };
    let (_, report) = run(UKRAINE, &request);
    assert_eq!(
        keys(&report),
        [
            "schema_version",
            "ratified",
            "scenario",
            "pareto",
            "solutions"
        ]
    );
    let Report::Frontier(r) = &report else {
        panic!("not a frontier")
    };
    assert!(r.ratified);
    let nash = r.solutions.nash.as_ref().expect("a zone when ratified");
    assert!(nash.ratified);
    // Ukraine's reservation value is raised to its threshold.
    let ukraine = r
        .scenario
        .parties
        .iter()
        .find(|p| &*p.id == "ukraine")
        .unwrap();
    assert!(
        (ukraine.reservation - 0.62).abs() < 1e-12,
        "{}",
        ukraine.reservation
    );
}

#[test]
fn csv_text_and_chart_match_the_cli() {
    let (session, report) = run(UKRAINE_GOLDEN, &frontier(Some(&["russia", "ukraine"])));
    let Report::Frontier(r) = &report else {
        panic!("not a frontier")
    };
    let cx = accord::render::Context::new(session.scenario(), UKRAINE_GOLDEN);
    assert_eq!(
        accord::render::csv::frontier::render(r, &cx),
        golden("frontier-ukraine-csv.csv")
    );
    if tables_comparable() {
        assert_eq!(
            accord::render::text::frontier::render_with(r, &cx, None),
            golden("frontier-ukraine.txt")
        );
    }
    let axes = Axes::choose(session.scenario(), None, None).unwrap();
    assert_eq!(
        axes,
        Axes {
            x: "russia".into(),
            y: "ukraine".into()
        }
    );
    // The walkthrough's chart is of the bundled example as it is now.
    let (_, report) = run(UKRAINE, &frontier(Some(&["russia", "ukraine"])));
    let Report::Frontier(r) = &report else {
        panic!("not a frontier")
    };
    let drawn = accord::render::svg::frontier::render(r, &axes).unwrap();
    let committed =
        std::fs::read_to_string(repo("docs/examples/ukraine-2025-frontier.svg")).unwrap();
    assert!(drawn == committed, "the chart differs from docs/examples");
}

#[test]
fn chart_axes_are_checked_before_any_analysis() {
    let session = accord::Session::load(&repo(BASIC), &[]).unwrap();
    let s = session.scenario();
    let e = Axes::choose(s, Some("nobody"), None).unwrap_err();
    assert!(e.is_usage());
    assert!(e.to_string().contains("unknown party `nobody`"));
    assert!(Axes::choose(s, Some("buyer"), Some("buyer"))
        .unwrap_err()
        .is_usage());
    assert_eq!(
        Axes::choose(s, Some("seller"), None).unwrap(),
        Axes {
            x: "seller".into(),
            y: "buyer".into()
        }
    );
}
