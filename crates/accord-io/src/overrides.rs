//! Command-line overrides: `--set PATH=VALUE` changes one number of a loaded
//! scenario, for sensitivity runs without editing the file.
//!
//! Paths (ids as in the scenario):
//! - `PARTY.reservation`, `PARTY.ratification` (also
//!   `PARTY.ratification.threshold`), `PARTY.ratification.imposed`,
//!   `PARTY.pressure.max`,
//!   `PARTY.pressure.cost`, `PARTY.veto` (`true`/`false`)
//! - `PARTY.weights.ISSUE`: the party's *normalised* weight of the issue;
//!   the other weights are rescaled so that all still sum to 1
//! - `PARTY.values.ISSUE.OPTION`: the party's value of an option
//! - `ISSUE.cost.OPTION`: the mediator's cost of an option
//! - `mediation.budget`
//! - `ISSUE.owner` (a party id, or `none`) and `ISSUE.status_quo` (an
//!   option): who must deliver the issue ("Who must deliver",
//!   `docs/definitions.md`); an issue given an owner needs a status quo,
//!   from the file or from the same command line
//!
//! and two structural what-ifs, whose value is `off`:
//!
//! - `PARTY.red_lines.N`: the party's N-th red line (from 1, as `accord
//!   check` lists them) is removed;
//! - `ISSUE.options.OPTION`: the option is removed from the issue, with
//!   everything that refers to it ([`edit::remove_options`]).
//!
//! Each override is checked like the file (ranges, ids with "did you mean");
//! errors point into the argument. Structural changes are made after every
//! other override, all at once, so that they are numbered as in the file:
//! `red_lines.1=off` and `red_lines.2=off` remove the file's first and
//! second red line, whichever is named first, and other overrides name
//! options and interactions as the file does.

// Errors are built once per bad argument, on the way out: their size does
// not matter, and boxing them would only add noise.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use accord_core::model::edit::{self, DroppedDeal};
use accord_core::model::Scenario;
use accord_core::model::{
    apply,
    distribution::{Input, Target},
};

use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::scenario::hint::did_you_mean;

/// What overrides changed beyond what they name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applied {
    /// The deals on file that took a removed option, and so were dropped
    /// (`ISSUE.options.OPTION=off`); their issue index is the scenario's.
    pub dropped_deals: Vec<DroppedDeal>,
}

/// The structural changes named so far, numbered as in the file.
#[derive(Default)]
struct Structural {
    /// (party, red line index from 0).
    red_lines: Vec<(usize, usize)>,
    /// (issue, option index).
    options: Vec<(usize, usize)>,
    /// (issue, new owner or none, the argument), in command-line order.
    owners: Vec<(usize, Option<usize>, String)>,
    /// (issue, new status quo, the argument), in command-line order.
    status_quo: Vec<(usize, usize, String)>,
}

