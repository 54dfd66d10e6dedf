//! `analyze`: outcome space, zone of possible agreement, Pareto frontier,
//! bargaining solutions and the deals on file, in one report.
//!
//! The frontier's parts ([`ParetoFrontier`], [`Solutions`]) are shared with
//! `frontier` ([`crate::report::frontier`]).

use accord_core::analysis::solutions::Concept;
use accord_core::analysis::zopa::Method;
use accord_core::analysis::{Analysis, AnalysisError, AnalyzeOptions, ParetoPoint, SolutionReport};
use accord_core::model::Scenario;
use serde::Serialize;

use crate::error::Error;
use crate::observe::Observer;
use crate::report::evaluate::DealEvaluation;
use crate::report::scenario::ScenarioSummary;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Count, Id, OptionValue, Package};
use crate::resolve::{count, Ids};

/// How the zone of possible agreement was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ZopaMethod {
    /// Exact, by bounded depth-first search.
    Search,
    /// Exact, by meet in the middle.
    MeetInTheMiddle,
    /// Estimated from uniform random packages.
    Sampled,
}

impl ZopaMethod {
    /// The method's name, as in the JSON (`search`, `meet-in-the-middle`,
    /// `sampled`).
    pub fn name(self) -> &'static str {
        match self {
            ZopaMethod::Search => "search",
            ZopaMethod::MeetInTheMiddle => "meet-in-the-middle",
            ZopaMethod::Sampled => "sampled",
        }
    }
}

/// How many ZOPA packages take one option of an issue.
#[derive(Debug, Clone, Serialize)]
pub struct OptionCount {
    /// The option.
    pub option: OptionValue,
    /// The number of ZOPA packages that take it (an estimate when the zone
    /// is sampled).
    pub count: Count,
    /// Whether some ZOPA package takes it (always exact).
    pub inside: bool,
}

/// One issue seen from inside the zone of possible agreement.
#[derive(Debug, Clone, Serialize)]
pub struct IssueZone {
    /// The issue.
    pub issue: Id,
    /// Whether exactly one of its options occurs inside the zone.
    pub settled: bool,
    /// The options that occur inside the zone, in option order.
    pub open: Vec<OptionValue>,
    /// Every option, with its count.
    pub options: Vec<OptionCount>,
}

/// The zone of possible agreement: the packages every veto party accepts.
#[derive(Debug, Clone, Serialize)]
pub struct Zone {
    /// The number of its packages (an estimate when `exact` is false).
    pub count: Count,
    /// Whether it is empty (always exact).
    pub empty: bool,
    /// Whether `count` and the per-option counts are exact.
    pub exact: bool,
    /// How it was counted.
    pub method: ZopaMethod,
    /// For a sampled count, its 95% interval.
    pub interval: Option<[Count; 2]>,
    /// For a sampled count, the number of packages drawn.
    pub samples: Option<u64>,
    /// `count` over the size of the outcome space.
    pub share: f64,
    /// The parties whose acceptance is needed.
    pub veto_parties: Vec<Id>,
    /// The owners without a veto, each with the issues it owns: a package
    /// that moves one of them from its status quo needs the owner's
    /// acceptance too. Absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<OwnerZone>,
    /// The number of points of its own Pareto frontier (over the veto parties).
    pub frontier_points: usize,
    /// Per issue, the options inside it.
    pub issues: Vec<IssueZone>,
}

/// An owner of issues without a veto (see [`Zone::owners`]).
#[derive(Debug, Clone, Serialize)]
pub struct OwnerZone {
    /// The owner.
    pub party: Id,
    /// The issues it owns, in issue order.
    pub issues: Vec<Id>,
}

/// One point of the Pareto frontier: a utility vector and its packages.
#[derive(Debug, Clone, Serialize)]
pub struct FrontierPoint {
    /// The first package (in option order) with this utility vector.
    pub package: Package,
    /// Every party's utility of `package` (the frontier parties' utilities
    /// are those of every package of the point).
    pub utilities: ByParty,
    /// The number of packages with this vector.
    pub packages: Count,
    /// How many of them lie inside the zone of possible agreement (null when
    /// some veto party does not span the frontier, so the point does not
    /// decide it).
    pub zopa_packages: Option<Count>,
    /// Further packages with the same vector (up to `ties` − 1 of them).
    pub more_packages: Vec<Package>,
}

