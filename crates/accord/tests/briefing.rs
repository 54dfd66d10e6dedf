//! The briefing and the HTML panels render for any scenario: on random
//! scenarios (with and without a zone, levers, owners and plans), the
//! briefing is made of exactly the answers of the single requests, renders
//! as HTML and Markdown without a template error, and renders the same
//! bytes twice.

use accord::observe::Silent;
use accord::render::{html, Context};
use accord::{Report, Request, Session};
use accord_core::model::Deal;
use accord_core::testing::synth::{self, Shape};
use proptest::prelude::*;
use serde_json::Value;

fn json<T: serde::Serialize>(r: &T) -> Value {
    serde_json::to_value(r).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_briefing_is_the_single_answers_and_always_renders(seed in any::<u64>()) {
        let shape = Shape {
            parties: 3,
            options: vec![3, 2, 3],
            coarse: seed % 2 == 0,
            red_line_pct: 30,
            interaction_pct: 20,
            numeric_first: seed % 3 == 0,
            opposed: seed % 2 == 1,
        };
        let mut s = synth::scenario(&shape, seed);
        if seed % 4 != 0 {
            synth::add_mediation(&mut s, seed);
        }
        if seed % 5 == 0 {
            synth::add_owners(&mut s, seed);
        }
        for (k, package) in [[0, 0, 0], [2, 1, 2]].into_iter().enumerate() {
            s.deals.push(Deal {
                id: format!("plan{k}"),
                name: format!("Plan <{k}> & \"co\""),
                description: None,
                package: package.to_vec(),
            });
        }
        let Ok(session) = Session::from_scenario(s.clone(), &[]) else { return Ok(()) };
        let report = session.run(&Request::Report { samples: 50, seed: 1 }, &Silent).unwrap();
        let Report::Briefing(b) = &report else { panic!("a briefing") };

        // Made of the single answers.
        prop_assert_eq!(b.plans.len(), 2);
        for p in &b.plans {
            let one = session.run(&Request::Evaluate { deal: p.id.clone(), change: None }, &Silent).unwrap();
            prop_assert_eq!(json(&p.evaluation), json(&one));
            let one = session.run(&Request::Repair { deal: p.id.clone(), change: None, limit: 1, ratified: false }, &Silent).unwrap();
            prop_assert_eq!(json(&p.repair), json(&one));
        }
        let one = session.run(&Request::Leverage { ratified: false }, &Silent).unwrap();
        prop_assert_eq!(json(&b.leverage), json(&one));
        let analysis = session.run(&Request::Analyze { parties: None, ties: 1, ratified: false }, &Silent).unwrap();
        let a = json(&analysis);
        prop_assert_eq!(&json(&b.analysis)["zopa"], &a["zopa"]);
        prop_assert_eq!(&json(&b.analysis)["solutions"], &a["solutions"]);
        prop_assert_eq!(&json(&b.analysis)["deals"], &a["deals"]);
        let pressable = s.veto_parties().into_iter().filter(|&p| s.parties[p].pressure.is_some_and(|x| x.max > 0.0)).count();
        prop_assert_eq!(b.mediation.len(), pressable);

        // Renders, escapes what the scenario wrote, and is deterministic.
        let cx = Context::new(session.scenario(), "random.toml");
        let page = html::briefing(b, &cx).unwrap();
        prop_assert!(page.starts_with("<!doctype html>"));
        prop_assert!(!page.contains("Plan <0>"), "names are escaped");
        prop_assert_eq!(&page, &html::briefing(b, &cx).unwrap());
        let md = accord::render::text::briefing::render(b, &cx).unwrap();
        prop_assert!(md.contains("## The answer"));
        for r in [analysis, one] {
            html::fragment(&r, &cx).unwrap();
        }
        for m in &b.mediation {
            html::fragment(&Report::Mediate(m.mediate.clone()), &cx).unwrap();
        }
        for p in &b.plans {
            html::fragment(&Report::Evaluate(p.evaluation.clone()), &cx).unwrap();
            html::fragment(&Report::Repair(p.repair.clone()), &cx).unwrap();
        }
    }
}
