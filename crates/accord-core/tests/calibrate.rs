//! Calibration against brute force, and the conditioned Monte Carlo against
//! an exact probability.
//!
//! - Intervals: on random scenarios with random observations, a reservation
//!   value agrees with every observation of its party (set into the
//!   scenario and checked by the plain `acceptable`) exactly when it lies in
//!   the reported interval.
//! - Conditioning: with one party's reservation value uniform on [a, b] and
//!   one rejection of a package it values at u, the probability that it
//!   accepts a deal it values at v is (min(v, b) − u)⁺ / (b − u); `robust`
//!   conditioned on the rejection must match it within sampling error, and
//!   keep the share (b − u)/(b − a) of the samples.

use accord_core::calibrate::{calibrate, inputs_of, prior_shares, Bound};
use accord_core::model::distribution::{Dist, Input, Target};
use accord_core::model::{apply, Observation, Response, Scenario};
use accord_core::observe::Silent;
use accord_core::robust::{robust, sample_on, RobustOptions};
use accord_core::testing::synth::{self, Shape};
use proptest::prelude::*;

fn shape(seed: u64) -> Shape {
    Shape {
        parties: 3,
        options: vec![3, 2, 3],
        coarse: seed % 2 == 0,
        red_line_pct: 40,
        interaction_pct: 20,
        numeric_first: false,
        opposed: seed % 3 == 0,
    }
}

/// Every package of the scenario, in order.
fn packages(s: &Scenario) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for i in &s.issues {
        out = out
            .into_iter()
            .flat_map(|p| {
                (0..i.options.len()).map(move |o| {
                    let mut q = p.clone();
                    q.push(o);
                    q
                })
            })
            .collect();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn intervals_are_exactly_the_reservation_values_that_agree(
        seed in any::<u64>(),
        picks in proptest::collection::vec((0usize..3, 0usize..18, any::<bool>()), 1..6),
    ) {
        let mut s = synth::scenario(&shape(seed), seed);
        let all = packages(&s);
        for &(p, k, accepts) in &picks {
            s.observations.push(Observation {
                party: p,
                package: all[k % all.len()].clone(),
                deal: None,
                response: if accepts { Response::Accepts } else { Response::Rejects },
                source: None,
                date: None,
            });
        }
        let cal = calibrate(&s);
        // The candidate reservation values: a grid, every utility in play,
        // and a hair either side of each.
        let mut rs: Vec<f64> = (0..=200).map(|k| k as f64 / 200.0).collect();
        for c in &cal.checked {
            for d in [-1e-6, 0.0, 1e-6] {
                rs.push(c.utility + d);
            }
        }
        for iv in &cal.intervals {
            let mut any = false;
            for &r in &rs {
                let mut t = s.clone();
                t.parties[iv.party].reservation = r;
                let agrees = iv.observations.iter().all(|&k| s.observations[k].agrees(&t));
                let inside = !iv.empty
                    && iv.above.is_none_or(|a| r > a + s.tolerance)
                    && iv.at_most.is_none_or(|b| r <= b + s.tolerance);
                let across = iv.observations.iter().any(|&k| cal.checked[k].bound == Bound::AcrossRedLine);
                if !across && !iv.empty {
                    prop_assert_eq!(agrees, inside, "r = {} party {} {:?}", r, iv.party, iv);
                } else {
                    prop_assert!(!inside);
                }
                any |= agrees;
            }
            // Empty means no value fits (up to the grid: an interval is
            // never narrower than a hair when it is not empty).
            if iv.empty {
                prop_assert!(!any, "empty, yet some r agrees: {:?}", iv);
            }
            let base = iv.observations.iter().all(|&k| s.observations[k].agrees(&s));
            prop_assert_eq!(base, iv.contains_reservation);
        }
    }
}

