//! `simulate`: one negotiation under a protocol, step by step.

use accord_core::simulate::arena::{self, Arena, ArenaError};
use accord_core::simulate::{self, Outcome, Setup};
use serde::Serialize;

use crate::error::Error;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id, OptionValue, Package};
use crate::request::PartyMap;
use crate::resolve::{party_index, Ids};

/// A negotiation protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// Two parties alternate offers.
    Alternating,
    /// Multilateral stacked alternating offers.
    Stacked,
    /// The mediator's single negotiating text, then one vote.
    SingleText,
    /// A one-shot summit: the host proposes once, everyone answers once.
    Summit,
}

impl Protocol {
    /// Its name, as requests and the command line spell it.
    pub fn as_str(self) -> &'static str {
        self.core().name()
    }

    /// Whether the parties play strategies (the others' texts are drafted
    /// by the mediator or host).
    pub fn uses_strategies(self) -> bool {
        matches!(self, Protocol::Alternating | Protocol::Stacked)
    }

    pub(crate) fn core(self) -> simulate::Protocol {
        match self {
            Protocol::Alternating => simulate::Protocol::Alternating,
            Protocol::Stacked => simulate::Protocol::Stacked,
            Protocol::SingleText => simulate::Protocol::SingleText,
            Protocol::Summit => simulate::Protocol::Summit,
        }
    }

    /// Parses a protocol's name.
    pub(crate) fn parse(name: &str) -> Result<Protocol, Error> {
        Ok(match simulate::Protocol::parse(name) {
            Some(simulate::Protocol::Alternating) => Protocol::Alternating,
            Some(simulate::Protocol::Stacked) => Protocol::Stacked,
            Some(simulate::Protocol::SingleText) => Protocol::SingleText,
            Some(simulate::Protocol::Summit) => Protocol::Summit,
            None => {
                return Err(Error::usage(
                    format!("unknown protocol `{name}`"),
                    Some("the protocols are alternating, stacked, single-text and summit".into()),
                ))
            }
        })
    }
}

/// The pool of packages in play.
#[derive(Debug, Clone, Serialize)]
pub struct PoolSummary {
    /// How many packages.
    pub packages: usize,
    /// Whether they are the whole outcome space (else a sample plus the
    /// frontier).
    pub exhaustive: bool,
}

/// A single-text revision: the issue changed, on whose complaint.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// The issue revised.
    pub issue: Id,
    /// The parties whose complaint it answers.
    pub complaints: Vec<Id>,
    /// The option the text now takes there.
    pub option: OptionValue,
}

/// One step of the trace.
#[derive(Debug, Clone, Serialize)]
pub struct TraceStep {
    /// The round (from 0).
    pub round: usize,
    /// Who put the package on the table (none: the mediator's text).
    pub proposer: Option<Id>,
    /// The package on the table.
    pub package: Package,
    /// The negotiating parties' utilities of it.
    pub utilities: ByParty,
    /// For single-text talks, what the text changed.
    pub revision: Option<Revision>,
    /// The answers: party → accepted.
    pub responses: ByParty<bool>,
}

/// The answer to `simulate`.
#[derive(Debug, Clone, Serialize)]
pub struct SimulationReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The protocol.
    pub protocol: Protocol,
    /// The negotiating parties, in moving order.
    pub parties: Vec<Id>,
    /// Each negotiating party's strategy, as named in the request.
    pub strategies: ByParty<String>,
    /// The deadline in rounds.
    pub deadline: usize,
    /// The seed.
    pub seed: u64,
    /// The packages in play.
    pub pool: PoolSummary,
    /// The agreed package, if any.
    pub agreement: Option<Package>,
    /// Rounds used.
    pub rounds: usize,
    /// The party that broke the talks off, if one did.
    pub walked_away: Option<Id>,
    /// Every party's utility of the outcome (discounted to the round of
    /// agreement; the reservation value at the end without one).
    pub utilities: ByParty,
    /// The agreement's distance from the negotiating parties' frontier.
    pub distance_to_pareto: Option<f64>,
    /// The agreement's distance from their Nash point.
    pub distance_to_nash: Option<f64>,
    /// Every step.
    pub trace: Vec<TraceStep>,
    /// Every party's reservation value when the talks ended (at the round of
    /// agreement, or at the deadline), with its drift.
    pub final_reservations: ByParty,
    /// Every party's utility less that reservation value.
    pub margins: ByParty,
    /// The negotiating parties' (undiscounted) utilities of the agreement.
    pub agreement_utilities: Option<ByParty>,
    /// The negotiating parties' frontier (red lines excluded).
    pub frontier: Vec<ByParty>,
    /// Their Nash point on it, if a zone exists.
    pub nash: Option<ByParty>,
    /// The plan the outcome is held against (null without one).
    pub plan: Option<SimulationPlan>,
}

