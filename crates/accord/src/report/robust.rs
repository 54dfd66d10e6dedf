//! `robust`: Monte Carlo over the scenario's uncertain numbers.

use accord_core::robust::candidates::{robust_candidates, Candidate};
use accord_core::robust::{robust, RobustError, RobustOptions};
use serde::Serialize;

use crate::error::Error;
use crate::observe::Observer;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id, Package};
use crate::resolve::Ids;

/// An uncertain number of the scenario, as sampled.
#[derive(Debug, Clone, Serialize)]
pub struct SampledInput {
    /// Where it is (`party.reservation`, …).
    pub input: String,
    /// The shared factor it follows, if any (`-name`: against it).
    pub factor: Option<String>,
    /// Its mean (the base case).
    pub mean: f64,
    /// The least value it takes.
    pub min: f64,
    /// The greatest value it takes.
    pub max: f64,
}

/// Where a deal followed through the samples comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DealKind {
    /// A bargaining solution (or the mediator's deal) of the base case.
    Solution,
    /// A deal on file, or the deal the request follows.
    Deal,
    /// A Nash deal of some samples, found by the search.
    Search,
}

/// One deal followed through the samples.
#[derive(Debug, Clone, Serialize)]
pub struct RobustDeal {
    /// Its name: `nash (base case)`, a deal id, `sampled Nash #k`, ….
    pub name: String,
    /// Where it comes from.
    pub kind: DealKind,
    /// The package.
    pub package: Package,
    /// The share of valid samples where every veto party accepts it.
    pub p_accept: f64,
    /// Per party, the share of valid samples where it accepts.
    pub p_party: ByParty,
    /// The share of valid samples whose Nash solution it is.
    pub nash_share: f64,
    /// For a deal the search found: its place among the found deals by
    /// `p_accept` (0: most often accepted; ties by order found). Null for
    /// the others.
    pub found_rank: Option<usize>,
}

/// The most robust deal found.
#[derive(Debug, Clone, Serialize)]
pub struct MostRobust {
    /// Its name (as in `deals`).
    pub name: String,
    /// The package.
    pub package: Package,
    /// The share of valid samples where every veto party accepts it.
    pub p_accept: f64,
}

/// What the sensitivity ranking explains.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "quantity", rename_all = "snake_case")]
pub enum SensitivityTarget {
    /// Whether a zone of possible agreement exists.
    PZopa,
    /// Whether a deal is accepted by every veto party (when the zone exists
    /// in every sample or in none).
    PAccept {
        /// The deal's name (as in `deals`).
        deal: String,
    },
}

/// How much one source of uncertainty moves the outcome.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityRow {
    /// The input (or `@factor`).
    pub input: String,
    /// First-order index: the share of the outcome's variance this source
    /// explains alone (ε² over 10 quantile bins; null with too few samples).
    pub index: f64,
    /// The outcome's frequency with the source in its lowest fifth.
    pub low: f64,
    /// The outcome's frequency with the source in its highest fifth.
    pub high: f64,
}

/// The answer to `robust`.
#[derive(Debug, Clone, Serialize)]
pub struct RobustReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Samples drawn.
    pub samples: u64,
    /// The seed.
    pub seed: u64,
    /// Samples left out (an interaction left a party's 0–1 scale).
    pub invalid_samples: u64,
    /// The uncertain numbers.
    pub inputs: Vec<SampledInput>,
    /// How many independent random sources they use.
    pub sources: usize,
    /// The veto parties (whose acceptance every deal needs).
    pub veto_parties: Vec<Id>,
    /// The share of valid samples with a zone of possible agreement.
    pub p_zopa: f64,
    /// Its 95% Wilson interval.
    pub p_zopa_interval: [f64; 2],
    /// The deals followed: the named candidates, then the search's.
    pub deals: Vec<RobustDeal>,
    /// The deal accepted in most samples (ties: the earliest); null without
    /// a valid sample.
    pub most_robust: Option<MostRobust>,
    /// Whether acceptance included ratification.
    pub ratified: bool,
    /// What the sensitivity ranking explains: `p_zopa` or
    /// `p_accept:<deal name>` (kept for compatibility; see
    /// `sensitivity_target`).
    pub sensitivity_of: String,
    /// What the sensitivity ranking explains.
    pub sensitivity_target: SensitivityTarget,
    /// The overall value of that quantity (P(zone) or the deal's P(accept)).
    pub sensitivity_base: f64,
    /// The sources, most influential first.
    pub sensitivity: Vec<SensitivityRow>,
    /// What the probabilities are conditional on: `null` when the scenario
    /// has no observations or `--ignore-observations` is given.
    pub observed: Option<Observed>,
}

