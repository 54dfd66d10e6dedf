//! Where the mediator's queries get their frontiers and their packages'
//! values: the merge over a compiled scenario's groups ([`Merge`]), or the
//! branch-and-bound searches over the issues for a scenario the merge
//! refuses ([`Search`]: a compound issue too large to list, or a cap that
//! binds). The queries themselves are written once, over [`Engine`].

use crate::analysis::frontier::{Frontier, FrontierSpec, TooLarge};
use crate::analysis::sparse_report::{LeverError, LeverProblem};
use crate::compile::Compiled;
use crate::model::Scenario;
use crate::observe::Observer;

/// Why `mediate` found nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum NoDeal {
    /// Some package is acceptable to the satisfied parties, and within reach
    /// of pressure on the pressed ones, but every such package costs more
    /// than the budget; the cheapest costs this much.
    OverBudget(f64),
    /// No package is acceptable to the satisfied parties and within the
    /// pressure limits of the pressed ones.
    OutOfReach,
    /// The frontier of the question is too large to compute exactly.
    TooLarge(TooLarge),
    /// The branch-and-bound search ([`mediate_by_search`](super::mediate_by_search)) passed its limit
    /// or was cancelled, or a party's utility leaves \[0, 1\].
    Search(LeverError),
    /// [`mediate_by_search`](super::mediate_by_search) was asked about a scenario with issue owners
    /// (only the merge counts their consent).
    Owners,
}

impl From<TooLarge> for NoDeal {
    fn from(e: TooLarge) -> Self {
        NoDeal::TooLarge(e)
    }
}

/// The numbers the levers read per party, and the budget.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Numbers {
    pub veto: Vec<bool>,
    pub reservation: Vec<f64>,
    pub pressure_max: Vec<f64>,
    pub pressure_rate: Vec<f64>,
    pub ratification: Vec<Option<f64>>,
    pub imposed: Vec<f64>,
    pub budget: Option<f64>,
    pub tolerance: f64,
}

impl Numbers {
    /// A compiled scenario's numbers.
    pub(crate) fn of(c: &Compiled) -> Numbers {
        Numbers {
            veto: c.veto.clone(),
            reservation: c.reservation.clone(),
            pressure_max: c.pressure_max.clone(),
            pressure_rate: c.pressure_rate.clone(),
            ratification: c.ratification.clone(),
            imposed: c.imposed.clone(),
            budget: c.budget,
            tolerance: c.tolerance,
        }
    }

    /// A scenario's numbers, as [`Compiled::new`] takes them.
    pub(crate) fn of_scenario(s: &Scenario) -> Numbers {
        let parties = &s.parties;
        Numbers {
            veto: parties.iter().map(|p| p.veto).collect(),
            reservation: parties.iter().map(|p| p.reservation).collect(),
            pressure_max: parties
                .iter()
                .map(|p| p.pressure.map_or(0.0, |x| x.max))
                .collect(),
            pressure_rate: parties
                .iter()
                .map(|p| p.pressure.map_or(0.0, |x| x.rate()))
                .collect(),
            ratification: parties.iter().map(|p| p.ratification).collect(),
            imposed: parties.iter().map(|p| p.imposed).collect(),
            budget: s.budget,
            tolerance: s.tolerance,
        }
    }
}

impl Numbers {
    /// The veto parties, in order.
    pub(crate) fn veto_parties(&self) -> Vec<usize> {
        (0..self.veto.len()).filter(|&p| self.veto[p]).collect()
    }

    /// Each party's reservation value raised to its ratification threshold
    /// where that is higher ([`Compiled::require_ratification`]).
    pub(crate) fn require_ratification(&mut self) {
        for (r, t) in self.reservation.iter_mut().zip(&self.ratification) {
            if let Some(t) = t {
                *r = r.max(*t);
            }
        }
    }
}

/// A frontier a query asks for.
pub(crate) struct Ask<'a> {
    /// The parties whose utilities are the first objectives, in this order.
    pub parties: &'a [usize],
    /// Whether the incentive cost, negated, follows them (when the scenario
    /// has incentives).
    pub costs: bool,
    /// Then, with a proposal, the number of issues kept as proposed.
    pub kept: Option<&'a [usize]>,
    /// Per objective, the least value kept (−∞: none); `None`: no bounds.
    pub lower: Option<Vec<f64>>,
    /// Packages crossing a red line of these parties are left out.
    pub exclude: &'a [usize],
    /// Whether ratification counts for the owners' consent, and the parties
    /// named in the query (see [`Compiled::owner_conditions`]).
    pub owners: (bool, &'a [usize]),
}

