//! `analyze` through the library: the same request gives the same JSON (and
//! text) as the CLI's golden outputs.

mod support;

use accord::observe::{Observer, Silent};
use accord::render::text::analyze::{render_with, Options};
use accord::{Report, Request};
use support::{golden, run, same_json, tables_comparable, UKRAINE_GOLDEN};

const UKRAINE: &str = "examples/ukraine-2025/scenario.toml";
const BASIC: &str = "crates/accord-cli/tests/data/basic.toml";

fn analyze(parties: Option<&[&str]>, ties: usize) -> Request {
    Request::Analyze {
        parties: parties.map(|ps| ps.iter().map(|p| p.to_string()).collect()),
        ties,
        ratified: false,
    }
}

#[test]
fn ukraine_over_two_parties_matches_the_cli() {
    let (_, report) = run(UKRAINE_GOLDEN, &analyze(Some(&["russia", "ukraine"]), 1));
    same_json(&report, "analyze-ukraine-json.json");
}

#[test]
fn basic_matches_the_cli() {
    let (_, report) = run(BASIC, &analyze(None, 1));
    same_json(&report, "analyze-basic-json.json");
}

#[test]
fn ties_list_more_packages_like_the_cli() {
    let (_, report) = run(
        "crates/accord-cli/tests/data/basic.json",
        &analyze(Some(&["buyer", "seller"]), 3),
    );
    same_json(&report, "analyze-basic-json-ties.json");
}

#[test]
fn text_matches_the_cli() {
    if !tables_comparable() {
        return;
    }
    for (file, name) in [
        (UKRAINE_GOLDEN, "analyze-ukraine.txt"),
        (BASIC, "analyze-basic.txt"),
    ] {
        let (session, report) = run(file, &analyze(None, 1));
        let Report::Analyze(r) = &report else {
            panic!("not an analysis")
        };
        let cx = accord::render::Context::new(session.scenario(), file);
        assert_eq!(
            render_with(r, &cx, &Options::default()),
            golden(name),
            "{name}"
        );
        assert_eq!(accord::render::text(&report, &cx), golden(name), "{name}");
    }
}

#[test]
fn requests_read_from_json_with_their_defaults() {
    let r: Request = serde_json::from_str(r#"{"command": "analyze"}"#).unwrap();
    assert_eq!(r, analyze(None, 1));
    assert_eq!(r.command(), "analyze");
    let r: Request =
        serde_json::from_str(r#"{"command": "analyze", "parties": ["a", "b"], "ties": 4}"#)
            .unwrap();
    assert_eq!(r, analyze(Some(&["a", "b"]), 4));
    assert!(serde_json::from_str::<Request>(r#"{"command": "analyze", "show": 3}"#).is_err());
    let r: Request = serde_json::from_str(r#"{"command": "analyze", "ratified": true}"#).unwrap();
    assert_eq!(
        r,
        Request::Analyze {
            parties: None,
            ties: 1,
            ratified: true
        }
    );
}

#[test]
fn ratified_raises_the_veto_parties_reservation_values() {
    // Ukraine's ratification threshold (mean 0.62) is above its reservation
    // value (0.45); Russia has none; Europe has no veto.
    let (_, plain) = run(UKRAINE, &analyze(Some(&["russia", "ukraine"]), 1));
    let request = Request::Analyze {
        parties: Some(vec!["russia".into(), "ukraine".into()]),
        ties: 1,
        ratified: true,
    };
    let (_, raised) = run(UKRAINE, &request);
    let (Report::Analyze(plain), Report::Analyze(raised)) = (&plain, &raised) else {
        panic!("not analyses")
    };
    assert!(!plain.ratified && raised.ratified);
    let reservation = |r: &accord::report::analyze::AnalysisReport, id: &str| {
        r.scenario
            .parties
            .iter()
            .find(|p| &*p.id == id)
            .map(|p| p.reservation)
            .unwrap()
    };
    assert!((reservation(raised, "ukraine") - 0.62).abs() < 1e-12);
    assert_eq!(reservation(raised, "russia"), reservation(plain, "russia"));
    assert_eq!(reservation(raised, "europe"), reservation(plain, "europe"));
    assert!(raised.zopa.count < plain.zopa.count);
    let sols = &raised.solutions;
    for s in [
        &sols.nash,
        &sols.kalai_smorodinsky,
        &sols.egalitarian,
        &sols.utilitarian,
    ] {
        assert!(s.as_ref().is_some_and(|s| s.ratified));
    }
    // Without --ratified, the Nash deal leaves Ukraine below its threshold.
    assert!(plain.solutions.nash.as_ref().is_some_and(|s| !s.ratified));
}

#[test]
fn an_unknown_party_is_a_usage_error_listing_the_parties() {
    let session = accord::Session::load(&support::repo(BASIC), &[]).unwrap();
    let e = session
        .run(&analyze(Some(&["nobody"]), 1), &Silent)
        .unwrap_err();
    assert!(e.is_usage());
    assert_eq!(e.to_string(), "unknown party `nobody`");
    let accord::Error::Usage { hint, .. } = e else {
        unreachable!()
    };
    assert_eq!(
        hint.as_deref(),
        Some("the parties are: buyer, seller, broker")
    );
}

#[test]
fn merge_steps_reach_the_observer() {
    struct Count(std::sync::Mutex<Vec<(u64, u64)>>);
    impl Observer for Count {
        fn progress(&self, done: u64, total: u64) {
            self.0.lock().unwrap().push((done, total));
        }
    }
    let seen = Count(std::sync::Mutex::new(Vec::new()));
    let session = accord::Session::load(&support::repo(UKRAINE), &[]).unwrap();
    session.run(&analyze(None, 1), &seen).unwrap();
    let seen = seen.0.into_inner().unwrap();
    assert!(!seen.is_empty());
    let (done, total) = *seen.last().unwrap();
    assert_eq!(done, total);
}

#[test]
fn a_cancelled_analysis_is_an_error() {
    struct Stop;
    impl Observer for Stop {
        fn cancelled(&self) -> bool {
            true
        }
    }
    let session = accord::Session::load(&support::repo(BASIC), &[]).unwrap();
    assert!(session
        .run(&analyze(None, 1), &Stop)
        .unwrap_err()
        .is_cancelled());
}
