//! Every validation rule: the error names the file, line and column, says
//! what was expected, gives a hint, exits with code 2 and writes nothing.

use crate::util::{accord, data};

/// (file under tests/data/bad, "line:col", part of the message)
const CASES: &[(&str, &str, &str)] = &[
    (
        "unknown-key.toml",
        "9:1",
        "unknown key `reservaton` in a party",
    ),
    (
        "json-unknown-key.json",
        "10:27",
        "unknown key `vetoo` in a party",
    ),
    (
        "unknown-party.toml",
        "50:14",
        "preferences for unknown party `brokr`",
    ),
    (
        "unknown-issue-weight.toml",
        "37:24",
        "weight for unknown issue `delivry`",
    ),
    (
        "unknown-option-value.toml",
        "39:33",
        "issue `delivery` has no option `slw`",
    ),
    (
        "unknown-option-condition.toml",
        "55:34",
        "issue `delivery` has no option `quick`",
    ),
    ("weights-zero.toml", "42:11", "cannot be normalised"),
    (
        "weight-negative.toml",
        "42:21",
        "the weight of `price` is negative",
    ),
    (
        "option-without-value.toml",
        "44:19",
        "gives no value for option `slow`",
    ),
    (
        "weighted-issue-without-values.toml",
        "37:13",
        "weighs issue `price` but gives no values",
    ),
    (
        "point-outside-range.toml",
        "43:30",
        "point x = 250 is outside issue `price`'s range",
    ),
    (
        "deal-unset-issue.toml",
        "62:11",
        "deal `split` leaves issue `delivery` unset",
    ),
    (
        "deal-off-grid.toml",
        "62:21",
        "issue `price` has no option `160`",
    ),
    ("bad-role.toml", "18:8", "unknown role `referee`"),
    ("reservation-out-of-range.toml", "13:15", "outside [0, 1]"),
    (
        "interaction-out-of-scale.toml",
        "50:14",
        "outside the 0–1 scale",
    ),
    (
        "duplicate-party.toml",
        "11:6",
        "party id `buyer` is used twice",
    ),
    ("invalid-id.toml", "16:6", "`the broker` is not a valid id"),
    ("step-not-dividing.toml", "26:8", "is not a whole number"),
    (
        "wrong-type.toml",
        "8:15",
        "expected a number for the reservation value",
    ),
    ("toml-syntax.toml", "2:26", "this is not valid TOML"),
    ("yaml-syntax.yaml", "7:3", "this is not valid YAML"),
    (
        "yaml-wrong-type.yaml",
        "5:58",
        "expected true or false for `veto`",
    ),
    ("json-syntax.json", "11:5", "this is not valid JSON"),
    (
        "ratification-out-of-range.toml",
        "14:16",
        "ratification threshold of `seller` is 1.2, outside [0, 1]",
    ),
    (
        "pressure-without-max.toml",
        "14:12",
        "the pressure on `seller` has no `max`",
    ),
    (
        "distribution-out-of-range.toml",
        "13:15",
        "ranges over [0.5, 1.5], outside the allowed [0, 1]",
    ),
    (
        "negative-cost.toml",
        "35:17",
        "option `fast` is -1, below 0",
    ),
    (
        "observation-unknown-party.toml",
        "65:9",
        "unknown party `sellr`",
    ),
    (
        "observation-unknown-deal.toml",
        "66:8",
        "unknown deal `splitt`",
    ),
    (
        "observation-bad-response.toml",
        "67:12",
        "unknown response `rejected`",
    ),
    (
        "observation-incomplete-package.toml",
        "66:8",
        "observation 1 leaves issue `delivery` unset",
    ),
    (
        "reserved-issue-id.toml",
        "30:6",
        "`interactions` cannot be an issue id",
    ),
];

#[test]
fn every_validation_error_is_located_with_a_hint() {
    for (file, at, msg) in CASES {
        let r = accord(&["check", data(&format!("bad/{file}")).to_str().unwrap()]);
        r.code(2);
        r.stderr_has(&format!("{file}:{at}"));
        // Messages may wrap in the report; compare with whitespace folded.
        let folded: String = r.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = folded.replace(" │ ", " ");
        assert!(
            folded.contains(msg),
            "{file}: message {msg:?} not in:\n{}",
            r.stderr
        );
        r.stderr_has("help:");
        assert!(r.stdout.is_empty(), "{file}: wrote to stdout");
    }
}

#[test]
fn every_bad_file_has_a_case() {
    let dir = data("bad");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            CASES.iter().any(|(f, _, _)| *f == name),
            "no test case for bad/{name}"
        );
        n += 1;
    }
    assert_eq!(n, CASES.len());
}

#[test]
fn missing_file_is_a_clear_error() {
    accord(&["check", "no/such/file.toml"])
        .code(2)
        .stderr_has("cannot read no/such/file.toml");
}

#[test]
fn errors_from_analyze_and_evaluate_are_the_same() {
    let f = data("bad/unknown-key.toml");
    accord(&["analyze", f.to_str().unwrap()])
        .code(2)
        .stderr_has("unknown-key.toml:9:1");
    accord(&["evaluate", f.to_str().unwrap(), "--deal", "split"])
        .code(2)
        .stderr_has("unknown-key.toml:9:1");
}

#[test]
fn several_errors_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("two.toml");
    let text = std::fs::read_to_string(data("basic.toml"))
        .unwrap()
        .replace("reservation = 0.4\n", "reservation = 0.4\nreservaton = 1\n")
        .replace("role = \"mediator\"", "role = \"referee\"");
    std::fs::write(&p, text).unwrap();
    let r = accord(&["check", p.to_str().unwrap()]);
    r.code(2)
        .stderr_has("reservaton")
        .stderr_has("referee")
        .stderr_has("problems found");
}
