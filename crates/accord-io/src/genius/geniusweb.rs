//! GeniusWeb JSON profiles (`LinearAdditiveUtilitySpace`), and
//! [`import_geniusweb`](super::import_geniusweb).

use std::collections::HashSet;

use accord_core::model::{Issue, IssueKind, OptionDef, Preferences, Scenario};
use serde_json::{Map, Value};

use super::ids::{sanitize, unique};
use super::import::{check_opts, finish, make_party, no_profiles, ProfileData};
use super::input::{ImportOptions, SourceFile, MAX_NUMERIC_OPTIONS};
use super::numbers::{clamp01, distinct_grid, fmt_num, parse_f64, round12};
use super::source::FileText;
use crate::error::Error;

/// Approximate location of a JSON key path: each key is searched (as `"key"`)
/// after the previous one.
fn json_locate(text: &str, path: &[&str]) -> Option<usize> {
    let mut from = 0usize;
    let mut found = None;
    for key in path {
        let needle = format!("\"{key}\"");
        let rest = text.get(from..)?;
        let i = rest.find(&needle)?;
        found = Some(from + i);
        from += i + needle.len();
    }
    found
}

fn json_num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        Value::String(s) => parse_f64(s),
        _ => None,
    }
}

/// A JSON value for a message, cut to about 60 characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn json_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A GeniusWeb issue's value set.
enum GwValues {
    Discrete(Vec<String>),
    Number(Vec<f64>),
}

/// How one issue is evaluated in a GeniusWeb profile.
enum GwUtil {
    Discrete(Map<String, Value>),
    Number {
        low_v: f64,
        low_u: f64,
        high_v: f64,
        high_u: f64,
    },
}

impl GwUtil {
    fn eval_discrete(&self, label: &str) -> f64 {
        match self {
            GwUtil::Discrete(m) => clamp01(m.get(label).and_then(json_num).unwrap_or(0.0)),
            GwUtil::Number { .. } => label
                .trim()
                .parse::<f64>()
                .map_or(0.0, |x| self.eval_number(x)),
        }
    }

    fn eval_number(&self, x: f64) -> f64 {
        match self {
            GwUtil::Number {
                low_v,
                low_u,
                high_v,
                high_u,
            } => {
                if x < *low_v || x > *high_v {
                    0.0
                } else {
                    clamp01(low_u + (high_u - low_u) * (x - low_v) / (high_v - low_v))
                }
            }
            GwUtil::Discrete(m) => {
                // A number looked up among discrete values, by its text.
                clamp01(m.get(&fmt_num(x)).and_then(json_num).unwrap_or(0.0))
            }
        }
    }

    fn eval(&self, v: &Value) -> f64 {
        match (self, v) {
            (GwUtil::Number { .. }, _) => json_num(v).map_or(0.0, |x| self.eval_number(x)),
            (GwUtil::Discrete(_), _) => json_str(v).map_or(0.0, |s| self.eval_discrete(&s)),
        }
    }
}

