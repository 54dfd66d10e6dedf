//! `simulate --svg`: the offers over the frontier of the first two
//! negotiating parties.

use accord_io::chart::TraceChart;

use crate::error::Error;
use crate::render::context::Context;
use crate::report::simulate::SimulationReport;
use crate::report::value::ByParty;

/// The chart of a [`SimulationReport`] as SVG.
///
/// # Errors
///
/// An `Output` error if drawing fails.
pub fn render(r: &SimulationReport, cx: &Context) -> Result<String, Error> {
    let Some(x) = r.parties.first() else {
        return Err(Error::output("no negotiating parties to chart"));
    };
    let y = r.parties.get(1).unwrap_or(x);
    let point = |u: &ByParty| {
        (
            u.get(x).copied().unwrap_or(f64::NAN),
            u.get(y).copied().unwrap_or(f64::NAN),
        )
    };
    let reservation = |p: &str| cx.party(p).map_or(f64::NAN, |p| p.reservation);
    let chart = TraceChart {
        title: format!("{}: {} talks", cx.scenario.name, r.protocol.as_str()),
        note: format!(
            "{}; {} rounds; seed {}; {}",
            r.parties
                .iter()
                .map(|p| format!("{p} {}", r.strategies.get(p).map_or("-", |s| s.as_str())))
                .collect::<Vec<_>>()
                .join(" vs "),
            r.rounds,
            r.seed,
            if r.agreement.is_some() {
                "agreement"
            } else {
                "no agreement"
            }
        ),
        x_label: x.to_string(),
        y_label: y.to_string(),
        frontier: r.frontier.iter().map(point).collect(),
        reservations: (reservation(x), reservation(y)),
        offers: r
            .trace
            .iter()
            .map(|st| {
                let (ux, uy) = point(&st.utilities);
                (
                    st.proposer
                        .as_ref()
                        .map_or("the mediator".to_string(), |p| p.to_string()),
                    ux,
                    uy,
                )
            })
            .collect(),
        agreement: r.agreement_utilities.as_ref().map(point),
        nash: r.nash.as_ref().map(point),
    };
    accord_io::chart::trace_svg(&chart).map_err(|e| Error::output(e.to_string()))
}
