//! SVG charts. Text is laid out with a font embedded in the binary (DejaVu
//! Sans, see `assets/DejaVuSans.LICENSE`), so charts render the same on a
//! machine without system fonts.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
static REGISTER: Once = Once::new();

fn register_font() {
    REGISTER.call_once(|| {
        // The font is ours and known to be valid; failing here would only lose text.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, FONT);
    });
}

/// Fills the page white, writes the title and a grey note at the top, and
/// returns the area below them.
fn titled<'a>(
    root: &DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    title: &str,
    note: &str,
) -> Result<DrawingArea<SVGBackend<'a>, plotters::coord::Shift>, ChartError> {
    let e = |x: &dyn std::fmt::Display| ChartError(x.to_string());
    root.fill(&WHITE).map_err(|x| e(&x))?;
    let (top, body) = root.split_vertically(60);
    top.draw(&Text::new(
        title.to_string(),
        (20, 10),
        ("sans-serif", 22).into_font().color(&BLACK),
    ))
    .map_err(|x| e(&x))?;
    top.draw(&Text::new(
        note.to_string(),
        (20, 38),
        ("sans-serif", 14).into_font().color(&GREY),
    ))
    .map_err(|x| e(&x))?;
    Ok(body)
}

/// A chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw the chart: {0}")]
pub struct ChartError(String);

/// A labelled point.
#[derive(Debug, Clone)]
pub struct Marker {
    /// Text next to the point.
    pub label: String,
    /// Utility of the x party.
    pub x: f64,
    /// Utility of the y party.
    pub y: f64,
}

/// What a frontier chart shows.
#[derive(Debug, Clone, Default)]
pub struct FrontierChart {
    /// Chart title.
    pub title: String,
    /// Name of the x party.
    pub x_label: String,
    /// Name of the y party.
    pub y_label: String,
    /// Frontier points: (x, y, inside the ZOPA).
    pub points: Vec<(f64, f64, bool)>,
    /// Reservation value of the x party (drawn as a vertical line).
    pub x_reservation: Option<f64>,
    /// Reservation value of the y party (drawn as a horizontal line).
    pub y_reservation: Option<f64>,
    /// Solutions (Nash, ...), drawn as labelled diamonds.
    pub solutions: Vec<Marker>,
    /// Deals of the scenario, drawn as labelled crosses.
    pub deals: Vec<Marker>,
    /// The legend's words for frontier points outside the zone.
    pub outside_label: String,
    /// A note printed under the title (e.g. "3 parties; projection").
    pub note: String,
}

const BLUE: RGBColor = RGBColor(31, 119, 180);
const GREY: RGBColor = RGBColor(150, 150, 150);
const RED: RGBColor = RGBColor(214, 39, 40);
const GREEN_FILL: RGBColor = RGBColor(44, 160, 44);
const DEAL: RGBColor = RGBColor(106, 61, 154);

