//! The compiled scenario and its compilation.

use super::group::Group;
use super::union_find::UnionFind;
use crate::model::{ModelError, Scenario};

/// Largest number of option combinations allowed in one compound group.
pub const MAX_GROUP_OPTIONS: usize = 1 << 20;

/// The scenario in dense, decomposed form.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Number of parties.
    pub n_parties: usize,
    /// Number of issues.
    pub n_issues: usize,
    /// The independent groups; every issue is in exactly one.
    pub groups: Vec<Group>,
    /// For each issue: (group index, position inside the group).
    pub issue_group: Vec<(usize, usize)>,
    /// Reservation value per party.
    pub reservation: Vec<f64>,
    /// Veto flag per party.
    pub veto: Vec<bool>,
    /// Tolerance ε.
    pub tolerance: f64,
    /// The mediator's incentive cost of each option of each group
    /// (`costs[g][o]`); `None` when no issue is an incentive.
    pub costs: Option<Vec<Vec<f64>>>,
    /// Largest credible lowering of each party's reservation value (0: no stick).
    pub pressure_max: Vec<f64>,
    /// The mediator's cost per unit of lowering, per party.
    pub pressure_rate: Vec<f64>,
    /// Ratification threshold per party, if any.
    pub ratification: Vec<Option<f64>>,
    /// The share of the pressure on each party that also lowers its
    /// ratification threshold.
    pub imposed: Vec<f64>,
    /// The mediator's budget, if limited.
    pub budget: Option<f64>,
    /// One rule per party that owns some issue, in party order (see
    /// [`OwnerRule`]).
    pub owners: Vec<OwnerRule>,
    /// Per group: the interactions that hold for each of its options, as
    /// (option, party, interaction index) in that order (structure: which
    /// condition holds does not depend on the numbers).
    bonus_terms: Vec<Vec<(u32, u32, u32)>>,
    /// Per party: the numbers its utilities were last filled from (weights,
    /// values, bonuses, flat) and its utility range then; a refill skips a
    /// party whose numbers did not change (a Monte Carlo sample usually
    /// draws a few parties' numbers only).
    filled: Vec<(Vec<f64>, (f64, f64))>,
    /// The issues' costs the costs were last filled from (flat).
    filled_costs: Option<Vec<f64>>,
}

/// A party that must deliver some issues: a package that moves any of them
/// away from its status quo needs the party's acceptance
/// (`docs/definitions.md`, "Who must deliver").
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerRule {
    /// The owning party.
    pub party: usize,
    /// `moves[g][o]`: whether option o of group g moves one of the party's
    /// issues away from its status quo.
    pub moves: Vec<Vec<bool>>,
}

impl OwnerRule {
    /// Whether a package (one option per group) moves one of the party's
    /// issues away from its status quo.
    pub fn moved(&self, choice: &[usize]) -> bool {
        choice.iter().enumerate().any(|(g, &o)| self.moves[g][o])
    }
}

/// An owner's conditional veto as one question applies it: rule `rule` of
/// [`Compiled::owners`], with the least utility at which the owner accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OwnerCondition {
    /// Index into [`Compiled::owners`].
    pub rule: usize,
    /// The owner's utility must reach this (within ε) when its issues move.
    pub bound: f64,
}

