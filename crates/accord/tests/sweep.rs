//! A sweep is the single runs it stands for: on random scenarios, every row
//! equals the `analyze`, `leverage` and `mediate` answers of a session with
//! the row's values as `--set`, and the rows come in grid order.

use accord::observe::Silent;
use accord::{Report, Request, Session};
use accord_core::testing::synth::{self, Shape};
use proptest::prelude::*;
use serde_json::Value;

fn json(r: &Report) -> Value {
    serde_json::from_str(&accord::render::json_string(r).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn rows_are_single_runs(seed in any::<u64>(), ratified in any::<bool>()) {
        let shape = Shape {
            parties: 3,
            options: vec![3, 2, 3],
            coarse: true,
            red_line_pct: 30,
            interaction_pct: 20,
            numeric_first: false,
            opposed: seed % 2 == 0,
        };
        let mut s = synth::scenario(&shape, seed);
        synth::add_mediation(&mut s, seed);
        if seed % 3 == 0 {
            synth::add_owners(&mut s, seed);
        }
        let Ok(base) = Session::from_scenario(s.clone(), &[]) else { return Ok(()) };
        let veto: Vec<String> = s.veto_parties().iter().map(|&p| s.parties[p].id.clone()).collect();
        let press = veto.last().cloned().unwrap_or_else(|| "p0".into());
        let req = Request::Sweep {
            vary: vec!["p0.reservation=0.1:0.7:0.3".into(), "p1.reservation=0.2:0.4:0.2".into()],
            question: "mediate".into(),
            press: vec![press.clone()],
            satisfy: None,
            maximize: None,
            ratified,
        };
        let sweep = base.run(&req, &Silent).expect("every point is a valid scenario");
        let v = json(&sweep);
        let rows = v["rows"].as_array().unwrap();
        prop_assert_eq!(rows.len(), 6);
        let mut k = 0;
        for a in ["0.1", "0.4", "0.7"] {
            for b in ["0.2", "0.4"] {
                let row = &rows[k];
                k += 1;
                let sets = vec![format!("p0.reservation={a}"), format!("p1.reservation={b}")];
                let one = Session::from_scenario(s.clone(), &sets).unwrap();
                let analysis = json(&one.run(&Request::Analyze {
                    parties: (!veto.is_empty()).then(|| veto.clone()),
                    ties: 1,
                    ratified,
                }, &Silent).unwrap());
                prop_assert_eq!(&row["zopa_count"], &analysis["zopa"]["count"]);
                prop_assert_eq!(&row["zopa_empty"], &analysis["zopa"]["empty"]);
                prop_assert_eq!(&row["nash"], &analysis["solutions"]["nash"]["package"]);
                let lev = json(&one.run(&Request::Leverage { ratified }, &Silent).unwrap());
                prop_assert_eq!(&row["min_total_shift"], &lev["min_total_shift"]);
                prop_assert_eq!(&row["slack"], &lev["slack"]);
                prop_assert_eq!(&row["least_cost_status"], &lev["least_cost"]["status"]);
                let med = json(&one.run(&Request::Mediate {
                    press: vec![press.clone()],
                    satisfy: None,
                    maximize: None,
                    curve: false,
                    deal: None,
                    change: None,
                    limit: 1,
                    ratified,
                }, &Silent).unwrap());
                prop_assert_eq!(&row["mediate"]["no_deal"], &med["no_deal"]);
                // No deal: `deals` is empty and the row's package null.
                let best = med["deals"].get(0).map_or(Value::Null, |d| d["package"].clone());
                prop_assert_eq!(&row["mediate"]["package"], &best);
            }
        }
    }
}
