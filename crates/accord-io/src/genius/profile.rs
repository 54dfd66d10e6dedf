//! Genius XML utility spaces (profiles), and [`import_genius`](super::import_genius).

use std::collections::HashSet;

use accord_core::model::{Condition, Interaction, Preferences, Scenario};

use super::domain::{
    issue_bounds, issue_index, objective, parse_domain, utility_space, DomIssue, DomKind, Domain,
};
use super::import::{check_opts, finish, make_party, no_profiles, ProfileData};
use super::input::{ImportOptions, SourceFile};
use super::numbers::{clamp01, parse_f64, parse_int};
use super::source::FileText;
use super::xml::{parse_xml, Elem};
use crate::error::Error;

/// Genius treats a discrete issue whose largest evaluation is below this as all zeros.
const GENIUS_EVAL_EPS: f64 = 0.00001;

/// A number given as `value` attribute or as the element's text.
fn value_of(src: &FileText, el: &Elem, what: &str) -> Result<(f64, String), Error> {
    let raw = el
        .attr("value")
        .map(str::to_string)
        .unwrap_or_else(|| el.text.trim().to_string());
    match parse_f64(&raw) {
        Some(x) => Ok((x, raw.trim().to_string())),
        None => Err(src.invalid(
            Some(el.pos),
            format!("a number for <{}> (the {what})", el.name),
            if raw.is_empty() {
                "none".to_string()
            } else {
                format!("`{raw}`")
            },
            "write the number as a `value` attribute, e.g. <reservation value=\"0.5\"/>",
        )),
    }
}

fn find_top<'e>(us: &'e Elem, obj: &'e Elem, name: &str) -> Option<&'e Elem> {
    us.child(name).or_else(|| obj.child(name))
}

/// Matches the profile's issues to the domain's, by index and name.
fn match_issues<'e>(
    src: &FileText,
    obj: &'e Elem,
    dom: &Domain,
    domain_file: &str,
) -> Result<Vec<&'e Elem>, Error> {
    let pels: Vec<&Elem> = obj.children_named("issue").collect();
    let mut indexed = Vec::with_capacity(pels.len());
    for (k, el) in pels.iter().enumerate() {
        indexed.push((issue_index(src, el, k)?, *el));
    }
    let mut out = Vec::with_capacity(dom.issues.len());
    for di in &dom.issues {
        let Some((_, el)) = indexed.iter().find(|(ix, _)| *ix == di.index) else {
            return Err(src.mismatch(
                Some(obj.pos),
                domain_file,
                format!("no issue with index {} (`{}`)", di.index, di.name),
                "give the profile that belongs to this domain, or fix the issue indices",
            ));
        };
        let pname = el.attr("name").unwrap_or("");
        if pname != di.name {
            return Err(src.mismatch(
                Some(el.pos),
                domain_file,
                format!(
                    "issue {} is `{}` in the domain but `{pname}` in the profile",
                    di.index, di.name
                ),
                "give the profile that belongs to this domain; issues are matched by index and name",
            ));
        }
        out.push(*el);
    }
    if indexed.len() != dom.issues.len() {
        return Err(src.mismatch(
            Some(obj.pos),
            domain_file,
            format!(
                "the profile has {} issues, the domain {}",
                indexed.len(),
                dom.issues.len()
            ),
            "give the profile that belongs to this domain",
        ));
    }
    Ok(out)
}

