//! `compare` as text: only what differs, one row per key, one column per
//! scenario.

use std::fmt::Write as _;

use comfy_table::Cell;
use serde_json::Value;

use crate::render::context::Layout;
use crate::render::table::{plural, right, table};
use crate::report::compare::CompareReport;

/// A value of a summary as a cell's text: null as a dash, booleans as
/// yes/no, whole numbers with their digits grouped, other numbers to 4
/// places, lists joined.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "–".into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => {
            let text = n.to_string();
            let (sign, digits) = match text.strip_prefix('-') {
                Some(d) => ("-", d),
                None => ("", text.as_str()),
            };
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                let mut out = sign.to_string();
                for (k, ch) in digits.chars().enumerate() {
                    if k > 0 && (digits.len() - k) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(ch);
                }
                out
            } else {
                n.as_f64().map_or(text.clone(), |x| format!("{x:.4}"))
            }
        }
        Value::String(s) => s.clone(),
        Value::Array(xs) if xs.is_empty() => "none".into(),
        Value::Array(xs) => xs.iter().map(shown).collect::<Vec<_>>().join(", "),
        Value::Object(_) => v.to_string(),
    }
}

/// Renders a [`CompareReport`], its table fitted to `layout`.
pub fn render(r: &CompareReport, layout: Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Comparing {} scenarios:", r.scenarios.len());
    for s in &r.scenarios {
        let _ = writeln!(out, "  {}: \"{}\"", s.file, s.name);
    }
    if r.differences.is_empty() {
        let _ = writeln!(
            out,
            "\nThere are no differences: the same parties, weights, values, issues and options, \
             and the same zone, settled and open issues, solutions and verdicts on the deals."
        );
        return out;
    }
    let n = r.differences.len();
    let _ = writeln!(out, "\n{n} difference{}:", plural(n));
    let mut t = table(layout);
    // Columns are headed by the files' names when those tell them apart,
    // else by the files as given.
    let names: Vec<&str> = r
        .scenarios
        .iter()
        .map(|s| {
            std::path::Path::new(&s.file)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(&s.file)
        })
        .collect();
    let distinct = names
        .iter()
        .enumerate()
        .all(|(k, n)| !names[..k].contains(n));
    let mut head = vec![Cell::new("what")];
    head.extend(
        r.scenarios
            .iter()
            .zip(&names)
            .map(|(s, n)| Cell::new(if distinct { n } else { s.file.as_str() })),
    );
    t.set_header(head);
    for d in &r.differences {
        let mut row = vec![Cell::new(&d.key)];
        row.extend(d.values.iter().map(|v| match v {
            Value::Number(_) => right(shown(v)),
            _ => Cell::new(shown(v)),
        }));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_shown_plainly() {
        let v: Value = serde_json::from_str(
            r#"[1234567, -1234, 0.123456, 2.0, true, null, "x", [], ["a", 1]]"#,
        )
        .expect("JSON");
        let Value::Array(xs) = v else { panic!() };
        let got: Vec<String> = xs.iter().map(shown).collect();
        assert_eq!(
            got,
            [
                "1,234,567",
                "-1,234",
                "0.1235",
                "2.0000",
                "yes",
                "–",
                "x",
                "none",
                "a, 1"
            ]
        );
    }
}
