//! The scenario itself: what it holds, the plain definitions of utility and
//! acceptability, and its invariants.

use super::deal::Deal;
use super::distribution::{Target, Uncertainty};
use super::error::ModelError;
use super::issue::{Issue, RESERVED_ISSUE_ID};
use super::party::{Party, Pressure, Role};
use super::preferences::{Condition, Preferences};

/// The default tolerance ε used for every comparison of utilities
/// (acceptability, dominance, ties). See `docs/definitions.md`.
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

/// A negotiation scenario, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Short name of the scenario.
    pub name: String,
    /// Free-text description.
    pub description: Option<String>,
    /// Tolerance ε for utility comparisons.
    pub tolerance: f64,
    /// The parties, in declaration order.
    pub parties: Vec<Party>,
    /// The issues, in declaration order. Packages list one option per issue in this order.
    pub issues: Vec<Issue>,
    /// One preference profile per party, in the order of `parties`.
    pub preferences: Vec<Preferences>,
    /// Named packages (plans on the table).
    pub deals: Vec<Deal>,
    /// What the mediator can spend on incentives and pressure together, in
    /// cost units (`None`: no limit).
    pub budget: Option<f64>,
    /// Name of the cost unit, shown in output (e.g. "political capital").
    pub cost_unit: Option<String>,
    /// Distributions on the scenario's numbers (empty: a point scenario).
    /// The numbers above hold each distribution's mean.
    pub uncertainty: Uncertainty,
    /// What the parties said of packages: each bounds a reservation value
    /// (`accord calibrate`), and `robust` keeps only the samples that agree.
    pub observations: Vec<super::Observation>,
}

impl Scenario {
    /// Index of a party by id.
    pub fn party_index(&self, id: &str) -> Option<usize> {
        self.parties.iter().position(|p| p.id == id)
    }

    /// Index of an issue by id.
    pub fn issue_index(&self, id: &str) -> Option<usize> {
        self.issues.iter().position(|i| i.id == id)
    }

    /// Indices of the parties whose acceptance is required.
    pub fn veto_parties(&self) -> Vec<usize> {
        (0..self.parties.len())
            .filter(|&p| self.parties[p].veto)
            .collect()
    }

    /// The mediator, if the scenario has one.
    pub fn mediator(&self) -> Option<usize> {
        self.parties.iter().position(|p| p.role == Role::Mediator)
    }

    /// A party's utility for a package: Σ weight·value plus the interactions that apply.
    ///
    /// This is the plain definition, used by the brute-force oracle; the fast
    /// paths use the compiled form.
    pub fn utility(&self, party: usize, package: &[usize]) -> f64 {
        let prefs = &self.preferences[party];
        let mut u = 0.0;
        for (i, &o) in package.iter().enumerate() {
            u += prefs.weights[i] * prefs.values[i][o];
        }
        for it in &prefs.interactions {
            if it.condition.holds(package) {
                u += it.bonus;
            }
        }
        if prefs.capped {
            u.min(1.0)
        } else {
            u
        }
    }

    /// The red lines of `party` that the package crosses.
    pub fn red_lines_crossed(&self, party: usize, package: &[usize]) -> Vec<usize> {
        self.preferences[party]
            .red_lines
            .iter()
            .enumerate()
            .filter(|(_, r)| r.condition.holds(package))
            .map(|(k, _)| k)
            .collect()
    }

    /// Whether the package is acceptable to `party`: no red line crossed and
    /// utility ≥ reservation − ε.
    pub fn acceptable(&self, party: usize, package: &[usize]) -> bool {
        !self.preferences[party]
            .red_lines
            .iter()
            .any(|r| r.condition.holds(package))
            && self.utility(party, package) >= self.parties[party].reservation - self.tolerance
    }

    /// Whether the package lies in the ZOPA: every veto party accepts it,
    /// and so does every owner whose issues it moves from their status quo
    /// (`docs/definitions.md`, "Who must deliver").
    pub fn in_zopa(&self, package: &[usize]) -> bool {
        self.veto_parties()
            .into_iter()
            .chain(self.owners_needed(package))
            .all(|p| self.acceptable(p, package))
    }

