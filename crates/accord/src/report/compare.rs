//! `compare`: variants of a scenario side by side — each one's inputs and
//! `analyze` answer in brief, and every key on which they differ.
//!
//! A summary is built from the scenario and its [`AnalysisReport`] (nothing
//! is computed a second time); the differences are found by walking the
//! summaries as they are written in JSON, so that each difference's `key` is
//! the path of a value in every summary.

use std::sync::Arc;

use accord_core::model::Scenario;
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::input::Input;
use crate::observe::Observer;
use crate::report::analyze::{AnalysisReport, SolutionPoint};
use crate::report::scenario::{IssueSummary, PartySummary};
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Count, Id, Keyed, OptionValue, Package};
use crate::request::CompareRequest;
use crate::resolve::Ids;

/// A party's inputs: as every report echoes the party, plus the rest of
/// what the analysis reads of it.
#[derive(Debug, Clone, Serialize)]
pub struct PartyInputs {
    /// Id, name, role, veto and reservation value.
    #[serde(flatten)]
    pub party: PartySummary,
    /// Its ratification threshold (null without one).
    pub ratification: Option<f64>,
    /// The share of the pressure on it that also lowers that threshold.
    pub imposed: f64,
    /// The most the mediator can lower its reservation value (0 without a
    /// stick).
    pub pressure_max: f64,
    /// What doing all of that costs the mediator.
    pub pressure_cost: f64,
    /// Its normalised weight of each issue, by issue id.
    pub weights: Keyed<f64>,
    /// Its value of each option, by issue id, then option id.
    pub values: Keyed<Keyed<f64>>,
    /// The number of its red lines.
    pub red_lines: usize,
    /// The number of its interactions.
    pub interactions: usize,
}

/// The zone of possible agreement in brief, as `analyze` counts it.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneBrief {
    /// The number of its packages (an estimate when `exact` is false).
    pub count: Count,
    /// Whether it is empty (always exact).
    pub empty: bool,
    /// Whether `count` is exact.
    pub exact: bool,
}

/// A bargaining solution in brief.
#[derive(Debug, Clone, Serialize)]
pub struct SolutionBrief {
    /// The package.
    pub package: Package,
    /// Every party's utility of it.
    pub utilities: ByParty,
    /// What its incentives cost the mediator.
    pub incentive_cost: f64,
    /// Whether every veto party with a ratification threshold reaches it.
    pub ratified: bool,
}

impl From<&SolutionPoint> for SolutionBrief {
    fn from(s: &SolutionPoint) -> SolutionBrief {
        SolutionBrief {
            package: s.package.clone(),
            utilities: s.utilities.clone(),
            incentive_cost: s.incentive_cost,
            ratified: s.ratified,
        }
    }
}

/// The bargaining solutions in brief (null where `analyze` has none).
#[derive(Debug, Clone, Serialize)]
pub struct SolutionsBrief {
    /// The Nash solution.
    pub nash: Option<SolutionBrief>,
    /// The Kalai–Smorodinsky solution.
    pub kalai_smorodinsky: Option<SolutionBrief>,
    /// The egalitarian solution.
    pub egalitarian: Option<SolutionBrief>,
    /// The utilitarian solution.
    pub utilitarian: Option<SolutionBrief>,
    /// The mediator's pick.
    pub mediator: Option<SolutionBrief>,
}

/// A deal on file and its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct DealVerdict {
    /// Its display name.
    pub name: String,
    /// Whether every veto party accepts it.
    pub accepted: bool,
    /// The veto parties that reject it.
    pub rejected_by: Vec<Id>,
}

/// One scenario in brief: its inputs and its analysis.
#[derive(Debug, Clone, Serialize)]
pub struct VariantSummary {
    /// The scenario, as the caller named it (the file as given).
    pub file: String,
    /// The scenario's name.
    pub name: String,
    /// Its parties, by id.
    pub parties: Keyed<PartyInputs>,
    /// Its issues, by id.
    pub issues: Keyed<IssueSummary>,
    /// The mediator's budget (null: no limit).
    pub budget: Option<f64>,
    /// The mediator's cost of each option of each incentive issue, by issue
    /// id, then option id.
    pub costs: Keyed<Keyed<f64>>,
    /// The size of the outcome space.
    pub outcomes: Count,
    /// The zone of possible agreement.
    pub zopa: ZoneBrief,
    /// The issues settled inside the zone (exactly one option occurs in
    /// it), with that option.
    pub settled: Keyed<OptionValue>,
    /// The issues still open inside the zone (several options occur in it),
    /// with those options.
    pub open: Keyed<Vec<OptionValue>>,
    /// The bargaining solutions.
    pub solutions: SolutionsBrief,
    /// The deals on file, by id.
    pub deals: Keyed<DealVerdict>,
}

