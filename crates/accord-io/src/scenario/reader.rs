//! The reader of a scenario's syntax tree: it collects located errors and
//! reads plain values (tables, arrays, strings, numbers, ids, options).

use std::collections::HashMap;
use std::ops::Range;

use accord_core::model::distribution::{Input, Target};
use accord_core::model::{Issue, Scenario};

use super::hint::did_you_mean;
use crate::diagnostic::{InputError, SourceText};
use crate::tree::{Key, Node, Value};

/// Ids by name, for lookups with hints.
pub(super) struct Index {
    pub(super) issues: HashMap<String, usize>,
}

impl Index {
    pub(super) fn of(s: &Scenario) -> Index {
        Index {
            issues: s
                .issues
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect(),
        }
    }
}

/// Reads one file's syntax tree into model values, collecting a located
/// error for every problem instead of stopping at the first.
pub(super) struct Reader {
    /// The file being read.
    pub(super) src: SourceText,
    /// The problems found so far.
    pub(super) errors: Vec<InputError>,
    /// Uncertain inputs found so far.
    pub(super) inputs: Vec<Input>,
    /// Raw weights of the parties that have an uncertain weight.
    pub(super) raw_weights: Vec<(usize, Vec<f64>)>,
}

pub(super) type Entries = [(Key, Node)];

pub(super) fn get<'a>(m: &'a Entries, key: &str) -> Option<&'a Node> {
    m.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

impl Reader {
    /// A reader of `src` that has found nothing yet.
    pub(super) fn new(src: SourceText) -> Reader {
        Reader {
            src,
            errors: Vec::new(),
            inputs: Vec::new(),
            raw_weights: Vec::new(),
        }
    }

    pub(super) fn err(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: impl Into<String>,
    ) {
        let help: String = help.into();
        self.errors.push(InputError {
            source: self.src.clone(),
            span,
            message: message.into(),
            label: label.into(),
            help: if help.is_empty() { None } else { Some(help) },
        });
    }

