//! `evaluate`: what a concrete proposal does to each party.

use accord_core::analysis::evaluate::Evaluation;
use accord_core::model::RESERVED_ISSUE_ID;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::report::value::{ByParty, Id, Keyed, OptionValue, Package};
use crate::resolve::Ids;

/// A red line a package crosses.
#[derive(Debug, Clone, Serialize)]
pub struct RedLineHit {
    /// Its position in the party's list (from 0).
    pub index: usize,
    /// Why the party holds it, as written in the scenario.
    pub reason: Option<String>,
}

/// What one issue's option costs a party against its best option there.
#[derive(Debug, Clone, Serialize)]
pub struct IssueLoss {
    /// The issue.
    pub issue: Id,
    /// The option the package takes.
    pub option: OptionValue,
    /// weight × (best value − this value).
    pub loss: f64,
}

/// An interaction that applies to a package.
#[derive(Debug, Clone, Serialize)]
pub struct InteractionHit {
    /// Its position in the party's list (from 0).
    pub index: usize,
    /// Its bonus (negative: a penalty).
    pub bonus: f64,
    /// Why, as written in the scenario.
    pub reason: Option<String>,
}

/// Where a party's utility of a package comes from: per issue, in issue
/// order, `weight × value` of the option the package takes, and the sum of
/// the interaction bonuses that apply. Written as one JSON object,
/// `{issue_id: number, …, "interactions": number}`, whose values add up to
/// the party's utility.
#[derive(Debug, Clone)]
pub struct Contributions {
    /// weight × value per issue, keyed by issue id.
    pub issues: Keyed<f64>,
    /// The sum of the bonuses of the interactions that apply (0 when none).
    pub interactions: f64,
}

impl Serialize for Contributions {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(self.issues.len() + 1))?;
        for (k, v) in self.issues.iter() {
            m.serialize_entry(k, v)?;
        }
        // No issue is called this (`RESERVED_ISSUE_ID`).
        m.serialize_entry(RESERVED_ISSUE_ID, &self.interactions)?;
        m.end()
    }
}

/// An owner whose acceptance a package needs.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerNeeded {
    /// The owner.
    pub party: Id,
    /// The issues it owns that the package moves from their status quo.
    pub moved: Vec<Id>,
}

/// One party's verdict on a package.
#[derive(Debug, Clone, Serialize)]
pub struct PartyVerdict {
    /// The party.
    pub party: Id,
    /// Whether its acceptance is needed.
    pub veto: bool,
    /// Its utility of the package.
    pub utility: f64,
    /// Its reservation value.
    pub reservation: f64,
    /// utility − reservation.
    pub margin: f64,
    /// Whether it accepts (no red line crossed, margin ≥ −ε).
    pub accepts: bool,
    /// Its ratification threshold, if it has one.
    pub ratification: Option<f64>,
    /// Whether it would ratify (null without a threshold).
    pub ratifies: Option<bool>,
    /// The red lines the package crosses.
    pub red_lines: Vec<RedLineHit>,
    /// The issues where it loses most, largest first.
    pub costs: Vec<IssueLoss>,
    /// The interactions that apply.
    pub interactions: Vec<InteractionHit>,
    /// Where its utility comes from, issue by issue (they add up to `utility`).
    pub contributions: Contributions,
    /// Its utility with its best option on every issue, interactions aside:
    /// Σ weight × best value (`costs` are what the package gives up of it).
    pub ideal: f64,
}

/// A package evaluated for every party.
#[derive(Debug, Clone, Serialize)]
pub struct DealEvaluation {
    /// The package.
    pub package: Package,
    /// Whether every veto party accepts.
    pub in_zopa: bool,
    /// The veto parties that reject.
    pub blocking: Vec<Id>,
    /// Parties without a veto whose acceptance the deal needs, because it
    /// moves issues they own from their status quo.
    pub owners_needed: Vec<OwnerNeeded>,
    /// The veto parties that accept but would not ratify.
    pub unratified: Vec<Id>,
    /// What the package's incentives cost the mediator.
    pub incentive_cost: f64,
    /// Every party's utility.
    pub utilities: ByParty,
    /// Every party's margin.
    pub margins: ByParty,
    /// Every party's verdict, in party order.
    pub parties: Vec<PartyVerdict>,
}

