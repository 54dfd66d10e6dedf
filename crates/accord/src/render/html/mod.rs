//! Reports as HTML: the panels of the web workbench and the sections of the
//! briefing (`accord report`).
//!
//! Each report has a template (`*.html` beside this file, minijinja) that
//! reads the report's own JSON form and the scenario's labels: parties,
//! issues and options by name, never by id alone. Templates compute
//! nothing; they choose words and colours for what the report holds.

use std::sync::Arc;

use accord_core::model::Scenario;
use minijinja::value::Value;
use minijinja::Environment;

use crate::error::Error;
use crate::render::Context;
use crate::report::briefing::BriefingReport;
use crate::report::variant::Report;

const TEMPLATES: [(&str, &str); 12] = [
    ("briefing.html", include_str!("briefing.html")),
    ("briefing.md", include_str!("briefing.md")),
    ("macros.html", include_str!("macros.html")),
    ("check.html", include_str!("check.html")),
    ("analyze.html", include_str!("analyze.html")),
    ("frontier.html", include_str!("frontier.html")),
    ("evaluate.html", include_str!("evaluate.html")),
    ("repair.html", include_str!("repair.html")),
    ("leverage.html", include_str!("leverage.html")),
    ("mediate.html", include_str!("mediate.html")),
    ("robust.html", include_str!("robust.html")),
    ("simulate.html", include_str!("simulate.html")),
];

/// The scenario's names, for templates: `party(id)`, `issue(id)`,
/// `option(issue, value)` (the option's label), `option_id(issue, value)`.
fn environment(s: &Scenario) -> Result<Environment<'static>, Error> {
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

/// The template of a report, or `None` for the reports of several inputs
/// (shown as their text tables).
fn template(report: &Report) -> Option<&'static str> {
    Some(match report {
        Report::Check(_) => "check.html",
        Report::Analyze(_) => "analyze.html",
        Report::Frontier(_) => "frontier.html",
        Report::Evaluate(_) => "evaluate.html",
        Report::Repair(_) => "repair.html",
        Report::Leverage(_) => "leverage.html",
        Report::Mediate(_) => "mediate.html",
        Report::Robust(_) => "robust.html",
        Report::Simulate(_) => "simulate.html",
        _ => return None,
    })
}

/// The report as an HTML fragment (a `<section>`), with its chart inline
/// where it has one.
///
/// # Errors
///
/// An `Output` error if a template fails (a bug), or the chart's error.
pub fn fragment(report: &Report, cx: &Context) -> Result<String, Error> {
    if let Report::Briefing(b) = report {
        return briefing(b, cx);
    }
    let Some(name) = template(report) else {
        let text = crate::render::text(report, cx);
        return Ok(format!(
            "<section class=\"card\"><pre>{}</pre></section>\n",
            escape(&text)
        ));
    };
    let chart = match report {
        Report::Frontier(_) | Report::Robust(_) | Report::Simulate(_) => {
            Some(crate::render::svg(report, cx, None, None)?)
        }
        _ => None,
    };
    let env = environment(cx.scenario)?;
    section(&env, name, template_value(report), chart, cx)
}

/// One report through its template.
fn section(
    env: &Environment<'_>,
    name: &str,
    report: Value,
    chart: Option<String>,
    cx: &Context,
) -> Result<String, Error> {
    let ctx = minijinja::context! {
        r => report,
        chart => chart.map(Value::from_safe_string),
        everyone => cx.everyone(),
        unit => cx.scenario.cost_unit.clone(),
    };
    render(env, name, ctx)
}

fn render(env: &Environment<'_>, name: &str, ctx: Value) -> Result<String, Error> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| Error::output(format!("template {name}: {e:#}")))
}

