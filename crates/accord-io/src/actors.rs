//! Inputs for the forecasting models: KTAB's SMP CSV layout, a plain actor
//! CSV, a scenario's positioned issues, and validation sets.
//!
//! Formats: `docs/forecasting.md`.

// Errors are built once per bad input, on the way out: their size does not
// matter, and boxing them would only add noise.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use accord_core::forecast::{span, Actors, Case};
use accord_core::model::Scenario;

use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;

/// Actors of one forecast (one issue of a validation set): SMP and EUM take
/// time cubic in them. Checked as the file is read, so a huge file is
/// refused before anything is allocated for it.
pub const MAX_ACTORS: usize = 500;

/// Rows of one CSV file (a validation set lists every issue's actors).
pub const MAX_ROWS: usize = 100_000;

fn read(path: &Path) -> Result<SourceText, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    Ok(SourceText::new(path.display().to_string(), text))
}

/// A CSV record with the byte span of each field.
struct Row {
    line: usize,
    fields: Vec<(String, Range<usize>)>,
}

/// Splits CSV text into rows of trimmed fields with their spans (quotes
/// handled by the csv crate; empty trailing fields dropped).
fn rows(src: &SourceText) -> Result<Vec<Row>, InputError> {
    let text: &str = &src.text;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let pos = rec.position().map_or(0, |p| p.byte() as usize);
                let line = rec.position().map_or(0, |p| p.line() as usize);
                let mut fields = Vec::new();
                let mut at = pos;
                for f in rec.iter() {
                    let s = String::from_utf8_lossy(f).to_string();
                    // Locate the field in the line (fields follow each
                    // other); a field with `""` escapes is not found
                    // verbatim and is then located at the current place.
                    let start = text
                        .get(at..)
                        .and_then(|t| t.find(s.as_str()))
                        .map(|o| at + o);
                    let trimmed = s.trim().to_string();
                    match start {
                        Some(start) => {
                            let lead = s.len() - s.trim_start().len();
                            let a = start + lead;
                            fields.push((trimmed, a..a + s.trim().len()));
                            at = start + s.len();
                        }
                        None => fields.push((trimmed, at..at)),
                    }
                }
                while fields.last().is_some_and(|f| f.0.is_empty()) {
                    fields.pop();
                }
                if !fields.is_empty() {
                    if out.len() == MAX_ROWS {
                        let sp = fields[0].1.clone();
                        return Err(err(
                            src,
                            sp,
                            format!("the file has more than {MAX_ROWS} rows (the limit)"),
                            "split the file (docs/cli.md, \"Limits\")",
                        ));
                    }
                    out.push(Row { line, fields });
                }
            }
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                return Err(InputError {
                    source: src.clone(),
                    span: at..at + 1,
                    message: format!("this is not valid CSV: {e}"),
                    label: "here".into(),
                    help: None,
                });
            }
        }
    }
    Ok(out)
}

fn err(src: &SourceText, span: Range<usize>, message: String, help: &str) -> InputError {
    InputError {
        source: src.clone(),
        span,
        message,
        label: "here".into(),
        help: (!help.is_empty()).then(|| help.to_string()),
    }
}

fn number(
    src: &SourceText,
    f: &(String, Range<usize>),
    what: &str,
    min: f64,
) -> Result<f64, InputError> {
    match f.0.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= min => Ok(x),
        Ok(x) if x.is_finite() => Err(err(
            src,
            f.1.clone(),
            format!("{what} is {x}, below {min}"),
            "",
        )),
        _ => Err(err(
            src,
            f.1.clone(),
            format!("expected a number for {what}, found `{}`", f.0),
            "write a plain number such as 0.5",
        )),
    }
}

/// Adds an actor's name, which must not be taken yet.
fn add_name(
    src: &SourceText,
    names: &mut Vec<String>,
    f: &(String, Range<usize>),
) -> Result<(), InputError> {
    if names.contains(&f.0) {
        return Err(err(
            src,
            f.1.clone(),
            format!("actor `{}` is listed twice", f.0),
            "give every actor a distinct name",
        ));
    }
    if names.len() == MAX_ACTORS {
        return Err(err(
            src,
            f.1.clone(),
            format!("more than {MAX_ACTORS} actors (the limit)"),
            "SMP and EUM take time cubic in the actors; forecast fewer (docs/cli.md, \"Limits\")",
        ));
    }
    names.push(f.0.clone());
    Ok(())
}

