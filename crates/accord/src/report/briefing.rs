//! The briefing (`accord report`): the answers an analyst hands on, asked
//! of one scenario in one go — the zone and the solutions, each plan on
//! file with its smallest repair, what the mediator must spend or press,
//! and how sure we are.
//!
//! A briefing is made of the other reports, each exactly what its own
//! command answers (the same JSON as `analyze --json`, `evaluate --json`…);
//! it adds no number of its own.

use serde::Serialize;

use crate::error::Error;
use crate::observe::Observer;
use crate::report::analyze::AnalysisReport;
use crate::report::calibrate::CalibrationReport;
use crate::report::evaluate::EvaluationReport;
use crate::report::frontier::FrontierReport;
use crate::report::leverage::LeverageReport;
use crate::report::mediate::MediateReport;
use crate::report::repair::RepairReport;
use crate::report::robust::RobustReport;
use crate::report::schema::SCHEMA_VERSION;
use crate::{Report, Request, Session};

/// How many frontier points of the analysis the briefing keeps.
pub const POINTS_KEPT: usize = 10;
/// How many repairs the briefing lists per plan.
pub const REPAIRS_PER_PLAN: usize = 1;
/// How many mediated deals the briefing lists per pressed party.
pub const DEALS_PER_PRESS: usize = 3;

/// One plan on file: what it does to each party, and its smallest repair.
#[derive(Debug, Clone, Serialize)]
pub struct PlanBriefing {
    /// The deal's id.
    pub id: String,
    /// `evaluate --deal ID`.
    pub evaluation: EvaluationReport,
    /// `repair --deal ID --limit 1`.
    pub repair: RepairReport,
}

/// What the mediator can press one party into.
#[derive(Debug, Clone, Serialize)]
pub struct PressBriefing {
    /// The party pressed.
    pub party: String,
    /// `mediate --press PARTY --curve --limit 3`.
    pub mediate: MediateReport,
}

/// The briefing: every answer `accord report` renders.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The scenario's description as written, if any.
    pub description: Option<String>,
    /// `analyze`, without its measurements (`stats.seconds` are 0 and
    /// `stats.peak_memory_bytes` null) and with only the first
    /// [`POINTS_KEPT`] points of its `frontier_ranking` (in that order;
    /// `pareto.count` still counts them all).
    pub analysis: AnalysisReport,
    /// `frontier --parties V1,V2` over the first two veto parties (or every
    /// party when there are fewer), for the chart.
    pub frontier: FrontierReport,
    /// Each deal on file, in the file's order.
    pub plans: Vec<PlanBriefing>,
    /// `leverage`.
    pub leverage: LeverageReport,
    /// `mediate` for each veto party the mediator has a stick against, in
    /// the file's order.
    pub mediation: Vec<PressBriefing>,
    /// `calibrate --samples N --seed S`, when the scenario records
    /// observations (`null` otherwise).
    pub calibration: Option<CalibrationReport>,
    /// `robust --samples N --seed S`, when the scenario has uncertain
    /// numbers (`null` otherwise); conditional on the observations, when
    /// there are any.
    pub robust: Option<RobustReport>,
    /// The web addresses the scenario's texts cite (its description, the
    /// parties' notes, issue and option descriptions, red-line and
    /// interaction reasons, deal descriptions, observation sources), in
    /// order of first appearance, each once.
    pub sources: Vec<String>,
}

/// The `http://` and `https://` addresses in the scenario's texts.
fn addresses(s: &accord_core::model::Scenario) -> Vec<String> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(s.description.as_deref());
    for p in &s.parties {
        texts.extend(p.notes.as_deref());
    }
    for i in &s.issues {
        texts.extend(i.description.as_deref());
        for o in &i.options {
            texts.extend(o.description.as_deref());
        }
    }
    for pr in &s.preferences {
        texts.extend(pr.red_lines.iter().filter_map(|r| r.reason.as_deref()));
        texts.extend(pr.interactions.iter().filter_map(|r| r.reason.as_deref()));
    }
    for d in &s.deals {
        texts.extend(d.description.as_deref());
    }
    for o in &s.observations {
        texts.extend(o.source.as_deref());
    }
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        let mut rest = t;
        while let Some(at) = rest.find("http") {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']')
                })
                .unwrap_or(tail.len());
            let url = tail[..end].trim_end_matches(['.', ',', ';', ':']);
            if (url.starts_with("http://") || url.starts_with("https://"))
                && url.len() > 10
                && !out.iter().any(|u| u == url)
            {
                out.push(url.to_string());
            }
            rest = &tail[end.max(4)..];
        }
    }
    out
}

