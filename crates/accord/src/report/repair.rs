//! `repair`: the acceptable deals nearest a proposal.

use serde::Serialize;

use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Id, Package};
use crate::resolve::Ids;

/// The proposal repaired.
#[derive(Debug, Clone, Serialize)]
pub struct RepairProposal {
    /// Its id (for an inline deal, the text given).
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its package.
    pub package: Package,
    /// Every party's margin (utility − reservation) for it.
    pub margins: ByParty,
}

/// One repaired deal.
#[derive(Debug, Clone, Serialize)]
pub struct RepairedDeal {
    /// The package.
    pub package: Package,
    /// The issues whose option differs from the proposal, in issue order.
    pub changed: Vec<Id>,
    /// Every party's utility.
    pub utilities: ByParty,
    /// Every party's margin.
    pub margins: ByParty,
}

/// The answer to `repair`.
#[derive(Debug, Clone, Serialize)]
pub struct RepairReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Whether acceptance included ratification.
    pub ratified: bool,
    /// The proposal.
    pub deal: RepairProposal,
    /// What `--change` changed in the proposal (null without a change).
    pub change: Option<crate::report::change::ChangeReport>,
    /// The fewest issues to change so that every veto party accepts (null
    /// when no package is acceptable to all of them).
    pub changes: Option<usize>,
    /// Who ranks the repaired deals: the mediator (null: the veto parties'
    /// sum of utilities).
    pub judge: Option<Id>,
    /// Deals with that many changes, best first.
    pub deals: Vec<RepairedDeal>,
}

/// Answers `repair`.
pub(crate) fn answer(
    session: &crate::input::Input,
    ids: &Ids,
    deal: &str,
    change: Option<&str>,
    limit: usize,
    ratified: bool,
    observer: &dyn accord_core::observe::Observer,
) -> Result<RepairReport, crate::error::Error> {
    let s = session.scenario();
    let plan = session.plan(ids, deal, change)?;
    let d = plan.deal;
    let judge = s.mediator();
    let r = if session.by_search() {
        accord_core::leverage::repair_by_search(
            s,
            &d.package,
            judge,
            limit.max(1),
            ratified,
            observer,
        )
        .map_err(crate::report::mediate::search_error)?
    } else {
        let mut c = session.compiled()?.clone();
        if ratified {
            c.require_ratification();
        }
        accord_core::leverage::repair(&c, &d.package, judge, limit.max(1))?
    };
    Ok(RepairReport {
        schema_version: SCHEMA_VERSION,
        ratified,
        deal: RepairProposal {
            id: d.id,
            name: d.name,
            package: ids.package(&d.package),
            margins: ids.margins(&d.package),
        },
        change: plan.change,
        changes: r.changes,
        judge: judge.map(|m| ids.party(m)),
        deals: r
            .deals
            .iter()
            .map(|x| RepairedDeal {
                package: ids.package(&x.package),
                changed: ids.issues(&x.changed),
                utilities: ids.utilities(&x.package),
                margins: ids.margins(&x.package),
            })
            .collect(),
    })
}
