//! The largest sum of rectangle bonuses any package reaches, by branch and
//! bound, without enumerating the packages: Genius's nonlinear profiles cap
//! their utility at 1, and the import must know whether the cap binds.
//!
//! Issues are fixed one at a time. At a node each rectangle is out (a fixed
//! issue lies outside it), in (every issue it bounds is fixed inside it) or
//! open; no package below the node can beat Σ in + Σ max(open, 0), so a
//! node whose bound does not beat the best package found is skipped. An
//! issue's options that every rectangle treats alike are tried once.

use accord_core::model::Interaction;

/// Nodes visited at most: past this the search gives up (`None`).
const MAX_NODES: u64 = 20_000_000;

/// The largest Σ bonus over the packages (one option per issue, `radices`
/// options each) of the interactions that hold; `None` when the search
/// passes its limit.
pub(super) fn reachable_max(radices: &[usize], rects: &[Interaction]) -> Option<f64> {
    let n = radices.len();
    if rects.is_empty() {
        return Some(0.0);
    }
    // inside[r][i][o]: whether option o of issue i lies inside rectangle r
    // (true for issues the rectangle does not bound).
    let inside: Vec<Vec<Vec<bool>>> = rects
        .iter()
        .map(|r| {
            (0..n)
                .map(
                    |i| match r.condition.clauses.iter().find(|(k, _)| *k == i) {
                        Some((_, allowed)) => {
                            (0..radices[i]).map(|o| allowed.contains(&o)).collect()
                        }
                        None => vec![true; radices[i]],
                    },
                )
                .collect()
        })
        .collect();
    // One representative per class of options that every rectangle treats alike.
    let reps: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let mut seen: Vec<Vec<bool>> = Vec::new();
            let mut out = Vec::new();
            for o in 0..radices[i] {
                let sig: Vec<bool> = inside.iter().map(|r| r[i][o]).collect();
                if !seen.contains(&sig) {
                    seen.push(sig);
                    out.push(o);
                }
            }
            out
        })
        .collect();
    // The last issue each rectangle bounds: past it the rectangle is decided.
    let last: Vec<usize> = rects
        .iter()
        .map(|r| {
            r.condition
                .clauses
                .iter()
                .map(|(i, _)| *i)
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut search = Search {
        rects,
        inside: &inside,
        reps: &reps,
        last: &last,
        alive: vec![true; rects.len()],
        best: f64::NEG_INFINITY,
        nodes: 0,
    };
    search.go(0, 0.0).then_some(search.best)
}

struct Search<'a> {
    rects: &'a [Interaction],
    inside: &'a [Vec<Vec<bool>>],
    reps: &'a [Vec<usize>],
    last: &'a [usize],
    /// Whether each rectangle can still hold (no fixed issue outside it).
    alive: Vec<bool>,
    best: f64,
    nodes: u64,
}

impl Search<'_> {
    /// Explores the packages extending the fixed issues `0..depth`, whose
    /// decided rectangles sum to `fixed`; false once past the node limit.
    fn go(&mut self, depth: usize, fixed: f64) -> bool {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return false;
        }
        let n = self.reps.len();
        if depth == n {
            self.best = self.best.max(fixed);
            return true;
        }
        // Open rectangles: alive, not yet decided.
        let open: f64 = self
            .rects
            .iter()
            .enumerate()
            .filter(|&(r, _)| self.alive[r] && self.last[r] >= depth)
            .map(|(_, x)| x.bonus.max(0.0))
            .sum();
        if fixed + open <= self.best {
            return true;
        }
        for &o in &self.reps[depth] {
            let mut killed = Vec::new();
            let mut gained = 0.0;
            for r in 0..self.rects.len() {
                if !self.alive[r] || self.last[r] < depth {
                    continue;
                }
                if !self.inside[r][depth][o] {
                    self.alive[r] = false;
                    killed.push(r);
                } else if self.last[r] == depth {
                    gained += self.rects[r].bonus;
                }
            }
            let ok = self.go(depth + 1, fixed + gained);
            for r in killed {
                self.alive[r] = true;
            }
            if !ok {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_core::model::Condition;

    fn rect(clauses: Vec<(usize, Vec<usize>)>, bonus: f64) -> Interaction {
        Interaction {
            condition: Condition { clauses },
            bonus,
            reason: None,
        }
    }

    /// Against every package, on random small rectangle sets (negative
    /// bonuses included).
    #[test]
    fn the_maximum_is_the_enumerated_maximum() {
        let mut rng = accord_core::random::Lcg::new(17);
        for _ in 0..300 {
            let n = 1 + rng.below(4);
            let radices: Vec<usize> = (0..n).map(|_| 1 + rng.below(4)).collect();
            let rects: Vec<Interaction> = (0..rng.below(6))
                .map(|_| {
                    let mut clauses: Vec<(usize, Vec<usize>)> = Vec::new();
                    for (i, &r) in radices.iter().enumerate() {
                        if rng.below(2) == 0 {
                            let a = rng.below(r);
                            let b = a + rng.below(r - a);
                            clauses.push((i, (a..=b).collect()));
                        }
                    }
                    let clauses = if clauses.is_empty() {
                        vec![(0, (0..radices[0]).collect())]
                    } else {
                        clauses
                    };
                    rect(clauses, rng.unit() * 2.0 - 0.7)
                })
                .collect();
            let total: usize = radices.iter().product();
            let mut want = f64::NEG_INFINITY;
            for mut k in 0..total {
                let mut pkg = vec![0; n];
                for i in (0..n).rev() {
                    pkg[i] = k % radices[i];
                    k /= radices[i];
                }
                let v: f64 = rects
                    .iter()
                    .filter(|r| r.condition.holds(&pkg))
                    .map(|r| r.bonus)
                    .sum();
                want = want.max(v);
            }
            let got = reachable_max(&radices, &rects).unwrap();
            if rects.is_empty() {
                assert_eq!(got, 0.0);
            } else {
                assert!((got - want).abs() < 1e-12, "{got} vs {want}");
            }
        }
    }
}
