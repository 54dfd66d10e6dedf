//! Genius XML / GeniusWeb JSON import and Genius export, on real ANAC domains
//! (copied into `tests/data/genius/`, see the README there for their origin).
//!
//! Expected utilities were computed independently of this crate by a throwaway
//! Python script that reads the same XML/JSON files with `xml.etree` / `json`
//! and applies the Genius 10.4 rules directly (discrete: evaluation / max
//! evaluation of the issue; integer: clamp(offset + slope·(x − lowerbound));
//! real: clamp(parameter0 + parameter1·x); weights divided by their sum;
//! nonlinear: Σ utilities of the hyperRectangles containing the bid /
//! maxutility; GeniusWeb: Σ weight·valueUtility), printed with `repr`.

use std::collections::HashSet;
use std::path::PathBuf;

use accord_core::analysis::{analyze, analyze_by_search, AnalyzeOptions, SparseFrontier};
use accord_core::model::{IssueKind, Role, Scenario};
use accord_core::testing::brute;
use accord_io::genius::{
    export_genius, import_genius, import_genius_warned, import_geniusweb, import_geniusweb_warned,
    ImportOptions, SourceFile,
};
use accord_io::{Error, ErrorKind};

const EPS: f64 = 1e-12;

fn data(path: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", "genius", path]
        .iter()
        .collect();
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

fn stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// Imports `dir/domain` with the profiles `dir/p` (paths relative to tests/data/genius).
fn import(
    dir: &str,
    domain: &str,
    profiles: &[&str],
    opts: &ImportOptions,
) -> Result<Scenario, Error> {
    let dpath = format!("{dir}/{domain}");
    let dtext = data(&dpath);
    let ppaths: Vec<String> = profiles.iter().map(|p| format!("{dir}/{p}")).collect();
    let ptexts: Vec<String> = ppaths.iter().map(|p| data(p)).collect();
    let files: Vec<SourceFile> = ppaths
        .iter()
        .zip(&ptexts)
        .map(|(p, t)| SourceFile {
            name: p,
            stem: stem(p),
            text: t,
        })
        .collect();
    import_genius(
        &SourceFile {
            name: &dpath,
            stem: stem(&dpath),
            text: &dtext,
        },
        &files,
        opts,
    )
}

fn import_ok(dir: &str, domain: &str, profiles: &[&str]) -> Scenario {
    import(dir, domain, profiles, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("importing {dir}: {e}"))
}

/// The package choosing, for each (issue name, option label), that option.
fn pkg(s: &Scenario, choice: &[(&str, &str)]) -> Vec<usize> {
    assert_eq!(choice.len(), s.issues.len());
    s.issues
        .iter()
        .map(|issue| {
            let (_, label) = choice
                .iter()
                .find(|(n, _)| *n == issue.name)
                .unwrap_or_else(|| panic!("no choice for issue {}", issue.name));
            issue
                .options
                .iter()
                .position(|o| o.label == *label)
                .unwrap_or_else(|| panic!("issue {} has no option {label}", issue.name))
        })
        .collect()
}

fn assert_utils(s: &Scenario, package: &[usize], expected: &[f64]) {
    assert_eq!(expected.len(), s.parties.len());
    for (p, e) in expected.iter().enumerate() {
        let u = s.utility(p, package);
        assert!(
            (u - e).abs() <= EPS,
            "party {} package {}: {u} != {e}",
            s.parties[p].id,
            s.package_label(package)
        );
    }
}

fn sizes(s: &Scenario) -> Vec<usize> {
    s.issues.iter().map(|i| i.options.len()).collect()
}

fn meta<'a>(s: &'a Scenario, p: usize, key: &str) -> Option<&'a str> {
    s.parties[p]
        .metadata
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn laptop() {
    let s = import_ok(
        "Laptop",
        "laptop_domain.xml",
        &["laptop_buyer_utility.xml", "laptop_seller_utility.xml"],
    );
    s.validate().unwrap();
    assert_eq!(sizes(&s), vec![3, 3, 3]);
    let ids: Vec<&str> = s.parties.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["laptop_buyer_utility", "laptop_seller_utility"]);
    assert!(s
        .parties
        .iter()
        .all(|p| p.role == Role::Principal && p.veto && p.reservation == 0.0));
    assert_eq!(meta(&s, 0, "discount_factor"), Some("0.42441038"));
    // The domain's objective is called "root": the scenario takes the file stem.
    assert_eq!(s.name, "laptop_domain");
    assert_eq!(
        s.description.as_deref(),
        Some("Imported from Genius: Laptop/laptop_domain.xml, Laptop/laptop_buyer_utility.xml, Laptop/laptop_seller_utility.xml")
    );
    assert_eq!(s.tolerance, accord_core::model::DEFAULT_TOLERANCE);
    assert!(s.deals.is_empty());
    // Sanitised ids, original names and labels.
    assert_eq!(s.issues[2].id, "External_Monitor");
    assert_eq!(s.issues[2].name, "External Monitor");
    assert_eq!(s.issues[1].options[0].id, "60_Gb");
    assert_eq!(s.issues[2].options[0].id, "19___LCD");
    assert_eq!(s.issues[2].options[0].label, "19'' LCD");
    assert!(matches!(s.issues[0].kind, IssueKind::Discrete));
    // Discrete evaluations divided by the issue's maximum (buyer Laptop: 12, 20, 30).
    assert!((s.preferences[0].values[0][0] - 0.4).abs() < EPS);
    // Expected values: Python reference (see the top of this file).
    let p = pkg(
        &s,
        &[
            ("Laptop", "Dell"),
            ("Harddisk", "60 Gb"),
            ("External Monitor", "19'' LCD"),
        ],
    );
    assert_utils(&s, &p, &[0.7328862913051054, 0.7142463896723428]);
    let p = pkg(
        &s,
        &[
            ("Laptop", "Macintosh"),
            ("Harddisk", "120 Gb"),
            ("External Monitor", "23'' LCD"),
        ],
    );
    assert_utils(&s, &p, &[0.5280435916575377, 0.5794837027732052]);
    let p = pkg(
        &s,
        &[
            ("Laptop", "HP"),
            ("Harddisk", "80 Gb"),
            ("External Monitor", "20'' LCD"),
        ],
    );
    assert_utils(&s, &p, &[0.756147320275354, 0.7255825178884766]);
}

#[test]
fn england_zimbabwe() {
    let s = import_ok(
        "EnglandZimbabwe",
        "EnglandZimbabwe_domain.xml",
        &["England.xml", "Zimbabwe.xml"],
    );
    assert_eq!(sizes(&s), vec![4, 4, 3, 3, 4]);
    assert_eq!(s.parties[0].id, "England");
    assert_eq!(s.issues[0].options[0].id, "_100_Billion");
    let p = pkg(
        &s,
        &[
            ("Size of Fund", "$50 Billion"),
            ("Impact on Other Aid", "No reduction"),
            ("Zimbabwe Trade Policy", "No agreement"),
            ("England Trade Policy", "England will reduce imports"),
            ("Forum on Other Health Issues", "Creation of fund"),
        ],
    );
    assert_utils(&s, &p, &[0.6339837753894535, 0.741762409955756]);
    let p = pkg(
        &s,
        &[
            ("Size of Fund", "No agreement"),
            ("Impact on Other Aid", "Reduction equal to fund size"),
            (
                "Zimbabwe Trade Policy",
                "Zimbabwe will reduce tariffs on imports",
            ),
            ("England Trade Policy", "No agreement"),
            ("Forum on Other Health Issues", "No"),
        ],
    );
    assert_utils(&s, &p, &[0.44502900848668026, 0.2141795081205923]);
}