/// Draws the frontier chart as an SVG document.
///
/// # Errors
///
/// [`ChartError`] if plotting fails (it does not on valid input).
pub fn frontier_svg(c: &FrontierChart) -> Result<String, ChartError> {
    register_font();
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (900, 720)).into_drawing_area();
        let body = titled(&root, &c.title, &c.note)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..1.02f64, 0f64..1.02f64)
            .map_err(|e| ChartError(e.to_string()))?;
        chart
            .configure_mesh()
            .x_desc(format!("utility of {}", c.x_label))
            .y_desc(format!("utility of {}", c.y_label))
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| ChartError(e.to_string()))?;
        // The zone both parties prefer to no deal.
        if let (Some(rx), Some(ry)) = (c.x_reservation, c.y_reservation) {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(rx, ry), (1.02, 1.02)],
                    GREEN_FILL.mix(0.08).filled(),
                )))
                .map_err(|e| ChartError(e.to_string()))?
                .label("both above their reservation values")
                .legend(|(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 14, y + 5)], GREEN_FILL.mix(0.2).filled())
                });
        }
        if let Some(rx) = c.x_reservation {
            chart
                .draw_series(LineSeries::new(
                    vec![(rx, 0.0), (rx, 1.02)],
                    RED.stroke_width(1),
                ))
                .map_err(|e| ChartError(e.to_string()))?
                .label(format!(
                    "reservation values ({} {:.3}, {} {:.3})",
                    c.x_label,
                    rx,
                    c.y_label,
                    c.y_reservation.unwrap_or(f64::NAN)
                ))
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], RED));
        }
        if let Some(ry) = c.y_reservation {
            chart
                .draw_series(LineSeries::new(
                    vec![(0.0, ry), (1.02, ry)],
                    RED.stroke_width(1),
                ))
                .map_err(|e| ChartError(e.to_string()))?;
        }
        chart
            .draw_series(
                c.points
                    .iter()
                    .filter(|p| !p.2)
                    .map(|&(x, y, _)| Circle::new((x, y), 3, GREY.filled())),
            )
            .map_err(|e| ChartError(e.to_string()))?
            .label(c.outside_label.as_str())
            .legend(|(x, y)| Circle::new((x + 7, y), 3, GREY.filled()));
        chart
            .draw_series(
                c.points
                    .iter()
                    .filter(|p| p.2)
                    .map(|&(x, y, _)| Circle::new((x, y), 4, BLUE.filled())),
            )
            .map_err(|e| ChartError(e.to_string()))?
            .label("Pareto frontier inside the ZOPA")
            .legend(|(x, y)| Circle::new((x + 7, y), 4, BLUE.filled()));
        // The frontier of the two parties shown (the outer edge of the projection).
        let mut edge: Vec<(f64, f64)> = c.points.iter().map(|&(x, y, _)| (x, y)).collect();
        edge.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
        let mut outer: Vec<(f64, f64)> = Vec::new();
        for (x, y) in edge {
            if outer.last().is_none_or(|&(_, py)| y > py) {
                outer.push((x, y));
            }
        }
        if outer.len() > 1 {
            chart
                .draw_series(LineSeries::new(outer, BLACK.mix(0.6).stroke_width(1)))
                .map_err(|e| ChartError(e.to_string()))?
                .label(format!("frontier of {} and {} alone", c.x_label, c.y_label))
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], BLACK.mix(0.6)));
        }
        for (k, d) in c.deals.iter().enumerate() {
            let s = chart
                .draw_series(std::iter::once(Cross::new(
                    (d.x, d.y),
                    6,
                    DEAL.stroke_width(2),
                )))
                .map_err(|e| ChartError(e.to_string()))?;
            if k == 0 {
                s.label("plans on file")
                    .legend(|(x, y)| Cross::new((x + 7, y), 5, DEAL.stroke_width(2)));
            }
        }
        for (k, s) in c.solutions.iter().enumerate() {
            let series = chart
                .draw_series(std::iter::once(
                    EmptyElement::at((s.x, s.y))
                        + Polygon::new(vec![(0, -7), (7, 0), (0, 7), (-7, 0)], RED.filled()),
                ))
                .map_err(|e| ChartError(e.to_string()))?;
            if k == 0 {
                series.label("bargaining solutions").legend(|(x, y)| {
                    Polygon::new(
                        vec![(x + 7, y - 6), (x + 13, y), (x + 7, y + 6), (x + 1, y)],
                        RED.filled(),
                    )
                });
            }
        }
        // Labels last, placed so that none covers another: solutions first
        // (coinciding ones stack), then the plans.
        let labelled: Vec<(&Marker, RGBColor)> = c
            .solutions
            .iter()
            .map(|m| (m, BLACK))
            .chain(c.deals.iter().map(|m| (m, DEAL)))
            .filter(|(m, _)| m.x.is_finite() && m.y.is_finite())
            .collect();
        let items: Vec<((i32, i32), &str)> = labelled
            .iter()
            .map(|(m, _)| (chart.backend_coord(&(m.x, m.y)), m.label.as_str()))
            .collect();
        for ((m, color), (dx, dy)) in labelled.iter().zip(place_labels(&items)) {
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((m.x, m.y))
                        + Text::new(
                            m.label.clone(),
                            (dx, dy),
                            ("sans-serif", 13).into_font().color(color),
                        ),
                ))
                .map_err(|e| ChartError(e.to_string()))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .label_font(("sans-serif", 13))
            .background_style(WHITE.mix(0.85))
            .border_style(GREY)
            .draw()
            .map_err(|e| ChartError(e.to_string()))?;
        root.present().map_err(|e| ChartError(e.to_string()))?;
    }
    // Tooltips: each frontier point's circle gets a <title> with its
    // utilities. The points are the chart's first circles, in the order
    // drawn (outside the zone, then inside); the legend's come after.
    let titles: Vec<String> = [false, true]
        .iter()
        .flat_map(|&inside| {
            c.points
                .iter()
                .filter(move |p| p.2 == inside)
                .map(move |&(x, y, _)| {
                    format!(
                        "{} {x:.3}, {} {y:.3}{}",
                        c.x_label,
                        c.y_label,
                        if inside { " (in the zone)" } else { "" }
                    )
                })
        })
        .collect();
    Ok(with_titles(&buf, "<circle ", &titles))
}

