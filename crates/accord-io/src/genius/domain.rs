//! Genius XML domains (`negotiation_template`): issues and their values.

use std::collections::HashSet;

use accord_core::model::{Issue, IssueKind, OptionDef};

use super::ids::{sanitize, unique};
use super::input::{ImportOptions, MAX_NUMERIC_OPTIONS};
use super::numbers::{distinct_grid, fmt_num, parse_f64, parse_int, round12};
use super::source::FileText;
use super::xml::{parse_xml, Elem};
use crate::error::Error;

/// The kind of a domain issue, as read from the file.
#[derive(Debug, Clone)]
pub(super) enum DomKind {
    Discrete { labels: Vec<String> },
    Integer { lb: i64, ub: i64 },
    Real { lb: f64, ub: f64 },
}

/// A domain issue with its accord form.
#[derive(Debug, Clone)]
pub(super) struct DomIssue {
    /// Genius `index` attribute (or position from 1).
    pub(super) index: i64,
    pub(super) name: String,
    pub(super) kind: DomKind,
    pub(super) issue: Issue,
}

pub(super) fn issue_bounds(el: &Elem) -> Option<(&str, &str, usize)> {
    if let (Some(l), Some(u)) = (el.attr("lowerbound"), el.attr("upperbound")) {
        return Some((l, u, el.pos));
    }
    let r = el.child("range")?;
    match (r.attr("lowerbound"), r.attr("upperbound")) {
        (Some(l), Some(u)) => Some((l, u, r.pos)),
        _ => None,
    }
}

pub(super) fn utility_space<'e>(src: &FileText, root: &'e Elem) -> Result<&'e Elem, Error> {
    if root.name == "utility_space" {
        return Ok(root);
    }
    root.child("utility_space").ok_or_else(|| {
        src.invalid(
            Some(root.pos),
            "a <utility_space> element",
            format!("<{}> without one", root.name),
            "a Genius domain is <negotiation_template><utility_space><objective>…; a profile is <utility_space><objective>…",
        )
    })
}

pub(super) fn objective<'e>(src: &FileText, us: &'e Elem) -> Result<&'e Elem, Error> {
    let obj = us.child("objective").ok_or_else(|| {
        src.invalid(
            Some(us.pos),
            "an <objective> element inside <utility_space>",
            "none",
            "the issues of a Genius file are listed inside <objective index=\"0\" …>",
        )
    })?;
    if let Some(nested) = obj.child("objective") {
        return Err(src.unsupported(
            Some(nested.pos),
            "a nested <objective>",
            "flatten the objective tree so every issue is directly under the root objective",
        ));
    }
    Ok(obj)
}

pub(super) fn issue_index(src: &FileText, el: &Elem, position: usize) -> Result<i64, Error> {
    match el.attr("index") {
        None => Ok(position as i64 + 1),
        Some(s) => s.trim().parse::<i64>().map_err(|_| {
            src.invalid(
                Some(el.pos),
                "an integer `index` attribute",
                format!("index=\"{s}\""),
                "issue indices are the integers 1, 2, …",
            )
        }),
    }
}

fn issue_type(el: &Elem) -> Option<String> {
    ["type", "vtype", "etype"]
        .iter()
        .find_map(|k| el.attr(k))
        .map(|s| s.trim().to_ascii_lowercase())
}

