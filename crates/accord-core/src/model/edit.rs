//! Structural edits of a scenario: red lines switched off, options taken
//! out of issues (`--set PARTY.red_lines.N=off`, `--set ISSUE.options.O=off`).
//!
//! Options are referred to by index all over the model (packages, values,
//! costs, conditions, deals, distributions), so removing one renumbers every
//! later option of its issue everywhere at once. Both edits take every
//! removal at once, numbered as in the scenario *before* any of them, so
//! that removing the first and the second red line means the first and the
//! second as written, whatever the order they are named in.

use std::collections::BTreeSet;

use super::distribution::Target;
use super::preferences::Condition;
use super::scenario::Scenario;

/// A deal that a removed option took, and so was dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedDeal {
    /// The deal's id.
    pub id: String,
    /// The issue whose option it took (index before the removal).
    pub issue: usize,
    /// The removed option's id.
    pub option: String,
}

/// What [`remove_options`] changed beyond the options themselves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Removed {
    /// The deals on file that took a removed option, dropped from
    /// [`Scenario::deals`].
    pub deals: Vec<DroppedDeal>,
    /// How many observations named a package that took a removed option
    /// (dropped from [`Scenario::observations`]).
    pub observations: usize,
    /// Red lines (party, index before the removal) whose condition can no
    /// longer hold (a clause lost all its options), dropped.
    pub red_lines: Vec<(usize, usize)>,
    /// Interactions (party, index before the removal) that can no longer
    /// apply, dropped.
    pub interactions: Vec<(usize, usize)>,
}

/// Removes red lines, given as (party, index) with indices as they are
/// before the call. Indices out of range and repeats are ignored (the caller
/// checks them, with a location).
pub fn remove_red_lines(s: &mut Scenario, red_lines: &[(usize, usize)]) {
    let set: BTreeSet<(usize, usize)> = red_lines.iter().copied().collect();
    for (p, prefs) in s.preferences.iter_mut().enumerate() {
        let mut k = 0;
        prefs.red_lines.retain(|_| {
            let keep = !set.contains(&(p, k));
            k += 1;
            keep
        });
    }
}