/// The conditioning on what the parties said.
#[derive(Debug, Clone, Serialize)]
pub struct Observed {
    /// Samples kept: valid and agreeing with every observation. Every
    /// probability is over these (`null` when none is kept).
    pub kept: u64,
    /// Samples drawn.
    pub samples: u64,
    /// How many observations the samples were checked against.
    pub observations: usize,
    /// Samples dropped because some observation disagreed with them.
    pub dropped: u64,
}

/// A robustness question resolved: the engine's options and the names of
/// the candidates it follows.
pub(crate) struct Prepared {
    pub(crate) opts: RobustOptions,
    named: Vec<(String, DealKind)>,
}

/// Answers `robust`.
pub(crate) fn answer(
    session: &crate::input::Input,
    ids: &Ids,
    request: &crate::Request,
    observer: &dyn Observer,
) -> Result<RobustReport, Error> {
    let p = prepare(session, request)?;
    if observer.cancelled() {
        return Err(Error::Cancelled);
    }
    let r = robust(session.scenario(), &p.opts, observer).map_err(engine_error)?;
    Ok(report(session.scenario(), ids, p, r))
}

/// The engine's error as the answer layer's.
pub(crate) fn engine_error(e: RobustError) -> Error {
    match e {
        RobustError::Cancelled(_) => Error::Cancelled,
        RobustError::TooLarge(e) => e.into(),
    }
}

/// Checks a robustness question and resolves it into the engine's options;
/// a request of another command is a usage error.
pub(crate) fn prepare(
    session: &crate::input::Input,
    request: &crate::Request,
) -> Result<Prepared, Error> {
    let crate::Request::Robust {
        samples,
        seed,
        pool,
        ratified,
        ref deal,
        ignore_observations,
    } = *request
    else {
        return Err(Error::usage(
            format!("`{}` is not a robust question", request.command()),
            None,
        ));
    };
    let deal = deal.as_deref();
    let s = session.scenario();
    let followed = deal.map(|d| session.deal(d)).transpose()?;
    let c = session.compiled()?;
    if s.uncertainty.is_empty() {
        return Err(Error::usage(
            format!(
                "{} has no uncertain numbers",
                session
                    .file()
                    .map_or("the scenario".to_string(), |f| f.display().to_string())
            ),
            Some("write a distribution where a number goes, e.g. reservation = \"uniform(0.3, 0.5)\", or use --set PATH=uniform(LO,HI) (docs/scenario-format.md, \"Uncertainty\")".into()),
        ));
    }
    if samples == 0 {
        return Err(Error::usage("--samples must be at least 1", None));
    }
    crate::limits::at_most("--samples", samples, crate::limits::MAX_SAMPLES)?;
    let mut named: Vec<(String, DealKind, Vec<usize>)> = robust_candidates(s, c)?
        .into_iter()
        .map(|(k, p)| match k {
            Candidate::Solution(k) => (format!("{} (base case)", k.key()), DealKind::Solution, p),
            Candidate::MediatorDeal => {
                ("mediator's deal (base case)".into(), DealKind::Solution, p)
            }
            Candidate::OnFile(d) => (s.deals[d].id.clone(), DealKind::Deal, p),
        })
        .collect();
    let focus = followed.map(|d| match named.iter().position(|x| x.2 == d.package) {
        Some(k) => k,
        None => {
            named.push((d.id, DealKind::Deal, d.package));
            named.len() - 1
        }
    });
    Ok(Prepared {
        opts: RobustOptions {
            samples,
            seed,
            candidates: named.iter().map(|x| x.2.clone()).collect(),
            nash_pool: pool,
            ratified,
            focus,
            observations: if ignore_observations {
                Vec::new()
            } else {
                s.observations.clone()
            },
        },
        named: named.into_iter().map(|(n, k, _)| (n, k)).collect(),
    })
}

