//! `accord simulate` and `accord tournament`: arguments, runs, output.

use std::fmt::Write as _;

use accord_core::compile::Compiled;
use accord_core::frontier::{Frontier, FrontierSpec};
use accord_core::model::Scenario;
use accord_core::simulate::{self, Outcome, Pool, Protocol, Setup, Strategy};
use comfy_table::Cell;
use rayon::prelude::*;
use serde_json::json;

use crate::cli::{unknown_party, Failure};
use crate::output::{right, table};

fn usage(msg: String, hint: &str) -> Failure {
    Failure::Usage(msg, Some(hint.to_string()))
}

/// `PARTY=VALUE` pairs, checked.
fn pairs<'a>(
    s: &Scenario,
    args: &'a [String],
    what: &str,
) -> Result<Vec<(usize, &'a str)>, Failure> {
    args.iter()
        .map(|a| {
            let (p, v) = a.split_once('=').ok_or_else(|| {
                usage(
                    format!("`{a}` is not of the form PARTY=VALUE"),
                    &format!("write e.g. --{what} ukraine=..."),
                )
            })?;
            let i = s
                .party_index(p.trim())
                .ok_or_else(|| unknown_party(s, p.trim()))?;
            Ok((i, v.trim()))
        })
        .collect()
}

fn numbers(
    s: &Scenario,
    args: &[String],
    what: &str,
    lo: f64,
    hi: f64,
) -> Result<Vec<Option<f64>>, Failure> {
    let mut out = vec![None; s.parties.len()];
    for (p, v) in pairs(s, args, what)? {
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= lo && x <= hi => out[p] = Some(x),
            _ => {
                return Err(usage(
                    format!(
                        "--{what} {}={v}: expected a number in [{lo}, {hi}]",
                        s.parties[p].id
                    ),
                    "e.g. --drift ukraine=-0.002 (per round), --discount russia=0.99",
                ))
            }
        }
    }
    Ok(out)
}

fn strategy_or_fail(name: &str) -> Result<Box<dyn Strategy>, Failure> {
    simulate::strategy(name).ok_or_else(|| {
        usage(
            format!("unknown strategy `{name}`"),
            &format!(
                "the strategies are {}, time(E) and aspiration(G)",
                simulate::STRATEGIES.join(", ")
            ),
        )
    })
}

/// Everything shared by the runs on one scenario.
pub struct Arena {
    /// The negotiating parties.
    pub parties: Vec<usize>,
    /// The pool and each party's ranking.
    pub pool: Pool,
    /// Per party, the pool ranked by its utility.
    pub rankings: Vec<Vec<u32>>,
    /// Frontier of the negotiating parties (their utilities).
    pub frontier: Vec<Vec<f64>>,
    /// The Nash point among them, if a zone exists.
    pub nash: Option<Vec<f64>>,
}

/// The negotiating parties (default: the veto parties) and the shared data.
pub fn arena(
    s: &Scenario,
    protocol: Protocol,
    parties: Option<&[String]>,
    seed: u64,
) -> Result<Arena, Failure> {
    let c = Compiled::new(s).map_err(crate::cli::model_failure)?;
    let parties: Vec<usize> = match parties {
        Some(ids) => ids
            .iter()
            .map(|id| {
                s.party_index(id.trim())
                    .ok_or_else(|| unknown_party(s, id.trim()))
            })
            .collect::<Result<_, _>>()?,
        None => s.veto_parties(),
    };
    if parties.is_empty() {
        return Err(usage(
            "no negotiating parties".into(),
            "name them with --parties A,B",
        ));
    }
    for (k, p) in parties.iter().enumerate() {
        if parties[..k].contains(p) {
            return Err(usage(
                format!("party `{}` is named twice in --parties", s.parties[*p].id),
                "name each negotiating party once",
            ));
        }
    }
    if protocol == Protocol::Alternating && parties.len() != 2 {
        return Err(usage(
            format!(
                "the alternating protocol is bilateral, but {} parties negotiate",
                parties.len()
            ),
            "choose two with --parties A,B, or use --protocol stacked",
        ));
    }
    let pool = Pool::new(s, &c, &parties, seed);
    let rankings = simulate::rankings(&pool);
    let f = Frontier::compute(
        &c,
        &FrontierSpec {
            parties: parties.clone(),
            exclude_red_lines_of: parties.clone(),
            ..FrontierSpec::default()
        },
    );
    let frontier: Vec<Vec<f64>> = f.points().iter().map(|n| n.utils.clone()).collect();
    let r: Vec<f64> = parties.iter().map(|&p| s.parties[p].reservation).collect();
    let nash = frontier
        .iter()
        .filter(|u| u.iter().zip(&r).all(|(a, b)| *a >= b - s.tolerance))
        .max_by(|a, b| {
            let g = |u: &Vec<f64>| {
                u.iter()
                    .zip(&r)
                    .map(|(x, y)| (x - y).max(0.0))
                    .product::<f64>()
            };
            g(a).total_cmp(&g(b))
        })
        .cloned();
    Ok(Arena {
        parties,
        pool,
        rankings,
        frontier,
        nash,
    })
}