fn discrete_values(
    src: &FileText,
    el: &Elem,
    labels: &[String],
    name: &str,
    domain_file: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<f64>, Error> {
    // Only the items directly under the issue; items nested elsewhere
    // (similarity_function, …) do not carry evaluations.
    let items: Vec<&Elem> = el.children_named("item").collect();
    let mut taken = vec![false; items.len()];
    let mut evals = Vec::with_capacity(labels.len());
    for (k, label) in labels.iter().enumerate() {
        // Genius keeps one evaluation per value (a map put item by item):
        // the last item with the value wins, for every option so labelled.
        let same: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.attr("value") == Some(label.as_str()))
            .map(|(j, _)| j)
            .collect();
        let first_time = !labels[..k].contains(label);
        if same.len() > 1 && first_time {
            let listed: Vec<&str> = same
                .iter()
                .map(|&j| items[j].attr("evaluation").unwrap_or("?"))
                .collect();
            warnings.push(format!(
                "{}: issue `{name}` evaluates the value `{label}` {} times ({}); Genius keeps the last ({}), and so does this import",
                src.at(items[same[same.len() - 1]].pos),
                same.len(),
                listed.join(", "),
                listed[listed.len() - 1]
            ));
        }
        let by_value = same.last().copied();
        let j = match by_value {
            Some(j) => Some(j),
            None if items.len() == labels.len() => {
                // Fall back to the item with the same index, when counts agree.
                let by_index = items.iter().position(|it| {
                    it.attr("index")
                        .and_then(|s| s.trim().parse::<usize>().ok())
                        == Some(k + 1)
                });
                let j = match by_index {
                    Some(j) if !taken[j] => Some(j),
                    _ if !taken[k] => Some(k),
                    _ => None,
                };
                if let Some(j) = j {
                    warnings.push(format!(
                        "{}: issue `{name}` has no <item> for the value `{label}`; this import takes the item {} ({}), as the profile lists one item per value",
                        src.at(items[j].pos),
                        if by_index == Some(j) { "with the same index" } else { "in the same position" },
                        items[j].attr("value").map_or_else(|| "no value".to_string(), |v| format!("value `{v}`")),
                    ));
                }
                j
            }
            None => None,
        };
        let Some(j) = j else {
            return Err(src.mismatch(
                Some(el.pos),
                domain_file,
                format!("issue `{name}` has no <item> for the value `{label}`"),
                "every value of a discrete issue needs <item value=… evaluation=…/>",
            ));
        };
        taken[j] = true;
        let item = items[j];
        let Some(raw) = item.attr("evaluation") else {
            return Err(src.invalid(
                Some(item.pos),
                format!("an `evaluation` attribute (issue `{name}`, value `{label}`)"),
                "none",
                "write <item … evaluation=\"…\"/> with a number ≥ 0",
            ));
        };
        let e = parse_f64(raw).filter(|e| *e >= 0.0).ok_or_else(|| {
            src.invalid(
                Some(item.pos),
                format!("a number ≥ 0 as evaluation (issue `{name}`, value `{label}`)"),
                format!("`{raw}`"),
                "Genius evaluations are non-negative numbers, divided by the issue's largest",
            )
        })?;
        evals.push(e);
    }
    let max = evals.iter().copied().fold(0.0f64, f64::max);
    if max < GENIUS_EVAL_EPS {
        return Ok(vec![0.0; evals.len()]);
    }
    Ok(evals.iter().map(|e| e / max).collect())
}

/// A linear evaluator: `offset + slope·(x − lb)` (integer style) or `p0 + p1·x` (real style).
enum Linear {
    SlopeOffset { slope: f64, offset: f64 },
    Params { p0: f64, p1: f64 },
    Constant(f64),
}

fn read_evaluator(src: &FileText, ev: &Elem, name: &str) -> Result<Linear, Error> {
    let num = |k: &str| -> Result<Option<f64>, Error> {
        match ev.attr(k) {
            None => Ok(None),
            Some(s) => parse_f64(s).map(Some).ok_or_else(|| {
                src.invalid(
                    Some(ev.pos),
                    format!("a number for `{k}` (issue `{name}`)"),
                    format!("`{s}`"),
                    "evaluator parameters are decimal numbers",
                )
            }),
        }
    };
    let ftype = ev.attr("ftype").map(|s| s.trim().to_ascii_lowercase());
    if let Some(f) = ftype.as_deref() {
        if !matches!(f, "linear" | "constant") {
            return Err(src.unsupported(
                Some(ev.pos),
                format!("evaluator ftype `{f}` (issue `{name}`)"),
                "accord imports linear and constant evaluators; convert the issue to a discrete one",
            ));
        }
    }
    let (slope, offset) = (num("slope")?, num("offset")?);
    let (p0, p1) = (num("parameter0")?, num("parameter1")?);
    if ftype.as_deref() == Some("constant") {
        return match p0.or(offset) {
            Some(c) => Ok(Linear::Constant(c)),
            None => Err(src.invalid(
                Some(ev.pos),
                format!("`parameter0` on the constant evaluator of issue `{name}`"),
                "none",
                "a constant evaluator is <evaluator ftype=\"constant\" parameter0=\"…\"/>",
            )),
        };
    }
    match (slope, offset, p0, p1) {
        (Some(slope), Some(offset), _, _) => Ok(Linear::SlopeOffset { slope, offset }),
        (_, _, Some(p0), Some(p1)) => Ok(Linear::Params { p0, p1 }),
        _ => Err(src.invalid(
            Some(ev.pos),
            format!("slope and offset (integer issue) or parameter0 and parameter1 (real issue) on the evaluator of `{name}`"),
            "an incomplete evaluator",
            "write <evaluator ftype=\"linear\" slope=\"…\" offset=\"…\"/> or <evaluator ftype=\"linear\" parameter0=\"…\" parameter1=\"…\"/>",
        )),
    }
}