/// Gives the first `titles.len()` elements that start with `open` (and
/// close themselves with `/>`) a `<title>` child, in order: a tooltip in a
/// browser. The text is escaped.
fn with_titles(svg: &str, open: &str, titles: &[String]) -> String {
    if svg.matches(open).count() < titles.len() {
        return svg.to_string();
    }
    let tag = open.trim_start_matches('<').trim();
    let mut out = String::with_capacity(svg.len() + titles.len() * 48);
    let mut rest = svg;
    for t in titles {
        let Some(at) = rest.find(open) else { break };
        let Some(end) = rest[at..].find("/>").map(|k| at + k) else {
            break;
        };
        out.push_str(&rest[..end]);
        out.push_str("><title>");
        out.push_str(&quick_xml::escape::partial_escape(t.as_str()));
        out.push_str("</title></");
        out.push_str(tag);
        out.push('>');
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// One bar of a tornado chart.
#[derive(Debug, Clone)]
pub struct TornadoBar {
    /// The input.
    pub label: String,
    /// The outcome's probability with the input in its lowest fifth.
    pub low: f64,
    /// The outcome's probability with the input in its highest fifth.
    pub high: f64,
    /// The first-order index, printed next to the bar.
    pub index: f64,
}

/// Draws a tornado chart: per input (most influential on top) a bar from
/// the outcome's probability with the input low to that with it high,
/// around a line at the overall probability.
///
/// # Errors
///
/// [`ChartError`] if plotting fails (it does not on valid input).
pub fn tornado_svg(
    title: &str,
    note: &str,
    overall: f64,
    bars: &[TornadoBar],
) -> Result<String, ChartError> {
    register_font();
    let e = |e: &dyn std::fmt::Display| ChartError(e.to_string());
    let n = bars.len().max(1);
    let height = 140 + 34 * n as u32;
    let (lo, hi) = tornado_range(overall, bars);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (1000, height)).into_drawing_area();
        let body = titled(&root, title, note)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(20)
            .x_label_area_size(40)
            .y_label_area_size(400)
            .build_cartesian_2d(lo..hi, 0f64..n as f64)
            .map_err(|x| e(&x))?;
        let labels: Vec<String> = bars
            .iter()
            .map(|b| {
                format!(
                    "{}  ({:.2} → {:.2}, index {:.3})",
                    b.label, b.low, b.high, b.index
                )
            })
            .collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n * 2 + 1)
            .y_label_formatter(&|y| {
                // Bar k occupies [n-k-1, n-k]; label its middle.
                let k = n as f64 - y - 0.5;
                if (k - k.round()).abs() < 1e-6 && k >= 0.0 && (k.round() as usize) < labels.len() {
                    labels[k.round() as usize].clone()
                } else {
                    String::new()
                }
            })
            .x_desc(if lo > 0.0 || hi < 1.0 {
                format!("probability (the axis shows {lo:.2} to {hi:.2})")
            } else {
                "probability".to_string()
            })
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|x| e(&x))?;
        for (k, b) in bars.iter().enumerate() {
            let y0 = (n - k - 1) as f64 + 0.2;
            let y1 = (n - k) as f64 - 0.2;
            let (lo, hi) = (b.low.min(b.high), b.low.max(b.high));
            let color = if b.high >= b.low { BLUE } else { RED };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(lo, y0), (hi.max(lo + 0.002), y1)],
                    color.mix(0.7).filled(),
                )))
                .map_err(|x| e(&x))?;
        }
        chart
            .draw_series(LineSeries::new(
                vec![(overall, 0.0), (overall, n as f64)],
                BLACK.stroke_width(1),
            ))
            .map_err(|x| e(&x))?;
        root.present().map_err(|x| e(&x))?;
    }
    Ok(buf)
}

