//! Protocol invariants of simulated negotiations on random scenarios.

use accord_core::compile::Compiled;
use accord_core::model::Scenario;
use accord_core::simulate::{self, Pool, Protocol, Setup, STRATEGIES};
use accord_core::testing::synth;
use proptest::prelude::*;

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        2usize..=4,
        prop::collection::vec(2usize..=4, 1..=4),
        any::<u64>(),
    )
        .prop_map(|(parties, options, seed)| {
            let mut s = synth::scenario(
                &synth::Shape {
                    parties,
                    options,
                    coarse: seed % 2 == 0,
                    red_line_pct: 30,
                    interaction_pct: 0,
                    numeric_first: false,
                    opposed: true,
                },
                seed,
            );
            for p in &mut s.parties {
                p.veto = true;
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// No agreement outside every negotiating party's acceptable set (at the
    /// round of agreement, with drift and discounting); deadlines respected;
    /// the same seed gives the same run.
    #[test]
    fn agreements_are_acceptable_and_deadlines_hold(
        s in scenario(),
        picks in prop::collection::vec(0usize..7, 4),
        proto in 0usize..4,
        deadline in 1usize..40,
        seed in any::<u64>(),
        drift in -0.02f64..0.02,
    ) {
        let c = Compiled::new(&s).unwrap();
        let protocol = [Protocol::Alternating, Protocol::Stacked, Protocol::SingleText, Protocol::Summit][proto];
        let parties: Vec<usize> = if protocol == Protocol::Alternating {
            vec![0, 1]
        } else {
            (0..s.parties.len()).collect()
        };
        let pool = Pool::new(&s, &c, &parties, seed).unwrap();
        let ranks = simulate::rankings(&pool);
        let setup = Setup {
            protocol,
            parties: parties.clone(),
            deadline,
            drift: vec![drift; s.parties.len()],
            discount: vec![if seed % 3 == 0 { 0.98 } else { 1.0 }; s.parties.len()],
            opponent_model: seed % 2 == 0,
            seed,
        };
        let strategies = || -> Vec<Option<Box<dyn simulate::Strategy>>> {
            (0..s.parties.len())
                .map(|p| simulate::strategy(STRATEGIES[picks[p % picks.len()]]))
                .collect()
        };
        let o = simulate::run(&s, &pool, &ranks, &setup, strategies());
        prop_assert!(o.rounds <= deadline);
        if let Some(w) = o.walked_away {
            prop_assert!(o.agreement.is_none());
            prop_assert!(parties.contains(&w));
        }
        for st in &o.trace {
            prop_assert!(st.round < deadline);
        }
        if let Some(k) = &o.agreement {
            let t = o.rounds - 1;
            for &p in &parties {
                prop_assert!(s.red_lines_crossed(p, k).is_empty());
                let r = (s.parties[p].reservation + drift * t as f64).clamp(0.0, 1.0);
                let d = setup.discount[p].powi(t as i32);
                prop_assert!(s.utility(p, k) * d >= r - 1e-9,
                    "{} accepted {} < {}", p, s.utility(p, k) * d, r);
            }
        }
        let again = simulate::run(&s, &pool, &ranks, &setup, strategies());
        prop_assert_eq!(&o.agreement, &again.agreement);
        prop_assert_eq!(o.trace.len(), again.trace.len());
    }

    /// Two hardliners whose acceptable sets are disjoint never agree (nor
    /// does anyone else when the zone is empty).
    #[test]
    fn disjoint_hardliners_never_agree(s in scenario(), seed in any::<u64>()) {
        let mut s = s;
        s.parties.truncate(2);
        s.preferences.truncate(2);
        s.parties[0].reservation = 0.95;
        s.parties[1].reservation = 0.95;
        let c = Compiled::new(&s).unwrap();
        prop_assume!(accord_core::testing::brute::zopa(&s).is_empty());
        let pool = Pool::new(&s, &c, &[0, 1], seed).unwrap();
        let ranks = simulate::rankings(&pool);
        for (a, b) in [("hardliner", "hardliner"), ("conceder", "random"), ("linear", "tit-for-tat")] {
            for protocol in [Protocol::Alternating, Protocol::Stacked] {
                let setup = Setup {
                    protocol,
                    parties: vec![0, 1],
                    deadline: 50,
                    drift: vec![0.0; 2],
                    discount: vec![1.0; 2],
                    opponent_model: false,
                    seed,
                };
                let o = simulate::run(&s, &pool, &ranks, &setup,
                    vec![simulate::strategy(a), simulate::strategy(b)]);
                prop_assert!(o.agreement.is_none());
                prop_assert!(o.rounds <= 50);
            }
        }
    }
}

#[test]
fn strategy_names_parse() {
    for n in STRATEGIES {
        assert!(simulate::strategy(n).is_some(), "{n}");
    }
    assert!(simulate::strategy("time(2.5)").is_some());
    assert!(simulate::strategy("aspiration(0.8)").is_some());
    assert!(simulate::strategy("aspiration(1.5)").is_none());
    assert!(simulate::strategy("greedy").is_none());
}
