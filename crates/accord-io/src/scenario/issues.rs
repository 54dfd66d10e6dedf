//! `[[issues]]`: discrete issues with their options, integer and real issues on a grid.

use std::ops::Range;

use accord_core::model::{Issue, IssueKind, OptionDef, Owner, RESERVED_ISSUE_ID};

use super::number::format_number;
use super::reader::{get, Entries, Reader};
use super::values::TableKind;
use crate::tree::Node;

/// Largest number of grid points of a numeric issue.
pub const MAX_NUMERIC_POINTS: usize = 100_000;

impl Reader {
    pub(super) fn issues(&mut self, n: &Node, parties: &[&str]) -> Vec<(Issue, Range<usize>)> {
        let Some(items) = self.seq(n, "issues") else {
            return Vec::new();
        };
        let mut out: Vec<(Issue, Range<usize>)> = Vec::new();
        for item in items {
            let Some(m) = self.map(item, "an issue") else {
                continue;
            };
            self.keys(
                m,
                &[
                    "id",
                    "name",
                    "description",
                    "type",
                    "options",
                    "min",
                    "max",
                    "step",
                    "unit",
                    "cost",
                    "owner",
                    "status_quo",
                ],
                "an issue",
            );
            let Some((id, id_span, name)) = self.entity(m, &item.span, "issue", |id| {
                out.iter().any(|(i, _)| i.id == id)
            }) else {
                continue;
            };
            if id == RESERVED_ISSUE_ID {
                // Kept, so that the preferences naming it add no errors.
                self.err(
                    id_span.clone(),
                    format!("`{id}` cannot be an issue id"),
                    "reserved",
                    "evaluations list each party's contributions by issue id with the interaction bonuses under `interactions`; rename the issue",
                );
            }
            let description = self.opt_string(m, "description", "an issue");
            let ty = match get(m, "type") {
                Some(t) => match self.string(t, "the issue type") {
                    Some(s) if ["discrete", "integer", "real"].contains(&s.as_str()) => s,
                    Some(s) => {
                        self.err(
                            t.span.clone(),
                            format!("unknown issue type `{s}`"),
                            "unknown type",
                            "the types are discrete, integer and real",
                        );
                        continue;
                    }
                    None => continue,
                },
                None => "discrete".to_string(),
            };
            let issue = if ty == "discrete" {
                for k in ["min", "max", "step", "unit"] {
                    if let Some(v) = get(m, k) {
                        self.err(
                            v.span.clone(),
                            format!(
                                "`{k}` applies to integer and real issues, but `{id}` is discrete"
                            ),
                            "not for discrete issues",
                            "add `type = \"integer\"` or `type = \"real\"`, or remove the key",
                        );
                    }
                }
                let Some(on) =
                    self.req(m, "options", &item.span, &format!("discrete issue `{id}`"))
                else {
                    continue;
                };
                let Some(opts) = self.seq(on, "options") else {
                    continue;
                };
                if opts.is_empty() {
                    self.err(
                        on.span.clone(),
                        format!("issue `{id}` has no options"),
                        "empty",
                        "list at least one option",
                    );
                    continue;
                }
                let mut options: Vec<OptionDef> = Vec::new();
                for o in opts {
                    let Some(om) = self.map(o, "an option") else {
                        continue;
                    };
                    self.keys(om, &["id", "label", "description", "position"], "an option");
                    let Some((oid, ospan)) = self.id(om, &o.span, "an option") else {
                        continue;
                    };
                    if options.iter().any(|x| x.id == oid) {
                        self.err(
                            ospan,
                            format!("option `{oid}` appears twice in issue `{id}`"),
                            "duplicate option",
                            "option ids are unique within an issue",
                        );
                        continue;
                    }
                    let label = self
                        .opt_string(om, "label", "an option")
                        .unwrap_or_else(|| oid.clone());
                    let description = self.opt_string(om, "description", "an option");
                    let position = get(om, "position").and_then(|p| self.number(p, "`position`"));
                    options.push(OptionDef {
                        id: oid,
                        label,
                        description,
                        position,
                        value: None,
                    });
                }
                Issue {
                    id,
                    name,
                    description,
                    kind: IssueKind::Discrete,
                    options,
                    cost: None,
                    owner: None,
                }
            } else {
                if let Some(v) = get(m, "options") {
                    self.err(
                        v.span.clone(),
                        format!("issue `{id}` is {ty}: its options come from min, max and step"),
                        "not for numeric issues",
                        "remove `options`, or make the issue discrete",
                    );
                }
                let what = format!("{ty} issue `{id}`");
                let min = self
                    .req(m, "min", &item.span, &what)
                    .and_then(|v| self.number(v, "`min`"));
                let max = self
                    .req(m, "max", &item.span, &what)
                    .and_then(|v| self.number(v, "`max`"));
                let step_node = get(m, "step");
                let step = match step_node {
                    Some(v) => self.number(v, "`step`"),
                    None if ty == "integer" => Some(1.0),
                    None => {
                        self.err(item.span.clone(), format!("real issue `{id}` has no `step`"), "`step` missing", "a real issue is discretised for exact analysis: give the grid step, e.g. `step = 0.1`");
                        None
                    }
                };
                let unit = self.opt_string(m, "unit", "an issue");
                let (Some(min), Some(max), Some(step)) = (min, max, step) else {
                    continue;
                };
                let at = step_node.map_or(item.span.clone(), |n| n.span.clone());
                if max < min {
                    self.err(
                        item.span.clone(),
                        format!("issue `{id}` has max {max} below min {min}"),
                        "empty range",
                        "swap min and max",
                    );
                    continue;
                }
                if step <= 0.0 {
                    self.err(
                        at,
                        format!("the step of `{id}` must be positive, not {step}"),
                        "bad step",
                        "",
                    );
                    continue;
                }
                if ty == "integer"
                    && (min.fract() != 0.0 || max.fract() != 0.0 || step.fract() != 0.0)
                {
                    self.err(
                        item.span.clone(),
                        format!("integer issue `{id}` needs whole-number min, max and step"),
                        "not whole numbers",
                        "use `type = \"real\"` for fractional values",
                    );
                    continue;
                }
                let n_steps = (max - min) / step;
                if !n_steps.is_finite() || n_steps > MAX_NUMERIC_POINTS as f64 {
                    self.err(
                        at,
                        format!(
                            "issue `{id}` would have more than {MAX_NUMERIC_POINTS} grid points"
                        ),
                        "too many points",
                        "use a larger step or a narrower range",
                    );
                    continue;
                }
                if (n_steps - n_steps.round()).abs() > 1e-9 * n_steps.max(1.0) {
                    self.err(
                        at,
                        format!("(max − min)/step = {n_steps} is not a whole number for `{id}`"),
                        "grid does not reach max",
                        "choose a step that divides max − min",
                    );
                    continue;
                }
                let count = n_steps.round() as usize + 1;
                if count > MAX_NUMERIC_POINTS {
                    self.err(at, format!("issue `{id}` would have {count} grid points (limit {MAX_NUMERIC_POINTS})"), "too many points", "use a larger step");
                    continue;
                }
                let options = (0..count)
                    .map(|k| {
                        let x = if k + 1 == count {
                            max
                        } else {
                            min + step * k as f64
                        };
                        let x = if ty == "integer" { x.round() } else { x };
                        let oid = format_number(x);
                        OptionDef {
                            id: oid.clone(),
                            label: oid,
                            description: None,
                            position: Some(x),
                            value: Some(x),
                        }
                    })
                    .collect();
                let kind = if ty == "integer" {
                    IssueKind::Integer {
                        min: min as i64,
                        max: max as i64,
                        step: step as i64,
                        unit,
                    }
                } else {
                    IssueKind::Real {
                        min,
                        max,
                        step,
                        unit,
                    }
                };
                Issue {
                    id,
                    name,
                    description,
                    kind,
                    options,
                    cost: None,
                    owner: None,
                }
            };
            let mut issue = issue;
            if let Some(v) = get(m, "cost") {
                let what = format!("the mediator's cost of issue `{}`", issue.id);
                issue.cost = self.value_function(v, &issue, &what, TableKind::Cost(out.len()));
            }
            issue.owner = self.owner(m, &item.span, &issue, parties);
            out.push((issue, id_span));
        }
        if items.is_empty() {
            self.err(
                n.span.clone(),
                "the scenario has no issues",
                "empty",
                "add at least one [[issues]] table",
            );
        }
        out
    }

