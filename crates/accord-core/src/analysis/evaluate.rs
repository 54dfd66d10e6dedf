//! What a concrete proposal does to each party.

use crate::model::Scenario;

/// One party's view of a package.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyVerdict {
    /// Party index.
    pub party: usize,
    /// Utility of the package.
    pub utility: f64,
    /// Utility minus reservation value.
    pub margin: f64,
    /// Whether the party accepts (no red line crossed and margin ≥ −ε).
    pub accepts: bool,
    /// Indices of the party's red lines the package crosses.
    pub red_lines: Vec<usize>,
    /// Per issue: the utility the party gives up on that issue against its
    /// best option, `weight · (max value − value)`, largest first; issues with
    /// no loss are left out.
    pub costs: Vec<(usize, f64)>,
    /// Interactions that apply: (index, bonus).
    pub interactions: Vec<(usize, f64)>,
    /// Per issue, in issue order: what the issue adds to the party's
    /// utility, `weight · value` of the option the package takes (tied
    /// issues too: a compound issue's interactions are in
    /// `interaction_total`). With it, the utility is
    /// `Σ contributions + interaction_total`.
    pub contributions: Vec<f64>,
    /// The sum of the bonuses of the interactions that apply (0 when none).
    pub interaction_total: f64,
    /// The party's ideal on the issues: `Σ weight · best value`, its
    /// utility with its best option on every issue, interactions aside
    /// (`costs` say where the package falls short of it).
    pub ideal: f64,
    /// Whether the party would also ratify it (accepts and utility ≥ its
    /// ratification threshold − ε); `None` without a threshold.
    pub ratifies: Option<bool>,
}

/// A package evaluated for every party.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The package.
    pub package: Vec<usize>,
    /// One verdict per party, in party order.
    pub parties: Vec<PartyVerdict>,
    /// Whether every veto party accepts.
    pub in_zopa: bool,
    /// The parties whose acceptance the package needs that reject it: veto
    /// parties, and owners of issues it moves from their status quo.
    pub blocking: Vec<usize>,
    /// The parties without a veto whose acceptance the package needs
    /// because it moves an issue they own.
    pub owners_needed: Vec<usize>,
    /// The veto parties that accept but would not ratify: the deal could be
    /// signed but fails domestic approval there.
    pub unratified: Vec<usize>,
}

/// Evaluates a package (one option index per issue, already validated).
pub fn evaluate(s: &Scenario, package: &[usize]) -> Evaluation {
    let parties: Vec<PartyVerdict> = (0..s.parties.len())
        .map(|p| {
            let prefs = &s.preferences[p];
            let utility = s.utility(p, package);
            let margin = utility - s.parties[p].reservation;
            let red_lines = s.red_lines_crossed(p, package);
            let accepts = red_lines.is_empty() && margin >= -s.tolerance;
            let best: Vec<f64> = prefs
                .values
                .iter()
                .map(|v| v.iter().copied().fold(0.0, f64::max))
                .collect();
            let mut costs: Vec<(usize, f64)> = (0..s.issues.len())
                .map(|i| {
                    (
                        i,
                        prefs.weights[i] * (best[i] - prefs.values[i][package[i]]),
                    )
                })
                .filter(|(_, c)| *c > s.tolerance)
                .collect();
            costs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let interactions: Vec<(usize, f64)> = prefs
                .interactions
                .iter()
                .enumerate()
                .filter(|(_, it)| it.condition.holds(package))
                .map(|(k, it)| (k, it.bonus))
                .collect();
            let contributions = (0..s.issues.len())
                .map(|i| prefs.weights[i] * prefs.values[i][package[i]])
                .collect();
            // From +0: no interaction is 0, not −0.
            let interaction_total = interactions.iter().fold(0.0, |a, (_, b)| a + b);
            let ideal = (0..s.issues.len())
                .map(|i| prefs.weights[i] * best[i])
                .sum();
            let ratifies = s.ratifies(p, package).map(|r| r && accepts);
            PartyVerdict {
                party: p,
                utility,
                margin,
                accepts,
                red_lines,
                costs,
                interactions,
                contributions,
                interaction_total,
                ideal,
                ratifies,
            }
        })
        .collect();
    // Owners of issues the package moves count as veto parties here.
    let owners = s.owners_needed(package);
    let needed = |p: usize| s.parties[p].veto || owners.contains(&p);
    let blocking: Vec<usize> = parties
        .iter()
        .filter(|v| needed(v.party) && !v.accepts)
        .map(|v| v.party)
        .collect();
    let unratified: Vec<usize> = parties
        .iter()
        .filter(|v| s.parties[v.party].veto && v.accepts && v.ratifies == Some(false))
        .map(|v| v.party)
        .collect();
    Evaluation {
        package: package.to_vec(),
        unratified,
        in_zopa: blocking.is_empty(),
        blocking,
        owners_needed: owners,
        parties,
    }
}
