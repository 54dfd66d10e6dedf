//! End-to-end behaviour of each command.

use crate::util::{accord, data, repo};

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn analyze_json_has_the_documented_keys_and_exact_numbers() {
    let r = accord(&["analyze", s(&data("basic.toml")), "--json"]);
    let v = r.ok().json();
    assert_eq!(v["outcomes"], 10);
    assert_eq!(v["zopa"]["count"], 3);
    assert_eq!(v["zopa"]["empty"], false);
    assert_eq!(v["pareto"]["count"], 8);
    assert_eq!(v["pareto"]["points"].as_array().unwrap().len(), 8);
    let nash = &v["solutions"]["nash"];
    assert_eq!(nash["package"]["price"], 175);
    assert_eq!(nash["package"]["delivery"], "fast");
    // buyer: (2/3)·(1 − 75/100) + (1/3)·1 = 0.5 exactly in exact arithmetic.
    assert!((nash["utilities"]["buyer"].as_f64().unwrap() - 0.5).abs() < 1e-12);
    // seller: (3/4)·0.75 + (1/4)·0 = 0.5625.
    assert!((nash["utilities"]["seller"].as_f64().unwrap() - 0.5625).abs() < 1e-12);
    for k in [
        "kalai_smorodinsky",
        "egalitarian",
        "utilitarian",
        "mediator",
    ] {
        assert!(v["solutions"][k].is_object(), "{k}");
    }
    assert_eq!(v["solutions"]["mediator"]["package"]["price"], 150);
    assert_eq!(v["deals"][0]["id"], "split");
    assert_eq!(v["deals"][0]["in_zopa"], true);
}

#[test]
fn yaml_json_and_toml_give_the_same_analysis() {
    let a = accord(&["analyze", s(&data("basic.toml")), "--json"])
        .ok()
        .json();
    for f in ["basic.yaml", "basic.json"] {
        let mut b = accord(&["analyze", s(&data(f)), "--json"]).ok().json();
        b["stats"] = a["stats"].clone();
        let mut a2 = a.clone();
        a2["stats"] = a["stats"].clone();
        assert_eq!(a2, b, "{f}");
    }
}

#[test]
fn empty_zopa_gives_null_solutions() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nozone.toml");
    let text = std::fs::read_to_string(data("basic.toml"))
        .unwrap()
        .replace("reservation = 0.4\n", "reservation = 0.9\n");
    std::fs::write(&p, text).unwrap();
    let v = accord(&["analyze", s(&p), "--json"]).ok().json();
    assert_eq!(v["zopa"]["count"], 0);
    assert_eq!(v["zopa"]["empty"], true);
    for k in [
        "nash",
        "kalai_smorodinsky",
        "egalitarian",
        "utilitarian",
        "mediator",
    ] {
        assert!(v["solutions"][k].is_null(), "{k}");
    }
    accord(&["analyze", s(&p)]).ok().stdout_has("EMPTY");
}

#[test]
fn evaluate_by_id_inline_and_file() {
    let f = data("basic.toml");
    let r = accord(&["evaluate", s(&f), "--deal", "split", "--json"]);
    let v = r.ok().json();
    assert_eq!(v["in_zopa"], true);
    assert_eq!(v["deal"]["id"], "split");
    let inline = accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "price=100,delivery=slow",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(inline["in_zopa"], false);
    assert_eq!(inline["blocking"], serde_json::json!(["seller"]));
    let seller = &inline["parties"][1];
    assert_eq!(seller["accepts"], false);
    assert_eq!(seller["red_lines"][0]["reason"], "Below cost");
    // Text output explains the rejection.
    accord(&["evaluate", s(&f), "--deal", "price=100,delivery=slow"])
        .ok()
        .stdout_has("red line crossed: Below cost")
        .stdout_has("blocked by seller");
    // --check turns the verdict into the exit code.
    accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "price=100,delivery=slow",
        "--check",
    ])
    .code(1);
    accord(&["evaluate", s(&f), "--deal", "split", "--check"]).ok();
    // A deal file.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("plan.toml");
    std::fs::write(
        &d,
        "id = \"plan\"\nname = \"A plan\"\n[package]\nprice = 175\ndelivery = \"fast\"\n",
    )
    .unwrap();
    let v = accord(&["evaluate", s(&f), "--deal", s(&d), "--json"])
        .ok()
        .json();
    assert_eq!(v["deal"]["id"], "plan");
    assert_eq!(v["in_zopa"], true);
}

#[test]
fn bad_deals_are_located() {
    let f = data("basic.toml");
    accord(&["evaluate", s(&f), "--deal", "price=100,delivry=slow"])
        .code(2)
        .stderr_has("--deal:1:11:")
        .stderr_has("unknown issue `delivry`")
        .stderr_has("did you mean `delivery`?");
    accord(&["evaluate", s(&f), "--deal", "price=100"])
        .code(2)
        .stderr_has("leaves issue `delivery` unset");
    accord(&["evaluate", s(&f), "--deal", "nosuchdeal"])
        .code(2)
        .stderr_has("neither a deal of the scenario nor a file");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("plan.toml");
    std::fs::write(&d, "id = \"plan\"\n[package]\nprice = 175\n").unwrap();
    accord(&["evaluate", s(&f), "--deal", s(&d)])
        .code(2)
        .stderr_has("plan.toml:2:1");
}

#[test]
fn frontier_csv_json_and_svg() {
    let f = data("basic.toml");
    let csv = accord(&["frontier", s(&f), "--csv"]);
    let mut lines = csv.ok().stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "point,u_buyer,u_seller,u_broker,packages,zopa_packages,price,delivery"
    );
    assert_eq!(lines.count(), 8);
    let v = accord(&["frontier", s(&f), "--json", "--parties", "buyer,seller"])
        .ok()
        .json();
    assert_eq!(
        v["pareto"]["parties"],
        serde_json::json!(["buyer", "seller"])
    );
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("f.svg");
    accord(&[
        "frontier",
        s(&f),
        "--svg",
        s(&svg),
        "--x",
        "buyer",
        "--y",
        "seller",
    ])
    .ok();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(text.contains("Nash"));
    assert!(text.contains("utility of buyer"));
    accord(&["frontier", s(&f), "--svg", s(&svg), "--x", "nobody"])
        .code(2)
        .stderr_has("unknown party `nobody`");
}

#[test]
fn usage_errors_exit_2() {
    accord(&["analyze"]).code(2);
    accord(&["frobnicate"]).code(2);
    accord(&["analyze", s(&data("basic.toml")), "--parties", "nobody"])
        .code(2)
        .stderr_has("unknown party");
    accord(&["--help"]).ok().stdout_has("analyze");
}