impl FrontierPoint {
    /// Whether some of its packages lie inside the zone of possible agreement.
    pub fn inside_zopa(&self) -> bool {
        self.zopa_packages
            .as_ref()
            .is_some_and(|z| z.0 != num_bigint::BigUint::default())
    }
}

/// The Pareto frontier over some parties.
#[derive(Debug, Clone, Serialize)]
pub struct ParetoFrontier {
    /// The parties spanning it.
    pub parties: Vec<Id>,
    /// The number of packages on it.
    pub count: Count,
    /// The number of distinct utility vectors (= `points.len()`).
    pub distinct: usize,
    /// The number of points with some package inside the zone of possible
    /// agreement.
    pub points_in_zopa: usize,
    /// Its points, ordered by their first package.
    pub points: Vec<FrontierPoint>,
}

/// A bargaining solution: a package and what it gives every party.
#[derive(Debug, Clone, Serialize)]
pub struct SolutionPoint {
    /// The package.
    pub package: Package,
    /// Every party's utility.
    pub utilities: ByParty,
    /// Every party's utility minus its reservation value.
    pub margins: ByParty,
    /// The value of the objective that chose it.
    pub value: f64,
    /// What the package's incentives cost the mediator (0 without incentive
    /// issues).
    pub incentive_cost: f64,
    /// Whether every veto party that has a ratification threshold reaches
    /// it with the package (true when none has one).
    pub ratified: bool,
}

/// The mediator's preferred deal inside the zone.
#[derive(Debug, Clone, Serialize)]
pub struct MediatorPoint {
    /// The deal.
    #[serde(flatten)]
    pub solution: SolutionPoint,
    /// The mediator.
    pub party: Id,
}

/// The bargaining solutions over the zone of possible agreement (null where
/// the zone is empty), with the reservation values as disagreement point.
#[derive(Debug, Clone, Serialize)]
pub struct Solutions {
    /// Maximises the product of the veto parties' margins.
    pub nash: Option<SolutionPoint>,
    /// Maximises the least margin relative to each party's ideal.
    pub kalai_smorodinsky: Option<SolutionPoint>,
    /// Maximises the least margin.
    pub egalitarian: Option<SolutionPoint>,
    /// Maximises the sum of the utilities.
    pub utilitarian: Option<SolutionPoint>,
    /// The mediator's pick (null without a mediator, or when the zone is
    /// empty).
    pub mediator: Option<MediatorPoint>,
}

/// A deal of the scenario, evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct DealOnFile {
    /// The evaluation.
    #[serde(flatten)]
    pub evaluation: DealEvaluation,
    /// The deal's id.
    pub id: Id,
    /// Its display name.
    pub name: String,
}

/// Seconds spent per phase.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseSeconds {
    /// Compilation.
    pub compile: f64,
    /// The zone: count, own frontier, options inside.
    pub zopa: f64,
    /// The reported frontier.
    pub frontier: f64,
    /// The solutions.
    pub solutions: f64,
}

/// Measurements of the run.
#[derive(Debug, Clone, Serialize)]
pub struct AnalysisStats {
    /// The partial frontier's size after each merge step.
    pub merge_sizes: Vec<usize>,
    /// Time per phase.
    pub seconds: PhaseSeconds,
    /// The process's peak resident memory after the analysis (null where the
    /// system does not say).
    pub peak_memory_bytes: Option<u64>,
}

/// The answer to `analyze`.
#[derive(Debug, Clone, Serialize)]
pub struct AnalysisReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Parties and issues.
    pub scenario: ScenarioSummary,
    /// The scenario's tolerance on utilities.
    pub tolerance: f64,
    /// Whether acceptance included ratification (`--ratified`): every veto
    /// party's reservation value raised to its ratification threshold where
    /// that is higher, for the zone, the frontier's restrictions, the
    /// solutions and the deals (`scenario` shows the raised values).
    pub ratified: bool,
    /// The size of the outcome space.
    pub outcomes: Count,
    /// Issues the analysis had to treat together (tied by red lines or
    /// interactions), as groups of issue ids.
    pub compound_issues: Vec<Vec<Id>>,
    /// The zone of possible agreement.
    pub zopa: Zone,
    /// The Pareto frontier.
    pub pareto: ParetoFrontier,
    /// The bargaining solutions.
    pub solutions: Solutions,
    /// The scenario's deals, evaluated.
    pub deals: Vec<DealOnFile>,
    /// Positions in `pareto.points`, in the order the summary lists them:
    /// the points inside the zone first, then by total utility, highest
    /// first.
    pub frontier_ranking: Vec<usize>,
    /// Measurements.
    pub stats: AnalysisStats,
}