/// Distances of an outcome from the frontier and the Nash point (over the
/// negotiating parties; `None` without an agreement).
pub fn distances(a: &Arena, o: &Outcome) -> Distances {
    if o.agreement.is_none() {
        return (None, None);
    }
    let u: Vec<f64> = a.parties.iter().map(|&p| o.utilities[p]).collect();
    (
        simulate::distance(&u, &a.frontier),
        a.nash
            .as_ref()
            .and_then(|n| simulate::distance(&u, std::slice::from_ref(n))),
    )
}

/// Distances of an outcome from the frontier and from the Nash point.
type Distances = (Option<f64>, Option<f64>);

/// A simulated run: the shared data, the setup, each party's strategy name, the outcome.
pub type Simulation = (Arena, Setup, Vec<Option<String>>, Outcome);

/// A tournament: the matches, seconds spent negotiating, negotiations run.
pub type Tournament = (Vec<Match>, f64, u64);

/// The options of `accord simulate`.
pub struct SimArgs<'a> {
    pub protocol: &'a str,
    pub strategies: &'a [String],
    pub parties: Option<&'a [String]>,
    pub rounds: usize,
    pub drift: &'a [String],
    pub discount: &'a [String],
    pub opponent_model: bool,
    pub seed: u64,
}

fn protocol(name: &str) -> Result<Protocol, Failure> {
    Protocol::parse(name).ok_or_else(|| {
        usage(
            format!("unknown protocol `{name}`"),
            "the protocols are alternating, stacked, single-text and summit",
        )
    })
}

/// Runs `accord simulate`: (the arena, the setup, strategy names, outcome).
pub fn simulate(s: &Scenario, a: &SimArgs) -> Result<Simulation, Failure> {
    let protocol = protocol(a.protocol)?;
    if a.rounds == 0 {
        return Err(usage(
            "--rounds must be at least 1".into(),
            "e.g. --rounds 100",
        ));
    }
    let arena = arena(s, protocol, a.parties, a.seed)?;
    let mut names: Vec<Option<String>> = vec![None; s.parties.len()];
    for (p, v) in pairs(s, a.strategies, "strategy")? {
        strategy_or_fail(v)?;
        names[p] = Some(v.to_string());
    }
    for &p in &arena.parties {
        if names[p].is_none() {
            names[p] = Some("linear".into());
        }
    }
    let strategies = names
        .iter()
        .map(|n| n.as_deref().map(strategy_or_fail).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    let drift = numbers(s, a.drift, "drift", -1.0, 1.0)?;
    let discount = numbers(s, a.discount, "discount", 0.0, 1.0)?;
    let setup = Setup {
        protocol,
        parties: arena.parties.clone(),
        deadline: a.rounds,
        drift: drift.iter().map(|d| d.unwrap_or(0.0)).collect(),
        discount: discount.iter().map(|d| d.unwrap_or(1.0)).collect(),
        opponent_model: a.opponent_model,
        seed: a.seed,
    };
    let out = simulate::run(s, &arena.pool, &arena.rankings, &setup, strategies);
    Ok((arena, setup, names, out))
}

fn by_party(
    s: &Scenario,
    ps: &[usize],
    f: impl Fn(usize) -> serde_json::Value,
) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for &p in ps {
        m.insert(s.parties[p].id.clone(), f(p));
    }
    serde_json::Value::Object(m)
}