#[test]
fn ukraine_example_runs_end_to_end() {
    let f = repo("examples/ukraine-2025/scenario.toml");
    accord(&["check", s(&f)]).ok();
    let v = accord(&["analyze", s(&f), "--json", "--parties", "russia,ukraine"])
        .ok()
        .json();
    assert!(v["outcomes"].as_u64().unwrap() > 1_000_000);
    assert_eq!(v["deals"].as_array().unwrap().len(), 4);
    for d in [
        "us_28_point",
        "e3_counter",
        "geneva_19_point",
        "framework_20_point",
    ] {
        accord(&["evaluate", s(&f), "--deal", d]).ok();
        let file = repo(&format!(
            "examples/ukraine-2025/deals/{}.toml",
            d.replace('_', "-")
        ));
        accord(&["evaluate", s(&f), "--deal", s(&file)]).ok();
    }
}

#[test]
fn import_and_export_genius_round_trip() {
    let g = repo("crates/accord-io/tests/data/genius/Laptop");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laptop.toml");
    accord(&[
        "import",
        "genius",
        s(&g.join("laptop_domain.xml")),
        s(&g.join("laptop_buyer_utility.xml")),
        s(&g.join("laptop_seller_utility.xml")),
        "-o",
        s(&out),
    ])
    .ok();
    let a = accord(&["analyze", s(&out), "--json"]).ok().json();
    // Refuses to overwrite without --force, and writes nothing on bad input.
    accord(&[
        "import",
        "genius",
        s(&g.join("laptop_domain.xml")),
        s(&g.join("laptop_buyer_utility.xml")),
        "-o",
        s(&out),
    ])
    .code(2)
    .stderr_has("--force");
    let bad = dir.path().join("bad.toml");
    accord(&[
        "import",
        "genius",
        s(&g.join("laptop_domain.xml")),
        s(&data("basic.toml")),
        "-o",
        s(&bad),
    ])
    .code(2);
    assert!(!bad.exists());
    // Export and re-import: the same analysis.
    let xml = dir.path().join("xml");
    accord(&["export", "genius", s(&out), "-o", s(&xml)]).ok();
    let back = dir.path().join("back.toml");
    let domain = std::fs::read_dir(&xml)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("_domain.xml"))
        .unwrap();
    accord(&[
        "import",
        "genius",
        s(&domain),
        s(&xml.join("laptop_buyer_utility.xml")),
        s(&xml.join("laptop_seller_utility.xml")),
        "-o",
        s(&back),
    ])
    .ok();
    let b = accord(&["analyze", s(&back), "--json"]).ok().json();
    assert_eq!(a["zopa"], b["zopa"]);
    assert_eq!(a["pareto"]["count"], b["pareto"]["count"]);
    let ua = &a["solutions"]["nash"]["utilities"];
    let ub = &b["solutions"]["nash"]["utilities"];
    for p in ["laptop_buyer_utility", "laptop_seller_utility"] {
        assert!((ua[p].as_f64().unwrap() - ub[p].as_f64().unwrap()).abs() < 1e-12);
    }
}

/// A nonlinear Genius domain (10^10 bids tied into one compound issue, the
/// cap at 1 binding): imported with `capped = true`, analysed by branch and
/// bound with Genius's frontier, the mediator's queries answered the same
/// way; a command that needs the additive form refuses it, saying why.
#[test]
fn nonlinear_genius_domain_end_to_end() {
    let g = repo("crates/accord-io/tests/data/genius/10issuesDiscounted");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ten.toml");
    accord(&[
        "import",
        "genius",
        s(&g.join("10issuesDiscounted-domain.xml")),
        s(&g.join("profile-1.xml")),
        s(&g.join("profile-2.xml")),
        "-o",
        s(&out),
    ])
    .ok();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("capped = true"));
    let a = accord(&["analyze", s(&out), "--json"]).ok().json();
    assert_eq!(a["outcomes"], 10_000_000_000u64);
    assert_eq!(a["pareto"]["distinct"], 8);
    assert_eq!(a["zopa"]["method"], "search");
    let nash = &a["solutions"]["nash"]["utilities"];
    assert!(nash["profile-1"].as_f64().unwrap() <= 1.0);
    accord(&["analyze", s(&out)])
        .ok()
        .stdout_has("Pareto frontier over profile-1, profile-2: 8 distinct utility vectors");
    // The mediator's queries work by branch and bound too.
    let m = accord(&[
        "mediate",
        s(&out),
        "--press",
        "profile-2",
        "--maximize",
        "profile-1",
        "--json",
    ])
    .ok()
    .json();
    let best = &m["deals"][0]["utilities"];
    assert_eq!(
        best["profile-1"].as_f64().unwrap(),
        a["pareto"]["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["utilities"]["profile-1"].as_f64().unwrap())
            .fold(f64::NEG_INFINITY, f64::max)
    );
    let l = accord(&["leverage", s(&out), "--json"]).ok().json();
    assert_eq!(l["zopa_empty"], false);
    let r = accord(&[
        "repair",
        s(&out),
        "--deal",
        "c1-i1=0,c1-i2=0,c1-i3=0,c1-i4=0,c1-i5=0,c1-i6=0,c1-i7=0,c1-i8=0,c1-i9=0,c1-i10=0",
        "--json",
    ])
    .ok()
    .json();
    assert!(r["changes"].as_u64().is_some());
    // A command that needs the additive form refuses it, saying which answer.
    accord(&["robust", s(&out), "--samples", "10"])
        .code(2)
        .stderr_has("`analyze`, `frontier`, `leverage`, `repair`, `mediate`, `sweep` and `report`");
}

