//! `sweep`: the same questions over a grid of overrides, one row per grid
//! point — the analyst's table of `--set` variations in one run.
//!
//! Each grid point is a session of its own (the scenario with the point's
//! overrides applied after the request's own), answered by the same
//! `analyze`, `leverage` and `mediate` answers as a single run; the rows
//! come back in grid order whatever the number of threads.

use accord_core::parallel::{self, Progress};
use accord_io::vary::Vary;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::input::Input;
use crate::observe::Observer;
use crate::report::leverage::{LeverageReport, Zone};
use crate::report::levers::LeastCostReport;
use crate::report::mediate::{MediateReport, NoDealReport};
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Count, Id, Keyed, Package};
use crate::resolve::Ids;

/// What each grid point answers besides the analysis and the leverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SweepCommand {
    /// The analysis (ZOPA, Nash) and the leverage (shift, slack, least cost).
    Analyze,
    /// The same as `analyze`: every row has both.
    Leverage,
    /// Also the best deal of a `mediate` query.
    Mediate,
}

impl SweepCommand {
    fn parse(name: &str) -> Result<SweepCommand, Error> {
        Ok(match name {
            "analyze" => SweepCommand::Analyze,
            "leverage" => SweepCommand::Leverage,
            "mediate" => SweepCommand::Mediate,
            _ => {
                return Err(Error::usage(
                    format!("`sweep --command {name}` is not a question a sweep asks"),
                    Some("the commands are analyze, leverage and mediate".into()),
                ))
            }
        })
    }
}

/// One varied path and its values.
#[derive(Debug, Clone, Serialize)]
pub struct VaryReport {
    /// The override path (as for `--set`).
    pub path: String,
    /// Its values, LO to HI.
    pub values: Vec<f64>,
}

/// The best deal of the `mediate` query at one grid point.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepMediate {
    /// The best deal (null when there is none).
    pub package: Option<Package>,
    /// The total pressure it needs.
    pub pressure: Option<f64>,
    /// Its total cost (incentives and pressure).
    pub total_cost: Option<f64>,
    /// Every party's utility of it.
    pub utilities: Option<ByParty>,
    /// Whether some deal needs no pressure.
    pub no_pressure_needed: Option<bool>,
    /// Why there is no deal (null when there is one).
    pub no_deal: Option<NoDealReport>,
}

/// One grid point (read back from a part file of a sharded sweep).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepRow {
    /// The point: each varied path and its value here.
    pub set: Keyed<f64>,
    /// The number of packages every veto party accepts (exact, or an
    /// estimate when `zopa_exact` is false; as `analyze` counts).
    pub zopa_count: Count,
    /// Whether no package is acceptable to every veto party (always exact).
    pub zopa_empty: bool,
    /// Whether `zopa_count` is exact.
    pub zopa_exact: bool,
    /// Where the zone stands, as `leverage` says.
    pub zone: Zone,
    /// The least total lowering of reservation values that opens a zone (0
    /// when open; null when every package crosses a veto red line).
    pub min_total_shift: Option<f64>,
    /// Each veto party's slack when the zone is open (empty otherwise).
    pub slack: ByParty,
    /// The least-cost mix: `mix`, `beyond_pressure` or `blocked`.
    pub least_cost_status: String,
    /// Its total pressure (null unless `mix`).
    pub least_cost_pressure: Option<f64>,
    /// Its pressure per veto party (empty unless `mix`).
    pub least_cost_pressure_on: ByParty,
    /// Its total cost (null unless `mix`).
    pub least_cost: Option<f64>,
    /// Whether it fits the budget (null unless `mix`).
    pub within_budget: Option<bool>,
    /// The Nash package (null without a zone).
    pub nash: Option<Package>,
    /// Every party's utility of it.
    pub nash_utilities: Option<ByParty>,
    /// Where `nash` differs from the Nash package of the nearest earlier
    /// row that has one, in issue order (null when this row has no Nash
    /// package or no earlier row has one).
    pub nash_changes: Option<Vec<crate::report::change::Difference>>,
    /// With `--command mediate`: the best deal of the query (null
    /// otherwise).
    pub mediate: Option<SweepMediate>,
}

/// The answer to `sweep`.
#[derive(Debug, Clone, Serialize)]
pub struct SweepReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The question each point answers.
    pub command: SweepCommand,
    /// For `mediate`: the pressed parties.
    pub press: Vec<Id>,
    /// For `mediate`: the party ranked first (`--maximize`; null: least
    /// pressure first).
    pub maximize: Option<Id>,
    /// Whether acceptance includes ratification (leverage and mediate).
    pub ratified: bool,
    /// The varied paths, in the order given.
    pub vary: Vec<VaryReport>,
    /// Every party, in scenario order (the keys of `nash_utilities`).
    pub parties: Vec<Id>,
    /// The veto parties (the keys of `slack`).
    pub veto_parties: Vec<Id>,
    /// The number of grid points (the product of the ranges' sizes).
    pub points: usize,
    /// One row per grid point, the last `--vary` varying fastest.
    pub rows: Vec<SweepRow>,
}

