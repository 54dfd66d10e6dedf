//! The analyst's questions, worked by hand on `basic.toml`: the coercion
//! curve, partial deals, imposed ratification and sweeps.
//!
//! In `basic.toml` the buyer's utility is 2/3·(200 − price)/100 + 1/3·[fast]
//! and the seller's 3/4·(price − 100)/100 + 1/4·[slow]; price 100 crosses
//! the seller's red line.

use crate::util::{accord, data};

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

fn num(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// With the buyer's reservation value at 0.7 and a stick of 0.4, the
/// seller accepts 125/slow (buyer 0.5, seller 0.4375), 150/fast (0.6667,
/// 0.375), 150/slow (0.3333, 0.625), 175/fast (0.5, 0.5625) and 200/fast
/// (0.3333, 0.75); the buyer needs 0.7 − u of pressure: 0.2, 0.0333,
/// 0.3667, 0.2, 0.3667. The most the seller can get as pressure rises:
/// 150/fast from 0.0333, 175/fast from 0.2, 200/fast from 0.3667.
#[test]
fn coercion_curve_worked_by_hand() {
    let f = data("basic.toml");
    let v = accord(&[
        "mediate",
        s(&f),
        "--press",
        "buyer",
        "--maximize",
        "seller",
        "--curve",
        "--json",
        "--set",
        "buyer.reservation=0.7",
        "--set",
        "buyer.pressure.max=0.4",
        "--set",
        "buyer.pressure.cost=4",
    ])
    .ok()
    .json();
    assert_eq!(v["maximize"], "seller");
    assert_eq!(v["curve_party"], "seller");
    assert_eq!(v["no_pressure_needed"], false);
    assert!((num(&v["least_pressure"]) - (0.7 - 2.0 / 3.0)).abs() < 1e-9);
    // Ranked by the seller's utility first: 200/fast.
    let best = &v["deals"][0];
    assert_eq!(best["package"]["price"], 200);
    assert_eq!(best["package"]["delivery"], "fast");
    assert!((num(&best["utilities"]["seller"]) - 0.75).abs() < 1e-9);
    let curve = v["curve"].as_array().unwrap();
    let want = [
        (0.7 - 2.0 / 3.0, 150, "fast"),
        (0.2, 175, "fast"),
        (0.7 - 1.0 / 3.0, 200, "fast"),
    ];
    assert_eq!(curve.len(), want.len(), "{curve:?}");
    for (step, (p, price, delivery)) in curve.iter().zip(want) {
        assert!((num(&step["pressure"]) - p).abs() < 1e-9, "{step}");
        assert_eq!(step["package"]["price"], price);
        assert_eq!(step["package"]["delivery"], delivery);
        // Cost: 10 per unit of pressure (4 for 0.4), no incentives.
        assert!((num(&step["total_cost"]) - 10.0 * p).abs() < 1e-9);
    }
    assert_eq!(curve[0]["changes_from_previous"], serde_json::Value::Null);
    assert_eq!(
        curve[1]["changes_from_previous"],
        serde_json::json!([{"issue": "price", "from": 150, "to": 175}])
    );
    // The text says pressure is needed and breaks the cost down.
    accord(&[
        "mediate",
        s(&f),
        "--press",
        "buyer",
        "--maximize",
        "seller",
        "--curve",
        "--set",
        "buyer.reservation=0.7",
        "--set",
        "buyer.pressure.max=0.4",
        "--set",
        "buyer.pressure.cost=4",
    ])
    .ok()
    .stdout_has("Pressure is needed")
    .stdout_has("The coercion curve: the best deal for seller")
    .stdout_has("on buyer (cost ");
}

#[test]
fn no_pressure_needed_is_said_plainly() {
    let f = data("basic.toml");
    let v = accord(&["mediate", s(&f), "--press", "buyer", "--json"])
        .ok()
        .json();
    assert_eq!(v["no_pressure_needed"], true);
    accord(&["mediate", s(&f), "--press", "buyer"])
        .ok()
        .stdout_has("NO PRESSURE NEEDED: buyer accepts a deal voluntarily");
    // A curve needs a party to serve: the broker (the mediator) by default.
    let v = accord(&["mediate", s(&f), "--press", "buyer", "--curve", "--json"])
        .ok()
        .json();
    assert_eq!(v["curve_party"], "broker");
}

#[test]
fn maximize_and_change_name_known_ids() {
    let f = data("basic.toml");
    accord(&["mediate", s(&f), "--press", "buyer", "--maximize", "sellr"])
        .code(2)
        .stderr_has("seller");
    accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "price=125,delivery=slow",
        "--change",
        "delivry=fast",
    ])
    .code(2)
    .stderr_has("--change:1:1")
    .stderr_has("delivery");
    accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "price=125,delivery=slow",
        "--change",
        "delivery=quick",
    ])
    .code(2)
    .stderr_has("no option `quick`");
    // --change needs a deal to change.
    accord(&[
        "mediate",
        s(&f),
        "--press",
        "buyer",
        "--change",
        "delivery=fast",
    ])
    .code(2);
}

