//! The templates behind the HTML panels, the HTML briefing and the
//! Markdown briefing (minijinja; the files are in `html/`), with the
//! scenario's names and the number formats they share. Templates compute
//! nothing; they choose words and colours for what a report holds.

use std::sync::Arc;

use accord_core::model::Scenario;
use minijinja::value::Value;
use minijinja::Environment;

use crate::error::Error;
use crate::render::context::Context;

const TEMPLATES: [(&str, &str); 13] = [
    ("briefing.html", include_str!("html/briefing.html")),
    ("briefing.md", include_str!("html/briefing.md")),
    ("macros.html", include_str!("html/macros.html")),
    ("check.html", include_str!("html/check.html")),
    ("analyze.html", include_str!("html/analyze.html")),
    ("frontier.html", include_str!("html/frontier.html")),
    ("evaluate.html", include_str!("html/evaluate.html")),
    ("repair.html", include_str!("html/repair.html")),
    ("leverage.html", include_str!("html/leverage.html")),
    ("mediate.html", include_str!("html/mediate.html")),
    ("robust.html", include_str!("html/robust.html")),
    ("calibrate.html", include_str!("html/calibrate.html")),
    ("simulate.html", include_str!("html/simulate.html")),
];

/// The scenario's names, for templates: `party(id)`, `issue(id)`,
/// `option(issue, value)` (the option's label), `option_id(issue, value)`.
pub(crate) fn environment(s: &Scenario) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    for (name, text) in TEMPLATES {
        env.add_template(name, text)
            .map_err(|e| Error::output(format!("template {name}: {e}")))?;
    }
    let s = Arc::new(s.clone());
    let sc = Arc::clone(&s);
    env.add_function("party", move |id: Option<&str>| match id {
        None => "—".to_string(),
        Some(id) => sc
            .parties
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone()),
    });
    let sc = Arc::clone(&s);
    env.add_function("issue", move |id: &str| {
        sc.issues
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| id.to_string(), |i| i.name.clone())
    });
    let sc = Arc::clone(&s);
    env.add_function("option", move |issue: &str, value: Value| {
        let o = option_value(&value);
        let cx = Context::new(&sc, "");
        label(&cx, issue, &o)
    });
    let sc = Arc::clone(&s);
    env.add_function("input_label", move |path: &str| {
        Context::new(&sc, "").input_label(path)
    });
    // Numbers that a report leaves null (no deal, no budget) show as a dash.
    env.add_filter("pct", |x: Option<f64>| {
        x.map_or_else(|| "—".into(), |x| format!("{:.1}%", 100.0 * x))
    });
    env.add_filter("num", |x: Option<f64>, digits: Option<usize>| {
        x.map_or_else(|| "—".into(), |x| format!("{:.*}", digits.unwrap_or(2), x))
    });
    env.add_filter("signed", |x: Option<f64>| match x {
        None => "—".to_string(),
        Some(x) if x.abs() < 0.0005 => "±0.000".to_string(),
        Some(x) => format!("{x:+.3}"),
    });
    env.add_filter("thousands", |x: Value| thousands(&x.to_string()));
    Ok(env)
}

fn option_value(v: &Value) -> crate::report::value::OptionValue {
    use crate::report::value::OptionValue;
    if let Some(s) = v.as_str() {
        return OptionValue::Id(s.into());
    }
    match i64::try_from(v.clone()) {
        Ok(n) => OptionValue::Integer(n),
        Err(_) => OptionValue::Number(f64::try_from(v.clone()).unwrap_or(f64::NAN)),
    }
}

/// An option's words: its label where it has one, else its id (with the
/// unit for numeric issues).
fn label(cx: &Context, issue: &str, o: &crate::report::value::OptionValue) -> String {
    let text = cx.option_text(issue, o);
    match text.split_once(" — ") {
        Some((_, long)) => long.to_string(),
        None => text,
    }
}

/// `5308416` as `5,308,416` (other text unchanged).
fn thousands(s: &str) -> String {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn render(env: &Environment<'_>, name: &str, ctx: Value) -> Result<String, Error> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| Error::output(format!("template {name}: {e:#}")))
}

/// A report as a template value. It goes through `serde_json::Value`
/// first: with serde_json's arbitrary precision a count is a private map
/// that templates cannot read, so numbers become integers or floats where
/// they fit and digit strings where they do not (counts beyond 2^64).
pub(crate) fn template_value(report: &impl serde::Serialize) -> Value {
    fn convert(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::from(()),
            serde_json::Value::Bool(b) => Value::from(b),
            serde_json::Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Value::from(i)
                } else if let Some(u) = n.as_u64() {
                    Value::from(u)
                } else if n.as_str().bytes().all(|b| b.is_ascii_digit()) {
                    Value::from(n.as_str())
                } else {
                    Value::from(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            serde_json::Value::String(s) => Value::from(s),
            serde_json::Value::Array(a) => Value::from_iter(a.into_iter().map(convert)),
            serde_json::Value::Object(o) => Value::from_object(
                o.into_iter()
                    .map(|(k, v)| (Value::from(k), convert(v)))
                    .collect::<indexmap::IndexMap<Value, Value>>(),
            ),
        }
    }
    convert(serde_json::to_value(report).unwrap_or(serde_json::Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands("5308416"), "5,308,416");
        assert_eq!(thousands("139"), "139");
        assert_eq!(thousands("0.5"), "0.5");
    }
}
