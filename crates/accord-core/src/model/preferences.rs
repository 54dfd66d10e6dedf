//! A party's preferences: additive values, red lines and interactions, and
//! the conditions these are stated with.

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
    /// Value in \[0,1\] of each option of each issue (`values[issue][option]`).
    pub values: Vec<Vec<f64>>,
    /// Hard vetoes.
    pub red_lines: Vec<RedLine>,
    /// Co-occurrence bonuses and penalties.
    pub interactions: Vec<Interaction>,
    /// The utility is min(1, the sum): Genius's nonlinear profiles, whose
    /// summed rectangles may pass their `maxutility`. Only the
    /// branch-and-bound analysis takes a cap that binds (see
    /// [`ModelError::CapBinds`](crate::model::ModelError::CapBinds)).
    pub capped: bool,
}
