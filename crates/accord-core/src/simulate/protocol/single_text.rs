//! The mediator's single negotiating text: revise the text on the parties'
//! complaints, then one yes/no vote.

use crate::model::Scenario;
use crate::simulate::outcome::{discount_of, reservation_at, Outcome, Setup, Step};
use crate::simulate::pool::Pool;

/// Runs the single negotiating text; `finish` builds the outcome.
pub(crate) fn single_text(
    s: &Scenario,
    pool: &Pool,
    setup: &Setup,
    mut trace: Vec<Step>,
    finish: &dyn Fn(Option<Vec<usize>>, usize, Vec<Step>) -> Outcome,
) -> Outcome {
    let parties = &setup.parties;
    let med = s.mediator();
    // The first draft: the mediator's favourite package (without a
    // mediator: the pool's best for the negotiating parties together).
    let score0 = |k: usize| -> f64 {
        match med {
            Some(m) => pool.u(k, m),
            None => parties.iter().map(|&p| pool.u(k, p)).sum(),
        }
    };
    let mut text = match med {
        Some(m) => pool.favourite[m].clone(),
        None => {
            let first = (0..pool.len())
                .max_by(|&a, &b| score0(a).total_cmp(&score0(b)).then(b.cmp(&a)))
                .expect("a non-empty pool");
            pool.packages[first].clone()
        }
    };
    let margin = |pk: &[usize], p: usize, t: usize| -> Option<f64> {
        s.red_lines_crossed(p, pk).is_empty().then(|| {
            s.utility(p, pk) * discount_of(setup, p).powi(t as i32) - reservation_at(s, setup, p, t)
        })
    };
    let ok = |pk: &[usize], p: usize, t: usize| margin(pk, p, t).is_some_and(|m| m >= -s.tolerance);
    // How good a text is: how many accept, then the smallest margin.
    let quality = |pk: &[usize], t: usize| -> (usize, f64) {
        let n = parties.iter().filter(|&&p| ok(pk, p, t)).count();
        let m = parties
            .iter()
            .map(|&p| margin(pk, p, t).unwrap_or(-1.0))
            .fold(f64::INFINITY, f64::min);
        (n, m)
    };
    let mut round = 0;
    while round + 1 < setup.deadline {
        let t = round;
        if parties.iter().all(|&p| ok(&text, p, t)) {
            break;
        }
        // Each party not yet satisfied names the issue that costs it most.
        let mut complaints: Vec<(usize, Vec<usize>)> = Vec::new();
        for &p in parties {
            if ok(&text, p, t) {
                continue;
            }
            let prefs = &s.preferences[p];
            // A crossed red line hurts most: name its first issue; else the
            // issue where the text costs the party most utility.
            let crossed = s.red_lines_crossed(p, &text);
            let worst = match crossed.first() {
                Some(&r) => prefs.red_lines[r]
                    .condition
                    .issues()
                    .next()
                    .map(|i| (i, 1.0)),
                None => (0..s.issues.len())
                    .map(|i| {
                        let best = prefs.values[i].iter().copied().fold(0.0, f64::max);
                        (i, prefs.weights[i] * (best - prefs.values[i][text[i]]))
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))),
            };
            if let Some((i, _)) = worst {
                match complaints.iter_mut().find(|c| c.0 == i) {
                    Some(c) => c.1.push(p),
                    None => complaints.push((i, vec![p])),
                }
            }
        }
        // Revise: the single change to a complained-about issue that most
        // improves the text (more parties accepting, then a larger smallest
        // margin); stop when no change improves it.
        let (q0, m0) = quality(&text, t);
        let mut best: Option<((usize, f64), Vec<usize>, usize)> = None;
        for (i, _) in &complaints {
            for o in 0..s.issues[*i].options.len() {
                if o == text[*i] {
                    continue;
                }
                let mut pk = text.clone();
                pk[*i] = o;
                let (q, m) = quality(&pk, t);
                let better = match &best {
                    None => true,
                    Some(((bq, bm), _, _)) => q > *bq || (q == *bq && m > bm + 1e-12),
                };
                if better {
                    best = Some(((q, m), pk, *i));
                }
            }
        }
        match best {
            Some(((q, m), pk, i)) if q > q0 || (q == q0 && m > m0 + 1e-12) => {
                let who = complaints
                    .iter()
                    .find(|c| c.0 == i)
                    .map(|c| c.1.clone())
                    .unwrap_or_default();
                trace.push(Step {
                    round,
                    proposer: med,
                    offer: pk.clone(),
                    revision: Some((i, who)),
                    responses: Vec::new(),
                });
                text = pk;
                round += 1;
            }
            _ => break,
        }
    }
    // The vote: each party answers once.
    let t = round;
    let responses: Vec<(usize, bool)> = parties.iter().map(|&p| (p, ok(&text, p, t))).collect();
    let all = responses.iter().all(|r| r.1);
    trace.push(Step {
        round,
        proposer: med,
        offer: text.clone(),
        revision: None,
        responses,
    });
    finish(all.then_some(text), round + 1, trace)
}