#[test]
fn coffee_reservation_values() {
    let s = import_ok(
        "Coffee",
        "Coffee.xml",
        &["Coffee_util1.xml", "Coffee_util2.xml"],
    );
    assert_eq!(sizes(&s), vec![7, 4, 4]);
    // <reservation value="0.2"> after <discount_factor value="0.5">.
    assert_eq!(s.parties[0].reservation, 0.2);
    assert_eq!(s.parties[1].reservation, 0.2);
    assert_eq!(meta(&s, 1, "discount_factor"), Some("0.5"));
    // Sugar and Milk share option labels: ids are per issue.
    assert_eq!(s.issues[1].options[1].id, "little");
    let p = pkg(
        &s,
        &[("Bean", "Java"), ("Sugar", "little"), ("Milk", "some")],
    );
    assert_utils(&s, &p, &[0.3810736034367652, 0.5686872508086392]);
    let p = pkg(&s, &[("Bean", "Uganda"), ("Sugar", "no"), ("Milk", "much")]);
    assert_utils(&s, &p, &[0.35331118997879574, 0.8326810321137342]);
}

#[test]
fn triangular_fight_three_parties() {
    let s = import_ok(
        "TriangularFight",
        "triangularFight.xml",
        &[
            "triangularFight_util1.xml",
            "triangularFight_util2.xml",
            "triangularFight_util3.xml",
        ],
    );
    assert_eq!(s.parties.len(), 3);
    assert_eq!(sizes(&s), vec![3, 3]);
    assert!(s.parties.iter().all(|p| p.reservation == 0.3));
    assert_utils(
        &s,
        &pkg(&s, &[("a", "a1"), ("b", "b1")]),
        &[1.0, 0.6666666666666666, 0.6666666666666666],
    );
    assert_utils(
        &s,
        &pkg(&s, &[("a", "a2"), ("b", "b3")]),
        &[0.5, 0.8333333333333333, 0.5],
    );
    assert_utils(
        &s,
        &pkg(&s, &[("a", "a3"), ("b", "b2")]),
        &[0.5, 0.5, 0.8333333333333333],
    );
}

#[test]
fn zoning_plan_nine_parties() {
    let profiles: Vec<String> = (1..=9).map(|i| format!("Group4_util{i}.xml")).collect();
    let refs: Vec<&str> = profiles.iter().map(String::as_str).collect();
    let s = import_ok("ZoningPlan", "Group4.xml", &refs);
    assert_eq!(s.parties.len(), 9);
    assert_eq!(sizes(&s), vec![7, 4, 4, 4]);
    // The option "33%,33%,33%" is sanitised; the label is kept.
    assert_eq!(s.issues[0].options[6].id, "33__33__33_");
    let p = pkg(
        &s,
        &[
            ("Segmentation", "33%,33%,33%"),
            ("Water Canal", "Medium"),
            ("Park", "Small"),
            ("Functionality", "Housing"),
        ],
    );
    assert_utils(
        &s,
        &p,
        &[
            0.4685376653539873,
            0.6204329846154816,
            0.6783930260803801,
            0.6416846552801557,
            0.572490458340183,
            0.5190746442143351,
            0.7396192271786831,
            0.8487443054635754,
            0.5999673999626239,
        ],
    );
    let p = pkg(
        &s,
        &[
            ("Segmentation", "all to one(farmer)"),
            ("Water Canal", "None"),
            ("Park", "Big"),
            ("Functionality", "Industrial"),
        ],
    );
    assert_utils(
        &s,
        &p,
        &[
            0.40713114283278523,
            0.28987381920029565,
            0.6938646534351534,
            0.4578130767253845,
            0.4751379329798638,
            0.679134032074747,
            0.20123346701973135,
            0.7278147747610203,
            0.9999456666043732,
        ],
    );
    // Group4_util1 evaluates every Park option 0: all values 0.
    assert!(s.preferences[0].values[2].iter().all(|v| *v == 0.0));
}

#[test]
fn smart_energy_grid_integer_issue() {
    let s = import_ok(
        "SmartEnergyGrid",
        "Smart_Energy_Grid.xml",
        &[
            "Smart_Energy_Grid_util1.xml",
            "Smart_Energy_Grid_util2.xml",
            "Smart_Energy_Grid_util3.xml",
        ],
    );
    assert_eq!(sizes(&s), vec![41, 4, 6]);
    assert_eq!(s.name, "Smart_Energy_Grid");
    assert_eq!(
        s.issues[0].kind,
        IssueKind::Integer {
            min: 10,
            max: 50,
            step: 1,
            unit: None
        }
    );
    assert_eq!(s.issues[0].options[27].id, "37");
    assert_eq!(s.issues[0].options[27].value, Some(37.0));
    // offset + slope·(x − lowerbound): util1 (slope 0.025, offset 0) at x = 30 is 0.5.
    assert!((s.preferences[0].values[0][20] - 0.5).abs() < EPS);
    let d = "Energy cost distribution over day";
    let p = pkg(
        &s,
        &[
            ("Energy Price", "10"),
            (d, "Morning"),
            ("Energy source", "Wind"),
        ],
    );
    assert_utils(
        &s,
        &p,
        &[0.4661165780813719, 0.9099520242586432, 0.9251794613059123],
    );
    let p = pkg(
        &s,
        &[
            ("Energy Price", "37"),
            (d, "Night"),
            ("Energy source", "Coal"),
        ],
    );
    assert_utils(
        &s,
        &p,
        &[0.5806473991566304, 0.2543128273955718, 0.3679915007679869],
    );
    let p = pkg(
        &s,
        &[
            ("Energy Price", "50"),
            (d, "Midday"),
            ("Energy source", "Natural gas"),
        ],
    );
    assert_utils(
        &s,
        &p,
        &[0.8925327020136172, 0.6977028860291643, 0.2390939456591475],
    );
}

#[test]
fn single_real_issue_discretised() {
    let profiles = ["buyer_utility.xml", "seller_utility.xml"];
    let s = import_ok("SingleRealIssue", "single_issue_domain.xml", &profiles);
    // Default real_steps = 10: 11 grid points 10, 13, …, 40.
    assert_eq!(sizes(&s), vec![11]);
    match s.issues[0].kind {
        IssueKind::Real { min, max, step, .. } => {
            assert_eq!((min, max), (10.0, 40.0));
            assert!((step - 3.0).abs() < EPS);
        }
        ref k => panic!("expected a real issue, got {k:?}"),
    }
    let ids: Vec<&str> = s.issues[0].options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["10", "13", "16", "19", "22", "25", "28", "31", "34", "37", "40"]
    );
    let issue = "One_and_only_issue";
    // parameter0 + parameter1·x, clamped (buyer: 1.3333333333 − 0.033333333·x).
    assert_utils(&s, &pkg(&s, &[(issue, "10")]), &[1.0, 0.0]);
    assert_utils(
        &s,
        &pkg(&s, &[(issue, "13")]),
        &[0.9000000042999999, 0.09999999000000004],
    );
    assert_utils(
        &s,
        &pkg(&s, &[(issue, "22")]),
        &[0.6000000072999999, 0.39999996],
    );
    assert_utils(
        &s,
        &pkg(&s, &[(issue, "40")]),
        &[1.329999999022391e-08, 0.9999998999999999],
    );

    let s3 = import(
        "SingleRealIssue",
        "single_issue_domain.xml",
        &profiles,
        &ImportOptions { real_steps: 3 },
    )
    .unwrap();
    let ids: Vec<&str> = s3.issues[0].options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["10", "20", "30", "40"]);
    let bad = import(
        "SingleRealIssue",
        "single_issue_domain.xml",
        &profiles,
        &ImportOptions { real_steps: 0 },
    );
    assert!(
        matches!(&bad, Err(e) if e.kind() == ErrorKind::Invalid
            && e.to_string().contains("invalid import options")),
        "{bad:?}"
    );
}

fn flightbooking() -> Scenario {
    let names = [
        "FlightBooking-geniusweb/flightbooking1.json",
        "FlightBooking-geniusweb/flightbooking2.json",
    ];
    let texts: Vec<String> = names.iter().map(|n| data(n)).collect();
    let files: Vec<SourceFile> = names
        .iter()
        .zip(&texts)
        .map(|(n, t)| SourceFile {
            name: n,
            stem: stem(n),
            text: t,
        })
        .collect();
    import_geniusweb(&files, &ImportOptions::default()).unwrap()
}