/// A number in [min, 1e12] (beyond that, sums overflow to infinity).
fn bounded(
    src: &SourceText,
    f: &(String, Range<usize>),
    what: &str,
    min: f64,
) -> Result<f64, InputError> {
    let x = number(src, f, what, min)?;
    if x.abs() > 1e12 {
        return Err(err(
            src,
            f.1.clone(),
            format!("{what} {x} is too large (at most 1e12 in size)"),
            "rescale the column",
        ));
    }
    Ok(x)
}

/// Loads actors for a forecast: a `.csv` in KTAB's SMP layout or the plain
/// `actor,capability,position,salience` layout, or a scenario file whose
/// issues' options carry positions.
///
/// # Errors
///
/// A located error for a malformed file.
pub fn load_actors(path: &Path) -> Result<Actors, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext != "csv" {
        let s = crate::scenario::load_scenario(path)?;
        return from_scenario(&s);
    }
    parse_actors(&read(path)?)
}

/// Actors from CSV text (KTAB's SMP layout or
/// `actor,capability,position,salience`). Reads no file.
///
/// # Errors
///
/// A located error for malformed text.
pub fn parse_actors(src: &SourceText) -> Result<Actors, Error> {
    let rows = rows(src).map_err(|e| Error::Input(vec![e]))?;
    parse_csv(src, &rows).map_err(|e| Error::Input(vec![e]))
}

fn parse_csv(src: &SourceText, rows: &[Row]) -> Result<Actors, InputError> {
    let Some(first) = rows.first() else {
        return Err(err(
            src,
            0..0,
            "the file is empty".into(),
            "see docs/forecasting.md for the layouts",
        ));
    };
    let head: Vec<String> = first
        .fields
        .iter()
        .map(|f| f.0.to_ascii_lowercase())
        .collect();
    if head.len() == 4 && head == ["actor", "capability", "position", "salience"] {
        let mut names = Vec::new();
        let mut cap = Vec::new();
        let mut pos = Vec::new();
        let mut sal = Vec::new();
        for r in &rows[1..] {
            if r.fields.len() != 4 {
                let sp = r.fields[0].1.start..r.fields.last().map_or(0, |f| f.1.end);
                return Err(err(
                    src,
                    sp,
                    format!("line {} has {} fields, not 4", r.line, r.fields.len()),
                    "actor,capability,position,salience",
                ));
            }
            add_name(src, &mut names, &r.fields[0])?;
            cap.push(bounded(src, &r.fields[1], "the capability", 0.0)?);
            pos.push(vec![bounded(src, &r.fields[2], "the position", -1e12)?]);
            let sv = number(src, &r.fields[3], "the salience", 0.0)?;
            if sv > 1.0 {
                return Err(err(
                    src,
                    r.fields[3].1.clone(),
                    format!("salience {sv} is above 1"),
                    "saliences here are fractions from 0 to 1 (divide percentages by 100)",
                ));
            }
            sal.push(vec![sv]);
        }
        return finish(
            src,
            "actors".into(),
            names,
            vec!["position".into()],
            cap,
            pos,
            sal,
            None,
        );
    }
    // KTAB: name, description, nActors, nDims; a header; one row per actor.
    let bad_layout = || {
        err(
            src,
            first.fields.first().map_or(0..0, |f| f.1.clone()),
            "neither KTAB's SMP layout nor `actor,capability,position,salience`".into(),
            "KTAB: line 1 `name, description, nActors, nDims`, line 2 a header, then `actor, description, power, position_1, salience_1, ...`",
        )
    };
    if first.fields.len() < 4 {
        return Err(bad_layout());
    }
    let n_actors = first.fields[2]
        .0
        .parse::<usize>()
        .map_err(|_| bad_layout())?;
    let n_dims = first.fields[3]
        .0
        .parse::<usize>()
        .map_err(|_| bad_layout())?;
    if n_dims == 0 || n_dims > 1000 || n_actors > 100_000 {
        return Err(err(
            src,
            first.fields[2].1.start..first.fields[3].1.end,
            format!("{n_actors} actors and {n_dims} dimensions is not a case accord can take"),
            "between 1 and 1,000 dimensions and at most 100,000 actors",
        ));
    }
    let header = rows.get(1).ok_or_else(bad_layout)?;
    let dims: Vec<String> = (0..n_dims)
        .map(|d| {
            header
                .fields
                .get(3 + 2 * d)
                .map_or(format!("dimension {}", d + 1), |f| {
                    f.0.trim_end_matches("Position")
                        .trim_end_matches("position")
                        .trim()
                        .to_string()
                })
        })
        .collect();
    let body = &rows[2..];
    if body.len() != n_actors {
        let sp = first.fields[2].1.clone();
        return Err(err(
            src,
            sp,
            format!(
                "line 1 announces {n_actors} actors, the file lists {}",
                body.len()
            ),
            "fix the count or the rows",
        ));
    }
    let (mut names, mut cap, mut pos, mut sal) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in body {
        let want = 3 + 2 * n_dims;
        if r.fields.len() != want {
            let sp = r.fields[0].1.start..r.fields.last().map_or(0, |f| f.1.end);
            return Err(err(
                src,
                sp,
                format!("line {} has {} fields, not {want}", r.line, r.fields.len()),
                "actor, description, power, then a position and a salience per dimension",
            ));
        }
        add_name(src, &mut names, &r.fields[0])?;
        let c = number(src, &r.fields[2], "the power", 0.0)?;
        if c >= 1e8 {
            return Err(err(
                src,
                r.fields[2].1.clone(),
                format!("power {c} is too large (KTAB takes less than 1e8)"),
                "",
            ));
        }
        cap.push(c);
        let mut p = Vec::new();
        let mut s = Vec::new();
        for d in 0..n_dims {
            let x = number(src, &r.fields[3 + 2 * d], "a position", 0.0)?;
            if x > 100.0 {
                return Err(err(
                    src,
                    r.fields[3 + 2 * d].1.clone(),
                    format!("position {x} is outside KTAB's 0–100 scale"),
                    "",
                ));
            }
            p.push(x);
            // KTAB's saliences are percentages of the actor's attention.
            let sv = number(src, &r.fields[4 + 2 * d], "a salience", 0.0)?;
            if sv > 100.0 {
                return Err(err(
                    src,
                    r.fields[4 + 2 * d].1.clone(),
                    format!("salience {sv} is outside KTAB's 0–100 scale"),
                    "",
                ));
            }
            s.push(sv / 100.0);
        }
        // Half a point of slack for saliences rounded in the file.
        let total: f64 = s.iter().sum();
        if total > 1.005 + 1e-9 {
            let sp = r.fields[4].1.start..r.fields[2 + 2 * n_dims].1.end;
            return Err(err(
                src,
                sp,
                format!(
                    "the saliences of `{}` add up to {:.1}, more than 100",
                    r.fields[0].0,
                    total * 100.0
                ),
                "an actor's saliences are shares of its attention, at most 100 in all",
            ));
        }
        pos.push(p);
        sal.push(s);
    }
    let name = first.fields[0].0.clone();
    finish(
        src,
        name,
        names,
        dims,
        cap,
        pos,
        sal,
        Some(vec![(0.0, 100.0); n_dims]),
    )
}

