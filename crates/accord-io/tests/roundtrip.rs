//! A scenario written as TOML reads back as the same scenario, and no input
//! makes the reader panic.

use accord_core::testing::brute;
use accord_core::testing::synth::{self, Shape};
use accord_io::diagnostic::SourceText;
use accord_io::scenario::{parse_scenario, Format};
use accord_io::write::scenario_toml;
use proptest::prelude::*;

fn shape() -> impl Strategy<Value = (Shape, u64)> {
    (
        1usize..=4,
        prop::collection::vec(1usize..=4, 1..=4),
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(parties, options, coarse, numeric_first, seed)| {
            (
                Shape {
                    parties,
                    options,
                    coarse,
                    red_line_pct: 50,
                    interaction_pct: 50,
                    numeric_first,
                    opposed: false,
                },
                seed,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn written_scenarios_read_back_identically((shape, seed) in shape()) {
        let mut s = synth::scenario(&shape, seed);
        if seed % 2 == 0 {
            synth::add_mediation(&mut s, seed);
        }
        // Observations: of a deal on file and of a package written in.
        let first: Vec<usize> = vec![0; s.issues.len()];
        s.deals.push(accord_core::model::Deal {
            id: "d0".into(),
            name: "first options".into(),
            description: None,
            package: first.clone(),
        });
        let last: Vec<usize> = s.issues.iter().map(|i| i.options.len() - 1).collect();
        for (k, (package, deal)) in [(first, Some("d0".to_string())), (last, None)].into_iter().enumerate() {
            s.observations.push(accord_core::model::Observation {
                party: (seed as usize + k) % s.parties.len(),
                package,
                deal,
                response: if (seed + k as u64) % 2 == 0 {
                    accord_core::model::Response::Accepts
                } else {
                    accord_core::model::Response::Rejects
                },
                source: (k == 0).then(|| "a \"quoted\" source [1]".to_string()),
                date: Some("2025-11-27".into()),
            });
        }
        let text = scenario_toml(&s, "round trip");
        let src = SourceText::new("rt.toml", text.clone());
        let back = match parse_scenario(&src, Format::Toml, None) {
            Ok(b) => b,
            Err(e) => {
                // Interactions can leave the 0–1 scale; then the original is invalid too.
                prop_assert!(accord_core::compile::Compiled::new(&s).is_err(), "{e}\n{text}");
                return Ok(());
            }
        };
        prop_assert_eq!(back.parties.len(), s.parties.len());
        for (a, b) in s.parties.iter().zip(&back.parties) {
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(a.role, b.role);
            prop_assert_eq!(a.veto, b.veto);
            prop_assert_eq!(a.reservation, b.reservation);
            prop_assert_eq!(a.pressure, b.pressure);
            prop_assert_eq!(a.ratification, b.ratification);
        }
        prop_assert_eq!(s.budget, back.budget);
        prop_assert_eq!(&s.observations, &back.observations);
        for pk in brute::packages(&s) {
            prop_assert!((s.incentive_cost(&pk) - back.incentive_cost(&pk)).abs() < 1e-12);
        }
        for pk in brute::packages(&s) {
            for p in 0..s.parties.len() {
                prop_assert!((s.utility(p, &pk) - back.utility(p, &pk)).abs() < 1e-12);
                prop_assert_eq!(s.red_lines_crossed(p, &pk), back.red_lines_crossed(p, &pk));
            }
        }
    }

    /// Random edits of a valid file never panic: they parse or give located errors.
    #[test]
    fn mangled_files_never_panic(cut in 0usize..2000, junk in "[ -~\n]{0,12}", (shape, seed) in shape()) {
        let mut s = synth::scenario(&shape, seed);
        synth::add_mediation(&mut s, seed);
        let text = scenario_toml(&s, "");
        let at = cut.min(text.len());
        let at = (0..=at).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
        let mangled = format!("{}{}{}", &text[..at], junk, &text[at..]);
        for format in [Format::Toml, Format::Yaml, Format::Json] {
            let src = SourceText::new("m", mangled.clone());
            if let Err(e) = parse_scenario(&src, format, None) {
                for ie in e.input_errors() {
                    let _ = ie.plain();
                    prop_assert!(ie.span.start <= mangled.len());
                }
            }
        }
    }
}

fn edge_number() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0",
        "-0.0",
        "1",
        "-1",
        "0.5",
        "1e308",
        "-1e308",
        "1e-300",
        "nan",
        "inf",
        "-inf",
        "9223372036854775807",
        "-9223372036854775808",
        "100000",
        "3",
        "0.1",
    ])
    .prop_map(String::from)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Extreme numbers in every numeric field never panic.
    #[test]
    fn extreme_numbers_never_panic(
        kind in prop::sample::select(vec!["integer", "real"]),
        min in edge_number(), max in edge_number(), step in edge_number(),
        res in edge_number(), w in edge_number(), x in edge_number(), v in edge_number(), bonus in edge_number(),
    ) {
        let text = format!(
            "[scenario]\nname = \"edge\"\n[[parties]]\nid = \"a\"\nrole = \"principal\"\nreservation = {res}\n\
             [[issues]]\nid = \"n\"\ntype = \"{kind}\"\nmin = {min}\nmax = {max}\nstep = {step}\n\
             [[issues]]\nid = \"d\"\noptions = [{{ id = \"x\" }}, {{ id = \"y\" }}]\n\
             [preferences.a]\nweights = {{ n = {w}, d = 1 }}\nvalues.n = [[{x}, {v}]]\nvalues.d = {{ x = 1, y = 0 }}\n\
             [[preferences.a.interactions]]\nwhen = {{ n = {{ min = {x} }}, d = \"x\" }}\nbonus = {bonus}\n"
        );
        let src = SourceText::new("edge.toml", text);
        if let Ok(s) = parse_scenario(&src, Format::Toml, None) {
            let _ = accord_core::analysis::analyze(&s, &accord_core::analysis::AnalyzeOptions::default());
        }
    }
}

/// An issue's owner and status quo are written back and read again.
#[test]
fn owners_read_back() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../accord-cli/tests/data/owners.toml"
    ))
    .unwrap();
    let s = parse_scenario(&SourceText::new("owners.toml", text), Format::Toml, None).unwrap();
    let i = s.issue_index("delivery").unwrap();
    let w = s.issues[i].owner.expect("an owner");
    assert_eq!(s.parties[w.party].id, "broker");
    assert_eq!(s.issues[i].options[w.status_quo].id, "slow");
    let again = parse_scenario(
        &SourceText::new("again.toml", scenario_toml(&s, "")),
        Format::Toml,
        None,
    )
    .unwrap();
    assert_eq!(again.issues[i].owner, s.issues[i].owner);
}