/// The console blocks of the example walkthrough show the binary's real
/// output (regenerate with docs/examples/render.py), and the committed chart
/// is the one the binary draws.
#[test]
fn docs_examples_are_current() {
    let doc = std::fs::read_to_string(repo("docs/examples/ukraine-2025.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut blocks = 0;
    for block in doc.split("```console\n$ ").skip(1) {
        let (cmd, rest) = block.split_once('\n').unwrap();
        let shown = rest.split("\n```").next().unwrap();
        let mut args: Vec<String> = cmd.split_whitespace().skip(1).map(String::from).collect();
        let mut svg = None;
        if let Some(k) = args.iter().position(|a| a == "--svg") {
            svg = Some(args[k + 1].clone());
            args[k + 1] = dir.path().join("chart.svg").to_string_lossy().into_owned();
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(&args)
            .current_dir(repo(""))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let mut got = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(rel) = &svg {
            let tmp = dir.path().join("chart.svg").to_string_lossy().into_owned();
            got = got.replace(&tmp, rel);
        }
        assert_eq!(
            got.trim_end(),
            shown.trim_end(),
            "output of `{cmd}` changed: run docs/examples/render.py"
        );
        if let Some(rel) = svg {
            let committed = std::fs::read_to_string(repo(&rel)).unwrap();
            let drawn = std::fs::read_to_string(dir.path().join("chart.svg")).unwrap();
            assert!(committed == drawn, "{rel} differs from what `{cmd}` draws");
        }
        blocks += 1;
    }
    assert!(blocks >= 6);
}

#[test]
fn analyze_stats_reports_phases_merge_sizes_and_memory() {
    let f = data("basic.toml");
    accord(&["analyze", s(&f), "--stats"])
        .ok()
        .stdout_has("Statistics")
        .stdout_has("merge steps")
        .stdout_has("ZOPA counted by search (exact)");
    let v = accord(&["analyze", s(&f), "--json"]).ok().json();
    assert!(v["stats"]["merge_sizes"].is_array());
    assert!(v["stats"]["peak_memory_bytes"].as_u64().unwrap_or(1) > 0);
    assert_eq!(v["zopa"]["exact"], true);
    assert_eq!(v["zopa"]["method"], "search");
}

#[test]
fn leverage_and_repair() {
    let f = data("basic.toml");
    let v = accord(&["leverage", s(&f), "--json"]).ok().json();
    assert_eq!(v["zopa_empty"], false);
    assert_eq!(v["min_total_shift"], 0.0);
    assert!(v["slack"]["buyer"].as_f64().unwrap() > 0.0);
    // Raise the buyer's reservation value so that no zone is left.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nozone.toml");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("reservation = 0.4\n", "reservation = 0.9\n");
    std::fs::write(&p, text).unwrap();
    let v = accord(&["leverage", s(&p), "--json"]).ok().json();
    assert_eq!(v["zopa_empty"], true);
    // By hand: price 125, fast gives the buyer (2/3)(0.75) + 1/3 = 0.8333
    // (short of 0.9 by 0.0667) and the seller (3/4)(0.25) = 0.1875 (short of
    // 0.3 by 0.1125): 0.1792 in all, the least (150/fast: 0.2333; 125/slow
    // and 175/fast: 0.4; price 100 crosses the seller's red line).
    let total = v["min_total_shift"].as_f64().unwrap();
    assert!(
        (total - (0.9 - 2.5 / 3.0 + 0.3 - 0.1875)).abs() < 1e-9,
        "{total}"
    );
    assert_eq!(v["package"]["price"], 125);
    accord(&["leverage", s(&p)]).ok().stdout_has("EMPTY");
    // Repair: the seller's red line (price ≤ 110) blocks this package; one change fixes it.
    let v = accord(&[
        "repair",
        s(&f),
        "--deal",
        "price=100,delivery=fast",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(v["changes"], 1);
    assert_eq!(v["deals"][0]["changed"], serde_json::json!(["price"]));
    accord(&["repair", s(&f), "--deal", "split"])
        .ok()
        .stdout_has("already acceptable");
    accord(&["repair", s(&p), "--deal", "split"])
        .ok()
        .stdout_has("No package is acceptable");
}

#[test]
fn mediate_leverage_and_ratification_worked_by_hand() {
    let f = data("basic.toml");
    // No zone: the buyer wants 0.9. Pressing the buyer by up to 0.25 costs
    // 2.5 at most (10 per unit). Packages the seller accepts (u ≥ 0.3, no
    // price 100): 125/slow (buyer 0.5), 150/fast (0.6667), 150/slow
    // (0.3333), 175 and 200 (≤ 0.5). Only 150/fast is within reach
    // (≥ 0.9 − 0.25 = 0.65): pressure 0.2333, cost 2.333.
    let base = [
        "--set",
        "buyer.reservation=0.9",
        "--set",
        "buyer.pressure.max=0.25",
        "--set",
        "buyer.pressure.cost=2.5",
    ];
    let run = |extra: &[&str]| {
        let mut args = vec!["mediate", s(&f), "--press", "buyer", "--json"];
        args.extend_from_slice(&base);
        args.extend_from_slice(extra);
        accord(&args).ok().json()
    };
    let v = run(&[]);
    assert_eq!(v["satisfy"], serde_json::json!(["seller"]));
    assert_eq!(v["deals"].as_array().unwrap().len(), 1);
    let d = &v["deals"][0];
    assert_eq!(d["package"]["price"], 150);
    assert_eq!(d["package"]["delivery"], "fast");
    let p = d["pressure"]["buyer"].as_f64().unwrap();
    assert!((p - (0.9 - 2.0 / 3.0)).abs() < 1e-9, "{p}");
    let c = d["total_cost"].as_f64().unwrap();
    assert!((c - 10.0 * (0.9 - 2.0 / 3.0)).abs() < 1e-9, "{c}");
    assert!(d["utilities"]["seller"].as_f64().unwrap() >= 0.3);
    // A budget of 2 is not enough; a smaller stick is out of reach.
    let v = run(&["--set", "mediation.budget=2"]);
    assert_eq!(v["deals"], serde_json::json!([]));
    assert_eq!(v["no_deal"]["reason"], "over_budget");
    let v = run(&["--set", "buyer.pressure.max=0.2"]);
    assert_eq!(v["no_deal"]["reason"], "out_of_reach");
    // Leverage: the same cheapest mix opens a zone.
    let mut args = vec!["leverage", s(&f), "--json"];
    args.extend_from_slice(&base);
    let v = accord(&args).ok().json();
    assert_eq!(v["zopa_empty"], true);
    assert_eq!(v["least_cost"]["status"], "mix");
    assert_eq!(v["least_cost"]["package"]["price"], 150);
    let c = v["least_cost"]["total_cost"].as_f64().unwrap();
    assert!((c - 10.0 * (0.9 - 2.0 / 3.0)).abs() < 1e-9, "{c}");
    // Without the stick: beyond pressure, by the least total shift.
    let v = accord(&[
        "leverage",
        s(&f),
        "--json",
        "--set",
        "buyer.reservation=0.9",
    ])
    .ok()
    .json();
    assert_eq!(v["least_cost"]["status"], "beyond_pressure");
    assert_eq!(v["least_cost"]["beyond_shift"], v["min_total_shift"]);
    // Ratification: the split (buyer 0.6667) is accepted but not ratified at 0.7.
    let v = accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "split",
        "--json",
        "--set",
        "buyer.ratification=0.7",
        "--set",
        "delivery.cost.fast=1.5",
    ])
    .ok()
    .json();
    assert_eq!(v["in_zopa"], true);
    assert_eq!(v["unratified"], serde_json::json!(["buyer"]));
    assert_eq!(v["incentive_cost"], 1.5);
    assert_eq!(v["parties"][0]["ratifies"], false);
    assert_eq!(v["parties"][1]["ratifies"], serde_json::Value::Null);
    accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "split",
        "--set",
        "buyer.ratification=0.7",
    ])
    .ok()
    .stdout_has("would not ratify");
    // Repair with ratification required: the seller (0.375 at the split)
    // needs 0.5. 175/fast gives it 0.5625 and the buyer 0.5 (≥ 0.4): one
    // change; 150/slow leaves the buyer at 0.3333, 125/slow the seller at 0.4375.
    let v = accord(&[
        "repair",
        s(&f),
        "--deal",
        "split",
        "--ratified",
        "--json",
        "--set",
        "seller.ratification=0.5",
    ])
    .ok()
    .json();
    assert_eq!(v["changes"], 1);
    assert_eq!(v["deals"][0]["package"]["price"], 175);
    assert_eq!(v["deals"][0]["changed"], serde_json::json!(["price"]));
}

#[test]
fn bad_overrides_are_located() {
    let f = data("basic.toml");
    let r = accord(&["analyze", s(&f), "--set", "buyr.reservation=0.5"]);
    r.code(2)
        .stderr_has("--set:1:1")
        .stderr_has("did you mean `buyer`");
    let r = accord(&["check", s(&f), "--set", "buyer.reservation=1.5"]);
    r.code(2).stderr_has("outside [0, 1]");
    let r = accord(&["check", s(&f), "--set", "buyer.weights.colour=0.5"]);
    r.code(2).stderr_has("unknown issue `colour`");
    let r = accord(&["check", s(&f), "--set", "buyer.reservation"]);
    r.code(2).stderr_has("PATH=VALUE");
    let r = accord(&["mediate", s(&f), "--press", "buyer", "--satisfy", "buyer"]);
    r.code(2).stderr_has("named twice");
    // A weight override keeps the weights normalised.
    let v = accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "split",
        "--json",
        "--set",
        "buyer.weights.price=0.5",
    ])
    .ok()
    .json();
    // 0.5 · 0.5 (price 150) + 0.5 · 1 (fast) = 0.75.
    let u = v["utilities"]["buyer"].as_f64().unwrap();
    assert!((u - 0.75).abs() < 1e-12, "{u}");
}