fn read_domain_issue(
    src: &FileText,
    el: &Elem,
    position: usize,
    opts: &ImportOptions,
) -> Result<(i64, String, DomKind), Error> {
    let index = issue_index(src, el, position)?;
    let name = el
        .attr("name")
        .ok_or_else(|| {
            src.invalid(
                Some(el.pos),
                "a `name` attribute on <issue>",
                "none",
                "every Genius issue has a name",
            )
        })?
        .to_string();
    let has_items = el.child("item").is_some();
    let bounds = issue_bounds(el);
    let ty = issue_type(el);
    let kind_word = match ty.as_deref() {
        Some(t @ ("discrete" | "integer" | "real")) => t.to_string(),
        Some(other) => {
            return Err(src.unsupported(
                Some(el.pos),
                format!("issue type `{other}` (issue `{name}`)"),
                "accord imports discrete, integer and real issues",
            ))
        }
        // Legacy files without type attributes.
        None if has_items => "discrete".to_string(),
        None => match bounds {
            Some((l, u, _)) if l.trim().parse::<i64>().is_ok() && u.trim().parse::<i64>().is_ok() => {
                "integer".to_string()
            }
            Some(_) => "real".to_string(),
            None => {
                return Err(src.invalid(
                    Some(el.pos),
                    format!("<item> children or lowerbound/upperbound for issue `{name}`"),
                    "neither",
                    "a discrete issue lists <item value=…/>; a numeric one has lowerbound and upperbound",
                ))
            }
        },
    };
    let kind = match kind_word.as_str() {
        "discrete" => {
            let mut labels = Vec::new();
            for item in el.children_named("item") {
                let v = item.attr("value").ok_or_else(|| {
                    src.invalid(
                        Some(item.pos),
                        "a `value` attribute on <item>",
                        "none",
                        "each option of a discrete issue is <item index=… value=…/>",
                    )
                })?;
                labels.push(v.to_string());
            }
            if labels.is_empty() {
                return Err(src.invalid(
                    Some(el.pos),
                    format!("at least one <item> in discrete issue `{name}`"),
                    "none",
                    "list the issue's options as <item index=\"1\" value=\"…\"/>",
                ));
            }
            DomKind::Discrete { labels }
        }
        "integer" => {
            let (l, u, bpos) = bounds.ok_or_else(|| {
                src.invalid(
                    Some(el.pos),
                    format!("lowerbound and upperbound for integer issue `{name}`"),
                    "none",
                    "write <issue … type=\"integer\" lowerbound=\"0\" upperbound=\"10\">",
                )
            })?;
            let (Some(lb), Some(ub)) = (parse_int(l), parse_int(u)) else {
                return Err(src.invalid(
                    Some(bpos),
                    format!("integer bounds for issue `{name}`"),
                    format!("lowerbound=\"{l}\" upperbound=\"{u}\""),
                    "integer issue bounds are whole numbers",
                ));
            };
            if lb > ub {
                return Err(src.invalid(
                    Some(bpos),
                    format!("lowerbound ≤ upperbound for issue `{name}`"),
                    format!("{} > {}", fmt_num(lb as f64), fmt_num(ub as f64)),
                    "swap the bounds",
                ));
            }
            let count = (ub as i128 - lb as i128 + 1) as u128;
            if count > MAX_NUMERIC_OPTIONS as u128 {
                return Err(src.too_large(Some(el.pos), &name, count));
            }
            DomKind::Integer { lb, ub }
        }
        _ => {
            let (l, u, bpos) = bounds.ok_or_else(|| {
                src.invalid(
                    Some(el.pos),
                    format!("a <range lowerbound upperbound> for real issue `{name}`"),
                    "none",
                    "write <range lowerbound=\"10.0\" upperbound=\"40.0\"/> inside the issue",
                )
            })?;
            let (Some(lb), Some(ub)) = (parse_f64(l), parse_f64(u)) else {
                return Err(src.invalid(
                    Some(bpos),
                    format!("numeric bounds for issue `{name}`"),
                    format!("lowerbound=\"{l}\" upperbound=\"{u}\""),
                    "real issue bounds are decimal numbers",
                ));
            };
            if lb > ub {
                return Err(src.invalid(
                    Some(bpos),
                    format!("lowerbound ≤ upperbound for issue `{name}`"),
                    format!("{} > {}", fmt_num(lb), fmt_num(ub)),
                    "swap the bounds",
                ));
            }
            if opts.real_steps as u128 + 1 > MAX_NUMERIC_OPTIONS as u128 {
                return Err(src.too_large(Some(el.pos), &name, opts.real_steps as u128 + 1));
            }
            if !(ub - lb).is_finite() || !distinct_grid(&real_grid(lb, ub, opts.real_steps)) {
                return Err(src.invalid(
                    Some(bpos),
                    format!(
                        "bounds whose {} equal steps give distinct, finite points at 12 \
                         significant digits, for issue `{name}`",
                        opts.real_steps
                    ),
                    format!("lowerbound=\"{l}\" upperbound=\"{u}\""),
                    "narrow or widen the range, or import with fewer --real-steps",
                ));
            }
            DomKind::Real { lb, ub }
        }
    };
    Ok((index, name, kind))
}

