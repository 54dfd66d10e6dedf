//! Shards merge to the one run's bytes: on random scenarios with uncertain
//! reservation values (and sometimes observations), any split of the
//! samples into N parts, merged in any order, gives exactly the JSON of the
//! run in one piece.

use accord::observe::Silent;
use accord::shard::{
    robust_merge, robust_shard, sweep_merge, sweep_shard, RobustPart, Shard, SweepPart,
};
use accord::{Editable, Request, Session};
use accord_core::testing::synth::{self, Shape};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn merged_shards_are_the_one_run(
        seed in any::<u64>(),
        samples in 1u64..400,
        n in 1u64..7,
        observe in any::<bool>(),
        ratified in any::<bool>(),
        order in any::<u64>(),
    ) {
        let shape = Shape {
            parties: 3,
            options: vec![3, 2, 3],
            coarse: true,
            red_line_pct: 30,
            interaction_pct: 0,
            numeric_first: false,
            opposed: true,
        };
        let mut s = synth::scenario(&shape, seed);
        synth::add_mediation(&mut s, seed);
        if observe {
            s.observations.push(accord_core::model::Observation {
                party: 0,
                package: vec![0, 0, 0],
                deal: None,
                response: accord_core::model::Response::Rejects,
                source: None,
                date: None,
            });
        }
        let editable =
            Editable::from_text("random.toml", accord_io::write::scenario_toml(&s, "shard test"));
        let sets = vec![
            "p0.reservation=uniform(0.1,0.9)".to_string(),
            "p1.reservation=triangular(0.1,0.4,0.7)".to_string(),
        ];
        let request = Request::Robust {
            samples,
            seed: seed ^ 7,
            pool: 4,
            ratified,
            deal: None,
            ignore_observations: false,
        };
        let Ok(one) = Session::from_text(&editable.text, &editable.name, &sets) else { return Ok(()) };
        let whole = match one.run(&request, &Silent) {
            Ok(r) => accord::render::json_string(&r).unwrap(),
            Err(_) => return Ok(()),
        };
        let mut parts: Vec<RobustPart> = (1..=n)
            .map(|k| robust_shard(&editable, "random.toml", &sets, &request, Shard { k, n }, &Silent).unwrap())
            .collect();
        // Any order, and through the part file's text.
        let len = parts.len();
        parts.rotate_left((order % len as u64) as usize);
        let parts: Vec<RobustPart> = parts
            .iter()
            .map(|p| RobustPart::from_json(&p.to_json().unwrap(), "part").unwrap())
            .collect();
        let (_, source, merged) = robust_merge(parts, &Silent).unwrap();
        prop_assert_eq!(source, "random.toml");
        prop_assert_eq!(accord::render::json_string(&merged).unwrap(), whole);
    }
}

#[test]
fn incomplete_or_mixed_parts_are_refused() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/accord-cli/tests/data/observations.toml");
    let editable = Editable::load(&path).unwrap();
    let request = |seed| Request::Robust {
        samples: 100,
        seed,
        pool: 2,
        ratified: false,
        deal: None,
        ignore_observations: false,
    };
    let part = |k, n, seed| {
        robust_shard(
            &editable,
            "o.toml",
            &[],
            &request(seed),
            Shard { k, n },
            &Silent,
        )
        .unwrap()
    };
    let msg = |parts: Vec<RobustPart>| robust_merge(parts, &Silent).err().unwrap().to_string();
    assert!(msg(vec![part(1, 3, 1), part(3, 3, 1)]).contains("shard 2/3 is missing"));
    assert!(msg(vec![part(1, 2, 1), part(2, 2, 2)]).contains("different runs"));
    assert!(msg(vec![]).contains("needs the parts"));
    let mut tampered = part(1, 1, 1);
    tampered.samples.pop();
    assert!(msg(vec![tampered]).contains("does not hold the samples"));
    assert!(RobustPart::from_json("{\"nope\": 1}", "x.json")
        .err()
        .unwrap()
        .to_string()
        .contains("x.json:1:"));
    // Not a robust question.
    assert!(robust_shard(
        &editable,
        "o.toml",
        &[],
        &Request::Check,
        Shard { k: 1, n: 1 },
        &Silent
    )
    .is_err());
}

