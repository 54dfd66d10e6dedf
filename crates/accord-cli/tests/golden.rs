//! The JSON contract: every command's `--json` output keeps every key and
//! value it had when the answer layer was introduced (new keys may be
//! added). The golden files in `tests/golden/out` were recorded once, with
//! the binary of that time (`tests/golden/record.sh`), and are never
//! re-recorded to make this test pass. Text and CSV outputs are compared
//! exactly; a deliberate change of a table re-records only that file.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Keys whose values are measurements of this run (times, memory).
const VOLATILE: &[&str] = &["seconds", "peak_memory_bytes", "negotiations_per_second"];

/// Checks that `new` has every key and value of `old`; returns the first
/// difference as a JSON path.
fn superset(old: &Value, new: &Value, path: &str) -> Result<(), String> {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                if VOLATILE.contains(&k.as_str()) {
                    if !b.contains_key(k) {
                        return Err(format!("{p}: missing"));
                    }
                    continue;
                }
                match b.get(k) {
                    Some(w) => superset(v, w, &p)?,
                    None => return Err(format!("{p}: missing")),
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!("{path}: {} items, was {}", b.len(), a.len()));
            }
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                superset(v, w, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(x), Value::Number(y)) => {
            // The same number, whatever its spelling (1e-6 and 0.000001).
            match (x.as_f64(), y.as_f64()) {
                (Some(p), Some(q)) if p == q || (p.is_nan() && q.is_nan()) => Ok(()),
                _ if x.to_string() == y.to_string() => Ok(()),
                _ => Err(format!("{path}: {y}, was {x}")),
            }
        }
        _ if old == new => Ok(()),
        _ => Err(format!("{path}: {new}, was {old}")),
    }
}

/// Lines of text output that measure this run.
fn steady(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.contains(" per second") && l.contains(" negotiations (") {
                "<timing line>"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_output_keeps_its_golden_keys_and_values() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let cases = std::fs::read_to_string(golden.join("cases.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in cases.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, args) = line.split_once('\t').unwrap();
        let ext = if args.contains("--json") {
            "json"
        } else if args.contains("--csv") {
            "csv"
        } else {
            "txt"
        };
        let want = std::fs::read_to_string(golden.join(format!("out/{name}.{ext}"))).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(args.split(' '))
            .current_dir(&root)
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        n += 1;
        if !out.status.success() {
            failures.push(format!(
                "{name}: exit {:?}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let got = String::from_utf8_lossy(&out.stdout);
        if ext == "json" {
            let old: Value = serde_json::from_str(&want).unwrap();
            let new: Value = match serde_json::from_str(&got) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{name}: not JSON: {e}"));
                    continue;
                }
            };
            if let Err(e) = superset(&old, &new, "$") {
                failures.push(format!("{name}: {e}"));
            }
        } else if steady(&want) != steady(&got) {
            failures.push(format!(
                "{name}: output differs\n--- was\n{want}\n--- now\n{got}"
            ));
        }
    }
    assert!(n >= 40, "only {n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn superset_notices_a_missing_key_and_a_changed_value() {
    let old: Value = serde_json::json!({"a": 1, "b": [1, {"c": "x"}]});
    assert!(superset(
        &old,
        &serde_json::json!({"a": 1, "b": [1, {"c": "x"}], "d": 0}),
        "$"
    )
    .is_ok());
    assert!(superset(&old, &serde_json::json!({"a": 1, "b": [1, {}]}), "$").is_err());
    assert!(superset(
        &old,
        &serde_json::json!({"a": 2, "b": [1, {"c": "x"}]}),
        "$"
    )
    .is_err());
    assert!(superset(
        &old,
        &serde_json::json!({"a": 1.0, "b": [1, {"c": "x"}]}),
        "$"
    )
    .is_ok());
}
