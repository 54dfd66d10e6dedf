//! Human-readable output (tables).

use std::fmt::Write as _;

use accord_core::mediation::{LeastCost, Mix, NoDeal, Query};
use accord_core::model::{Deal, IssueKind, Scenario};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use serde_json::json;

use crate::cli::{unknown_party, Failure};

/// A table in the house style.
pub(crate) fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t
}

/// A right-aligned cell (numbers).
pub(crate) fn right(s: impl ToString) -> Cell {
    Cell::new(s.to_string()).set_alignment(CellAlignment::Right)
}

fn option_label(s: &Scenario, i: usize, o: usize) -> String {
    let issue = &s.issues[i];
    let opt = &issue.options[o];
    match &issue.kind {
        IssueKind::Integer { unit: Some(u), .. } | IssueKind::Real { unit: Some(u), .. } => {
            format!("{} {u}", opt.id)
        }
        _ => opt.id.clone(),
    }
}

/// Whether no package is acceptable to every veto party: the least total
/// shift is positive (or nothing avoids the veto red lines).
fn zone_empty(s: &Scenario, shift: &Option<accord_core::leverage::Shift>) -> bool {
    shift.as_ref().is_none_or(|sh| sh.total > s.tolerance)
}

pub fn leverage_json(
    s: &Scenario,
    shift: &Option<accord_core::leverage::Shift>,
    slack: &[(usize, f64)],
    cheapest: &LeastCost,
) -> serde_json::Value {
    use accord_io::report::{num, package};
    let mut per = serde_json::Map::new();
    if let Some(sh) = shift {
        for &(p, x) in &sh.per_party {
            per.insert(s.parties[p].id.clone(), num(x));
        }
    }
    let mut sl = serde_json::Map::new();
    for &(p, x) in slack {
        sl.insert(s.parties[p].id.clone(), num(x));
    }
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "zopa_empty": zone_empty(s, shift),
        "min_total_shift": shift.as_ref().map_or(serde_json::Value::Null, |sh| num(sh.total)),
        "shift": per,
        "package": shift.as_ref().map_or(serde_json::Value::Null, |sh| package(s, &sh.package)),
        "utilities": shift.as_ref().map_or(serde_json::Value::Null, |sh| {
            accord_io::report::by_party(s, &(0..s.parties.len()).map(|p| s.utility(p, &sh.package)).collect::<Vec<_>>())
        }),
        "slack": sl,
        "least_cost": least_cost_json(s, cheapest),
    })
}

fn least_cost_json(s: &Scenario, lc: &LeastCost) -> serde_json::Value {
    use accord_io::report::{num, package};
    let budget = s.budget.map(num);
    match lc {
        LeastCost::Mix { mix, within_budget } => {
            let mut j = mix_json(s, mix);
            if let serde_json::Value::Object(m) = &mut j {
                m.insert("status".into(), json!("mix"));
                m.insert("within_budget".into(), json!(within_budget));
                m.insert("budget".into(), json!(budget));
                m.insert(
                    "over_budget_by".into(),
                    json!(s.budget.map(|b| num((mix.total_cost - b).max(0.0)))),
                );
            }
            j
        }
        LeastCost::Beyond(sh) => {
            let mut per = serde_json::Map::new();
            for &(p, x) in &sh.per_party {
                per.insert(s.parties[p].id.clone(), num(x));
            }
            json!({
                "status": "beyond_pressure",
                "beyond_shift": num(sh.total),
                "shift": per,
                "package": package(s, &sh.package),
                "budget": budget,
            })
        }
        LeastCost::Blocked => json!({"status": "blocked", "budget": budget}),
    }
}