/// Answers `report`.
pub(crate) fn answer(
    session: &Session,
    samples: u64,
    seed: u64,
    observer: &dyn Observer,
) -> Result<BriefingReport, Error> {
    // Checked before any work, whether or not the scenario has
    // distributions to sample.
    if samples == 0 {
        return Err(Error::usage("--samples must be at least 1", None));
    }
    crate::limits::at_most("--samples", samples, crate::limits::MAX_SAMPLES)?;
    let s = session.scenario();
    let run = |r: &Request| session.run(r, observer);
    let Report::Analyze(analysis) = run(&Request::Analyze {
        parties: None,
        ties: 1,
        ratified: false,
    })?
    else {
        unreachable!("analyze answers with an analysis")
    };
    let vetoes: Vec<String> = s
        .veto_parties()
        .into_iter()
        .map(|p| s.parties[p].id.clone())
        .collect();
    let chart_parties = (vetoes.len() >= 2).then(|| vetoes[..2].to_vec());
    let Report::Frontier(frontier) = run(&Request::Frontier {
        parties: chart_parties,
        ties: 1,
        ratified: false,
    })?
    else {
        unreachable!("frontier answers with a frontier")
    };
    let mut plans = Vec::with_capacity(s.deals.len());
    for deal in &s.deals {
        let Report::Evaluate(evaluation) = run(&Request::Evaluate {
            deal: deal.id.clone(),
            change: None,
        })?
        else {
            unreachable!("evaluate answers with an evaluation")
        };
        let Report::Repair(repair) = run(&Request::Repair {
            deal: deal.id.clone(),
            change: None,
            limit: REPAIRS_PER_PLAN,
            ratified: false,
        })?
        else {
            unreachable!("repair answers with a repair")
        };
        plans.push(PlanBriefing {
            id: deal.id.clone(),
            evaluation,
            repair,
        });
    }
    let Report::Leverage(leverage) = run(&Request::Leverage { ratified: false })? else {
        unreachable!("leverage answers with leverage")
    };
    let mut mediation = Vec::new();
    for p in s.veto_parties() {
        let party = &s.parties[p];
        if party.pressure.is_none_or(|pr| pr.max <= 0.0) {
            continue;
        }
        let Report::Mediate(mediate) = run(&Request::Mediate {
            press: vec![party.id.clone()],
            satisfy: None,
            maximize: None,
            curve: false,
            deal: None,
            change: None,
            limit: DEALS_PER_PRESS,
            ratified: false,
        })?
        else {
            unreachable!("mediate answers with a mediation")
        };
        mediation.push(PressBriefing {
            party: party.id.clone(),
            mediate,
        });
    }
    let calibration = if s.observations.is_empty() {
        None
    } else {
        let Report::Calibrate(c) = run(&Request::Calibrate { samples, seed })? else {
            unreachable!("calibrate answers with a calibration")
        };
        Some(c)
    };
    let robust = if s.uncertainty.is_empty() {
        None
    } else {
        let Report::Robust(r) = run(&Request::Robust {
            samples,
            seed,
            pool: 20,
            ratified: false,
            deal: None,
            ignore_observations: false,
        })?
        else {
            unreachable!("robust answers with a robustness report")
        };
        Some(r)
    };
    // Timings and memory differ from run to run: a briefing leaves them out
    // so that the same input gives the same bytes.
    let mut analysis = *analysis;
    analysis.stats.seconds = crate::report::analyze::PhaseSeconds {
        compile: 0.0,
        zopa: 0.0,
        frontier: 0.0,
        solutions: 0.0,
    };
    analysis.stats.peak_memory_bytes = None;
    // The whole frontier over every party can run to megabytes; the
    // briefing keeps the points its summary lists (the chart's frontier is
    // `frontier`).
    let kept: Vec<_> = analysis
        .frontier_ranking
        .iter()
        .take(POINTS_KEPT)
        .filter_map(|&k| analysis.pareto.points.get(k).cloned())
        .collect();
    analysis.frontier_ranking = (0..kept.len()).collect();
    analysis.pareto.points = kept;
    Ok(BriefingReport {
        schema_version: SCHEMA_VERSION,
        description: s.description.clone(),
        analysis,
        frontier: *frontier,
        plans,
        leverage,
        mediation,
        calibration,
        robust,
        sources: addresses(s),
    })
}