/// The tornado's axis: the bars and the overall line with a margin, on a
/// grid of 0.05, at least 0.2 wide, within [0, 1].
fn tornado_range(overall: f64, bars: &[TornadoBar]) -> (f64, f64) {
    let values = bars
        .iter()
        .flat_map(|b| [b.low, b.high])
        .chain(std::iter::once(overall))
        .filter(|v| v.is_finite());
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.15).max(0.02);
    lo = ((lo - pad) * 20.0).floor() / 20.0;
    hi = ((hi + pad) * 20.0).ceil() / 20.0;
    if hi - lo < 0.2 - 1e-9 {
        let mid = (hi + lo) / 2.0;
        lo = mid - 0.1;
        hi = mid + 0.1;
    }
    let (lo, hi) = (lo.max(0.0), hi.min(1.0));
    if hi - lo < 0.2 - 1e-9 {
        if lo == 0.0 {
            (0.0, 0.2)
        } else {
            (0.8, 1.0)
        }
    } else {
        (lo, hi)
    }
}

/// Where labels go so that none covers another: each label (a point in
/// pixels and its text) takes the first of a few places beside its point
/// whose box meets no box already placed; when all are taken, it stacks
/// below. The offsets are from the point, in pixels.
fn place_labels(items: &[((i32, i32), &str)]) -> Vec<(i32, i32)> {
    const H: i32 = 15;
    let width = |t: &str| 7 * t.chars().count() as i32 + 4;
    let mut boxes: Vec<(i32, i32, i32, i32)> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for &((px, py), text) in items {
        let w = width(text);
        let candidates = [
            (10, -16),
            (10, 4),
            (-w - 10, -16),
            (-w - 10, 4),
            (-w / 2, -26),
            (-w / 2, 10),
        ];
        let free = |dx: i32, dy: i32| {
            let (x0, y0) = (px + dx, py + dy);
            !boxes
                .iter()
                .any(|&(a, b, c, d)| x0 < c && a < x0 + w && y0 < d && b < y0 + H)
        };
        let (dx, dy) = candidates
            .into_iter()
            .chain((1..40).map(|k| (10, 4 + k * H)))
            .find(|&(dx, dy)| free(dx, dy))
            .unwrap_or((10, 4));
        boxes.push((px + dx, py + dy, px + dx + w, py + dy + H));
        out.push((dx, dy));
    }
    out
}

/// What a negotiation-trace chart shows.
#[derive(Debug, Clone, Default)]
pub struct TraceChart {
    /// Chart title.
    pub title: String,
    /// A note under the title.
    pub note: String,
    /// Name of the x and y parties.
    pub x_label: String,
    /// Name of the y party.
    pub y_label: String,
    /// Frontier of the two parties (x, y).
    pub frontier: Vec<(f64, f64)>,
    /// Reservation values of the x and y parties.
    pub reservations: (f64, f64),
    /// Offers in order: (proposer label, x, y).
    pub offers: Vec<(String, f64, f64)>,
    /// The agreement, if any.
    pub agreement: Option<(f64, f64)>,
    /// The Nash point, if any.
    pub nash: Option<(f64, f64)>,
}