#[test]
fn robust_probability_keys_determinism_and_chart() {
    let f = data("basic.toml");
    // The buyer's reservation value uniform on [0.4, 1.0]; a zone exists
    // iff it is at most 2/3 (the buyer's best among the packages the seller
    // accepts: 150/fast): P = (2/3 − 0.4)/0.6 = 4/9.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("tornado.svg");
    let args = [
        "robust",
        s(&f),
        "--samples",
        "20000",
        "--seed",
        "3",
        "--json",
        "--set",
        "buyer.reservation=uniform(0.4,1.0)",
        "--set",
        "seller.values.delivery.slow=triangular(0.6,1,1)",
    ];
    let out = accord(&args).ok().stdout.clone();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["samples"], 20000);
    assert_eq!(v["seed"], 3);
    let p = v["p_zopa"].as_f64().unwrap();
    let want = 4.0 / 9.0;
    let sd = (want * (1.0 - want) / 20000.0f64).sqrt();
    assert!((p - want).abs() < 4.0 * sd, "{p} vs {want}");
    let deals = v["deals"].as_array().unwrap();
    assert!(deals.iter().any(|d| d["name"] == "split"));
    for d in deals {
        assert!(d["package"].is_object());
        let pa = d["p_accept"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&pa));
    }
    let sens = v["sensitivity"].as_array().unwrap();
    assert_eq!(sens.len(), 2);
    assert_eq!(sens[0]["input"], "buyer.reservation");
    assert!(sens[0]["index"].as_f64().unwrap() > sens[1]["index"].as_f64().unwrap());
    // Same seed, same output.
    assert_eq!(accord(&args).ok().stdout, out);
    // Text and chart.
    accord(&[
        "robust",
        s(&f),
        "--samples",
        "2000",
        "--svg",
        svg.to_str().unwrap(),
        "--set",
        "buyer.reservation=uniform(0.4,1.0)",
    ])
    .ok()
    .stdout_has("P(a zone of possible agreement exists)")
    .stdout_has("chart written to");
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("buyer: reservation value"));
    // Nothing uncertain: a usage error.
    accord(&["robust", s(&f)])
        .code(2)
        .stderr_has("no uncertain numbers");
    // A bad distribution on the command line is located.
    accord(&[
        "robust",
        s(&f),
        "--set",
        "buyer.reservation=uniform(0.4,1.4)",
    ])
    .code(2)
    .stderr_has("--set:1:19");
}

