//! Shared by the tests that compare the library's answers with the CLI's
//! golden outputs (`crates/accord-cli/tests/golden/out`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Keys whose values measure a run (times, memory).
pub const VOLATILE: &[&str] = &["seconds", "peak_memory_bytes", "negotiations_per_second"];

/// A path in the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// A golden output of the CLI, by case name and extension.
pub fn golden(name: &str) -> String {
    std::fs::read_to_string(repo(&format!("crates/accord-cli/tests/golden/out/{name}")))
        .unwrap_or_else(|e| panic!("golden {name}: {e}"))
}

/// Runs `request` on `scenario` (a path in the repository) and returns the
/// session and its report.
pub fn run(scenario: &str, request: &accord::Request) -> (accord::Session, accord::Report) {
    let session = accord::Session::load(&repo(scenario), &[]).unwrap();
    let report = session.run(request, &accord::observe::Silent).unwrap();
    (session, report)
}

/// Checks that `new` has every key and value of `old` (new keys allowed;
/// volatile values only need to be there).
pub fn superset(old: &Value, new: &Value, path: &str) -> Result<(), String> {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    None => return Err(format!("{p}: missing")),
                    Some(_) if VOLATILE.contains(&k.as_str()) => {}
                    Some(w) => superset(v, w, &p)?,
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
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) if p == q => Ok(()),
            _ if x.to_string() == y.to_string() => Ok(()),
            _ => Err(format!("{path}: {y}, was {x}")),
        },
        _ if old == new => Ok(()),
        _ => Err(format!("{path}: {new}, was {old}")),
    }
}

/// The same request gives the same JSON through the library and the CLI.
#[track_caller]
pub fn same_json(report: &accord::Report, golden_name: &str) {
    let old: Value = serde_json::from_str(&golden(golden_name)).unwrap();
    let new: Value = serde_json::from_str(&accord::render::json_string(report).unwrap()).unwrap();
    if let Err(e) = superset(&old, &new, "$") {
        panic!("{golden_name}: {e}");
    }
}

/// Whether text tables may be compared byte for byte: on a terminal, tables
/// fit its width, and the golden files were recorded on none.
pub fn tables_comparable() -> bool {
    use std::io::IsTerminal;
    !std::io::stdout().is_terminal()
}

/// The Ukraine example as it stood when the golden outputs were recorded (a
/// frozen copy: the bundled example has moved on since).
#[allow(dead_code)]
pub const UKRAINE_GOLDEN: &str = "crates/accord-cli/tests/data/ukraine-2025-dec/scenario.toml";
