//! The validated scenario: parties, issues, preferences, deals.
//!
//! A [`Scenario`] is what every analysis starts from. Front ends build it from
//! files (see the `accord-io` crate), checking every rule with source
//! locations; [`Scenario::validate`] re-checks the invariants for scenarios
//! built in code, without locations.

use std::fmt;

use serde::Serialize;

use crate::error::ModelError;

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
    pub uncertainty: crate::uncertainty::Uncertainty,
}

/// How far the mediator can lower a party's reservation value (a stick, such
/// as cutting arms or intelligence), and what doing so costs the mediator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pressure {
    /// The largest credible lowering, on the party's 0–1 scale.
    pub max: f64,
    /// The mediator's cost of applying the full `max`, in cost units;
    /// a partial lowering costs proportionally.
    pub cost: f64,
}

impl Pressure {
    /// Cost per unit of lowering (0 when `max` is 0).
    pub fn rate(&self) -> f64 {
        if self.max > 0.0 {
            self.cost / self.max
        } else {
            0.0
        }
    }
}

/// What a party is in the negotiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A side whose acceptance is needed (a veto player by default).
    Principal,
    /// The party brokering the deal; not a veto player by default.
    Mediator,
    /// A party that must provide guarantees; not a veto player by default.
    Guarantor,
    /// A party with interests but no veto by default.
    Stakeholder,
}

impl Role {
    /// The keyword used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Principal => "principal",
            Role::Mediator => "mediator",
            Role::Guarantor => "guarantor",
            Role::Stakeholder => "stakeholder",
        }
    }

    /// Parses the keyword used in scenario files.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "principal" => Role::Principal,
            "mediator" => Role::Mediator,
            "guarantor" => Role::Guarantor,
            "stakeholder" => Role::Stakeholder,
            _ => return None,
        })
    }

    /// Whether a party with this role must accept a deal unless the scenario says otherwise.
    pub fn default_veto(self) -> bool {
        matches!(self, Role::Principal)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A party to the negotiation.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// Identifier used in files and output.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role in the negotiation.
    pub role: Role,
    /// Whether the party's acceptance is required for an agreement.
    pub veto: bool,
    /// Utility of no agreement (BATNA), on the party's 0–1 scale.
    pub reservation: f64,
    /// Free-text notes.
    pub notes: Option<String>,
    /// Free-form metadata carried through from imports (e.g. a Genius discount factor).
    pub metadata: Vec<(String, String)>,
    /// The mediator's stick against this party (`None`: none).
    pub pressure: Option<Pressure>,
    /// A second threshold for domestic approval (ratification), on the
    /// party's 0–1 scale (`None`: no separate ratification step).
    pub ratification: Option<f64>,
}

/// How an issue's options are defined.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// Named options.
    Discrete,
    /// Integer values `min, min+step, ..., max`.
    Integer {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
        /// Grid step (≥ 1).
        step: i64,
        /// Unit shown in output.
        unit: Option<String>,
    },
    /// Real values on the grid `min, min+step, ..., max`.
    Real {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Grid step (> 0).
        step: f64,
        /// Unit shown in output.
        unit: Option<String>,
    },
}

impl IssueKind {
    /// The keyword used in scenario files.
    pub fn as_str(&self) -> &'static str {
        match self {
            IssueKind::Discrete => "discrete",
            IssueKind::Integer { .. } => "integer",
            IssueKind::Real { .. } => "real",
        }
    }

    /// Whether options carry numeric values.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, IssueKind::Discrete)
    }
}

/// One option of an issue.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionDef {
    /// Identifier used in files and output (for numeric issues: the value as written).
    pub id: String,
    /// Display label.
    pub label: String,
    /// Free-text description.
    pub description: Option<String>,
    /// Optional numeric position (for ordered discrete issues and forecasting).
    pub position: Option<f64>,
    /// The numeric value of this option, for integer and real issues.
    pub value: Option<f64>,
}

/// An issue under negotiation.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Identifier used in files and output.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-text description.
    pub description: Option<String>,
    /// Discrete or numeric.
    pub kind: IssueKind,
    /// The options (for numeric issues, the discretised grid in increasing order).
    pub options: Vec<OptionDef>,
    /// For an incentive the mediator controls: its cost of each option, in
    /// cost units (`None`: not an incentive, costs nothing).
    pub cost: Option<Vec<f64>>,
}