#[test]
fn a_changed_deal_says_what_changed_on_every_command() {
    let f = data("basic.toml");
    let deal = [
        "--deal",
        "price=125,delivery=slow",
        "--change",
        "delivery=fast,price=125",
    ];
    let mut args = vec!["evaluate", s(&f), "--json"];
    args.extend_from_slice(&deal);
    let v = accord(&args).ok().json();
    assert_eq!(v["package"]["delivery"], "fast");
    assert_eq!(v["change"]["base"], "inline");
    // price=125 was already so: only delivery changed.
    assert_eq!(
        v["change"]["changed"],
        serde_json::json!([{"issue": "delivery", "from": "slow", "to": "fast"}])
    );
    let mut args = vec!["repair", s(&f), "--json"];
    args.extend_from_slice(&deal);
    let v = accord(&args).ok().json();
    assert_eq!(v["deal"]["package"]["delivery"], "fast");
    assert_eq!(v["change"]["changed"][0]["issue"], "delivery");
    let mut args = vec!["mediate", s(&f), "--press", "buyer", "--json"];
    args.extend_from_slice(&deal);
    let v = accord(&args).ok().json();
    assert_eq!(v["plan"]["package"]["delivery"], "fast");
    assert_eq!(v["plan"]["change"]["changed"][0]["to"], "fast");
    // 125/fast: the seller gets 0.1875 < 0.3, so it rejects the plan.
    assert_eq!(v["plan"]["feasible"], false);
    assert_eq!(v["plan"]["rejected_by"], serde_json::json!(["seller"]));
    assert!(v["deals"][0]["changes_from_plan"].is_array());
    let mut args = vec!["simulate", s(&f), "--protocol", "single-text", "--json"];
    args.extend_from_slice(&deal);
    let v = accord(&args).ok().json();
    assert_eq!(v["plan"]["package"]["delivery"], "fast");
    assert_eq!(v["plan"]["in_zopa"], false);
    let mut args = vec!["evaluate", s(&f)];
    args.extend_from_slice(&deal);
    accord(&args)
        .ok()
        .stdout_has("Changed from inline:")
        .stdout_has("delivery  slow → fast");
}

/// `imposed.toml`: the buyer (r = 0.7) has a ratification threshold of 0.75
/// that pressure lowers by half of it, and a stick of 0.4 at 10 per unit.
/// With ratification the buyer is within reach down to max(0.7 − 0.4,
/// 0.75 − 0.5·0.4) = 0.55: only 150/fast (0.6667) of the packages the
/// seller accepts. It needs the pressure that makes the buyer ratify,
/// (0.75 − 0.6667)/0.5 = 0.1667, more than the 0.0333 acceptance needs.
#[test]
fn imposed_ratification_worked_by_hand() {
    let f = data("imposed.toml");
    let v = accord(&["mediate", s(&f), "--press", "buyer", "--ratified", "--json"])
        .ok()
        .json();
    assert_eq!(v["deals"].as_array().unwrap().len(), 1, "{v}");
    let d = &v["deals"][0];
    assert_eq!(d["package"]["price"], 150);
    assert_eq!(d["package"]["delivery"], "fast");
    let need = (0.75 - 2.0 / 3.0) / 0.5;
    assert!((num(&d["pressure"]["buyer"]) - need).abs() < 1e-9, "{d}");
    assert!((num(&d["total_cost"]) - 10.0 * need).abs() < 1e-9);
    assert_eq!(d["ratifies"]["buyer"], true);
    // Without ratification the same deal needs only what acceptance needs.
    let v = accord(&["mediate", s(&f), "--press", "buyer", "--json"])
        .ok()
        .json();
    let d = &v["deals"][0];
    assert!((num(&d["pressure"]["buyer"]) - (0.7 - 2.0 / 3.0)).abs() < 1e-9);
    // Leverage --ratified prices the same mix.
    let v = accord(&["leverage", s(&f), "--ratified", "--json"])
        .ok()
        .json();
    assert_eq!(v["ratified"], true);
    assert_eq!(v["least_cost"]["status"], "mix");
    assert!((num(&v["least_cost"]["total_cost"]) - 10.0 * need).abs() < 1e-9);
    // The scenario reads back: `check` accepts it.
    accord(&["check", s(&f)]).ok();
}