    pub(super) fn map<'a>(&mut self, n: &'a Node, what: &str) -> Option<&'a Entries> {
        match &n.value {
            Value::Map(m) => Some(m),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected a table for {what}, found {}", n.type_name()),
                    "not a table",
                    format!("write {what} as a table (`key = value` pairs)"),
                );
                None
            }
        }
    }

    pub(super) fn seq<'a>(&mut self, n: &'a Node, what: &str) -> Option<&'a [Node]> {
        match &n.value {
            Value::Seq(v) => Some(v),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected an array for {what}, found {}", n.type_name()),
                    "not an array",
                    format!("write {what} as an array `[...]` (in TOML, `[[{what}]]` tables)"),
                );
                None
            }
        }
    }

    pub(super) fn keys(&mut self, m: &Entries, allowed: &[&str], what: &str) {
        for (k, _) in m {
            if !allowed.contains(&k.name.as_str()) {
                let hint = did_you_mean(&k.name, allowed.iter().copied(), "keys");
                self.err(
                    k.span.clone(),
                    format!("unknown key `{}` in {what}", k.name),
                    "unknown key",
                    hint,
                );
            }
        }
    }

    pub(super) fn string(&mut self, n: &Node, what: &str) -> Option<String> {
        match &n.value {
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected a string for {what}, found {}", n.type_name()),
                    "not a string",
                    "put the text in double quotes",
                );
                None
            }
        }
    }

    pub(super) fn opt_string(&mut self, m: &Entries, key: &str, what: &str) -> Option<String> {
        get(m, key).and_then(|n| self.string(n, &format!("`{key}` of {what}")))
    }

    pub(super) fn req<'a>(
        &mut self,
        m: &'a Entries,
        key: &str,
        at: &Range<usize>,
        what: &str,
    ) -> Option<&'a Node> {
        let n = get(m, key);
        if n.is_none() {
            self.err(
                at.clone(),
                format!("{what} has no `{key}`"),
                &format!("`{key}` missing"),
                format!("add `{key} = ...` to {what}"),
            );
        }
        n
    }

    pub(super) fn id(
        &mut self,
        m: &Entries,
        at: &Range<usize>,
        what: &str,
    ) -> Option<(String, Range<usize>)> {
        let n = self.req(m, "id", at, what)?;
        let s = self.string(n, &format!("the id of {what}"))?;
        if !valid_id(&s) {
            self.err(
                n.span.clone(),
                format!("`{s}` is not a valid id"),
                "invalid id",
                "ids use letters, digits, `_`, `-` and `.` only",
            );
            return None;
        }
        Some((s, n.span.clone()))
    }

    /// The `id` of a party or issue (valid and not yet `taken`) and its
    /// `name` (the id when absent).
    pub(super) fn entity(
        &mut self,
        m: &Entries,
        at: &Range<usize>,
        kind: &str,
        taken: impl Fn(&str) -> bool,
    ) -> Option<(String, Range<usize>, String)> {
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let what = format!("{article} {kind}");
        let (id, span) = self.id(m, at, &what)?;
        if taken(&id) {
            self.err(
                span,
                format!("{kind} id `{id}` is used twice"),
                "duplicate id",
                format!("give every {kind} a distinct id"),
            );
            return None;
        }
        let name = self
            .opt_string(m, "name", &what)
            .unwrap_or_else(|| id.clone());
        Some((id, span, name))
    }

    /// The issue a map key names, or a located "unknown issue" error (the
    /// message is `what` followed by the key).
    pub(super) fn issue_key(
        &mut self,
        k: &Key,
        s: &Scenario,
        index: &Index,
        what: &str,
    ) -> Option<usize> {
        if let Some(&i) = index.issues.get(&k.name) {
            return Some(i);
        }
        let hint = did_you_mean(&k.name, s.issues.iter().map(|i| i.id.as_str()), "issues");
        self.err(
            k.span.clone(),
            format!("{what}`{}`", k.name),
            "unknown issue",
            hint,
        );
        None
    }

    pub(super) fn number(&mut self, n: &Node, what: &str) -> Option<f64> {
        match n.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            Some(x) => {
                // A number the file wrote that is no finite value: NaN, ±inf,
                // or one past f64's range (1e400 reads as inf).
                self.err(
                    n.span.clone(),
                    format!(
                        "{what} must be a finite number, not {}",
                        if x.is_nan() {
                            "NaN"
                        } else {
                            "infinite (or past ±1.8e308)"
                        }
                    ),
                    "not a finite number",
                    "write a plain number such as 0.5",
                );
                None
            }
            None => {
                self.err(
                    n.span.clone(),
                    format!("expected a number for {what}, found {}", n.type_name()),
                    "not a number",
                    "write a plain number such as 0.5",
                );
                None
            }
        }
    }

    fn unit_number(&mut self, n: &Node, what: &str) -> Option<f64> {
        let x = self.number(n, what)?;
        if !(0.0..=1.0).contains(&x) {
            self.err(
                n.span.clone(),
                format!("{what} is {x}, outside [0, 1]"),
                "out of range",
                "utilities and reservation values live on each party's 0–1 scale",
            );
            return None;
        }
        Some(x)
    }

    fn cost_number(&mut self, n: &Node, what: &str) -> Option<f64> {
        let x = self.number(n, what)?;
        if x < 0.0 {
            self.err(
                n.span.clone(),
                format!("{what} is {x}, below 0"),
                "negative cost",
                "costs are what the mediator spends, in the scenario's cost unit: 0 or more",
            );
            return None;
        }
        Some(x)
    }

    /// A number, or a distribution string (recorded as an uncertain input;
    /// its mean is returned), allowed in [lo, hi].
    pub(super) fn uncertain(
        &mut self,
        n: &Node,
        what: &str,
        (lo, hi): (f64, f64),
        target: Target,
        label: String,
    ) -> Option<f64> {
        if let Value::Str(text) = &n.value {
            if text.contains('(') && !crate::dist::looks_like(text) {
                self.err(
                    n.span.clone(),
                    format!("{what}: `{text}` is not a known distribution"),
                    "unknown distribution",
                    "the distributions are uniform, triangular, normal, beta and choice (lower case), e.g. \"uniform(0.3, 0.5)\"",
                );
                return None;
            }
            if crate::dist::looks_like(text) {
                // Weights are checked for sign separately; their distributions stay ≥ 0.
                let dlo = if lo == f64::NEG_INFINITY { 0.0 } else { lo };
                return match crate::dist::parse(text, dlo, hi) {
                    Ok((dist, factor)) => {
                        let m = dist.mean();
                        self.inputs.push(Input {
                            target,
                            dist,
                            factor,
                            label,
                        });
                        Some(m)
                    }
                    Err(msg) => {
                        self.err(
                            n.span.clone(),
                            format!("{what}: {msg}"),
                            "bad distribution",
                            "e.g. \"uniform(0.3, 0.5)\", \"triangular(0.4, 0.55, 0.7) @factor\" (docs/scenario-format.md, \"Uncertainty\")",
                        );
                        None
                    }
                };
            }
        }
        if (lo, hi) == (0.0, 1.0) {
            self.unit_number(n, what)
        } else if lo == 0.0 && hi == f64::INFINITY {
            self.cost_number(n, what)
        } else {
            self.number(n, what)
        }
    }

    /// A number on a party's 0–1 scale (`unit`) or a cost (≥ 0).
    pub(super) fn scaled_number(&mut self, n: &Node, what: &str, unit: bool) -> Option<f64> {
        if unit {
            self.unit_number(n, what)
        } else {
            self.cost_number(n, what)
        }
    }

    pub(super) fn bool(&mut self, n: &Node, what: &str) -> Option<bool> {
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected true or false for {what}, found {}", n.type_name()),
                    "not a boolean",
                    "write true or false (without quotes)",
                );
                None
            }
        }
    }

    pub(super) fn option_ref(&mut self, n: &Node, issue: &Issue) -> Option<usize> {
        let text = match &n.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) if issue.kind.is_numeric() => i.to_string(),
            Value::Float(f) if issue.kind.is_numeric() => f.to_string(),
            _ => {
                self.err(
                    n.span.clone(),
                    format!(
                        "expected an option of issue `{}`, found {}",
                        issue.id,
                        n.type_name()
                    ),
                    "not an option",
                    if issue.kind.is_numeric() {
                        "write a number on the issue's grid"
                    } else {
                        "write the option id in quotes"
                    },
                );
                return None;
            }
        };
        match issue.option_index(&text) {
            Some(o) => Some(o),
            None => {
                let hint = if issue.kind.is_numeric() {
                    format!(
                        "the values of `{}` run from {} to {} on its grid",
                        issue.id,
                        issue.options[0].id,
                        issue.options[issue.options.len() - 1].id
                    )
                } else {
                    did_you_mean(
                        &text,
                        issue.options.iter().map(|o| o.id.as_str()),
                        "options",
                    )
                };
                self.err(
                    n.span.clone(),
                    format!("issue `{}` has no option `{text}`", issue.id),
                    "unknown option",
                    hint,
                );
                None
            }
        }
    }
}