#[test]
fn flightbooking_geniusweb() {
    let s = flightbooking();
    assert_eq!(s.name, "flightbooking");
    assert_eq!(sizes(&s), vec![4, 3, 3]);
    let names: Vec<&str> = s.issues.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["price", "departure airport", "departure date"]);
    assert_eq!(s.issues[1].id, "departure_airport");
    assert_eq!(s.issues[2].options[0].id, "2_sept.");
    // Value utilities used as given, not divided by their maximum.
    assert_eq!(s.preferences[1].values[1][1], 0.665);
    assert_eq!(s.preferences[0].values[1][0], 0.667);
    // Reservation value = utility of the reservation bid under that profile.
    assert!((s.parties[0].reservation - 0.70845).abs() < EPS);
    assert!((s.parties[1].reservation - 0.60005).abs() < EPS);
    let p = pkg(
        &s,
        &[
            ("price", "150000yen"),
            ("departure airport", "Narita"),
            ("departure date", "4 sept."),
        ],
    );
    assert_utils(&s, &p, &[0.6376, 0.8497]);
    let p = pkg(
        &s,
        &[
            ("price", "300000yen"),
            ("departure airport", "Kansai"),
            ("departure date", "2 sept."),
        ],
    );
    assert_utils(&s, &p, &[0.56645, 0.475]);
}

#[test]
fn geniusweb_domains_must_match() {
    let a = data("FlightBooking-geniusweb/flightbooking1.json");
    let b = data("FlightBooking-geniusweb/flightbooking2.json").replace("\"Kansai\"", "\"Itami\"");
    let files = [
        SourceFile {
            name: "one.json",
            stem: "one",
            text: &a,
        },
        SourceFile {
            name: "two.json",
            stem: "two",
            text: &b,
        },
    ];
    let err = import_geniusweb(&files, &ImportOptions::default()).unwrap_err();
    assert!(err.is_input(), "{err}");
    assert!(
        err.to_string().contains("does not match the domain"),
        "{err}"
    );
    assert!(err.to_string().contains("two.json"), "{err}");
}

const LEGACY_DOMAIN: &str = r#"<?xml version="1.0"?>
<negotiation_template>
  <utility_space>
    <objective index="0" name="Legacy &amp; Co">
      <issue index="1" name="Colour">
        <item index="1" value="red"/>
        <item index="2" value="green"/>
        <item index="3" value="blue"/>
      </issue>
      <issue index="2" name="Count" lowerbound="1" upperbound="4"/>
      <issue index="3" name="Price">
        <range lowerbound="0.0" upperbound="1.0"/>
      </issue>
    </objective>
  </utility_space>
</negotiation_template>
"#;

const LEGACY_PROFILE: &str = r#"<utility_space>
  <objective index="0" name="Legacy">
    <issue index="1" name="Colour">
      <item index="1" value="red" evaluation="2">
        <similarity_function>
          <item value="red" evaluation="1000"/>
          <item value="green" evaluation="500"/>
        </similarity_function>
      </item>
      <item index="2" value="green" evaluation="4"/>
      <item index="3" value="blue" evaluation="1"/>
      <similarity_function>
        <item index="1" value="blue" evaluation="99"/>
      </similarity_function>
    </issue>
    <issue index="2" name="Count" lowerbound="1" upperbound="4">
      <evaluator ftype="linear" slope="0.5" offset="-0.25"/>
    </issue>
    <issue index="3" name="Price">
      <range lowerbound="0.0" upperbound="1.0"/>
      <evaluator ftype="linear" parameter0="1" parameter1="-1"/>
    </issue>
    <weight index="3" value="1"/>
    <weight index="1" value="2"/>
    <weight index="2" value="1"/>
  </objective>
  <reservation>0.25</reservation>
</utility_space>
"#;

#[test]
fn legacy_files_without_types_and_nested_items() {
    let d = SourceFile {
        name: "legacy_domain.xml",
        stem: "legacy_domain",
        text: LEGACY_DOMAIN,
    };
    let p = SourceFile {
        name: "dir/my profile.xml",
        stem: "my profile",
        text: LEGACY_PROFILE,
    };
    let s = import_genius(&d, &[p], &ImportOptions { real_steps: 4 }).unwrap();
    assert_eq!(s.name, "Legacy & Co");
    assert_eq!(s.parties[0].id, "my_profile");
    assert_eq!(s.parties[0].name, "my profile");
    assert_eq!(s.parties[0].reservation, 0.25);
    assert!(matches!(s.issues[0].kind, IssueKind::Discrete));
    assert!(matches!(
        s.issues[1].kind,
        IssueKind::Integer { min: 1, max: 4, .. }
    ));
    assert!(matches!(s.issues[2].kind, IssueKind::Real { .. }));
    assert_eq!(sizes(&s), vec![3, 4, 5]);
    // Only the direct items count: max evaluation 4, not 1000.
    assert_eq!(s.preferences[0].values[0], vec![0.5, 1.0, 0.25]);
    // −0.25 + 0.5·(x − 1) for x = 1..4, clamped.
    assert_eq!(s.preferences[0].values[1], vec![0.0, 0.25, 0.75, 1.0]);
    // 1 − x on 0, 0.25, 0.5, 0.75, 1.
    assert_eq!(s.preferences[0].values[2], vec![1.0, 0.75, 0.5, 0.25, 0.0]);
    // Weights by index, divided by their sum (2 + 1 + 1).
    assert_eq!(s.preferences[0].weights, vec![0.5, 0.25, 0.25]);
}

// --- S-1NIKFRT-1: nonlinear profiles and Genius's own Pareto frontier -------

fn pareto_xml() -> Vec<(f64, f64)> {
    genius_pareto("S-1NIKFRT-1")
}

/// A domain's `pareto.xml`, points by increasing u1. Not XML: one "u1, u2"
/// line per point (profile-1, profile-2), after an empty first line,
/// printed with Java float precision (about 8 digits).
fn genius_pareto(dir: &str) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = data(&format!("{dir}/pareto.xml"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once(',').expect("u1, u2");
            (a.trim().parse().unwrap(), b.trim().parse().unwrap())
        })
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

/// The analysis's frontier points (u1, u2) by increasing u1, rounded to
/// Java float precision when within 1e-6 of the other list's point.
fn frontier_of(a: &accord_core::analysis::Analysis) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = a
        .pareto
        .iter()
        .map(|p| (p.utilities[0], p.utilities[1]))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

/// Whether two lists of points agree within Genius's float precision.
fn same_points(a: &[(f64, f64)], b: &[(f64, f64)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x.0 - y.0).abs() < 1e-6 && (x.1 - y.1).abs() < 1e-6)
}

fn nikfrt() -> Scenario {
    import_ok(
        "S-1NIKFRT-1",
        "S-1NIKFRT-1-domain.xml",
        &["profile-1.xml", "profile-2.xml"],
    )
}

/// Upper bound on each party's utility over the packages extending the
/// first `depth` choices of `partial`.
fn upper_bounds(s: &Scenario, partial: &[usize], depth: usize) -> Vec<f64> {
    (0..s.parties.len())
        .map(|p| {
            let prefs = &s.preferences[p];
            let mut u = 0.0;
            for (i, (w, vals)) in prefs.weights.iter().zip(&prefs.values).enumerate() {
                u += w * if i < depth {
                    vals[partial[i]]
                } else {
                    vals.iter().copied().fold(0.0, f64::max)
                };
            }
            for it in &prefs.interactions {
                let possible = it
                    .condition
                    .clauses
                    .iter()
                    .all(|(i, opts)| *i >= depth || opts.contains(&partial[*i]));
                let certain = it.condition.clauses.iter().all(|(i, _)| *i < depth);
                if possible && (certain || it.bonus > 0.0) {
                    u += it.bonus;
                }
            }
            u
        })
        .collect()
}