/// The accord issue for a domain issue (id filled in by the caller).
fn build_issue(name: &str, kind: &DomKind, steps: usize, used_ids: &mut HashSet<String>) -> Issue {
    let id = unique(sanitize(name), used_ids);
    match kind {
        DomKind::Discrete { labels } => {
            let mut used = HashSet::new();
            let options = labels
                .iter()
                .map(|l| OptionDef {
                    id: unique(sanitize(l), &mut used),
                    label: l.clone(),
                    description: None,
                    position: None,
                    value: None,
                })
                .collect();
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind: IssueKind::Discrete,
                options,
                cost: None,
                owner: None,
            }
        }
        DomKind::Integer { lb, ub } => Issue {
            id,
            name: name.to_string(),
            description: None,
            kind: IssueKind::Integer {
                min: *lb,
                max: *ub,
                step: 1,
                unit: None,
            },
            options: (*lb..=*ub)
                .map(|x| OptionDef {
                    id: x.to_string(),
                    label: x.to_string(),
                    description: None,
                    position: None,
                    value: Some(x as f64),
                })
                .collect(),
            cost: None,
            owner: None,
        },
        DomKind::Real { lb, ub } => {
            let grid = real_grid(*lb, *ub, steps);
            let mut used = HashSet::new();
            let options = grid
                .iter()
                .map(|&x| {
                    let s = fmt_num(x);
                    OptionDef {
                        id: unique(s.clone(), &mut used),
                        label: s,
                        description: None,
                        position: None,
                        value: Some(x),
                    }
                })
                .collect();
            let step = if ub > lb {
                (ub - lb) / steps as f64
            } else {
                1.0
            };
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind: IssueKind::Real {
                    min: *lb,
                    max: *ub,
                    step,
                    unit: None,
                },
                options,
                cost: None,
                owner: None,
            }
        }
    }
}

/// `steps + 1` equally spaced points from `lb` to `ub` (one point when they are
/// equal), rounded to 12 significant digits.
fn real_grid(lb: f64, ub: f64, steps: usize) -> Vec<f64> {
    if ub <= lb || steps == 0 {
        return vec![round12(lb)];
    }
    (0..=steps)
        .map(|k| {
            if k == steps {
                round12(ub)
            } else {
                round12(lb + (ub - lb) * (k as f64 / steps as f64))
            }
        })
        .collect()
}

pub(super) struct Domain {
    /// Objective name (None when absent or the placeholder `root`).
    pub(super) name: Option<String>,
    pub(super) issues: Vec<DomIssue>,
    /// What the import reads differently from the file's apparent meaning,
    /// located.
    pub(super) warnings: Vec<String>,
}

pub(super) fn parse_domain(src: &FileText, opts: &ImportOptions) -> Result<Domain, Error> {
    let root = parse_xml(src)?;
    let us = utility_space(src, &root)?;
    let obj = objective(src, us)?;
    let mut issues: Vec<DomIssue> = Vec::new();
    let mut warnings = Vec::new();
    let mut used_ids = super::ids::issue_ids();
    for (k, el) in obj.children_named("issue").enumerate() {
        let (index, name, kind) = read_domain_issue(src, el, k, opts)?;
        if issues.iter().any(|i| i.index == index) {
            return Err(src.invalid(
                Some(el.pos),
                "distinct issue indices",
                format!("index {index} twice"),
                "number the issues 1, 2, …",
            ));
        }
        let issue = build_issue(&name, &kind, opts.real_steps, &mut used_ids);
        if let DomKind::Real { lb, ub } = kind {
            if ub > lb {
                warnings.push(format!(
                    "{}: issue `{name}` is continuous in Genius (a real number in [{lb}, {ub}]); \
                     accord analyses it at {} equally spaced points (--real-steps {}): \
                     exact on that grid, not between its points",
                    src.at(el.pos),
                    opts.real_steps + 1,
                    opts.real_steps
                ));
            }
        }
        issues.push(DomIssue {
            index,
            name,
            kind,
            issue,
        });
    }
    if issues.is_empty() {
        return Err(src.invalid(
            Some(obj.pos),
            "at least one <issue> in the domain's objective",
            "none",
            "is this a domain file? Give the domain first, then the profiles",
        ));
    }
    let name = obj
        .attr("name")
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "root")
        .map(str::to_string);
    Ok(Domain {
        name,
        issues,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_and_formatting() {
        assert_eq!(real_grid(10.0, 40.0, 3), vec![10.0, 20.0, 30.0, 40.0]);
        assert_eq!(fmt_num(round12(1.0 / 3.0)), "0.333333333333");
        assert_eq!(fmt_num(round12(0.1 + 0.2)), "0.3");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(real_grid(5.0, 5.0, 10), vec![5.0]);
    }
}