impl Compiled {
    /// Compiles a validated scenario.
    ///
    /// # Errors
    ///
    /// [`ModelError::Invalid`] if the scenario breaks an invariant,
    /// [`ModelError::CompoundTooLarge`] if tied issues exceed
    /// [`MAX_GROUP_OPTIONS`] combinations, [`ModelError::OutOfScale`] if
    /// interactions take a party's utility outside \[0,1\] for some package.
    pub fn new(s: &Scenario) -> Result<Compiled, ModelError> {
        s.validate()?;
        let n_issues = s.issues.len();
        let n_parties = s.parties.len();
        let mut uf = UnionFind::tied(s);
        // Groups ordered by their smallest issue.
        let mut root_to_group = vec![usize::MAX; n_issues];
        let mut members: Vec<Vec<usize>> = Vec::new();
        for i in 0..n_issues {
            let r = uf.find(i);
            if root_to_group[r] == usize::MAX {
                root_to_group[r] = members.len();
                members.push(Vec::new());
            }
            members[root_to_group[r]].push(i);
        }
        let mut issue_group = vec![(0, 0); n_issues];
        for (g, issues) in members.iter().enumerate() {
            for (k, &i) in issues.iter().enumerate() {
                issue_group[i] = (g, k);
            }
        }
        let mut groups = Vec::with_capacity(members.len());
        let mut bonus_terms = Vec::with_capacity(members.len());
        for (g, issues) in members.into_iter().enumerate() {
            let radices: Vec<usize> = issues.iter().map(|&i| s.issues[i].options.len()).collect();
            let mut size: u128 = 1;
            for &r in &radices {
                size = size.saturating_mul(r as u128);
            }
            if size > MAX_GROUP_OPTIONS as u128 {
                return Err(ModelError::CompoundTooLarge {
                    issues: issues
                        .iter()
                        .map(|&i| s.issues[i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    size,
                    limit: MAX_GROUP_OPTIONS,
                });
            }
            let n_options = size as usize;
            let mut group = Group {
                issues,
                radices,
                n_options,
                utils: vec![0.0; n_options * n_parties],
                n_parties,
                vetoed: vec![false; n_options * n_parties],
            };
            // A scratch package: only the group's issues are read by the
            // conditions that belong to this group.
            let mut scratch = vec![0usize; n_issues];
            let mut terms = Vec::new();
            for o in 0..n_options {
                group.set_scratch(o, &mut scratch);
                for (p, prefs) in s.preferences.iter().enumerate() {
                    group.vetoed[o * n_parties + p] = prefs.red_lines.iter().any(|r| {
                        uf_group_of(&issue_group, &r.condition) == Some(g)
                            && r.condition.holds(&scratch)
                    });
                    for (k, it) in prefs.interactions.iter().enumerate() {
                        if uf_group_of(&issue_group, &it.condition) == Some(g)
                            && it.condition.holds(&scratch)
                        {
                            terms.push((o as u32, p as u32, k as u32));
                        }
                    }
                }
            }
            groups.push(group);
            bonus_terms.push(terms);
        }
        let mut compiled = Compiled {
            n_parties,
            n_issues,
            groups,
            issue_group,
            reservation: Vec::new(),
            veto: Vec::new(),
            tolerance: s.tolerance,
            costs: None,
            pressure_max: Vec::new(),
            pressure_rate: Vec::new(),
            ratification: Vec::new(),
            imposed: Vec::new(),
            budget: s.budget,
            owners: Vec::new(),
            bonus_terms,
            filled: Vec::new(),
            filled_costs: None,
        };
        compiled.owners = (0..n_parties)
            .filter(|&p| {
                s.issues
                    .iter()
                    .any(|i| i.owner.is_some_and(|w| w.party == p))
            })
            .map(|p| OwnerRule {
                party: p,
                moves: compiled
                    .groups
                    .iter()
                    .map(|g| {
                        (0..g.n_options)
                            .map(|o| {
                                g.issues.iter().enumerate().any(|(k, &i)| {
                                    s.issues[i].owner.is_some_and(|w| {
                                        w.party == p && g.digit(o, k) != w.status_quo
                                    })
                                })
                            })
                            .collect()
                    })
                    .collect(),
            })
            .collect();
        compiled.fill(s)?;
        Ok(compiled)
    }

    /// Recompiles the numbers of `s`, a scenario with the structure of the
    /// one compiled (the same parties, issues, options, red lines and
    /// interaction conditions, owners and status quo; any numbers: weights,
    /// values, bonuses, reservation values, thresholds, costs, pressure,
    /// budget), reusing the groups: what [`Compiled::new`] gives for `s`,
    /// in a fraction of its time (Monte Carlo samples differ only in
    /// numbers). Only the numbers are validated: the structure is the
    /// compiled one's, validated when it was compiled. A party's utilities
    /// are recomputed only when its weights, values or bonuses changed.
    ///
    /// # Errors
    ///
    /// As [`Compiled::new`] for the numbers: [`ModelError::Invalid`] and
    /// [`ModelError::OutOfScale`].
    pub fn renumber(&mut self, s: &Scenario) -> Result<(), ModelError> {
        s.validate_numbers()?;
        debug_assert_eq!(
            (s.parties.len(), s.issues.len()),
            (self.n_parties, self.n_issues)
        );
        self.fill(s)
    }

    /// The numbers: every group option's utility per party, the costs and
    /// every per-party number; then the 0–1 scale check.
    fn fill(&mut self, s: &Scenario) -> Result<(), ModelError> {
        let n_parties = self.n_parties;
        let mut scratch = vec![0usize; self.n_issues];
        let mut digits = Vec::new();
        let mut prefix: Vec<f64> = Vec::new();
        // The parties whose numbers changed since the last fill (all, the
        // first time): the numbers are compared bit for bit.
        let first = self.filled.len() != n_parties;
        if first {
            self.filled = vec![(Vec::new(), (0.0, 0.0)); n_parties];
        }
        let mut changed = vec![first; n_parties];
        for (p, prefs) in s.preferences.iter().enumerate() {
            let (last, _) = &mut self.filled[p];
            let bonuses = prefs.interactions.iter().map(|it| it.bonus);
            let mut rest = last.as_slice();
            let same = !first
                && same_bits(&mut rest, &prefs.weights)
                && prefs.values.iter().all(|v| same_bits(&mut rest, v))
                && rest.len() == prefs.interactions.len()
                && rest
                    .iter()
                    .zip(bonuses.clone())
                    .all(|(a, b)| a.to_bits() == b.to_bits());
            if !same {
                last.clear();
                last.extend_from_slice(&prefs.weights);
                for v in &prefs.values {
                    last.extend_from_slice(v);
                }
                last.extend(bonuses);
                changed[p] = true;
            }
        }
        for (group, terms) in self.groups.iter_mut().zip(&self.bonus_terms) {
            let issues = &group.issues;
            for (p, prefs) in s.preferences.iter().enumerate() {
                if !changed[p] {
                    continue;
                }
                // Combinations in order, their digits kept as an odometer
                // (the last issue turning fastest): the same sums, in the
                // same order, as decoding each combination.
                digits.clear();
                digits.resize(issues.len(), 0usize);
                let rows: Vec<(f64, &[f64])> = issues
                    .iter()
                    .map(|&i| (prefs.weights[i], prefs.values[i].as_slice()))
                    .collect();
                // prefix[k]: the sum of the first k issues' terms, added in
                // issue order from 0 (as a plain loop adds them); only the
                // terms from the first digit that turned on are added again.
                prefix.clear();
                prefix.resize(issues.len() + 1, 0.0);
                let mut from = 0;
                for o in 0..group.n_options {
                    for k in from..issues.len() {
                        let (w, row) = rows[k];
                        prefix[k + 1] = prefix[k] + w * row[digits[k]];
                    }
                    group.utils[o * n_parties + p] = prefix[issues.len()];
                    from = 0;
                    for k in (0..digits.len()).rev() {
                        digits[k] += 1;
                        if digits[k] < group.radices[k] {
                            from = k;
                            break;
                        }
                        digits[k] = 0;
                    }
                }
            }
            // The bonuses after the weighted values, in interaction order per
            // (option, party): the same sums as adding them in the loop above.
            for &(o, p, k) in terms {
                let (o, p) = (o as usize, p as usize);
                if changed[p] {
                    group.utils[o * n_parties + p] +=
                        s.preferences[p].interactions[k as usize].bonus;
                }
            }
        }
        // Costs are refilled only when some issue's costs changed.
        let costs_same = self.filled_costs.as_ref().is_some_and(|last| {
            let mut rest = last.as_slice();
            s.issues.iter().all(|i| same_bits(&mut rest, cost_row(i))) && rest.is_empty()
        });
        if !costs_same {
            let last = self.filled_costs.get_or_insert_with(Vec::new);
            last.clear();
            for i in &s.issues {
                last.extend_from_slice(cost_row(i));
            }
        }
        if costs_same {
            // The costs filled last time stand.
        } else if s.has_incentives() {
            // In place: the same sums as `additive`, without a list per option.
            let groups = &self.groups;
            let costs = self
                .costs
                .get_or_insert_with(|| groups.iter().map(|g| vec![0.0; g.n_options]).collect());
            for (group, row) in groups.iter().zip(costs.iter_mut()) {
                for (o, slot) in row.iter_mut().enumerate() {
                    group.set_scratch(o, &mut scratch);
                    *slot = group
                        .issues
                        .iter()
                        .map(|&i| s.issues[i].cost.as_ref().map_or(0.0, |c| c[scratch[i]]))
                        .sum();
                }
            }
        } else {
            self.costs = None;
        }
        let parties = &s.parties;
        self.reservation.clear();
        self.reservation
            .extend(parties.iter().map(|p| p.reservation));
        self.veto.clear();
        self.veto.extend(parties.iter().map(|p| p.veto));
        self.tolerance = s.tolerance;
        self.pressure_max.clear();
        self.pressure_max
            .extend(parties.iter().map(|p| p.pressure.map_or(0.0, |x| x.max)));
        self.pressure_rate.clear();
        self.pressure_rate
            .extend(parties.iter().map(|p| p.pressure.map_or(0.0, |x| x.rate())));
        self.ratification.clear();
        self.ratification
            .extend(parties.iter().map(|p| p.ratification));
        self.imposed.clear();
        self.imposed.extend(parties.iter().map(|p| p.imposed));
        self.budget = s.budget;
        // Normalised weights times values in [0,1] may sum to 1 plus a rounding
        // error even with ε = 0; that is not out of scale.
        let slack = self.tolerance.max(1e-12);
        for (p, &ch) in changed.iter().enumerate() {
            if ch {
                self.filled[p].1 = self.utility_range(p, false);
            }
        }
        for p in 0..n_parties {
            let (lo, hi) = self.filled[p].1;
            if s.preferences[p].capped && hi > 1.0 + slack && lo >= -slack {
                return Err(ModelError::CapBinds {
                    party: s.parties[p].id.clone(),
                    max: hi,
                });
            }
            if lo < -slack || hi > 1.0 + slack {
                return Err(ModelError::OutOfScale {
                    party: s.parties[p].id.clone(),
                    min: lo,
                    max: hi,
                });
            }
        }
        Ok(())
    }

    /// Smallest and largest utility of party p over all packages (or, with
    /// `skip_own_red_lines`, over the packages that cross none of p's red lines;
    /// `(+inf, -inf)` when there are none).
    pub fn utility_range(&self, p: usize, skip_own_red_lines: bool) -> (f64, f64) {
        let (mut lo, mut hi) = (0.0, 0.0);
        for g in &self.groups {
            let (mut glo, mut ghi) = (f64::INFINITY, f64::NEG_INFINITY);
            for o in 0..g.n_options {
                if skip_own_red_lines && g.vetoed(o, p) {
                    continue;
                }
                let u = g.util(o, p, self.n_parties);
                glo = glo.min(u);
                ghi = ghi.max(u);
            }
            lo += glo;
            hi += ghi;
        }
        (lo, hi)
    }

    /// The mediator's incentive cost of a package (0 without incentives).
    pub fn cost(&self, package: &[usize]) -> f64 {
        match &self.costs {
            Some(costs) => self
                .choice_of(package)
                .iter()
                .enumerate()
                .map(|(g, &o)| costs[g][o])
                .sum(),
            None => 0.0,
        }
    }

    /// Raises each party's reservation value to its ratification threshold
    /// where that is higher, so that "acceptable" means "ratified" as well.
    pub fn require_ratification(&mut self) {
        for (r, t) in self.reservation.iter_mut().zip(&self.ratification) {
            if let Some(t) = t {
                *r = r.max(*t);
            }
        }
    }

    /// The conditional vetoes a question must respect: the owners without a
    /// veto of their own (a veto party must accept every deal anyway) and
    /// outside `besides` (the parties the question already requires), each
    /// accepting at its reservation value, and with `ratified` also at its
    /// ratification threshold.
    pub fn owner_conditions(&self, ratified: bool, besides: &[usize]) -> Vec<OwnerCondition> {
        self.owners
            .iter()
            .enumerate()
            .filter(|(_, w)| !self.veto[w.party] && !besides.contains(&w.party))
            .map(|(rule, w)| {
                let mut bound = self.reservation[w.party];
                if let (true, Some(t)) = (ratified, self.ratification[w.party]) {
                    bound = bound.max(t);
                }
                OwnerCondition { rule, bound }
            })
            .collect()
    }

    /// Indices of the veto parties.
    pub fn veto_parties(&self) -> Vec<usize> {
        (0..self.n_parties).filter(|&p| self.veto[p]).collect()
    }

    /// Assembles a package from one combination index per group.
    pub fn package_of(&self, choice: &[usize]) -> Vec<usize> {
        let mut pkg = vec![0; self.n_issues];
        for (g, &o) in choice.iter().enumerate() {
            let opts = self.groups[g].decode(o);
            for (k, &i) in self.groups[g].issues.iter().enumerate() {
                pkg[i] = opts[k];
            }
        }
        pkg
    }

    /// The combination index per group for a package.
    pub fn choice_of(&self, package: &[usize]) -> Vec<usize> {
        self.groups
            .iter()
            .map(|g| {
                let opts: Vec<usize> = g.issues.iter().map(|&i| package[i]).collect();
                g.encode(&opts)
            })
            .collect()
    }

    /// Party p's utility for a package, from the compiled contributions.
    pub fn utility(&self, p: usize, package: &[usize]) -> f64 {
        self.choice_of(package)
            .iter()
            .enumerate()
            .map(|(g, &o)| self.groups[g].util(o, p, self.n_parties))
            .sum()
    }
}

fn uf_group_of(issue_group: &[(usize, usize)], c: &crate::model::Condition) -> Option<usize> {
    c.issues().next().map(|i| issue_group[i].0)
}

/// Whether `xs` starts `rest`, bit for bit; `rest` then loses that start.
fn same_bits(rest: &mut &[f64], xs: &[f64]) -> bool {
    if rest.len() < xs.len() {
        return false;
    }
    let (head, tail) = rest.split_at(xs.len());
    *rest = tail;
    head.iter().zip(xs).all(|(a, b)| a.to_bits() == b.to_bits())
}

/// An issue's costs as the refill compares them: one NaN for an issue
/// without costs (no cost is NaN).
fn cost_row(i: &crate::model::Issue) -> &[f64] {
    i.cost.as_deref().unwrap_or(&[f64::NAN])
}