fn gw_domain_issues(
    src: &FileText,
    domain: &Map<String, Value>,
) -> Result<Vec<(String, GwValues, usize)>, Error> {
    let Some(Value::Object(iv)) = domain.get("issuesValues") else {
        return Err(src.invalid(
            json_locate(src.text, &["domain"]),
            "an object `issuesValues` in `domain`",
            "none",
            "a GeniusWeb domain is {\"name\": …, \"issuesValues\": {\"issue\": {\"values\": […]}}}",
        ));
    };
    let mut out = Vec::new();
    for (name, set) in iv {
        let pos = json_locate(src.text, &["issuesValues", name]);
        let values = match set {
            Value::Object(o) if o.contains_key("values") => {
                let Some(Value::Array(vals)) = o.get("values") else {
                    return Err(src.invalid(
                        pos,
                        format!("an array `values` for issue `{name}`"),
                        "something else",
                        "discrete value sets are {\"values\": [\"a\", \"b\"]}",
                    ));
                };
                let mut labels = Vec::with_capacity(vals.len());
                for v in vals {
                    labels.push(json_str(v).ok_or_else(|| {
                        src.invalid(
                            pos,
                            format!("string values for issue `{name}`"),
                            short(v),
                            "discrete values are strings",
                        )
                    })?);
                }
                if labels.is_empty() {
                    return Err(src.invalid(
                        pos,
                        format!("at least one value for issue `{name}`"),
                        "none",
                        "list the issue's values",
                    ));
                }
                GwValues::Discrete(labels)
            }
            Value::Object(o) if o.contains_key("range") => {
                let r = o.get("range").and_then(Value::as_object);
                let get = |k: &str| r.and_then(|r| r.get(k)).and_then(json_num);
                let (Some(low), Some(high), Some(step)) = (get("low"), get("high"), get("step"))
                else {
                    return Err(src.invalid(
                        pos,
                        format!("numbers low, high and step in the range of issue `{name}`"),
                        "an incomplete range",
                        "number value sets are {\"range\": {\"low\": 0, \"high\": 10, \"step\": 1}}",
                    ));
                };
                if step <= 0.0 || high < low {
                    return Err(src.invalid(
                        pos,
                        format!("a range with low ≤ high and step > 0 for issue `{name}`"),
                        format!(
                            "low {}, high {}, step {}",
                            fmt_num(low),
                            fmt_num(high),
                            fmt_num(step)
                        ),
                        "fix the range",
                    ));
                }
                let n = ((high - low) / step + 1e-9).floor() + 1.0;
                if !n.is_finite() {
                    return Err(src.invalid(
                        pos,
                        format!("a range no wider than about 1.8e308 for issue `{name}`"),
                        format!("low {}, high {}", fmt_num(low), fmt_num(high)),
                        "narrow the range",
                    ));
                }
                if n > MAX_NUMERIC_OPTIONS as f64 {
                    return Err(src.too_large(pos, name, n as u128));
                }
                let n = n as usize;
                let xs: Vec<f64> = (0..n).map(|k| round12(low + step * k as f64)).collect();
                if !distinct_grid(&xs) {
                    return Err(src.invalid(
                        pos,
                        format!(
                            "a step that gives distinct, finite points at 12 significant digits \
                             for issue `{name}`"
                        ),
                        format!(
                            "low {}, high {}, step {}",
                            fmt_num(low),
                            fmt_num(high),
                            fmt_num(step)
                        ),
                        "use a larger step or a range nearer 0",
                    ));
                }
                GwValues::Number(xs)
            }
            other => {
                return Err(src.invalid(
                    pos,
                    format!(
                        "a value set {{\"values\": […]}} or {{\"range\": …}} for issue `{name}`"
                    ),
                    short(other),
                    "see the GeniusWeb domain format",
                ))
            }
        };
        out.push((name.clone(), values, pos.unwrap_or(0)));
    }
    if out.is_empty() {
        return Err(src.invalid(
            json_locate(src.text, &["issuesValues"]),
            "at least one issue in `issuesValues`",
            "none",
            "a domain needs issues",
        ));
    }
    Ok(out)
}

fn gw_issue(name: &str, values: &GwValues, used_ids: &mut HashSet<String>) -> Issue {
    let id = unique(sanitize(name), used_ids);
    match values {
        GwValues::Discrete(labels) => {
            let mut used = HashSet::new();
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind: IssueKind::Discrete,
                options: labels
                    .iter()
                    .map(|l| OptionDef {
                        id: unique(sanitize(l), &mut used),
                        label: l.clone(),
                        description: None,
                        position: None,
                        value: None,
                    })
                    .collect(),
                cost: None,
                owner: None,
            }
        }
        GwValues::Number(xs) => {
            let integral = xs.iter().all(|x| x.fract() == 0.0 && x.abs() < 9.0e15);
            let first = xs.first().copied().unwrap_or(0.0);
            let last = xs.last().copied().unwrap_or(first);
            let step = if xs.len() > 1 { xs[1] - xs[0] } else { 1.0 };
            let kind = if integral && step.fract() == 0.0 {
                IssueKind::Integer {
                    min: first as i64,
                    max: last as i64,
                    step: (step as i64).max(1),
                    unit: None,
                }
            } else {
                IssueKind::Real {
                    min: first,
                    max: last,
                    step,
                    unit: None,
                }
            };
            let mut used = HashSet::new();
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind,
                options: xs
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
                    .collect(),
                cost: None,
                owner: None,
            }
        }
    }
}