/// A two-party, one-issue scenario: party 0 values option k at k/10.
fn ladder(a: f64, b: f64) -> Scenario {
    let mut s = synth::scenario(
        &Shape {
            parties: 2,
            options: vec![11],
            coarse: false,
            red_line_pct: 0,
            interaction_pct: 0,
            numeric_first: false,
            opposed: true,
        },
        7,
    );
    for o in 0..11 {
        s.preferences[0].values[0][o] = o as f64 / 10.0;
    }
    s.preferences[0].weights = vec![1.0];
    s.parties[0].reservation = (a + b) / 2.0;
    s.uncertainty.inputs.push(Input {
        target: Target::Reservation(0),
        dist: Dist::Uniform { lo: a, hi: b },
        factor: None,
        label: "p0.reservation".into(),
    });
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn conditioning_on_a_rejection_gives_the_exact_probability(
        lo in 1usize..4, width in 3usize..6, reject_at in 0usize..4, accept_of in 0usize..11, seed in any::<u64>(),
    ) {
        let (a, b) = (lo as f64 / 10.0 - 0.05, (lo + width) as f64 / 10.0 - 0.05);
        let u = (lo + reject_at.min(width - 1)) as f64 / 10.0; // inside (a, b)
        let mut s = ladder(a, b);
        let pk = |x: f64| vec![(x * 10.0).round() as usize];
        s.observations.push(Observation {
            party: 0,
            package: pk(u),
            deal: None,
            response: Response::Rejects,
            source: None,
            date: None,
        });
        let v = accept_of as f64 / 10.0;
        let n = 4000u64;
        let r = robust(
            &s,
            &RobustOptions {
                samples: n,
                seed,
                candidates: vec![pk(v)],
                nash_pool: 0,
                ratified: false,
                focus: None,
                observations: s.observations.clone(),
            },
            &Silent,
        )
        .unwrap();
        let keep = (b - u) / (b - a);
        let exact = ((v.min(b) - u).max(0.0)) / (b - u);
        let got = r.p_party[0][0];
        let kept = r.kept as f64;
        let se = (exact * (1.0 - exact) / kept).sqrt().max(1.0 / kept);
        prop_assert!((got - exact).abs() <= 5.0 * se + 1e-9, "P = {} exact {} (kept {})", got, exact, kept);
        let se_keep = (keep * (1.0 - keep) / n as f64).sqrt().max(1.0 / n as f64);
        prop_assert!((kept / n as f64 - keep).abs() <= 5.0 * se_keep + 1e-9);
        prop_assert_eq!(r.kept + r.disagreed + r.invalid, n);
        // calibrate's prior share is the same count on the same samples.
        let shares = prior_shares(&s, n, seed, &Silent).unwrap();
        prop_assert_eq!(shares.kept_by_all, r.kept);
    }
}

#[test]
fn no_sample_kept_gives_no_probability_and_no_panic() {
    let mut s = ladder(0.1, 0.5);
    // Accepting a package valued 0 across no red line says r ≤ 0: no sample
    // of uniform(0.1, 0.5) agrees.
    s.observations.push(Observation {
        party: 0,
        package: vec![0],
        deal: None,
        response: Response::Accepts,
        source: None,
        date: None,
    });
    let r = robust(
        &s,
        &RobustOptions {
            samples: 500,
            seed: 1,
            candidates: vec![vec![5]],
            nash_pool: 3,
            ratified: false,
            focus: None,
            observations: s.observations.clone(),
        },
        &Silent,
    )
    .unwrap();
    assert_eq!(r.kept, 0);
    assert_eq!(r.disagreed, 500);
    assert!(r.p_zopa.is_nan());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// `inputs_of` names every uncertain input that can change whether a
    /// sample agrees with an observation: a sample with only those inputs
    /// drawn (the others at their base values) agrees exactly when the
    /// sample with every input drawn does. A rejection a red line explains
    /// names none.
    #[test]
    fn the_inputs_an_observation_constrains_are_all_that_matter(
        seed in any::<u64>(),
        picks in proptest::collection::vec((0usize..3, 0usize..18, any::<bool>()), 1..5),
        values in proptest::collection::vec((0usize..3, 0usize..3, 0usize..3), 0..4),
    ) {
        let mut s = synth::scenario(&shape(seed), seed);
        let all = packages(&s);
        for (party, k, accepts) in picks {
            s.observations.push(Observation {
                party,
                package: all[(k * 7 + seed as usize % 5) % all.len()].clone(),
                deal: None,
                response: if accepts { Response::Accepts } else { Response::Rejects },
                source: None,
                date: None,
            });
        }
        for p in 0..3 {
            let r = s.parties[p].reservation;
            s.uncertainty.inputs.push(Input {
                target: Target::Reservation(p),
                dist: Dist::Uniform { lo: (r - 0.2).max(0.0), hi: (r + 0.2).min(1.0) },
                factor: (p < 2).then(|| if p == 0 { "f".into() } else { "-f".into() }),
                label: format!("p{p}.reservation"),
            });
        }
        for (p, i, o) in values {
            let o = o % s.issues[i].options.len();
            let target = Target::Value(p, i, o);
            if s.uncertainty.inputs.iter().any(|x| x.target == target) {
                continue;
            }
            s.uncertainty.inputs.push(Input {
                target,
                dist: Dist::Uniform { lo: 0.0, hi: 1.0 },
                factor: None,
                label: format!("p{p}.values.{i}.{o}"),
            });
        }
        let spec = s.uncertainty.clone();
        let (_, of) = spec.sources();
        for k in 0..30u64 {
            let (full, u) = sample_on(&s, &spec, seed, k, false);
            for o in &s.observations {
                let named = inputs_of(&s, o);
                let mut only = s.clone();
                for (j, (x, &src)) in spec.inputs.iter().zip(&of).enumerate() {
                    if named.contains(&j) {
                        let inverse = x.factor.as_deref().is_some_and(|f| f.starts_with('-'));
                        apply(&mut only, x.target, x.dist.quantile(if inverse { 1.0 - u[src] } else { u[src] }));
                    }
                }
                prop_assert_eq!(o.agrees(&full), o.agrees(&only), "{:?} names {:?}", o, named);
                if o.response == Response::Rejects && !s.red_lines_crossed(o.party, &o.package).is_empty() {
                    prop_assert!(named.is_empty());
                }
            }
        }
    }
}