fn linear_values(lin: &Linear, lb: f64, xs: impl Iterator<Item = f64>) -> Vec<f64> {
    xs.map(|x| {
        clamp01(match lin {
            Linear::SlopeOffset { slope, offset } => offset + slope * (x - lb),
            Linear::Params { p0, p1 } => p0 + p1 * x,
            Linear::Constant(c) => *c,
        })
    })
    .collect()
}

fn numeric_values(
    src: &FileText,
    el: &Elem,
    di: &DomIssue,
    domain_file: &str,
) -> Result<Vec<f64>, Error> {
    // The profile's bounds (Genius reads the evaluator's bounds from the profile) must be the domain's.
    if let Some((l, u, bpos)) = issue_bounds(el) {
        let same = match di.kind {
            DomKind::Integer { lb, ub } => parse_int(l) == Some(lb) && parse_int(u) == Some(ub),
            DomKind::Real { lb, ub } => parse_f64(l) == Some(lb) && parse_f64(u) == Some(ub),
            DomKind::Discrete { .. } => true,
        };
        if !same {
            return Err(src.mismatch(
                Some(bpos),
                domain_file,
                format!(
                    "issue `{}` has bounds [{l}, {u}] in the profile, not the domain's",
                    di.name
                ),
                "give the profile that belongs to this domain",
            ));
        }
    }
    let xs: Vec<f64> = di
        .issue
        .options
        .iter()
        .map(|o| o.value.unwrap_or(0.0))
        .collect();
    let Some(ev) = el.child("evaluator") else {
        // No evaluator: Genius's integer evaluator is then 0 everywhere.
        return Ok(vec![0.0; xs.len()]);
    };
    let lin = read_evaluator(src, ev, &di.name)?;
    let lb = match di.kind {
        DomKind::Integer { lb, .. } => lb as f64,
        DomKind::Real { lb, .. } => lb,
        DomKind::Discrete { .. } => 0.0,
    };
    Ok(linear_values(&lin, lb, xs.into_iter()))
}