const PALETTE: [RGBColor; 5] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

/// Draws the offers of a negotiation in the utility space of two parties,
/// over the frontier: each proposer's offers in its colour, joined in
/// order, lighter early and darker late.
///
/// # Errors
///
/// [`ChartError`] if plotting fails (it does not on valid input).
pub fn trace_svg(c: &TraceChart) -> Result<String, ChartError> {
    register_font();
    let e = |x: &dyn std::fmt::Display| ChartError(x.to_string());
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (900, 760)).into_drawing_area();
        let body = titled(&root, &c.title, &c.note)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..1.02f64, 0f64..1.02f64)
            .map_err(|x| e(&x))?;
        chart
            .configure_mesh()
            .x_desc(format!("utility of {}", c.x_label))
            .y_desc(format!("utility of {}", c.y_label))
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|x| e(&x))?;
        let (rx, ry) = c.reservations;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(rx, ry), (1.02, 1.02)],
                GREEN_FILL.mix(0.08).filled(),
            )))
            .map_err(|x| e(&x))?
            .label("both above their reservation values")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 5), (x + 14, y + 5)], GREEN_FILL.mix(0.2).filled())
            });
        let mut edge = c.frontier.clone();
        edge.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
        chart
            .draw_series(
                edge.iter()
                    .map(|&(x, y)| Circle::new((x, y), 2, GREY.filled())),
            )
            .map_err(|x| e(&x))?
            .label("Pareto frontier")
            .legend(|(x, y)| Circle::new((x + 7, y), 3, GREY.filled()));
        let mut names: Vec<String> = Vec::new();
        for (who, _, _) in &c.offers {
            if !names.contains(who) {
                names.push(who.clone());
            }
        }
        let n = c.offers.len().max(1);
        for (k, name) in names.iter().enumerate() {
            let col = PALETTE[k % PALETTE.len()];
            let pts: Vec<(usize, f64, f64)> = c
                .offers
                .iter()
                .enumerate()
                .filter(|(_, o)| &o.0 == name)
                .map(|(i, o)| (i, o.1, o.2))
                .collect();
            chart
                .draw_series(LineSeries::new(
                    pts.iter().map(|p| (p.1, p.2)),
                    col.mix(0.35).stroke_width(1),
                ))
                .map_err(|x| e(&x))?;
            chart
                .draw_series(pts.iter().map(|&(i, x, y)| {
                    let a = 0.25 + 0.75 * (i + 1) as f64 / n as f64;
                    Circle::new((x, y), 4, col.mix(a).filled())
                }))
                .map_err(|x| e(&x))?
                .label(format!("offers by {name} (darker = later)"))
                .legend(move |(x, y)| Circle::new((x + 7, y), 4, col.filled()));
        }
        if let Some((x, y)) = c.nash {
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x, y))
                        + Polygon::new(vec![(0, -7), (7, 0), (0, 7), (-7, 0)], RED.filled()),
                ))
                .map_err(|x| e(&x))?
                .label("Nash point")
                .legend(|(x, y)| {
                    Polygon::new(
                        vec![(x + 7, y - 6), (x + 13, y), (x + 7, y + 6), (x + 1, y)],
                        RED.filled(),
                    )
                });
        }
        if let Some((x, y)) = c.agreement {
            chart
                .draw_series(std::iter::once(Cross::new(
                    (x, y),
                    9,
                    BLACK.stroke_width(3),
                )))
                .map_err(|x| e(&x))?
                .label("agreement")
                .legend(|(x, y)| Cross::new((x + 7, y), 6, BLACK.stroke_width(3)));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .label_font(("sans-serif", 13))
            .background_style(WHITE.mix(0.85))
            .border_style(GREY)
            .draw()
            .map_err(|x| e(&x))?;
        root.present().map_err(|x| e(&x))?;
    }
    Ok(buf)
}

