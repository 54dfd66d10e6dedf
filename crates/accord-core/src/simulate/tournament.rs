//! Tournaments: every assignment of a list of strategies to the negotiating
//! parties, on one or more arenas, for several seeds; run in parallel, with
//! the same results on any number of threads.

use crate::parallel::{self, Progress};

use crate::model::Scenario;
use crate::observe::Observer;
use crate::simulate::arena::{distances, Arena};
use crate::simulate::{self, Protocol, Setup, Strategy};

/// The settings of a tournament.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// The protocol (one that uses strategies: alternating or stacked).
    pub protocol: Protocol,
    /// The strategies to combine, by name (each known to
    /// [`simulate::strategy`]).
    pub strategies: &'a [String],
    /// The deadline in rounds.
    pub rounds: usize,
    /// Runs per assignment (seeds 0..seeds, mixed with `seed`).
    pub seeds: u64,
    /// The base seed.
    pub seed: u64,
    /// Whether the strategies use the frequency model of the others' offers.
    pub opponent_model: bool,
}

/// The runs of one assignment on one arena, aggregated.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The arena (an index into the tournament's arenas).
    pub arena: usize,
    /// Per negotiating party (in the arena's order), its strategy (an index
    /// into [`Settings::strategies`]).
    pub strategies: Vec<usize>,
    /// Runs.
    pub runs: usize,
    /// Runs that ended in an agreement.
    pub agreements: usize,
    /// Mean utility per negotiating party (in the arena's order).
    pub utilities: Vec<f64>,
    /// Mean rounds used.
    pub rounds: f64,
    /// Mean distance of the agreements from the frontier (none without one).
    pub pareto: Option<f64>,
    /// Mean distance of the agreements from the Nash point (none without one
    /// or without a zone).
    pub nash: Option<f64>,
}

/// A tournament's results.
#[derive(Debug, Clone)]
pub struct Tournament {
    /// Per arena, per assignment (in counting order), the aggregated runs.
    pub matches: Vec<Match>,
    /// Negotiations run.
    pub negotiations: u64,
    /// Seconds spent negotiating (the arenas were built before).
    pub seconds: f64,
}

/// Runs a tournament over `arenas` (each with its scenario). Progress counts
/// negotiations; `None` when the observer cancelled.
pub fn run(
    arenas: &[(&Scenario, &Arena)],
    settings: &Settings,
    observer: &dyn Observer,
) -> Option<Tournament> {
    run_matches(arenas, settings, None, observer)
}

/// Every match of a tournament (arena, assignment of strategies), in
/// counting order: per arena, strategies^k for its k negotiating parties.
pub fn matches(arenas: &[(&Scenario, &Arena)], settings: &Settings) -> Vec<(usize, Vec<usize>)> {
    let n = settings.strategies.len();
    let mut out = Vec::new();
    for (f, (_, ar)) in arenas.iter().enumerate() {
        let k = ar.parties.len();
        let combos = n.pow(k as u32);
        for c in 0..combos {
            let mut x = c;
            let mut pick = vec![0; k];
            for slot in pick.iter_mut().rev() {
                *slot = x % n;
                x /= n;
            }
            out.push((f, pick));
        }
    }
    out
}

/// Runs the matches `only` (indices into [`matches`]; all without it), every
/// seed of each. Each negotiation is seeded by its match and seed alone, so
/// the matches of a range are those of the whole run.
pub fn run_matches(
    arenas: &[(&Scenario, &Arena)],
    settings: &Settings,
    only: Option<std::ops::Range<u64>>,
    observer: &dyn Observer,
) -> Option<Tournament> {
    let all = matches(arenas, settings);
    let range = only.unwrap_or(0..all.len() as u64);
    let mut tasks: Vec<(usize, Vec<usize>, u64)> = Vec::new();
    for (f, pick) in &all[range.start as usize..range.end as usize] {
        for seed in 0..settings.seeds {
            tasks.push((*f, pick.clone(), seed));
        }
    }
    let total = tasks.len() as u64;
    let start = std::time::Instant::now();
    // Each negotiation is seeded by its own task: any chunking gives the same.
    let results = parallel::map(total, 8, Progress::single(observer, total), |t| {
        let (f, pick, seed) = &tasks[t as usize];
        let (s, ar) = arenas[*f];
        let mut strategies: Vec<Option<Box<dyn Strategy>>> =
            (0..s.parties.len()).map(|_| None).collect();
        for (slot, &p) in ar.parties.iter().enumerate() {
            strategies[p] = simulate::strategy(&settings.strategies[pick[slot]]);
        }
        let setup = Setup {
            protocol: settings.protocol,
            parties: ar.parties.clone(),
            deadline: settings.rounds,
            drift: vec![0.0; s.parties.len()],
            discount: vec![1.0; s.parties.len()],
            opponent_model: settings.opponent_model,
            seed: settings
                .seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(*seed),
        };
        let o = simulate::run(s, &ar.pool, &ar.rankings, &setup, strategies);
        let d = distances(ar, &o);
        (o, d)
    })
    .ok()?;
    let seconds = start.elapsed().as_secs_f64();
    // Aggregate per (arena, assignment), in task order.
    let mut matches: Vec<Match> = Vec::new();
    let mut i = 0;
    while i < tasks.len() {
        let (f, pick, _) = &tasks[i];
        let ar = arenas[*f].1;
        let mut m = Match {
            arena: *f,
            strategies: pick.clone(),
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
        matches.push(m);
    }
    Some(Tournament {
        matches,
        negotiations: total,
        seconds,
    })
}
