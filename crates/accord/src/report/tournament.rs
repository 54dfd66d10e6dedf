//! `tournament`: every combination of strategies on one or more scenarios
//! and seeds.

use accord_core::simulate::tournament::{self, Settings};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::input::Input;
use crate::observe::Observer;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::simulate::{self as sim, Protocol};
use crate::report::value::{ByParty, Id};
use crate::request::TournamentRequest;
use crate::resolve::Ids;

/// One assignment of strategies on one scenario, over every seed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MatchReport {
    /// The scenario, as the caller named it.
    pub scenario: String,
    /// The negotiating parties, in moving order.
    pub parties: Vec<Id>,
    /// Each negotiating party's strategy.
    pub strategies: ByParty<String>,
    /// Runs (one per seed).
    pub runs: usize,
    /// Runs that ended in an agreement.
    pub agreements: usize,
    /// agreements / runs.
    pub agreement_rate: f64,
    /// Each negotiating party's mean utility.
    pub mean_utilities: ByParty,
    /// Mean rounds used.
    pub mean_rounds: f64,
    /// Mean distance of the agreements from the frontier (null without one).
    pub mean_distance_to_pareto: Option<f64>,
    /// Mean distance of the agreements from the Nash point (null without
    /// one or without a zone).
    pub mean_distance_to_nash: Option<f64>,
}

/// The answer to `tournament`.
#[derive(Debug, Clone, Serialize)]
pub struct TournamentReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The protocol.
    pub protocol: Protocol,
    /// The deadline in rounds.
    pub rounds: usize,
    /// Runs per assignment.
    pub seeds: u64,
    /// The base seed.
    pub seed: u64,
    /// Negotiations run.
    pub negotiations: u64,
    /// Seconds spent negotiating (a measurement of this run).
    pub seconds: f64,
    /// Negotiations per second (a measurement of this run).
    pub negotiations_per_second: f64,
    /// Per scenario, per assignment (in counting order), the aggregated runs.
    pub matches: Vec<MatchReport>,
}

/// Answers `tournament`.
pub(crate) fn answer<S: AsRef<Input>>(
    scenarios: &[(String, S)],
    req: &TournamentRequest,
    observer: &dyn Observer,
) -> Result<TournamentReport, Error> {
    answer_range(scenarios, req, None, observer).map(|(r, _)| r)
}

/// The tournament's report from its matches' reports (as the shards of a
/// sharded run give them, in order), with the negotiations and seconds
/// they took in all.
pub(crate) fn assemble(
    req: &TournamentRequest,
    matches: Vec<MatchReport>,
    negotiations: u64,
    seconds: f64,
) -> Result<TournamentReport, Error> {
    Ok(TournamentReport {
        schema_version: SCHEMA_VERSION,
        protocol: Protocol::parse(&req.protocol)?,
        rounds: req.rounds,
        seeds: req.seeds,
        seed: req.seed,
        negotiations,
        seconds,
        negotiations_per_second: negotiations as f64 / seconds.max(1e-9),
        matches,
    })
}

/// Answers `tournament` for the matches `only` picks from the whole
/// tournament's number of matches (all without it), and says that number.
pub(crate) fn answer_range<S: AsRef<Input>>(
    scenarios: &[(String, S)],
    req: &TournamentRequest,
    only: Option<&dyn Fn(u64) -> std::ops::Range<u64>>,
    observer: &dyn Observer,
) -> Result<(TournamentReport, u64), Error> {
    let protocol = Protocol::parse(&req.protocol)?;
    if !protocol.uses_strategies() {
        return Err(Error::usage(
            format!(
                "a tournament compares strategies, which the {} protocol does not use",
                protocol.as_str()
            ),
            Some("use --protocol alternating or stacked".into()),
        ));
    }
    for st in &req.strategies {
        sim::strategy(st)?;
    }
    for (k, st) in req.strategies.iter().enumerate() {
        if req.strategies[..k].contains(st) {
            return Err(Error::usage(
                format!("strategy `{st}` is listed twice"),
                Some("list each strategy once".into()),
            ));
        }
    }
    if req.seeds == 0 || req.rounds == 0 {
        return Err(Error::usage(
            "--seeds and --rounds must be at least 1",
            Some("e.g. --seeds 10 --rounds 100".into()),
        ));
    }
    use crate::limits::{at_most, MAX_NEGOTIATIONS, MAX_ROUNDS, MAX_SEEDS};
    at_most("--seeds", req.seeds, MAX_SEEDS)?;
    at_most("--rounds", req.rounds, MAX_ROUNDS)?;
    // Every assignment of strategies to the negotiating (veto) parties, per
    // scenario and seed, counted before anything is built.
    let per_seed = scenarios.iter().fold(0u64, |acc, (_, s)| {
        let k = s.as_ref().scenario().veto_parties().len().max(2) as u32;
        acc.saturating_add((req.strategies.len() as u64).saturating_pow(k))
    });
    at_most(
        "the tournament's negotiations",
        per_seed.saturating_mul(req.seeds),
        MAX_NEGOTIATIONS,
    )?;
    let ids: Vec<Ids> = scenarios
        .iter()
        .map(|(_, s)| Ids::new(s.as_ref().scenario()))
        .collect();
    let arenas = ids
        .iter()
        .map(|ids| sim::arena(ids, protocol, None, req.seed))
        .collect::<Result<Vec<_>, _>>()?;
    let pairs: Vec<_> = ids.iter().map(|i| i.s).zip(&arenas).collect();
    let settings = Settings {
        protocol: protocol.core(),
        strategies: &req.strategies,
        rounds: req.rounds,
        seeds: req.seeds,
        seed: req.seed,
        opponent_model: req.opponent_model,
    };
    let total = tournament::matches(&pairs, &settings).len() as u64;
    let t = tournament::run_matches(&pairs, &settings, only.map(|f| f(total)), observer)
        .ok_or(Error::Cancelled)?;
    let matches = t
        .matches
        .iter()
        .map(|m| {
            let ids = &ids[m.arena];
            let parties = &arenas[m.arena].parties;
            let slots = |f: &dyn Fn(usize) -> f64| -> ByParty {
                ids.some_parties(
                    &parties
                        .iter()
                        .enumerate()
                        .map(|(k, &p)| (p, f(k)))
                        .collect::<Vec<_>>(),
                )
            };
            MatchReport {
                scenario: scenarios[m.arena].0.clone(),
                parties: ids.parties(parties),
                strategies: ids.some_parties(
                    &parties
                        .iter()
                        .zip(&m.strategies)
                        .map(|(&p, &k)| (p, req.strategies[k].clone()))
                        .collect::<Vec<_>>(),
                ),
                runs: m.runs,
                agreements: m.agreements,
                agreement_rate: m.agreements as f64 / m.runs as f64,
                mean_utilities: slots(&|k| m.utilities[k]),
                mean_rounds: m.rounds,
                mean_distance_to_pareto: m.pareto,
                mean_distance_to_nash: m.nash,
            }
        })
        .collect();
    Ok((assemble(req, matches, t.negotiations, t.seconds)?, total))
}
