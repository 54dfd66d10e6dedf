//! The simulation arena: what every negotiation on one scenario shares (the
//! negotiating parties, the pool of packages and each party's ranking of it,
//! the frontier among the negotiating parties and their Nash point), and how
//! far an outcome lands from that frontier and point.

use crate::analysis::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::compile::Compiled;
use crate::model::Scenario;
use crate::simulate::{self, Outcome, Pool, Protocol};

/// Everything shared by the runs on one scenario.
#[derive(Debug, Clone)]
pub struct Arena {
    /// The negotiating parties, in moving order.
    pub parties: Vec<usize>,
    /// The pool of packages in play.
    pub pool: Pool,
    /// Per party, the pool ranked by its utility.
    pub rankings: Vec<Vec<u32>>,
    /// Frontier of the negotiating parties (their utilities, in the order of
    /// `parties`).
    pub frontier: Vec<Vec<f64>>,
    /// The Nash point among them (same order), if a zone exists.
    pub nash: Option<Vec<f64>>,
}

/// Why the negotiating parties cannot meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArenaError {
    /// No negotiating party (none given, and no veto party).
    NoParties,
    /// This party is listed twice.
    Repeated(usize),
    /// The alternating protocol is bilateral; this many parties negotiate.
    NotBilateral(usize),
    /// The negotiating parties' frontier is too large to compute exactly.
    TooLarge(TooLarge),
}

impl From<TooLarge> for ArenaError {
    fn from(e: TooLarge) -> Self {
        ArenaError::TooLarge(e)
    }
}

/// Distances of an outcome from the frontier and from the Nash point.
pub type Distances = (Option<f64>, Option<f64>);

/// The arena of `parties` (default: the veto parties) under `protocol`.
///
/// # Errors
///
/// An [`ArenaError`] when the parties cannot negotiate under the protocol.
pub fn arena(
    s: &Scenario,
    c: &Compiled,
    protocol: Protocol,
    parties: Option<Vec<usize>>,
    seed: u64,
) -> Result<Arena, ArenaError> {
    let parties = parties.unwrap_or_else(|| s.veto_parties());
    if parties.is_empty() {
        return Err(ArenaError::NoParties);
    }
    for (k, p) in parties.iter().enumerate() {
        if parties[..k].contains(p) {
            return Err(ArenaError::Repeated(*p));
        }
    }
    if protocol == Protocol::Alternating && parties.len() != 2 {
        return Err(ArenaError::NotBilateral(parties.len()));
    }
    let pool = Pool::new(s, c, &parties, seed)?;
    let rankings = simulate::rankings(&pool);
    let f = Frontier::compute(
        c,
        &FrontierSpec {
            parties: parties.clone(),
            exclude_red_lines_of: parties.clone(),
            owners: c.owner_conditions(false, &parties),
            ..FrontierSpec::default()
        },
    )?;
    let frontier: Vec<Vec<f64>> = f.points().iter().map(|n| n.utils.clone()).collect();
    let r: Vec<f64> = parties.iter().map(|&p| s.parties[p].reservation).collect();
    let nash = frontier
        .iter()
        .filter(|u| u.iter().zip(&r).all(|(a, b)| *a >= b - s.tolerance))
        .max_by(|a, b| {
            let g = |u: &Vec<f64>| {
                u.iter()
                    .zip(&r)
                    .map(|(x, y)| (x - y).max(0.0))
                    .product::<f64>()
            };
            g(a).total_cmp(&g(b))
        })
        .cloned();
    Ok(Arena {
        parties,
        pool,
        rankings,
        frontier,
        nash,
    })
}

/// Distances of an outcome from the frontier and the Nash point (over the
/// negotiating parties; `None` without an agreement).
pub fn distances(a: &Arena, o: &Outcome) -> Distances {
    if o.agreement.is_none() {
        return (None, None);
    }
    let u: Vec<f64> = a.parties.iter().map(|&p| o.utilities[p]).collect();
    (
        simulate::distance(&u, &a.frontier),
        a.nash
            .as_ref()
            .and_then(|n| simulate::distance(&u, std::slice::from_ref(n))),
    )
}
