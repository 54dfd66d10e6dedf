//! Packages and named deals.

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
