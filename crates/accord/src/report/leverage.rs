//! `leverage`: what it would take to open a zone of possible agreement.

use serde::Serialize;

use crate::report::levers::{reservations, LeastCostReport, Levers};
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{ByParty, Package};
use crate::resolve::Ids;

/// Where the zone of possible agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// Every package crosses some veto party's red line: no lowering of
    /// reservation values opens a zone.
    Blocked,
    /// The zone is empty; lowering reservation values would open it.
    Empty,
    /// No party has a veto: every package is in the zone.
    NoVeto,
    /// The zone is not empty.
    Open,
}

/// The answer to `leverage`.
#[derive(Debug, Clone, Serialize)]
pub struct LeverageReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Whether acceptance includes ratification: the zone, shift and slack
    /// use every veto party's ratification threshold where it is higher
    /// than its reservation value, and the cheapest mix must make every
    /// veto party ratify (pressure lowering its threshold by its imposed
    /// share).
    pub ratified: bool,
    /// Where the zone stands.
    pub zone: Zone,
    /// Whether no package is acceptable to every veto party.
    pub zopa_empty: bool,
    /// The least total lowering of the veto parties' reservation values that
    /// opens a zone (0 when it is open; null when blocked).
    pub min_total_shift: Option<f64>,
    /// Each veto party's share of that lowering (empty when blocked).
    pub shift: ByParty,
    /// A package that needs no more than that (null when blocked).
    pub package: Option<Package>,
    /// Every party's utility of that package (null when blocked).
    pub utilities: Option<ByParty>,
    /// Each veto party's slack: how far its reservation value could rise
    /// with a zone left (empty when the zone is).
    pub slack: ByParty,
    /// Every party's reservation value.
    pub reservations: ByParty,
    /// The mediator's levers.
    pub levers: Levers,
    /// The mediator's cheapest mix of pressure and incentives.
    pub least_cost: LeastCostReport,
}

/// Answers `leverage`.
pub(crate) fn answer(
    session: &crate::input::Input,
    ids: &Ids,
    ratified: bool,
    observer: &dyn accord_core::observe::Observer,
) -> Result<LeverageReport, crate::error::Error> {
    let s = session.scenario();
    // With ratification, what acceptance needs: the higher of each veto
    // party's reservation value and ratification threshold.
    let raised: Vec<f64> = s
        .parties
        .iter()
        .map(|p| {
            p.ratification
                .map_or(p.reservation, |t| p.reservation.max(t))
        })
        .collect();
    let (shift, slack, cheapest) = if session.by_search() {
        use crate::report::mediate::search_error;
        (
            accord_core::leverage::min_total_shift_by_search(s, ratified, observer)
                .map_err(search_error)?,
            accord_core::leverage::slack_by_search(s, ratified, observer).map_err(search_error)?,
            accord_core::leverage::least_cost_by_search(s, ratified, observer)
                .map_err(search_error)?,
        )
    } else {
        let c = session.compiled()?;
        let raised;
        let zone_c = if ratified {
            let mut x = c.clone();
            x.require_ratification();
            raised = x;
            &raised
        } else {
            c
        };
        (
            accord_core::leverage::min_total_shift(zone_c)?,
            accord_core::leverage::slack(zone_c)?,
            accord_core::leverage::least_cost(c, ratified)?,
        )
    };
    let zopa_empty = shift.as_ref().is_none_or(|sh| sh.total > s.tolerance);
    let zone = match &shift {
        None => Zone::Blocked,
        Some(_) if zopa_empty => Zone::Empty,
        Some(_) if slack.is_empty() => Zone::NoVeto,
        Some(_) => Zone::Open,
    };
    Ok(LeverageReport {
        schema_version: SCHEMA_VERSION,
        ratified,
        zone,
        zopa_empty,
        min_total_shift: shift.as_ref().map(|sh| sh.total),
        shift: shift
            .as_ref()
            .map_or_else(Default::default, |sh| ids.some_parties(&sh.per_party)),
        package: shift.as_ref().map(|sh| ids.package(&sh.package)),
        utilities: shift.as_ref().map(|sh| ids.utilities(&sh.package)),
        slack: ids.some_parties(&slack),
        // With ratification, what acceptance needs: the higher of each veto
        // party's reservation value and ratification threshold.
        reservations: if ratified {
            ids.by_party(&raised)
        } else {
            reservations(ids)
        },
        levers: Levers::new(ids),
        least_cost: LeastCostReport::new(ids, &cheapest),
    })
}