/// Searches by branch and bound (over the options in `reps`) for a package whose
/// utility vector is not weakly dominated by (or equal to) a point of `front`;
/// returns its vector, or `None` with the number of leaves visited.
fn find_beyond(s: &Scenario, reps: &[Vec<usize>], front: &[(f64, f64)]) -> Result<usize, Vec<f64>> {
    fn covered(front: &[(f64, f64)], u: &[f64]) -> bool {
        front
            .iter()
            .any(|(a, b)| u[0] <= a + 1e-6 && u[1] <= b + 1e-6)
    }
    fn go(
        s: &Scenario,
        reps: &[Vec<usize>],
        front: &[(f64, f64)],
        partial: &mut Vec<usize>,
        leaves: &mut usize,
    ) -> Result<(), Vec<f64>> {
        let depth = partial.len();
        if depth == s.issues.len() {
            *leaves += 1;
            let u = brute::vector(s, &[0, 1], partial);
            return if covered(front, &u) { Ok(()) } else { Err(u) };
        }
        if covered(front, &upper_bounds(s, partial, depth)) {
            return Ok(());
        }
        for &o in &reps[depth] {
            partial.push(o);
            go(s, reps, front, partial, leaves)?;
            partial.pop();
        }
        Ok(())
    }
    let mut leaves = 0;
    go(s, reps, front, &mut Vec::new(), &mut leaves)?;
    Ok(leaves)
}

/// One option per class of options that every party's additive values and
/// every interaction clause treat alike (so the classes share all utilities).
fn option_classes(s: &Scenario) -> Vec<Vec<usize>> {
    (0..s.issues.len())
        .map(|i| {
            let mut seen = HashSet::new();
            (0..s.issues[i].options.len())
                .filter(|&o| {
                    let mut sig = Vec::new();
                    for prefs in &s.preferences {
                        sig.push(prefs.values[i][o].to_bits());
                        for it in &prefs.interactions {
                            for (j, opts) in &it.condition.clauses {
                                if *j == i {
                                    sig.push(u64::from(opts.contains(&o)));
                                }
                            }
                        }
                    }
                    seen.insert(sig)
                })
                .collect()
        })
        .collect()
}

#[test]
fn nikfrt_nonlinear_profiles() {
    let s = nikfrt();
    assert_eq!(sizes(&s), vec![10; 10]);
    assert_eq!(s.issues[0].name, "c1-i10");
    assert_eq!(s.parties[0].reservation, 0.6);
    assert_eq!(s.parties[1].reservation, 0.5);
    assert_eq!(meta(&s, 0, "discount_factor"), Some("0.95"));
    // 20 hyperRectangles each, as interactions on a zero additive part.
    assert_eq!(s.preferences[0].interactions.len(), 20);
    assert_eq!(s.preferences[1].interactions.len(), 20);
    // Packages as the values of issues 1..10; utilities = Σ rectangle
    // utilities / maxutility (1036 and 704), from the Python reference.
    let cases: [(&str, f64, f64); 7] = [
        ("0000000000", 0.08108108108108109, 0.24147727272727273),
        ("9999999999", 0.2673745173745174, 0.4147727272727273),
        ("0123456789", 0.5106177606177607, 0.6150568181818182),
        ("7593580387", 1.0, 0.7698863636363636),
        ("4593580387", 0.917953667953668, 0.9076704545454546),
        ("4593559387", 0.8108108108108109, 0.9559659090909091),
        ("4993559387", 0.6061776061776062, 1.0),
    ];
    for (digits, u1, u2) in cases {
        let p: Vec<usize> = digits.bytes().map(|b| usize::from(b - b'0')).collect();
        assert_utils(&s, &p, &[u1, u2]);
    }
}

#[test]
fn nikfrt_frontier_matches_pareto_xml() {
    let s = nikfrt();
    let front = pareto_xml();
    assert_eq!(front.len(), 4);
    // analyze runs by branch and bound (the rectangles tie all ten issues
    // into one compound issue of 10^10 combinations, past the merge's limit)
    // and gives exactly Genius's points.
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    assert!(
        same_points(&frontier_of(&a), &front),
        "{:?}",
        frontier_of(&a)
    );
    // Independently of the engine: (1) each pareto.xml point is reached by
    // a package (found offline by enumerating the option classes in C);
    let witnesses = ["7593580387", "4593580387", "4593559387", "4993559387"];
    let mut reached: Vec<(f64, f64)> = witnesses
        .iter()
        .map(|w| {
            let p: Vec<usize> = w.bytes().map(|b| usize::from(b - b'0')).collect();
            (s.utility(0, &p), s.utility(1, &p))
        })
        .collect();
    reached.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (r, f) in reached.iter().zip(&front) {
        assert!(
            (r.0 - f.0).abs() < 1e-6 && (r.1 - f.1).abs() < 1e-6,
            "{r:?} vs {f:?}"
        );
    }
    // (2) no package lies beyond them (branch and bound over option classes).
    let reps = option_classes(&s);
    let leaves = find_beyond(&s, &reps, &front).unwrap_or_else(|u| {
        panic!("a package has utilities {u:?}, beyond the points of pareto.xml")
    });
    assert!(leaves > 0);
    // Control: without its third point the search finds a package beyond.
    let fewer = [front[0], front[1], front[3]];
    let u = find_beyond(&s, &reps, &fewer).unwrap_err();
    assert!(u[0] > front[1].0 && u[1] > front[3].1 - 1e-6, "{u:?}");
    eprintln!("branch and bound visited {leaves} leaves");
    // The points are mutually non-dominated, so they are exactly the frontier.
    for a in &front {
        for b in &front {
            assert!(a == b || !(a.0 <= b.0 && a.1 <= b.1));
        }
    }
}

/// The nonlinear ANAC 2014 domains (10 issues of 10 values, 10^10 bids;
/// two with the cap at 1 binding, one with EXCLUDES rectangles) analysed
/// exactly by branch and bound, against Genius's `pareto.xml`.
#[test]
fn nonlinear_domains_match_pareto_xml() {
    for (dir, domain) in [
        ("10issues", "10issues-domain.xml"),
        ("10issuesDiscounted", "10issuesDiscounted-domain.xml"),
        (
            "10issuesDiscountedwithRV",
            "10issuesDiscountedwithRV-domain.xml",
        ),
        ("S-1NAGUNL-114", "S-1NAGUNL-114-domain.xml"),
    ] {
        let s = import_ok(dir, domain, &["profile-1.xml", "profile-2.xml"]);
        let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
        let ours = frontier_of(&a);
        assert!(same_points(&ours, &genius_pareto(dir)), "{dir}: {ours:?}");
        // Each point's package has the point's utilities by the plain
        // definition, and the ZOPA count is exact.
        for p in &a.pareto {
            assert_utils(&s, &p.package, &p.utilities);
        }
        assert!(a.zopa_method.exact(), "{dir}");
    }
}