/// A plan held against the outcome of the talks.
#[derive(Debug, Clone, Serialize)]
pub struct SimulationPlan {
    /// The plan.
    pub deal: crate::report::evaluate::DealRef,
    /// What `--change` changed in it (null without a change).
    pub change: Option<crate::report::change::ChangeReport>,
    /// Its package.
    pub package: Package,
    /// Every party's (undiscounted) utility of it.
    pub utilities: ByParty,
    /// Whether every veto party accepts it.
    pub in_zopa: bool,
    /// The issues where the agreement differs from the plan, in issue order
    /// (null without an agreement).
    pub agreement_differs: Option<Vec<crate::report::change::Difference>>,
    /// Each party's undiscounted utility of the agreement less its utility
    /// of the plan (null without an agreement).
    pub agreement_minus_plan: Option<ByParty>,
}

/// Checks a strategy's name.
pub(crate) fn strategy(name: &str) -> Result<Box<dyn simulate::Strategy>, Error> {
    simulate::strategy(name).ok_or_else(|| {
        Error::usage(
            format!("unknown strategy `{name}`"),
            Some(format!(
                "the strategies are {}, time(E) and aspiration(G)",
                simulate::STRATEGIES.join(", ")
            )),
        )
    })
}

/// The arena of some parties, or why they cannot negotiate.
pub(crate) fn arena(
    ids: &Ids,
    protocol: Protocol,
    parties: Option<Vec<usize>>,
    seed: u64,
) -> Result<Arena, Error> {
    let s = ids.s;
    let c = accord_core::compile::Compiled::new(s).map_err(|e| match e {
        accord_core::ModelError::CompoundTooLarge { .. }
        | accord_core::ModelError::CapBinds { .. } => crate::input::too_large(&e),
        e => Error::model(e),
    })?;
    arena::arena(s, &c, protocol.core(), parties, seed).map_err(|e| match e {
        ArenaError::NoParties => Error::usage(
            "no negotiating parties",
            Some("name them with --parties A,B".into()),
        ),
        ArenaError::Repeated(p) => Error::usage(
            format!("party `{}` is named twice in --parties", s.parties[p].id),
            Some("name each negotiating party once".into()),
        ),
        ArenaError::NotBilateral(n) => Error::usage(
            format!("the alternating protocol is bilateral, but {n} parties negotiate"),
            Some("choose two with --parties A,B, or use --protocol stacked".into()),
        ),
        ArenaError::TooLarge(e) => e.into(),
    })
}

/// Per party, a number in `[lo, hi]` from the request (none where not given).
fn numbers(
    ids: &Ids,
    given: &PartyMap<f64>,
    what: &str,
    lo: f64,
    hi: f64,
) -> Result<Vec<Option<f64>>, Error> {
    let mut out = vec![None; ids.s.parties.len()];
    for (id, &x) in given.iter() {
        let p = party_index(ids.s, id)?;
        if !(x.is_finite() && x >= lo && x <= hi) {
            return Err(Error::usage(
                format!("--{what} {id}={x}: expected a number in [{lo}, {hi}]"),
                Some("e.g. --drift ukraine=-0.002 (per round), --discount russia=0.99".into()),
            ));
        }
        out[p] = Some(x);
    }
    Ok(out)
}

/// The settings of `simulate`, as the request gives them.
pub(crate) struct Args<'a> {
    pub(crate) protocol: &'a str,
    pub(crate) strategies: &'a PartyMap<String>,
    pub(crate) parties: Option<&'a [String]>,
    pub(crate) rounds: usize,
    pub(crate) drift: &'a PartyMap<f64>,
    pub(crate) discount: &'a PartyMap<f64>,
    pub(crate) opponent_model: bool,
    pub(crate) seed: u64,
    pub(crate) plan: Option<crate::report::change::Plan>,
}