/// One key on which the scenarios differ.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The key's path in the summaries, ids included (`zopa.count`,
    /// `parties.ukraine.reservation`, `solutions.nash.package.donetsk`).
    pub key: String,
    /// Its value in each scenario, in the order of `scenarios` (null where
    /// a scenario lacks it).
    pub values: Vec<Value>,
}

/// The answer to `compare`.
#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// One summary per scenario, in the order given.
    pub scenarios: Vec<VariantSummary>,
    /// Every key whose value is not the same in every scenario, in the
    /// order of the summaries (inputs first, then results).
    pub differences: Vec<Difference>,
}

impl PartyInputs {
    fn new(s: &Scenario, p: usize, party: PartySummary) -> PartyInputs {
        let prefs = &s.preferences[p];
        let issue_id = |i: usize| -> Id { Arc::from(s.issues[i].id.as_str()) };
        PartyInputs {
            party,
            ratification: s.parties[p].ratification,
            imposed: s.parties[p].imposed,
            pressure_max: s.parties[p].pressure.map_or(0.0, |x| x.max),
            pressure_cost: s.parties[p].pressure.map_or(0.0, |x| x.cost),
            weights: Keyed(
                prefs
                    .weights
                    .iter()
                    .enumerate()
                    .map(|(i, &w)| (issue_id(i), w))
                    .collect(),
            ),
            values: Keyed(
                prefs
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, vs)| {
                        let options = &s.issues[i].options;
                        let by_option = vs
                            .iter()
                            .zip(options)
                            .map(|(&v, o)| (Arc::from(o.id.as_str()), v))
                            .collect();
                        (issue_id(i), Keyed(by_option))
                    })
                    .collect(),
            ),
            red_lines: prefs.red_lines.len(),
            interactions: prefs.interactions.len(),
        }
    }
}

impl VariantSummary {
    /// The summary of scenario `s` (named `file`) from its analysis.
    fn new(file: &str, s: &Scenario, a: &AnalysisReport) -> VariantSummary {
        let z = &a.zopa;
        let sol = &a.solutions;
        VariantSummary {
            file: file.to_string(),
            name: a.scenario.name.clone(),
            parties: Keyed(
                a.scenario
                    .parties
                    .iter()
                    .enumerate()
                    .map(|(p, x)| (x.id.clone(), PartyInputs::new(s, p, x.clone())))
                    .collect(),
            ),
            issues: Keyed(
                a.scenario
                    .issues
                    .iter()
                    .map(|x| (x.id.clone(), x.clone()))
                    .collect(),
            ),
            budget: s.budget,
            costs: Keyed(
                s.issues
                    .iter()
                    .filter_map(|i| {
                        let c = i.cost.as_ref()?;
                        Some((
                            Arc::from(i.id.as_str()),
                            Keyed(
                                i.options
                                    .iter()
                                    .zip(c)
                                    .map(|(o, &x)| (Arc::from(o.id.as_str()), x))
                                    .collect(),
                            ),
                        ))
                    })
                    .collect(),
            ),
            outcomes: a.outcomes.clone(),
            zopa: ZoneBrief {
                count: z.count.clone(),
                empty: z.empty,
                exact: z.exact,
            },
            settled: Keyed(
                z.issues
                    .iter()
                    .filter(|iz| iz.settled)
                    .filter_map(|iz| Some((iz.issue.clone(), iz.open.first()?.clone())))
                    .collect(),
            ),
            open: Keyed(
                z.issues
                    .iter()
                    .filter(|iz| !iz.settled && !iz.open.is_empty())
                    .map(|iz| (iz.issue.clone(), iz.open.clone()))
                    .collect(),
            ),
            solutions: SolutionsBrief {
                nash: sol.nash.as_ref().map(SolutionBrief::from),
                kalai_smorodinsky: sol.kalai_smorodinsky.as_ref().map(SolutionBrief::from),
                egalitarian: sol.egalitarian.as_ref().map(SolutionBrief::from),
                utilitarian: sol.utilitarian.as_ref().map(SolutionBrief::from),
                mediator: sol
                    .mediator
                    .as_ref()
                    .map(|m| SolutionBrief::from(&m.solution)),
            },
            deals: Keyed(
                a.deals
                    .iter()
                    .map(|d| {
                        (
                            d.id.clone(),
                            DealVerdict {
                                name: d.name.clone(),
                                accepted: d.evaluation.in_zopa,
                                rejected_by: d.evaluation.blocking.clone(),
                            },
                        )
                    })
                    .collect(),
            ),
        }
    }
}

/// The value at one path in every summary: `None` where a summary lacks
/// it (or has null there).
type Column<'a> = Vec<Option<&'a Value>>;