/// Draws actors' positions over the rounds of a forecast: one panel per
/// dimension, one line per actor, the forecast as a dashed line.
///
/// # Errors
///
/// [`ChartError`] if plotting fails (it does not on valid input).
pub fn forecast_svg(
    title: &str,
    note: &str,
    dims: &[String],
    ranges: &[(f64, f64)],
    names: &[String],
    rounds: &[Vec<Vec<f64>>],
    forecast: &[f64],
) -> Result<String, ChartError> {
    register_font();
    let e = |x: &dyn std::fmt::Display| ChartError(x.to_string());
    let panels = dims.len().clamp(1, 6);
    let height = 90 + 330 * panels as u32;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (1000, height)).into_drawing_area();
        let body = titled(&root, title, note)?;
        let areas = body.split_evenly((panels, 1));
        let n_rounds = rounds.len().max(2);
        for (d, area) in areas.iter().enumerate() {
            let (lo, hi) = ranges.get(d).copied().unwrap_or((0.0, 1.0));
            let pad = ((hi - lo).abs() * 0.05).max(1e-6);
            let mut chart = ChartBuilder::on(area)
                .margin(15)
                .x_label_area_size(40)
                .y_label_area_size(60)
                .caption(dims[d].clone(), ("sans-serif", 16))
                // Room on the right for the actors' names.
                .build_cartesian_2d(0f64..(n_rounds - 1) as f64 * 1.12, (lo - pad)..(hi + pad))
                .map_err(|x| e(&x))?;
            chart
                .configure_mesh()
                .x_desc("round")
                .y_desc("position")
                .x_label_formatter(&|x| format!("{x:.0}"))
                .label_style(("sans-serif", 13))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(|x| e(&x))?;
            let colour = |a: usize| {
                PALETTE[a % PALETTE.len()].mix(if a < PALETTE.len() { 0.9 } else { 0.55 })
            };
            let mut ends = Vec::new();
            for (a, name) in names.iter().enumerate() {
                let pts: Vec<(f64, f64)> = rounds
                    .iter()
                    .enumerate()
                    .map(|(r, p)| (r as f64, p[a][d]))
                    .collect();
                let series = chart
                    .draw_series(LineSeries::new(pts.clone(), colour(a).stroke_width(2)))
                    .map_err(|x| e(&x))?;
                // A colour key for up to a dozen actors; beyond that the
                // names at the lines' ends say who is who.
                if names.len() <= 12 {
                    series.label(name.as_str()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 14, y)], colour(a).stroke_width(2))
                    });
                }
                if let Some(&(x, y)) = pts.last() {
                    ends.push((a, x, y));
                }
            }
            // Names at the lines' ends, in each actor's colour, placed so
            // that none covers another.
            let items: Vec<((i32, i32), &str)> = ends
                .iter()
                .map(|&(a, x, y)| (chart.backend_coord(&(x, y)), names[a].as_str()))
                .collect();
            for (&(a, x, y), (dx, dy)) in ends.iter().zip(place_labels(&items)) {
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((x, y))
                            + Text::new(
                                names[a].clone(),
                                (dx, dy),
                                ("sans-serif", 12).into_font().color(&colour(a)),
                            ),
                    ))
                    .map_err(|x| e(&x))?;
            }
            if let Some(&f) = forecast.get(d) {
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(0.0, f), ((n_rounds - 1) as f64, f)],
                        6,
                        4,
                        RED.stroke_width(2),
                    ))
                    .map_err(|x| e(&x))?
                    .label(format!("forecast {f:.2}"))
                    .legend(|(x, y)| {
                        PathElement::new(vec![(x, y), (x + 14, y)], RED.stroke_width(2))
                    });
            }
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .label_font(("sans-serif", 13))
                .background_style(WHITE.mix(0.85))
                .border_style(GREY)
                .draw()
                .map_err(|x| e(&x))?;
        }
        root.present().map_err(|x| e(&x))?;
    }
    Ok(buf)
}