/// The report of a finished run.
pub(crate) fn report(
    s: &accord_core::model::Scenario,
    ids: &Ids,
    p: Prepared,
    r: accord_core::robust::Robust,
) -> RobustReport {
    let Prepared { opts, named } = p;
    let seed = opts.seed;
    let mut names: Vec<(String, DealKind)> = named;
    let n_named = names.len();
    let mut k = 0;
    while names.len() < r.deals.len() {
        k += 1;
        names.push((format!("sampled Nash #{k}"), DealKind::Search));
    }
    let mut found: Vec<usize> = (n_named..r.deals.len()).collect();
    found.sort_by(|&a, &b| r.p_accept[b].total_cmp(&r.p_accept[a]).then(a.cmp(&b)));
    let mut found_rank = vec![None; r.deals.len()];
    for (rank, &d) in found.iter().enumerate() {
        found_rank[d] = Some(rank);
    }
    let valid = r.kept as f64;
    // Ties: the earliest deal (the named ones come first).
    let best = (0..r.deals.len())
        .max_by(|&a, &b| r.p_accept[a].total_cmp(&r.p_accept[b]).then(b.cmp(&a)))
        .filter(|_| valid > 0.0);
    let (lo, hi) = accord_core::analysis::zopa::wilson95(r.p_zopa, valid.max(1.0));
    let focused = r
        .sensitivity_of
        .strip_prefix("p_accept:")
        .and_then(|d| d.parse::<usize>().ok());
    let (sensitivity_target, sensitivity_base) = match focused {
        Some(d) => (
            SensitivityTarget::PAccept {
                deal: names[d].0.clone(),
            },
            r.p_accept[d],
        ),
        None => (SensitivityTarget::PZopa, r.p_zopa),
    };
    RobustReport {
        schema_version: SCHEMA_VERSION,
        samples: r.samples,
        seed,
        invalid_samples: r.invalid,
        inputs: s
            .uncertainty
            .inputs
            .iter()
            .map(|x| SampledInput {
                input: x.label.clone(),
                factor: x.factor.clone(),
                mean: x.dist.mean(),
                min: x.dist.support().0,
                max: x.dist.support().1,
            })
            .collect(),
        sources: s.uncertainty.sources().0.len(),
        veto_parties: ids.parties(&s.veto_parties()),
        p_zopa: r.p_zopa,
        p_zopa_interval: [lo, hi],
        deals: (0..r.deals.len())
            .map(|d| RobustDeal {
                name: names[d].0.clone(),
                kind: names[d].1,
                package: ids.package(&r.deals[d]),
                p_accept: r.p_accept[d],
                p_party: ids.by_party(&r.p_party[d]),
                nash_share: r.nash_share[d],
                found_rank: found_rank[d],
            })
            .collect(),
        most_robust: best.map(|b| MostRobust {
            name: names[b].0.clone(),
            package: ids.package(&r.deals[b]),
            p_accept: r.p_accept[b],
        }),
        ratified: r.ratified,
        sensitivity_of: match &sensitivity_target {
            SensitivityTarget::PAccept { deal } => format!("p_accept:{deal}"),
            SensitivityTarget::PZopa => r.sensitivity_of.clone(),
        },
        sensitivity_target,
        sensitivity_base,
        sensitivity: r
            .sensitivity
            .iter()
            .map(|x| SensitivityRow {
                input: x.input.clone(),
                index: x.index,
                low: x.low,
                high: x.high,
            })
            .collect(),
        observed: (!opts.observations.is_empty()).then_some(Observed {
            kept: r.kept,
            samples: r.samples,
            observations: s.observations.len(),
            dropped: r.disagreed,
        }),
    }
}