/// The two frontier methods for compound issues too large to list (by
/// stages, by branch and bound) give the same report on real domains: the
/// same points, counts, first packages and ZOPA counts, the cap binding in
/// two of them.
#[test]
fn stages_and_search_agree_on_nonlinear_domains() {
    for (dir, domain) in [
        ("10issues", "10issues-domain.xml"),
        ("10issuesDiscounted", "10issuesDiscounted-domain.xml"),
        ("10issueswithRV", "10issueswithRV-domain.xml"),
        ("S-1NIKFRT-1", "S-1NIKFRT-1-domain.xml"),
        ("S-1NAGUNL-114", "S-1NAGUNL-114-domain.xml"),
    ] {
        let s = import_ok(dir, domain, &["profile-1.xml", "profile-2.xml"]);
        let by = |how| {
            let opts = AnalyzeOptions {
                max_listed_per_point: 2,
                sparse_frontier: how,
                ..AnalyzeOptions::default()
            };
            let a = analyze_by_search(&s, &opts, &accord_core::observe::Silent).unwrap();
            a.pareto
                .iter()
                .map(|p| {
                    (
                        p.package.clone(),
                        p.more_packages.clone(),
                        p.count.clone(),
                        p.zopa_count.clone(),
                        p.utilities.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let staged = by(SparseFrontier::Stages);
        assert!(!staged.is_empty(), "{dir}");
        assert_eq!(staged, by(SparseFrontier::Search), "{dir}");
    }
}

/// `S-1NAGUNL-128` (30 issues, EXCLUDES rectangles, the cap binding): exact
/// by stages in their own order (the searches' order passes the stages'
/// limits): 122 points, none dominated by another, that weakly dominate
/// every point of Genius's `pareto.xml` (92 of its 94 strictly), each
/// point's utilities its package's.
#[test]
fn nagunl_128_by_stages_in_their_own_order() {
    let s = import_ok(
        "S-1NAGUNL-128",
        "S-1NAGUNL-128-domain.xml",
        &["profile-1.xml", "profile-2.xml"],
    );
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    let ours = frontier_of(&a);
    assert_eq!(ours.len(), 122);
    for (i, x) in ours.iter().enumerate() {
        for y in &ours[i + 1..] {
            assert!(!(y.0 >= x.0 && y.1 >= x.1), "{x:?} dominated by {y:?}");
        }
    }
    let theirs = genius_pareto("S-1NAGUNL-128");
    let mut strictly = 0;
    for g in &theirs {
        assert!(
            ours.iter().any(|o| o.0 >= g.0 - 1e-6 && o.1 >= g.1 - 1e-6),
            "{g:?} not covered"
        );
        strictly += usize::from(ours.iter().any(|o| {
            o.0 >= g.0 - 1e-6 && o.1 >= g.1 - 1e-6 && (o.0 > g.0 + 1e-6 || o.1 > g.1 + 1e-6)
        }));
    }
    assert_eq!((theirs.len(), strictly), (94, 92));
    for p in &a.pareto {
        for (k, u) in p.utilities.iter().enumerate() {
            assert_eq!(*u, s.utility(k, &p.package));
        }
    }
}

/// The mediator's queries on nonlinear domains the merge refuses, by
/// branch and bound, against `analyze`'s frontier of the two parties (every
/// quantity below is attained on it): the least pressure, the best deal for
/// the party served, the least shift of reservation values, each party's
/// slack; and `repair`'s deals are inside the zone with the fewest changes
/// no deal on the frontier undercuts.
#[test]
fn mediator_queries_on_nonlinear_domains() {
    use accord_core::leverage::{
        mediate_by_search, min_total_shift_by_search, repair_by_search, slack_by_search, Query,
    };
    use accord_core::model::Pressure;
    use accord_core::observe::Silent;
    for (dir, domain, r1, r2) in [
        ("10issueswithRV", "10issueswithRV-domain.xml", 0.75, 0.97),
        ("10issues", "10issues-domain.xml", 0.8, 0.9),
        ("S-1NIKFRT-1", "S-1NIKFRT-1-domain.xml", 0.5, 0.95),
    ] {
        let mut s = import_ok(dir, domain, &["profile-1.xml", "profile-2.xml"]);
        assert!(
            accord_core::compile::Compiled::new(&s).is_err(),
            "{dir}: the merge refuses it"
        );
        s.parties[0].reservation = r1;
        s.parties[1].reservation = r2;
        s.parties[1].pressure = Some(Pressure {
            max: 0.3,
            cost: 0.6,
        });
        let front: Vec<(f64, f64)> = frontier_of(&analyze(&s, &AnalyzeOptions::default()).unwrap());
        let eps = 1e-9;
        // mediate: press profile-2, profile-1 satisfied, profile-1 served.
        let q = Query {
            satisfy: vec![0],
            press: vec![1],
            mediator: None,
            maximize: Some(0),
            curve: true,
            limit: 3,
            ratified: false,
        };
        let m = mediate_by_search(&s, &q, &Silent).unwrap_or_else(|e| panic!("{dir}: {e:?}"));
        let reach: Vec<&(f64, f64)> = front
            .iter()
            .filter(|(u1, u2)| *u1 >= r1 - eps && *u2 >= r2 - 0.3 - eps)
            .collect();
        let least = reach
            .iter()
            .map(|(_, u2)| (r2 - u2).max(0.0))
            .fold(f64::INFINITY, f64::min);
        assert!(
            (m.least_pressure - least).abs() < 1e-9,
            "{dir}: {} vs {least}",
            m.least_pressure
        );
        let best = reach
            .iter()
            .map(|(u1, _)| *u1)
            .fold(f64::NEG_INFINITY, f64::max);
        let first = &m.deals[0];
        assert!((s.utility(0, &first.package) - best).abs() < 1e-9, "{dir}");
        assert!(
            (first.total_pressure() - (r2 - s.utility(1, &first.package)).max(0.0)).abs() < 1e-9
        );
        assert!((first.total_cost - 2.0 * first.total_pressure()).abs() < 1e-9);
        let curve = m.curve.expect("a curve");
        assert!(
            (s.utility(0, &curve.last().unwrap().package) - best).abs() < 1e-9,
            "{dir}"
        );
        // leverage: the least shift and the slack.
        let shift = |(u1, u2): &(f64, f64)| (r1 - u1).max(0.0) + (r2 - u2).max(0.0);
        let want = front.iter().map(shift).fold(f64::INFINITY, f64::min);
        let sh = min_total_shift_by_search(&s, false, &Silent)
            .unwrap()
            .expect("no red lines");
        assert!(
            (sh.total - want).abs() < 1e-9,
            "{dir}: {} vs {want}",
            sh.total
        );
        let inside: Vec<&(f64, f64)> = front
            .iter()
            .filter(|(u1, u2)| *u1 >= r1 - eps && *u2 >= r2 - eps)
            .collect();
        let slack = slack_by_search(&s, false, &Silent).unwrap();
        if inside.is_empty() {
            assert!(slack.is_empty(), "{dir}");
        } else {
            let top1 = inside.iter().map(|x| x.0).fold(f64::NEG_INFINITY, f64::max);
            assert!((slack[0].1 - (top1 - r1)).abs() < 1e-9, "{dir}");
        }
        // repair the all-zeros package, with the zone open (profile-2's
        // reservation lowered to what the least pressure reaches).
        s.parties[1].reservation = r2 - least;
        let proposal = vec![0; s.issues.len()];
        let r = repair_by_search(&s, &proposal, None, 3, false, &Silent).unwrap();
        let changes = r.changes.expect("the zone is open");
        assert!(!r.deals.is_empty());
        for d in &r.deals {
            assert!(
                s.acceptable(0, &d.package) && s.acceptable(1, &d.package),
                "{dir}"
            );
            assert_eq!(d.changed.len(), changes);
        }
    }
}

/// `10issueswithRV`: Genius's `pareto.xml` lacks a point. The package below
/// reaches (0.7108, 0.9792) (by Genius's own rule: Σ of the rectangles
/// containing the bid / maxutility, checked in Python from the XML), which
/// no point of `pareto.xml` dominates, so that file is not the frontier;
/// accord's frontier is pareto.xml plus this point.
#[test]
fn ten_issues_with_rv_has_a_point_pareto_xml_lacks() {
    let s = import_ok(
        "10issueswithRV",
        "10issueswithRV-domain.xml",
        &["profile-1.xml", "profile-2.xml"],
    );
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    let genius = genius_pareto("10issueswithRV");
    let extra = a
        .pareto
        .iter()
        .find(|p| (p.utilities[0] - 0.710_820_895_522_388).abs() < 1e-9)
        .expect("the point pareto.xml lacks");
    assert!((extra.utilities[1] - 0.9792).abs() < 1e-9);
    assert!(genius
        .iter()
        .all(|g| !(g.0 >= extra.utilities[0] - 1e-6 && g.1 >= extra.utilities[1] - 1e-6)));
    let mut with_extra = genius.clone();
    with_extra.push((extra.utilities[0], extra.utilities[1]));
    with_extra.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(same_points(&frontier_of(&a), &with_extra));
    // Its package, as the issues' values in index order (c1-i10 … c1-i1),
    // and its utilities by the Python reference (Genius's rule on the XML).
    assert_eq!(extra.package, vec![0, 6, 7, 7, 0, 3, 0, 3, 6, 5]);
    assert_utils(&s, &extra.package, &[0.710820895522388, 0.9792]);
}

// --- Round trip -----------------------------------------------------------

fn reimport(e: &accord_io::genius::GeniusExport, real_steps: usize) -> Scenario {
    let files: Vec<SourceFile> = e
        .profiles
        .iter()
        .map(|(id, x)| SourceFile {
            name: id,
            stem: id,
            text: x,
        })
        .collect();
    import_genius(
        &SourceFile {
            name: "exported_domain.xml",
            stem: "exported_domain",
            text: &e.domain,
        },
        &files,
        &ImportOptions { real_steps },
    )
    .unwrap_or_else(|err| panic!("re-importing the export: {err}\n{}", e.domain))
}

fn assert_round_trip(s: &Scenario) {
    let e = export_genius(s).unwrap();
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    let t = reimport(&e, 10);
    assert_eq!(t.name, s.name);
    assert_eq!(sizes(&t), sizes(s));
    for (a, b) in s.parties.iter().zip(&t.parties) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.reservation, b.reservation);
        assert_eq!(a.metadata, b.metadata);
    }
    for (i, (a, b)) in s.issues.iter().zip(&t.issues).enumerate() {
        assert_eq!(a.name, b.name, "issue {i}");
        let la: Vec<&str> = a.options.iter().map(|o| o.label.as_str()).collect();
        let lb: Vec<&str> = b.options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(la, lb, "issue {i}");
    }
    for p in brute::packages(s) {
        for q in 0..s.parties.len() {
            let (u, v) = (s.utility(q, &p), t.utility(q, &p));
            assert!((u - v).abs() <= EPS, "{}: {u} vs {v}", s.package_label(&p));
        }
    }
}

#[test]
fn round_trip_preserves_utilities() {
    assert_round_trip(&import_ok(
        "Laptop",
        "laptop_domain.xml",
        &["laptop_buyer_utility.xml", "laptop_seller_utility.xml"],
    ));
    assert_round_trip(&import_ok(
        "TriangularFight",
        "triangularFight.xml",
        &[
            "triangularFight_util1.xml",
            "triangularFight_util2.xml",
            "triangularFight_util3.xml",
        ],
    ));
    assert_round_trip(&import_ok(
        "Coffee",
        "Coffee.xml",
        &["Coffee_util1.xml", "Coffee_util2.xml"],
    ));
    let profiles: Vec<String> = (1..=9).map(|i| format!("Group4_util{i}.xml")).collect();
    let refs: Vec<&str> = profiles.iter().map(String::as_str).collect();
    assert_round_trip(&import_ok("ZoningPlan", "Group4.xml", &refs));
    // Integer issue exported as a discrete one with the option ids as values.
    assert_round_trip(&import_ok(
        "SmartEnergyGrid",
        "Smart_Energy_Grid.xml",
        &[
            "Smart_Energy_Grid_util1.xml",
            "Smart_Energy_Grid_util2.xml",
            "Smart_Energy_Grid_util3.xml",
        ],
    ));
    assert_round_trip(&flightbooking());
}

#[test]
fn export_rescales_when_no_option_is_worth_one() {
    // The seller's best value is 0.9999999 (−0.3333333 + 0.03333333·40), not 1.
    let s = import_ok(
        "SingleRealIssue",
        "single_issue_domain.xml",
        &["buyer_utility.xml", "seller_utility.xml"],
    );
    let e = export_genius(&s).unwrap();
    assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
    assert!(
        e.warnings[0].contains("seller_utility"),
        "{}",
        e.warnings[0]
    );
    assert!(e.warnings[0].contains("rescale"), "{}", e.warnings[0]);
    let t = reimport(&e, 10);
    let best = 0.9999998999999999;
    for p in brute::packages(&s) {
        assert!((s.utility(0, &p) - t.utility(0, &p)).abs() <= EPS);
        assert!((s.utility(1, &p) / best - t.utility(1, &p)).abs() <= EPS);
    }
}

#[test]
fn export_warns_about_what_genius_cannot_express() {
    let mut s = nikfrt();
    s.parties[1].role = Role::Mediator;
    s.parties[1].veto = false;
    let e = export_genius(&s).unwrap();
    let joined = e.warnings.join("\n");
    assert!(
        joined.contains("`profile-1`: dropped 0 red line(s) and 20 interaction(s)"),
        "{joined}"
    );
    assert!(
        joined.contains("`profile-2`: dropped 0 red line(s) and 20 interaction(s)"),
        "{joined}"
    );
    assert!(joined.contains("no roles"), "{joined}");
    // Still a valid Genius pair of files.
    let t = reimport(&e, 10);
    assert_eq!(t.parties.len(), 2);
    assert_eq!(t.parties[1].reservation, 0.5);
}

#[test]
fn export_escapes_attribute_values() {
    let mut s = import_ok(
        "Laptop",
        "laptop_domain.xml",
        &["laptop_buyer_utility.xml", "laptop_seller_utility.xml"],
    );
    s.name = "Tom & \"Jerry\" <deal>".into();
    s.issues[0].name = "Lap'top".into();
    s.issues[0].options[0].label = "Dell <\"&'>\n\tx".into();
    let e = export_genius(&s).unwrap();
    assert!(
        e.domain.contains("Dell &lt;&quot;&amp;'&gt;&#10;&#9;x"),
        "{}",
        e.domain
    );
    let t = reimport(&e, 10);
    assert_eq!(t.name, s.name);
    assert_eq!(t.issues[0].name, "Lap'top");
    assert_eq!(t.issues[0].options[0].label, "Dell <\"&'>\n\tx");
}

// --- Errors ------------------------------------------------------------------

fn laptop_with_profile(text: &str) -> Result<Scenario, Error> {
    let d = data("Laptop/laptop_domain.xml");
    import_genius(
        &SourceFile {
            name: "laptop_domain.xml",
            stem: "laptop_domain",
            text: &d,
        },
        &[SourceFile {
            name: "buyer.xml",
            stem: "buyer",
            text,
        }],
        &ImportOptions::default(),
    )
}

#[test]
fn malformed_xml_reports_line_and_column() {
    let text = "<utility_space>\n  <objective index=\"0\">\n    <issue index=\"1\" name=\"Laptop\">\n  </objective>\n</utility_space>\n";
    let err = laptop_with_profile(text).unwrap_err();
    let [e] = err.input_errors() else {
        panic!("expected one located error, got {err}");
    };
    assert!(e.message.starts_with("malformed XML"), "{err}");
    assert_eq!(e.source.name, "buyer.xml");
    assert_eq!(e.line_col().0, 4);
    assert!(err.to_string().starts_with("buyer.xml:4:"), "{err}");
    assert!(err.plain().contains("hint:"), "{}", err.plain());

    let err = laptop_with_profile("<utility_space a=\"1\" a=\"2\"/>").unwrap_err();
    assert!(err.to_string().contains("malformed XML"), "{err}");
}

#[test]
fn profile_without_weights_is_an_error() {
    let text: String = data("Laptop/laptop_buyer_utility.xml")
        .lines()
        .filter(|l| !l.contains("<weight") && !l.contains("</weight>"))
        .collect::<Vec<_>>()
        .join("\n");
    let err = laptop_with_profile(&text).unwrap_err();
    assert!(err.is_input(), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("buyer.xml:"), "{msg}");
    assert!(msg.contains("no <weight> element"), "{msg}");
}

#[test]
fn profile_with_other_issue_names_is_an_error() {
    let text =
        data("Laptop/laptop_buyer_utility.xml").replace("name=\"Harddisk\"", "name=\"Hard disk\"");
    let err = laptop_with_profile(&text).unwrap_err();
    assert!(
        err.to_string().contains("does not match the domain"),
        "{err}"
    );
    let msg = err.to_string();
    assert!(msg.contains("buyer.xml:"), "{msg}");
    assert!(msg.contains("Hard disk"), "{msg}");
    assert!(msg.contains("laptop_domain.xml"), "{msg}");
}

#[test]
fn other_errors() {
    // Malformed JSON.
    let bad = "{\n  \"LinearAdditiveUtilitySpace\": {\n    \"issueWeights\": [1,\n  }\n}";
    let err = import_geniusweb(
        &[SourceFile {
            name: "p.json",
            stem: "p",
            text: bad,
        }],
        &ImportOptions::default(),
    )
    .unwrap_err();
    let [e] = err.input_errors() else {
        panic!("expected one located error, got {err}");
    };
    assert!(e.message.starts_with("malformed JSON"), "{err}");
    assert_eq!(e.line_col().0, 4);
    // An integer issue too large to enumerate.
    let domain = r#"<negotiation_template><utility_space><objective index="0" name="big">
      <issue index="1" name="n" type="integer" lowerbound="0" upperbound="1000000"/>
    </objective></utility_space></negotiation_template>"#;
    let err = import_genius(
        &SourceFile {
            name: "big.xml",
            stem: "big",
            text: domain,
        },
        &[SourceFile {
            name: "p.xml",
            stem: "p",
            text: "<utility_space/>",
        }],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.is_input(), "{err}");
    assert!(
        err.to_string()
            .contains("expected at most 100000 values for issue `n`, found 1000001"),
        "{err}"
    );
    assert!(err.to_string().contains("big.xml:2:"), "{err}");
    // No profiles.
    let d = data("Laptop/laptop_domain.xml");
    let err = import_genius(
        &SourceFile {
            name: "d",
            stem: "d",
            text: &d,
        },
        &[],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.is_invalid(), "{err}");
    assert!(err.to_string().contains("at least one profile"), "{err}");
    // A reservation value outside [0,1].
    let text = data("Coffee/Coffee_util1.xml")
        .replace("<reservation value=\"0.2\">", "<reservation value=\"1.5\">");
    let cd = data("Coffee/Coffee.xml");
    let err = import_genius(
        &SourceFile {
            name: "c",
            stem: "c",
            text: &cd,
        },
        &[SourceFile {
            name: "u.xml",
            stem: "u",
            text: &text,
        }],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("reservation value in [0,1]"),
        "{err}"
    );
}

#[test]
fn truncated_and_garbage_inputs_do_not_panic() {
    let profile = data("Laptop/laptop_buyer_utility.xml");
    let domain = data("Laptop/laptop_domain.xml");
    let json = data("FlightBooking-geniusweb/flightbooking1.json");
    let cut = |t: &str, n: usize| -> String { t.chars().take(n).collect() };
    for n in 0..profile.chars().count() {
        let _ = laptop_with_profile(&cut(&profile, n));
    }
    for n in (0..domain.chars().count()).step_by(7) {
        let d = cut(&domain, n);
        let _ = import_genius(
            &SourceFile {
                name: "d",
                stem: "d",
                text: &d,
            },
            &[SourceFile {
                name: "p",
                stem: "p",
                text: &profile,
            }],
            &ImportOptions::default(),
        );
    }
    for n in 0..json.chars().count() {
        let j = cut(&json, n);
        let _ = import_geniusweb(
            &[SourceFile {
                name: "j",
                stem: "j",
                text: &j,
            }],
            &ImportOptions::default(),
        );
    }
    for garbage in [
        "",
        "\u{feff}",
        "<",
        "<a>",
        "<a></b>",
        "&amp;",
        "<a>&bogus;</a>",
        "<!-- x -->",
        "null",
        "[]",
        "{}",
    ] {
        let _ = laptop_with_profile(garbage);
        let _ = import_geniusweb(
            &[SourceFile {
                name: "g",
                stem: "g",
                text: garbage,
            }],
            &ImportOptions::default(),
        );
    }
}

const TWICE_DOMAIN: &str = r#"<negotiation_template>
  <utility_space number_of_issues="1">
    <objective index="1" type="objective" name="Wages">
      <issue index="2" name="Starting salaries">
        <item index="1" value="0"/>
        <item index="2" value="200"/>
        <item index="3" value="400"/>
      </issue>
    </objective>
  </utility_space>
</negotiation_template>
"#;

const TWICE_PROFILE: &str = r#"<utility_space number_of_issues="1">
  <objective index="1" type="objective" name="Wages">
    <weight index="2" value="1"/>
    <issue index="2" name="Starting salaries">
      <item index="1" value="0" evaluation="0"/>
      <item index="1" value="0" evaluation="8"/>
      <item index="2" value="200" evaluation="36"/>
      <item index="3" value="400" evaluation="100"/>
    </issue>
  </objective>
</utility_space>
"#;

/// A profile that evaluates a value twice (as AMPOvsCity does): Genius puts
/// each item into a map, so the last evaluation wins; the import follows
/// it and says so, naming the file, line and column.
#[test]
fn a_value_evaluated_twice_keeps_the_last_evaluation_with_a_warning() {
    let d = SourceFile {
        name: "wages_domain.xml",
        stem: "wages_domain",
        text: TWICE_DOMAIN,
    };
    let p = SourceFile {
        name: "union.xml",
        stem: "union",
        text: TWICE_PROFILE,
    };
    let opts = ImportOptions { real_steps: 4 };
    let (s, warnings) = import_genius_warned(&d, &[p], &opts).unwrap();
    assert_eq!(s.preferences[0].values[0], vec![0.08, 0.36, 1.0]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "union.xml:6:7: issue `Starting salaries` evaluates the value `0` 2 times (0, 8)"
        ),
        "{}",
        warnings[0]
    );
    // Without duplicates, no warning.
    let clean = TWICE_PROFILE.replace(
        "      <item index=\"1\" value=\"0\" evaluation=\"0\"/>\n",
        "",
    );
    let p = SourceFile {
        name: "union.xml",
        stem: "union",
        text: &clean,
    };
    let (s, warnings) = import_genius_warned(&d, &[p], &opts).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(s.preferences[0].values[0], vec![0.08, 0.36, 1.0]);
}

/// Every reading that differs from a file's apparent meaning is a located
/// warning, and a file that needs none gets none: weights that do not sum
/// to 1, an issue without a weight, a value matched to an item by index, a
/// discount factor, a continuous issue on a grid.
#[test]
fn reinterpretations_are_warned_where_they_happen() {
    let d = SourceFile {
        name: "wages_domain.xml",
        stem: "wages_domain",
        text: TWICE_DOMAIN,
    };
    let opts = ImportOptions { real_steps: 4 };
    let clean = TWICE_PROFILE.replace(
        "      <item index=\"1\" value=\"0\" evaluation=\"0\"/>\n",
        "",
    );
    let warned = |text: &str| {
        let p = SourceFile {
            name: "p.xml",
            stem: "p",
            text,
        };
        import_genius_warned(&d, &[p], &opts).unwrap().1
    };
    assert!(warned(&clean).is_empty());
    // Weights summing to 2.
    let w = warned(&clean.replace(
        "<weight index=\"2\" value=\"1\"/>",
        "<weight index=\"2\" value=\"2\"/>",
    ));
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("p.xml:2:3: the issue weights sum to 2, not 1"),
        "{}",
        w[0]
    );
    // A value without an item, taken by index.
    let w = warned(&clean.replace("value=\"200\"", "value=\"two hundred\""));
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("no <item> for the value `200`") && w[0].contains("same index"),
        "{}",
        w[0]
    );
    assert!(w[0].starts_with("p.xml:6:7:"), "{}", w[0]);
    // A discount factor below 1 (1 discounts nothing: no warning).
    let with = |f: &str| {
        clean.replace(
            "</objective>",
            &format!("</objective>\n  <discount_factor value=\"{f}\"/>"),
        )
    };
    let w = warned(&with("0.9"));
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("discount factor 0.9"), "{}", w[0]);
    assert!(warned(&with("1")).is_empty());
}

