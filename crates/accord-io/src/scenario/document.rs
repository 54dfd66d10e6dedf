//! The top level of a scenario file: `[scenario]`, the tables in order,
//! `[mediation]`, deals and the deal files it lists, observations.

use accord_core::model::distribution::{Target, Uncertainty};
use accord_core::model::{Preferences, Scenario, DEFAULT_TOLERANCE};

use super::deals::DealFiles;
use super::hint::did_you_mean;
use super::observations;
use super::reader::{get, Index, Reader};
use crate::tree::Node;

impl Reader {
    pub(super) fn scenario(
        &mut self,
        root: &Node,
    ) -> Option<(Scenario, DealFiles, Vec<observations::Pending>)> {
        let top = self.map(root, "the scenario file")?;
        self.keys(
            top,
            &[
                "scenario",
                "parties",
                "issues",
                "preferences",
                "deals",
                "deal_files",
                "mediation",
                "observations",
            ],
            "the scenario file",
        );
        let whole = root.span.clone();
        // [scenario]
        let (mut name, mut description, mut tolerance) = (String::new(), None, DEFAULT_TOLERANCE);
        if let Some(n) = self.req(top, "scenario", &(0..0), "the scenario file") {
            if let Some(m) = self.map(n, "[scenario]") {
                self.keys(m, &["name", "description", "tolerance"], "[scenario]");
                if let Some(v) = self.req(m, "name", &n.span, "[scenario]") {
                    name = self.string(v, "the scenario name").unwrap_or_default();
                }
                description = self.opt_string(m, "description", "[scenario]");
                if let Some(v) = get(m, "tolerance") {
                    if let Some(t) = self.number(v, "`tolerance`") {
                        if (0.0..0.01).contains(&t) {
                            tolerance = t;
                        } else {
                            self.err(v.span.clone(), format!("tolerance {t} is outside [0, 0.01)"), "out of range", "the tolerance absorbs floating-point rounding; 1e-9 is the default");
                        }
                    }
                }
            }
        }
        let parties = match self.req(top, "parties", &whole, "the scenario file") {
            Some(n) => self.parties(n),
            None => Vec::new(),
        };
        let issues = match self.req(top, "issues", &whole, "the scenario file") {
            Some(n) => {
                let ids: Vec<&str> = parties.iter().map(|(p, _)| p.id.as_str()).collect();
                self.issues(n, &ids)
            }
            None => Vec::new(),
        };
        let (mut budget, mut cost_unit) = (None, None);
        if let Some(n) = get(top, "mediation") {
            if let Some(m) = self.map(n, "[mediation]") {
                self.keys(m, &["budget", "unit"], "[mediation]");
                if let Some(v) = get(m, "budget") {
                    budget = self.uncertain(
                        v,
                        "the mediator's budget",
                        (0.0, f64::INFINITY),
                        Target::Budget,
                        "mediation.budget".into(),
                    );
                }
                cost_unit = self.opt_string(m, "unit", "[mediation]");
            }
        }
        if parties.is_empty() || issues.is_empty() {
            return None;
        }
        let s0 = Scenario {
            name,
            description,
            tolerance,
            parties: parties.iter().map(|(p, _)| p.clone()).collect(),
            issues: issues.iter().map(|(i, _)| i.clone()).collect(),
            preferences: Vec::new(),
            deals: Vec::new(),
            budget,
            cost_unit,
            uncertainty: Default::default(),
            observations: Vec::new(),
        };
        let index = Index::of(&s0);
        let mut prefs: Vec<Option<Preferences>> = vec![None; s0.parties.len()];
        if let Some(n) = self.req(top, "preferences", &whole, "the scenario file") {
            if let Some(m) = self.map(n, "[preferences]") {
                for (k, v) in m {
                    match s0.party_index(&k.name) {
                        Some(p) => {
                            if prefs[p].is_some() {
                                self.err(
                                    k.span.clone(),
                                    format!("preferences of `{}` given twice", k.name),
                                    "duplicate",
                                    "give each party's preferences once",
                                );
                            }
                            prefs[p] = self.preferences(v, &k.name, p, &s0, &index);
                        }
                        None => {
                            let hint = did_you_mean(
                                &k.name,
                                s0.parties.iter().map(|p| p.id.as_str()),
                                "parties",
                            );
                            self.err(
                                k.span.clone(),
                                format!("preferences for unknown party `{}`", k.name),
                                "unknown party",
                                hint,
                            );
                        }
                    }
                }
                for (p, pr) in prefs.iter().enumerate() {
                    if pr.is_none() && !m.iter().any(|(k, _)| k.name == s0.parties[p].id) {
                        let span = parties[p].1.clone();
                        self.err(
                            span,
                            format!("party `{}` has no preferences", s0.parties[p].id),
                            "no [preferences] for this party",
                            format!(
                                "add a [preferences.{}] table with weights and values",
                                s0.parties[p].id
                            ),
                        );
                    }
                }
            }
        }
        let mut s = s0;
        if prefs.iter().any(Option::is_none) {
            return None;
        }
        s.preferences = prefs.into_iter().flatten().collect();
        let mut raw_weights = vec![None; s.parties.len()];
        for (p, raw) in std::mem::take(&mut self.raw_weights) {
            raw_weights[p] = Some(raw);
        }
        s.uncertainty = Uncertainty {
            inputs: std::mem::take(&mut self.inputs),
            raw_weights,
        };
        if let Some(n) = get(top, "deals") {
            if let Some(items) = self.seq(n, "deals") {
                for item in items {
                    if let Some(d) = self.deal(item, &index, &s, "a deal") {
                        if s.deals.iter().any(|x| x.id == d.id) {
                            self.err(
                                item.span.clone(),
                                format!("deal id `{}` is used twice", d.id),
                                "duplicate id",
                                "give every deal a distinct id",
                            );
                        } else {
                            s.deals.push(d);
                        }
                    }
                }
            }
        }
        let pending = match get(top, "observations") {
            Some(n) => self.observations(n, &s, &index),
            None => Vec::new(),
        };
        let mut files = Vec::new();
        if let Some(n) = get(top, "deal_files") {
            if let Some(items) = self.seq(n, "deal_files") {
                for item in items {
                    if let Some(f) = self.string(item, "a deal file path") {
                        files.push((f, item.span.clone()));
                    }
                }
            }
        }
        if let Err(e) = s.validate() {
            // Should not happen after the checks above; report it plainly.
            self.err(0..0, e.to_string(), "here", "");
        }
        Some((s, files, pending))
    }
}
