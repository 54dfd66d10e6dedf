//! Result writers: JSON (schema in `docs/output-schema.md`) and CSV.
//!
//! Writers only present what the engine computed; they turn indices into the
//! scenario's ids and keep numeric options numeric.

use accord_core::analysis::{Analysis, SolutionReport};
use accord_core::evaluate::Evaluation;
use accord_core::model::Scenario;
use num_bigint::BigUint;
use serde_json::{json, Map, Number, Value};

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

/// An exact integer as a JSON number (arbitrary precision).
pub fn big(n: &BigUint) -> Value {
    match n.to_string().parse::<Number>() {
        Ok(x) => Value::Number(x),
        Err(_) => Value::String(n.to_string()),
    }
}

/// A float as JSON (non-finite values become null).
pub fn num(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// The JSON value of option `o` of issue `i`: the id, or the number for numeric issues.
pub fn option_value(s: &Scenario, i: usize, o: usize) -> Value {
    let opt = &s.issues[i].options[o];
    match opt.value {
        Some(x) if s.issues[i].kind.is_numeric() => {
            if x.fract() == 0.0 && x.abs() < 9e15 {
                Value::Number(Number::from(x as i64))
            } else {
                num(x)
            }
        }
        _ => Value::String(opt.id.clone()),
    }
}

/// `{issue_id: option}` for a package.
pub fn package(s: &Scenario, p: &[usize]) -> Value {
    let mut m = Map::new();
    for (i, &o) in p.iter().enumerate() {
        m.insert(s.issues[i].id.clone(), option_value(s, i, o));
    }
    Value::Object(m)
}

/// `{party_id: number}` for values indexed by party.
pub fn by_party(s: &Scenario, xs: &[f64]) -> Value {
    let mut m = Map::new();
    for (p, x) in xs.iter().enumerate() {
        m.insert(s.parties[p].id.clone(), num(*x));
    }
    Value::Object(m)
}

/// The scenario's parties and issues, as echoed in every report.
pub fn scenario_summary(s: &Scenario) -> Value {
    json!({
        "name": s.name,
        "parties": s.parties.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "role": p.role.as_str(),
            "veto": p.veto,
            "reservation": num(p.reservation),
        })).collect::<Vec<_>>(),
        "issues": s.issues.iter().enumerate().map(|(i, x)| json!({
            "id": x.id,
            "name": x.name,
            "type": x.kind.as_str(),
            "options": (0..x.options.len()).map(|o| option_value(s, i, o)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn solution(s: &Scenario, r: &Option<SolutionReport>) -> Value {
    match r {
        None => Value::Null,
        Some(r) => json!({
            "package": package(s, &r.package),
            "utilities": by_party(s, &r.utilities),
            "margins": by_party(s, &r.margins),
            "value": num(r.value),
        }),
    }
}

/// The deal evaluations included in `analyze` output.
pub fn deals_json(s: &Scenario, evals: &[(String, String, Evaluation)]) -> Value {
    Value::Array(
        evals
            .iter()
            .map(|(id, name, e)| {
                let mut v = evaluation_json(s, e);
                if let Value::Object(m) = &mut v {
                    m.insert("id".into(), Value::String(id.clone()));
                    m.insert("name".into(), Value::String(name.clone()));
                }
                v
            })
            .collect(),
    )
}

/// `accord analyze --json` as one JSON value (see [`AnalysisReport`] to
/// write large results without building the value).
pub fn analysis_json(s: &Scenario, a: &Analysis, deals: &[(String, String, Evaluation)]) -> Value {
    let mut v = analysis_head(s, a, deals);
    let points: Vec<Value> = a.pareto.iter().map(|p| point_json(s, p)).collect();
    v["pareto"]["points"] = Value::Array(points);
    v
}

fn point_json(s: &Scenario, p: &accord_core::analysis::ParetoPoint) -> Value {
    json!({
        "package": package(s, &p.package),
        "utilities": by_party(s, &p.utilities),
        "packages": big(&p.count),
        "zopa_packages": p.zopa_count.as_ref().map_or(Value::Null, big),
        "more_packages": p.more_packages.iter().map(|q| package(s, q)).collect::<Vec<_>>(),
    })
}

/// Everything of `analyze --json` but `pareto.points` (an empty array).
fn analysis_head(s: &Scenario, a: &Analysis, deals: &[(String, String, Evaluation)]) -> Value {
    let outcomes_f = a
        .outcomes
        .to_string()
        .parse::<f64>()
        .unwrap_or(f64::INFINITY);
    let zopa_f = a
        .zopa_count
        .to_string()
        .parse::<f64>()
        .unwrap_or(f64::INFINITY);
    let zopa_issues: Vec<Value> = a
        .zopa_issues
        .iter()
        .map(|iz| {
            let open = iz.open_options();
            json!({
                "issue": s.issues[iz.issue].id,
                "settled": iz.settled(),
                "open": open.iter().map(|&o| option_value(s, iz.issue, o)).collect::<Vec<_>>(),
                "options": iz.option_counts.iter().enumerate().map(|(o, n)| json!({
                    "option": option_value(s, iz.issue, o),
                    "count": big(n),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let points: Vec<Value> = Vec::new();
    let mut sols = Map::new();
    for (k, r) in &a.solutions {
        sols.insert(k.key().to_string(), solution(s, r));
    }
    let mediator = match &a.mediator {
        None => Value::Null,
        Some((m, r)) => {
            let mut v = solution(s, r);
            if let Value::Object(o) = &mut v {
                o.insert("party".into(), Value::String(s.parties[*m].id.clone()));
            }
            v
        }
    };
    sols.insert("mediator".into(), mediator);
    json!({
        "schema_version": SCHEMA_VERSION,
        "scenario": scenario_summary(s),
        "tolerance": num(s.tolerance),
        "outcomes": big(&a.outcomes),
        "compound_issues": a.compound.iter().map(|g| g.iter().map(|&i| s.issues[i].id.clone()).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "zopa": {
            "count": big(&a.zopa_count),
            "empty": a.zopa_empty,
            "exact": a.zopa_method.exact(),
            "method": a.zopa_method.name(),
            "interval": match &a.zopa_method {
                accord_core::zopa::Method::Sampled { low, high, .. } => json!([big(low), big(high)]),
                _ => Value::Null,
            },
            "samples": match &a.zopa_method {
                accord_core::zopa::Method::Sampled { samples, .. } => json!(samples),
                _ => Value::Null,
            },
            "share": num(if outcomes_f > 0.0 { zopa_f / outcomes_f } else { 0.0 }),
            "veto_parties": s.veto_parties().iter().map(|&p| s.parties[p].id.clone()).collect::<Vec<_>>(),
            "frontier_points": a.zopa_frontier_points,
            "issues": zopa_issues,
        },
        "pareto": {
            "parties": a.frontier_parties.iter().map(|&p| s.parties[p].id.clone()).collect::<Vec<_>>(),
            "count": big(&a.pareto_count),
            "distinct": a.pareto.len(),
            "points": points,
        },
        "solutions": Value::Object(sols),
        "deals": deals_json(s, deals),
        "stats": {
            "merge_sizes": a.merge_sizes,
            "seconds": {
                "compile": num(a.timings.compile),
                "zopa": num(a.timings.zopa),
                "frontier": num(a.timings.frontier),
                "solutions": num(a.timings.solutions),
            }
        }
    })
}

/// `accord evaluate --json`.
pub fn evaluation_json(s: &Scenario, e: &Evaluation) -> Value {
    json!({
        "package": package(s, &e.package),
        "in_zopa": e.in_zopa,
        "blocking": e.blocking.iter().map(|&p| s.parties[p].id.clone()).collect::<Vec<_>>(),
        "unratified": e.unratified.iter().map(|&p| s.parties[p].id.clone()).collect::<Vec<_>>(),
        "incentive_cost": num(s.incentive_cost(&e.package)),
        "utilities": by_party(s, &e.parties.iter().map(|v| v.utility).collect::<Vec<_>>()),
        "margins": by_party(s, &e.parties.iter().map(|v| v.margin).collect::<Vec<_>>()),
        "parties": e.parties.iter().map(|v| {
            let prefs = &s.preferences[v.party];
            json!({
                "party": s.parties[v.party].id,
                "veto": s.parties[v.party].veto,
                "utility": num(v.utility),
                "reservation": num(s.parties[v.party].reservation),
                "margin": num(v.margin),
                "accepts": v.accepts,
                "ratification": s.parties[v.party].ratification.map(num),
                "ratifies": v.ratifies,
                "red_lines": v.red_lines.iter().map(|&k| json!({
                    "index": k,
                    "reason": prefs.red_lines[k].reason,
                })).collect::<Vec<_>>(),
                "costs": v.costs.iter().map(|&(i, c)| json!({
                    "issue": s.issues[i].id,
                    "option": option_value(s, i, e.package[i]),
                    "loss": num(c),
                })).collect::<Vec<_>>(),
                "interactions": v.interactions.iter().map(|&(k, b)| json!({
                    "index": k,
                    "bonus": num(b),
                    "reason": prefs.interactions[k].reason,
                })).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
    })
}

/// Escapes one CSV field.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The frontier as CSV: one row per distinct point; columns `point`, one per
/// party (`u_<id>`), `packages`, `zopa_packages`, then one per issue.
pub fn frontier_csv(s: &Scenario, a: &Analysis) -> String {
    let mut out = String::new();
    let mut head = vec!["point".to_string()];
    head.extend(s.parties.iter().map(|p| csv_field(&format!("u_{}", p.id))));
    head.push("packages".into());
    head.push("zopa_packages".into());
    head.extend(s.issues.iter().map(|i| csv_field(&i.id)));
    out.push_str(&head.join(","));
    out.push('\n');
    for (k, p) in a.pareto.iter().enumerate() {
        let mut row = vec![(k + 1).to_string()];
        row.extend(p.utilities.iter().map(|u| format!("{u}")));
        row.push(p.count.to_string());
        row.push(
            p.zopa_count
                .as_ref()
                .map_or(String::new(), |z| z.to_string()),
        );
        row.extend(
            p.package
                .iter()
                .enumerate()
                .map(|(i, &o)| csv_field(&s.issues[i].options[o].id)),
        );
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// `accord analyze --json` written straight to a serializer: the frontier's
/// points (which may number in the hundreds of thousands) are serialized one
/// by one, never built as a JSON value. Same output as [`analysis_json`].
pub struct AnalysisReport<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// Evaluations of the scenario's deals.
    pub deals: &'a [(String, String, Evaluation)],
    /// Peak memory, written as `stats.peak_memory_bytes` (null when unknown).
    pub peak_memory_bytes: Option<u64>,
    /// Only these top-level keys, in report order (all when `None`).
    pub only: Option<&'a [&'a str]>,
}

impl serde::Serialize for AnalysisReport<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut head = analysis_head(self.scenario, self.analysis, self.deals);
        head["stats"]["peak_memory_bytes"] = json!(self.peak_memory_bytes);
        let mut map = ser.serialize_map(None)?;
        if let Value::Object(entries) = &head {
            for (k, v) in entries {
                if self.only.is_some_and(|o| !o.contains(&k.as_str())) {
                    continue;
                }
                if k == "pareto" {
                    map.serialize_entry(
                        k,
                        &ParetoSer {
                            head: v,
                            report: self,
                        },
                    )?;
                } else {
                    map.serialize_entry(k, v)?;
                }
            }
        }
        map.end()
    }
}

struct ParetoSer<'a> {
    head: &'a Value,
    report: &'a AnalysisReport<'a>,
}

impl serde::Serialize for ParetoSer<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Points<'a>(&'a AnalysisReport<'a>);
        impl serde::Serialize for Points<'_> {
            fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                let mut seq = ser.serialize_seq(Some(self.0.analysis.pareto.len()))?;
                for p in &self.0.analysis.pareto {
                    seq.serialize_element(&PointSer {
                        s: self.0.scenario,
                        p,
                    })?;
                }
                seq.end()
            }
        }
        let mut map = ser.serialize_map(None)?;
        if let Value::Object(entries) = self.head {
            for (k, v) in entries {
                if k == "points" {
                    map.serialize_entry(k, &Points(self.report))?;
                } else {
                    map.serialize_entry(k, v)?;
                }
            }
        }
        map.end()
    }
}

struct PointSer<'a> {
    s: &'a Scenario,
    p: &'a accord_core::analysis::ParetoPoint,
}

impl serde::Serialize for PointSer<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Pkg<'a>(&'a Scenario, &'a [usize]);
        impl serde::Serialize for Pkg<'_> {
            fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                let mut m = ser.serialize_map(Some(self.1.len()))?;
                for (i, &o) in self.1.iter().enumerate() {
                    let issue = &self.0.issues[i];
                    let opt = &issue.options[o];
                    match opt.value {
                        Some(x)
                            if issue.kind.is_numeric() && x.fract() == 0.0 && x.abs() < 9e15 =>
                        {
                            m.serialize_entry(&issue.id, &(x as i64))?
                        }
                        Some(x) if issue.kind.is_numeric() => m.serialize_entry(&issue.id, &x)?,
                        _ => m.serialize_entry(&issue.id, &opt.id)?,
                    }
                }
                m.end()
            }
        }
        struct Utils<'a>(&'a Scenario, &'a [f64]);
        impl serde::Serialize for Utils<'_> {
            fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                let mut m = ser.serialize_map(Some(self.1.len()))?;
                for (p, u) in self.1.iter().enumerate() {
                    m.serialize_entry(&self.0.parties[p].id, &num(*u))?;
                }
                m.end()
            }
        }
        let (s, p) = (self.s, self.p);
        let mut m = ser.serialize_map(Some(5))?;
        m.serialize_entry("package", &Pkg(s, &p.package))?;
        m.serialize_entry("utilities", &Utils(s, &p.utilities))?;
        m.serialize_entry("packages", &big(&p.count))?;
        m.serialize_entry(
            "zopa_packages",
            &p.zopa_count.as_ref().map_or(Value::Null, big),
        )?;
        let more: Vec<Pkg<'_>> = p.more_packages.iter().map(|q| Pkg(s, q)).collect();
        m.serialize_entry("more_packages", &more)?;
        m.end()
    }
}