#[allow(clippy::too_many_arguments)]
fn finish(
    src: &SourceText,
    name: String,
    names: Vec<String>,
    dims: Vec<String>,
    capability: Vec<f64>,
    position: Vec<Vec<f64>>,
    salience: Vec<Vec<f64>>,
    range: Option<Vec<(f64, f64)>>,
) -> Result<Actors, InputError> {
    if names.len() < 2 {
        return Err(err(
            src,
            0..0,
            "a forecast needs at least two actors".into(),
            "",
        ));
    }
    let range = range.unwrap_or_else(|| {
        (0..dims.len())
            .map(|d| span(position.iter().map(|p| p[d])))
            .collect()
    });
    Ok(Actors {
        name,
        names,
        dims,
        capability,
        position,
        salience,
        range,
        options: Vec::new(),
        capability_defaulted: false,
    })
}

/// Actors from a scenario: the parties, on every issue whose options all
/// carry a `position`. A party's position is that of the option it values
/// most (the mean position of tied options); its salience is its weight of
/// the issue; its capability is its `capability` metadata (1 without one).
///
/// # Errors
///
/// When no issue has positions on every option.
pub fn from_scenario(s: &Scenario) -> Result<Actors, Error> {
    let dims: Vec<usize> = (0..s.issues.len())
        .filter(|&i| s.issues[i].options.iter().all(|o| o.position.is_some()))
        .collect();
    if dims.is_empty() {
        return Err(Error::Invalid {
            message: format!("no issue of `{}` gives every option a position", s.name),
            help: Some("add `position = ...` to the options of the issues to forecast (docs/scenario-format.md)".into()),
        });
    }
    let mut position = Vec::new();
    let mut salience = Vec::new();
    let mut capability = Vec::new();
    for (p, party) in s.parties.iter().enumerate() {
        let prefs = &s.preferences[p];
        let mut pos = Vec::new();
        let mut sal = Vec::new();
        for &i in &dims {
            let best = prefs.values[i]
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            let tied: Vec<f64> = s.issues[i]
                .options
                .iter()
                .enumerate()
                .filter(|(o, _)| prefs.values[i][*o] >= best - 1e-12)
                .filter_map(|(_, o)| o.position)
                .collect();
            pos.push(tied.iter().sum::<f64>() / tied.len().max(1) as f64);
            sal.push(prefs.weights[i]);
        }
        position.push(pos);
        salience.push(sal);
        let cap = match party.metadata.iter().find(|(k, _)| k == "capability") {
            None => 1.0,
            Some((_, v)) => match v.parse::<f64>() {
                Ok(c) if c.is_finite() && (0.0..=1e12).contains(&c) => c,
                _ => {
                    return Err(Error::Invalid {
                        message: format!(
                            "the `capability` metadata of `{}` is `{v}`, not a number ≥ 0",
                            party.id
                        ),
                        help: Some("write e.g. metadata = { capability = 40 }".into()),
                    })
                }
            },
        };
        capability.push(cap);
    }
    let range = dims
        .iter()
        .map(|&i| span(s.issues[i].options.iter().filter_map(|o| o.position)))
        .collect();
    let capability_defaulted = s
        .parties
        .iter()
        .all(|p| !p.metadata.iter().any(|(k, _)| k == "capability"));
    Ok(Actors {
        name: s.name.clone(),
        names: s.parties.iter().map(|p| p.id.clone()).collect(),
        dims: dims.iter().map(|&i| s.issues[i].id.clone()).collect(),
        capability,
        position,
        salience,
        range,
        options: dims
            .iter()
            .map(|&i| {
                s.issues[i]
                    .options
                    .iter()
                    .filter_map(|o| o.position.map(|x| (o.id.clone(), o.label.clone(), x)))
                    .collect()
            })
            .collect(),
        capability_defaulted,
    })
}