#[test]
fn simulate_linear_against_linear_by_hand() {
    // One issue, a's values 1, .75, .5, .25, 0 and b's the reverse; both
    // reservation values 0.2; linear concession over a deadline of 5 rounds
    // (time t/4): target(t) = 1 − 0.8·t/4.
    // t=0 a offers o0 (its best). t=1 b's target 0.8: o0 is worth 0 to it,
    // so no; it offers its best above 0.8, o4. t=2 a's target 0.6: no; the
    // offer just above 0.6 is o1 (0.75). t=3 b's target 0.4: o1 is worth
    // 0.25, no; it offers o2 (0.5). t=4 is the last round: a accepts
    // anything acceptable, o2 (0.5 ≥ 0.2).
    let f = data("sim.toml");
    let v = accord(&[
        "simulate",
        s(&f),
        "--protocol",
        "alternating",
        "--rounds",
        "5",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(v["agreement"]["x"], "o2");
    assert_eq!(v["rounds"], 5);
    assert_eq!(v["utilities"]["a"], 0.5);
    assert_eq!(v["utilities"]["b"], 0.5);
    let offers: Vec<&str> = v["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| st["package"]["x"].as_str().unwrap())
        .collect();
    assert_eq!(offers, ["o0", "o4", "o1", "o2"]);
    assert_eq!(v["trace"][3]["responses"]["a"], true);
    assert_eq!(v["distance_to_pareto"], 0.0);
    // Two hardliners: each insists on its best; no agreement by the deadline.
    let v = accord(&[
        "simulate",
        s(&f),
        "--protocol",
        "alternating",
        "--rounds",
        "8",
        "--json",
        "--strategy",
        "a=hardliner",
        "--strategy",
        "b=hardliner",
    ])
    .ok()
    .json();
    assert!(v["agreement"].is_null());
    assert_eq!(v["rounds"], 8);
    // Time pressure on a's side the other way: its reservation value rises
    // by 0.1 a round, to 0.6 in the last round, so it turns o2 (0.5) down.
    let v = accord(&[
        "simulate",
        s(&f),
        "--protocol",
        "alternating",
        "--rounds",
        "5",
        "--json",
        "--drift",
        "a=0.1",
    ])
    .ok()
    .json();
    assert!(v["agreement"].is_null());
    assert_eq!(v["trace"][3]["responses"]["a"], false);
    // A summit hosted by the first party (no mediator): a's favourite, o0,
    // is worth 0 to b, who says no.
    accord(&["simulate", s(&f), "--protocol", "summit"])
        .ok()
        .stdout_has("NO AGREEMENT");
    // The single text: a draft (the pool's best sum) both accept at once.
    let v = accord(&["simulate", s(&f), "--protocol", "single-text", "--json"])
        .ok()
        .json();
    assert!(v["agreement"].is_object());
    // Errors.
    accord(&["simulate", s(&f), "--strategy", "a=greedy"])
        .code(2)
        .stderr_has("unknown strategy `greedy`");
    accord(&["simulate", s(&f), "--protocol", "auction"])
        .code(2)
        .stderr_has("unknown protocol");
    accord(&["simulate", s(&f), "--strategy", "z=linear"])
        .code(2)
        .stderr_has("unknown party `z`");
    let u = repo("examples/ukraine-2025/scenario.toml");
    accord(&[
        "simulate",
        s(&u),
        "--protocol",
        "alternating",
        "--parties",
        "russia,ukraine,us",
    ])
    .code(2)
    .stderr_has("bilateral");
}

#[test]
fn simulate_chart_and_tournament_are_deterministic() {
    let u = repo("examples/ukraine-2025/scenario.toml");
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("trace.svg");
    accord(&[
        "simulate",
        s(&u),
        "--protocol",
        "stacked",
        "--rounds",
        "30",
        "--svg",
        svg.to_str().unwrap(),
        "--opponent-model",
        "--drift",
        "ukraine=-0.002",
    ])
    .ok()
    .stdout_has("chart written to");
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("offers by russia"));
    let f = data("sim.toml");
    let run = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_accord"))
            .args([
                "tournament",
                s(&f),
                s(&data("basic.toml")),
                "--strategies",
                "boulware,conceder,hardliner,random",
                "--seeds",
                "5",
                "--csv",
            ])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    // 4² assignments per scenario, two scenarios.
    assert_eq!(one.lines().count(), 1 + 2 * 16);
    assert!(one.starts_with("scenario,party_1,strategy_1,mean_utility_1"));
    // Hardliner against hardliner on the one-issue case never agrees.
    let line = one
        .lines()
        .find(|l| l.contains("sim.toml") && l.matches("hardliner").count() == 2)
        .unwrap();
    assert!(line.contains(",5,0,"), "{line}");
    let v = accord(&[
        "tournament",
        s(&f),
        "--strategies",
        "linear,conceder",
        "--seeds",
        "3",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(v["negotiations"], 12);
    let m = &v["matches"][0];
    for k in [
        "strategies",
        "agreement_rate",
        "mean_utilities",
        "mean_rounds",
        "mean_distance_to_pareto",
        "mean_distance_to_nash",
    ] {
        assert!(m.get(k).is_some(), "{k}");
    }
}

#[test]
fn forecast_models_json_chart_and_validation() {
    let soe = repo("crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv");
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("f.svg");
    let v = accord(&["forecast", s(&soe), "--json"]).ok().json();
    assert_eq!(v["model"], "smp");
    assert_eq!(
        v["dimensions"],
        serde_json::json!(["Policy", "Competitive"])
    );
    assert_eq!(v["forecast"].as_array().unwrap().len(), 2);
    let rounds = v["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 28);
    assert_eq!(
        rounds[0]["positions"]["XJ"],
        serde_json::json!([30.0, 20.0])
    );
    assert!((rounds[0]["probabilities"]["MK"].as_f64().unwrap() - 0.4340).abs() < 5e-5);
    accord(&["forecast", s(&soe), "--svg", svg.to_str().unwrap()])
        .ok()
        .stdout_has("Forecast: Policy")
        .stdout_has("chart written to");
    assert!(std::fs::read_to_string(&svg)
        .unwrap()
        .contains("Competitive"));
    let eu = repo("crates/accord-core/tests/data/ktab/eu-emissions-actors.csv");
    let v = accord(&["forecast", s(&eu), "--model", "compromise", "--json"])
        .ok()
        .json();
    assert!((v["forecast"][0].as_f64().unwrap() - 7.389955686853767).abs() < 1e-12);
    let v = accord(&[
        "forecast",
        s(&eu),
        "--model",
        "eum",
        "--rounds",
        "1",
        "--json",
    ])
    .ok()
    .json();
    assert!(
        (v["forecast"][0].as_f64().unwrap() - 8.415932315426764).abs() < 1e-9,
        "{}",
        v["forecast"]
    );
    // A scenario's positioned issues.
    let u = repo("examples/ukraine-2025/scenario.toml");
    let v = accord(&["forecast", s(&u), "--model", "compromise", "--json"])
        .ok()
        .json();
    assert!(v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "donetsk"));
    // Validation: every model, with the documented keys.
    let actors = dir.path().join("a.csv");
    let outcomes = dir.path().join("o.csv");
    std::fs::write(
        &actors,
        "issue,actor,capability,position,salience\na,x,1,0,1\na,y,1,10,1\na,z,2,6,0.5\nb,x,3,0,1\nb,y,1,100,1\n",
    )
    .unwrap();
    std::fs::write(&outcomes, "issue,outcome\na,4\nb,25\n").unwrap();
    let v = accord(&[
        "forecast",
        "--validate",
        s(&actors),
        "--outcomes",
        s(&outcomes),
        "--all",
        "--json",
    ])
    .ok()
    .json();
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), 3);
    for m in models {
        for k in ["model", "mae", "mae_normalised", "issues"] {
            assert!(m.get(k).is_some(), "{k}");
        }
        assert_eq!(m["issues"].as_array().unwrap().len(), 2);
    }
    accord(&[
        "forecast",
        "--validate",
        s(&actors),
        "--outcomes",
        s(&outcomes),
    ])
    .ok()
    .stdout_has("beats compromise");
    // Errors.
    accord(&["forecast", s(&soe), "--model", "delphi"])
        .code(2)
        .stderr_has("unknown model");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Actor,Capability,Position,Salience\nA,1,2,x\nB,1,3,1\n",
    )
    .unwrap();
    accord(&["forecast", s(&bad)])
        .code(2)
        .stderr_has("bad.csv:2:7")
        .stderr_has("expected a number for the salience");
}

#[test]
fn simulate_and_forecast_edge_cases_from_review() {
    let dir = tempfile::tempdir().unwrap();
    // A party whose red lines cover every package walks away (no panic).
    let f = data("sim.toml");
    let text = std::fs::read_to_string(&f).unwrap()
        + "\n[[preferences.b.red_lines]]\nwhen = { x = [\"o0\", \"o1\", \"o2\", \"o3\", \"o4\"] }\n";
    let p = dir.path().join("allred.toml");
    std::fs::write(&p, text).unwrap();
    for proto in ["alternating", "stacked", "summit", "single-text"] {
        let v = accord(&["simulate", s(&p), "--protocol", proto, "--json"])
            .ok()
            .json();
        assert!(v["agreement"].is_null(), "{proto}");
    }
    accord(&["tournament", s(&p), "--seeds", "2"]).ok();
    accord(&["simulate", s(&f), "--parties", "a,a"])
        .code(2)
        .stderr_has("named twice");
    // Forecast inputs: duplicates, saliences beyond 100, escaped quotes.
    let c = dir.path().join("dup.csv");
    std::fs::write(
        &c,
        "Actor,Capability,Position,Salience\nA,1,2,0.5\nA,1,3,0.5\n",
    )
    .unwrap();
    accord(&["forecast", s(&c)])
        .code(2)
        .stderr_has("listed twice");
    std::fs::write(
        &c,
        "case, d, 2, 1,\nActor,Desc,Power,P Position,P Salience,\nA,a,10,50,150,\nB,b,10,20,30,\n",
    )
    .unwrap();
    accord(&["forecast", s(&c)])
        .code(2)
        .stderr_has("outside KTAB's 0–100 scale");
    std::fs::write(
        &c,
        "Actor,Capability,Position,Salience\n\"\"\"a\"\"é\",1,1,1\nB,1,5,1\n",
    )
    .unwrap();
    accord(&["forecast", s(&c), "--model", "compromise"])
        .ok()
        .stdout_has("Forecast: position 3");
    // Validation: an issue with two outcomes.
    let a = dir.path().join("a.csv");
    let o = dir.path().join("o.csv");
    std::fs::write(
        &a,
        "issue,actor,capability,position,salience\nI,x,1,0,1\nI,y,1,10,1\n",
    )
    .unwrap();
    std::fs::write(&o, "issue,outcome\nI,6\nI,7\n").unwrap();
    accord(&["forecast", "--validate", s(&a), "--outcomes", s(&o)])
        .code(2)
        .stderr_has("two outcomes");
}

#[test]
fn set_applies_to_forecast_scenarios_only() {
    let u = repo("examples/ukraine-2025/scenario.toml");
    let base = accord(&["forecast", s(&u), "--model", "compromise", "--json"])
        .ok()
        .json();
    // A weight is a party's salience: raising Russia's on Donetsk moves the
    // compromise there.
    let moved = accord(&[
        "forecast",
        s(&u),
        "--model",
        "compromise",
        "--json",
        "--set",
        "russia.weights.donetsk=0.9",
    ])
    .ok()
    .json();
    assert_eq!(base["dimensions"], moved["dimensions"]);
    assert_ne!(base["forecast"], moved["forecast"]);
    let soe = repo("crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv");
    accord(&["forecast", s(&soe), "--set", "a.reservation=0.5"])
        .code(2)
        .stderr_has("--set applies to scenario files only");
    let v = repo("crates/accord-cli/tests/data/validation");
    accord(&[
        "forecast",
        "--validate",
        s(&v.join("actors.csv")),
        "--outcomes",
        s(&v.join("outcomes.csv")),
        "--set",
        "a.reservation=0.5",
    ])
    .code(2)
    .stderr_has("--set applies to scenario files only");
    // A bad override of a scenario is still located.
    accord(&["forecast", s(&u), "--set", "nobody.reservation=0.5"]).code(2);
    let g = repo("crates/accord-io/tests/data/genius/Laptop");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laptop.toml");
    accord(&[
        "import",
        "genius",
        s(&g.join("laptop_domain.xml")),
        s(&g.join("laptop_buyer_utility.xml")),
        "-o",
        s(&out),
        "--set",
        "buyer.reservation=0.5",
    ])
    .code(2)
    .stderr_has("--set applies to commands that read a scenario");
    assert!(!out.exists());
}

#[test]
fn compare_of_a_file_with_itself_finds_no_differences() {
    let f = data("basic.toml");
    let v = accord(&["compare", s(&f), s(&f), "--json"]).ok().json();
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2);
    for sc in scenarios {
        assert_eq!(sc["file"], s(&f));
        assert_eq!(sc["name"], "Two-issue example");
        assert_eq!(sc["zopa"]["count"], 3);
        assert_eq!(sc["zopa"]["empty"], false);
        assert_eq!(sc["solutions"]["nash"]["package"]["price"], 175);
        assert_eq!(sc["deals"]["split"]["accepted"], true);
        assert_eq!(sc["open"]["delivery"], serde_json::json!(["fast", "slow"]));
    }
    assert_eq!(v["differences"], serde_json::json!([]));
    accord(&["compare", s(&f), s(&f)])
        .ok()
        .stdout_has("no differences");
}