fn read_weights(
    src: &FileText,
    obj: &Elem,
    dom: &Domain,
    warnings: &mut Vec<String>,
) -> Result<Vec<f64>, Error> {
    let mut weights: Vec<Option<f64>> = vec![None; dom.issues.len()];
    for w in obj.children_named("weight") {
        let Some(ix) = w.attr("index") else {
            return Err(src.invalid(
                Some(w.pos),
                "an `index` attribute on <weight>",
                "none",
                "weights are <weight index=\"issue index\" value=\"…\"/>",
            ));
        };
        let Ok(ix) = ix.trim().parse::<i64>() else {
            return Err(src.invalid(
                Some(w.pos),
                "an integer `index` on <weight>",
                format!("index=\"{ix}\""),
                "weights are matched to issues by their index attribute",
            ));
        };
        let (value, raw) = value_of(src, w, "issue weight")?;
        if value < 0.0 {
            return Err(src.invalid(
                Some(w.pos),
                "a weight ≥ 0",
                raw,
                "Genius weights are non-negative",
            ));
        }
        let Some(k) = dom.issues.iter().position(|i| i.index == ix) else {
            if ix == 0 {
                // A weight on the root objective carries no meaning for utilities.
                continue;
            }
            return Err(src.invalid(
                Some(w.pos),
                "a weight for an issue of the domain",
                format!("a weight for index {ix}, which no issue has"),
                "weights are matched to issues by their index attribute",
            ));
        };
        if weights[k].is_some() {
            return Err(src.invalid(
                Some(w.pos),
                "one weight per issue",
                format!("two weights for index {ix}"),
                "remove the duplicate <weight>",
            ));
        }
        weights[k] = Some(value);
    }
    let unweighted: Vec<&str> = dom
        .issues
        .iter()
        .zip(&weights)
        .filter(|(_, w)| w.is_none())
        .map(|(d, _)| d.name.as_str())
        .collect();
    let weights: Vec<f64> = weights.into_iter().map(|w| w.unwrap_or(0.0)).collect();
    let sum: f64 = weights.iter().sum();
    if !unweighted.is_empty() && sum > 0.0 {
        warnings.push(format!(
            "{}: no <weight> for issue(s) {}: they weigh 0 (Genius reports the mismatch and weighs them 0 too)",
            src.at(obj.pos),
            unweighted.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    if sum > 0.0 && (sum - 1.0).abs() > 1e-6 {
        warnings.push(format!(
            "{}: the issue weights sum to {sum}, not 1; Genius uses them as written (utilities up to {sum}), \
             this import divides them by {sum} so that utilities lie in [0, 1] (a reservation value keeps its number)",
            src.at(obj.pos)
        ));
    }
    if sum <= 0.0 || !sum.is_finite() {
        return Err(src.invalid(
            Some(obj.pos),
            "issue weights with a positive sum",
            if obj.child("weight").is_none() {
                "no <weight> element".to_string()
            } else {
                format!("weights summing to {sum}")
            },
            "an additive Genius profile has <weight index=\"i\" value=\"…\"/> for its issues inside <objective>",
        ));
    }
    Ok(weights.iter().map(|w| w / sum).collect())
}

/// A nonlinear (hyperRectangle) profile as interactions on a zero additive part.
fn nonlinear_profile(
    src: &FileText,
    utility: &Elem,
    dom: &Domain,
    warnings: &mut Vec<String>,
) -> Result<Vec<Interaction>, Error> {
    let max = match utility.attr("maxutility").and_then(parse_f64) {
        Some(m) if m > 0.0 => m,
        _ => {
            return Err(src.invalid(
                Some(utility.pos),
                "a positive `maxutility` attribute on <utility>",
                utility
                    .attr("maxutility")
                    .map_or("none".to_string(), |s| format!("`{s}`")),
                "Genius divides the summed rectangle utilities by maxutility",
            ))
        }
    };
    let ufuns: Vec<&Elem> = utility.children_named("ufun").collect();
    let [ufun] = ufuns.as_slice() else {
        return Err(src.unsupported(
            Some(utility.pos),
            format!("{} <ufun> elements in <utility>", ufuns.len()),
            "accord imports a nonlinear profile with exactly one <ufun aggregation=\"sum\">",
        ));
    };
    let agg = ufun.attr("aggregation").unwrap_or("sum").trim();
    let weight = ufun.attr("weight").map_or(Some(1.0), parse_f64);
    if !agg.eq_ignore_ascii_case("sum") || weight != Some(1.0) || ufun.child("ufun").is_some() {
        return Err(src.unsupported(
            Some(ufun.pos),
            "a <ufun> that is not a plain sum (aggregation other than sum, a weight other than 1, or nested ufuns)",
            "accord imports nonlinear profiles whose utility is a plain sum of hyperRectangles",
        ));
    }
    let mut out = Vec::new();
    for rect in ufun.children_named("hyperRectangle") {
        // Genius reads a rectangle with EXCLUDES bounds as exclusive (it
        // counts for the bids outside it), and then ignores its INCLUDES.
        let exclusive = rect.child("EXCLUDES").is_some();
        let bound_tag = if exclusive { "EXCLUDES" } else { "INCLUDES" };
        if exclusive {
            if let Some(inc) = rect.child("INCLUDES") {
                warnings.push(format!(
                    "{}: a hyperRectangle with both INCLUDES and EXCLUDES bounds; Genius reads it as exclusive, by its EXCLUDES bounds alone, and so does this import",
                    src.at(inc.pos)
                ));
            }
        }
        let u = rect.attr("utility").and_then(parse_f64).ok_or_else(|| {
            src.invalid(
                Some(rect.pos),
                "a numeric `utility` on <hyperRectangle>",
                rect.attr("utility").unwrap_or("none"),
                "each rectangle adds its utility when the bid lies inside it",
            )
        })?;
        let w = match rect.attr("weight") {
            None => 1.0,
            Some(s) => parse_f64(s).ok_or_else(|| {
                src.invalid(
                    Some(rect.pos),
                    "a numeric `weight` on <hyperRectangle>",
                    format!("`{s}`"),
                    "remove the weight or make it a number",
                )
            })?,
        };
        let mut clauses: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut empty = false;
        for inc in rect.children_named(bound_tag) {
            let bad = |what: &str| {
                src.invalid(
                    Some(inc.pos),
                    format!("{bound_tag} with integer index, min and max"),
                    what.to_string(),
                    if exclusive {
                        "write <EXCLUDES index=\"issue index\" min=\"…\" max=\"…\"/>"
                    } else {
                        "write <INCLUDES index=\"issue index\" min=\"…\" max=\"…\"/>"
                    },
                )
            };
            let ix = inc
                .attr("index")
                .and_then(|s| s.trim().parse::<i64>().ok())
                .ok_or_else(|| bad("a missing or non-integer index"))?;
            let lo = inc
                .attr("min")
                .and_then(parse_int)
                .ok_or_else(|| bad("a missing or non-integer min"))?;
            let hi = inc
                .attr("max")
                .and_then(parse_int)
                .ok_or_else(|| bad("a missing or non-integer max"))?;
            let Some(k) = dom.issues.iter().position(|i| i.index == ix) else {
                return Err(bad(&format!("index {ix}, which no issue has")));
            };
            if !matches!(dom.issues[k].kind, DomKind::Integer { .. }) {
                return Err(src.unsupported(
                    Some(inc.pos),
                    format!(
                        "a hyperRectangle bound on the non-integer issue `{}`",
                        dom.issues[k].name
                    ),
                    "Genius's hyperRectangles apply to integer issues only",
                ));
            }
            let allowed: Vec<usize> = dom.issues[k]
                .issue
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.value.is_some_and(|v| v >= lo as f64 && v <= hi as f64))
                .map(|(j, _)| j)
                .collect();
            if allowed.is_empty() {
                empty = true;
            }
            if let Some(c) = clauses.iter_mut().find(|(i, _)| *i == k) {
                c.1.retain(|j| allowed.contains(j));
                if c.1.is_empty() {
                    empty = true;
                }
            } else {
                clauses.push((k, allowed));
            }
        }
        let everywhere = || Condition {
            clauses: vec![(0, (0..dom.issues[0].issue.options.len()).collect())],
        };
        let bonus = u * w / max;
        clauses.sort_by_key(|(i, _)| *i);
        if exclusive {
            // Outside the box = everywhere minus inside it.
            out.push(Interaction {
                condition: everywhere(),
                bonus,
                reason: Some(format!(
                    "Genius hyperRectangle EXCLUDES (utility {u}), everywhere"
                )),
            });
            if !empty {
                out.push(Interaction {
                    condition: Condition { clauses },
                    bonus: -bonus,
                    reason: Some(format!(
                        "Genius hyperRectangle EXCLUDES (utility {u}), not inside it"
                    )),
                });
            }
            continue;
        }
        if empty {
            // A rectangle no bid lies in adds nothing.
            continue;
        }
        out.push(Interaction {
            condition: if clauses.is_empty() {
                // No bound: every bid lies inside.
                everywhere()
            } else {
                Condition { clauses }
            },
            bonus,
            reason: Some(format!("Genius hyperRectangle (utility {u})")),
        });
    }
    // Genius caps the utility at 1 (Σ / maxutility, then min(1, ·)): the
    // party's preferences say so (`capped`), and the analysis follows.
    Ok(out)
}

fn parse_profile(src: &FileText, dom: &Domain, domain_file: &str) -> Result<ProfileData, Error> {
    let root = parse_xml(src)?;
    let us = utility_space(src, &root)?;
    let obj = objective(src, us)?;
    let pels = match_issues(src, obj, dom, domain_file)?;

    let reservation = match find_top(us, obj, "reservation") {
        None => 0.0,
        Some(el) => {
            let (r, raw) = value_of(src, el, "reservation value")?;
            if !(0.0..=1.0).contains(&r) {
                return Err(src.invalid(
                    Some(el.pos),
                    "a reservation value in [0,1]",
                    raw,
                    "the reservation value is the utility of no agreement, on the 0–1 scale",
                ));
            }
            r
        }
    };
    let discount = match find_top(us, obj, "discount_factor") {
        None => None,
        Some(el) => Some(value_of(src, el, "discount factor")?.1),
    };
    let mut warnings = Vec::new();
    if let Some(el) = find_top(us, obj, "discount_factor") {
        let d = discount.as_deref().and_then(parse_f64);
        if d.is_some_and(|d| d > 0.0 && d < 1.0) {
            warnings.push(format!(
                "{}: the profile discounts utilities over time (discount factor {}); the analysis is of one moment and does not discount (the factor is kept in the party's metadata and exported back)",
                src.at(el.pos),
                discount.as_deref().unwrap_or("?")
            ));
        }
    }

    let nonlinear = obj.child("utility");
    if let Some(utility) = nonlinear {
        let interactions = nonlinear_profile(src, utility, dom, &mut warnings)?;
        let n = dom.issues.len();
        return Ok(ProfileData {
            values: dom
                .issues
                .iter()
                .map(|i| vec![0.0; i.issue.options.len()])
                .collect(),
            weights: vec![1.0 / n as f64; n],
            interactions,
            capped: true,
            reservation,
            discount,
            warnings,
        });
    }
    if us
        .attr("type")
        .map(|t| t.trim().eq_ignore_ascii_case("nonlinear"))
        == Some(true)
    {
        return Err(src.invalid(
            Some(obj.pos),
            "a <utility maxutility=…> element in a nonlinear utility space",
            "none",
            "a nonlinear Genius profile lists its hyperRectangles inside <utility><ufun>",
        ));
    }

    let mut values = Vec::with_capacity(dom.issues.len());
    for (di, el) in dom.issues.iter().zip(&pels) {
        let v = match &di.kind {
            DomKind::Discrete { labels } => {
                discrete_values(src, el, labels, &di.name, domain_file, &mut warnings)?
            }
            DomKind::Integer { .. } | DomKind::Real { .. } => {
                numeric_values(src, el, di, domain_file)?
            }
        };
        values.push(v);
    }
    let weights = read_weights(src, obj, dom, &mut warnings)?;
    Ok(ProfileData {
        values,
        weights,
        interactions: Vec::new(),
        capped: false,
        reservation,
        discount,
        warnings,
    })
}

/// Imports a Genius XML domain and its utility-space (profile) files, one party per profile.
///
/// See the module documentation and `docs/genius.md` for the semantics.
///
/// # Errors
///
/// [`Error::Input`], located in the file, for malformed XML, missing or
/// invalid elements, a profile that does not match the domain, unsupported
/// constructs, or numeric issues over [`MAX_NUMERIC_OPTIONS`](super::MAX_NUMERIC_OPTIONS)
/// values; [`Error::Invalid`] for bad options, no profiles, or an imported
/// scenario that fails [`Scenario::validate`].
pub fn import_genius(
    domain: &SourceFile,
    profiles: &[SourceFile],
    opts: &ImportOptions,
) -> Result<Scenario, Error> {
    import_genius_warned(domain, profiles, opts).map(|(s, _)| s)
}

/// [`import_genius`], with what the import read differently from the
/// files' apparent meaning (each warning names the file, line and column):
/// a discrete value a profile evaluates more than once (Genius, and this
/// import, keep the last evaluation); a value without an item, matched to
/// an item by index or position; issue weights that do not sum to 1
/// (divided by their sum) or an issue without a weight (0); a continuous
/// issue analysed on a grid; a discount factor the analysis ignores.
///
/// # Errors
///
/// As [`import_genius`].
pub fn import_genius_warned(
    domain: &SourceFile,
    profiles: &[SourceFile],
    opts: &ImportOptions,
) -> Result<(Scenario, Vec<String>), Error> {
    check_opts(opts)?;
    if profiles.is_empty() {
        return Err(no_profiles());
    }
    let dsrc = FileText::new(domain);
    let dom = parse_domain(&dsrc, opts)?;
    let mut parties = Vec::with_capacity(profiles.len());
    let mut preferences = Vec::with_capacity(profiles.len());
    let mut used = HashSet::new();
    let mut warnings = dom.warnings.clone();
    for pf in profiles {
        let src = FileText::new(pf);
        let data = parse_profile(&src, &dom, domain.name)?;
        warnings.extend(data.warnings.iter().cloned());
        parties.push(make_party(pf.stem, &mut used, &data));
        preferences.push(Preferences {
            weights: data.weights,
            values: data.values,
            red_lines: Vec::new(),
            interactions: data.interactions,
            capped: data.capped,
        });
    }
    let files = std::iter::once(domain.name)
        .chain(profiles.iter().map(|p| p.name))
        .collect::<Vec<_>>()
        .join(", ");
    let name = dom.name.clone().unwrap_or_else(|| domain.stem.to_string());
    let issues = dom.issues.into_iter().map(|d| d.issue).collect();
    let scenario = finish(
        name,
        format!("Imported from Genius: {files}"),
        files,
        issues,
        parties,
        preferences,
    )?;
    Ok((scenario, warnings))
}
