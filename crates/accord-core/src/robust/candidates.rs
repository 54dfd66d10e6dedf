//! The deals a robustness run follows through every sample: the base case's
//! bargaining solutions and the mediator's deal, then the deals on file.
//!
//! The list is index-level (packages as option indices, deals on file by
//! their position in [`Scenario::deals`]); front ends name the candidates.

use crate::analysis::frontier::TooLarge;
use crate::analysis::solutions::{mediator_deal, solve, zopa_frontier, Concept};
use crate::compile::Compiled;
use crate::model::Scenario;

/// Where a candidate deal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// A bargaining solution of the base case (the means of the uncertain
    /// numbers).
    Solution(Concept),
    /// The mediator's preferred deal in the base case.
    MediatorDeal,
    /// A deal on file: its index in [`Scenario::deals`].
    OnFile(usize),
}

/// The candidates, in order: the base case's solutions (those that exist),
/// the mediator's deal (if the scenario has a mediator and the deal exists),
/// then every deal on file. Each with its package.
///
/// # Errors
///
/// [`TooLarge`] when the ZOPA frontier is past the merge limit.
pub fn robust_candidates(
    s: &Scenario,
    c: &Compiled,
) -> Result<Vec<(Candidate, Vec<usize>)>, TooLarge> {
    let mut out = Vec::new();
    let f = zopa_frontier(c)?;
    for (k, sol) in solve(c, &f) {
        if let Some(sol) = sol {
            out.push((Candidate::Solution(k), sol.package));
        }
    }
    if let Some(sol) = s
        .mediator()
        .map(|m| mediator_deal(c, m))
        .transpose()?
        .flatten()
    {
        out.push((Candidate::MediatorDeal, sol.package));
    }
    for (k, d) in s.deals.iter().enumerate() {
        out.push((Candidate::OnFile(k), d.package.clone()));
    }
    Ok(out)
}