/// Answers `simulate`.
pub(crate) fn answer(ids: &Ids, a: &Args) -> Result<SimulationReport, Error> {
    let s = ids.s;
    let protocol = Protocol::parse(a.protocol)?;
    if a.rounds == 0 {
        return Err(Error::usage(
            "--rounds must be at least 1",
            Some("e.g. --rounds 100".into()),
        ));
    }
    crate::limits::at_most("--rounds", a.rounds, crate::limits::MAX_ROUNDS)?;
    let parties = match a.parties {
        Some(list) => Some(
            list.iter()
                .map(|id| party_index(ids.s, id.trim()))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let arena = arena(ids, protocol, parties, a.seed)?;
    let mut names: Vec<Option<String>> = vec![None; s.parties.len()];
    for (id, name) in a.strategies.iter() {
        let p = party_index(ids.s, id.trim())?;
        strategy(name)?;
        names[p] = Some(name.clone());
    }
    for &p in &arena.parties {
        if names[p].is_none() {
            names[p] = Some("linear".into());
        }
    }
    let strategies = names
        .iter()
        .map(|n| n.as_deref().map(strategy).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    let drift = numbers(ids, a.drift, "drift", -1.0, 1.0)?;
    let discount = numbers(ids, a.discount, "discount", 0.0, 1.0)?;
    let setup = Setup {
        protocol: protocol.core(),
        parties: arena.parties.clone(),
        deadline: a.rounds,
        drift: drift.iter().map(|d| d.unwrap_or(0.0)).collect(),
        discount: discount.iter().map(|d| d.unwrap_or(1.0)).collect(),
        opponent_model: a.opponent_model,
        seed: a.seed,
    };
    let out = simulate::run(s, &arena.pool, &arena.rankings, &setup, strategies);
    Ok(report(
        ids,
        protocol,
        &arena,
        &setup,
        &names,
        &out,
        a.plan.as_ref(),
    ))
}

/// Values of the negotiating parties, in their order.
fn negotiating(ids: &Ids, arena: &Arena, u: &[f64]) -> ByParty {
    let xs: Vec<(usize, f64)> = arena
        .parties
        .iter()
        .copied()
        .zip(u.iter().copied())
        .collect();
    ids.some_parties(&xs)
}

fn report(
    ids: &Ids,
    protocol: Protocol,
    arena: &Arena,
    setup: &Setup,
    names: &[Option<String>],
    o: &Outcome,
    plan: Option<&crate::report::change::Plan>,
) -> SimulationReport {
    let s = ids.s;
    let (dp, dn) = arena::distances(arena, o);
    let utilities_of =
        |k: &[usize]| -> Vec<f64> { arena.parties.iter().map(|&p| s.utility(p, k)).collect() };
    // At the round of agreement, or at the end without one.
    let when = if o.agreement.is_some() {
        o.rounds.saturating_sub(1)
    } else {
        o.rounds
    };
    let reservations: Vec<f64> = s
        .parties
        .iter()
        .enumerate()
        .map(|(p, party)| {
            (party.reservation + setup.drift.get(p).copied().unwrap_or(0.0) * when as f64)
                .clamp(0.0, 1.0)
        })
        .collect();
    let margins: Vec<f64> = o
        .utilities
        .iter()
        .zip(&reservations)
        .map(|(u, r)| u - r)
        .collect();
    SimulationReport {
        schema_version: SCHEMA_VERSION,
        protocol,
        parties: ids.parties(&arena.parties),
        strategies: ids.some_parties(
            &arena
                .parties
                .iter()
                .map(|&p| (p, names[p].clone().unwrap_or_default()))
                .collect::<Vec<_>>(),
        ),
        deadline: setup.deadline,
        seed: setup.seed,
        pool: PoolSummary {
            packages: arena.pool.len(),
            exhaustive: arena.pool.exhaustive,
        },
        agreement: o.agreement.as_ref().map(|k| ids.package(k)),
        rounds: o.rounds,
        walked_away: o.walked_away.map(|p| ids.party(p)),
        utilities: ids.by_party(&o.utilities),
        distance_to_pareto: dp,
        distance_to_nash: dn,
        trace: o
            .trace
            .iter()
            .map(|st| TraceStep {
                round: st.round,
                proposer: st.proposer.map(|p| ids.party(p)),
                package: ids.package(&st.offer),
                utilities: negotiating(ids, arena, &utilities_of(&st.offer)),
                revision: st.revision.as_ref().map(|(i, who)| Revision {
                    issue: ids.issue(*i),
                    complaints: ids.parties(who),
                    option: ids.option(*i, st.offer[*i]),
                }),
                responses: ids.some_parties(&st.responses),
            })
            .collect(),
        final_reservations: ids.by_party(&reservations),
        margins: ids.by_party(&margins),
        agreement_utilities: o
            .agreement
            .as_ref()
            .map(|k| negotiating(ids, arena, &utilities_of(k))),
        frontier: arena
            .frontier
            .iter()
            .map(|u| negotiating(ids, arena, u))
            .collect(),
        nash: arena.nash.as_ref().map(|u| negotiating(ids, arena, u)),
        plan: plan.map(|p| {
            let pk = &p.deal.package;
            let mine: Vec<f64> = (0..s.parties.len()).map(|x| s.utility(x, pk)).collect();
            SimulationPlan {
                deal: crate::report::evaluate::DealRef {
                    id: p.deal.id.clone(),
                    name: p.deal.name.clone(),
                    description: p.deal.description.clone(),
                },
                change: p.change.clone(),
                package: ids.package(pk),
                utilities: ids.by_party(&mine),
                in_zopa: s.in_zopa(pk),
                agreement_differs: o
                    .agreement
                    .as_ref()
                    .map(|k| crate::report::change::differences(ids, pk, k)),
                agreement_minus_plan: o.agreement.as_ref().map(|k| {
                    ids.by_party(
                        &(0..s.parties.len())
                            .map(|x| s.utility(x, k) - mine[x])
                            .collect::<Vec<_>>(),
                    )
                }),
            }
        }),
    }
}