#[test]
fn a_missing_weight_and_a_continuous_issue_are_warned() {
    // LEGACY: weights 2 + 1 + 1 (sum 4), a real issue on a grid.
    let d = SourceFile {
        name: "legacy_domain.xml",
        stem: "legacy_domain",
        text: LEGACY_DOMAIN,
    };
    let run = |text: &str| {
        let p = SourceFile {
            name: "legacy.xml",
            stem: "legacy",
            text,
        };
        import_genius_warned(&d, &[p], &ImportOptions { real_steps: 4 })
            .unwrap()
            .1
    };
    let w = run(LEGACY_PROFILE);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("legacy_domain.xml:11:7: issue `Price` is continuous")
            && w[0].contains("5 equally spaced points (--real-steps 4)"),
        "{}",
        w[0]
    );
    assert!(
        w[1].starts_with("legacy.xml:2:3: the issue weights sum to 4, not 1"),
        "{}",
        w[1]
    );
    // Without the weight of Count: it weighs 0, and the rest sum to 3.
    let w = run(&LEGACY_PROFILE.replace("    <weight index=\"2\" value=\"1\"/>\n", ""));
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(
        w[1].starts_with("legacy.xml:2:3: no <weight> for issue(s) `Count`"),
        "{}",
        w[1]
    );
    assert!(w[2].contains("sum to 3"), "{}", w[2]);
}

