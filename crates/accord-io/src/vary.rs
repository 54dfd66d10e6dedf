//! Sweep ranges: `--vary PATH=LO:HI:STEP`, the grid of values an override
//! path takes from LO to HI inclusive.
//!
//! A path is anything `--set` accepts for a number (`docs/cli.md`,
//! "Overrides"); each range is checked by applying its two ends as
//! overrides, so that a bad path or a value out of range is a located error
//! in the `--vary` argument.

// Errors are built once per bad argument, on the way out.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use accord_core::model::Scenario;

use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::scenario::format_number;

/// The most grid points one sweep may have (all `--vary` ranges together).
pub const MAX_GRID_POINTS: usize = 10_000;

/// One `--vary` range.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    /// The override path, as given (trimmed).
    pub path: String,
    /// Its values, from LO to HI inclusive, each LO + k·STEP rounded to 12
    /// significant digits.
    pub values: Vec<f64>,
}

impl Vary {
    /// The override that sets the path to value `k`.
    pub fn set(&self, k: usize) -> String {
        format!("{}={}", self.path, format_number(self.values[k]))
    }
}

/// Parses `--vary` arguments, checked against the scenario: every path must
/// be a number `--set` can change, both ends in its range, the step
/// positive, and the grid (the product of the ranges' sizes) at most
/// [`MAX_GRID_POINTS`].
///
/// # Errors
///
/// [`Error::Input`] with one located error per bad argument.
pub fn parse_vary(args: &[String], s: &Scenario) -> Result<Vec<Vary>, Error> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        match parse_one(arg, s) {
            Ok(v) => out.push(v),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() && out.is_empty() {
        errors.push(InputError {
            source: SourceText::new("--vary", String::new()),
            span: 0..0,
            message: "a sweep needs at least one --vary".into(),
            label: "nothing to vary".into(),
            help: Some("e.g. --vary ukraine.reservation=0.3:0.6:0.05".into()),
        });
    }
    if errors.is_empty() {
        let mut total: usize = 1;
        for v in &out {
            total = total.saturating_mul(v.values.len());
        }
        if total > MAX_GRID_POINTS {
            let last = args.last().cloned().unwrap_or_default();
            errors.push(InputError {
                source: SourceText::new("--vary", last.clone()),
                span: 0..last.len(),
                message: format!(
                    "the grid has {total} points, more than a sweep allows ({MAX_GRID_POINTS})"
                ),
                label: "too many points".into(),
                help: Some(
                    "use a larger STEP or fewer --vary ranges (docs/cli.md, \"Limits\")".into(),
                ),
            });
        }
    }
    for (k, v) in out.iter().enumerate() {
        if out[..k].iter().any(|w| w.path == v.path) {
            let arg = &args[k];
            errors.push(InputError {
                source: SourceText::new("--vary", arg.clone()),
                span: 0..v.path.len(),
                message: format!("`{}` is varied twice", v.path),
                label: "second range".into(),
                help: Some("give each path one range".into()),
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Input(errors))
    }
}

fn parse_one(arg: &str, s: &Scenario) -> Result<Vary, Vec<InputError>> {
    let src = SourceText::new("--vary", arg.to_string());
    let err = |span: Range<usize>, message: String, help: &str| {
        vec![InputError {
            source: src.clone(),
            span,
            message,
            label: "here".into(),
            help: Some(help.to_string()),
        }]
    };
    let form = "write PATH=LO:HI:STEP, e.g. --vary ukraine.reservation=0.3:0.6:0.05";
    let Some(eq) = arg.find('=') else {
        return Err(err(
            0..arg.len(),
            format!("`{arg}` is not of the form PATH=LO:HI:STEP"),
            form,
        ));
    };
    let path = arg[..eq].trim().to_string();
    let parts: Vec<&str> = arg[eq + 1..].split(':').collect();
    if parts.len() != 3 {
        return Err(err(
            eq + 1..arg.len(),
            format!("`{}` is not a range LO:HI:STEP", &arg[eq + 1..]),
            form,
        ));
    }
    // Byte spans of LO, HI and STEP in the argument.
    let mut spans = Vec::new();
    let mut at = eq + 1;
    for p in &parts {
        spans.push(at..at + p.len());
        at += p.len() + 1;
    }
    let mut nums = Vec::new();
    for (p, span) in parts.iter().zip(&spans) {
        match p.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => nums.push(x),
            _ => {
                return Err(err(
                    span.clone(),
                    format!("`{}` is not a number", p.trim()),
                    form,
                ))
            }
        }
    }
    let (lo, hi, step) = (nums[0], nums[1], nums[2]);
    if step <= 0.0 {
        return Err(err(
            spans[2].clone(),
            format!(
                "the step is {}; it must be more than 0",
                format_number(step)
            ),
            "a sweep goes from LO up to HI in steps of STEP > 0",
        ));
    }
    if hi < lo {
        return Err(err(
            spans[0].start..spans[1].end,
            format!(
                "the range ends ({}) below where it starts ({})",
                format_number(hi),
                format_number(lo)
            ),
            "write the smaller end first: LO:HI:STEP",
        ));
    }
    let n = ((hi - lo) / step + 1e-9).floor();
    if n + 1.0 > MAX_GRID_POINTS as f64 {
        return Err(err(
            spans[2].clone(),
            format!(
                "{} to {} in steps of {} is {} points, more than a sweep allows ({MAX_GRID_POINTS})",
                format_number(lo),
                format_number(hi),
                format_number(step),
                format_number(n + 1.0)
            ),
            "use a larger STEP (docs/cli.md, \"Limits\")",
        ));
    }
    let values: Vec<f64> = (0..=n as usize)
        .map(|k| round12(lo + k as f64 * step))
        .collect();
    // Both ends must be values `--set` accepts for the path: errors keep
    // their spans, which fall in PATH or in LO of this argument too.
    for (x, span) in [
        (values[0], &spans[0]),
        (values[values.len() - 1], &spans[1]),
    ] {
        // The path as written, so that error spans line up with `arg`.
        let set = format!("{}={}", &arg[..eq], format_number(x));
        let mut probe = s.clone();
        if let Err(Error::Input(es)) = crate::overrides::apply_overrides(&mut probe, &[set]) {
            return Err(es
                .into_iter()
                .map(|e| {
                    let span = if e.span.start > eq {
                        span.clone()
                    } else {
                        e.span
                    };
                    InputError {
                        source: src.clone(),
                        span,
                        ..e
                    }
                })
                .collect());
        }
    }
    Ok(Vary { path, values })
}

/// `x` rounded to 12 significant digits, so that 0.1 + 2·0.1 is 0.3.
fn round12(x: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::round12;

    #[test]
    fn rounding_keeps_grid_values_short() {
        assert_eq!(round12(0.1 + 2.0 * 0.1), 0.3);
        assert_eq!(round12(0.0), 0.0);
        assert_eq!(round12(-0.35000000000000003), -0.35);
    }
}