/// Removes options, given as (issue, option) with indices as they are
/// before the call, and renumbers what follows them:
///
/// - every party's values and the mediator's costs of a removed option go;
/// - a condition's clause loses the removed options; a clause left with
///   none can never hold, so its red line or interaction is dropped (as
///   [`Removed`] says);
/// - deals on file that take a removed option are dropped ([`Removed`]);
/// - distributions on a removed option's value or cost go, as do those on
///   a dropped interaction's bonus; the others follow their option or
///   interaction to its new index.
///
/// Repeats are ignored. The caller makes sure that every issue keeps at
/// least one option and that the indices exist (with a location); an issue
/// left with no option fails [`Scenario::validate`].
pub fn remove_options(s: &mut Scenario, options: &[(usize, usize)]) -> Removed {
    let gone: BTreeSet<(usize, usize)> = options
        .iter()
        .copied()
        .filter(|&(i, o)| s.issues.get(i).is_some_and(|x| o < x.options.len()))
        .collect();
    let mut removed = Removed::default();
    if gone.is_empty() {
        return removed;
    }
    // new_index[i][o]: the option's index after the removal (None: removed).
    let new_index: Vec<Vec<Option<usize>>> = s
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            let mut next = 0;
            (0..issue.options.len())
                .map(|o| {
                    if gone.contains(&(i, o)) {
                        None
                    } else {
                        next += 1;
                        Some(next - 1)
                    }
                })
                .collect()
        })
        .collect();
    // Indices outside the scenario count as removed (a validated scenario
    // has none).
    let at = |i: usize, o: usize| new_index.get(i).and_then(|x| x.get(o)).copied().flatten();
    let keep = |i: usize, o: usize| at(i, o).is_some();
    let retain_options = |i: usize, v: &mut Vec<f64>| {
        let mut o = 0;
        v.retain(|_| {
            let k = keep(i, o);
            o += 1;
            k
        });
    };

    // Deals first: they name options by their old indices.
    let mut deals = Vec::with_capacity(s.deals.len());
    for mut d in std::mem::take(&mut s.deals) {
        match (0..d.package.len()).find(|&i| !keep(i, d.package[i])) {
            Some(i) => removed.deals.push(DroppedDeal {
                id: d.id,
                issue: i,
                option: s
                    .issues
                    .get(i)
                    .and_then(|x| x.options.get(d.package[i]))
                    .map_or_else(|| format!("#{}", d.package[i]), |x| x.id.clone()),
            }),
            None => {
                for (i, o) in d.package.iter_mut().enumerate() {
                    *o = at(i, *o).unwrap_or(*o);
                }
                deals.push(d);
            }
        }
    }
    s.deals = deals;
    // Observations of packages that take a removed option say nothing of
    // the scenario left: dropped, and counted.
    let before = s.observations.len();
    s.observations
        .retain(|x| (0..x.package.len()).all(|i| keep(i, x.package[i])));
    removed.observations = before - s.observations.len();
    for x in &mut s.observations {
        for (i, o) in x.package.iter_mut().enumerate() {
            *o = at(i, *o).unwrap_or(*o);
        }
    }

    for (i, issue) in s.issues.iter_mut().enumerate() {
        let mut o = 0;
        issue.options.retain(|_| {
            let k = keep(i, o);
            o += 1;
            k
        });
        if let Some(c) = &mut issue.cost {
            retain_options(i, c);
        }
        // The overrides refuse to remove a status quo; were it removed, the
        // scenario would fail validation rather than lose its owner.
        if let Some(w) = &mut issue.owner {
            if let Some(n) = at(i, w.status_quo) {
                w.status_quo = n;
            }
        }
    }

    // A condition renumbered; false when it can no longer hold.
    let renumber = |c: &mut Condition| -> bool {
        for (i, opts) in &mut c.clauses {
            let i = *i;
            *opts = opts.iter().filter_map(|&o| at(i, o)).collect();
            if opts.is_empty() {
                return false;
            }
        }
        true
    };
    // interaction_index[p][k]: the interaction's index after the removal.
    let mut interaction_index: Vec<Vec<Option<usize>>> = Vec::new();
    for (p, prefs) in s.preferences.iter_mut().enumerate() {
        for (i, v) in prefs.values.iter_mut().enumerate() {
            retain_options(i, v);
        }
        let mut k = 0;
        prefs.red_lines.retain_mut(|r| {
            let holds = renumber(&mut r.condition);
            if !holds {
                removed.red_lines.push((p, k));
            }
            k += 1;
            holds
        });
        let mut map = Vec::with_capacity(prefs.interactions.len());
        let mut next = 0;
        let mut k = 0;
        prefs.interactions.retain_mut(|it| {
            let holds = renumber(&mut it.condition);
            if holds {
                map.push(Some(next));
                next += 1;
            } else {
                map.push(None);
                removed.interactions.push((p, k));
            }
            k += 1;
            holds
        });
        interaction_index.push(map);
    }

    s.uncertainty.inputs.retain_mut(|x| {
        let moved = match x.target {
            Target::Value(p, i, o) => at(i, o).map(|o| Target::Value(p, i, o)),
            Target::Cost(i, o) => at(i, o).map(|o| Target::Cost(i, o)),
            Target::Bonus(p, k) => interaction_index
                .get(p)
                .and_then(|x| x.get(k))
                .copied()
                .flatten()
                .map(|k| Target::Bonus(p, k)),
            t => Some(t),
        };
        match moved {
            Some(t) => {
                x.target = t;
                true
            }
            None => false,
        }
    });
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::distribution::{Dist, Input};
    use crate::model::{
        Deal, Interaction, Issue, IssueKind, OptionDef, Party, Preferences, RedLine, Role,
    };

    /// Two parties; issue i0 with options o0, o1, o2, issue i1 with o0, o1.
    fn three_options() -> Scenario {
        let issue = |i: usize, n: usize| Issue {
            id: format!("i{i}"),
            name: format!("i{i}"),
            description: None,
            kind: IssueKind::Discrete,
            options: (0..n)
                .map(|o| OptionDef {
                    id: format!("o{o}"),
                    label: format!("o{o}"),
                    description: None,
                    position: None,
                    value: None,
                })
                .collect(),
            cost: None,
            owner: None,
        };
        let party = |p: usize| Party {
            id: format!("p{p}"),
            name: format!("p{p}"),
            role: Role::Principal,
            veto: true,
            reservation: 0.2,
            notes: None,
            metadata: vec![],
            pressure: None,
            ratification: None,
            imposed: 0.0,
        };
        let prefs = |p: usize| Preferences {
            weights: vec![0.5, 0.5],
            values: vec![vec![0.1 + 0.1 * p as f64, 0.5, 0.9], vec![1.0, 0.0]],
            red_lines: vec![],
            interactions: vec![],
            capped: false,
        };
        let mut s = Scenario {
            name: "edit".into(),
            description: None,
            tolerance: 1e-9,
            parties: vec![party(0), party(1)],
            issues: vec![issue(0, 3), issue(1, 2)],
            preferences: vec![prefs(0), prefs(1)],
            deals: vec![],
            budget: None,
            cost_unit: None,
            uncertainty: Default::default(),
            observations: Vec::new(),
        };
        s.issues[0].cost = Some(vec![1.0, 2.0, 3.0]);
        s.preferences[0].red_lines = vec![
            RedLine {
                condition: Condition {
                    clauses: vec![(0, vec![1])],
                },
                reason: Some("one".into()),
            },
            RedLine {
                condition: Condition {
                    clauses: vec![(0, vec![1, 2]), (1, vec![0])],
                },
                reason: Some("two".into()),
            },
        ];
        s.preferences[1].interactions = vec![
            Interaction {
                condition: Condition {
                    clauses: vec![(0, vec![1])],
                },
                bonus: 0.1,
                reason: None,
            },
            Interaction {
                condition: Condition {
                    clauses: vec![(0, vec![2])],
                },
                bonus: -0.1,
                reason: None,
            },
        ];
        let deal = |id: &str, o: usize| Deal {
            id: id.into(),
            name: id.into(),
            description: None,
            package: vec![o, 0],
        };
        s.deals = vec![deal("a", 0), deal("b", 1), deal("c", 2)];
        let input = |target, label: &str| Input {
            target,
            dist: Dist::Uniform { lo: 0.1, hi: 0.3 },
            factor: None,
            label: label.into(),
        };
        s.uncertainty.inputs = vec![
            input(Target::Value(0, 0, 1), "p0.values.i0.o1"),
            input(Target::Value(0, 0, 2), "p0.values.i0.o2"),
            input(Target::Cost(0, 2), "i0.cost.o2"),
            input(Target::Bonus(1, 0), "p1.interactions.0.bonus"),
            input(Target::Bonus(1, 1), "p1.interactions.1.bonus"),
        ];
        s
    }

    #[test]
    fn removing_an_option_renumbers_everything_indexed_by_it() {
        let mut s = three_options();
        let before = s.clone();
        let r = remove_options(&mut s, &[(0, 1)]);
        assert!(s.validate().is_ok());
        let ids: Vec<&str> = s.issues[0].options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["o0", "o2"]);
        assert_eq!(s.issues[0].cost, Some(vec![1.0, 3.0]));
        for p in 0..2 {
            let v = &before.preferences[p].values[0];
            assert_eq!(s.preferences[p].values[0], vec![v[0], v[2]]);
        }
        // Red line 1 named only the removed option: dropped. Red line 2
        // keeps option 2, now index 1.
        assert_eq!(r.red_lines, vec![(0, 0)]);
        assert_eq!(s.preferences[0].red_lines.len(), 1);
        assert_eq!(
            s.preferences[0].red_lines[0].condition.clauses,
            vec![(0, vec![1]), (1, vec![0])]
        );
        assert_eq!(r.interactions, vec![(1, 0)]);
        assert_eq!(s.preferences[1].interactions.len(), 1);
        assert_eq!(s.preferences[1].interactions[0].bonus, -0.1);
        // Deal b took the option: dropped; c follows its option.
        assert_eq!(
            r.deals,
            vec![DroppedDeal {
                id: "b".into(),
                issue: 0,
                option: "o1".into()
            }]
        );
        let deals: Vec<(&str, usize)> = s
            .deals
            .iter()
            .map(|d| (d.id.as_str(), d.package[0]))
            .collect();
        assert_eq!(deals, [("a", 0), ("c", 1)]);
        let targets: Vec<Target> = s.uncertainty.inputs.iter().map(|x| x.target).collect();
        assert_eq!(
            targets,
            [
                Target::Value(0, 0, 1),
                Target::Cost(0, 1),
                Target::Bonus(1, 0)
            ]
        );
    }

    #[test]
    fn removals_are_numbered_as_before_any_of_them() {
        let mut s = three_options();
        let r = remove_options(&mut s, &[(0, 2), (0, 1), (0, 2)]);
        assert_eq!(s.issues[0].options.len(), 1);
        assert_eq!(r.red_lines, vec![(0, 0), (0, 1)]);
        assert!(s.validate().is_ok());

        let mut s = three_options();
        remove_red_lines(&mut s, &[(0, 1), (0, 0)]);
        assert!(s.preferences[0].red_lines.is_empty());
        let mut s = three_options();
        remove_red_lines(&mut s, &[(0, 1), (0, 7)]);
        assert_eq!(s.preferences[0].red_lines[0].reason.as_deref(), Some("one"));
    }
}
