//! Small JSON and CSV helpers of the commands whose reports are not yet
//! `accord` reports (schema in `docs/output-schema.md`): they turn indices
//! into the scenario's ids and keep numeric options numeric.

use accord_core::model::Scenario;
use serde_json::{Map, Number, Value};

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

/// A float as JSON (non-finite values become null).
pub fn num(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// The JSON value of option `o` of issue `i`: the id, or the number for numeric issues.
pub fn option_value(s: &Scenario, i: usize, o: usize) -> Value {
    let opt = &s.issues[i].options[o];
    match opt.value {
        Some(x) if s.issues[i].kind.is_numeric() => {
            if x.fract() == 0.0 && x.abs() < 9e15 {
                Value::Number(Number::from(x as i64))
            } else {
                num(x)
            }
        }
        _ => Value::String(opt.id.clone()),
    }
}

/// `{issue_id: option}` for a package.
pub fn package(s: &Scenario, p: &[usize]) -> Value {
    let mut m = Map::new();
    for (i, &o) in p.iter().enumerate() {
        m.insert(s.issues[i].id.clone(), option_value(s, i, o));
    }
    Value::Object(m)
}

/// `{party_id: number}` for values indexed by party.
pub fn by_party(s: &Scenario, xs: &[f64]) -> Value {
    let mut m = Map::new();
    for (p, x) in xs.iter().enumerate() {
        m.insert(s.parties[p].id.clone(), num(*x));
    }
    Value::Object(m)
}

/// Escapes one CSV field.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
