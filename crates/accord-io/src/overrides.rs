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
use accord_core::model::{
    apply,
    distribution::{Input, Target},
};

use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::scenario::hint::did_you_mean;

/// Applies `--set` overrides in order.
///
/// # Errors
///
/// [`Error::Input`] with one located error per bad override.
pub fn apply_overrides(s: &mut Scenario, sets: &[String]) -> Result<(), Error> {
    let mut errors = Vec::new();
    for arg in sets {
        if let Err(e) = apply_one(s, arg) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(errors))
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
    let path = &arg[..eq];
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
            _ if raw.contains('(') => Err(err(
                value_span.clone(),
                format!("`{raw}` is neither a number nor a known distribution"),
                "the distributions are uniform, triangular, normal, beta and choice, e.g. uniform(0.3,0.5)",
            )),
            _ => Err(err(
                value_span.clone(),
                format!("expected a number for {what}, found `{raw}`"),
                "write a plain number such as 0.5",
            )),
        }
    };
    // Ids may contain dots: the head is the longest party id, issue id or
    // `mediation` that the path starts with, followed by a dot.
    let longest = |rest: &str, ids: &mut dyn Iterator<Item = &str>| -> Option<usize> {
        ids.filter(|id| {
            rest.len() > id.len() && rest.starts_with(id) && rest.as_bytes()[id.len()] == b'.'
        })
        .map(str::len)
        .max()
    };
    let party_len = longest(path, &mut s.parties.iter().map(|p| p.id.as_str()));
    let issue_len = longest(path, &mut s.issues.iter().map(|i| i.id.as_str()));
    let med_len = longest(path, &mut std::iter::once("mediation"));
    let head_len = [party_len, issue_len, med_len].into_iter().flatten().max();
    let Some(head_len) = head_len else {
        let first = path.split('.').next().unwrap_or(path);
        let names = s
            .parties
            .iter()
            .map(|p| p.id.as_str())
            .chain(s.issues.iter().map(|i| i.id.as_str()))
            .chain(["mediation"]);
        return Err(err(
            0..first.len(),
            format!("`{first}` is neither a party, an issue nor `mediation`"),
            &did_you_mean(first, names, "parties and issues"),
        ));
    };
    let head = &path[..head_len];
    let rest = &path[head_len + 1..];
    let rest_at = head_len + 1;
    let bad_path = |expected: &str| {
        err(
            rest_at..eq,
            format!("`{path}` is not a setting accord knows"),
            expected,
        )
    };
    // The issue id that `text` starts with followed by `.`, or that `text` is.
    let issue_in = |text: &str, at: usize, whole: bool| -> Result<(usize, usize), InputError> {
        let found = s
            .issues
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                if whole {
                    text == i.id
                } else {
                    text.len() > i.id.len()
                        && text.starts_with(i.id.as_str())
                        && text.as_bytes()[i.id.len()] == b'.'
                }
            })
            .max_by_key(|(_, i)| i.id.len());
        match found {
            Some((k, i)) => Ok((k, i.id.len())),
            None => {
                let guess = if whole {
                    text
                } else {
                    text.split('.').next().unwrap_or(text)
                };
                Err(err(
                    at..at + guess.len(),
                    format!("unknown issue `{guess}`"),
                    &did_you_mean(guess, s.issues.iter().map(|i| i.id.as_str()), "issues"),
                ))
            }
        }
    };
    let option_of = |i: usize, text: &str, at: usize| -> Result<usize, InputError> {
        s.issues[i].option_index(text).ok_or_else(|| {
            err(
                at..at + text.len(),
                format!("issue `{}` has no option `{text}`", s.issues[i].id),
                &did_you_mean(
                    text,
                    s.issues[i].options.iter().map(|o| o.id.as_str()),
                    "options",
                ),
            )
        })
    };
    // Resolve the path to a target, its allowed range and a description.
    let (target, lo, hi, what): (Target, f64, f64, &str) = if Some(head_len) == med_len {
        if rest == "budget" {
            (Target::Budget, 0.0, f64::INFINITY, "the budget")
        } else {
            return Err(bad_path("the only mediation setting is mediation.budget"));
        }
    } else if Some(head_len) == party_len {
        let p = s.party_index(head).expect("a party id");
        match rest {
            "reservation" => (Target::Reservation(p), 0.0, 1.0, "a reservation value"),
            "ratification" => (Target::Ratification(p), 0.0, 1.0, "a ratification threshold"),
            "veto" => {
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
            "pressure.max" => (Target::PressureMax(p), 0.0, 1.0, "the largest pressure"),
            "pressure.cost" => (Target::PressureCost(p), 0.0, f64::INFINITY, "the cost of pressure"),
            _ if rest.starts_with("weights.") || rest.starts_with("raw_weights.") => {
                let rawform = rest.starts_with("raw_weights.");
                let skip = if rawform { 12 } else { 8 };
                let (i, _) = issue_in(&rest[skip..], rest_at + skip, true)?;
                let prefs = &s.preferences[p];
                if prefs.weights[i] <= 0.0 && prefs.values[i].iter().all(|v| *v == 0.0) {
                    return Err(err(
                        rest_at + skip..eq,
                        format!("`{head}` gives no values for issue `{}`, so it cannot weigh it", s.issues[i].id),
                        &format!("set its values first: --set {head}.values.{}.OPTION=VALUE", s.issues[i].id),
                    ));
                }
                if rawform {
                    // Relative to the file's raw weights (the normalised ones
                    // when the file's are not kept); the others stay.
                    let w = s.preferences[p].weights.clone();
                    let slot = &mut s.uncertainty.raw_weights;
                    if slot.len() < s.parties.len() {
                        slot.resize(s.parties.len(), None);
                    }
                    if slot[p].is_none() {
                        slot[p] = Some(w);
                    }
                    (Target::Weight(p, i), 0.0, f64::INFINITY, "a raw weight")
                } else {
                    let rest_w: f64 = (0..s.issues.len())
                        .filter(|&k| k != i)
                        .map(|k| s.preferences[p].weights[k])
                        .sum();
                    if rest_w <= 0.0 {
                        return Err(err(
                            rest_at + skip..eq,
                            format!(
                                "`{head}` weighs no other issue, so its weight of `{}` must stay 1",
                                s.issues[i].id
                            ),
                            "",
                        ));
                    }
                    (Target::NormWeight(p, i), 0.0, 1.0, "a normalised weight")
                }
            }
            _ if rest.starts_with("values.") => {
                let (i, len) = issue_in(&rest[7..], rest_at + 7, false)?;
                let o_at = rest_at + 7 + len + 1;
                let o = option_of(i, &rest[7 + len + 1..], o_at)?;
                (Target::Value(p, i, o), 0.0, 1.0, "a value")
            }
            _ if rest.starts_with("interactions.") && rest.ends_with(".bonus") => {
                let k_text = &rest[13..rest.len() - 6];
                let n = s.preferences[p].interactions.len();
                match k_text.parse::<usize>() {
                    Ok(k) if k < n => (Target::Bonus(p, k), -1.0, 1.0, "an interaction bonus"),
                    _ => {
                        return Err(err(
                            rest_at + 13..rest_at + 13 + k_text.len(),
                            format!("`{head}` has no interaction #{k_text} (it has {n}, numbered from 0)"),
                            "",
                        ))
                    }
                }
            }
            _ => {
                return Err(bad_path(
                    "party settings: reservation, ratification, veto, pressure.max, pressure.cost, weights.ISSUE, raw_weights.ISSUE, values.ISSUE.OPTION, interactions.K.bonus",
                ))
            }
        }
    } else {
        let i = s.issue_index(head).expect("an issue id");
        match rest.strip_prefix("cost.") {
            Some(o_text) => {
                let o = option_of(i, o_text, rest_at + 5)?;
                (Target::Cost(i, o), 0.0, f64::INFINITY, "a cost")
            }
            None => return Err(bad_path("the issue setting is ISSUE.cost.OPTION")),
        }
    };
    let label = arg[..eq].trim().to_string();
    // A later --set on the same number replaces any distribution on it; a
    // normalised weight also replaces the distributions on the party's raw
    // weights, and a plain normalised weight every weight distribution of
    // the party (the others are rescaled around it).
    let plain = !crate::dist::looks_like(raw);
    let replaced = |t: &Target| match (t, &target) {
        (Target::Weight(p, _), Target::NormWeight(q, _)) => p == q,
        (Target::NormWeight(p, _), Target::NormWeight(q, _)) if plain => p == q,
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