pub fn simulate_json(
    s: &Scenario,
    a: &Arena,
    setup: &Setup,
    names: &[Option<String>],
    o: &Outcome,
) -> serde_json::Value {
    use accord_io::report::{num, package};
    let all: Vec<usize> = (0..s.parties.len()).collect();
    let (dp, dn) = distances(a, o);
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "protocol": setup.protocol.name(),
        "parties": a.parties.iter().map(|&p| s.parties[p].id.clone()).collect::<Vec<_>>(),
        "strategies": by_party(s, &a.parties, |p| json!(names[p])),
        "deadline": setup.deadline,
        "seed": setup.seed,
        "pool": {"packages": a.pool.len(), "exhaustive": a.pool.exhaustive},
        "agreement": o.agreement.as_ref().map(|k| package(s, k)),
        "rounds": o.rounds,
        "walked_away": o.walked_away.map(|p| s.parties[p].id.clone()),
        "utilities": by_party(s, &all, |p| num(o.utilities[p])),
        "distance_to_pareto": dp.map(num),
        "distance_to_nash": dn.map(num),
        "trace": o.trace.iter().map(|st| json!({
            "round": st.round,
            "proposer": st.proposer.map(|p| s.parties[p].id.clone()),
            "package": package(s, &st.offer),
            "utilities": by_party(s, &a.parties, |p| num(s.utility(p, &st.offer))),
            "revision": st.revision.as_ref().map(|(i, who)| json!({
                "issue": s.issues[*i].id,
                "complaints": who.iter().map(|&p| s.parties[p].id.clone()).collect::<Vec<_>>(),
            })),
            "responses": by_party(s, &st.responses.iter().map(|r| r.0).collect::<Vec<_>>(), |p| {
                json!(st.responses.iter().find(|r| r.0 == p).map(|r| r.1))
            }),
        })).collect::<Vec<_>>(),
    })
}