#[test]
fn compare_shows_a_changed_reservation_with_both_values() {
    let (a, b) = (data("basic.toml"), data("basic-tough-seller.toml"));
    let v = accord(&["compare", s(&a), s(&b), "--json"]).ok().json();
    let diffs = v["differences"].as_array().unwrap();
    let values = |key: &str| {
        diffs
            .iter()
            .find(|d| d["key"] == key)
            .unwrap_or_else(|| panic!("no difference {key} in {diffs:?}"))["values"]
            .clone()
    };
    assert_eq!(
        values("parties.seller.reservation"),
        serde_json::json!([0.3, 0.45])
    );
    assert_eq!(values("zopa.count"), serde_json::json!([3, 1]));
    assert_eq!(
        values("deals.split.accepted"),
        serde_json::json!([true, false])
    );
    assert_eq!(
        values("deals.split.rejected_by"),
        serde_json::json!([[], ["seller"]])
    );
    assert_eq!(values("settled.price"), serde_json::json!([null, 175]));
    // Only what differs: the buyer and the Nash deal stay as they were.
    for same in ["parties.buyer.reservation", "solutions.nash.package.price"] {
        assert!(diffs.iter().all(|d| d["key"] != same), "{same}");
    }
    let r = accord(&["compare", s(&a), s(&b)]);
    r.ok()
        .stdout_has("basic-tough-seller.toml")
        .stdout_has("parties.seller.reservation")
        .stdout_has("0.3000")
        .stdout_has("0.4500");
    assert!(!r.stdout.contains("parties.buyer"), "{}", r.stdout);
    // `--set` applies to every file: the same seller makes them the same.
    let v = accord(&[
        "compare",
        s(&a),
        s(&b),
        "--set",
        "seller.reservation=0.45",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(v["differences"], serde_json::json!([]));
}

#[test]
fn compare_needs_two_files_that_load() {
    let f = data("basic.toml");
    accord(&["compare", s(&f)])
        .code(2)
        .stderr_has("at least two")
        .stderr_has("hint:");
    accord(&["compare", s(&f), s(&data("bad/duplicate-party.toml"))])
        .code(2)
        .stderr_has("duplicate-party.toml:11:6");
    accord(&["compare", s(&f), "no-such-file.toml"])
        .code(2)
        .stderr_has("no-such-file.toml");
}

#[test]
fn a_red_line_switched_off_changes_the_analysis() {
    let f = data("basic.toml");
    // With the seller content at 0.2, price 100 with slow delivery (seller
    // 0.25, buyer 2/3) is kept out of the zone only by its red line.
    let zone = |extra: &[&str]| {
        let mut args = vec![
            "analyze",
            s(&f),
            "--json",
            "--set",
            "seller.reservation=0.2",
        ];
        args.extend_from_slice(extra);
        accord(&args).ok().json()["zopa"].clone()
    };
    let with = zone(&[]);
    let without = zone(&["--set", "seller.red_lines.1=off"]);
    assert_eq!(with["count"], 3);
    assert_eq!(without["count"], 4);
    assert_eq!(with["issues"][0]["options"][0]["option"], 100);
    assert_eq!(with["issues"][0]["options"][0]["inside"], false);
    assert_eq!(without["issues"][0]["options"][0]["inside"], true);
    let v = accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "price=100,delivery=slow",
        "--json",
        "--set",
        "seller.red_lines.1=off",
        "--set",
        "seller.reservation=0.2",
    ])
    .ok()
    .json();
    assert_eq!(v["in_zopa"], true);
    assert_eq!(v["parties"][1]["red_lines"], serde_json::json!([]));
    // `check` numbers the red lines as `--set` does; out of range is located.
    accord(&["check", s(&f)])
        .ok()
        .stdout_has("│ seller ┆ 1 ┆ price = 100  ┆ Below cost │");
    accord(&["check", s(&f), "--set", "seller.red_lines.2=off"])
        .code(2)
        .stderr_has("--set:1:18")
        .stderr_has("`seller` has no red line #2 (it has 1, numbered from 1)");
    accord(&["check", s(&f), "--set", "seller.red_lines.1=yes"])
        .code(2)
        .stderr_has("--set:1:20")
        .stderr_has("expected `off`, found `yes`");
}