    /// The parties without a veto whose acceptance the package needs because
    /// it moves an issue they own away from its status quo, in party order.
    pub fn owners_needed(&self, package: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .issues
            .iter()
            .zip(package)
            .filter_map(|(i, &o)| i.owner.filter(|w| w.status_quo != o).map(|w| w.party))
            .filter(|&p| !self.parties[p].veto)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether any issue has an owner.
    pub fn has_owners(&self) -> bool {
        self.issues.iter().any(|i| i.owner.is_some())
    }

    /// The mediator's cost of the incentives in a package (0 without incentive issues).
    pub fn incentive_cost(&self, package: &[usize]) -> f64 {
        package
            .iter()
            .zip(&self.issues)
            .filter_map(|(&o, i)| i.cost.as_ref().map(|c| c[o]))
            // From +0: an empty sum is 0, not −0.
            .fold(0.0, |a, c| a + c)
    }

    /// Whether a party would ratify the package: `None` when it has no
    /// ratification threshold, else utility ≥ threshold − ε and no red line crossed.
    pub fn ratifies(&self, party: usize, package: &[usize]) -> Option<bool> {
        self.ratifies_pressed(party, package, 0.0)
    }

    /// Whether a party would ratify the package after the mediator lowered
    /// its reservation value by `pressure`: as [`Scenario::ratifies`], with
    /// the threshold lowered by `imposed × pressure`.
    pub fn ratifies_pressed(&self, party: usize, package: &[usize], pressure: f64) -> Option<bool> {
        let p = &self.parties[party];
        let t = p.ratification? - p.imposed * pressure;
        Some(
            self.red_lines_crossed(party, package).is_empty()
                && self.utility(party, package) >= t - self.tolerance,
        )
    }

    /// Whether every veto party that has a ratification threshold reaches it
    /// with the package ([`Scenario::ratifies`]); true when none has one.
    pub fn ratified(&self, package: &[usize]) -> bool {
        self.veto_parties()
            .into_iter()
            .all(|p| self.ratifies(p, package) != Some(false))
    }

    /// Raises each veto party's reservation value to its ratification
    /// threshold where that is higher, so that acceptance by every veto
    /// party means ratification as well (`analyze --ratified`). The other
    /// parties, whose acceptance is not needed, keep theirs.
    pub fn require_ratification_of_veto_parties(&mut self) {
        for p in &mut self.parties {
            if let (true, Some(t)) = (p.veto, p.ratification) {
                p.reservation = p.reservation.max(t);
            }
        }
    }

    /// Whether any issue is an incentive with costs.
    pub fn has_incentives(&self) -> bool {
        self.issues.iter().any(|i| i.cost.is_some())
    }

    /// The package written as `issue=option,...`.
    pub fn package_label(&self, package: &[usize]) -> String {
        package
            .iter()
            .enumerate()
            .map(|(i, &o)| format!("{}={}", self.issues[i].id, self.issues[i].options[o].id))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Checks the invariants the analyses rely on.
    ///
    /// # Errors
    ///
    /// Returns the first violated invariant (sizes, ranges, ids, weights).
    pub fn validate(&self) -> Result<(), ModelError> {
        self.validate_parts(true)
    }

    /// [`Scenario::validate`] of the numbers only, for a scenario whose
    /// structure (ids, options, conditions, deals, observations, owners)
    /// was validated before: a Monte Carlo sample changes numbers only.
    /// The same errors, in the same order, for any numbers.
    pub(crate) fn validate_numbers(&self) -> Result<(), ModelError> {
        self.validate_parts(false)
    }

    fn validate_parts(&self, structure: bool) -> Result<(), ModelError> {
        let bad = |msg: String| Err(ModelError::Invalid(msg));
        if !(self.tolerance >= 0.0 && self.tolerance < 0.01) {
            return bad(format!("tolerance {} is not in [0, 0.01)", self.tolerance));
        }
        if self.parties.is_empty() {
            return bad("a scenario needs at least one party".into());
        }
        if let Some(b) = self.budget {
            if !(b.is_finite() && b >= 0.0) {
                return bad(format!("budget {b} is not a finite number ≥ 0"));
            }
        }
        if self.issues.is_empty() {
            return bad("a scenario needs at least one issue".into());
        }
        if self.preferences.len() != self.parties.len() {
            return bad("one preference profile per party is required".into());
        }
        let mut seen = std::collections::HashSet::new();
        for p in &self.parties {
            if structure && !seen.insert(p.id.as_str()) {
                return bad(format!("duplicate party id `{}`", p.id));
            }
            if !(0.0..=1.0).contains(&p.reservation) {
                return bad(format!("reservation value of `{}` is not in [0,1]", p.id));
            }
            if let Some(pr) = p.pressure {
                if !((0.0..=1.0).contains(&pr.max) && pr.cost.is_finite() && pr.cost >= 0.0) {
                    return bad(format!(
                        "pressure on `{}` needs max in [0,1] and a finite cost ≥ 0",
                        p.id
                    ));
                }
                if !pr.rate().is_finite() {
                    return bad(format!(
                        "pressure on `{}` costs {} for {}: per unit of pressure that is past the largest number accord can add up",
                        p.id, pr.cost, pr.max
                    ));
                }
            }
            if !(0.0..=1.0).contains(&p.imposed) || (p.imposed > 0.0 && p.ratification.is_none()) {
                return bad(format!(
                    "the imposed share of `{}` needs a ratification threshold and a value in [0,1]",
                    p.id
                ));
            }
            if let Some(t) = p.ratification {
                if !(0.0..=1.0).contains(&t) {
                    return bad(format!(
                        "ratification threshold of `{}` is not in [0,1]",
                        p.id
                    ));
                }
            }
        }
        if self
            .parties
            .iter()
            .filter(|p| p.role == Role::Mediator)
            .count()
            > 1
        {
            return bad("at most one party may have the role `mediator`".into());
        }
        let mut seen = std::collections::HashSet::new();
        for issue in &self.issues {
            if structure && !seen.insert(issue.id.as_str()) {
                return bad(format!("duplicate issue id `{}`", issue.id));
            }
            if issue.id == RESERVED_ISSUE_ID {
                return bad(format!(
                    "`{RESERVED_ISSUE_ID}` cannot be an issue id: reports use it for the interaction bonuses"
                ));
            }
            if issue.options.is_empty() {
                return bad(format!("issue `{}` has no options", issue.id));
            }
            if let Some(c) = &issue.cost {
                if c.len() != issue.options.len() || c.iter().any(|x| !(x.is_finite() && *x >= 0.0))
                {
                    return bad(format!(
                        "issue `{}` needs one finite, non-negative cost per option",
                        issue.id
                    ));
                }
            }
        }
        for (p, prefs) in self.preferences.iter().enumerate() {
            let pid = &self.parties[p].id;
            if prefs.weights.len() != self.issues.len() || prefs.values.len() != self.issues.len() {
                return bad(format!("preferences of `{pid}` do not cover every issue"));
            }
            let sum: f64 = prefs.weights.iter().sum();
            if prefs.weights.iter().any(|w| w.is_nan() || *w < 0.0) || (sum - 1.0).abs() > 1e-6 {
                return bad(format!("weights of `{pid}` are not normalised"));
            }
            for (i, vals) in prefs.values.iter().enumerate() {
                if vals.len() != self.issues[i].options.len() {
                    return bad(format!(
                        "preferences of `{pid}` give {} values for the {} options of `{}`",
                        vals.len(),
                        self.issues[i].options.len(),
                        self.issues[i].id
                    ));
                }
                if vals.iter().any(|v| !(0.0..=1.0).contains(v)) {
                    return bad(format!(
                        "a value of `{pid}` for issue `{}` is outside [0,1]",
                        self.issues[i].id
                    ));
                }
            }
            let conds = prefs
                .red_lines
                .iter()
                .map(|r| &r.condition)
                .chain(prefs.interactions.iter().map(|i| &i.condition));
            for c in conds.filter(|_| structure) {
                self.check_condition(c).map_err(ModelError::Invalid)?;
            }
            for it in &prefs.interactions {
                if !it.bonus.is_finite() {
                    return bad(format!("an interaction of `{pid}` has a non-finite bonus"));
                }
            }
        }
        for d in self.deals.iter().filter(|_| structure) {
            if d.package.len() != self.issues.len()
                || d.package
                    .iter()
                    .zip(&self.issues)
                    .any(|(&o, i)| o >= i.options.len())
            {
                return bad(format!(
                    "deal `{}` does not set one valid option per issue",
                    d.id
                ));
            }
        }
        for (k, o) in self.observations.iter().enumerate().filter(|_| structure) {
            if o.party >= self.parties.len()
                || o.package.len() != self.issues.len()
                || o.package
                    .iter()
                    .zip(&self.issues)
                    .any(|(&x, i)| x >= i.options.len())
            {
                return bad(format!(
                    "observation {} does not name a party and one valid option per issue",
                    k + 1
                ));
            }
        }
        for issue in self.issues.iter().filter(|_| structure) {
            if let Some(w) = issue.owner {
                if w.party >= self.parties.len() || w.status_quo >= issue.options.len() {
                    return bad(format!(
                        "the owner or status quo of issue `{}` is out of range",
                        issue.id
                    ));
                }
            }
        }
        // Every cost the mediator can incur must add up to a finite number
        // (a deal's incentives and all the pressure at once).
        let most: f64 = self
            .issues
            .iter()
            .filter_map(|i| i.cost.as_ref())
            .map(|c| c.iter().copied().fold(0.0, f64::max))
            .sum::<f64>()
            + self
                .parties
                .iter()
                .filter_map(|p| p.pressure)
                .map(|x| x.cost)
                .sum::<f64>();
        if !most.is_finite() {
            return bad(
                "the mediator's costs (incentives and pressure) add up past the largest number accord can hold"
                    .to_string(),
            );
        }
        Ok(())
    }

    fn check_condition(&self, c: &Condition) -> Result<(), String> {
        if c.clauses.is_empty() {
            return Err("a condition needs at least one clause".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (i, opts) in &c.clauses {
            let Some(issue) = self.issues.get(*i) else {
                return Err(format!(
                    "a condition names issue #{i}, which does not exist"
                ));
            };
            if !seen.insert(*i) {
                return Err(format!("a condition names issue `{}` twice", issue.id));
            }
            if opts.is_empty() || opts.iter().any(|&o| o >= issue.options.len()) {
                return Err(format!(
                    "a condition on `{}` lists no valid option",
                    issue.id
                ));
            }
        }
        Ok(())
    }
}

/// Copies every number a [`Target`] can set (and the raw weights behind
/// them) from `src` into `dst`, a scenario with the same structure (a
/// clone of `src` with other numbers): afterwards `dst` equals `src`,
/// without allocating.
pub fn copy_numbers(dst: &mut Scenario, src: &Scenario) {
    for (d, s) in dst.parties.iter_mut().zip(&src.parties) {
        d.reservation = s.reservation;
        d.ratification = s.ratification;
        d.imposed = s.imposed;
        d.pressure = s.pressure;
    }
    for (d, s) in dst.preferences.iter_mut().zip(&src.preferences) {
        d.weights.clone_from(&s.weights);
        for (dv, sv) in d.values.iter_mut().zip(&s.values) {
            dv.clone_from(sv);
        }
        for (di, si) in d.interactions.iter_mut().zip(&s.interactions) {
            di.bonus = si.bonus;
        }
    }
    for (d, s) in dst.issues.iter_mut().zip(&src.issues) {
        d.cost.clone_from(&s.cost);
    }
    dst.budget = src.budget;
    dst.uncertainty
        .raw_weights
        .clone_from(&src.uncertainty.raw_weights);
}

/// Sets one number of a scenario (weights: see [`Target`]).
pub fn apply(s: &mut Scenario, target: Target, x: f64) {
    match target {
        Target::Reservation(p) => s.parties[p].reservation = x,
        Target::Ratification(p) => s.parties[p].ratification = Some(x),
        Target::Imposed(p) => s.parties[p].imposed = x,
        Target::Weight(p, i) => {
            let raw = s
                .uncertainty
                .raw_weights
                .get_mut(p)
                .and_then(|r| r.as_mut());
            if let Some(raw) = raw {
                raw[i] = x;
                let sum: f64 = raw.iter().sum();
                // All weights zero cannot be normalised: the sample is
                // invalid (NaN weights fail validation).
                let w = &mut s.preferences[p].weights;
                w.clear();
                w.extend(
                    raw.iter()
                        .map(|v| if sum > 0.0 { v / sum } else { f64::NAN }),
                );
            }
        }
        Target::NormWeight(p, i) => {
            let w = &mut s.preferences[p].weights;
            let rest: f64 = (0..w.len()).filter(|&k| k != i).map(|k| w[k]).sum();
            for (k, wk) in w.iter_mut().enumerate() {
                *wk = if k == i {
                    x
                } else if rest > 0.0 {
                    *wk / rest * (1.0 - x)
                } else {
                    0.0
                };
            }
        }
        Target::Value(p, i, o) => s.preferences[p].values[i][o] = x,
        Target::Cost(i, o) => {
            let n = s.issues[i].options.len();
            s.issues[i].cost.get_or_insert_with(|| vec![0.0; n])[o] = x;
        }
        Target::Bonus(p, k) => s.preferences[p].interactions[k].bonus = x,
        Target::PressureMax(p) => {
            let pr = s.parties[p].pressure.get_or_insert(Pressure {
                max: 0.0,
                cost: 0.0,
            });
            pr.max = x;
        }
        Target::PressureCost(p) => {
            let pr = s.parties[p].pressure.get_or_insert(Pressure {
                max: 0.0,
                cost: 0.0,
            });
            pr.cost = x;
        }
        Target::Budget => s.budget = Some(x),
    }
}
