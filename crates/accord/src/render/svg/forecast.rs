//! `forecast --svg`: the actors' positions over the rounds.

use crate::error::Error;
use crate::report::forecast::ForecastReport;

/// The chart of a [`ForecastReport`] as SVG.
///
/// # Errors
///
/// An `Output` error if drawing fails.
pub fn render(r: &ForecastReport) -> Result<String, Error> {
    let rounds: Vec<Vec<Vec<f64>>> = r
        .rounds
        .iter()
        .map(|x| x.positions.iter().map(|(_, p)| p.clone()).collect())
        .collect();
    let ranges: Vec<(f64, f64)> = r.ranges.iter().map(|s| (s.low, s.high)).collect();
    accord_io::chart::forecast_svg(
        &format!("{}: {} forecast", r.case, r.model.as_str()),
        &format!(
            "{} actors; {} rounds; dashed: the forecast",
            r.actors.len(),
            r.rounds_after_start
        ),
        &r.dimensions,
        &ranges,
        &r.actors,
        &rounds,
        &r.forecast,
    )
    .map_err(|e| Error::output(e.to_string()))
}