impl Issue {
    /// Finds an option by id (for numeric issues, also by numeric value).
    pub fn option_index(&self, id: &str) -> Option<usize> {
        if let Some(i) = self.options.iter().position(|o| o.id == id) {
            return Some(i);
        }
        if self.kind.is_numeric() {
            if let Ok(x) = id.trim().parse::<f64>() {
                return self.value_index(x);
            }
        }
        None
    }

    /// Finds the option of a numeric issue whose value equals `x` (within a relative 1e-9).
    pub fn value_index(&self, x: f64) -> Option<usize> {
        self.options.iter().position(|o| match o.value {
            Some(v) => (v - x).abs() <= 1e-9 * (1.0 + v.abs().max(x.abs())),
            None => false,
        })
    }
}

/// A condition on a package: every clause must hold. A clause holds when the
/// package's option for that issue is one of the listed options.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// `(issue index, allowed option indices)`; issues are distinct.
    pub clauses: Vec<(usize, Vec<usize>)>,
}

impl Condition {
    /// Whether the package meets the condition.
    pub fn holds(&self, package: &[usize]) -> bool {
        self.clauses
            .iter()
            .all(|(i, opts)| opts.contains(&package[*i]))
    }

    /// The issues the condition mentions.
    pub fn issues(&self) -> impl Iterator<Item = usize> + '_ {
        self.clauses.iter().map(|(i, _)| *i)
    }
}

/// A hard veto: packages meeting the condition are unacceptable to the party.
#[derive(Debug, Clone, PartialEq)]
pub struct RedLine {
    /// When the red line is crossed.
    pub condition: Condition,
    /// Why (shown in output).
    pub reason: Option<String>,
}

/// A bonus (or, negative, a penalty) added to a party's utility when options co-occur.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    /// When it applies.
    pub condition: Condition,
    /// Added to the utility, on the party's 0–1 scale.
    pub bonus: f64,
    /// Why (shown in output).
    pub reason: Option<String>,
}

/// A party's preferences: additive utility plus red lines and interactions.
#[derive(Debug, Clone, PartialEq)]
pub struct Preferences {
    /// Normalised issue weights (non-negative, summing to 1), one per issue.
    pub weights: Vec<f64>,
    /// Value in [0,1] of each option of each issue (`values[issue][option]`).
    pub values: Vec<Vec<f64>>,
    /// Hard vetoes.
    pub red_lines: Vec<RedLine>,
    /// Co-occurrence bonuses and penalties.
    pub interactions: Vec<Interaction>,
}

/// A named package: one option per issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-text description.
    pub description: Option<String>,
    /// Option index per issue.
    pub package: Vec<usize>,
}

/// A package: the option index chosen for each issue, in issue order.
pub type Package = Vec<usize>;

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
        u
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
        self.red_lines_crossed(party, package).is_empty()
            && self.utility(party, package) >= self.parties[party].reservation - self.tolerance
    }

    /// Whether every veto party accepts the package (it lies in the ZOPA).
    pub fn in_zopa(&self, package: &[usize]) -> bool {
        self.veto_parties()
            .into_iter()
            .all(|p| self.acceptable(p, package))
    }

    /// The mediator's cost of the incentives in a package (0 without incentive issues).
    pub fn incentive_cost(&self, package: &[usize]) -> f64 {
        package
            .iter()
            .zip(&self.issues)
            .filter_map(|(&o, i)| i.cost.as_ref().map(|c| c[o]))
            .sum()
    }

    /// Whether a party would ratify the package: `None` when it has no
    /// ratification threshold, else utility ≥ threshold − ε and no red line crossed.
    pub fn ratifies(&self, party: usize, package: &[usize]) -> Option<bool> {
        let t = self.parties[party].ratification?;
        Some(
            self.red_lines_crossed(party, package).is_empty()
                && self.utility(party, package) >= t - self.tolerance,
        )
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
            if !seen.insert(p.id.as_str()) {
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
            if !seen.insert(issue.id.as_str()) {
                return bad(format!("duplicate issue id `{}`", issue.id));
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
            for c in conds {
                self.check_condition(c).map_err(ModelError::Invalid)?;
            }
            for it in &prefs.interactions {
                if !it.bonus.is_finite() {
                    return bad(format!("an interaction of `{pid}` has a non-finite bonus"));
                }
            }
        }
        for d in &self.deals {
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