pub fn simulate_text(
    s: &Scenario,
    a: &Arena,
    setup: &Setup,
    names: &[Option<String>],
    o: &Outcome,
    show: usize,
) -> String {
    let mut out = String::new();
    let plays = matches!(setup.protocol, Protocol::Alternating | Protocol::Stacked);
    let who: Vec<String> = a
        .parties
        .iter()
        .map(|&p| {
            if plays {
                format!(
                    "{} ({})",
                    s.parties[p].id,
                    names[p].as_deref().unwrap_or("-")
                )
            } else {
                s.parties[p].id.clone()
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "Protocol {}: {}; deadline {} rounds; seed {}; {} packages in play{}.",
        setup.protocol.name(),
        who.join(", "),
        setup.deadline,
        setup.seed,
        a.pool.len(),
        if a.pool.exhaustive {
            " (all)"
        } else {
            " (a sample plus the frontier)"
        }
    );
    let mut t = table();
    let mut head = vec!["round".to_string(), "move".to_string()];
    head.extend(a.parties.iter().map(|&p| format!("u({})", s.parties[p].id)));
    head.push("answers".into());
    t.set_header(head);
    let n = o.trace.len();
    let keep = |i: usize| show == 0 || n <= show || i < show / 2 || i >= n - show / 2;
    let mut skipped = false;
    for (i, st) in o.trace.iter().enumerate() {
        if !keep(i) {
            if !skipped {
                let mut row = vec![
                    Cell::new("…"),
                    Cell::new(format!("{} steps not shown", n - 2 * (show / 2))),
                ];
                row.extend(a.parties.iter().map(|_| Cell::new("")));
                row.push(Cell::new(""));
                t.add_row(row);
                skipped = true;
            }
            continue;
        }
        let mv = match (&st.revision, st.proposer) {
            (Some((issue, cx)), _) => format!(
                "text revised: {} → {} (complaint of {})",
                s.issues[*issue].id,
                s.issues[*issue].options[st.offer[*issue]].id,
                cx.iter()
                    .map(|&p| s.parties[p].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (None, Some(p)) if setup.protocol == Protocol::SingleText => {
                format!("{} puts the text to a vote", s.parties[p].id)
            }
            (None, Some(p)) if setup.protocol == Protocol::Summit => {
                format!("{} proposes: take it or leave it", s.parties[p].id)
            }
            (None, Some(p)) => format!("{} offers", s.parties[p].id),
            (None, None) => "the text is put to a vote".into(),
        };
        let mut row = vec![right(st.round + 1), Cell::new(mv)];
        row.extend(
            a.parties
                .iter()
                .map(|&p| right(format!("{:.3}", s.utility(p, &st.offer)))),
        );
        row.push(Cell::new(
            st.responses
                .iter()
                .map(|(p, y)| format!("{} {}", s.parties[*p].id, if *y { "yes" } else { "no" }))
                .collect::<Vec<_>>()
                .join(", "),
        ));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    match &o.agreement {
        Some(k) => {
            let _ = writeln!(out, "AGREEMENT after {} rounds:", o.rounds);
            let _ = writeln!(out, "  {}", s.package_label(k).replace(',', ", "));
        }
        None => {
            let _ = writeln!(
                out,
                "NO AGREEMENT after {} rounds: every party gets its reservation value.",
                o.rounds
            );
        }
    }
    let mut t = table();
    t.set_header(vec!["party", "utility", "reservation then", "margin"]);
    for (p, party) in s.parties.iter().enumerate() {
        // At the round of agreement, or at the end without one.
        let when = if o.agreement.is_some() {
            o.rounds.saturating_sub(1)
        } else {
            o.rounds
        };
        let r = (party.reservation + setup.drift.get(p).copied().unwrap_or(0.0) * when as f64)
            .clamp(0.0, 1.0);
        t.add_row(vec![
            Cell::new(&party.id),
            right(format!("{:.4}", o.utilities[p])),
            right(format!("{r:.4}")),
            right(format!("{:+.4}", o.utilities[p] - r)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let (dp, dn) = distances(a, o);
    if let Some(d) = dp {
        let _ = writeln!(
            out,
            "Distance from the Pareto frontier of {}: {d:.4}; from the Nash point: {}.",
            a.parties
                .iter()
                .map(|&p| s.parties[p].id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            dn.map_or("– (no zone)".to_string(), |x| format!("{x:.4}"))
        );
    }
    out
}

pub fn trace_chart(
    s: &Scenario,
    a: &Arena,
    setup: &Setup,
    names: &[Option<String>],
    o: &Outcome,
) -> accord_io::chart::TraceChart {
    let (x, y) = (
        a.parties[0],
        a.parties.get(1).copied().unwrap_or(a.parties[0]),
    );
    accord_io::chart::TraceChart {
        title: format!("{}: {} talks", s.name, setup.protocol.name()),
        note: format!(
            "{}; {} rounds; seed {}; {}",
            a.parties
                .iter()
                .map(|&p| format!("{} {}", s.parties[p].id, names[p].as_deref().unwrap_or("-")))
                .collect::<Vec<_>>()
                .join(" vs "),
            o.rounds,
            setup.seed,
            if o.agreement.is_some() {
                "agreement"
            } else {
                "no agreement"
            }
        ),
        x_label: s.parties[x].id.clone(),
        y_label: s.parties[y].id.clone(),
        frontier: a
            .frontier
            .iter()
            .map(|u| (u[0], u.get(1).copied().unwrap_or(u[0])))
            .collect(),
        reservations: (s.parties[x].reservation, s.parties[y].reservation),
        offers: o
            .trace
            .iter()
            .map(|st| {
                (
                    st.proposer
                        .map_or("the mediator".to_string(), |p| s.parties[p].id.clone()),
                    s.utility(x, &st.offer),
                    s.utility(y, &st.offer),
                )
            })
            .collect(),
        agreement: o
            .agreement
            .as_ref()
            .map(|k| (s.utility(x, k), s.utility(y, k))),
        nash: a
            .nash
            .as_ref()
            .map(|n| (n[0], n.get(1).copied().unwrap_or(n[0]))),
    }
}

/// One line of a tournament: a scenario and one strategy per negotiating party.
pub struct Match {
    pub file: String,
    /// The negotiating parties' ids, in moving order.
    pub parties: Vec<String>,
    pub strategies: Vec<String>,
    pub runs: usize,
    pub agreements: usize,
    pub utilities: Vec<f64>,
    pub rounds: f64,
    pub pareto: Option<f64>,
    pub nash: Option<f64>,
}

/// The options of `accord tournament`.
pub struct TourArgs<'a> {
    pub protocol: &'a str,
    pub strategies: &'a [String],
    pub rounds: usize,
    pub seeds: u64,
    pub seed: u64,
    pub opponent_model: bool,
}

/// Every assignment of the strategies to the negotiating parties, on every
/// scenario, for every seed; in parallel, deterministic.
pub fn tournament(
    scenarios: &[(String, Scenario)],
    a: &TourArgs,
    progress: Option<&(dyn Fn(u64, u64) + Sync)>,
) -> Result<Tournament, Failure> {
    let protocol = protocol(a.protocol)?;
    if protocol == Protocol::SingleText || protocol == Protocol::Summit {
        return Err(usage(
            format!(
                "a tournament compares strategies, which the {} protocol does not use",
                protocol.name()
            ),
            "use --protocol alternating or stacked",
        ));
    }
    for st in a.strategies {
        strategy_or_fail(st)?;
    }
    for (k, st) in a.strategies.iter().enumerate() {
        if a.strategies[..k].contains(st) {
            return Err(usage(
                format!("strategy `{st}` is listed twice"),
                "list each strategy once",
            ));
        }
    }
    if a.seeds == 0 || a.rounds == 0 {
        return Err(usage(
            "--seeds and --rounds must be at least 1".into(),
            "e.g. --seeds 10 --rounds 100",
        ));
    }
    let mut arenas = Vec::new();
    for (_, s) in scenarios {
        arenas.push(arena(s, protocol, None, a.seed)?);
    }
    // Every assignment: strategies^k for k negotiating parties.
    let mut tasks: Vec<(usize, Vec<usize>, u64)> = Vec::new();
    for (f, ar) in arenas.iter().enumerate() {
        let k = ar.parties.len();
        let n = a.strategies.len();
        let combos = n.pow(k as u32);
        for c in 0..combos {
            let mut x = c;
            let mut pick = vec![0; k];
            for slot in pick.iter_mut().rev() {
                *slot = x % n;
                x /= n;
            }
            for seed in 0..a.seeds {
                tasks.push((f, pick.clone(), seed));
            }
        }
    }
    let total = tasks.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    // Timed: the negotiations themselves (the pools are built above).
    let start = std::time::Instant::now();
    let results: Vec<(Outcome, Distances)> = tasks
        .par_iter()
        .map(|(f, pick, seed)| {
            let (_, s) = &scenarios[*f];
            let ar = &arenas[*f];
            let mut strategies: Vec<Option<Box<dyn Strategy>>> =
                (0..s.parties.len()).map(|_| None).collect();
            for (slot, &p) in ar.parties.iter().enumerate() {
                strategies[p] = simulate::strategy(&a.strategies[pick[slot]]);
            }
            let setup = Setup {
                protocol,
                parties: ar.parties.clone(),
                deadline: a.rounds,
                drift: vec![0.0; s.parties.len()],
                discount: vec![1.0; s.parties.len()],
                opponent_model: a.opponent_model,
                seed: a
                    .seed
                    .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    .wrapping_add(*seed),
            };
            let o = simulate::run(s, &ar.pool, &ar.rankings, &setup, strategies);
            let d = distances(ar, &o);
            let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Some(p) = progress {
                p(k, total);
            }
            (o, d)
        })
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    // Aggregate per (scenario, assignment), in task order.
    let mut matches: Vec<Match> = Vec::new();
    let mut i = 0;
    while i < tasks.len() {
        let (f, pick, _) = &tasks[i];
        let (name, s) = &scenarios[*f];
        let ar = &arenas[*f];
        let mut m = Match {
            file: name.clone(),
            parties: ar
                .parties
                .iter()
                .map(|&p| s.parties[p].id.clone())
                .collect(),
            strategies: pick.iter().map(|&k| a.strategies[k].clone()).collect(),
            runs: 0,
            agreements: 0,
            utilities: vec![0.0; ar.parties.len()],
            rounds: 0.0,
            pareto: None,
            nash: None,
        };
        let (mut dp, mut dn, mut np, mut nn) = (0.0, 0.0, 0, 0);
        while i < tasks.len() && tasks[i].0 == *f && tasks[i].1 == *pick {
            let (o, (p, n)) = &results[i];
            m.runs += 1;
            if o.agreement.is_some() {
                m.agreements += 1;
            }
            for (slot, &q) in ar.parties.iter().enumerate() {
                m.utilities[slot] += o.utilities[q];
            }
            m.rounds += o.rounds as f64;
            if let Some(p) = p {
                dp += p;
                np += 1;
            }
            if let Some(n) = n {
                dn += n;
                nn += 1;
            }
            i += 1;
        }
        let r = m.runs as f64;
        for u in &mut m.utilities {
            *u /= r;
        }
        m.rounds /= r;
        m.pareto = (np > 0).then(|| dp / np as f64);
        m.nash = (nn > 0).then(|| dn / nn as f64);
        let _ = s;
        matches.push(m);
    }
    Ok((matches, elapsed, total))
}

pub fn tournament_json(ms: &[Match], a: &TourArgs, elapsed: f64, total: u64) -> serde_json::Value {
    use accord_io::report::num;
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "protocol": a.protocol,
        "rounds": a.rounds,
        "seeds": a.seeds,
        "seed": a.seed,
        "negotiations": total,
        "seconds": num(elapsed),
        "negotiations_per_second": num(total as f64 / elapsed.max(1e-9)),
        "matches": ms.iter().map(|m| {
            let ids = &m.parties;
            let mut st = serde_json::Map::new();
            let mut u = serde_json::Map::new();
            for (k, id) in ids.iter().enumerate() {
                st.insert(id.clone(), json!(m.strategies[k]));
                u.insert(id.clone(), num(m.utilities[k]));
            }
            json!({
                "scenario": m.file,
                "strategies": st,
                "runs": m.runs,
                "agreement_rate": num(m.agreements as f64 / m.runs as f64),
                "mean_utilities": u,
                "mean_rounds": num(m.rounds),
                "mean_distance_to_pareto": m.pareto.map(num),
                "mean_distance_to_nash": m.nash.map(num),
            })
        }).collect::<Vec<_>>(),
    })
}

/// A mean to 6 decimals, without trailing zeros.
fn short(x: f64) -> String {
    let t = format!("{x:.6}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn tournament_csv(ms: &[Match]) -> String {
    use accord_io::report::csv_field;
    let width = ms.iter().map(|m| m.parties.len()).max().unwrap_or(0);
    let mut out = String::from("scenario");
    for k in 1..=width {
        let _ = write!(out, ",party_{k},strategy_{k},mean_utility_{k}");
    }
    out.push_str(
        ",runs,agreement_rate,mean_rounds,mean_distance_to_pareto,mean_distance_to_nash\n",
    );
    for m in ms {
        let ids = &m.parties;
        out.push_str(&csv_field(&m.file));
        for k in 0..width {
            match ids.get(k) {
                Some(id) => {
                    let _ = write!(
                        out,
                        ",{},{},{}",
                        csv_field(id),
                        csv_field(&m.strategies[k]),
                        short(m.utilities[k])
                    );
                }
                None => out.push_str(",,,"),
            }
        }
        let _ = writeln!(
            out,
            ",{},{},{},{},{}",
            m.runs,
            short(m.agreements as f64 / m.runs as f64),
            short(m.rounds),
            m.pareto.map_or(String::new(), short),
            m.nash.map_or(String::new(), short)
        );
    }
    out
}

pub fn tournament_text(ms: &[Match], a: &TourArgs, elapsed: f64, total: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{total} negotiations ({} protocol, {} rounds, {} seeds each) in {elapsed:.2} s: {:.0} per second.",
        a.protocol,
        a.rounds,
        a.seeds,
        total as f64 / elapsed.max(1e-9)
    );
    let mut t = table();
    t.set_header(vec![
        "scenario",
        "strategies",
        "agreement",
        "mean utilities",
        "rounds",
        "to Pareto",
        "to Nash",
    ]);
    for m in ms {
        let ids = &m.parties;
        t.add_row(vec![
            Cell::new(&m.file),
            Cell::new(
                ids.iter()
                    .zip(&m.strategies)
                    .map(|(p, st)| format!("{p}: {st}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            right(format!(
                "{:.0}%",
                100.0 * m.agreements as f64 / m.runs as f64
            )),
            Cell::new(
                ids.iter()
                    .zip(&m.utilities)
                    .map(|(p, u)| format!("{p} {u:.3}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            right(format!("{:.1}", m.rounds)),
            right(m.pareto.map_or("–".into(), |x| format!("{x:.3}"))),
            right(m.nash.map_or("–".into(), |x| format!("{x:.3}"))),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}