/// Applies `--set` overrides: numbers in order, then the structural
/// changes all at once (see the module's documentation).
///
/// # Errors
///
/// [`Error::Input`] with one located error per bad override.
pub fn apply_overrides(s: &mut Scenario, sets: &[String]) -> Result<Applied, Error> {
    let mut errors = Vec::new();
    let mut structural = Structural::default();
    for arg in sets {
        if let Err(e) = apply_one(s, arg, &mut structural) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        errors.extend(set_owners(s, &structural));
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    edit::remove_red_lines(s, &structural.red_lines);
    let removed = edit::remove_options(s, &structural.options);
    Ok(Applied {
        dropped_deals: removed.deals,
    })
}

/// Applies the `ISSUE.owner` and `ISSUE.status_quo` overrides (the last of
/// each per issue wins), with an error for an owner left without a status
/// quo, a status quo without an owner, or a status quo switched off.
fn set_owners(s: &mut Scenario, st: &Structural) -> Vec<InputError> {
    let located = |arg: &str, message: String, help: String| {
        let eq = arg.find('=').map_or(0, |e| e + 1);
        InputError {
            source: SourceText::new("--set", arg.to_string()),
            span: eq..arg.len(),
            message,
            label: "here".into(),
            help: Some(help),
        }
    };
    let mut errors = Vec::new();
    let mut issues: Vec<usize> = st
        .owners
        .iter()
        .map(|x| x.0)
        .chain(st.status_quo.iter().map(|x| x.0))
        .collect();
    issues.sort_unstable();
    issues.dedup();
    for i in issues {
        let id = s.issues[i].id.clone();
        let owner = st.owners.iter().rev().find(|x| x.0 == i);
        let quo = st.status_quo.iter().rev().find(|x| x.0 == i);
        let party = match owner {
            Some(x) => x.1,
            None => s.issues[i].owner.map(|w| w.party),
        };
        let status = quo
            .map(|x| x.1)
            .or_else(|| s.issues[i].owner.map(|w| w.status_quo));
        match (party, status) {
            (Some(party), Some(status_quo)) => {
                if st.options.contains(&(i, status_quo)) {
                    let arg =
                        quo.map_or_else(|| owner.map_or("", |x| x.2.as_str()), |x| x.2.as_str());
                    errors.push(located(
                        arg,
                        format!("the status quo of issue `{id}` is switched off"),
                        "an owned issue keeps its status quo; choose another with ISSUE.status_quo=OPTION".into(),
                    ));
                    continue;
                }
                s.issues[i].owner = Some(accord_core::model::Owner { party, status_quo });
            }
            (Some(_), None) => errors.push(located(
                owner.map_or("", |x| x.2.as_str()),
                format!("issue `{id}` has no status quo for its owner"),
                format!("name the option it takes without a deal: --set {id}.status_quo=OPTION"),
            )),
            (None, Some(_)) if quo.is_some() => errors.push(located(
                quo.map_or("", |x| x.2.as_str()),
                format!("issue `{id}` has no owner, so a status quo means nothing"),
                format!("name who must deliver it: --set {id}.owner=PARTY"),
            )),
            (None, _) => s.issues[i].owner = None,
        }
    }
    errors
}

fn apply_one(s: &mut Scenario, arg: &str, structural: &mut Structural) -> Result<(), InputError> {
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
    // A structural what-if takes the value `off` and nothing else.
    let off = |example: &str| -> Result<(), InputError> {
        if raw == "off" {
            Ok(())
        } else {
            Err(err(
                value_span.clone(),
                format!("expected `off`, found `{raw}`"),
                &format!("this setting can only be switched off: --set {example}=off"),
            ))
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
            "ratification" | "ratification.threshold" => {
                (Target::Ratification(p), 0.0, 1.0, "a ratification threshold")
            }
            "ratification.imposed" => {
                if s.parties[p].ratification.is_none() {
                    return Err(err(
                        0..eq,
                        format!("`{head}` has no ratification threshold for pressure to lower"),
                        "set the threshold first: --set PARTY.ratification=T",
                    ));
                }
                (Target::Imposed(p), 0.0, 1.0, "an imposed share")
            }
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
            _ if rest.starts_with("red_lines.") => {
                let n_text = &rest[10..];
                let n = s.preferences[p].red_lines.len();
                match n_text.parse::<usize>() {
                    Ok(k) if (1..=n).contains(&k) => {
                        off(&format!("{head}.red_lines.{k}"))?;
                        if !structural.red_lines.contains(&(p, k - 1)) {
                            structural.red_lines.push((p, k - 1));
                        }
                        return Ok(());
                    }
                    _ => {
                        return Err(err(
                            rest_at + 10..eq,
                            format!(
                                "`{head}` has no red line #{n_text} (it has {n}, numbered from 1)"
                            ),
                            "`accord check FILE` lists every party's red lines with their numbers",
                        ))
                    }
                }
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
                    "party settings: reservation, ratification, ratification.imposed, veto, pressure.max, pressure.cost, weights.ISSUE, raw_weights.ISSUE, values.ISSUE.OPTION, interactions.K.bonus, red_lines.N (=off)",
                ))
            }
        }
    } else {
        let i = s.issue_index(head).expect("an issue id");
        if let Some(o_text) = rest.strip_prefix("options.") {
            let o_at = rest_at + 8;
            let o = option_of(i, o_text, o_at)?;
            off(&format!("{head}.options.{o_text}"))?;
            if structural.options.contains(&(i, o)) {
                return Ok(());
            }
            if s.issues[i].owner.is_some_and(|w| w.status_quo == o) {
                return Err(err(
                    o_at..eq,
                    format!("`{o_text}` is the status quo of issue `{head}`"),
                    "an owned issue keeps its status quo; change `status_quo` in the file to switch this option off",
                ));
            }
            let n = s.issues[i].options.len();
            let gone = structural.options.iter().filter(|(j, _)| *j == i).count();
            if gone + 1 >= n {
                return Err(err(
                    o_at..eq,
                    if n == 1 {
                        format!("`{o_text}` is the only option of issue `{head}`")
                    } else {
                        format!("with `{o_text}` off, issue `{head}` would have no option left")
                    },
                    "every issue keeps at least one option; to settle an issue, switch off all its other options",
                ));
            }
            structural.options.push((i, o));
            return Ok(());
        }
        if rest == "owner" {
            let owner = if raw == "none" {
                None
            } else {
                Some(s.party_index(raw).ok_or_else(|| {
                    err(
                        value_span.clone(),
                        format!("unknown party `{raw}`"),
                        &did_you_mean(raw, s.parties.iter().map(|p| p.id.as_str()), "parties"),
                    )
                })?)
            };
            structural.owners.push((i, owner, arg.to_string()));
            return Ok(());
        }
        if rest == "status_quo" {
            let o = option_of(
                i,
                raw,
                eq + 1 + (arg[eq + 1..].len() - arg[eq + 1..].trim_start().len()),
            )?;
            structural.status_quo.push((i, o, arg.to_string()));
            return Ok(());
        }
        match rest.strip_prefix("cost.") {
            Some(o_text) => {
                let o = option_of(i, o_text, rest_at + 5)?;
                (Target::Cost(i, o), 0.0, f64::INFINITY, "a cost")
            }
            None => {
                return Err(bad_path(
                    "the issue settings are ISSUE.cost.OPTION, ISSUE.owner, ISSUE.status_quo and ISSUE.options.OPTION (=off)",
                ))
            }
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
        if let Target::Weight(p, i) = target {
            // The other raw weights, as they will be: all zero cannot be
            // normalised.
            let others: f64 = s
                .uncertainty
                .raw_weights
                .get(p)
                .and_then(|r| r.as_ref())
                .map_or(1.0, |r| {
                    r.iter()
                        .enumerate()
                        .filter(|&(k, _)| k != i)
                        .map(|(_, v)| v)
                        .sum()
                });
            if x == 0.0 && others <= 0.0 {
                return Err(err(
                    value_span.clone(),
                    format!(
                        "this would make every raw weight of `{}` 0",
                        s.parties[p].id
                    ),
                    "a party weighs at least one issue; give some issue a raw weight above 0",
                ));
            }
        }
        s.uncertainty.inputs.retain(|x| !replaced(&x.target));
        apply(s, target, x);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parse_scenario, Format};

    /// Two parties; a numeric issue `size` (100, 200, 300) and a discrete
    /// `colour` (red, green, blue) with costs; `a` has two red lines, `b`
    /// an interaction; two deals; distributions on values of `green`.
    const FILE: &str = r#"
[scenario]
name = "overrides"

[[parties]]
id = "a"
role = "principal"
reservation = 0.2

[[parties]]
id = "b"
role = "principal"
reservation = 0.2

[[issues]]
id = "size"
type = "integer"
min = 100
max = 300
step = 100

[[issues]]
id = "colour"
options = [{ id = "red" }, { id = "green" }, { id = "blue" }]
cost = { red = 1, green = 2, blue = 3 }

[preferences.a]
weights = { size = 1, colour = 1 }
values.size = [[100, 0.0], [300, 1.0]]
values.colour = { red = 1.0, green = "uniform(0.4, 0.6)", blue = 0.0 }

[[preferences.a.red_lines]]
when = { size = 100 }
reason = "too small"

[[preferences.a.red_lines]]
when = { colour = ["green", "blue"], size = { min = 300 } }
reason = "not that"

[preferences.b]
weights = { size = 1, colour = 1 }
values.size = [[100, 1.0], [300, 0.0]]
values.colour = { red = 0.0, green = 0.5, blue = "uniform(0.8, 1.0)" }

[[preferences.b.interactions]]
when = { colour = "green", size = 200 }
bonus = 0.1

[[deals]]
id = "green"
package = { size = 200, colour = "green" }

[[deals]]
id = "blue"
package = { size = 300, colour = "blue" }
"#;

    fn scenario() -> Scenario {
        let src = SourceText::new("t.toml", FILE);
        parse_scenario(&src, Format::Toml, None).unwrap()
    }

    fn set(s: &mut Scenario, sets: &[&str]) -> Result<Applied, Error> {
        let sets: Vec<String> = sets.iter().map(|x| x.to_string()).collect();
        apply_overrides(s, &sets)
    }

    /// The one error of `sets`, as `--set:1:COL: message` and its hint.
    fn error(sets: &[&str]) -> String {
        let mut s = scenario();
        match set(&mut s, sets) {
            Ok(_) => panic!("{sets:?} was accepted"),
            Err(e) => e.plain(),
        }
    }

    #[test]
    fn owners_are_set_with_their_status_quo() {
        use accord_core::model::Owner;
        let mut s = scenario();
        // Either order on the command line.
        set(&mut s, &["colour.status_quo=blue", "colour.owner=b"]).unwrap();
        assert_eq!(
            s.issues[1].owner,
            Some(Owner {
                party: 1,
                status_quo: 2
            })
        );
        // A later owner keeps the status quo; `none` removes the owner.
        set(&mut s, &["colour.owner=a"]).unwrap();
        assert_eq!(
            s.issues[1].owner,
            Some(Owner {
                party: 0,
                status_quo: 2
            })
        );
        set(&mut s, &["colour.owner=none"]).unwrap();
        assert_eq!(s.issues[1].owner, None);
        let e = error(&["colour.owner=b"]);
        assert!(
            e.contains("--set:1:14") && e.contains("has no status quo"),
            "{e}"
        );
        assert!(e.contains("--set colour.status_quo=OPTION"), "{e}");
        let e = error(&["colour.status_quo=red"]);
        assert!(
            e.contains("has no owner") && e.contains("colour.owner=PARTY"),
            "{e}"
        );
        let e = error(&["colour.owner=c", "colour.status_quo=red"]);
        assert!(e.contains("unknown party `c`"), "{e}");
        let e = error(&["colour.owner=a", "colour.status_quo=purple"]);
        assert!(e.contains("has no option `purple`"), "{e}");
        let e = error(&[
            "colour.owner=a",
            "colour.status_quo=red",
            "colour.options.red=off",
        ]);
        assert!(
            e.contains("status quo of issue `colour` is switched off"),
            "{e}"
        );
    }

    #[test]
    fn veto_switches_on_and_off() {
        let mut s = scenario();
        set(&mut s, &["b.veto=false"]).unwrap();
        assert_eq!(s.veto_parties(), [0]);
        set(&mut s, &["b.veto=true"]).unwrap();
        assert_eq!(s.veto_parties(), [0, 1]);
        let e = error(&["b.veto=maybe"]);
        assert!(
            e.starts_with("--set:1:8: expected true or false, found `maybe`"),
            "{e}"
        );
    }

    #[test]
    fn red_lines_off_are_numbered_as_in_the_file() {
        for sets in [
            ["a.red_lines.1=off", "a.red_lines.2=off"],
            ["a.red_lines.2=off", "a.red_lines.1=off"],
        ] {
            let mut s = scenario();
            set(&mut s, &sets).unwrap();
            assert!(s.preferences[0].red_lines.is_empty(), "{sets:?}");
        }
        let mut s = scenario();
        set(&mut s, &["a.red_lines.1=off", "a.red_lines.1=off"]).unwrap();
        let left: Vec<_> = s.preferences[0]
            .red_lines
            .iter()
            .map(|r| r.reason.as_deref())
            .collect();
        assert_eq!(left, [Some("not that")]);
        let mut s = scenario();
        set(&mut s, &["a.red_lines.2=off"]).unwrap();
        assert_eq!(
            s.preferences[0].red_lines[0].reason.as_deref(),
            Some("too small")
        );
    }

    #[test]
    fn red_line_errors_are_located() {
        let e = error(&["a.red_lines.3=off"]);
        assert!(
            e.starts_with("--set:1:13: `a` has no red line #3 (it has 2, numbered from 1)"),
            "{e}"
        );
        assert!(e.contains("hint: `accord check FILE` lists"), "{e}");
        let e = error(&["a.red_lines.0=off"]);
        assert!(e.starts_with("--set:1:13: `a` has no red line #0"), "{e}");
        let e = error(&["b.red_lines.x=off"]);
        assert!(
            e.starts_with("--set:1:13: `b` has no red line #x (it has 0"),
            "{e}"
        );
        let e = error(&["a.red_lines.1=on"]);
        assert!(
            e.starts_with("--set:1:15: expected `off`, found `on`"),
            "{e}"
        );
        assert!(e.contains("--set a.red_lines.1=off"), "{e}");
        let e = error(&["c.red_lines.1=off"]);
        assert!(e.starts_with("--set:1:1: `c` is neither a party"), "{e}");
    }

    #[test]
    fn an_option_off_goes_everywhere() {
        let mut s = scenario();
        let applied = set(&mut s, &["colour.options.green=off"]).unwrap();
        let ids: Vec<&str> = s.issues[1].options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["red", "blue"]);
        assert_eq!(s.issues[1].cost, Some(vec![1.0, 3.0]));
        assert_eq!(s.preferences[0].values[1], vec![1.0, 0.0]);
        assert_eq!(s.preferences[1].values[1], vec![0.0, 0.9]);
        // `a`'s second red line keeps blue (now option 1); `b`'s
        // interaction named only green: gone.
        let clauses = &s.preferences[0].red_lines[1].condition.clauses;
        assert!(clauses.contains(&(1, vec![1])), "{clauses:?}");
        assert!(s.preferences[1].interactions.is_empty());
        // The deal on green is dropped; the other follows blue.
        assert_eq!(applied.dropped_deals.len(), 1);
        assert_eq!(applied.dropped_deals[0].id, "green");
        assert_eq!(applied.dropped_deals[0].option, "green");
        assert_eq!(s.deals.len(), 1);
        assert_eq!(s.deals[0].package, vec![2, 1]);
        // The distribution on `a`'s value of green goes; `b`'s on blue follows it.
        let labels: Vec<(&str, Target)> = s
            .uncertainty
            .inputs
            .iter()
            .map(|x| (x.label.as_str(), x.target))
            .collect();
        assert_eq!(labels, [("b.values.colour.blue", Target::Value(1, 1, 1))]);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn numeric_options_go_by_value() {
        let mut s = scenario();
        set(&mut s, &["size.options.100=off", "size.options.3e2=off"]).unwrap();
        let ids: Vec<&str> = s.issues[0].options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["200"]);
        // `a`'s red lines named only removed sizes.
        assert!(s.preferences[0].red_lines.is_empty());
        assert_eq!(s.deals.len(), 1);
        assert_eq!(s.deals[0].id, "green");
    }

    #[test]
    fn the_same_as_a_file_without_the_option() {
        let mut s = scenario();
        set(&mut s, &["colour.options.red=off"]).unwrap();
        let without = FILE
            .replace(r#"{ id = "red" }, "#, "")
            .replace("red = 1, ", "")
            .replace("red = 1.0, ", "")
            .replace("red = 0.0, ", "");
        let t = parse_scenario(&SourceText::new("t.toml", without), Format::Toml, None).unwrap();
        assert_eq!(s, t);
    }

    #[test]
    fn option_errors_are_located() {
        let e = error(&["colour.options.gren=off"]);
        assert!(
            e.starts_with("--set:1:16: issue `colour` has no option `gren`"),
            "{e}"
        );
        assert!(e.contains("did you mean `green`"), "{e}");
        let e = error(&["size.options.150=off"]);
        assert!(
            e.starts_with("--set:1:14: issue `size` has no option `150`"),
            "{e}"
        );
        let e = error(&["colour.options.red=0"]);
        assert!(
            e.starts_with("--set:1:20: expected `off`, found `0`"),
            "{e}"
        );
        let e = error(&["colur.options.red=off"]);
        assert!(e.starts_with("--set:1:1:"), "{e}");
        assert!(e.contains("did you mean `colour`"), "{e}");
        let e = error(&["colour.option.red=off"]);
        assert!(e.contains("ISSUE.options.OPTION"), "{e}");
        // The last option: located at the one that would empty the issue.
        let e = error(&[
            "colour.options.red=off",
            "colour.options.blue=off",
            "colour.options.green=off",
        ]);
        assert!(
            e.starts_with("--set:1:16: with `green` off, issue `colour` would have no option left"),
            "{e}"
        );
        // Switching one option off twice is once.
        let mut s = scenario();
        set(
            &mut s,
            &["colour.options.red=off", "colour.options.red=off"],
        )
        .unwrap();
        assert_eq!(s.issues[1].options.len(), 2);
    }
}
