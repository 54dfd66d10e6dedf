//! Running one negotiation.

use chacha20::ChaCha8Rng;
use rand_core::SeedableRng;

use super::kind::Protocol;
use super::single_text::single_text;
use crate::model::Scenario;
use crate::simulate::outcome::{discount_of, reservation_at, Outcome, Setup, Step};
use crate::simulate::pool::Pool;
use crate::simulate::strategy::Strategy;
use crate::simulate::view::View;

/// Per-party state in a negotiation.
struct Agent<'a> {
    strategy: Box<dyn Strategy>,
    ranked: &'a [u32],
    model: Vec<Vec<f64>>,
}

fn ranked_for(pool: &Pool, p: usize) -> Vec<u32> {
    let mut r: Vec<u32> = (0..pool.len() as u32)
        .filter(|&k| pool.free[k as usize * pool.n_parties + p])
        .collect();
    r.sort_by(|&a, &b| {
        pool.u(b as usize, p)
            .total_cmp(&pool.u(a as usize, p))
            .then(a.cmp(&b))
    });
    r
}

/// Each party's packages ranked by its own utility (shared across runs).
pub fn rankings(pool: &Pool) -> Vec<Vec<u32>> {
    (0..pool.n_parties).map(|p| ranked_for(pool, p)).collect()
}

