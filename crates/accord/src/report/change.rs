//! Partial deals: a named plan with some issues changed (`--change`), and
//! the differences between two packages.

use accord_core::model::Deal;
use serde::Serialize;

use crate::error::Error;
use crate::input::Input;
use crate::report::value::{Id, OptionValue, Package};
use crate::resolve::Ids;

/// One issue whose option differs between two packages.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Difference {
    /// The issue.
    pub issue: Id,
    /// Its option in the first package (the plan, the base deal).
    pub from: OptionValue,
    /// Its option in the second.
    pub to: OptionValue,
}

/// A deal with some issues changed: which deal, and what changed.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeReport {
    /// The deal changed: its id (`inline` for an inline package).
    pub base: String,
    /// The issues whose option the change moved, in the order given (a
    /// point that sets an issue to the option it already has is left out).
    pub changed: Vec<Difference>,
}

/// A deal as requested: resolved, with the change applied.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The deal after the change (its name says that it was changed).
    pub deal: Deal,
    /// What changed (null without a change).
    pub change: Option<ChangeReport>,
}

impl Input {
    /// Resolves a deal argument (see [`Input::deal`]) and applies a
    /// `--change` (`issue=option[,issue=option…]`) to it.
    pub(crate) fn plan(&self, ids: &Ids, deal: &str, change: Option<&str>) -> Result<Plan, Error> {
        let mut d = self.deal(deal)?;
        let Some(change) = change else {
            return Ok(Plan {
                deal: d,
                change: None,
            });
        };
        let points = accord_io::scenario::parse_change(change, self.scenario())?;
        let mut changed = Vec::new();
        for (i, o) in points {
            if d.package[i] != o {
                changed.push(Difference {
                    issue: ids.issue(i),
                    from: ids.option(i, d.package[i]),
                    to: ids.option(i, o),
                });
                d.package[i] = o;
            }
        }
        if !changed.is_empty() {
            let what: Vec<&str> = changed.iter().map(|c| &*c.issue).collect();
            d.name = format!("{}, changed: {}", d.name, what.join(", "));
        }
        Ok(Plan {
            change: Some(ChangeReport {
                base: d.id.clone(),
                changed,
            }),
            deal: d,
        })
    }
}

impl Input {
    /// The plan a request names (`deal`, changed by `change`), if any.
    pub(crate) fn optional_plan(
        &self,
        ids: &Ids,
        deal: Option<&str>,
        change: Option<&str>,
    ) -> Result<Option<Plan>, Error> {
        match (deal, change) {
            (Some(d), c) => Ok(Some(self.plan(ids, d, c)?)),
            (None, Some(_)) => Err(Error::usage(
                "--change changes a deal, and no --deal is given",
                Some("name the plan to change, e.g. --deal us_28_point --change guarantees=article5_like_15y".into()),
            )),
            (None, None) => Ok(None),
        }
    }
}

/// The issues whose options differ between two packages as reports write
/// them (by id), in issue order.
pub(crate) fn package_differences(a: &Package, b: &Package) -> Vec<Difference> {
    a.iter()
        .zip(b.iter())
        .filter(|((_, x), (_, y))| x != y)
        .map(|((i, x), (_, y))| Difference {
            issue: Id::from(i),
            from: x.clone(),
            to: y.clone(),
        })
        .collect()
}

/// The issues whose options differ from `a` to `b`, in issue order.
pub(crate) fn differences(ids: &Ids, a: &[usize], b: &[usize]) -> Vec<Difference> {
    a.iter()
        .zip(b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (&x, &y))| Difference {
            issue: ids.issue(i),
            from: ids.option(i, x),
            to: ids.option(i, y),
        })
        .collect()
}
