//! What renderers may look up: display names and labels of a scenario, and
//! the [`Layout`] the front end chose for text.

use accord_core::model::{IssueKind, Party, Scenario};

use crate::report::change::{ChangeReport, Difference};
use crate::report::value::{OptionValue, Package};

/// How text output is laid out: the width that tables fit.
///
/// Front ends decide it ([`Layout::choose`] from what the terminal says);
/// reports never see it. The default, 100 columns, is what every output
/// that does not go to a terminal gets, so that text is the same on every
/// machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The number of columns tables may take.
    pub width: u16,
}

impl Layout {
    /// The width of output that does not go to a terminal.
    pub const DEFAULT_WIDTH: u16 = 100;
    /// The narrowest width tables are fitted to (narrower terminals get
    /// lines that wrap).
    pub const MIN_WIDTH: u16 = 40;

    /// A layout of `width` columns (at least [`Layout::MIN_WIDTH`]).
    pub fn new(width: u16) -> Layout {
        Layout {
            width: width.max(Layout::MIN_WIDTH),
        }
    }

    /// The width a front end should use: the `COLUMNS` environment variable
    /// when it is set to a positive number, else the terminal's width when
    /// output goes to one, else [`Layout::DEFAULT_WIDTH`].
    ///
    /// ```
    /// use accord::render::Layout;
    /// assert_eq!(Layout::choose(Some("120"), Some(80)).width, 120);
    /// assert_eq!(Layout::choose(None, Some(80)).width, 80);
    /// assert_eq!(Layout::choose(Some("wide"), None).width, 100);
    /// ```
    pub fn choose(columns: Option<&str>, terminal: Option<u16>) -> Layout {
        let columns = columns
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c > 0);
        match columns.or(terminal.filter(|&w| w > 0)) {
            Some(w) => Layout::new(w),
            None => Layout::default(),
        }
    }
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            width: Layout::DEFAULT_WIDTH,
        }
    }
}

/// Display labels for rendering a report of one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The scenario, for names and labels.
    pub scenario: &'a Scenario,
    /// How to name the scenario's source (its file).
    pub source: &'a str,
    /// The width of text output.
    pub layout: Layout,
}

impl<'a> Context<'a> {
    /// A context over a scenario, named `source`, with the default
    /// [`Layout`].
    pub fn new(scenario: &'a Scenario, source: &'a str) -> Context<'a> {
        Context {
            scenario,
            source,
            layout: Layout::default(),
        }
    }

    /// The same context with another layout.
    pub fn with_layout(self, layout: Layout) -> Context<'a> {
        Context { layout, ..self }
    }

    /// The party with this id.
    pub fn party(&self, id: &str) -> Option<&'a Party> {
        self.scenario.parties.iter().find(|p| p.id == id)
    }

    /// Who must accept a deal, in words: "every veto party", and where
    /// some party without a veto owns issues, "and every owner of an issue
    /// it moves".
    pub fn everyone(&self) -> &'static str {
        let s = self.scenario;
        if s.issues
            .iter()
            .any(|i| i.owner.is_some_and(|w| !s.parties[w.party].veto))
        {
            "every veto party and every owner of an issue it moves"
        } else {
            "every veto party"
        }
    }

    /// An uncertain input's path (`ukraine.raw_weights.guarantees`) in
    /// words (`Ukraine: weight of Security guarantees`); a path it does not
    /// know stays as it is.
    pub fn input_label(&self, path: &str) -> String {
        let s = self.scenario;
        let parts: Vec<&str> = path.split('.').collect();
        let issue = |id: &str| s.issues.iter().find(|i| i.id == id).map(|i| i.name.clone());
        if let Some(factor) = path.strip_prefix('@') {
            return format!("{factor} (a shared factor)");
        }
        if parts == ["mediation", "budget"] {
            return "Mediator's budget".into();
        }
        let Some(party) = parts.first().and_then(|id| self.party(id)) else {
            return path.to_string();
        };
        let who = &party.name;
        let what = match parts[1..] {
            ["reservation"] => Some("reservation value".to_string()),
            ["ratification"] => Some("ratification threshold".to_string()),
            ["imposed"] | ["ratification", "imposed"] => {
                Some("share of pressure that eases ratification".to_string())
            }
            ["pressure", "max"] => Some("most pressure the mediator can apply".to_string()),
            ["pressure", "cost"] => Some("cost of full pressure".to_string()),
            ["raw_weights" | "weights", i] => issue(i).map(|n| format!("weight of {n}")),
            ["values", i, o] => issue(i).map(|n| format!("value of {n}: {o}")),
            _ => None,
        };
        match what {
            Some(w) => format!("{who}: {w}"),
            None => path.to_string(),
        }
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

    /// A paragraph wrapped at spaces to the layout's width, each line after
    /// the first indented by `indent`; ends with a line break. Words longer
    /// than the width (ids, paths) stay whole.
    pub fn para(&self, text: &str, indent: &str) -> String {
        // Continuation lines keep the paragraph's own indentation.
        let lead = &text[..text.len() - text.trim_start_matches(' ').len()];
        let indent = format!("{lead}{indent}");
        let opts = textwrap::Options::new(usize::from(self.layout.width))
            .subsequent_indent(&indent)
            .break_words(false);
        let mut out = textwrap::fill(text, opts);
        out.push('\n');
        out
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
