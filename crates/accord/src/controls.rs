//! The numbers of a scenario a what-if can move, each with the `--set` path
//! that moves it: what the workbench's sliders and switches are made of.

use accord_core::model::Scenario;
use serde::Serialize;

/// One number a what-if can set: `--set PATH=VALUE` with VALUE in
/// `[min, max]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Control {
    /// The `--set` path (docs/cli.md, "Overrides").
    pub path: String,
    /// The party it belongs to, or `mediation`.
    pub group: String,
    /// What it is, in words.
    pub label: String,
    /// Its value in the scenario.
    pub value: f64,
    /// The least value.
    pub min: f64,
    /// The greatest value.
    pub max: f64,
    /// A step a slider moves by.
    pub step: f64,
}

/// A red line a what-if can switch off: `--set PATH=off`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Switch {
    /// The `--set` path.
    pub path: String,
    /// The party whose red line it is.
    pub group: String,
    /// The red line, in words (its reason, or its number).
    pub label: String,
}

/// Every number and red line of a scenario a what-if can move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Controls {
    /// Reservation values, ratification thresholds, the mediator's sticks
    /// and budget, and each party's weights.
    pub controls: Vec<Control>,
    /// The red lines, each of which can be switched off.
    pub red_lines: Vec<Switch>,
}

fn unit(path: String, group: &str, label: String, value: f64) -> Control {
    Control {
        path,
        group: group.to_string(),
        label,
        value,
        min: 0.0,
        max: 1.0,
        step: 0.01,
    }
}

impl Controls {
    /// The controls of a scenario, party by party in the file's order.
    pub fn of(s: &Scenario) -> Controls {
        let mut controls = Vec::new();
        let mut red_lines = Vec::new();
        for (p, party) in s.parties.iter().enumerate() {
            let id = &party.id;
            controls.push(unit(
                format!("{id}.reservation"),
                id,
                format!("{}: reservation value", party.name),
                party.reservation,
            ));
            if let Some(t) = party.ratification {
                controls.push(unit(
                    format!("{id}.ratification"),
                    id,
                    format!("{}: ratification threshold", party.name),
                    t,
                ));
            }
            if let Some(pr) = party.pressure {
                controls.push(unit(
                    format!("{id}.pressure.max"),
                    id,
                    format!("{}: most pressure the mediator can apply", party.name),
                    pr.max,
                ));
            }
            if let Some(pref) = s.preferences.get(p) {
                for (i, issue) in s.issues.iter().enumerate() {
                    // As the overrides see it: an issue a party neither
                    // weighs nor values cannot be given a weight.
                    let weight = pref.weights.get(i).copied().unwrap_or(0.0);
                    let has_values = weight > 0.0
                        || pref
                            .values
                            .get(i)
                            .is_some_and(|v| v.iter().any(|x| *x != 0.0));
                    if has_values {
                        controls.push(unit(
                            format!("{id}.weights.{}", issue.id),
                            id,
                            format!("{}: weight of {}", party.name, issue.name),
                            pref.weights.get(i).copied().unwrap_or(0.0),
                        ));
                    }
                }
                for (k, r) in pref.red_lines.iter().enumerate() {
                    red_lines.push(Switch {
                        path: format!("{id}.red_lines.{}", k + 1),
                        group: id.clone(),
                        label: r
                            .reason
                            .clone()
                            .unwrap_or_else(|| format!("red line {}", k + 1)),
                    });
                }
            }
        }
        if let Some(b) = s.budget {
            controls.push(Control {
                path: "mediation.budget".into(),
                group: "mediation".into(),
                label: match &s.cost_unit {
                    Some(u) => format!("Mediator's budget ({u})"),
                    None => "Mediator's budget".into(),
                },
                value: b,
                min: 0.0,
                max: (2.0 * b).max(1.0),
                step: if b >= 10.0 { 0.5 } else { 0.1 },
            });
        }
        Controls {
            controls,
            red_lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_is_a_path_the_overrides_take() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/ukraine-2025/scenario.toml");
        let s = accord_io::scenario::load_scenario(&path).unwrap();
        let c = Controls::of(&s);
        assert!(c.controls.iter().any(|c| c.path == "russia.reservation"));
        assert!(c.controls.iter().any(|c| c.path == "mediation.budget"));
        assert!(!c.red_lines.is_empty());
        let sets: Vec<String> = c
            .controls
            .iter()
            .map(|c| format!("{}={}", c.path, c.value))
            .chain(c.red_lines.iter().map(|r| format!("{}=off", r.path)))
            .collect();
        for set in &sets {
            let mut t = s.clone();
            accord_io::overrides::apply_overrides(&mut t, std::slice::from_ref(set))
                .unwrap_or_else(|e| panic!("{set}: {}", e.plain()));
        }
    }
}