    /// `owner = "PARTY"` with `status_quo = "OPTION"`: both or neither.
    fn owner(
        &mut self,
        m: &Entries,
        span: &Range<usize>,
        issue: &Issue,
        parties: &[&str],
    ) -> Option<Owner> {
        let (owner, sq) = (get(m, "owner"), get(m, "status_quo"));
        let (who, sq) = match (owner, sq) {
            (None, None) => return None,
            (Some(w), Some(q)) => (w, q),
            (Some(w), None) => {
                self.err(
                    w.span.clone(),
                    format!("issue `{}` has an owner but no status quo", issue.id),
                    "no status_quo",
                    "add status_quo = \"OPTION\": the option the issue keeps when its owner is not asked",
                );
                return None;
            }
            (None, Some(q)) => {
                self.err(
                    q.span.clone(),
                    format!("issue `{}` has a status quo but no owner", issue.id),
                    "no owner",
                    "add owner = \"PARTY\": the party whose acceptance moving the issue needs",
                );
                let _ = span;
                return None;
            }
        };
        let name = self.string(who, "the owner")?;
        let Some(party) = parties.iter().position(|p| *p == name) else {
            self.err(
                who.span.clone(),
                format!("issue `{}` names unknown owner `{name}`", issue.id),
                "unknown party",
                super::hint::did_you_mean(&name, parties.iter().copied(), "parties"),
            );
            return None;
        };
        let status_quo = self.option_ref(sq, issue)?;
        Some(Owner { party, status_quo })
    }
}