fn gw_util(src: &FileText, issue: &str, v: &Value) -> Result<GwUtil, Error> {
    let pos = json_locate(src.text, &["issueUtilities", issue]);
    let obj = v.as_object();
    let get = |k: &str| obj.and_then(|o| o.get(k)).and_then(Value::as_object);
    if let Some(d) = get("discreteutils").or_else(|| get("DiscreteValueSetUtilities")) {
        let Some(Value::Object(vu)) = d.get("valueUtilities") else {
            return Err(src.invalid(
                pos,
                format!("an object `valueUtilities` for issue `{issue}`"),
                "none",
                "discrete utilities are {\"discreteutils\": {\"valueUtilities\": {\"value\": 0.5}}}",
            ));
        };
        for (k, u) in vu {
            if json_num(u).is_none() {
                return Err(src.invalid(
                    json_locate(src.text, &["issueUtilities", issue, k]),
                    format!("a number as utility of `{k}` (issue `{issue}`)"),
                    short(u),
                    "value utilities are numbers in [0,1]",
                ));
            }
        }
        return Ok(GwUtil::Discrete(vu.clone()));
    }
    if let Some(n) = get("numberutils").or_else(|| get("NumberValueSetUtilities")) {
        let g = |k: &str| n.get(k).and_then(json_num);
        let (Some(low_v), Some(low_u), Some(high_v), Some(high_u)) = (
            g("lowValue"),
            g("lowUtility"),
            g("highValue"),
            g("highUtility"),
        ) else {
            return Err(src.invalid(
                pos,
                format!("lowValue, lowUtility, highValue and highUtility for issue `{issue}`"),
                "an incomplete numberutils",
                "number utilities interpolate linearly between (lowValue, lowUtility) and (highValue, highUtility)",
            ));
        };
        if high_v <= low_v {
            return Err(src.invalid(
                pos,
                format!("highValue > lowValue for issue `{issue}`"),
                format!("lowValue {}, highValue {}", fmt_num(low_v), fmt_num(high_v)),
                "fix the numberutils bounds",
            ));
        }
        return Ok(GwUtil::Number {
            low_v,
            low_u,
            high_v,
            high_u,
        });
    }
    Err(src.unsupported(
        pos,
        format!("the utilities of issue `{issue}` ({})", short(v)),
        "accord imports discreteutils and numberutils value-set utilities",
    ))
}

/// Imports GeniusWeb `LinearAdditiveUtilitySpace` profiles (JSON), one party per profile.
///
/// The domain is the one embedded in the first profile; the others must embed
/// the same. Discrete value utilities are used as given, clamped to \[0,1\] and
/// not renormalised: GeniusWeb's `DiscreteValueSetUtilities` requires them in
/// \[0,1\] and uses them as they are (its utility is Σ weight·utility), so no
/// division by the maximum is done, unlike Genius XML. A value without a
/// utility counts 0, as in GeniusWeb. `numberutils` interpolate linearly between
/// (lowValue, lowUtility) and (highValue, highUtility), 0 outside, clamped.
/// Weights are divided by their sum (GeniusWeb requires them to sum to 1).
/// Numeric value sets (`range` with `low`, `high`, `step`) use their own step,
/// not [`ImportOptions::real_steps`]. The reservation bid's utility under the
/// profile is the reservation value (0 without a reservation bid).
///
/// # Errors
///
/// [`Error::Input`], located in the file, for malformed JSON, a missing or
/// invalid part, or a domain that differs from the first profile's;
/// [`Error::Invalid`] for bad options, no profiles, or an imported scenario
/// that fails [`Scenario::validate`].
pub fn import_geniusweb(profiles: &[SourceFile], opts: &ImportOptions) -> Result<Scenario, Error> {
    import_geniusweb_warned(profiles, opts).map(|(s, _)| s)
}