/// Peak resident memory of this process (Linux: `VmHWM`), if the system
/// says.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The frontier parties named by `parties` (ids, duplicates ignored; all
/// parties when `None`).
fn frontier_parties(ids: &Ids, parties: Option<&[String]>) -> Result<Option<Vec<usize>>, Error> {
    let Some(names) = parties else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for id in names {
        let p = crate::resolve::party_index(ids.s, id)?;
        if !out.contains(&p) {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err(Error::usage(
            "--parties names no party",
            Some("name at least one party, or leave the list out for all of them".into()),
        ));
    }
    Ok(Some(out))
}

/// Runs the engine's analysis, its merge steps reported to `observer`.
pub(crate) fn run(
    ids: &Ids,
    parties: Option<&[String]>,
    ties: usize,
    observer: &dyn Observer,
) -> Result<Analysis, Error> {
    let frontier_parties = frontier_parties(ids, parties)?;
    if observer.cancelled() {
        return Err(Error::Cancelled);
    }
    let opts = AnalyzeOptions {
        frontier_parties,
        max_listed_per_point: ties,
        ..AnalyzeOptions::default()
    };
    let result =
        accord_core::analysis::analyze_with(ids.s, &opts, observer).map_err(|e| match e {
            AnalysisError::Model(e) => Error::model(e),
            AnalysisError::Cancelled(_) => Error::Cancelled,
            AnalysisError::TooLarge(e) => e.into(),
            e @ AnalysisError::SearchLimit { .. } => Error::usage(
                e.to_string(),
                Some(
                    "the search grows with how tightly the interactions tie the issues: \
                     ask about fewer parties (`--parties A,B`), or split the interactions"
                        .into(),
                ),
            ),
        })?;
    if observer.cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(result)
}

impl ParetoFrontier {
    /// The frontier of `a`, taking its points.
    pub(crate) fn take(ids: &Ids, a: &mut Analysis) -> ParetoFrontier {
        let points: Vec<FrontierPoint> = std::mem::take(&mut a.pareto)
            .into_iter()
            .map(|p| point(ids, p))
            .collect();
        ParetoFrontier {
            parties: ids.parties(&a.frontier_parties),
            count: count(&a.pareto_count),
            distinct: points.len(),
            points_in_zopa: points.iter().filter(|p| p.inside_zopa()).count(),
            points,
        }
    }
}

fn point(ids: &Ids, p: ParetoPoint) -> FrontierPoint {
    FrontierPoint {
        package: ids.package(&p.package),
        utilities: ids.by_party(&p.utilities),
        packages: Count(p.count),
        zopa_packages: p.zopa_count.map(Count),
        more_packages: p.more_packages.iter().map(|q| ids.package(q)).collect(),
    }
}

fn solution(ids: &Ids, r: &SolutionReport) -> SolutionPoint {
    SolutionPoint {
        package: ids.package(&r.package),
        utilities: ids.by_party(&r.utilities),
        margins: ids.by_party(&r.margins),
        value: r.value,
        incentive_cost: ids.s.incentive_cost(&r.package),
        ratified: ids.s.ratified(&r.package),
    }
}

impl Solutions {
    pub(crate) fn new(ids: &Ids, a: &Analysis) -> Solutions {
        let of = |k: Concept| {
            a.solutions
                .iter()
                .find(|(c, _)| *c == k)
                .and_then(|(_, r)| r.as_ref())
                .map(|r| solution(ids, r))
        };
        Solutions {
            nash: of(Concept::Nash),
            kalai_smorodinsky: of(Concept::KalaiSmorodinsky),
            egalitarian: of(Concept::Egalitarian),
            utilitarian: of(Concept::Utilitarian),
            mediator: a.mediator.as_ref().and_then(|(m, r)| {
                r.as_ref().map(|r| MediatorPoint {
                    solution: solution(ids, r),
                    party: ids.party(*m),
                })
            }),
        }
    }
}

impl Zone {
    fn new(ids: &Ids, a: &Analysis) -> Zone {
        let s = ids.s;
        let outcomes = Count(a.outcomes.clone()).to_f64();
        let zopa = Count(a.zopa_count.clone()).to_f64();
        let (method, interval, samples) = match &a.zopa_method {
            Method::Search => (ZopaMethod::Search, None, None),
            Method::MeetInTheMiddle => (ZopaMethod::MeetInTheMiddle, None, None),
            Method::Sampled {
                samples, low, high, ..
            } => (
                ZopaMethod::Sampled,
                Some([count(low), count(high)]),
                Some(*samples),
            ),
        };
        Zone {
            count: count(&a.zopa_count),
            empty: a.zopa_empty,
            exact: a.zopa_method.exact(),
            method,
            interval,
            samples,
            share: if outcomes > 0.0 { zopa / outcomes } else { 0.0 },
            veto_parties: ids.parties(&s.veto_parties()),
            owners: owner_zones(ids, s),
            frontier_points: a.zopa_frontier_points,
            issues: a
                .zopa_issues
                .iter()
                .map(|iz| IssueZone {
                    issue: ids.issue(iz.issue),
                    settled: iz.settled(),
                    open: iz
                        .open_options()
                        .iter()
                        .map(|&o| ids.option(iz.issue, o))
                        .collect(),
                    options: iz
                        .option_counts
                        .iter()
                        .enumerate()
                        .map(|(o, n)| OptionCount {
                            option: ids.option(iz.issue, o),
                            count: count(n),
                            inside: iz.present[o],
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Positions of `points`: inside the zone first, then by total utility,
/// highest first (a stable sort: ties keep the frontier's order).
fn ranking(points: &[FrontierPoint]) -> Vec<usize> {
    let total = |p: &FrontierPoint| -> f64 { p.utilities.0.iter().map(|(_, u)| u).sum() };
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&x, &y| {
        let (x, y) = (&points[x], &points[y]);
        y.inside_zopa()
            .cmp(&x.inside_zopa())
            .then_with(|| total(y).total_cmp(&total(x)))
    });
    order
}

/// The scenario an analysis reads: as it is, or with `ratified` every veto
/// party's reservation value raised to its ratification threshold.
pub(crate) fn ratified_scenario(s: &Scenario) -> Scenario {
    let mut t = s.clone();
    t.require_ratification_of_veto_parties();
    t
}

/// Answers `analyze`.
pub(crate) fn answer(
    ids: &Ids,
    parties: Option<&[String]>,
    ties: usize,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<AnalysisReport, Error> {
    if ratified {
        let raised = ratified_scenario(ids.s);
        return report(&Ids::new(&raised), parties, ties, true, observer);
    }
    report(ids, parties, ties, false, observer)
}

fn report(
    ids: &Ids,
    parties: Option<&[String]>,
    ties: usize,
    ratified: bool,
    observer: &dyn Observer,
) -> Result<AnalysisReport, Error> {
    let s = ids.s;
    let mut a = run(ids, parties, ties, observer)?;
    let deals = s
        .deals
        .iter()
        .map(|d| DealOnFile {
            evaluation: DealEvaluation::new(
                ids,
                &accord_core::analysis::evaluate::evaluate(s, &d.package),
            ),
            id: d.id.as_str().into(),
            name: d.name.clone(),
        })
        .collect();
    let peak_memory_bytes = peak_memory_bytes();
    let pareto = ParetoFrontier::take(ids, &mut a);
    let t = &a.timings;
    Ok(AnalysisReport {
        schema_version: SCHEMA_VERSION,
        scenario: ScenarioSummary::of(ids),
        tolerance: s.tolerance,
        ratified,
        outcomes: count(&a.outcomes),
        compound_issues: a.compound.iter().map(|g| ids.issues(g)).collect(),
        zopa: Zone::new(ids, &a),
        solutions: Solutions::new(ids, &a),
        deals,
        frontier_ranking: ranking(&pareto.points),
        pareto,
        stats: AnalysisStats {
            merge_sizes: a.merge_sizes.clone(),
            seconds: PhaseSeconds {
                compile: t.compile,
                zopa: t.zopa,
                frontier: t.frontier,
                solutions: t.solutions,
            },
            peak_memory_bytes,
        },
    })
}

/// The owners without a veto and their issues, in party order.
pub(crate) fn owner_zones(ids: &Ids, s: &Scenario) -> Vec<OwnerZone> {
    (0..s.parties.len())
        .filter(|&p| !s.parties[p].veto)
        .filter_map(|p| {
            let issues: Vec<usize> = (0..s.issues.len())
                .filter(|&i| s.issues[i].owner.is_some_and(|w| w.party == p))
                .collect();
            (!issues.is_empty()).then(|| OwnerZone {
                party: ids.party(p),
                issues: issues.iter().map(|&i| ids.issue(i)).collect(),
            })
        })
        .collect()
}
