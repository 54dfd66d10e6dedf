//! The same request gives the same JSON through the library and the CLI:
//! `leverage`, `repair`, `mediate` and `robust` run through
//! `Session::run` keep every key and value of the CLI's golden outputs.

use std::path::PathBuf;

mod support;
use std::sync::atomic::{AtomicU64, Ordering};

use accord::observe::{Observer, Silent};
use accord::{Request, Session};

fn root() -> PathBuf {
    support::repo("")
}

fn ukraine(sets: &[&str]) -> Session {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    Session::load(&root().join(support::UKRAINE_GOLDEN), &sets).unwrap()
}

/// Runs `request` and checks its JSON against the golden file `name`.
fn same_as_cli(session: &Session, request: &Request, name: &str) {
    let report = session.run(request, &Silent).unwrap();
    support::same_json(&report, &format!("{name}.json"));
}

#[test]
fn leverage_matches_the_cli() {
    same_as_cli(
        &ukraine(&[]),
        &Request::Leverage { ratified: false },
        "leverage-ukraine-json",
    );
    same_as_cli(
        &ukraine(&["russia.reservation=0.9"]),
        &Request::Leverage { ratified: false },
        "leverage-ukraine-closed-json",
    );
}

#[test]
fn repair_matches_the_cli() {
    let r: Request =
        serde_json::from_str(r#"{"command": "repair", "deal": "us_28_point"}"#).unwrap();
    assert_eq!(
        r,
        Request::Repair {
            deal: "us_28_point".into(),
            limit: 5,
            ratified: false,
            change: None
        }
    );
    same_as_cli(&ukraine(&[]), &r, "repair-ukraine-json");
    same_as_cli(
        &ukraine(&[]),
        &Request::Repair {
            deal: "us_28_point".into(),
            limit: 3,
            ratified: true,
            change: None,
        },
        "repair-ukraine-ratified-json",
    );
}

#[test]
fn mediate_matches_the_cli() {
    let r: Request =
        serde_json::from_str(r#"{"command": "mediate", "press": ["ukraine"]}"#).unwrap();
    assert_eq!(
        r,
        Request::Mediate {
            press: vec!["ukraine".into()],
            satisfy: None,
            limit: 5,
            ratified: false,
            maximize: None,
            curve: false,
            deal: None,
            change: None
        }
    );
    same_as_cli(&ukraine(&[]), &r, "mediate-ukraine-json");
    same_as_cli(
        &ukraine(&["russia.reservation=0.8"]),
        &Request::Mediate {
            press: vec!["ukraine".into()],
            satisfy: Some(vec!["russia".into()]),
            limit: 5,
            ratified: true,
            maximize: None,
            curve: false,
            deal: None,
            change: None,
        },
        "mediate-ukraine-ratified-json",
    );
    same_as_cli(
        &ukraine(&["russia.reservation=0.95"]),
        &r,
        "mediate-ukraine-nodeal-json",
    );
}

#[test]
fn mediate_refuses_unknown_and_repeated_parties() {
    let s = ukraine(&[]);
    let ask = |press: &[&str], satisfy: Option<&[&str]>| {
        s.run(
            &Request::Mediate {
                press: press.iter().map(|x| x.to_string()).collect(),
                satisfy: satisfy.map(|v| v.iter().map(|x| x.to_string()).collect()),
                limit: 5,
                ratified: false,
                maximize: None,
                curve: false,
                deal: None,
                change: None,
            },
            &Silent,
        )
        .unwrap_err()
    };
    let e = ask(&["nobody"], None);
    assert!(e.is_usage());
    assert_eq!(e.to_string(), "--press: unknown party `nobody`");
    let e = ask(&["ukraine"], Some(&["ukraine"]));
    assert!(e.is_usage());
    assert!(e.to_string().contains("named twice"));
}

/// Counts the progress reports and remembers the last.
#[derive(Default)]
struct Count {
    calls: AtomicU64,
    done: AtomicU64,
    total: AtomicU64,
}

impl Observer for Count {
    fn progress(&self, done: u64, total: u64) {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.done.fetch_max(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }
}

#[test]
fn robust_matches_the_cli_and_reports_progress() {
    let r: Request =
        serde_json::from_str(r#"{"command": "robust", "samples": 2000, "seed": 7}"#).unwrap();
    assert_eq!(
        r,
        Request::Robust {
            samples: 2000,
            seed: 7,
            pool: 20,
            ratified: false,
            deal: None,
            ignore_observations: false,
        }
    );
    same_as_cli(&ukraine(&[]), &r, "robust-ukraine-json");
    same_as_cli(
        &ukraine(&[]),
        &Request::Robust {
            samples: 1000,
            seed: 3,
            pool: 20,
            ratified: true,
            deal: Some("us_28_point".into()),
            ignore_observations: false,
        },
        "robust-ukraine-ratified-json",
    );
    let count = Count::default();
    let small = Request::Robust {
        samples: 300,
        seed: 1,
        pool: 20,
        ratified: false,
        deal: None,
        ignore_observations: false,
    };
    ukraine(&[]).run(&small, &count).unwrap();
    assert!(count.calls.load(Ordering::Relaxed) > 0);
    assert_eq!(count.total.load(Ordering::Relaxed), 600);
    assert_eq!(count.done.load(Ordering::Relaxed), 600);
}

#[test]
fn robust_refuses_a_scenario_without_uncertainty_and_zero_samples() {
    let s = ukraine(&[]);
    let e = s
        .run(
            &Request::Robust {
                samples: 0,
                seed: 1,
                pool: 20,
                ratified: false,
                deal: None,
                ignore_observations: false,
            },
            &Silent,
        )
        .unwrap_err();
    assert!(e.is_usage());
    assert_eq!(e.to_string(), "--samples must be at least 1");
    let sure = Session::load(&root().join("crates/accord-cli/tests/data/basic.toml"), &[]).unwrap();
    let e = sure
        .run(
            &serde_json::from_str(r#"{"command": "robust"}"#).unwrap(),
            &Silent,
        )
        .unwrap_err();
    assert!(e.is_usage());
    assert!(e.to_string().ends_with("has no uncertain numbers"));
}

/// A sweep gives the same bytes on one thread and on four, and reports one
/// unit of progress per grid point.
#[test]
fn sweep_is_deterministic_across_threads() {
    let session =
        Session::load(&root().join("crates/accord-cli/tests/data/basic.toml"), &[]).unwrap();
    let req: Request = serde_json::from_str(
        r#"{"command": "sweep", "vary": ["buyer.reservation=0.2:0.6:0.1", "seller.reservation=0.1:0.4:0.15"], "question": "mediate", "press": ["buyer"]}"#,
    )
    .unwrap();
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let r = pool.install(|| session.run(&req, &Silent)).unwrap();
        accord::render::json_string(&r).unwrap()
    };
    let one = on(1);
    assert_eq!(one, on(4));
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["points"], 15);
    let count = Count::default();
    session.run(&req, &count).unwrap();
    assert_eq!(count.done.load(Ordering::Relaxed), 15);
    assert_eq!(count.total.load(Ordering::Relaxed), 15);
}