/// The points of a frontier: each point's objective values, and its
/// lexicographically first package on demand.
pub(crate) struct Points<'a> {
    pub utils: Vec<Vec<f64>>,
    first: Box<dyn Fn(usize) -> Option<Vec<usize>> + 'a>,
}

impl Points<'_> {
    /// The lexicographically first package of point `j`.
    pub(crate) fn first_package(&self, j: usize) -> Option<Vec<usize>> {
        (self.first)(j)
    }
}

/// What a mediator's query reads of a scenario.
pub(crate) trait Engine {
    /// The parties' numbers and the budget.
    fn numbers(&self) -> &Numbers;
    /// The same engine with each party's reservation value raised to its
    /// ratification threshold where that is higher.
    fn ratification_required(&self) -> Box<dyn Engine + '_>;
    /// Whether some issue is an incentive (the frontiers then have a cost
    /// column).
    fn has_costs(&self) -> bool;
    /// The exact frontier of `ask`.
    fn frontier(&self, ask: &Ask) -> Result<Points<'_>, NoDeal>;
    /// Party p's utility for `package`.
    fn utility(&self, p: usize, package: &[usize]) -> f64;
    /// The incentive cost of `package`.
    fn cost(&self, package: &[usize]) -> f64;
    /// Whether `package` crosses a red line of party p.
    fn crosses(&self, p: usize, package: &[usize]) -> bool;
    /// The owners `package` needs other than the `named` parties, with the
    /// utility at which each accepts (and, with `ratified`, ratifies).
    fn owners_needed(
        &self,
        ratified: bool,
        named: &[usize],
        package: &[usize],
    ) -> Vec<(usize, f64)>;
}

/// The merge over a compiled scenario's groups.
pub(crate) struct Merge<'a> {
    c: std::borrow::Cow<'a, Compiled>,
    numbers: Numbers,
}

impl<'a> Merge<'a> {
    pub(crate) fn new(c: &'a Compiled) -> Merge<'a> {
        Merge {
            c: std::borrow::Cow::Borrowed(c),
            numbers: Numbers::of(c),
        }
    }
}

impl Engine for Merge<'_> {
    fn numbers(&self) -> &Numbers {
        &self.numbers
    }

    fn ratification_required(&self) -> Box<dyn Engine + '_> {
        let mut c = self.c.as_ref().clone();
        c.require_ratification();
        let numbers = Numbers::of(&c);
        Box::new(Merge {
            c: std::borrow::Cow::Owned(c),
            numbers,
        })
    }

    fn has_costs(&self) -> bool {
        self.c.costs.is_some()
    }

    fn frontier(&self, ask: &Ask) -> Result<Points<'_>, NoDeal> {
        let c = self.c.as_ref();
        let mut extra = if ask.costs { cost_extra(c) } else { Vec::new() };
        if let Some(proposal) = ask.kept {
            extra.push(crate::compile::additive(&c.groups, |i, x| {
                if x == proposal[i] {
                    1.0
                } else {
                    0.0
                }
            }));
        }
        let f = Frontier::compute(
            c,
            &FrontierSpec {
                parties: ask.parties.to_vec(),
                exclude_red_lines_of: ask.exclude.to_vec(),
                lower_bounds: ask.lower.clone(),
                only: None,
                extra,
                owners: c.owner_conditions(ask.owners.0, ask.owners.1),
            },
        )?;
        Ok(Points {
            utils: f.points().iter().map(|n| n.utils.clone()).collect(),
            first: Box::new(move |j| f.first_package(c, j)),
        })
    }

    fn utility(&self, p: usize, package: &[usize]) -> f64 {
        self.c.utility(p, package)
    }

    fn cost(&self, package: &[usize]) -> f64 {
        self.c.cost(package)
    }

    fn crosses(&self, p: usize, package: &[usize]) -> bool {
        let c = self.c.as_ref();
        c.choice_of(package)
            .iter()
            .enumerate()
            .any(|(g, &o)| c.groups[g].vetoed(o, p))
    }

    fn owners_needed(
        &self,
        ratified: bool,
        named: &[usize],
        package: &[usize],
    ) -> Vec<(usize, f64)> {
        let c = self.c.as_ref();
        let choice = c.choice_of(package);
        c.owner_conditions(ratified, named)
            .into_iter()
            .filter(|w| c.owners[w.rule].moved(&choice))
            .map(|w| (c.owners[w.rule].party, w.bound))
            .collect()
    }
}