/// A deal with the pressure and incentives it needs, as JSON.
fn mix_json(s: &Scenario, mix: &Mix) -> serde_json::Value {
    use accord_io::report::{by_party, num, package};
    let mut pressure = serde_json::Map::new();
    let mut pcost = serde_json::Map::new();
    for a in &mix.pressure {
        pressure.insert(s.parties[a.party].id.clone(), num(a.amount));
        pcost.insert(s.parties[a.party].id.clone(), num(a.cost));
    }
    let u: Vec<f64> = (0..s.parties.len())
        .map(|p| s.utility(p, &mix.package))
        .collect();
    let margins: Vec<f64> = u
        .iter()
        .zip(&s.parties)
        .map(|(x, p)| x - p.reservation)
        .collect();
    let mut ratifies = serde_json::Map::new();
    for p in 0..s.parties.len() {
        ratifies.insert(s.parties[p].id.clone(), json!(s.ratifies(p, &mix.package)));
    }
    json!({
        "package": package(s, &mix.package),
        "pressure": pressure,
        "pressure_cost": pcost,
        "incentive_cost": num(mix.incentive_cost),
        "total_cost": num(mix.total_cost),
        "utilities": by_party(s, &u),
        "margins": by_party(s, &margins),
        "ratifies": ratifies,
    })
}

