//! Command-line overrides: `--set PATH=VALUE` changes one number of a loaded
//! scenario, for sensitivity runs without editing the file.
//!
//! Paths (ids as in the scenario):
//! - `PARTY.reservation`, `PARTY.ratification`, `PARTY.pressure.max`,
//!   `PARTY.pressure.cost`, `PARTY.veto` (`true`/`false`)
//! - `PARTY.weights.ISSUE`: the party's *normalised* weight of the issue;
//!   the other weights are rescaled so that all still sum to 1
//! - `PARTY.values.ISSUE.OPTION`: the party's value of an option
//! - `ISSUE.cost.OPTION`: the mediator's cost of an option
//! - `mediation.budget`
//!
//! Each override is checked like the file (ranges, ids with "did you mean");
//! errors point into the argument.

// Errors are built once per bad argument, on the way out: their size does
// not matter, and boxing them would only add noise.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use accord_core::model::Scenario;
use accord_core::uncertainty::{apply, Input, Target};

use crate::diagnostic::{InputError, LoadError, SourceText};
use crate::scenario::did_you_mean;

/// Applies `--set` overrides in order.
///
/// # Errors
///
/// [`LoadError::Input`] with one located error per bad override.
pub fn apply_overrides(s: &mut Scenario, sets: &[String]) -> Result<(), LoadError> {
    let mut errors = Vec::new();
    for arg in sets {
        if let Err(e) = apply_one(s, arg) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LoadError::Input(errors))
    }
}