/// One panel of a line chart: a caption, a y-axis label and named series of
/// (x, y) points (NaN y values are gaps).
#[derive(Debug, Clone)]
pub struct Panel {
    /// Shown above the panel.
    pub caption: String,
    /// The y axis.
    pub y_label: String,
    /// The series: name and points.
    pub series: Vec<(String, Vec<(f64, f64)>)>,
}

/// Draws line charts against one x axis, one panel above another, each
/// with its own y range and a legend; points are marked.
///
/// # Errors
///
/// [`ChartError`] if plotting fails (it does not on valid input).
pub fn lines_svg(
    title: &str,
    note: &str,
    x_label: &str,
    panels: &[Panel],
) -> Result<String, ChartError> {
    register_font();
    let e = |x: &dyn std::fmt::Display| ChartError(x.to_string());
    let n = panels.len().clamp(1, 8);
    let height = 90 + 300 * n as u32;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (1000, height)).into_drawing_area();
        let body = titled(&root, title, note)?;
        let areas = body.split_evenly((n, 1));
        let xs = panels
            .iter()
            .flat_map(|p| p.series.iter().flat_map(|(_, s)| s.iter().map(|q| q.0)));
        let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        });
        let (x0, x1) = if x0.is_finite() && x1 > x0 {
            (x0, x1)
        } else if x0.is_finite() {
            (x0 - 0.5, x0 + 0.5)
        } else {
            (0.0, 1.0)
        };
        for (panel, area) in panels.iter().zip(areas.iter()) {
            let ys = panel
                .series
                .iter()
                .flat_map(|(_, s)| s.iter().map(|q| q.1))
                .filter(|y| y.is_finite());
            let (y0, y1) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
                (a.min(y), b.max(y))
            });
            let (y0, y1) = if y0.is_finite() { (y0, y1) } else { (0.0, 1.0) };
            let pad = ((y1 - y0).abs() * 0.08).max(1e-3);
            // Headroom above the data for the legend.
            let head = pad + (y1 - y0).abs() * 0.25 * panel.series.len().min(4) as f64 / 2.0;
            let mut chart = ChartBuilder::on(area)
                .margin(15)
                .x_label_area_size(40)
                .y_label_area_size(70)
                .caption(panel.caption.clone(), ("sans-serif", 16))
                .build_cartesian_2d(x0..x1, (y0 - pad)..(y1 + head))
                .map_err(|x| e(&x))?;
            chart
                .configure_mesh()
                .x_desc(x_label)
                .y_desc(panel.y_label.clone())
                .label_style(("sans-serif", 13))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(|x| e(&x))?;
            for (k, (name, pts)) in panel.series.iter().enumerate() {
                let col = PALETTE[k % PALETTE.len()];
                // Split at gaps (NaN) so that a missing value breaks the line.
                let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
                for &(x, y) in pts {
                    if y.is_finite() {
                        if let Some(r) = runs.last_mut() {
                            r.push((x, y));
                        }
                    } else if runs.last().is_some_and(|r| !r.is_empty()) {
                        runs.push(Vec::new());
                    }
                }
                let mut first = true;
                for run in runs.into_iter().filter(|r| !r.is_empty()) {
                    let s = chart
                        .draw_series(LineSeries::new(run.clone(), col.stroke_width(2)))
                        .map_err(|x| e(&x))?;
                    if first {
                        s.label(name.clone()).legend(move |(x, y)| {
                            PathElement::new(vec![(x, y), (x + 14, y)], col.stroke_width(2))
                        });
                        first = false;
                    }
                    chart
                        .draw_series(
                            run.iter()
                                .map(|&(x, y)| Circle::new((x, y), 3, col.filled())),
                        )
                        .map_err(|x| e(&x))?;
                }
            }
            if !panel.series.is_empty() {
                // The legend goes to the side where the data stays lower.
                let top = |lo: f64, hi: f64| {
                    panel
                        .series
                        .iter()
                        .flat_map(|(_, s)| s.iter())
                        .filter(|q| q.0 >= lo && q.0 <= hi && q.1.is_finite())
                        .map(|q| q.1)
                        .fold(f64::NEG_INFINITY, f64::max)
                };
                let third = (x1 - x0) / 3.0;
                let side = if top(x1 - third, x1) > top(x0, x0 + third) {
                    SeriesLabelPosition::UpperLeft
                } else {
                    SeriesLabelPosition::UpperRight
                };
                chart
                    .configure_series_labels()
                    .position(side)
                    .label_font(("sans-serif", 13))
                    .background_style(WHITE.mix(0.85))
                    .border_style(GREY)
                    .draw()
                    .map_err(|x| e(&x))?;
            }
        }
        root.present().map_err(|x| e(&x))?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(low: f64, high: f64) -> TornadoBar {
        TornadoBar {
            label: String::new(),
            low,
            high,
            index: 0.0,
        }
    }

    #[test]
    fn the_tornado_axis_fits_the_bars() {
        let (lo, hi) = tornado_range(0.85, &[bar(0.73, 1.0), bar(0.8, 0.9)]);
        assert!(lo > 0.0 && lo <= 0.73 && hi >= 1.0 - 1e-12, "{lo} {hi}");
        assert_eq!(tornado_range(0.5, &[bar(0.0, 1.0)]), (0.0, 1.0));
        let (lo, hi) = tornado_range(0.01, &[bar(0.0, 0.02)]);
        assert!(lo == 0.0 && hi >= 0.2, "{lo} {hi}");
        let (lo, hi) = tornado_range(0.5, &[]);
        assert!(lo < 0.5 && hi > 0.5 && hi - lo >= 0.2 - 1e-12);
    }

    #[test]
    fn points_get_tooltips_in_order() {
        let svg = "<svg>\n<circle cx=\"1\"/>\n<circle cx=\"2\"/>\n<circle cx=\"3\"/>\n</svg>";
        let out = with_titles(svg, "<circle ", &["a & b".into(), "c".into()]);
        assert_eq!(
            out,
            "<svg>\n<circle cx=\"1\"><title>a &amp; b</title></circle>\n<circle cx=\"2\"><title>c</title></circle>\n<circle cx=\"3\"/>\n</svg>"
        );
        // More titles than circles: left as it is rather than mislabelled.
        assert_eq!(with_titles(svg, "<circle ", &vec![String::new(); 4]), svg);
        let chart = FrontierChart {
            x_label: "A".into(),
            y_label: "B".into(),
            points: vec![(0.2, 0.9, false), (0.6, 0.5, true)],
            ..FrontierChart::default()
        };
        let drawn = frontier_svg(&chart).unwrap();
        assert!(drawn.contains("<title>A 0.200, B 0.900</title>"), "{drawn}");
        assert!(drawn.contains("<title>A 0.600, B 0.500 (in the zone)</title>"));
    }

    #[test]
    fn labels_never_cover_each_other() {
        let texts = [
            "Nash",
            "Kalai-Smorodinsky",
            "Egalitarian",
            "Utilitarian",
            "Mediator",
            "plan",
        ];
        let items: Vec<((i32, i32), &str)> = texts
            .iter()
            .enumerate()
            .map(|(k, t)| ((300 + 3 * k as i32, 200 + 2 * k as i32), *t))
            .collect();
        let at = place_labels(&items);
        let boxes: Vec<(i32, i32, i32, i32)> = items
            .iter()
            .zip(&at)
            .map(|(((x, y), t), (dx, dy))| {
                let w = 7 * t.chars().count() as i32 + 4;
                (x + dx, y + dy, x + dx + w, y + dy + 15)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "{a:?} {b:?}");
            }
        }
    }
}