/// The branch-and-bound searches over the issues (and by stages), as
/// `analyze` answers a scenario the merge refuses. Issue owners are not
/// supported there (`analyze` refuses them too).
pub(crate) struct Search<'a> {
    s: &'a Scenario,
    observer: &'a dyn Observer,
    numbers: Numbers,
    /// The problems prepared so far, one per set of extra columns (their
    /// Russian-doll values do not depend on the reservation values, so the
    /// engine with ratification required shares them).
    problems: Problems,
}

type Problems = std::rc::Rc<std::cell::RefCell<Vec<std::rc::Rc<LeverProblem>>>>;

impl<'a> Search<'a> {
    /// `None` when the scenario has issue owners.
    pub(crate) fn new(s: &'a Scenario, observer: &'a dyn Observer) -> Option<Search<'a>> {
        (!s.has_owners()).then(|| Search {
            s,
            observer,
            numbers: Numbers::of_scenario(s),
            problems: Problems::default(),
        })
    }

    /// The problem prepared with the columns `extra`, prepared now if no
    /// question asked for it before.
    fn problem(&self, extra: Vec<Vec<Vec<f64>>>) -> Result<std::rc::Rc<LeverProblem>, NoDeal> {
        if let Some(p) = self.problems.borrow().iter().find(|p| p.extra() == extra) {
            return Ok(std::rc::Rc::clone(p));
        }
        let p = std::rc::Rc::new(
            LeverProblem::new(self.s, extra, self.observer).map_err(NoDeal::Search)?,
        );
        self.problems.borrow_mut().push(std::rc::Rc::clone(&p));
        Ok(p)
    }
}

impl Engine for Search<'_> {
    fn numbers(&self) -> &Numbers {
        &self.numbers
    }

    fn ratification_required(&self) -> Box<dyn Engine + '_> {
        let mut numbers = self.numbers.clone();
        numbers.require_ratification();
        Box::new(Search {
            s: self.s,
            observer: self.observer,
            numbers,
            problems: std::rc::Rc::clone(&self.problems),
        })
    }

    fn has_costs(&self) -> bool {
        self.s.has_incentives()
    }

    fn frontier(&self, ask: &Ask) -> Result<Points<'_>, NoDeal> {
        let s = self.s;
        let mut columns = ask.parties.to_vec();
        let mut extra: Vec<Vec<Vec<f64>>> = Vec::new();
        if ask.costs && self.has_costs() {
            // The cost, negated (higher is better), as a column after the parties.
            columns.push(s.parties.len());
            extra.push(
                s.issues
                    .iter()
                    .map(|i| match &i.cost {
                        Some(c) => c.iter().map(|x| -x).collect(),
                        None => vec![0.0; i.options.len()],
                    })
                    .collect(),
            );
        }
        if let Some(proposal) = ask.kept {
            columns.push(s.parties.len() + extra.len());
            extra.push(
                s.issues
                    .iter()
                    .zip(proposal)
                    .map(|(i, &x)| {
                        (0..i.options.len())
                            .map(|o| if o == x { 1.0 } else { 0.0 })
                            .collect()
                    })
                    .collect(),
            );
        }
        let lower = ask
            .lower
            .clone()
            .unwrap_or_else(|| vec![f64::NEG_INFINITY; columns.len()]);
        let points = self
            .problem(extra)?
            .frontier(s, &columns, &lower, ask.exclude, self.observer)
            .map_err(NoDeal::Search)?;
        Ok(Points {
            utils: points.iter().map(|q| q.utils.clone()).collect(),
            first: Box::new(move |j| points[j].packages.first().cloned()),
        })
    }

    fn utility(&self, p: usize, package: &[usize]) -> f64 {
        self.s.utility(p, package)
    }

    fn cost(&self, package: &[usize]) -> f64 {
        self.s
            .issues
            .iter()
            .zip(package)
            .map(|(i, &o)| i.cost.as_ref().map_or(0.0, |c| c[o]))
            .sum()
    }

    fn crosses(&self, p: usize, package: &[usize]) -> bool {
        self.s.preferences[p]
            .red_lines
            .iter()
            .any(|r| r.condition.holds(package))
    }

    fn owners_needed(&self, _: bool, _: &[usize], _: &[usize]) -> Vec<(usize, f64)> {
        Vec::new()
    }
}

/// The incentive cost as an extra objective (negated: higher is better),
/// or none without incentives.
pub(crate) fn cost_extra(c: &Compiled) -> Vec<Vec<Vec<f64>>> {
    match &c.costs {
        Some(costs) => vec![costs
            .iter()
            .map(|g| g.iter().map(|x| -x).collect())
            .collect()],
        None => Vec::new(),
    }
}
