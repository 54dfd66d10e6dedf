//! `robust`'s sensitivity ranking as a tornado chart (SVG).

use accord_io::chart::{tornado_svg, TornadoBar};

use crate::error::Error;
use crate::render::context::Context;
use crate::report::robust::{RobustReport, SensitivityTarget};

/// How many inputs the chart shows (the most influential).
const BARS: usize = 15;

/// The tornado chart of a [`RobustReport`]: for each input, the quantity the
/// ranking explains with the input in its lowest and highest fifth.
///
/// # Errors
///
/// An `Output` error if the chart cannot be drawn.
pub fn svg(r: &RobustReport, cx: &Context) -> Result<String, Error> {
    let bars: Vec<TornadoBar> = r
        .sensitivity
        .iter()
        .take(BARS)
        .map(|x| TornadoBar {
            label: cx.input_label(&x.input),
            low: x.low,
            high: x.high,
            index: x.index,
        })
        .collect();
    let what = match &r.sensitivity_target {
        SensitivityTarget::PAccept { deal } => format!("P({deal} accepted)"),
        SensitivityTarget::PZopa => "P(zone of possible agreement)".to_string(),
    };
    tornado_svg(
        &format!("{}: what moves {what}", cx.scenario.name),
        &format!(
            "{}; bars: {what} with the input in its lowest → highest fifth (red: falls as the input rises, blue: rises); line: overall {:.3}",
            match &r.observed {
                Some(o) => format!(
                    "{} samples, {} agreeing with the {} recorded answers",
                    r.samples, o.kept, o.observations
                ),
                None => format!("{} samples", r.samples),
            },
            r.sensitivity_base
        ),
        r.sensitivity_base,
        &bars,
    )
    .map_err(|e| Error::output(e.to_string()))
}
