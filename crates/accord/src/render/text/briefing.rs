//! The briefing (`accord report`) as Markdown: the same answer first as the
//! HTML briefing, then each answer's table.

use crate::error::Error;
use crate::render::context::Context;
use crate::render::template::{self, environment, template_value};
use crate::report::briefing::BriefingReport;

/// The briefing as Markdown: the same answer first, then each report's
/// table.
///
/// # Errors
///
/// An `Output` error if the template fails (a bug).
pub fn render(b: &BriefingReport, cx: &Context) -> Result<String, Error> {
    let env = environment(cx.scenario)?;
    let mut details = vec![(
        "The zone and the solutions".to_string(),
        super::analyze::render(&b.analysis, cx),
    )];
    for p in &b.plans {
        let name = &p.evaluation.deal.name;
        details.push((
            format!("{name}: evaluation"),
            super::evaluate::render(&p.evaluation, cx),
        ));
        details.push((
            format!("{name}: smallest repair"),
            super::repair::render(&p.repair, cx),
        ));
    }
    details.push(("Leverage".into(), super::leverage::render(&b.leverage, cx)));
    for m in &b.mediation {
        details.push((
            format!(
                "Pressing {}",
                cx.party(&m.party)
                    .map_or(m.party.as_str(), |p| p.name.as_str())
            ),
            super::mediate::render(&m.mediate, cx),
        ));
    }
    if let Some(c) = &b.calibration {
        details.push((
            "What the parties said".into(),
            super::calibrate::render(c, cx),
        ));
    }
    if let Some(r) = &b.robust {
        details.push(("How sure are we".into(), super::robust::render(r, cx)));
    }
    let ctx = minijinja::context! {
        b => template_value(b),
        version => env!("CARGO_PKG_VERSION"),
        source => cx.source,
        details => details,
        everyone => cx.everyone(),
        unit => cx.scenario.cost_unit.clone(),
    };
    template::render(&env, "briefing.md", ctx)
}
