//! Writing a scenario as a TOML scenario file (the format of
//! `docs/scenario-format.md`), e.g. after a Genius import.

use std::fmt::Write as _;

use accord_core::model::{Condition, IssueKind, Scenario};

use crate::scenario::number::format_number;

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        s.to_string()
    } else {
        q(s)
    }
}

/// Shortest text that reads back as the same f64.
fn f(x: f64) -> String {
    let s = format!("{x:?}");
    if s.contains('e') && !s.contains('.') {
        s.replacen('e', ".0e", 1)
    } else {
        s
    }
}

fn option_text(s: &Scenario, i: usize, o: usize) -> String {
    let issue = &s.issues[i];
    match issue.options[o].value {
        Some(x) if issue.kind.is_numeric() => format_number(x),
        _ => q(&issue.options[o].id),
    }
}

fn condition(s: &Scenario, c: &Condition) -> String {
    let parts: Vec<String> = c
        .clauses
        .iter()
        .map(|(i, opts)| {
            let v = if opts.len() == 1 {
                option_text(s, *i, opts[0])
            } else {
                format!(
                    "[{}]",
                    opts.iter()
                        .map(|&o| option_text(s, *i, o))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!("{} = {}", key(&s.issues[*i].id), v)
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// A value or cost table over an issue's options: piecewise-linear points
/// for numeric issues, `{ option = number, ... }` for discrete ones.
fn table(issue: &accord_core::model::Issue, v: &[f64]) -> String {
    if issue.kind.is_numeric() {
        let pts: Vec<String> = issue
            .options
            .iter()
            .enumerate()
            .map(|(o, od)| format!("[{}, {}]", f(od.value.unwrap_or(0.0)), f(v[o])))
            .collect();
        format!("[{}]", pts.join(", "))
    } else {
        let kv: Vec<String> = issue
            .options
            .iter()
            .enumerate()
            .map(|(o, od)| format!("{} = {}", key(&od.id), f(v[o])))
            .collect();
        format!("{{ {} }}", kv.join(", "))
    }
}

/// The scenario as TOML text. Reading it back gives the same scenario (same
/// utilities for every package), with weights written already normalised.
pub fn scenario_toml(s: &Scenario, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    if !header.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "[scenario]\nname = {}", q(&s.name));
    if let Some(d) = &s.description {
        let _ = writeln!(out, "description = {}", q(d));
    }
    if s.tolerance != accord_core::model::DEFAULT_TOLERANCE {
        let _ = writeln!(out, "tolerance = {}", f(s.tolerance));
    }
    if s.budget.is_some() || s.cost_unit.is_some() {
        let _ = writeln!(out, "\n[mediation]");
        if let Some(b) = s.budget {
            let _ = writeln!(out, "budget = {}", f(b));
        }
        if let Some(u) = &s.cost_unit {
            let _ = writeln!(out, "unit = {}", q(u));
        }
    }
    for p in &s.parties {
        let _ = writeln!(
            out,
            "\n[[parties]]\nid = {}\nname = {}\nrole = {}\nveto = {}\nreservation = {}",
            q(&p.id),
            q(&p.name),
            q(p.role.as_str()),
            p.veto,
            f(p.reservation)
        );
        if let Some(t) = p.ratification {
            if p.imposed > 0.0 {
                let _ = writeln!(
                    out,
                    "ratification = {{ threshold = {}, imposed = {} }}",
                    f(t),
                    f(p.imposed)
                );
            } else {
                let _ = writeln!(out, "ratification = {}", f(t));
            }
        }
        if let Some(pr) = p.pressure {
            let _ = writeln!(
                out,
                "pressure = {{ max = {}, cost = {} }}",
                f(pr.max),
                f(pr.cost)
            );
        }
        if let Some(n) = &p.notes {
            let _ = writeln!(out, "notes = {}", q(n));
        }
        if !p.metadata.is_empty() {
            let kv: Vec<String> = p
                .metadata
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), q(v)))
                .collect();
            let _ = writeln!(out, "metadata = {{ {} }}", kv.join(", "));
        }
    }
    for issue in &s.issues {
        let _ = writeln!(
            out,
            "\n[[issues]]\nid = {}\nname = {}",
            q(&issue.id),
            q(&issue.name)
        );
        if let Some(d) = &issue.description {
            let _ = writeln!(out, "description = {}", q(d));
        }
        if let Some(c) = &issue.cost {
            let _ = writeln!(out, "cost = {}", table(issue, c));
        }
        if let Some(w) = issue.owner {
            let _ = writeln!(
                out,
                "owner = {}\nstatus_quo = {}",
                q(&s.parties[w.party].id),
                q(&issue.options[w.status_quo].id)
            );
        }
        match &issue.kind {
            IssueKind::Discrete => {
                let _ = writeln!(out, "options = [");
                for o in &issue.options {
                    let mut fields = vec![format!("id = {}", q(&o.id))];
                    if o.label != o.id {
                        fields.push(format!("label = {}", q(&o.label)));
                    }
                    if let Some(d) = &o.description {
                        fields.push(format!("description = {}", q(d)));
                    }
                    if let Some(p) = o.position {
                        fields.push(format!("position = {}", f(p)));
                    }
                    let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
                }
                let _ = writeln!(out, "]");
            }
            IssueKind::Integer {
                min,
                max,
                step,
                unit,
            } => {
                let _ = writeln!(
                    out,
                    "type = \"integer\"\nmin = {min}\nmax = {max}\nstep = {step}"
                );
                if let Some(u) = unit {
                    let _ = writeln!(out, "unit = {}", q(u));
                }
            }
            IssueKind::Real {
                min,
                max,
                step,
                unit,
            } => {
                let _ = writeln!(
                    out,
                    "type = \"real\"\nmin = {}\nmax = {}\nstep = {}",
                    f(*min),
                    f(*max),
                    f(*step)
                );
                if let Some(u) = unit {
                    let _ = writeln!(out, "unit = {}", q(u));
                }
            }
        }
    }
    for (p, prefs) in s.preferences.iter().enumerate() {
        let pid = key(&s.parties[p].id);
        let _ = writeln!(out, "\n[preferences.{pid}]");
        let w: Vec<String> = prefs
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0.0)
            .map(|(i, w)| format!("{} = {}", key(&s.issues[i].id), f(*w)))
            .collect();
        let _ = writeln!(out, "weights = {{ {} }}", w.join(", "));
        if prefs.capped {
            let _ = writeln!(out, "capped = true");
        }
        let _ = writeln!(out, "\n[preferences.{pid}.values]");
        for (i, issue) in s.issues.iter().enumerate() {
            if prefs.weights[i] <= 0.0 {
                continue;
            }
            let _ = writeln!(
                out,
                "{} = {}",
                key(&issue.id),
                table(issue, &prefs.values[i])
            );
        }
        for r in &prefs.red_lines {
            let _ = writeln!(
                out,
                "\n[[preferences.{pid}.red_lines]]\nwhen = {}",
                condition(s, &r.condition)
            );
            if let Some(reason) = &r.reason {
                let _ = writeln!(out, "reason = {}", q(reason));
            }
        }
        for it in &prefs.interactions {
            let _ = writeln!(
                out,
                "\n[[preferences.{pid}.interactions]]\nwhen = {}\nbonus = {}",
                condition(s, &it.condition),
                f(it.bonus)
            );
            if let Some(reason) = &it.reason {
                let _ = writeln!(out, "reason = {}", q(reason));
            }
        }
    }
    for d in &s.deals {
        out.push('\n');
        out.push_str(&deal_toml(s, d));
    }
    for o in &s.observations {
        let _ = writeln!(
            out,
            "\n[[observations]]\nparty = {}",
            q(&s.parties[o.party].id)
        );
        match &o.deal {
            Some(id)
                if s.deals
                    .iter()
                    .any(|d| &d.id == id && d.package == o.package) =>
            {
                let _ = writeln!(out, "deal = {}", q(id));
            }
            _ => {
                let kv: Vec<String> = o
                    .package
                    .iter()
                    .enumerate()
                    .map(|(i, &x)| format!("{} = {}", key(&s.issues[i].id), option_text(s, i, x)))
                    .collect();
                let _ = writeln!(out, "deal = {{ {} }}", kv.join(", "));
            }
        }
        let response = match o.response {
            accord_core::model::Response::Accepts => "accepts",
            accord_core::model::Response::Rejects => "rejects",
        };
        let _ = writeln!(out, "response = {}", q(response));
        if let Some(x) = &o.source {
            let _ = writeln!(out, "source = {}", q(x));
        }
        if let Some(x) = &o.date {
            let _ = writeln!(out, "date = {}", q(x));
        }
    }
    out
}

/// One deal as a `[[deals]]` table of a TOML scenario (ending in a newline).
pub fn deal_toml(s: &Scenario, d: &accord_core::model::Deal) -> String {
    let mut out = format!("[[deals]]\nid = {}\nname = {}\n", q(&d.id), q(&d.name));
    if let Some(desc) = &d.description {
        let _ = writeln!(out, "description = {}", q(desc));
    }
    let kv: Vec<String> = d
        .package
        .iter()
        .enumerate()
        .map(|(i, &o)| format!("{} = {}", key(&s.issues[i].id), option_text(s, i, o)))
        .collect();
    let _ = writeln!(out, "package = {{ {} }}", kv.join(", "));
    out
}