/// The arguments of `sweep`, as the request gives them.
pub(crate) struct Args<'a> {
    pub vary: &'a [String],
    pub command: &'a str,
    pub press: &'a [String],
    pub satisfy: Option<&'a [String]>,
    pub maximize: Option<&'a str>,
    pub ratified: bool,
}

/// The grid point `k`: one value index per range, the last fastest.
fn point(vary: &[Vary], mut k: usize) -> Vec<usize> {
    let mut idx = vec![0; vary.len()];
    for (j, v) in vary.iter().enumerate().rev() {
        idx[j] = k % v.values.len();
        k /= v.values.len();
    }
    idx
}

/// The arguments of a `sweep` request; a usage error for another request.
pub(crate) fn args_of(request: &crate::Request) -> Result<Args<'_>, Error> {
    match request {
        crate::Request::Sweep {
            vary,
            question,
            press,
            satisfy,
            maximize,
            ratified,
        } => Ok(Args {
            vary,
            command: question,
            press,
            satisfy: satisfy.as_deref(),
            maximize: maximize.as_deref(),
            ratified: *ratified,
        }),
        other => Err(Error::usage(
            format!("`{}` is not a sweep", other.command()),
            None,
        )),
    }
}

/// A sweep's question, checked, and its grid.
pub(crate) struct Prepared {
    command: SweepCommand,
    vary: Vec<Vary>,
    /// The number of grid points.
    pub(crate) points: usize,
}