#[test]
fn an_option_switched_off_leaves_the_frontier() {
    let f = data("basic.toml");
    let uses = |v: &serde_json::Value, issue: &str, option: serde_json::Value| {
        v["pareto"]["points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["package"][issue] == option)
    };
    let v = accord(&["frontier", s(&f), "--json"]).ok().json();
    assert!(uses(&v, "delivery", "fast".into()));
    assert!(uses(&v, "price", 150.into()));
    let v = accord(&[
        "frontier",
        s(&f),
        "--json",
        "--set",
        "delivery.options.fast=off",
    ])
    .ok()
    .json();
    assert!(!uses(&v, "delivery", "fast".into()));
    assert_eq!(
        v["scenario"]["issues"][1]["options"],
        serde_json::json!(["slow"])
    );
    // Numeric options by value.
    let v = accord(&[
        "frontier",
        s(&f),
        "--json",
        "--set",
        "price.options.150=off",
    ])
    .ok()
    .json();
    assert!(!uses(&v, "price", 150.into()));
    assert_eq!(
        v["scenario"]["issues"][0]["options"],
        serde_json::json!([100, 125, 175, 200])
    );
    // The deal on file takes `fast`: dropped, and naming it says why.
    let v = accord(&[
        "analyze",
        s(&f),
        "--json",
        "--set",
        "delivery.options.fast=off",
    ])
    .ok()
    .json();
    assert_eq!(v["deals"], serde_json::json!([]));
    accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "split",
        "--set",
        "delivery.options.fast=off",
    ])
    .code(2)
    .stderr_has("deal `split` takes option `fast` of issue `delivery`")
    .stderr_has("--set delivery.options.fast=off");
    // Unknown options and the last option are located errors.
    accord(&["check", s(&f), "--set", "delivery.options.fats=off"])
        .code(2)
        .stderr_has("--set:1:18")
        .stderr_has("did you mean `fast`");
    accord(&[
        "check",
        s(&f),
        "--set",
        "delivery.options.fast=off",
        "--set",
        "delivery.options.slow=off",
    ])
    .code(2)
    .stderr_has("would have no option left");
}

#[test]
fn veto_can_be_switched_by_set() {
    let f = data("basic.toml");
    let veto = |set: &str| {
        accord(&["analyze", s(&f), "--json", "--set", set])
            .ok()
            .json()["zopa"]["veto_parties"]
            .clone()
    };
    assert_eq!(veto("seller.veto=false"), serde_json::json!(["buyer"]));
    assert_eq!(
        veto("broker.veto=true"),
        serde_json::json!(["buyer", "seller", "broker"])
    );
    accord(&["check", s(&f), "--set", "seller.veto=no"])
        .code(2)
        .stderr_has("--set:1:13")
        .stderr_has("expected true or false");
}