/// A cost, to three decimals without trailing zeros.
fn cost_num(x: f64) -> String {
    let t = format!("{:.3}", x + 0.0);
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// A cost with the scenario's unit.
fn cost_text(s: &Scenario, x: f64) -> String {
    match &s.cost_unit {
        Some(u) => format!("{} {u}", cost_num(x)),
        None => cost_num(x),
    }
}

fn budget_text(s: &Scenario) -> String {
    match s.budget {
        Some(b) => format!("budget {}", cost_text(s, b)),
        None => "no budget limit".to_string(),
    }
}

fn levers_text(s: &Scenario, lc: &LeastCost, zone_open: bool) -> String {
    let mut out = String::new();
    let pressed: Vec<usize> = s
        .veto_parties()
        .into_iter()
        .filter(|&p| s.parties[p].pressure.is_some_and(|x| x.max > 0.0))
        .collect();
    let _ = writeln!(out, "\nThe mediator's levers ({}):", budget_text(s));
    let sticks: Vec<String> = s
        .veto_parties()
        .iter()
        .map(|&p| match s.parties[p].pressure {
            Some(x) if x.max > 0.0 => format!(
                "{} can be pressed by up to {:.3} for {}",
                s.parties[p].id,
                x.max,
                cost_num(x.cost)
            ),
            _ => format!("no stick against {}", s.parties[p].id),
        })
        .collect();
    let _ = writeln!(out, "  pressure: {}", sticks.join("; "));
    let inc: Vec<&str> = s
        .issues
        .iter()
        .filter(|i| i.cost.is_some())
        .map(|i| i.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "  incentives: {}",
        if inc.is_empty() {
            "none".to_string()
        } else {
            inc.join(", ")
        }
    );
    match lc {
        LeastCost::Blocked => {}
        LeastCost::Beyond(sh) => {
            let _ = writeln!(
                out,
                "The mediator LACKS THE LEVERAGE: even full pressure{} leaves no package acceptable to every veto party. Beyond that pressure, reservation values would still have to fall by {:.4} in total:",
                if pressed.is_empty() { " (it has none)" } else { "" },
                sh.total
            );
            let mut t = table();
            t.set_header(vec![
                "veto party",
                "reservation",
                "max pressure",
                "utility there",
                "still short by",
            ]);
            for &(p, x) in &sh.per_party {
                t.add_row(vec![
                    Cell::new(&s.parties[p].id),
                    right(format!("{:.4}", s.parties[p].reservation)),
                    right(format!(
                        "{:.4}",
                        s.parties[p].pressure.map_or(0.0, |x| x.max)
                    )),
                    right(format!("{:.4}", s.utility(p, &sh.package))),
                    right(format!("{x:.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
            let _ = writeln!(out, "The package that comes closest:");
            let _ = writeln!(out, "  {}", s.package_label(&sh.package).replace(',', ", "));
        }
        LeastCost::Mix { mix, within_budget } => {
            if zone_open && mix.total_cost <= s.tolerance && mix.total_pressure() <= s.tolerance {
                let _ = writeln!(
                    out,
                    "Some deal in the zone needs neither pressure nor incentives (cost 0)."
                );
                return out;
            }
            let verdict = if *within_budget {
                "within its budget".to_string()
            } else {
                format!(
                    "OVER its budget by {}: the mediator LACKS THE LEVERAGE",
                    cost_text(s, mix.total_cost - s.budget.unwrap_or(0.0))
                )
            };
            let _ = writeln!(
                out,
                "{} costs {} (incentives {}, pressure {}), {verdict}:",
                if zone_open {
                    "The mediator's cheapest route to a deal (pressure may stand in for costly incentives)"
                } else {
                    "The cheapest mix of pressure and incentives that opens a zone"
                },
                cost_text(s, mix.total_cost),
                cost_num(mix.incentive_cost),
                cost_num(mix.pressure_cost())
            );
            let mut t = table();
            t.set_header(vec![
                "veto party",
                "reservation",
                "utility there",
                "pressure",
                "pressure cost",
            ]);
            for a in &mix.pressure {
                t.add_row(vec![
                    Cell::new(&s.parties[a.party].id),
                    right(format!("{:.4}", s.parties[a.party].reservation)),
                    right(format!("{:.4}", s.utility(a.party, &mix.package))),
                    right(format!("{:.4}", a.amount)),
                    right(cost_num(a.cost)),
                ]);
            }
            let _ = writeln!(out, "{t}");
            let _ = writeln!(out, "The package:");
            let _ = writeln!(
                out,
                "  {}",
                s.package_label(&mix.package).replace(',', ", ")
            );
        }
    }
    out
}

/// The `mediate` query from the command line, checked.
pub fn mediate_query(
    s: &Scenario,
    press: &[String],
    satisfy: Option<&[String]>,
    limit: usize,
    ratified: bool,
) -> Result<Query, Failure> {
    let find = |id: &String| s.party_index(id.trim()).ok_or_else(|| unknown_party(s, id));
    let press: Vec<usize> = press.iter().map(find).collect::<Result<_, _>>()?;
    let satisfy: Vec<usize> = match satisfy {
        Some(ids) => ids.iter().map(find).collect::<Result<_, _>>()?,
        None => s
            .veto_parties()
            .into_iter()
            .filter(|p| !press.contains(p))
            .collect(),
    };
    let mut seen = vec![false; s.parties.len()];
    for &p in press.iter().chain(&satisfy) {
        if seen[p] {
            return Err(Failure::Usage(
                format!("party `{}` is named twice", s.parties[p].id),
                Some("a party is either pressed or satisfied, once".into()),
            ));
        }
        seen[p] = true;
    }
    Ok(Query {
        satisfy,
        press,
        mediator: s.mediator(),
        limit,
        ratified,
    })
}

pub fn mediate_json(s: &Scenario, q: &Query, r: &Result<Vec<Mix>, NoDeal>) -> serde_json::Value {
    use accord_io::report::num;
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&p| s.parties[p].id.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "satisfy": ids(&q.satisfy),
        "press": ids(&q.press),
        "mediator": q.mediator.map(|m| s.parties[m].id.clone()),
        "ratified": q.ratified,
        "budget": s.budget.map(num),
        "deals": match r {
            Ok(d) => d.iter().map(|m| mix_json(s, m)).collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        },
        "no_deal": match r {
            Ok(_) => serde_json::Value::Null,
            Err(NoDeal::OutOfReach) => json!({"reason": "out_of_reach"}),
            Err(NoDeal::OverBudget(c)) => json!({"reason": "over_budget", "min_cost": num(*c)}),
        },
    })
}

pub fn mediate_text(s: &Scenario, q: &Query, r: &Result<Vec<Mix>, NoDeal>) -> String {
    let mut out = String::new();
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&p| s.parties[p].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "Pressing {}; {} must accept as {}{}; {}.",
        ids(&q.press),
        if q.satisfy.is_empty() {
            "nobody".to_string()
        } else {
            ids(&q.satisfy)
        },
        if q.satisfy.len() == 1 {
            "it is"
        } else {
            "they are"
        },
        if q.ratified {
            " (and every named party must ratify)"
        } else {
            ""
        },
        budget_text(s)
    );
    let deals = match r {
        Err(NoDeal::OutOfReach) => {
            let _ = writeln!(
                out,
                "NO DEAL within reach: no package is acceptable{} to {} and within the pressure the mediator can bring on {}.",
                if q.ratified { " (and ratifiable)" } else { "" },
                if q.satisfy.is_empty() { "anyone".to_string() } else { ids(&q.satisfy) },
                ids(&q.press)
            );
            return out;
        }
        Err(NoDeal::OverBudget(c)) => {
            let _ = writeln!(
                out,
                "NO DEAL within the budget: the cheapest deal within reach costs {}, {} over.",
                cost_text(s, *c),
                cost_text(s, c - s.budget.unwrap_or(0.0))
            );
            return out;
        }
        Ok(d) => d,
    };
    for &p in &q.press {
        if s.parties[p].pressure.is_none_or(|x| x.max <= 0.0) {
            let _ = writeln!(
                out,
                "(The mediator has no stick against {}: it must accept as it is.)",
                s.parties[p].id
            );
        }
    }
    match q.mediator {
        Some(m) => {
            let _ = writeln!(
                out,
                "Deals needing the least pressure, then best for {}, then cheapest; best first:",
                s.parties[m].id
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Deals needing the least pressure, then cheapest (no mediator party); best first:"
            );
        }
    }
    for (k, m) in deals.iter().enumerate() {
        let pressure: Vec<String> = m
            .pressure
            .iter()
            .map(|a| format!("{} {:.4}", s.parties[a.party].id, a.amount))
            .collect();
        let _ = writeln!(
            out,
            "\nDeal {}: pressure {}; cost {} (pressure {}, incentives {}).",
            k + 1,
            pressure.join(", "),
            cost_text(s, m.total_cost),
            cost_num(m.pressure_cost()),
            cost_num(m.incentive_cost)
        );
        let mut t = table();
        t.set_header(vec![
            "party",
            "",
            "utility",
            "reservation",
            "margin",
            "ratifies",
        ]);
        for (p, party) in s.parties.iter().enumerate() {
            let tag = if q.press.contains(&p) {
                "pressed"
            } else if q.satisfy.contains(&p) {
                "satisfied"
            } else if q.mediator == Some(p) {
                "mediator"
            } else {
                ""
            };
            let u = s.utility(p, &m.package);
            t.add_row(vec![
                Cell::new(&party.id),
                Cell::new(tag),
                right(format!("{u:.4}")),
                right(format!("{:.4}", party.reservation)),
                right(format!("{:+.4}", u - party.reservation)),
                Cell::new(match s.ratifies(p, &m.package) {
                    Some(true) => "yes",
                    Some(false) => "NO",
                    None => "–",
                }),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let _ = writeln!(out, "  {}", s.package_label(&m.package).replace(',', ", "));
    }
    out
}

pub fn leverage_text(
    s: &Scenario,
    shift: &Option<accord_core::leverage::Shift>,
    slack: &[(usize, f64)],
    cheapest: &LeastCost,
) -> String {
    let mut out = String::new();
    match shift {
        None => {
            let _ = writeln!(
                out,
                "Every package crosses some veto party's red line: no lowering of reservation values opens a zone."
            );
        }
        Some(sh) if zone_empty(s, shift) => {
            let _ = writeln!(
                out,
                "The zone of possible agreement is EMPTY. The least total lowering of reservation values that opens it: {:.4}.",
                sh.total
            );
            let mut t = table();
            t.set_header(vec![
                "veto party",
                "reservation",
                "utility there",
                "lower by",
            ]);
            for &(p, x) in &sh.per_party {
                t.add_row(vec![
                    Cell::new(&s.parties[p].id),
                    right(format!("{:.4}", s.parties[p].reservation)),
                    right(format!("{:.4}", s.utility(p, &sh.package))),
                    right(format!("{x:.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
            let _ = writeln!(out, "A package that needs no more than that:");
            let _ = writeln!(out, "  {}", s.package_label(&sh.package).replace(',', ", "));
        }
        Some(_) if slack.is_empty() => {
            let _ = writeln!(
                out,
                "No party has a veto, so every package is in the zone of possible agreement: no pressure is needed."
            );
        }
        Some(_) => {
            let _ = writeln!(
                out,
                "The zone of possible agreement is not empty: no pressure is needed. Each veto party's slack (how far its reservation value could rise with a zone left):"
            );
            let mut t = table();
            t.set_header(vec!["veto party", "reservation", "slack"]);
            for &(p, x) in slack {
                t.add_row(vec![
                    Cell::new(&s.parties[p].id),
                    right(format!("{:.4}", s.parties[p].reservation)),
                    right(format!("{x:+.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
    }
    if shift.is_some() {
        out.push_str(&levers_text(s, cheapest, !zone_empty(s, shift)));
    }
    out
}

pub fn repair_json(
    s: &Scenario,
    d: &Deal,
    r: &accord_core::leverage::Repair,
    ratified: bool,
) -> serde_json::Value {
    use accord_io::report::{by_party, package};
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "ratified": ratified,
        "deal": {"id": d.id, "name": d.name, "package": package(s, &d.package)},
        "changes": r.changes,
        "deals": r.deals.iter().map(|x| json!({
            "package": package(s, &x.package),
            "changed": x.changed.iter().map(|&i| s.issues[i].id.clone()).collect::<Vec<_>>(),
            "utilities": by_party(s, &(0..s.parties.len()).map(|p| s.utility(p, &x.package)).collect::<Vec<_>>()),
        })).collect::<Vec<_>>(),
    })
}

pub fn repair_text(
    s: &Scenario,
    d: &Deal,
    r: &accord_core::leverage::Repair,
    ratified: bool,
) -> String {
    let mut out = String::new();
    let every = if ratified {
        "every veto party, ratification included"
    } else {
        "every veto party"
    };
    let Some(n) = r.changes else {
        let _ = writeln!(
            out,
            "No package is acceptable to {every}, so no change to {} makes it acceptable (see `accord leverage`).",
            d.id
        );
        return out;
    };
    if n == 0 {
        let _ = writeln!(out, "{} is already acceptable to {every}.", d.id);
        return out;
    }
    let judge = s
        .mediator()
        .map_or("the veto parties together".to_string(), |m| {
            s.parties[m].id.clone()
        });
    let _ = writeln!(
        out,
        "{}: the fewest changes that make it acceptable to {every}: {n}. Best first for {judge}:",
        d.id
    );
    for (k, x) in r.deals.iter().enumerate() {
        let _ = writeln!(out, "\nOption {}:", k + 1);
        let mut t = table();
        t.set_header(vec!["issue", "from", "to"]);
        for &i in &x.changed {
            t.add_row(vec![
                Cell::new(&s.issues[i].id),
                Cell::new(option_label(s, i, d.package[i])),
                Cell::new(option_label(s, i, x.package[i])),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let mut t = table();
        t.set_header(vec!["party", "margin before", "margin after"]);
        for (p, party) in s.parties.iter().enumerate() {
            t.add_row(vec![
                Cell::new(&party.id),
                right(format!(
                    "{:+.4}",
                    s.utility(p, &d.package) - party.reservation
                )),
                right(format!(
                    "{:+.4}",
                    s.utility(p, &x.package) - party.reservation
                )),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    out
}

/// The deals every sample evaluates: the base case's solutions and the
/// mediator's deal, then the deals on file. (name, kind, package).
pub fn robust_candidates(
    s: &Scenario,
    c: &accord_core::compile::Compiled,
) -> Vec<(String, &'static str, Vec<usize>)> {
    let mut out: Vec<(String, &'static str, Vec<usize>)> = Vec::new();
    let f = accord_core::solutions::zopa_frontier(c);
    for (k, sol) in accord_core::solutions::solve(c, &f) {
        if let Some(sol) = sol {
            out.push((format!("{} (base case)", k.key()), "solution", sol.package));
        }
    }
    if let Some(m) = s.mediator() {
        if let Some(sol) = accord_core::solutions::mediator_deal(c, m) {
            out.push((
                "mediator's deal (base case)".into(),
                "solution",
                sol.package,
            ));
        }
    }
    for d in &s.deals {
        out.push((d.id.clone(), "deal", d.package.clone()));
    }
    out
}

/// Names of the robust run's deals, in `r.deals` order, and the index of the most robust.
fn robust_names(
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
) -> (Vec<(String, &'static str)>, Option<usize>) {
    let mut names: Vec<(String, &'static str)> =
        named.iter().map(|(n, k, _)| (n.clone(), *k)).collect();
    let mut k = 0;
    while names.len() < r.deals.len() {
        k += 1;
        names.push((format!("sampled Nash #{k}"), "search"));
    }
    // Ties: the earliest candidate (the named ones come first).
    let best =
        (0..r.deals.len()).max_by(|&a, &b| r.p_accept[a].total_cmp(&r.p_accept[b]).then(b.cmp(&a)));
    (names, best)
}

/// What the sensitivity ranking explains: `p_zopa` or `p_accept:<deal name>`.
fn sensitivity_of(
    names: &[(String, &'static str)],
    r: &accord_core::uncertainty::Robust,
) -> String {
    match r
        .sensitivity_of
        .strip_prefix("p_accept:")
        .and_then(|d| d.parse::<usize>().ok())
    {
        Some(d) => format!("p_accept:{}", names[d].0),
        None => r.sensitivity_of.clone(),
    }
}

pub fn robust_json(
    s: &Scenario,
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
    seed: u64,
) -> serde_json::Value {
    use accord_io::report::{by_party, num, package};
    let (names, best) = robust_names(named, r);
    let valid = (r.samples - r.invalid) as f64;
    let (lo, hi) = accord_core::zopa::wilson95(r.p_zopa, valid.max(1.0));
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "samples": r.samples,
        "seed": seed,
        "invalid_samples": r.invalid,
        "inputs": s.uncertainty.inputs.iter().map(|x| json!({
            "input": x.label,
            "factor": x.factor,
            "mean": num(x.dist.mean()),
            "min": num(x.dist.support().0),
            "max": num(x.dist.support().1),
        })).collect::<Vec<_>>(),
        "p_zopa": num(r.p_zopa),
        "p_zopa_interval": [num(lo), num(hi)],
        "deals": (0..r.deals.len()).map(|d| json!({
            "name": names[d].0,
            "kind": names[d].1,
            "package": package(s, &r.deals[d]),
            "p_accept": num(r.p_accept[d]),
            "p_party": by_party(s, &r.p_party[d]),
            "nash_share": num(r.nash_share[d]),
        })).collect::<Vec<_>>(),
        "most_robust": best.filter(|_| valid > 0.0).map(|b| json!({
            "name": names[b].0,
            "package": package(s, &r.deals[b]),
            "p_accept": num(r.p_accept[b]),
        })),
        "ratified": r.ratified,
        "sensitivity_of": sensitivity_of(&names, r),
        "sensitivity": r.sensitivity.iter().map(|x| json!({
            "input": x.input,
            "index": num(x.index),
            "low": num(x.low),
            "high": num(x.high),
        })).collect::<Vec<_>>(),
    })
}

pub fn robust_text(
    s: &Scenario,
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
    seed: u64,
) -> String {
    let mut out = String::new();
    let (names, best) = robust_names(named, r);
    let (srcs, _) = s.uncertainty.sources();
    let valid = (r.samples - r.invalid) as f64;
    let _ = writeln!(
        out,
        "{} samples (seed {seed}) over {} uncertain numbers in {} independent sources{}{}.",
        r.samples,
        s.uncertainty.inputs.len(),
        srcs.len(),
        if r.ratified {
            "; acceptance includes ratification"
        } else {
            ""
        },
        if r.invalid > 0 {
            format!(
                "; {} samples left out (an interaction left a party's 0–1 scale)",
                r.invalid
            )
        } else {
            String::new()
        }
    );
    if valid == 0.0 {
        let _ = writeln!(
            out,
            "No valid sample: in every one, an interaction (or all-zero weights) left a party's 0–1 scale. Narrow the distributions."
        );
        return out;
    }
    let (lo, hi) = accord_core::zopa::wilson95(r.p_zopa, valid);
    let _ = writeln!(
        out,
        "P(a zone of possible agreement exists) = {:.4}  (95% interval {:.4}–{:.4}; each sample decided exactly)",
        r.p_zopa, lo, hi
    );
    let veto = s.veto_parties();
    let mut t = table();
    let mut head = vec!["deal".to_string(), "P(all veto accept)".to_string()];
    head.extend(veto.iter().map(|&p| format!("P({})", s.parties[p].id)));
    head.push("Nash in".to_string());
    t.set_header(head);
    let mut order: Vec<usize> = (0..named.len()).collect();
    let mut found: Vec<usize> = (named.len()..r.deals.len()).collect();
    found.sort_by(|&a, &b| r.p_accept[b].total_cmp(&r.p_accept[a]).then(a.cmp(&b)));
    order.extend(found.into_iter().take(5));
    for d in order {
        let mut row = vec![
            Cell::new(&names[d].0),
            right(format!("{:.4}", r.p_accept[d])),
        ];
        row.extend(
            veto.iter()
                .map(|&p| right(format!("{:.4}", r.p_party[d][p]))),
        );
        row.push(right(format!("{:.1}%", 100.0 * r.nash_share[d])));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if let Some(b) = best {
        let _ = writeln!(
            out,
            "Most robust deal found: {} (accepted by every veto party in {:.1}% of samples):",
            names[b].0,
            100.0 * r.p_accept[b]
        );
        let _ = writeln!(out, "  {}", s.package_label(&r.deals[b]).replace(',', ", "));
    }
    let target = match sensitivity_of(&names, r).strip_prefix("p_accept:") {
        Some(d) => {
            let _ = writeln!(
                out,
                "\nThe zone exists in {} sample, so the ranking below explains whether {d} is accepted.",
                if r.p_zopa > 0.5 { "every" } else { "no" }
            );
            format!("P({d} accepted)")
        }
        None => "P(zone)".to_string(),
    };
    let _ = writeln!(
        out,
        "\nWhat matters most for {target}: first-order index (share of the variance explained, ε² over 10 quantile bins), and {target} with the input in its lowest / highest fifth:"
    );
    let mut t = table();
    t.set_header(vec!["input", "index", "P low", "P high"]);
    for x in &r.sensitivity {
        t.add_row(vec![
            Cell::new(&x.input),
            right(if x.index.is_nan() {
                "–".to_string()
            } else {
                format!("{:.3}", x.index)
            }),
            right(format!("{:.3}", x.low)),
            right(format!("{:.3}", x.high)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}

pub fn tornado(
    s: &Scenario,
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
) -> Result<String, accord_io::chart::ChartError> {
    let (names, _) = robust_names(named, r);
    let bars: Vec<accord_io::chart::TornadoBar> = r
        .sensitivity
        .iter()
        .take(15)
        .map(|x| accord_io::chart::TornadoBar {
            label: x.input.clone(),
            low: x.low,
            high: x.high,
            index: x.index,
        })
        .collect();
    let (what, overall) = match r
        .sensitivity_of
        .strip_prefix("p_accept:")
        .and_then(|d| d.parse::<usize>().ok())
    {
        Some(d) => (format!("P({} accepted)", names[d].0), r.p_accept[d]),
        None => ("P(zone of possible agreement)".to_string(), r.p_zopa),
    };
    let what = what.as_str();
    accord_io::chart::tornado_svg(
        &format!("{}: what moves {what}", s.name),
        &format!(
            "{} samples; bars: {what} with the input in its lowest → highest fifth (red: falls as the input rises, blue: rises); line: overall {:.3}",
            r.samples, overall
        ),
        overall,
        &bars,
    )
}