/// Checks the question and reads the grid, before any point is computed.
pub(crate) fn prepare(input: &Input, a: &Args) -> Result<Prepared, Error> {
    let command = SweepCommand::parse(a.command)?;
    if command == SweepCommand::Mediate && a.press.is_empty() {
        return Err(Error::usage(
            "`sweep --command mediate` needs the parties to press",
            Some("add --press PARTY, as for `accord mediate`".into()),
        ));
    }
    if command != SweepCommand::Mediate && (!a.press.is_empty() || a.maximize.is_some()) {
        return Err(Error::usage(
            "--press and --maximize belong to `sweep --command mediate`",
            Some("add --command mediate, or leave them out".into()),
        ));
    }
    let base = input.scenario();
    // The parties named, checked once before the grid (a grid point's
    // overrides change numbers, never ids).
    for (flag, ids) in [
        (
            "--press",
            a.press.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
        (
            "--satisfy",
            a.satisfy
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        ),
        ("--maximize", a.maximize.into_iter().collect()),
    ] {
        for id in ids {
            crate::resolve::party_arg(base, flag, id)?;
        }
    }
    let vary = accord_io::vary::parse_vary(a.vary, base)?;
    let points: usize = vary.iter().map(|v| v.values.len()).product();
    Ok(Prepared {
        command,
        vary,
        points,
    })
}

/// The rows of the grid points `range` (each computed from its own point
/// alone), in grid order.
pub(crate) fn rows(
    input: &Input,
    p: &Prepared,
    a: &Args,
    range: std::ops::Range<u64>,
    observer: &dyn Observer,
) -> Result<Vec<SweepRow>, Error> {
    let n = range.end - range.start;
    parallel::map(n, 1, Progress::single(observer, n), |j| {
        row(input, &p.vary, (range.start + j) as usize, p.command, a)
    })
    .map_err(|_| Error::Cancelled)?
    .into_iter()
    .collect()
}

/// The report from every row, in grid order: what the rows say of each
/// other (`nash_changes`) and the header.
pub(crate) fn finish(
    input: &Input,
    p: &Prepared,
    a: &Args,
    mut rows: Vec<SweepRow>,
) -> SweepReport {
    let mut before: Option<Package> = None;
    for row in &mut rows {
        row.nash_changes = None;
        if let Some(n) = &row.nash {
            row.nash_changes = before
                .as_ref()
                .map(|b| crate::report::change::package_differences(b, n));
            before = Some(n.clone());
        }
    }
    let base = input.scenario();
    let ids = Ids::new(base);
    SweepReport {
        schema_version: SCHEMA_VERSION,
        command: p.command,
        press: a
            .press
            .iter()
            .filter_map(|p| base.party_index(p.trim()).map(|i| ids.party(i)))
            .collect(),
        maximize: a
            .maximize
            .and_then(|m| base.party_index(m.trim()))
            .map(|i| ids.party(i)),
        ratified: a.ratified,
        parties: (0..base.parties.len()).map(|p| ids.party(p)).collect(),
        veto_parties: ids.parties(&base.veto_parties()),
        vary: p
            .vary
            .iter()
            .map(|v| VaryReport {
                path: v.path.clone(),
                values: v.values.clone(),
            })
            .collect(),
        points: p.points,
        rows,
    }
}

/// Answers `sweep`.
pub(crate) fn answer(
    input: &Input,
    a: &Args,
    observer: &dyn Observer,
) -> Result<SweepReport, Error> {
    let p = prepare(input, a)?;
    let rows = rows(input, &p, a, 0..p.points as u64, observer)?;
    Ok(finish(input, &p, a, rows))
}

/// The row of grid point `k`.
fn row(
    input: &Input,
    vary: &[Vary],
    k: usize,
    command: SweepCommand,
    a: &Args,
) -> Result<SweepRow, Error> {
    let idx = point(vary, k);
    let sets: Vec<String> = vary.iter().zip(&idx).map(|(v, &i)| v.set(i)).collect();
    let at = |e: Error| -> Error {
        if e.is_cancelled() {
            return e;
        }
        Error::usage(
            format!("at the grid point {}: {e}", sets.join(" ")),
            Some("narrow the range so that every point is a valid scenario".into()),
        )
    };
    let here = Input::from_scenario(input.scenario().clone(), &sets).map_err(at)?;
    let ids = Ids::new(here.scenario());
    // The zone and the solutions do not depend on the parties spanning the
    // frontier: span it by the veto parties only, the cheapest frontier.
    let veto: Vec<String> = here
        .scenario()
        .veto_parties()
        .into_iter()
        .map(|p| here.scenario().parties[p].id.clone())
        .collect();
    let spanning = (!veto.is_empty()).then_some(veto.as_slice());
    let analysis =
        crate::report::analyze::answer(&ids, spanning, 1, a.ratified, &crate::observe::Silent)
            .map_err(at)?;
    let lev: LeverageReport =
        crate::report::leverage::answer(&here, &ids, a.ratified, &crate::observe::Silent)
            .map_err(at)?;
    let (status, pressure, pressure_on, cost, within) = match &lev.least_cost {
        LeastCostReport::Mix {
            mix, within_budget, ..
        } => (
            "mix",
            Some(mix.total_pressure),
            mix.pressure.clone(),
            Some(mix.total_cost),
            Some(*within_budget),
        ),
        LeastCostReport::BeyondPressure { .. } => {
            ("beyond_pressure", None, Keyed::default(), None, None)
        }
        LeastCostReport::Blocked { .. } => ("blocked", None, Keyed::default(), None, None),
    };
    let mediate = match command {
        SweepCommand::Mediate => {
            let m: MediateReport = crate::report::mediate::answer(
                &here,
                &ids,
                &crate::report::mediate::Args {
                    press: a.press,
                    satisfy: a.satisfy,
                    maximize: a.maximize,
                    curve: false,
                    deal: None,
                    change: None,
                    limit: 1,
                    ratified: a.ratified,
                },
                &crate::observe::Silent,
            )
            .map_err(at)?;
            let best = m.deals.first();
            Some(SweepMediate {
                package: best.map(|d| d.mix.package.clone()),
                pressure: best.map(|d| d.mix.total_pressure),
                total_cost: best.map(|d| d.mix.total_cost),
                utilities: best.map(|d| d.mix.utilities.clone()),
                no_pressure_needed: m.no_pressure_needed,
                no_deal: m.no_deal,
            })
        }
        _ => None,
    };
    let nash = analysis.solutions.nash.as_ref();
    Ok(SweepRow {
        set: Keyed(
            vary.iter()
                .zip(&idx)
                .map(|(v, &i)| (Id::from(v.path.as_str()), v.values[i]))
                .collect(),
        ),
        zopa_count: analysis.zopa.count.clone(),
        zopa_empty: analysis.zopa.empty,
        zopa_exact: analysis.zopa.exact,
        zone: lev.zone,
        min_total_shift: lev.min_total_shift,
        slack: lev.slack,
        least_cost_status: status.into(),
        least_cost_pressure: pressure,
        least_cost_pressure_on: pressure_on,
        least_cost: cost,
        within_budget: within,
        nash: nash.map(|x| x.package.clone()),
        nash_utilities: nash.map(|x| x.utilities.clone()),
        nash_changes: None,
        mediate,
    })
}