/// Collects the differences under `path`: where some summary has an object,
/// its keys (in order of first appearance) are walked; anything else is
/// compared whole.
fn walk(path: &mut Vec<String>, here: &Column<'_>, out: &mut Vec<Difference>) {
    let objects: Vec<&serde_json::Map<String, Value>> = here
        .iter()
        .filter_map(|v| match v {
            Some(Value::Object(m)) => Some(m),
            _ => None,
        })
        .collect();
    if !objects.is_empty() {
        let mut keys: Vec<&String> = Vec::new();
        for m in &objects {
            for k in m.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        for k in keys {
            let below: Column<'_> = here
                .iter()
                .map(|v| match v {
                    Some(Value::Object(m)) => m.get(k).filter(|x| !x.is_null()),
                    _ => None,
                })
                .collect();
            path.push(k.clone());
            walk(path, &below, out);
            path.pop();
        }
        return;
    }
    if here.iter().any(|v| *v != here[0]) {
        out.push(Difference {
            key: path.join("."),
            values: here
                .iter()
                .map(|v| v.cloned().unwrap_or(Value::Null))
                .collect(),
        });
    }
}

/// Every key on which the summaries differ (their files aside).
fn differences(summaries: &[VariantSummary]) -> Result<Vec<Difference>, Error> {
    let mut trees = Vec::with_capacity(summaries.len());
    for s in summaries {
        let v = serde_json::to_value(s)
            .map_err(|e| Error::output(format!("cannot compare the summaries: {e}")))?;
        // Everything but the file, in order.
        trees.push(match v {
            Value::Object(m) => Value::Object(m.into_iter().filter(|(k, _)| k != "file").collect()),
            v => v,
        });
    }
    let mut out = Vec::new();
    walk(&mut Vec::new(), &trees.iter().map(Some).collect(), &mut out);
    Ok(out)
}

/// Answers `compare`: each scenario analysed as `analyze` does (its
/// frontier over the veto parties only, which the summary does not use),
/// in the order given.
pub(crate) fn answer<S: AsRef<Input>>(
    scenarios: &[(String, S)],
    _req: &CompareRequest,
    observer: &dyn Observer,
) -> Result<CompareReport, Error> {
    if scenarios.len() < 2 {
        return Err(Error::usage(
            format!(
                "compare needs at least two scenarios, got {}",
                scenarios.len()
            ),
            Some(
                "copy the scenario file beside it, change a number in the copy, then \
                 e.g. accord compare scenario.toml variant.toml"
                    .into(),
            ),
        ));
    }
    let mut summaries = Vec::with_capacity(scenarios.len());
    for (file, input) in scenarios {
        let s = input.as_ref().scenario();
        let ids = Ids::new(s);
        let veto: Vec<String> = s
            .veto_parties()
            .iter()
            .map(|&p| s.parties[p].id.clone())
            .collect();
        let frontier = (!veto.is_empty()).then_some(veto.as_slice());
        let a = crate::report::analyze::answer(&ids, frontier, 1, false, observer)?;
        summaries.push(VariantSummary::new(file, s, &a));
    }
    let differences = differences(&summaries)?;
    Ok(CompareReport {
        schema_version: SCHEMA_VERSION,
        scenarios: summaries,
        differences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).expect("JSON")
    }

    fn diff(trees: &[Value]) -> Vec<(String, Vec<Value>)> {
        let mut out = Vec::new();
        walk(&mut Vec::new(), &trees.iter().map(Some).collect(), &mut out);
        out.into_iter().map(|d| (d.key, d.values)).collect()
    }

    #[test]
    fn equal_trees_have_no_differences() {
        let a = parse(r#"{"x": {"y": [1, 2], "z": null}, "n": 1.5}"#);
        assert!(diff(&[a.clone(), a]).is_empty());
    }

    #[test]
    fn differences_name_the_path_and_every_value() {
        let a = parse(r#"{"zopa": {"count": 3, "empty": false}, "s": null, "o": ["a", "b"]}"#);
        let b = parse(r#"{"zopa": {"count": 0, "empty": true}, "s": {"p": "x"}, "o": ["a"]}"#);
        let c = parse(r#"{"zopa": {"count": 3, "empty": false}, "o": ["a", "b"], "new": 1}"#);
        let values = |text: &str| match parse(text) {
            Value::Array(xs) => xs,
            _ => panic!("not an array"),
        };
        assert_eq!(
            diff(&[a, b, c]),
            vec![
                ("zopa.count".into(), values("[3, 0, 3]")),
                ("zopa.empty".into(), values("[false, true, false]")),
                ("s.p".into(), values(r#"[null, "x", null]"#)),
                ("o".into(), values(r#"[["a", "b"], ["a"], ["a", "b"]]"#)),
                ("new".into(), values("[null, null, 1]")),
            ]
        );
    }
}