#[test]
fn geniusweb_weights_and_utilities_out_of_range_are_warned() {
    let dir = "FlightBooking-geniusweb";
    let texts: Vec<String> = ["flightbooking1.json", "flightbooking2.json"]
        .iter()
        .map(|f| data(&format!("{dir}/{f}")))
        .collect();
    let files = |texts: &[String]| -> Vec<(String, String)> {
        ["flightbooking1.json", "flightbooking2.json"]
            .iter()
            .zip(texts)
            .map(|(n, t)| (n.to_string(), t.clone()))
            .collect()
    };
    let run = |texts: &[String]| {
        let owned = files(texts);
        let f: Vec<SourceFile> = owned
            .iter()
            .map(|(n, t)| SourceFile {
                name: n,
                stem: stem(n),
                text: t,
            })
            .collect();
        import_geniusweb_warned(&f, &ImportOptions::default())
            .unwrap()
            .1
    };
    assert!(run(&texts).is_empty(), "{:?}", run(&texts));
    // Double every weight of the first profile: they sum to 2.
    let v: serde_json::Value = serde_json::from_str(&texts[0]).unwrap();
    let mut v2 = v.clone();
    let w = v2["LinearAdditiveUtilitySpace"]["issueWeights"]
        .as_object_mut()
        .unwrap();
    for x in w.values_mut() {
        *x = serde_json::json!(x.as_f64().unwrap() * 2.0);
    }
    let doubled = serde_json::to_string_pretty(&v2).unwrap();
    let warn = run(&[doubled, texts[1].clone()]);
    assert_eq!(warn.len(), 1, "{warn:?}");
    assert!(
        warn[0].starts_with("flightbooking1.json:") && warn[0].contains("sum to 2"),
        "{}",
        warn[0]
    );
    // A value utility of 1.5: clamped, with a warning naming it.
    let mut v3 = v.clone();
    let utils = v3["LinearAdditiveUtilitySpace"]["issueUtilities"]
        .as_object_mut()
        .unwrap();
    let (issue, u) = utils
        .iter_mut()
        .find(|(_, u)| u.get("discreteutils").is_some())
        .expect("a discrete issue");
    let issue = issue.clone();
    let vu = u["discreteutils"]["valueUtilities"]
        .as_object_mut()
        .unwrap();
    let (value, x) = vu.iter_mut().next().unwrap();
    let value = value.clone();
    *x = serde_json::json!(1.5);
    let warn = run(&[serde_json::to_string_pretty(&v3).unwrap(), texts[1].clone()]);
    assert_eq!(warn.len(), 1, "{warn:?}");
    assert!(
        warn[0].contains(&format!(
            "issue `{issue}` gives the value `{value}` the utility 1.5"
        )),
        "{}",
        warn[0]
    );
}

