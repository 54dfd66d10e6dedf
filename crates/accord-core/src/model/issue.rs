//! The issues and their options.

/// The one id no issue may have: a party's `contributions` in an
/// evaluation list every issue by id and the interaction bonuses under this
/// key (`docs/output-schema.md`).
pub const RESERVED_ISSUE_ID: &str = "interactions";

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
    /// The party that must deliver the issue, and the option it takes
    /// without a deal (`None`: no owner). A package that moves the issue
    /// away from its status quo needs the owner's acceptance too, even when
    /// the owner has no veto on the whole deal (a conditional veto;
    /// `docs/definitions.md`, "Who must deliver").
    pub owner: Option<Owner>,
}

/// Who must deliver an issue (see [`Issue::owner`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    /// The owning party.
    pub party: usize,
    /// The option the issue takes when nothing changes.
    pub status_quo: usize,
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
        // ±inf and NaN are no option's value (inf − inf would be "close").
        if !x.is_finite() {
            return None;
        }
        self.options.iter().position(|o| match o.value {
            Some(v) => (v - x).abs() <= 1e-9 * (1.0 + v.abs().max(x.abs())),
            None => false,
        })
    }
}
