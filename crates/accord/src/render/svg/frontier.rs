//! SVG charts of reports (drawn with `accord_io::chart`).

use accord_core::model::Scenario;
use accord_io::chart::{FrontierChart, Marker};

use crate::error::Error;
use crate::report::frontier::FrontierReport;
use crate::report::value::ByParty;

/// The two parties a frontier chart plots, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axes {
    /// The party on the x axis.
    pub x: String,
    /// The party on the y axis.
    pub y: String,
}

impl Axes {
    /// The parties named, or by default the first two veto parties (then the
    /// other parties, in order). Resolve them before a long analysis: this
    /// needs only the scenario.
    ///
    /// # Errors
    ///
    /// A usage error for an unknown id, for one party named twice, or for a
    /// scenario with one party.
    pub fn choose(s: &Scenario, x: Option<&str>, y: Option<&str>) -> Result<Axes, Error> {
        let find = |id: &str| crate::resolve::party_index(s, id);
        let mut defaults: Vec<usize> = s.veto_parties();
        defaults.extend((0..s.parties.len()).filter(|p| !s.parties[*p].veto));
        let px = match x {
            Some(id) => find(id)?,
            None => defaults[0],
        };
        let py = match y {
            Some(id) => find(id)?,
            None => match defaults.iter().find(|&&p| p != px) {
                Some(&p) => p,
                None => {
                    return Err(Error::usage(
                        "a frontier chart needs two parties",
                        Some("the scenario has only one party".into()),
                    ))
                }
            },
        };
        if px == py {
            return Err(Error::usage("--x and --y name the same party", None));
        }
        Ok(Axes {
            x: s.parties[px].id.clone(),
            y: s.parties[py].id.clone(),
        })
    }
}

/// A plan's name without its parenthesis ("US 28-point plan (20 Nov
/// 2025)" → "US 28-point plan"), to label it on a chart.
fn short_name(name: &str) -> &str {
    match name.find(" (") {
        Some(k) if k > 0 => &name[..k],
        _ => name,
    }
}

/// The frontier projected on two parties, with the solutions, the deals on
/// file and the reservation values, as an SVG document.
///
/// # Errors
///
/// A usage error when an axis is not a party of the report; an output error
/// if drawing fails.
pub fn render(r: &FrontierReport, axes: &Axes) -> Result<String, Error> {
    let party = |id: &str| {
        r.scenario
            .parties
            .iter()
            .find(|p| &*p.id == id)
            .ok_or_else(|| Error::usage(format!("unknown party `{id}`"), None))
    };
    let (px, py) = (party(&axes.x)?, party(&axes.y)?);
    let at = |u: &ByParty| {
        (
            u.get(&px.id).copied().unwrap_or(f64::NAN),
            u.get(&py.id).copied().unwrap_or(f64::NAN),
        )
    };
    let marker = |label: &str, u: &ByParty| {
        let (x, y) = at(u);
        Marker {
            label: label.to_string(),
            x,
            y,
        }
    };
    let sols = &r.solutions;
    let mut solutions: Vec<Marker> = [
        ("Nash", &sols.nash),
        ("Kalai-Smorodinsky", &sols.kalai_smorodinsky),
        ("Egalitarian", &sols.egalitarian),
        ("Utilitarian", &sols.utilitarian),
    ]
    .iter()
    .filter_map(|(label, x)| x.as_ref().map(|x| marker(label, &x.utilities)))
    .collect();
    if let Some(m) = &sols.mediator {
        solutions.push(marker("Mediator", &m.solution.utilities));
    }
    let f = &r.pareto;
    let note = if f.parties.len() > 2 {
        format!(
            "Frontier over {} parties, projected on {} × {}; {} points, {} inside the ZOPA",
            f.parties.len(),
            px.id,
            py.id,
            f.distinct,
            f.points_in_zopa
        )
    } else {
        format!("{} frontier points", f.distinct)
    };
    let chart = FrontierChart {
        title: format!("{} — Pareto frontier", r.scenario.name),
        x_label: px.name.clone(),
        y_label: py.name.clone(),
        points: f
            .points
            .iter()
            .map(|p| {
                let (x, y) = at(&p.utilities);
                (x, y, p.inside_zopa())
            })
            .collect(),
        x_reservation: Some(px.reservation),
        y_reservation: Some(py.reservation),
        solutions,
        deals: r
            .deals
            .iter()
            .map(|d| marker(short_name(&d.name), &d.utilities))
            .collect(),
        outside_label: "frontier, refused by a veto party (in the shaded area: a red line)".into(),
        note,
    };
    accord_io::chart::frontier_svg(&chart).map_err(|e| Error::output(e.to_string()))
}