#[test]
fn bad_imposed_ratification_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(data("imposed.toml")).unwrap();
    for (bad, needle) in [
        (
            "ratification = { threshold = 0.75, imposed = 2 }",
            "imposed share",
        ),
        ("ratification = { imposed = 0.5 }", "threshold"),
        (
            "ratification = { threshold = 0.75, imposd = 0.5 }",
            "imposd",
        ),
    ] {
        let p = dir.path().join("bad.toml");
        std::fs::write(
            &p,
            text.replace("ratification = { threshold = 0.75, imposed = 0.5 }", bad),
        )
        .unwrap();
        accord(&["check", s(&p)])
            .code(2)
            .stderr_has("bad.toml:11:")
            .stderr_has(needle);
    }
}

#[test]
fn sweep_rows_are_single_runs() {
    let f = data("basic.toml");
    let v = accord(&[
        "sweep",
        s(&f),
        "--vary",
        "buyer.reservation=0.3:0.5:0.1",
        "--vary",
        "seller.reservation=0.2:0.3:0.1",
        "--json",
    ])
    .ok()
    .json();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(v["points"], 6);
    assert_eq!(rows.len(), 6);
    let mut k = 0;
    for b in ["0.3", "0.4", "0.5"] {
        for sv in ["0.2", "0.3"] {
            let row = &rows[k];
            k += 1;
            assert_eq!(row["set"]["buyer.reservation"].to_string(), b);
            assert_eq!(row["set"]["seller.reservation"].to_string(), sv);
            let one = |cmd: &str| {
                accord(&[
                    cmd,
                    s(&f),
                    "--json",
                    "--set",
                    &format!("buyer.reservation={b}"),
                    "--set",
                    &format!("seller.reservation={sv}"),
                ])
                .ok()
                .json()
            };
            let a = one("analyze");
            assert_eq!(row["zopa_count"], a["zopa"]["count"]);
            assert_eq!(row["zopa_empty"], a["zopa"]["empty"]);
            assert_eq!(row["nash"], a["solutions"]["nash"]["package"]);
            let l = one("leverage");
            assert_eq!(row["min_total_shift"], l["min_total_shift"]);
            assert_eq!(row["slack"], l["slack"]);
            assert_eq!(row["zone"], l["zone"]);
        }
    }
    // CSV: a header and one line per point; SVG written.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("sweep.svg");
    let r = accord(&[
        "sweep",
        s(&f),
        "--vary",
        "buyer.reservation=0.3:0.5:0.1",
        "--csv",
        "--svg",
        s(&svg),
    ]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert!(lines[0].starts_with("buyer.reservation,zopa_count,zopa_empty"));
    assert!(lines[1].starts_with("0.3,"));
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("Sweep of buyer.reservation"));
    // An ordinary file: the permissions any new file gets, not a temporary
    // file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&svg), mode(&plain));
    }
}