/// A validation set: `issue,actor,capability,position,salience` and
/// `issue,outcome`, one case per issue (positions on any scale per issue).
///
/// # Errors
///
/// Located errors for malformed rows, an issue without an outcome, or an
/// outcome without actors.
pub fn load_validation(actors: &Path, outcomes: &Path) -> Result<Vec<(String, Case)>, Error> {
    parse_validation(&read(actors)?, &read(outcomes)?)
}

/// A validation set from the texts of its two CSV files. Reads no file.
///
/// # Errors
///
/// As [`load_validation`].
pub fn parse_validation(
    asrc: &SourceText,
    osrc: &SourceText,
) -> Result<Vec<(String, Case)>, Error> {
    let (actors, outcomes) = (&asrc.name, &osrc.name);
    let arows = rows(asrc).map_err(|e| Error::Input(vec![e]))?;
    let orows = rows(osrc).map_err(|e| Error::Input(vec![e]))?;
    let mut errors = Vec::new();
    let header = |src: &SourceText, r: Option<&Row>, want: &[&str]| -> Result<(), InputError> {
        let got: Vec<String> = r.map_or(Vec::new(), |r| {
            r.fields.iter().map(|f| f.0.to_ascii_lowercase()).collect()
        });
        if got != want {
            let sp = r.map_or(0..0, |r| {
                r.fields[0].1.start..r.fields.last().map_or(0, |f| f.1.end)
            });
            return Err(err(
                src,
                sp,
                format!("expected the header `{}`", want.join(",")),
                "",
            ));
        }
        Ok(())
    };
    header(
        asrc,
        arows.first(),
        &["issue", "actor", "capability", "position", "salience"],
    )
    .map_err(|e| Error::Input(vec![e]))?;
    header(osrc, orows.first(), &["issue", "outcome"]).map_err(|e| Error::Input(vec![e]))?;
    // Per issue: where it is first named, and (actor, capability, position, salience) rows.
    type Rows = (Range<usize>, Vec<(String, f64, f64, f64)>);
    let mut by_issue: BTreeMap<String, Rows> = BTreeMap::new();
    for r in &arows[1..] {
        if r.fields.len() != 5 {
            let sp = r.fields[0].1.start..r.fields.last().map_or(0, |f| f.1.end);
            errors.push(err(
                asrc,
                sp,
                format!("line {} has {} fields, not 5", r.line, r.fields.len()),
                "issue,actor,capability,position,salience",
            ));
            continue;
        }
        let vals = (
            bounded(asrc, &r.fields[2], "the capability", 0.0),
            bounded(asrc, &r.fields[3], "the position", -1e12),
            bounded(asrc, &r.fields[4], "the salience", 0.0),
        );
        match vals {
            (Ok(c), Ok(p), Ok(s)) => {
                let entry = by_issue
                    .entry(r.fields[0].0.clone())
                    .or_insert_with(|| (r.fields[0].1.clone(), Vec::new()));
                if entry.1.len() == MAX_ACTORS {
                    errors.push(err(
                        asrc,
                        r.fields[1].1.clone(),
                        format!(
                            "issue `{}` has more than {MAX_ACTORS} actors (the limit)",
                            r.fields[0].0
                        ),
                        "SMP and EUM take time cubic in the actors; score fewer",
                    ));
                    break;
                } else if entry.1.iter().any(|x| x.0 == r.fields[1].0) {
                    errors.push(err(
                        asrc,
                        r.fields[1].1.clone(),
                        format!(
                            "actor `{}` appears twice in issue `{}`",
                            r.fields[1].0, r.fields[0].0
                        ),
                        "",
                    ));
                } else {
                    entry.1.push((r.fields[1].0.clone(), c, p, s));
                }
            }
            (a, b, c) => errors.extend([a.err(), b.err(), c.err()].into_iter().flatten()),
        }
    }
    let mut outcome: BTreeMap<String, f64> = BTreeMap::new();
    for r in &orows[1..] {
        if r.fields.len() != 2 {
            let sp = r.fields[0].1.start..r.fields.last().map_or(0, |f| f.1.end);
            errors.push(err(
                osrc,
                sp,
                format!("line {} has {} fields, not 2", r.line, r.fields.len()),
                "issue,outcome",
            ));
            continue;
        }
        match number(osrc, &r.fields[1], "the outcome", f64::NEG_INFINITY) {
            Ok(x) => {
                if !by_issue.contains_key(&r.fields[0].0) {
                    errors.push(err(
                        osrc,
                        r.fields[0].1.clone(),
                        format!("issue `{}` has no actors in {}", r.fields[0].0, actors),
                        "",
                    ));
                }
                if outcome.insert(r.fields[0].0.clone(), x).is_some() {
                    errors.push(err(
                        osrc,
                        r.fields[0].1.clone(),
                        format!("issue `{}` has two outcomes", r.fields[0].0),
                        "give each issue one outcome",
                    ));
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let mut cases = Vec::new();
    for (issue, (named_at, list)) in by_issue {
        let Some(&o) = outcome.get(&issue) else {
            errors.push(err(
                asrc,
                named_at,
                format!("issue `{issue}` has no outcome in {}", outcomes),
                "",
            ));
            continue;
        };
        if list.len() < 2 {
            errors.push(err(
                asrc,
                named_at,
                format!("issue `{issue}` has fewer than two actors"),
                "",
            ));
            continue;
        }
        let names = list.iter().map(|x| x.0.clone()).collect();
        let capability = list.iter().map(|x| x.1).collect();
        let position: Vec<Vec<f64>> = list.iter().map(|x| vec![x.2]).collect();
        let salience = list.iter().map(|x| vec![x.3]).collect();
        let (lo, hi) = span(position.iter().map(|p| p[0]));
        if hi <= lo {
            errors.push(err(
                asrc,
                named_at,
                format!(
                    "every actor of issue `{issue}` holds the same position: nothing to forecast"
                ),
                "leave the issue out",
            ));
            continue;
        }
        cases.push((
            issue.clone(),
            Case {
                actors: Actors {
                    name: issue,
                    names,
                    dims: vec!["position".into()],
                    capability,
                    position,
                    salience,
                    range: vec![(lo, hi)],
                    options: Vec::new(),
                    capability_defaulted: false,
                },
                outcome: o,
            },
        ));
    }
    if errors.is_empty() && cases.is_empty() {
        errors.push(err(
            asrc,
            0..0,
            format!("{} lists no issue", actors),
            "one row per actor and issue after the header",
        ));
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(Error::Input(errors))
    }
}