#[test]
fn solutions_have_their_price_and_ratified_counts_as_acceptance() {
    let f = data("basic.toml");
    // The seller needs 0.5 at home: the mediator's pick (seller 0.375) is
    // accepted but not ratified; every other solution gives it 0.5625.
    let run = |extra: &[&str]| {
        let mut args = vec![
            "analyze",
            s(&f),
            "--json",
            "--set",
            "seller.ratification=0.5",
            "--set",
            "delivery.cost.fast=2",
        ];
        args.extend_from_slice(extra);
        accord(&args).ok().json()
    };
    let v = run(&[]);
    assert_eq!(v["ratified"], false);
    assert_eq!(v["zopa"]["count"], 3);
    let sols = &v["solutions"];
    assert_eq!(sols["nash"]["ratified"], true);
    assert_eq!(sols["mediator"]["ratified"], false);
    // Both pick fast delivery, which costs the mediator 2.
    assert_eq!(sols["nash"]["incentive_cost"], 2.0);
    assert_eq!(sols["mediator"]["incentive_cost"], 2.0);
    let v = run(&["--ratified"]);
    assert_eq!(v["ratified"], true);
    assert_eq!(v["zopa"]["count"], 1);
    for k in [
        "nash",
        "kalai_smorodinsky",
        "egalitarian",
        "utilitarian",
        "mediator",
    ] {
        assert_eq!(v["solutions"][k]["ratified"], true, "{k}");
    }
    assert_eq!(v["scenario"]["parties"][1]["reservation"], 0.5);
    accord(&[
        "analyze",
        s(&f),
        "--ratified",
        "--set",
        "seller.ratification=0.5",
    ])
    .ok()
    .stdout_has("Ratification required (--ratified)")
    .stdout_has("│ ratified ");
}

#[test]
fn contributions_add_up_to_each_utility() {
    let f = repo("examples/ukraine-2025/scenario.toml");
    let v = accord(&["evaluate", s(&f), "--deal", "us_28_point", "--json"])
        .ok()
        .json();
    let issues = v["package"].as_object().unwrap().len();
    for p in v["parties"].as_array().unwrap() {
        let c = p["contributions"].as_object().unwrap();
        assert_eq!(c.len(), issues + 1);
        assert!(c.contains_key("interactions"));
        let sum: f64 = c.values().map(|x| x.as_f64().unwrap()).sum();
        let u = p["utility"].as_f64().unwrap();
        assert!((sum - u).abs() < 1e-12, "{}: {sum} vs {u}", p["party"]);
    }
    accord(&["evaluate", s(&f), "--deal", "us_28_point"])
        .ok()
        .stdout_has("Where the utilities come from")
        .stdout_has("│ vs no deal (margin)  ┆        +0.2505 ┆        -0.1534 ┆");
}

/// `owners.toml`: the broker (no veto) owns `delivery`, status quo `slow`.
/// With the broker's reservation at 0.6, 125/slow needs only the buyer and
/// the seller; 175/fast moves delivery, so it needs the broker too, whose
/// utility at 175 is 0.5.
#[test]
fn owners_are_conditional_vetoes_in_evaluate() {
    let f = data("owners.toml");
    let run = |deal: &str| {
        accord(&[
            "evaluate",
            s(&f),
            "--deal",
            deal,
            "--json",
            "--set",
            "broker.reservation=0.6",
        ])
        .ok()
        .json()
    };
    let v = run("price=125,delivery=slow");
    assert_eq!(v["in_zopa"], true);
    assert_eq!(v["owners_needed"], serde_json::json!([]));
    let v = run("price=175,delivery=fast");
    assert_eq!(v["in_zopa"], false);
    assert_eq!(v["blocking"], serde_json::json!(["broker"]));
    assert_eq!(
        v["owners_needed"],
        serde_json::json!([{"party": "broker", "moved": ["delivery"]}])
    );
    accord(&[
        "evaluate",
        s(&f),
        "--deal",
        "price=175,delivery=fast",
        "--set",
        "broker.reservation=0.6",
    ])
    .ok()
    .stdout_has("broker must accept too: the deal moves delivery");
    accord(&["check", s(&f)])
        .ok()
        .stdout_has("owned by broker, status quo slow");
    let v = accord(&["check", s(&f), "--json"]).ok().json();
    assert_eq!(v["scenario"]["issues"][1]["owner"], "broker");
    assert_eq!(v["scenario"]["issues"][1]["status_quo"], "slow");
    assert!(v["scenario"]["issues"][0].get("owner").is_none());
    // The exact commands honour the conditional veto. Without it the ZOPA
    // is {150 fast, 175 fast, 125 slow} and Nash picks 175 fast; the broker
    // at 0.6 accepts fast delivery only at 150 (utility 1; 0.5 at 175).
    let nash = |v: &serde_json::Value| v["solutions"]["nash"]["package"].clone();
    let v = accord(&["analyze", s(&f), "--json"]).ok().json();
    assert_eq!(v["zopa"]["count"], 3);
    assert_eq!(
        nash(&v),
        serde_json::json!({"price": 175, "delivery": "fast"})
    );
    let v = accord(&[
        "analyze",
        s(&f),
        "--json",
        "--set",
        "broker.reservation=0.6",
    ])
    .ok()
    .json();
    assert_eq!(v["zopa"]["count"], 2);
    assert_eq!(
        v["zopa"]["owners"],
        serde_json::json!([{"party": "broker", "issues": ["delivery"]}])
    );
    assert_eq!(
        nash(&v),
        serde_json::json!({"price": 150, "delivery": "fast"})
    );
    accord(&["analyze", s(&f), "--set", "broker.reservation=0.6"])
        .ok()
        .stdout_has("Owners, who must accept a deal that moves their issues from the status quo: broker (delivery).");
    // At 1 the broker accepts fast delivery only at its favourite price.
    let v = accord(&[
        "mediate",
        s(&f),
        "--press",
        "buyer",
        "--json",
        "--set",
        "broker.reservation=1",
    ])
    .ok()
    .json();
    let deals = v["deals"].as_array().unwrap();
    assert!(deals.len() >= 2);
    for d in deals {
        let p = &d["package"];
        assert!(p["delivery"] == "slow" || p["price"] == 150, "{d}");
    }
    accord(&["leverage", s(&f), "--set", "broker.reservation=0.6"]).ok();
    accord(&["frontier", s(&f), "--set", "broker.reservation=0.6"]).ok();
    let dir = tempfile::tempdir().unwrap();
    accord(&[
        "export",
        "genius",
        s(&f),
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("would lose them");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn bad_owners_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(data("owners.toml")).unwrap();
    for (from, to, needle) in [
        (
            "owner = \"broker\"",
            "owner = \"brokr\"",
            "did you mean `broker`?",
        ),
        ("status_quo = \"slow\"", "status_quo = \"medium\"", "medium"),
        ("status_quo = \"slow\"\n", "", "has an owner but no"),
        ("owner = \"broker\"\n", "", "has a status quo but no"),
    ] {
        let p = dir.path().join("bad.toml");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        accord(&["check", s(&p)])
            .code(2)
            .stderr_has("bad.toml:3")
            .stderr_has(needle);
    }
}