#[test]
fn sweep_mediate_ranks_as_mediate_does() {
    let f = data("basic.toml");
    let v = accord(&[
        "sweep",
        s(&f),
        "--vary",
        "buyer.reservation=0.6:0.8:0.1",
        "--command",
        "mediate",
        "--press",
        "buyer",
        "--maximize",
        "seller",
        "--json",
        "--set",
        "buyer.pressure.max=0.4",
        "--set",
        "buyer.pressure.cost=4",
    ])
    .ok()
    .json();
    for (row, r) in v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["0.6", "0.7", "0.8"])
    {
        let m = accord(&[
            "mediate",
            s(&f),
            "--press",
            "buyer",
            "--maximize",
            "seller",
            "--json",
            "--set",
            "buyer.pressure.max=0.4",
            "--set",
            "buyer.pressure.cost=4",
            "--set",
            &format!("buyer.reservation={r}"),
        ])
        .ok()
        .json();
        assert_eq!(row["mediate"]["package"], m["deals"][0]["package"]);
        assert_eq!(row["mediate"]["total_cost"], m["deals"][0]["total_cost"]);
    }
}

#[test]
fn bad_sweeps_are_refused_with_a_location() {
    let f = data("basic.toml");
    let run = |vary: &str| accord(&["sweep", s(&f), "--vary", vary]);
    run("buyer.reservation=0.3:0.5:0")
        .code(2)
        .stderr_has("--vary:1:")
        .stderr_has("step");
    run("buyer.reservation=0:1:0.00001")
        .code(2)
        .stderr_has("100001 points");
    run("buyr.reservation=0.3:0.5:0.1")
        .code(2)
        .stderr_has("--vary:1:1")
        .stderr_has("buyer");
    run("buyer.reservation=0.5:0.3:0.1")
        .code(2)
        .stderr_has("below where it starts");
    run("buyer.reservation=0.3:1.5:0.1")
        .code(2)
        .stderr_has("outside [0, 1]");
    run("buyer.reservation=0.3")
        .code(2)
        .stderr_has("LO:HI:STEP");
    // Two ranges of 101 points each: 10,201 points.
    accord(&[
        "sweep",
        s(&f),
        "--vary",
        "buyer.reservation=0:1:0.01",
        "--vary",
        "seller.reservation=0:1:0.01",
    ])
    .code(2)
    .stderr_has("10201 points");
    accord(&[
        "sweep",
        s(&f),
        "--vary",
        "buyer.reservation=0.3:0.5:0.1",
        "--command",
        "robust",
    ])
    .code(2)
    .stderr_has("analyze, leverage and mediate");
}

#[test]
fn review_fixes_hold() {
    let f = data("basic.toml");
    // A stick whose cost per unit overflows is refused, not priced at inf.
    accord(&[
        "mediate",
        s(&f),
        "--press",
        "buyer",
        "--set",
        "buyer.pressure.max=0.4",
        "--set",
        "buyer.pressure.cost=1e308",
    ])
    .code(2)
    .stderr_has("largest number");
    // Sweep checks the parties it names before the grid, with a suggestion.
    accord(&[
        "sweep",
        s(&f),
        "--vary",
        "buyer.reservation=0:1:0.5",
        "--command",
        "mediate",
        "--press",
        "buyr",
    ])
    .code(2)
    .stderr_has("did you mean `buyer`?");
    // A curve asked for with no deal within reach is an empty curve.
    let v = accord(&[
        "mediate",
        s(&f),
        "--press",
        "buyer",
        "--curve",
        "--json",
        "--set",
        "buyer.reservation=1",
    ])
    .ok()
    .json();
    assert_eq!(v["no_deal"]["reason"], "out_of_reach");
    assert_eq!(v["curve"], serde_json::json!([]));
    assert_eq!(v["curve_party"], "broker");
    // Setting every raw weight of a party to 0 is a located error.
    accord(&["check", s(&f), "--set", "broker.raw_weights.price=0"])
        .code(2)
        .stderr_has("--set:1:26")
        .stderr_has("every raw weight");
    // Compare sees the mediator's levers.
    let v = accord(&["compare", s(&f), s(&data("imposed.toml")), "--json"])
        .ok()
        .json();
    let keys: Vec<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["key"].as_str().unwrap())
        .collect();
    for k in ["parties.buyer.imposed", "parties.buyer.pressure_max"] {
        assert!(keys.contains(&k), "{k} not in {keys:?}");
    }
}