impl DealEvaluation {
    pub(crate) fn new(ids: &Ids, e: &Evaluation) -> DealEvaluation {
        let s = ids.s;
        DealEvaluation {
            package: ids.package(&e.package),
            in_zopa: e.in_zopa,
            blocking: ids.parties(&e.blocking),
            owners_needed: e
                .owners_needed
                .iter()
                .map(|&p| OwnerNeeded {
                    party: ids.party(p),
                    moved: (0..ids.s.issues.len())
                        .filter(|&i| {
                            ids.s.issues[i]
                                .owner
                                .is_some_and(|w| w.party == p && w.status_quo != e.package[i])
                        })
                        .map(|i| ids.issue(i))
                        .collect(),
                })
                .collect(),
            unratified: ids.parties(&e.unratified),
            incentive_cost: s.incentive_cost(&e.package),
            utilities: ids.by_party(&e.parties.iter().map(|v| v.utility).collect::<Vec<_>>()),
            margins: ids.by_party(&e.parties.iter().map(|v| v.margin).collect::<Vec<_>>()),
            parties: e
                .parties
                .iter()
                .map(|v| {
                    let prefs = &s.preferences[v.party];
                    let party = &s.parties[v.party];
                    PartyVerdict {
                        party: ids.party(v.party),
                        veto: party.veto,
                        utility: v.utility,
                        reservation: party.reservation,
                        margin: v.margin,
                        accepts: v.accepts,
                        ratification: party.ratification,
                        ratifies: v.ratifies,
                        red_lines: v
                            .red_lines
                            .iter()
                            .map(|&k| RedLineHit {
                                index: k,
                                reason: prefs.red_lines[k].reason.clone(),
                            })
                            .collect(),
                        costs: v
                            .costs
                            .iter()
                            .map(|&(i, c)| IssueLoss {
                                issue: ids.issue(i),
                                option: ids.option(i, e.package[i]),
                                loss: c,
                            })
                            .collect(),
                        interactions: v
                            .interactions
                            .iter()
                            .map(|&(k, b)| InteractionHit {
                                index: k,
                                bonus: b,
                                reason: prefs.interactions[k].reason.clone(),
                            })
                            .collect(),
                        contributions: Contributions {
                            issues: Keyed(
                                v.contributions
                                    .iter()
                                    .enumerate()
                                    .map(|(i, &c)| (ids.issue(i), c))
                                    .collect(),
                            ),
                            interactions: v.interaction_total,
                        },
                        ideal: v.ideal,
                    }
                })
                .collect(),
        }
    }
}

/// A deal as reports name it.
#[derive(Debug, Clone, Serialize)]
pub struct DealRef {
    /// Its id (for an inline deal, the text given).
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its description, if the scenario gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The answer to `evaluate`.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationReport {
    /// [`crate::report::schema::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The evaluation.
    #[serde(flatten)]
    pub evaluation: DealEvaluation,
    /// The deal evaluated.
    pub deal: DealRef,
    /// What `--change` changed in the deal (null without a change).
    pub change: Option<crate::report::change::ChangeReport>,
}

/// Answers `evaluate`.
pub(crate) fn answer(
    session: &crate::input::Input,
    ids: &Ids,
    deal: &str,
    change: Option<&str>,
) -> Result<EvaluationReport, crate::error::Error> {
    let plan = session.plan(ids, deal, change)?;
    let d = plan.deal;
    let e = accord_core::analysis::evaluate::evaluate(session.scenario(), &d.package);
    Ok(EvaluationReport {
        schema_version: crate::report::schema::SCHEMA_VERSION,
        evaluation: DealEvaluation::new(ids, &e),
        deal: DealRef {
            id: d.id,
            name: d.name,
            description: d.description,
        },
        change: plan.change,
    })
}