const BOXES_DOMAIN: &str = r#"<negotiation_template>
<utility_space number_of_issues="2">
<objective index="0" name="root" type="objective">
   <issue index="1" name="a" type="integer" lowerbound="0" upperbound="3"/>
   <issue index="2" name="b" type="integer" lowerbound="0" upperbound="3"/>
</objective>
</utility_space>
</negotiation_template>
"#;

fn boxes_profile(max: &str, second: &str) -> String {
    format!(
        r#"<utility_space type="nonlinear">
<objective index="0" name="root" type="objective">
   <issue index="1" name="a" type="integer" lowerbound="0" upperbound="3"/>
   <issue index="2" name="b" type="integer" lowerbound="0" upperbound="3"/>
   <utility maxutility="{max}">
      <ufun type="PlainUfun" weight="1" aggregation="sum">
         <hyperRectangle utility="4">
            <INCLUDES index="1" min="0" max="1"/>
         </hyperRectangle>
         <hyperRectangle utility="6">
{second}
         </hyperRectangle>
      </ufun>
   </utility>
</objective>
</utility_space>
"#
    )
}

fn import_boxes(profile: &str) -> Result<(Scenario, Vec<String>), Error> {
    let d = SourceFile {
        name: "boxes_domain.xml",
        stem: "boxes_domain",
        text: BOXES_DOMAIN,
    };
    let p = SourceFile {
        name: "boxes.xml",
        stem: "boxes",
        text: profile,
    };
    let q = SourceFile {
        name: "other.xml",
        stem: "other",
        text: profile,
    };
    import_genius_warned(&d, &[p, q], &ImportOptions::default())
}

/// Genius's exclusive rectangles (`EXCLUDES`: the utility counts for bids
/// outside the box), its reading of a rectangle with both kinds of bounds
/// (exclusive, by its EXCLUDES alone), and its cap at 1: nonlinear
/// profiles are `capped`, and where the rectangles sum past maxutility the
/// utility is 1, in the model and in the analysis.
#[test]
fn exclusive_rectangles_and_the_cap() {
    let excl = r#"            <EXCLUDES index="2" min="2" max="3"/>"#;
    let (s, w) = import_boxes(&boxes_profile("10", excl)).unwrap();
    assert!(w.is_empty(), "{w:?}");
    for a in 0..4 {
        for b in 0..4 {
            let want =
                (4.0 * f64::from(u8::from(a <= 1)) + 6.0 * f64::from(u8::from(b < 2))) / 10.0;
            let got = s.utility(0, &[a, b]);
            assert!((got - want).abs() < 1e-12, "({a},{b}): {got} vs {want}");
        }
    }
    // Both kinds: exclusive by the EXCLUDES bounds, with a warning.
    let both = format!("{excl}\n            <INCLUDES index=\"1\" min=\"3\" max=\"3\"/>");
    let (s2, w) = import_boxes(&boxes_profile("10", &both)).unwrap();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("boxes.xml:12:13: a hyperRectangle with both INCLUDES and EXCLUDES"),
        "{}",
        w[0]
    );
    assert_eq!(s2.utility(0, &[3, 0]), s.utility(0, &[3, 0]));
    // The rectangles reach 10: with maxutility 8 Genius caps (1.25 → 1).
    let (s3, _) = import_boxes(&boxes_profile("8", excl)).unwrap();
    assert!(s3.preferences[0].capped);
    assert_eq!(s3.utility(0, &[0, 0]), 1.0);
    assert_eq!(s3.utility(0, &[0, 3]), 0.5);
    assert_eq!(s3.utility(0, &[3, 0]), 0.75);
    let a = analyze(&s3, &AnalyzeOptions::default()).unwrap();
    assert_eq!(a.pareto.len(), 1);
    assert_eq!(a.pareto[0].utilities, vec![1.0, 1.0]);
    // 4 packages (a ≤ 1, b < 2) reach the sum 10, capped to 1.
    assert_eq!(a.pareto[0].count, 4u32.into());
    // Written out and read back, the cap stays.
    let text = accord_io::write::scenario_toml(&s3, "");
    assert!(text.contains("capped = true"), "{text}");
}
