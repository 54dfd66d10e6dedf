//! `[[parties]]`: ids, roles, vetoes, reservation values, pressure.

use std::ops::Range;

use accord_core::model::distribution::Target;
use accord_core::model::{Party, Pressure, Role};

use super::reader::{get, Reader};
use crate::tree::{Node, Value};

impl Reader {
    pub(super) fn parties(&mut self, n: &Node) -> Vec<(Party, Range<usize>)> {
        let Some(items) = self.seq(n, "parties") else {
            return Vec::new();
        };
        let mut out: Vec<(Party, Range<usize>)> = Vec::new();
        let mut mediator: Option<String> = None;
        for item in items {
            let Some(m) = self.map(item, "a party") else {
                continue;
            };
            self.keys(
                m,
                &[
                    "id",
                    "name",
                    "role",
                    "veto",
                    "reservation",
                    "notes",
                    "metadata",
                    "pressure",
                    "ratification",
                ],
                "a party",
            );
            let Some((id, id_span, name)) = self.entity(m, &item.span, "party", |id| {
                out.iter().any(|(p, _)| p.id == id)
            }) else {
                continue;
            };
            let role = match self.req(m, "role", &item.span, &format!("party `{id}`")) {
                Some(r) => {
                    match self.string(r, "the role") {
                        Some(rs) => {
                            match Role::parse(&rs) {
                                Some(role) => role,
                                None => {
                                    self.err(r.span.clone(), format!("unknown role `{rs}`"), "unknown role", "the roles are principal, mediator, guarantor and stakeholder");
                                    continue;
                                }
                            }
                        }
                        None => continue,
                    }
                }
                None => continue,
            };
            if role == Role::Mediator {
                if let Some(other) = &mediator {
                    self.err(item.span.clone(), format!("`{id}` is a second mediator (after `{other}`)"), "second mediator", "a scenario has at most one mediator; make the other a stakeholder or guarantor");
                }
                mediator = Some(id.clone());
            }
            let veto = match get(m, "veto") {
                Some(v) => self.bool(v, "`veto`").unwrap_or(role.default_veto()),
                None => role.default_veto(),
            };
            let reservation = match self.req(m, "reservation", &item.span, &format!("party `{id}`"))
            {
                Some(v) => self
                    .uncertain(
                        v,
                        &format!("the reservation value of `{id}`"),
                        (0.0, 1.0),
                        Target::Reservation(out.len()),
                        format!("{id}.reservation"),
                    )
                    .unwrap_or(0.0),
                None => 0.0,
            };
            let (ratification, imposed) = match get(m, "ratification") {
                Some(v) => self.ratification(v, &id, out.len()),
                None => (None, 0.0),
            };
            let pressure = get(m, "pressure").and_then(|v| self.pressure(v, &id, out.len()));
            let notes = self.opt_string(m, "notes", "a party");
            let mut metadata = Vec::new();
            if let Some(md) = get(m, "metadata") {
                if let Some(mm) = self.map(md, "`metadata`") {
                    for (k, v) in mm {
                        let val = match &v.value {
                            Value::Str(s) => s.clone(),
                            Value::Int(i) => i.to_string(),
                            Value::Float(f) => f.to_string(),
                            Value::Bool(b) => b.to_string(),
                            _ => {
                                self.err(
                                    v.span.clone(),
                                    "metadata values are strings, numbers or booleans",
                                    "unsupported value",
                                    "",
                                );
                                continue;
                            }
                        };
                        metadata.push((k.name.clone(), val));
                    }
                }
            }
            out.push((
                Party {
                    id,
                    name,
                    role,
                    veto,
                    reservation,
                    notes,
                    metadata,
                    pressure,
                    ratification,
                    imposed,
                },
                id_span,
            ));
        }
        if items.is_empty() {
            self.err(
                n.span.clone(),
                "the scenario has no parties",
                "empty",
                "add at least one [[parties]] table",
            );
        }
        out
    }

    /// `ratification = T` or `ratification = { threshold = T, imposed = X }`:
    /// the threshold, and the share of the pressure that also lowers it.
    fn ratification(&mut self, n: &Node, id: &str, p: usize) -> (Option<f64>, f64) {
        let threshold = |r: &mut Self, v: &Node| {
            r.uncertain(
                v,
                &format!("the ratification threshold of `{id}`"),
                (0.0, 1.0),
                Target::Ratification(p),
                format!("{id}.ratification"),
            )
        };
        let Value::Map(_) = &n.value else {
            return (threshold(self, n), 0.0);
        };
        let what = format!("the ratification of `{id}`");
        let Some(m) = self.map(n, &what) else {
            return (None, 0.0);
        };
        self.keys(m, &["threshold", "imposed"], "`ratification`");
        let t = self
            .req(m, "threshold", &n.span, &what)
            .and_then(|v| threshold(self, v));
        let imposed = get(m, "imposed").and_then(|v| {
            self.uncertain(
                v,
                &format!("the imposed share of `{id}`"),
                (0.0, 1.0),
                Target::Imposed(p),
                format!("{id}.ratification.imposed"),
            )
        });
        (t, imposed.unwrap_or(0.0))
    }

    fn pressure(&mut self, n: &Node, id: &str, p: usize) -> Option<Pressure> {
        let m = self.map(n, &format!("the pressure on `{id}`"))?;
        self.keys(m, &["max", "cost"], "`pressure`");
        let what = format!("the pressure on `{id}`");
        let max = self.req(m, "max", &n.span, &what).and_then(|v| {
            self.uncertain(
                v,
                &format!("the largest pressure on `{id}`"),
                (0.0, 1.0),
                Target::PressureMax(p),
                format!("{id}.pressure.max"),
            )
        });
        let cost = self.req(m, "cost", &n.span, &what).and_then(|v| {
            self.uncertain(
                v,
                &format!("the cost of pressing `{id}`"),
                (0.0, f64::INFINITY),
                Target::PressureCost(p),
                format!("{id}.pressure.cost"),
            )
        });
        Some(Pressure {
            max: max?,
            cost: cost?,
        })
    }
}
