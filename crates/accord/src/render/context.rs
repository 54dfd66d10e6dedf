//! What renderers may look up: display names and labels of a scenario.

use accord_core::model::{IssueKind, Party, Scenario};

use crate::report::change::{ChangeReport, Difference};
use crate::report::value::{OptionValue, Package};

/// Display labels for rendering a report of one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The scenario, for names and labels.
    pub scenario: &'a Scenario,
    /// How to name the scenario's source (its file).
    pub source: &'a str,
}

impl<'a> Context<'a> {
    /// A context over a scenario, named `source`.
    pub fn new(scenario: &'a Scenario, source: &'a str) -> Context<'a> {
        Context { scenario, source }
    }

    /// The party with this id.
    pub fn party(&self, id: &str) -> Option<&'a Party> {
        self.scenario.parties.iter().find(|p| p.id == id)
    }

    /// The party's index (for tables in party order).
    pub fn party_index(&self, id: &str) -> Option<usize> {
        self.scenario.party_index(id)
    }

    fn option_index(&self, issue: &str, o: &OptionValue) -> Option<(usize, usize)> {
        let i = self.scenario.issue_index(issue)?;
        let x = &self.scenario.issues[i];
        let k = match o {
            OptionValue::Id(id) => x.option_index(id),
            OptionValue::Integer(v) => x.value_index(*v as f64),
            OptionValue::Number(v) => x.value_index(*v),
        }?;
        Some((i, k))
    }

    /// An option's short label: its id, with the unit for numeric issues.
    pub fn option_label(&self, issue: &str, o: &OptionValue) -> String {
        match self.option_index(issue, o) {
            Some((i, k)) => option_label(self.scenario, i, k),
            None => o.to_string(),
        }
    }

    /// An option's id (numeric options too: the id the scenario gives them).
    pub fn option_id(&self, issue: &str, o: &OptionValue) -> String {
        match self.option_index(issue, o) {
            Some((i, k)) => self.scenario.issues[i].options[k].id.clone(),
            None => o.to_string(),
        }
    }

    /// A package on one line, `issue=option, issue=option, …` (option ids).
    pub fn package_line(&self, p: &Package) -> String {
        p.iter()
            .map(|(issue, o)| format!("{issue}={}", self.option_id(issue, o)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An option's short label and, where it has one, its long label.
    pub fn option_text(&self, issue: &str, o: &OptionValue) -> String {
        match self.option_index(issue, o) {
            Some((i, k)) => {
                let opt = &self.scenario.issues[i].options[k];
                if opt.label != opt.id {
                    format!("{} — {}", option_label(self.scenario, i, k), opt.label)
                } else {
                    option_label(self.scenario, i, k)
                }
            }
            None => o.to_string(),
        }
    }

    /// A package one issue per line, each `  issue: option — label`,
    /// indented by `indent`.
    pub fn package_lines(&self, p: &Package, indent: &str) -> String {
        let width = p.iter().map(|(i, _)| i.chars().count()).max().unwrap_or(0);
        p.iter()
            .map(|(issue, o)| format!("{indent}{issue:<width$}  {}\n", self.option_text(issue, o)))
            .collect()
    }

    /// Differences between packages, one issue per line:
    /// `  issue: from → to — label of to`.
    pub fn difference_lines(&self, d: &[Difference], indent: &str) -> String {
        let width = d.iter().map(|x| x.issue.chars().count()).max().unwrap_or(0);
        d.iter()
            .map(|x| {
                format!(
                    "{indent}{:<width$}  {} → {}\n",
                    x.issue,
                    self.option_label(&x.issue, &x.from),
                    self.option_text(&x.issue, &x.to)
                )
            })
            .collect()
    }

    /// What `--change` changed in a deal, one issue per line, or a note
    /// that it changed nothing (empty without a change).
    pub fn change_lines(&self, change: Option<&ChangeReport>) -> String {
        match change {
            None => String::new(),
            Some(c) if c.changed.is_empty() => {
                format!("The change leaves {} as it is.\n", c.base)
            }
            Some(c) => format!(
                "Changed from {}:\n{}",
                c.base,
                self.difference_lines(&c.changed, "  ")
            ),
        }
    }

    /// A package as `issue=option,issue=option,…` (option ids).
    pub fn package_label(&self, p: &Package) -> String {
        p.iter()
            .map(|(issue, o)| format!("{issue}={}", self.option_id(issue, o)))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The short label of option `o` of issue `i`.
pub(crate) fn option_label(s: &Scenario, i: usize, o: usize) -> String {
    let issue = &s.issues[i];
    let opt = &issue.options[o];
    match &issue.kind {
        IssueKind::Integer { unit: Some(u), .. } | IssueKind::Real { unit: Some(u), .. } => {
            format!("{} {u}", opt.id)
        }
        _ => opt.id.clone(),
    }
}