/// Runs one negotiation. `strategies[p]` is party p's strategy (used for
/// the negotiating parties and, in a summit, the host); `rankings` from
/// [`rankings`].
pub fn run(
    s: &Scenario,
    pool: &Pool,
    rankings: &[Vec<u32>],
    setup: &Setup,
    mut strategies: Vec<Option<Box<dyn Strategy>>>,
) -> Outcome {
    let n_issues = s.issues.len();
    let mut rng = ChaCha8Rng::seed_from_u64(setup.seed);
    let mut agents: Vec<Option<Agent>> = (0..s.parties.len())
        .map(|p| {
            strategies[p].take().map(|strategy| Agent {
                strategy,
                ranked: &rankings[p],
                model: s
                    .issues
                    .iter()
                    .map(|i| vec![0.0; i.options.len()])
                    .collect(),
            })
        })
        .collect();
    let mut history: Vec<(usize, u32)> = Vec::new();
    let mut trace: Vec<Step> = Vec::new();
    let acceptable_now = |p: usize, k: u32, t: usize| {
        pool.free[k as usize * pool.n_parties + p]
            && pool.u(k as usize, p) * discount_of(setup, p).powi(t as i32)
                >= reservation_at(s, setup, p, t) - s.tolerance
    };
    let finish = |agreement: Option<Vec<usize>>,
                  rounds: usize,
                  walked_away: Option<usize>,
                  trace: Vec<Step>|
     -> Outcome {
        let t_end = rounds.saturating_sub(1);
        let utilities = (0..s.parties.len())
            .map(|p| match &agreement {
                Some(k) => s.utility(p, k) * discount_of(setup, p).powi(t_end as i32),
                None => reservation_at(s, setup, p, rounds),
            })
            .collect();
        Outcome {
            agreement,
            rounds,
            utilities,
            walked_away,
            trace,
        }
    };
    // A party's move: build its view and call the strategy.
    macro_rules! with_view {
        ($p:expr, $t:expr, $f:expr) => {{
            let p: usize = $p;
            let a = agents[p]
                .as_mut()
                .expect("a negotiating party has a strategy");
            let v = View {
                scenario: s,
                pool,
                me: p,
                t: $t,
                deadline: setup.deadline,
                reservation: reservation_at(s, setup, p, $t),
                discount: discount_of(setup, p),
                ranked: a.ranked,
                history: &history,
                model: if setup.opponent_model {
                    Some(&a.model)
                } else {
                    None
                },
            };
            #[allow(clippy::redundant_closure_call)]
            ($f)(&mut a.strategy, &v, &mut rng)
        }};
    }
    let parties = &setup.parties;
    if parties.is_empty() || pool.is_empty() {
        return finish(None, 0, None, trace);
    }
    match setup.protocol {
        Protocol::Alternating | Protocol::Stacked => {
            let n = parties.len();
            let mut standing: Option<u32> = None;
            let mut standing_by = parties[0];
            let mut accepted_in_row = 0;
            // Everyone who has said yes to the standing offer.
            let mut acceptors: Vec<usize> = Vec::new();
            for t in 0..setup.deadline {
                let p = parties[t % n];
                if let Some(offer) = standing {
                    let yes = with_view!(
                        p,
                        t,
                        |st: &mut Box<dyn Strategy>, v: &View, r: &mut ChaCha8Rng| st
                            .accept(v, offer, r)
                    );
                    if let Some(last) = trace.last_mut() {
                        last.responses.push((p, yes));
                    }
                    if yes {
                        accepted_in_row += 1;
                        acceptors.push(p);
                        // Agreement needs the proposer and everyone who said
                        // yes to still prefer the offer to no deal now (time
                        // pressure may have moved their reservation values).
                        if accepted_in_row == n - 1
                            && acceptable_now(standing_by, offer, t)
                            && acceptors.iter().all(|&q| acceptable_now(q, offer, t))
                        {
                            let pk = pool.packages[offer as usize].clone();
                            return finish(Some(pk), t + 1, None, trace);
                        }
                        if setup.protocol == Protocol::Stacked && accepted_in_row < n - 1 {
                            continue;
                        }
                    }
                }
                // Make a (counter-)offer; a party with no package free of its
                // own red lines has nothing to offer and walks away.
                if agents[p].as_ref().is_none_or(|a| a.ranked.is_empty()) {
                    return finish(None, t + 1, Some(p), trace);
                }
                let offer = with_view!(
                    p,
                    t,
                    |st: &mut Box<dyn Strategy>, v: &View, r: &mut ChaCha8Rng| st.propose(v, r)
                );
                if !acceptable_now(p, offer, t) {
                    // Nothing it prefers to no deal: it walks away.
                    return finish(None, t + 1, Some(p), trace);
                }
                history.push((p, offer));
                for (q, a) in agents.iter_mut().enumerate() {
                    if q != p {
                        if let Some(a) = a.as_mut() {
                            for (i, &o) in pool.packages[offer as usize]
                                .iter()
                                .enumerate()
                                .take(n_issues)
                            {
                                a.model[i][o] += 1.0;
                            }
                        }
                    }
                }
                trace.push(Step {
                    round: t,
                    proposer: Some(p),
                    offer: pool.packages[offer as usize].clone(),
                    revision: None,
                    responses: Vec::new(),
                });
                standing = Some(offer);
                standing_by = p;
                accepted_in_row = 0;
                acceptors.clear();
                if n == 1 {
                    // Alone at the table: its own acceptable offer is the deal.
                    let pk = pool.packages[offer as usize].clone();
                    return finish(Some(pk), t + 1, None, trace);
                }
            }
            finish(None, setup.deadline, None, trace)
        }
        Protocol::Summit => {
            // The host (the mediator, else the first party) brings its own
            // favourite package; everyone answers once, with no second
            // chance: yes to whatever beats no deal.
            let host = s.mediator().unwrap_or(parties[0]);
            let pk = pool.favourite[host].clone();
            let responses: Vec<(usize, bool)> = parties
                .iter()
                .map(|&p| {
                    (
                        p,
                        s.red_lines_crossed(p, &pk).is_empty()
                            && s.utility(p, &pk) >= reservation_at(s, setup, p, 0) - s.tolerance,
                    )
                })
                .collect();
            let all = responses.iter().all(|r| r.1);
            trace.push(Step {
                round: 0,
                proposer: Some(host),
                offer: pk.clone(),
                revision: None,
                responses,
            });
            finish(all.then_some(pk), 1, None, trace)
        }
        Protocol::SingleText => {
            single_text(s, pool, setup, trace, &|a, r, t| finish(a, r, None, t))
        }
    }
}