/// [`import_geniusweb`], and what the import reads differently from the
/// files' apparent meaning, each naming the file, line and column: issue
/// weights that do not sum to 1 (divided by their sum; GeniusWeb requires
/// 1), and value utilities outside [0, 1] (clamped; GeniusWeb requires
/// [0, 1]).
///
/// # Errors
///
/// As [`import_geniusweb`].
pub fn import_geniusweb_warned(
    profiles: &[SourceFile],
    opts: &ImportOptions,
) -> Result<(Scenario, Vec<String>), Error> {
    let mut warnings = Vec::new();
    check_opts(opts)?;
    let Some(first) = profiles.first() else {
        return Err(no_profiles());
    };
    let mut first_domain: Option<Value> = None;
    let mut domain_name = String::new();
    let mut issues: Vec<Issue> = Vec::new();
    let mut parties = Vec::with_capacity(profiles.len());
    let mut preferences = Vec::with_capacity(profiles.len());
    let mut used = HashSet::new();
    for pf in profiles {
        let src = FileText::new(pf);
        let root: Value = serde_json::from_str(src.text)
            .map_err(|e| src.json(e.line(), e.column(), e.to_string()))?;
        let Some(root) = root.as_object() else {
            return Err(src.invalid(
                Some(0),
                "a JSON object {\"LinearAdditiveUtilitySpace\": …}",
                "another JSON value",
                "give a GeniusWeb profile file",
            ));
        };
        let Some(Value::Object(las)) = root.get("LinearAdditiveUtilitySpace") else {
            let found = root
                .keys()
                .next()
                .cloned()
                .unwrap_or_else(|| "an empty object".into());
            return Err(src.unsupported(
                Some(0),
                format!("a profile of type `{found}`"),
                "accord imports GeniusWeb LinearAdditiveUtilitySpace profiles",
            ));
        };
        let Some(Value::Object(domain)) = las.get("domain") else {
            return Err(src.invalid(
                Some(0),
                "an object `domain` in the profile",
                "none",
                "GeniusWeb profiles embed their domain",
            ));
        };
        let dom_issues = gw_domain_issues(&src, domain)?;
        match &first_domain {
            None => {
                first_domain = Some(Value::Object(domain.clone()));
                domain_name = domain
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| first.stem.to_string());
                let mut used_ids = super::ids::issue_ids();
                issues = dom_issues
                    .iter()
                    .map(|(n, v, _)| gw_issue(n, v, &mut used_ids))
                    .collect();
            }
            Some(fd) => {
                let same_values = fd.get("issuesValues") == domain.get("issuesValues");
                let same_order = fd
                    .get("issuesValues")
                    .and_then(Value::as_object)
                    .map(|m| m.keys().eq(dom_issues.iter().map(|(n, _, _)| n)))
                    .unwrap_or(false);
                if !(same_values && same_order) {
                    return Err(src.mismatch(
                        json_locate(src.text, &["domain"]),
                        first.name,
                        "its embedded domain has other issues or values",
                        "give profiles of the same domain",
                    ));
                }
            }
        }
        // Utilities per issue, in domain order.
        let Some(Value::Object(iu)) = las.get("issueUtilities") else {
            return Err(src.invalid(
                Some(0),
                "an object `issueUtilities`",
                "none",
                "a LinearAdditiveUtilitySpace has issueUtilities, issueWeights and domain",
            ));
        };
        let Some(Value::Object(iw)) = las.get("issueWeights") else {
            return Err(src.invalid(
                Some(0),
                "an object `issueWeights`",
                "none",
                "a LinearAdditiveUtilitySpace has issueUtilities, issueWeights and domain",
            ));
        };
        let extra = iu
            .keys()
            .map(|k| (k, "issueUtilities", "utilities"))
            .chain(iw.keys().map(|k| (k, "issueWeights", "a weight")));
        for (k, map, what) in extra {
            if !issues.iter().any(|i| &i.name == k) {
                return Err(src.mismatch(
                    json_locate(src.text, &[map, k]),
                    first.name,
                    format!("{what} for `{k}`, which is not an issue of the domain"),
                    "remove the entry or fix the issue name",
                ));
            }
        }
        let mut utils = Vec::with_capacity(issues.len());
        let mut raw_w = Vec::with_capacity(issues.len());
        for issue in &issues {
            let Some(u) = iu.get(&issue.name) else {
                return Err(src.invalid(
                    json_locate(src.text, &["issueUtilities"]),
                    format!("utilities for issue `{}`", issue.name),
                    "none",
                    "every issue of the domain needs an entry in issueUtilities",
                ));
            };
            utils.push(gw_util(&src, &issue.name, u)?);
            let w = iw.get(&issue.name).and_then(json_num);
            match w {
                Some(w) if w >= 0.0 => raw_w.push(w),
                _ => {
                    return Err(src.invalid(
                        json_locate(src.text, &["issueWeights"]),
                        format!("a weight ≥ 0 for issue `{}`", issue.name),
                        iw.get(&issue.name)
                            .map_or("none".to_string(), |v| v.to_string()),
                        "every issue of the domain needs a weight in issueWeights",
                    ))
                }
            }
        }
        let sum: f64 = raw_w.iter().sum();
        if sum <= 0.0 || !sum.is_finite() {
            return Err(src.invalid(
                json_locate(src.text, &["issueWeights"]),
                "issue weights with a positive sum",
                format!("weights summing to {sum}"),
                "GeniusWeb weights sum to 1",
            ));
        }
        let at = |path: &[&str]| {
            json_locate(src.text, path).map_or_else(|| src.name.to_string(), |p| src.at(p))
        };
        if (sum - 1.0).abs() > 1e-6 {
            warnings.push(format!(
                "{}: the issue weights sum to {sum}, not 1 (GeniusWeb requires 1); this import divides them by {sum}",
                at(&["issueWeights"])
            ));
        }
        for (issue, u) in issues.iter().zip(&utils) {
            if let GwUtil::Discrete(m) = u {
                for (value, x) in m {
                    if let Some(x) = json_num(x).filter(|x| !(0.0..=1.0).contains(x)) {
                        warnings.push(format!(
                            "{}: issue `{}` gives the value `{value}` the utility {x}, outside [0, 1] (GeniusWeb requires [0, 1]); this import clamps it to {}",
                            at(&["issueUtilities", &issue.name, value]),
                            issue.name,
                            x.clamp(0.0, 1.0)
                        ));
                    }
                }
            }
        }
        let weights: Vec<f64> = raw_w.iter().map(|w| w / sum).collect();
        let values: Vec<Vec<f64>> = issues
            .iter()
            .zip(&utils)
            .map(|(issue, u)| {
                issue
                    .options
                    .iter()
                    .map(|o| match o.value {
                        Some(x) => u.eval_number(x),
                        None => u.eval_discrete(&o.label),
                    })
                    .collect()
            })
            .collect();
        let reservation = match las.get("reservationBid") {
            None | Some(Value::Null) => 0.0,
            Some(Value::Object(bid)) => {
                let iv = match bid.get("issuevalues") {
                    Some(Value::Object(iv)) => iv,
                    _ => {
                        return Err(src.invalid(
                            json_locate(src.text, &["reservationBid"]),
                            "an object `issuevalues` in `reservationBid`",
                            "none",
                            "a bid is {\"issuevalues\": {\"issue\": value}}",
                        ))
                    }
                };
                for k in iv.keys() {
                    if !issues.iter().any(|i| &i.name == k) {
                        return Err(src.mismatch(
                            json_locate(src.text, &["reservationBid", k]),
                            first.name,
                            format!("the reservation bid sets `{k}`, which is not an issue"),
                            "fix the reservation bid",
                        ));
                    }
                }
                let u: f64 = issues
                    .iter()
                    .zip(&utils)
                    .zip(&weights)
                    .map(|((issue, ut), w)| iv.get(&issue.name).map_or(0.0, |v| w * ut.eval(v)))
                    .sum();
                clamp01(u)
            }
            Some(other) => {
                return Err(src.invalid(
                    json_locate(src.text, &["reservationBid"]),
                    "a bid object or null as `reservationBid`",
                    short(other),
                    "a bid is {\"issuevalues\": {\"issue\": value}}",
                ))
            }
        };
        let data = ProfileData {
            values,
            weights,
            interactions: Vec::new(),
            capped: false,
            reservation,
            discount: None,
            warnings: Vec::new(),
        };
        parties.push(make_party(pf.stem, &mut used, &data));
        preferences.push(Preferences {
            weights: data.weights,
            values: data.values,
            red_lines: Vec::new(),
            interactions: Vec::new(),
            capped: false,
        });
    }
    let files = profiles
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ");
    let scenario = finish(
        domain_name,
        format!("Imported from Genius: {files}"),
        files,
        issues,
        parties,
        preferences,
    )?;
    Ok((scenario, warnings))
}