/// The briefing as one self-contained HTML document: inline CSS and SVG,
/// the answers' JSON embedded, no external resource, no timestamp.
///
/// # Errors
///
/// An `Output` error if a template fails (a bug), or a chart's error.
pub fn briefing(b: &BriefingReport, cx: &Context) -> Result<String, Error> {
    let env = environment(cx.scenario)?;
    let chart = crate::render::svg::frontier::render(
        &b.frontier,
        &crate::render::svg::frontier::Axes::choose(cx.scenario, None, None)?,
    )?;
    let part = |name: &str, r: Value, chart: Option<String>| {
        section(&env, name, r, chart, cx).map(Value::from_safe_string)
    };
    let mut plans = Vec::new();
    for p in &b.plans {
        plans.push(minijinja::context! {
            id => p.id.clone(),
            evaluation => part("evaluate.html", template_value(&p.evaluation), None)?,
            repair => part("repair.html", template_value(&p.repair), None)?,
        });
    }
    let mediation = b
        .mediation
        .iter()
        .map(|m| part("mediate.html", template_value(&m.mediate), None))
        .collect::<Result<Vec<_>, _>>()?;
    let robust = match &b.robust {
        Some(r) => Some(part(
            "robust.html",
            template_value(r),
            Some(crate::render::tornado::svg(r, cx)?),
        )?),
        None => None,
    };
    let data = serde_json::to_string(b)
        .map_err(|e| Error::output(format!("cannot write JSON: {e}")))?
        // Inside <script>, `</script>` would end the element: `<` is written
        // as its JSON escape, which reads back the same.
        .replace('<', "\\u003c");
    let ctx = minijinja::context! {
        b => template_value(b),
        version => env!("CARGO_PKG_VERSION"),
        source => cx.source,
        css => Value::from_safe_string(include_str!("briefing.css").to_string()),
        analysis => part("analyze.html", template_value(&b.analysis), None)?,
        frontier_chart => Value::from_safe_string(chart),
        plans => plans,
        leverage => part("leverage.html", template_value(&b.leverage), None)?,
        mediation => mediation,
        robust => robust,
        data => Value::from_safe_string(data),
        everyone => cx.everyone(),
        unit => cx.scenario.cost_unit.clone(),
    };
    render(&env, "briefing.html", ctx)
}

/// The briefing as Markdown: the same answer first, then each report's
/// table.
///
/// # Errors
///
/// An `Output` error if the template fails (a bug).
pub fn briefing_markdown(b: &BriefingReport, cx: &Context) -> Result<String, Error> {
    let env = environment(cx.scenario)?;
    let text = |r: Report| crate::render::text(&r, cx);
    let mut details = vec![(
        "The zone and the solutions".to_string(),
        text(Report::Analyze(Box::new(b.analysis.clone()))),
    )];
    for p in &b.plans {
        let name = &p.evaluation.deal.name;
        details.push((
            format!("{name}: evaluation"),
            text(Report::Evaluate(p.evaluation.clone())),
        ));
        details.push((
            format!("{name}: smallest repair"),
            text(Report::Repair(p.repair.clone())),
        ));
    }
    details.push((
        "Leverage".into(),
        text(Report::Leverage(b.leverage.clone())),
    ));
    for m in &b.mediation {
        details.push((
            format!(
                "Pressing {}",
                cx.party(&m.party)
                    .map_or(m.party.as_str(), |p| p.name.as_str())
            ),
            text(Report::Mediate(m.mediate.clone())),
        ));
    }
    if let Some(r) = &b.robust {
        details.push(("How sure are we".into(), text(Report::Robust(r.clone()))));
    }
    let ctx = minijinja::context! {
        b => template_value(b),
        version => env!("CARGO_PKG_VERSION"),
        source => cx.source,
        details => details,
        everyone => cx.everyone(),
        unit => cx.scenario.cost_unit.clone(),
    };
    render(&env, "briefing.md", ctx)
}

/// A report as a template value. It goes through `serde_json::Value`
/// first: with serde_json's arbitrary precision a count is a private map
/// that templates cannot read, so numbers become integers or floats where
/// they fit and digit strings where they do not (counts beyond 2^64).
fn template_value(report: &impl serde::Serialize) -> Value {
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

/// Text made safe to place in HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
