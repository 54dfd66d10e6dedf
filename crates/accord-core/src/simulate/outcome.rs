//! The settings of one negotiation, its trace and its outcome.

use super::protocol::kind::Protocol;
use crate::model::Scenario;

/// Settings of one simulated negotiation.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The protocol.
    pub protocol: Protocol,
    /// The negotiating parties, in moving order (their acceptance is
    /// required); for `alternating`, exactly two.
    pub parties: Vec<usize>,
    /// The deadline in rounds (one offer or one text revision per round).
    pub deadline: usize,
    /// Per party: change of its reservation value per round (time pressure).
    pub drift: Vec<f64>,
    /// Per party: discount factor per round (1 = none).
    pub discount: Vec<f64>,
    /// Use the frequency model of the others' offers.
    pub opponent_model: bool,
    /// Seed.
    pub seed: u64,
}

/// One step of the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Round.
    pub round: usize,
    /// Who made the offer (the mediator or host for texts and summits).
    pub proposer: Option<usize>,
    /// What was on the table.
    pub offer: Vec<usize>,
    /// What changed, for single-text revisions: (issue, complaining parties).
    pub revision: Option<(usize, Vec<usize>)>,
    /// Responses: (party, accepted).
    pub responses: Vec<(usize, bool)>,
}

/// The outcome of one negotiation.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The agreed package, if any.
    pub agreement: Option<Vec<usize>>,
    /// Rounds used.
    pub rounds: usize,
    /// Every party's utility: of the agreement (discounted to the round of
    /// agreement), or its reservation value at the end without one.
    pub utilities: Vec<f64>,
    /// The party that broke the talks off, having nothing left that it
    /// prefers to no deal.
    pub walked_away: Option<usize>,
    /// Every step.
    pub trace: Vec<Step>,
}

/// Party p's reservation value in round t (after drift).
pub(crate) fn reservation_at(s: &Scenario, setup: &Setup, p: usize, t: usize) -> f64 {
    (s.parties[p].reservation + setup.drift.get(p).copied().unwrap_or(0.0) * t as f64)
        .clamp(0.0, 1.0)
}

/// Party p's discount factor per round.
pub(crate) fn discount_of(setup: &Setup, p: usize) -> f64 {
    setup.discount.get(p).copied().unwrap_or(1.0)
}

/// Euclidean distance from `u` to the nearest of `points` (over the same
/// coordinates); `None` without points.
pub fn distance(u: &[f64], points: &[Vec<f64>]) -> Option<f64> {
    points
        .iter()
        .map(|q| {
            q.iter()
                .zip(u)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .min_by(|a, b| a.total_cmp(b))
}
