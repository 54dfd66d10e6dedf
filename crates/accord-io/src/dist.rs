//! The text form of a distribution, as written in scenario files and in
//! `--set`: `uniform(lo, hi)`, `triangular(lo, mode, hi)`, `normal(mean, sd)`
//! (truncated to the input's allowed range), `beta(a, b)` (on the allowed
//! range) or `beta(a, b, lo, hi)`, `choice(v1, v2, ...)` (equally likely) or
//! `choice(v1: p1, v2: p2, ...)`; optionally followed by `@factor` so that
//! inputs with the same factor move together (`@-factor`: against it).

use accord_core::model::distribution::Dist;

/// Whether a string is meant as a distribution (a known name and a parenthesis).
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start();
    ["uniform", "triangular", "normal", "beta", "choice"]
        .iter()
        .any(|n| t.starts_with(n) && t[n.len()..].trim_start().starts_with('('))
}

/// Parses a distribution for an input whose allowed range is [lo, hi]
/// (hi may be infinite). Returns the distribution and the factor.
///
/// # Errors
///
/// A message saying what is wrong, with the expected form.
pub fn parse(text: &str, lo: f64, hi: f64) -> Result<(Dist, Option<String>), String> {
    let t = text.trim();
    let (body, factor) = match t.rfind('@') {
        Some(at) if t[..at].trim_end().ends_with(')') => {
            let f = t[at + 1..].trim();
            let bare = f.strip_prefix('-').unwrap_or(f);
            if bare.is_empty()
                || !bare
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!(
                    "`@{f}` is not a valid factor name (letters, digits, `_`, `-`; a leading `-` moves the input against the factor)"
                ));
            }
            (t[..at].trim_end(), Some(f.to_string()))
        }
        _ => (t, None),
    };
    let open = body.find('(').ok_or("expected `name(arguments)`")?;
    if !body.ends_with(')') {
        return Err("missing `)` at the end of the distribution".into());
    }
    let name = body[..open].trim();
    let args_text = &body[open + 1..body.len() - 1];
    let num = |s: &str| -> Result<f64, String> {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("`{}` is not a number", s.trim()))
    };
    let dist = if name == "choice" {
        let mut values = Vec::new();
        let mut probs = Vec::new();
        for part in args_text.split(',') {
            match part.split_once(':') {
                Some((v, p)) => {
                    values.push(num(v)?);
                    probs.push(num(p)?);
                }
                None => {
                    values.push(num(part)?);
                }
            }
        }
        if values.is_empty() {
            return Err("choice(...) needs at least one value".into());
        }
        if probs.is_empty() {
            probs = vec![1.0 / values.len() as f64; values.len()];
        } else if probs.len() != values.len() {
            return Err("give every value of choice(...) a probability, or none".into());
        }
        if let Some(p) = probs.iter().find(|p| **p < 0.0) {
            return Err(format!("the probability {p} of choice(...) is negative"));
        }
        let sum: f64 = probs.iter().sum();
        if (sum - 1.0).abs() > 1e-6 {
            return Err(format!(
                "the probabilities of choice(...) sum to {sum}, not 1"
            ));
        }
        Dist::Choice { values, probs }
    } else {
        let args: Vec<f64> = args_text.split(',').map(num).collect::<Result<_, _>>()?;
        let want = |k: &[usize], form: &str| -> Result<(), String> {
            if k.contains(&args.len()) {
                Ok(())
            } else {
                Err(format!("{name} takes {form}, not {} arguments", args.len()))
            }
        };
        match name {
            "uniform" => {
                want(&[2], "(lo, hi)")?;
                if args[0] > args[1] {
                    return Err("uniform(lo, hi) needs lo ≤ hi".into());
                }
                Dist::Uniform { lo: args[0], hi: args[1] }
            }
            "triangular" => {
                want(&[3], "(lo, mode, hi)")?;
                if !(args[0] <= args[1] && args[1] <= args[2]) {
                    return Err("triangular(lo, mode, hi) needs lo ≤ mode ≤ hi".into());
                }
                Dist::Triangular { lo: args[0], mode: args[1], hi: args[2] }
            }
            "normal" => {
                want(&[2], "(mean, sd)")?;
                if args[1] <= 0.0 {
                    return Err("normal(mean, sd) needs sd > 0".into());
                }
                if !hi.is_finite() {
                    return Err("normal(...) is truncated to the input's range, which is unbounded here; use uniform, triangular, beta(a, b, lo, hi) or choice".into());
                }
                if args[0] < lo || args[0] > hi {
                    return Err(format!("the mean {} is outside the allowed range [{lo}, {hi}]", args[0]));
                }
                Dist::Normal { mean: args[0], sd: args[1], lo, hi }
            }
            "beta" => {
                want(&[2, 4], "(a, b) or (a, b, lo, hi)")?;
                if args[0] <= 0.0 || args[1] <= 0.0 {
                    return Err("beta(a, b) needs a > 0 and b > 0".into());
                }
                if args[0] > 1e4 || args[1] > 1e4 || args[0] < 1e-2 || args[1] < 1e-2 {
                    return Err("beta(a, b) takes shapes between 0.01 and 10,000 (beyond that it is practically a point: write the number)".into());
                }
                let (l, h) = if args.len() == 4 {
                    (args[2], args[3])
                } else if hi.is_finite() {
                    (lo, hi)
                } else {
                    return Err("this input has no upper bound: write beta(a, b, lo, hi)".into());
                };
                if l >= h {
                    return Err("beta(a, b, lo, hi) needs lo < hi".into());
                }
                Dist::Beta { a: args[0], b: args[1], lo: l, hi: h }
            }
            _ => {
                return Err(format!(
                    "unknown distribution `{name}`: the distributions are uniform, triangular, normal, beta and choice"
                ))
            }
        }
    };
    let (a, b) = dist.support();
    if a < lo - 1e-12 || b > hi + 1e-12 {
        return Err(format!(
            "the distribution ranges over [{a}, {b}], outside the allowed [{lo}, {}]",
            if hi.is_finite() {
                hi.to_string()
            } else {
                "∞".to_string()
            }
        ));
    }
    Ok((dist, factor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(looks_like("uniform(0.3, 0.5)"));
        assert!(!looks_like("uniformity"));
        let (d, f) = parse("triangular(0.4, 0.55, 0.7) @front", 0.0, 1.0).unwrap();
        assert_eq!(f.as_deref(), Some("front"));
        assert!((d.mean() - 0.55).abs() < 1e-12);
        assert!(parse("uniform(0.5, 1.5)", 0.0, 1.0).is_err());
        assert!(parse("normal(0.5, 0)", 0.0, 1.0).is_err());
        assert!(parse("choice(0.2: 0.5, 0.4: 0.4)", 0.0, 1.0).is_err());
        let (d, _) = parse("choice(0.2, 0.4)", 0.0, 1.0).unwrap();
        assert!((d.mean() - 0.3).abs() < 1e-12);
        assert!(parse("beta(2, 3)", 0.0, f64::INFINITY).is_err());
        assert!(parse("gamma(2, 3)", 0.0, 1.0).is_err());
    }
}
