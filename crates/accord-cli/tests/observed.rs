//! What the parties said: `calibrate` worked by hand on
//! tests/data/observations.toml, and `robust` conditioned on it.

use crate::util::*;

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn calibrate_by_hand() {
    let f = data("observations.toml");
    let v = accord(&["calibrate", s(&f), "--json", "--samples", "4000"])
        .ok()
        .json();
    // The buyer weighs price 2/3 and delivery 1/3: the split (150, next
    // day) is worth 2/3·0.5 + 1/3·1 = 2/3 to it. It rejected it: r > 2/3.
    let buyer = &v["intervals"]["buyer"];
    assert!((buyer["above"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert!(buyer["at_most"].is_null());
    // The seller (3/4 price, 1/4 delivery) accepted (175, slow):
    // 3/4·0.75 + 1/4·1 = 0.8125, so r ≤ 0.8125; its rejection of (100,
    // fast) crosses its red line "Below cost" and bounds nothing.
    let seller = &v["intervals"]["seller"];
    assert!(seller["above"].is_null());
    assert!((seller["at_most"].as_f64().unwrap() - 0.8125).abs() < 1e-12);
    let obs = v["observations"].as_array().unwrap();
    assert_eq!(obs[0]["bound"], "above");
    assert_eq!(obs[1]["bound"], "at_most");
    assert_eq!(obs[2]["bound"], "red_line");
    assert_eq!(obs[2]["red_lines"][0]["reason"], "Below cost");
    assert_eq!(obs[0]["source"], "the buyer's letter of 3 May");
    assert_eq!(obs[0]["deal"], "split");
    assert!(obs[1]["deal"].is_null());
    // The buyer's reservation value is uniform(0.6, 0.8): the rejection
    // keeps (0.8 − 2/3)/0.2 = 2/3 of the prior.
    let share = obs[0]["prior_share"].as_f64().unwrap();
    assert!((share - 2.0 / 3.0).abs() < 0.03, "{share}");
    assert_eq!(obs[0]["constrains"][0], "buyer.reservation");
    assert!(v["contradictions"].as_array().unwrap().is_empty());
    assert_eq!(v["prior"]["valid"], 4000);
    // The text names the parties and the bounds.
    accord(&["calibrate", s(&f)])
        .ok()
        .stdout_has("r > 0.6667")
        .stdout_has("No contradiction");
}

#[test]
fn robust_is_conditional_on_what_was_said() {
    let f = data("observations.toml");
    let v = accord(&["robust", s(&f), "--json", "--samples", "3000"])
        .ok()
        .json();
    let o = &v["observed"];
    assert_eq!(o["samples"], 3000);
    assert_eq!(o["observations"], 3);
    let kept = o["kept"].as_u64().unwrap();
    assert_eq!(kept + o["dropped"].as_u64().unwrap(), 3000);
    assert!((kept as f64 / 3000.0 - 2.0 / 3.0).abs() < 0.03);
    // Given r > 2/3 the buyer never accepts the split: P = 0 exactly.
    let split = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "split")
        .unwrap();
    assert_eq!(split["p_party"]["buyer"], 0.0);
    // Without the observations: P(buyer accepts the split) = P(r ≤ 2/3) = 1/3.
    let prior = accord(&[
        "robust",
        s(&f),
        "--json",
        "--samples",
        "3000",
        "--ignore-observations",
    ])
    .ok()
    .json();
    assert!(prior["observed"].is_null());
    let split = prior["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "split")
        .unwrap();
    assert!((split["p_party"]["buyer"].as_f64().unwrap() - 1.0 / 3.0).abs() < 0.03);
}

#[test]
fn contradictions_are_said_plainly_and_nothing_kept_is_no_probability() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("c.toml");
    let text = std::fs::read_to_string(data("observations.toml")).unwrap()
        + "\n[[observations]]\nparty = \"buyer\"\ndeal = { price = 200, delivery = \"slow\" }\nresponse = \"accepts\"\n";
    std::fs::write(&f, text).unwrap();
    // The buyer accepted a package it values at 0 yet rejected one worth 2/3.
    let v = accord(&["calibrate", s(&f), "--json"]).ok().json();
    assert_eq!(v["contradictions"][0]["kind"], "empty_interval");
    assert_eq!(v["contradictions"][0]["party"], "buyer");
    assert_eq!(v["prior"]["kept"], 0);
    accord(&["calibrate", s(&f)])
        .ok()
        .stdout_has("Contradiction: no reservation value of The buyer fits");
    let r = accord(&["robust", s(&f), "--json", "--samples", "500"])
        .ok()
        .json();
    assert_eq!(r["observed"]["kept"], 0);
    assert!(r["p_zopa"].is_null());
    accord(&["robust", s(&f), "--samples", "500"])
        .ok()
        .stdout_has("No sample agrees with every observation");
    // No observations: a usage error.
    accord(&["calibrate", s(&data("basic.toml"))])
        .code(2)
        .stderr_has("no observations");
}

#[test]
fn forecast_names_the_nearest_option_and_warns_about_default_capabilities() {
    let f = repo("examples/ukraine-2025/scenario.toml");
    let v = accord(&["forecast", s(&f), "--model", "compromise", "--json"])
        .ok()
        .json();
    assert_eq!(v["capabilities_defaulted"], true);
    let nearest = v["nearest"].as_array().unwrap();
    let forecast = v["forecast"].as_array().unwrap();
    assert_eq!(nearest.len(), forecast.len());
    // Each is the option at the least distance, by the scenario's positions.
    let text = std::fs::read_to_string(&f).unwrap();
    for (n, x) in nearest.iter().zip(forecast) {
        let x = x.as_f64().unwrap();
        let d = n["distance"].as_f64().unwrap();
        assert!((d - (x - n["position"].as_f64().unwrap()).abs()).abs() < 1e-12);
        assert!(
            text.contains(&format!("id = \"{}\"", n["option"].as_str().unwrap()))
                || n["option"].as_str().unwrap().parse::<f64>().is_ok()
        );
    }
    accord(&["forecast", s(&f)])
        .ok()
        .stdout_has("nearest option")
        .stdout_has("Warning: no party gives a `capability`");
    // An actor file has capabilities and no options.
    let csv = repo("crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv");
    let v = accord(&["forecast", s(&csv), "--json"]).ok().json();
    assert_eq!(v["capabilities_defaulted"], false);
    assert!(v["nearest"].is_null());
}
