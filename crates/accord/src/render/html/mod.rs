//! Reports as HTML: the panels of the web workbench and the sections of the
//! briefing (`accord report`).
//!
//! Each report has a template (`*.html` beside this file, minijinja) that
//! reads the report's own JSON form and the scenario's labels: parties,
//! issues and options by name, never by id alone. Templates compute
//! nothing; they choose words and colours for what the report holds.

use minijinja::value::Value;
use minijinja::Environment;

use crate::error::Error;
use crate::render::template::{environment, render, template_value};
use crate::render::Context;
use crate::report::briefing::BriefingReport;
use crate::report::variant::Report;

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
        Report::Calibrate(_) => "calibrate.html",
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
    let calibration = match &b.calibration {
        Some(c) => Some(part("calibrate.html", template_value(c), None)?),
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
        calibration => calibration,
        data => Value::from_safe_string(data),
        everyone => cx.everyone(),
        unit => cx.scenario.cost_unit.clone(),
    };
    render(&env, "briefing.html", ctx)
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