/// The bundled example lists its plans in deal files and records answers to
/// them: the text a shard (or the web) carries keeps every deal, every
/// observation and every distribution, and a shard run works on it.
#[test]
fn a_scenario_whose_observations_name_its_deal_files_stands_alone() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/ukraine-2025/scenario.toml");
    let editable = Editable::load(&path).unwrap();
    assert!(!editable
        .text
        .lines()
        .any(|l| l.trim_start().starts_with("deal_files")));
    let standalone = accord::Session::from_text(&editable.text, &editable.name, &[]).unwrap();
    let loaded = accord::Session::load(&path, &[]).unwrap();
    let (a, b) = (standalone.scenario(), loaded.scenario());
    assert_eq!(a.deals.len(), 4);
    assert_eq!(a.deals, b.deals);
    assert_eq!(a.observations, b.observations);
    assert_eq!(a.uncertainty, b.uncertainty);
    let request = Request::Robust {
        samples: 40,
        seed: 1,
        pool: 2,
        ratified: false,
        deal: None,
        ignore_observations: false,
    };
    let parts = (1..=2)
        .map(|k| {
            robust_shard(
                &editable,
                "scenario.toml",
                &[],
                &request,
                Shard { k, n: 2 },
                &Silent,
            )
            .unwrap()
        })
        .collect();
    robust_merge(parts, &Silent).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// A sweep split into N parts (any N, merged in any order, through the
    /// part files' JSON) gives the one run's JSON and text.
    #[test]
    fn merged_sweep_shards_are_the_one_run(
        seed in any::<u64>(),
        n in 1u64..8,
        mediate in any::<bool>(),
        order in any::<u64>(),
    ) {
        let shape = Shape {
            parties: 3,
            options: vec![3, 2, 3],
            coarse: true,
            red_line_pct: 30,
            interaction_pct: 0,
            numeric_first: false,
            opposed: true,
        };
        let mut s = synth::scenario(&shape, seed);
        synth::add_mediation(&mut s, seed);
        let editable =
            Editable::from_text("random.toml", accord_io::write::scenario_toml(&s, "shard test"));
        let sets = vec!["p2.reservation=0.3".to_string()];
        let request = Request::Sweep {
            vary: vec![
                "p0.reservation=0.1:0.9:0.2".into(),
                "p1.reservation=0.2:0.6:0.2".into(),
            ],
            question: if mediate { "mediate" } else { "analyze" }.into(),
            press: if mediate { vec!["p1".into()] } else { vec![] },
            satisfy: None,
            maximize: None,
            ratified: false,
        };
        let Ok(one) = Session::from_text(&editable.text, &editable.name, &sets) else { return Ok(()) };
        let Ok(whole) = one.run(&request, &Silent) else { return Ok(()) };
        let cx = accord::render::Context::new(one.scenario(), "random.toml");
        let (json, text) = (
            accord::render::json_string(&whole).unwrap(),
            accord::render::text(&whole, &cx),
        );
        let mut parts: Vec<SweepPart> = (1..=n)
            .map(|k| sweep_shard(&editable, "random.toml", &sets, &request, Shard { k, n }, &Silent).unwrap())
            .collect();
        let len = parts.len();
        parts.rotate_left((order % len as u64) as usize);
        let parts: Vec<SweepPart> = parts
            .iter()
            .map(|p| SweepPart::from_json(&p.to_json().unwrap(), "part").unwrap())
            .collect();
        let (session, source, merged) = sweep_merge(parts).unwrap();
        prop_assert_eq!(source.as_str(), "random.toml");
        prop_assert_eq!(accord::render::json_string(&merged).unwrap(), json);
        let cx = accord::render::Context::new(session.scenario(), "random.toml");
        prop_assert_eq!(accord::render::text(&merged, &cx), text);
    }
}

#[test]
fn sweep_parts_of_another_run_or_command_are_refused() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/accord-cli/tests/data/observations.toml");
    let editable = Editable::load(&path).unwrap();
    let sweep = |lo: &str| Request::Sweep {
        vary: vec![format!("buyer.reservation={lo}:0.8:0.1")],
        question: "analyze".into(),
        press: vec![],
        satisfy: None,
        maximize: None,
        ratified: false,
    };
    let part = |k, n, lo| {
        sweep_shard(
            &editable,
            "o.toml",
            &[],
            &sweep(lo),
            Shard { k, n },
            &Silent,
        )
        .unwrap()
    };
    let msg = |parts: Vec<SweepPart>| sweep_merge(parts).err().unwrap().to_string();
    assert!(msg(vec![part(1, 2, "0.5"), part(2, 2, "0.6")]).contains("different runs"));
    assert!(msg(vec![part(2, 2, "0.5")]).contains("shard 1/2 is missing"));
    assert!(msg(vec![part(1, 2, "0.5"), part(1, 2, "0.5")]).contains("given twice"));
    // A robust part is not a sweep part.
    let robust = robust_shard(
        &editable,
        "o.toml",
        &[],
        &Request::Robust {
            samples: 10,
            seed: 1,
            pool: 2,
            ratified: false,
            deal: None,
            ignore_observations: false,
        },
        Shard { k: 1, n: 1 },
        &Silent,
    )
    .unwrap();
    assert!(SweepPart::from_json(&robust.to_json().unwrap(), "r.json").is_err());
    // A request that is not a sweep has no sweep shard.
    assert!(sweep_shard(
        &editable,
        "o.toml",
        &[],
        &Request::Check,
        Shard { k: 1, n: 1 },
        &Silent
    )
    .is_err());
}