fn apply_one(s: &mut Scenario, arg: &str) -> Result<(), InputError> {
    let src = SourceText::new("--set", arg.to_string());
    let err = |span: Range<usize>, message: String, help: &str| InputError {
        source: src.clone(),
        span,
        message,
        label: "here".into(),
        help: (!help.is_empty()).then(|| help.to_string()),
    };
    let Some(eq) = arg.find('=') else {
        return Err(err(
            0..arg.len(),
            format!("`{arg}` is not of the form PATH=VALUE"),
            "e.g. --set ukraine.reservation=0.4 (see docs/cli.md, \"Overrides\")",
        ));
    };
    let value_span = eq + 1..arg.len();
    let raw = arg[eq + 1..].trim();
    // Path segments with their spans.
    let mut segs: Vec<(&str, Range<usize>)> = Vec::new();
    let mut pos = 0;
    for part in arg[..eq].split('.') {
        segs.push((part.trim(), pos..pos + part.len()));
        pos += part.len() + 1;
    }
    let number = |lo: f64, hi: f64, what: &str| -> Result<f64, InputError> {
        match raw.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= lo && x <= hi => Ok(x),
            Ok(x) if x.is_finite() => Err(err(
                value_span.clone(),
                format!("{what} is {x}, outside [{lo}, {hi}]"),
                if hi <= 1.0 {
                    "utilities, weights and thresholds live on the 0–1 scale"
                } else {
                    "costs and budgets are 0 or more"
                },
            )),
            _ => Err(err(
                value_span.clone(),
                format!("expected a number for {what}, found `{raw}`"),
                "write a plain number such as 0.5",
            )),
        }
    };
    let bad_path = |k: usize, expected: &str| {
        let span = segs.get(k).map_or(0..eq, |(_, sp)| sp.clone());
        err(
            span,
            format!("`{}` is not a setting accord knows", &arg[..eq]),
            expected,
        )
    };
    let (head, head_span) = segs[0].clone();
    // Resolve the path to a target, its allowed range and a description.
    let (target, lo, hi, what): (Target, f64, f64, &str) = if head == "mediation" {
        if segs.len() == 2 && segs[1].0 == "budget" {
            (Target::Budget, 0.0, f64::INFINITY, "the budget")
        } else {
            return Err(bad_path(
                1,
                "the only mediation setting is mediation.budget",
            ));
        }
    } else if let Some(p) = s.party_index(head) {
        let field = segs.get(1).map(|x| x.0).unwrap_or("");
        match (field, segs.len()) {
            ("reservation", 2) => (Target::Reservation(p), 0.0, 1.0, "a reservation value"),
            ("ratification", 2) => (Target::Ratification(p), 0.0, 1.0, "a ratification threshold"),
            ("veto", 2) => {
                s.parties[p].veto = match raw {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(err(
                            value_span,
                            format!("expected true or false, found `{raw}`"),
                            "",
                        ))
                    }
                };
                return Ok(());
            }
            ("pressure", 3) if segs[2].0 == "max" => {
                (Target::PressureMax(p), 0.0, 1.0, "the largest pressure")
            }
            ("pressure", 3) if segs[2].0 == "cost" => {
                (Target::PressureCost(p), 0.0, f64::INFINITY, "the cost of pressure")
            }
            ("weights", 3) => {
                let i = issue(s, &segs[2], &err)?;
                let rest: f64 = (0..s.issues.len())
                    .filter(|&k| k != i)
                    .map(|k| s.preferences[p].weights[k])
                    .sum();
                if rest <= 0.0 {
                    return Err(err(
                        segs[2].1.clone(),
                        format!(
                            "`{head}` weighs no other issue, so its weight of `{}` must stay 1",
                            segs[2].0
                        ),
                        "",
                    ));
                }
                (Target::NormWeight(p, i), 0.0, 1.0, "a normalised weight")
            }
            ("values", 4) => {
                let i = issue(s, &segs[2], &err)?;
                let o = option(s, i, &segs[3], &err)?;
                (Target::Value(p, i, o), 0.0, 1.0, "a value")
            }
            _ => {
                return Err(bad_path(
                    1,
                    "party settings: reservation, ratification, veto, pressure.max, pressure.cost, weights.ISSUE, values.ISSUE.OPTION",
                ))
            }
        }
    } else if let Some(i) = s.issue_index(head) {
        if segs.len() == 3 && segs[1].0 == "cost" {
            let o = option(s, i, &segs[2], &err)?;
            (Target::Cost(i, o), 0.0, f64::INFINITY, "a cost")
        } else {
            return Err(bad_path(1, "the issue setting is ISSUE.cost.OPTION"));
        }
    } else {
        let names = s
            .parties
            .iter()
            .map(|p| p.id.as_str())
            .chain(s.issues.iter().map(|i| i.id.as_str()))
            .chain(["mediation"]);
        return Err(err(
            head_span,
            format!("`{head}` is neither a party, an issue nor `mediation`"),
            &did_you_mean(head, names, "parties and issues"),
        ));
    };
    let label = arg[..eq].trim().to_string();
    // A later --set on the same number replaces any distribution on it.
    let replaced = |t: &Target| match (t, &target) {
        (Target::Weight(p, _), Target::NormWeight(q, _)) => p == q,
        (a, b) => a == b,
    };
    if crate::dist::looks_like(raw) {
        let (dist, factor) = crate::dist::parse(raw, lo, hi).map_err(|m| {
            err(
                value_span.clone(),
                format!("{what}: {m}"),
                "e.g. uniform(0.3,0.5) or triangular(0.4,0.55,0.7)@factor (docs/scenario-format.md, \"Uncertainty\")",
            )
        })?;
        s.uncertainty.inputs.retain(|x| !replaced(&x.target));
        apply(s, target, dist.mean());
        s.uncertainty.set(Input {
            target,
            dist,
            factor,
            label,
        });
    } else {
        let x = number(lo, hi, what)?;
        s.uncertainty.inputs.retain(|x| !replaced(&x.target));
        apply(s, target, x);
    }
    Ok(())
}

fn issue(
    s: &Scenario,
    seg: &(&str, Range<usize>),
    err: &dyn Fn(Range<usize>, String, &str) -> InputError,
) -> Result<usize, InputError> {
    s.issue_index(seg.0).ok_or_else(|| {
        err(
            seg.1.clone(),
            format!("unknown issue `{}`", seg.0),
            &did_you_mean(seg.0, s.issues.iter().map(|i| i.id.as_str()), "issues"),
        )
    })
}

fn option(
    s: &Scenario,
    i: usize,
    seg: &(&str, Range<usize>),
    err: &dyn Fn(Range<usize>, String, &str) -> InputError,
) -> Result<usize, InputError> {
    s.issues[i].option_index(seg.0).ok_or_else(|| {
        err(
            seg.1.clone(),
            format!("issue `{}` has no option `{}`", s.issues[i].id, seg.0),
            &did_you_mean(
                seg.0,
                s.issues[i].options.iter().map(|o| o.id.as_str()),
                "options",
            ),
        )
    })
}
