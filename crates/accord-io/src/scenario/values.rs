//! Value tables (a party's values of an issue's options, on its 0–1 scale)
//! and cost tables (the mediator's costs): by option, or piecewise linear
//! over a numeric issue.

use accord_core::model::distribution::Target;
use accord_core::model::{Issue, IssueKind};

use super::hint::did_you_mean;
use super::reader::Reader;
use crate::tree::{Node, Value};

/// What a value table sets: a party's values of an issue, or the mediator's costs.
#[derive(Clone, Copy)]
pub(super) enum TableKind<'a> {
    /// Values of (party index, issue index, party id).
    Value(usize, usize, &'a str),
    /// The mediator's costs of an issue (its index).
    Cost(usize),
}

impl Reader {
    /// A value table (`unit`: values on the 0–1 scale) or a cost table
    /// (costs ≥ 0) over an issue's options.
    pub(super) fn value_function(
        &mut self,
        n: &Node,
        issue: &Issue,
        what: &str,
        table: TableKind,
    ) -> Option<Vec<f64>> {
        let unit = matches!(table, TableKind::Value(..));
        let noun = if unit { "value" } else { "cost" };
        match &n.value {
            Value::Map(m) => {
                let mut vals: Vec<Option<f64>> = vec![None; issue.options.len()];
                let mut ok = true;
                for (k, v) in m {
                    match issue.option_index(&k.name) {
                        Some(o) => {
                            let (target, label, range) = match table {
                                TableKind::Value(p, i, pid) => (
                                    Target::Value(p, i, o),
                                    format!("{pid}.values.{}.{}", issue.id, k.name),
                                    (0.0, 1.0),
                                ),
                                TableKind::Cost(i) => (
                                    Target::Cost(i, o),
                                    format!("{}.cost.{}", issue.id, k.name),
                                    (0.0, f64::INFINITY),
                                ),
                            };
                            match self.uncertain(
                                v,
                                &format!("{what}, option `{}`", k.name),
                                range,
                                target,
                                label,
                            ) {
                                Some(x) => vals[o] = Some(x),
                                None => ok = false,
                            }
                        }
                        None => {
                            let hint = did_you_mean(
                                &k.name,
                                issue.options.iter().map(|o| o.id.as_str()),
                                "options",
                            );
                            self.err(
                                k.span.clone(),
                                format!("issue `{}` has no option `{}`", issue.id, k.name),
                                "unknown option",
                                hint,
                            );
                            ok = false;
                        }
                    }
                }
                let missing: Vec<&str> = vals
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_none())
                    .map(|(o, _)| issue.options[o].id.as_str())
                    .collect();
                if ok && !missing.is_empty() {
                    self.err(
                        n.span.clone(),
                        format!(
                            "{what} gives no {noun} for option{} {}",
                            if missing.len() > 1 { "s" } else { "" },
                            missing
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        if unit {
                            "incomplete value table"
                        } else {
                            "incomplete cost table"
                        },
                        if unit {
                            "give every option a value in [0,1]"
                        } else {
                            "give every option a cost (0 for a free option)"
                        },
                    );
                    ok = false;
                }
                if issue.kind.is_numeric() && ok && m.len() != issue.options.len() {
                    ok = false;
                }
                ok.then(|| vals.into_iter().map(|v| v.unwrap_or(0.0)).collect())
            }
            Value::Seq(points) if issue.kind.is_numeric() => {
                let (lo, hi) = match &issue.kind {
                    IssueKind::Integer { min, max, .. } => (*min as f64, *max as f64),
                    IssueKind::Real { min, max, .. } => (*min, *max),
                    IssueKind::Discrete => (0.0, 0.0),
                };
                let mut pts: Vec<(f64, f64)> = Vec::new();
                let mut ok = true;
                for p in points {
                    let pair = match &p.value {
                        Value::Seq(xy) if xy.len() == 2 => Some((&xy[0], &xy[1])),
                        _ => None,
                    };
                    let Some((xn, vn)) = pair else {
                        self.err(
                            p.span.clone(),
                            format!("each point of {what} is a pair [x, {noun}]"),
                            "not a pair",
                            "write points as [[x1, v1], [x2, v2], ...]",
                        );
                        ok = false;
                        continue;
                    };
                    let (Some(x), Some(v)) = (
                        self.number(xn, "a point's x"),
                        self.scaled_number(vn, &format!("{what} at a point"), unit),
                    ) else {
                        ok = false;
                        continue;
                    };
                    if x < lo - 1e-12 || x > hi + 1e-12 {
                        self.err(
                            xn.span.clone(),
                            format!(
                                "point x = {x} is outside issue `{}`'s range [{lo}, {hi}]",
                                issue.id
                            ),
                            "outside the range",
                            "points lie within the issue's min and max",
                        );
                        ok = false;
                        continue;
                    }
                    if let Some(&(px, _)) = pts.last() {
                        if x <= px {
                            self.err(
                                xn.span.clone(),
                                format!("point x = {x} does not increase (previous x = {px})"),
                                "not increasing",
                                "list points in strictly increasing x",
                            );
                            ok = false;
                            continue;
                        }
                    }
                    pts.push((x, v));
                }
                if pts.is_empty() && ok {
                    self.err(
                        n.span.clone(),
                        format!("{what} has no points"),
                        "empty",
                        "give at least one point [x, value]",
                    );
                    ok = false;
                }
                ok.then(|| {
                    issue
                        .options
                        .iter()
                        .map(|o| piecewise(&pts, o.value.unwrap_or(0.0)))
                        .collect()
                })
            }
            _ => {
                let help = if issue.kind.is_numeric() {
                    "write piecewise-linear points [[x, value], ...] or a table of every grid value"
                } else {
                    "write a table option = value, e.g. { yes = 1.0, no = 0.0 }"
                };
                self.err(
                    n.span.clone(),
                    format!("expected a value table for {what}, found {}", n.type_name()),
                    "not a value function",
                    help,
                );
                None
            }
        }
    }
}

/// Piecewise-linear interpolation, flat beyond the end points.
fn piecewise(pts: &[(f64, f64)], x: f64) -> f64 {
    let Some(&(x0, v0)) = pts.first() else {
        return 0.0;
    };
    if x <= x0 {
        return v0;
    }
    for w in pts.windows(2) {
        let ((a, va), (b, vb)) = (w[0], w[1]);
        if x <= b {
            return va + (vb - va) * (x - a) / (b - a);
        }
    }
    pts[pts.len() - 1].1
}
