//! The Spatial Model of Politics as KTAB (KAPSARC Toolkit for Behavioral
//! Analysis) runs it by default: linear victory probabilities, proportional
//! voting, conditional probabilistic Condorcet elections, deterministic
//! transitions, risk range "Mid" and adjustment "OneThird", semi-committed
//! third parties, S2P2 bargain interpolation with initiator-only bargains.
//!
//! Checked against KTAB's own reference log (every printed turn-0 risk
//! attitude and win probability, and the whole trajectory). Equations and
//! the KTAB functions they mirror: `docs/definitions.md`, "Forecasting".

// The formulas are written with the papers' and KTAB's indices (i, j, k, m)
// so that each line can be checked against its source.
#![allow(clippy::needless_range_loop)]

use super::actors::Actors;
use super::prediction::{Forecast, Model, Round};

const MIN_C_COALITION: f64 = 1e-8;
const MIN_CLTN_CHLG: f64 = 1e-10;
const MIN_SIG_EDU: f64 = 1e-5;
const MIN_W_INTERP: f64 = 1e-6;
const POS_TOL: f64 = 1e-3;
const MIN_ITER: usize = 2;
/// Largest number of turns.
pub const MAX_ITER: usize = 100;
const MIN_DELTA_RATIO: f64 = 0.02;
const MIN_SIG_DELTA: f64 = 1e-4;

/// The probabilistic Condorcet election variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pce {
    /// KTAB's `condPCE`: p_i ∝ Π_j P_ij (the default).
    Conditional,
    /// KTAB's `markovUniformPCE`: the stationary point of a uniform-start Markov process.
    Markov,
}

/// Utility of distance d with risk attitude r (KTAB `bsUtil`).
fn bs_util(d: f64, r: f64) -> f64 {
    if d <= 1.0 {
        (1.0 - d) * (1.0 + d * r)
    } else {
        (1.0 - d) * (1.0 + r)
    }
}

/// Salience-weighted, salience-normalised distance seen by an actor with
/// saliences `s` (KTAB `bvDiff`).
fn bv_diff(pi: &[f64], pj: &[f64], s: &[f64]) -> f64 {
    let (mut ds2, mut ss2) = (0.0, 0.0);
    for k in 0..pi.len() {
        let ds = (pi[k] - pj[k]) * s[k];
        ds2 += ds * ds;
        ss2 += s[k] * s[k];
    }
    if ss2 <= 0.0 {
        return 0.0;
    }
    (ds2 / ss2).sqrt()
}

/// Coalition strengths `c[i][j]` for option i against j (KTAB `coalitions`).
fn coalitions(
    n_act: usize,
    n_opt: usize,
    vote: impl Fn(usize, usize, usize) -> f64,
) -> Vec<Vec<f64>> {
    let mut c = vec![vec![0.0; n_opt]; n_opt];
    for i in 0..n_opt {
        for j in 0..i {
            let (mut cij, mut cji) = (MIN_C_COALITION, MIN_C_COALITION);
            for k in 0..n_act {
                let v = vote(k, i, j);
                if v > 0.0 {
                    cij += v;
                }
                if v < 0.0 {
                    cji -= v;
                }
            }
            c[i][j] = cij;
            c[j][i] = cji;
        }
        c[i][i] = MIN_C_COALITION;
    }
    c
}

/// Linear pairwise victory probabilities (KTAB `vProb`, Linear).
fn vprob_linear(c: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = c.len();
    let mut p = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..i {
            let (x1, x2) = (c[i][j], c[j][i]);
            p[i][j] = x1 / (x1 + x2);
            p[j][i] = x2 / (x1 + x2);
        }
        p[i][i] = 0.5;
    }
    p
}

fn pce(pv: &[Vec<f64>], kind: Pce) -> Vec<f64> {
    let n = pv.len();
    match kind {
        Pce::Conditional => {
            let p: Vec<f64> = (0..n).map(|i| pv[i].iter().product()).collect();
            let mut s = 0.0;
            for x in &p {
                s += x;
            }
            p.iter().map(|x| x / s).collect()
        }
        Pce::Markov => {
            let mut p = vec![1.0 / n as f64; n];
            let mut change = 1.0;
            let mut guard = 0;
            while 1e-6 < change && guard < 100_000 {
                guard += 1;
                change = 0.0;
                let mut q = vec![0.0; n];
                for i in 0..n {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += pv[i][j] * (p[i] + p[j]);
                    }
                    q[i] = s / n as f64;
                    change = f64::max(change, (q[i] - p[i]).abs());
                }
                p = p.iter().zip(&q).map(|(a, b)| (a + b) / 2.0).collect();
            }
            p
        }
    }
}

/// Risk attitudes from risk-neutral win probabilities (KTAB `bigRfromProb`, Mid).
fn big_r(p: &[f64]) -> Vec<f64> {
    let (mut pmin, mut pmax) = (1.0f64, 0.0f64);
    for &x in p {
        if x < pmin {
            pmin = x;
        }
        if x > pmax {
            pmax = x;
        }
    }
    if pmax - pmin <= 0.0 {
        return vec![0.0; p.len()];
    }
    p.iter()
        .map(|x| (3.0 * x - (pmax + 2.0 * pmin)) / (2.0 * (pmax - pmin)))
        .collect()
}

fn round4(x: f64) -> f64 {
    (0.5 + x * 10000.0).floor() / 10000.0
}

/// One state's analysis: risk attitudes and distances (utilities are
/// computed from them on demand; KTAB stores them as `aUtil`).
struct Analysis {
    /// Risk attitude per actor.
    nra: Vec<f64>,
    /// `vd[i * n + j]`: distance from i's ideal to j's position, seen by i.
    vd: Vec<f64>,
    /// `vdt[j * n + i] = vd[i * n + j]` (columns, contiguous).
    vdt: Vec<f64>,
    /// Columns with the actors in decreasing order of weight:
    /// `vdp[j * n + t] = vd[ord[t] * n + j]`.
    vdp: Vec<f64>,
}

/// A third party's vote between "i and it against j" and "i against j and
/// it", semi-committed (KTAB `vProbLittle` + `thirdPartyVoteSU`); `ci0`,
/// `cj0`: the principals' coalitions.
#[inline(always)]
fn third_party(wn: f64, uni: f64, unj: f64, ci0: f64, cj0: f64) -> f64 {
    // KTAB: E(ik vs j) − E(i vs jk) with u_nn = 1, which simplifies to
    // π(1 − u_ni) − (1 − π)(1 − u_nj) (same value up to rounding).
    let cn = wn * (uni - unj);
    let cni = ci0 + cn.max(0.0);
    let cnj = cj0 + (-cn).max(0.0);
    let pin = cni / (cni + cnj);
    wn * (pin * (1.0 - uni) - (1.0 - pin) * (1.0 - unj))
}

/// Utility of distance d with risk attitude r, without a branch (d ≤ 1
/// whenever positions lie in \[0,1\]; beyond, KTAB's round-off guard).
#[inline]
fn bsu(d: f64, r: f64) -> f64 {
    (1.0 - d) * (1.0 + d.min(1.0) * r)
}

struct Smp<'a> {
    n: usize,
    cap: &'a [f64],
    sal: &'a [Vec<f64>],
    salsum: Vec<f64>,
    pce: Pce,
    /// Actors by decreasing challenge weight S·c (ties: index): third
    /// parties are summed in this order, so the weight still to come
    /// shrinks fast and hopeless targets are dropped early.
    ord: Vec<usize>,
    /// `at[m]`: m's place in `ord`.
    at: Vec<usize>,
}

impl Smp<'_> {
    /// h's estimate of i's utility of j's position (KTAB `aUtil[h](i,j)`).
    #[inline]
    fn autil(&self, an: &Analysis, h: usize, i: usize, j: usize) -> f64 {
        bsu(an.vd[i * self.n + j], (2.0 * an.nra[h] + an.nra[i]) / 3.0)
    }

    /// Coalitions over options whose utilities to actor k are `col(option)[k]`
    /// (each option's column contiguous over actors), in parallel over rows.
    fn coalitions_cols(
        &self,
        n_opt: usize,
        col: &(dyn Fn(usize) -> Vec<f64> + Sync),
    ) -> Vec<Vec<f64>> {
        use rayon::prelude::*;
        let cols: Vec<Vec<f64>> = (0..n_opt).into_par_iter().map(col).collect();
        let sums: Vec<f64> = cols
            .iter()
            .map(|c| c.iter().zip(self.cap).map(|(u, w)| w * u).sum())
            .collect();
        // Options with identical columns (actors sharing a position exactly)
        // get no votes either way: skip their sums.
        let mut class = vec![0usize; n_opt];
        {
            let mut idx: Vec<usize> = (0..n_opt).collect();
            idx.sort_by(|&a, &b| {
                cols[a]
                    .iter()
                    .zip(&cols[b])
                    .map(|(x, y)| x.total_cmp(y))
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let mut c = 0;
            for w in 0..idx.len() {
                if w > 0 && cols[idx[w]] != cols[idx[w - 1]] {
                    c += 1;
                }
                class[idx[w]] = c;
            }
        }
        let rows: Vec<Vec<(f64, f64)>> = (0..n_opt)
            .into_par_iter()
            .map(|i| {
                (0..i)
                    .map(|j| {
                        if class[i] == class[j] {
                            return (MIN_C_COALITION, MIN_C_COALITION);
                        }
                        let (ci, cj) = (&cols[i], &cols[j]);
                        // C_ij + C_ji = Σ c|u_i − u_j| and C_ij − C_ji =
                        // a_i − a_j (a = Σ c·u): one absolute sum per pair,
                        // in four partial sums (vectorisable). KTAB sums
                        // the two sides in actor order; the results differ
                        // only in the last bits.
                        let mut t4 = [0.0f64; 4];
                        let n4 = self.n / 4 * 4;
                        for ((a, b), c) in ci[..n4]
                            .chunks_exact(4)
                            .zip(cj[..n4].chunks_exact(4))
                            .zip(self.cap[..n4].chunks_exact(4))
                        {
                            for l in 0..4 {
                                t4[l] += c[l] * (a[l] - b[l]).abs();
                            }
                        }
                        let mut t = (t4[0] + t4[1]) + (t4[2] + t4[3]);
                        for k in n4..self.n {
                            t += self.cap[k] * (ci[k] - cj[k]).abs();
                        }
                        let d = sums[i] - sums[j];
                        let cij = MIN_C_COALITION + ((t + d) / 2.0).max(0.0);
                        let cji = MIN_C_COALITION + ((t - d) / 2.0).max(0.0);
                        (cij, cji)
                    })
                    .collect()
            })
            .collect();
        let mut c = vec![vec![0.0; n_opt]; n_opt];
        for i in 0..n_opt {
            for j in 0..i {
                c[i][j] = rows[i][j].0;
                c[j][i] = rows[i][j].1;
            }
            c[i][i] = MIN_C_COALITION;
        }
        c
    }

    fn analyse(&self, pos: &[Vec<f64>]) -> Analysis {
        use rayon::prelude::*;
        let n = self.n;
        let vd: Vec<f64> = (0..n * n)
            .into_par_iter()
            .map(|x| bv_diff(&pos[x / n], &pos[x % n], &self.sal[x / n]))
            .collect();
        let mut vdt = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                vdt[j * n + i] = vd[i * n + j];
            }
        }
        // Risk-neutral utilities ū_ki = 1 − d_ki; option i's column over k.
        let c = self.coalitions_cols(n, &|i| {
            (0..n).map(|k| bs_util(vdt[i * n + k], 0.0)).collect()
        });
        let p_rn = pce(&vprob_linear(&c), self.pce);
        let mut vdp = vec![0.0; n * n];
        for j in 0..n {
            for (t, &m) in self.ord.iter().enumerate() {
                vdp[j * n + t] = vd[m * n + j];
            }
        }
        Analysis {
            nra: big_r(&p_rn),
            vd,
            vdt,
            vdp,
        }
    }

    fn equiv(pos: &[Vec<f64>], i: usize, j: usize) -> bool {
        let d: f64 = pos[i]
            .iter()
            .zip(&pos[j])
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt();
        d < POS_TOL
    }

    /// The probability that each actor's position wins (KTAB `pDist` + `posProb`).
    fn win_probs(&self, pos: &[Vec<f64>], an: &Analysis) -> Vec<f64> {
        let n = self.n;
        let mut uniq: Vec<usize> = Vec::new();
        for i in 0..n {
            if !uniq.iter().any(|&k| Self::equiv(pos, i, k)) {
                uniq.push(i);
            }
        }
        // Actor k's own utility of unique option m: bs_util(d_k,m, R_k).
        let c = self.coalitions_cols(uniq.len(), &|m| {
            (0..n)
                .map(|k| bs_util(an.vdt[uniq[m] * n + k], an.nra[k]))
                .collect()
        });
        let pu = pce(&vprob_linear(&c), self.pce);
        (0..n)
            .map(|i| {
                let mut k = 0;
                for (j1, &j2) in uniq.iter().enumerate() {
                    if Self::equiv(pos, i, j2) {
                        k = j1;
                    }
                }
                pu[k]
            })
            .collect()
    }

    /// i's best challenge (KTAB `bestChallenge` over `probEduChlg(i,i,i,j)`):
    /// (target, P[i beats j] as i sees it, expected gain); `None` when no
    /// target gains more than 1e-5. Ties: the lowest j.
    fn best_challenge(&self, an: &Analysis, i: usize) -> Option<(usize, f64, f64)> {
        let n = self.n;
        let ri = an.nra[i];
        // i's estimates: r^i_m = (2R_i + R_m)/3; u_m(i) = U(d_m,i).
        let rim: Vec<f64> = (0..n).map(|m| (2.0 * ri + an.nra[m]) / 3.0).collect();
        // Third parties in weight order t (see `ord`).
        let rim_p: Vec<f64> = self.ord.iter().map(|&m| rim[m]).collect();
        let col_i = &an.vdp[i * n..(i + 1) * n];
        let uni_all: Vec<f64> = (0..n).map(|t| bsu(col_i[t], rim_p[t])).collect();
        let mut wz: Vec<f64> = self
            .ord
            .iter()
            .map(|&m| self.salsum[m] * self.cap[m])
            .collect();
        wz[self.at[i]] = 0.0;
        let uii = bsu(an.vd[i * n + i], ri);
        let (si, ci) = (self.salsum[i], self.cap[i]);
        let mut best: Option<(usize, f64, f64)> = None;
        let mut best_eu = -1.0;
        // Branch and bound. i's own utility of its own position is 1
        // (distance 0), and the expected gain grows with P = P[i beats j]:
        // gain = 2(1 − S_j) + S_j (2P + 2(1 − P) u_ij) − 1 − u_ij. Every third
        // party's vote is at most its weight w_m, so P ≤ (C_i + W)/(C_i + W +
        // C_j), with C_i, C_j the principals' own coalitions and W the third
        // parties' total weight; the gain at that P bounds the true gain.
        // Targets are tried in decreasing order of the bound; once it falls
        // below the best gain found (or the 1e-5 threshold), no later target
        // can win. Equal gains go to the lowest j, as in KTAB's index-order scan.
        let w_all: f64 = wz.iter().sum();
        // suffix[m] = Σ_{m' ≥ m} wz[m'] (i's weight is 0).
        let mut suffix = vec![0.0; n + 1];
        for m in (0..n).rev() {
            suffix[m] = suffix[m + 1] + wz[m];
        }
        let uii0 = bsu(an.vd[i * n + i], ri);
        let bound_of = |j: usize| -> f64 {
            let uij = bsu(an.vd[i * n + j], ri);
            let uji = bsu(an.vd[j * n + i], rim[j]);
            let ujj = bsu(an.vd[j * n + j], rim[j]);
            let ci_ij = self.salsum[i] * self.cap[i] * (uii0 - uij);
            let cj_ij = self.salsum[j] * self.cap[j] * (uji - ujj);
            let ci = MIN_CLTN_CHLG + ci_ij.max(0.0) + cj_ij.max(0.0);
            let cj = MIN_CLTN_CHLG + (-ci_ij).max(0.0) + (-cj_ij).max(0.0);
            let third = (w_all - wz[self.at[j]]).max(0.0);
            let p = ((ci + third) / (ci + third + cj)).min(1.0);
            let sj = self.salsum[j];
            // A little slack for rounding.
            (1.0 - sj) * 2.0 * uii0 + sj * (p * 2.0 * uii0 + (1.0 - p) * 2.0 * uij) - uii0 - uij
                + 1e-9
        };
        let mut order: Vec<(f64, usize)> = (0..n)
            .filter(|&j| j != i)
            .map(|j| (bound_of(j), j))
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (bound, j) in order {
            if bound <= MIN_SIG_EDU || bound < best_eu {
                break;
            }
            let uij = bsu(an.vd[i * n + j], ri);
            let uji = bsu(an.vd[j * n + i], rim[j]);
            let ujj = bsu(an.vd[j * n + j], rim[j]);
            let eu_sq = uii + uij;
            let uhkij = uii + uii;
            let uhkji = uij + uij;
            let (sj, cj) = (self.salsum[j], self.cap[j]);
            let ci_ij = si * ci * (uii - uij);
            let cj_ij = sj * cj * (uji - ujj);
            let mut chij = MIN_CLTN_CHLG + ci_ij.max(0.0) + cj_ij.max(0.0);
            let mut chji = MIN_CLTN_CHLG + (-ci_ij).max(0.0) + (-cj_ij).max(0.0);
            let (ci0, cj0) = (chij, chji);
            let col_j = &an.vdp[j * n..(j + 1) * n];
            let tj = self.at[j];
            // Third parties: every m except i and j (their weight is set to
            // 0, which makes their vote exactly 0). Four lanes at a time.
            let saved = wz[tj];
            wz[tj] = 0.0;
            // The smallest P at which j would beat the best target so far:
            // gain(P) = base + slope·P. While summing the third parties, stop
            // as soon as even all the remaining weight on i's side could not
            // lift P to it (the bound argument above, applied part way).
            let base = (1.0 - sj) * uhkij + sj * uhkji - eu_sq;
            let slope = sj * (uhkij - uhkji);
            let p_need = if best.is_some() && slope > 0.0 {
                (best_eu - base) / slope
            } else {
                f64::NEG_INFINITY
            };
            let (mut p, mut q) = ([0.0f64; 4], [0.0f64; 4]);
            let n4 = n / 4 * 4;
            let mut hopeless = false;
            for m0 in (0..n4).step_by(4) {
                let wn: [f64; 4] = wz[m0..m0 + 4].try_into().expect("4 lanes");
                let uni: [f64; 4] = uni_all[m0..m0 + 4].try_into().expect("4 lanes");
                let dj: [f64; 4] = col_j[m0..m0 + 4].try_into().expect("4 lanes");
                let rr: [f64; 4] = rim_p[m0..m0 + 4].try_into().expect("4 lanes");
                for l in 0..4 {
                    let vn = third_party(wn[l], uni[l], bsu(dj[l], rr[l]), ci0, cj0);
                    p[l] += vn.max(0.0);
                    q[l] += (-vn).max(0.0);
                }
                if m0 % 8 == 4 && p_need > f64::NEG_INFINITY {
                    // Weight still to come (j's is 0 now).
                    let rest = (suffix[m0 + 4] - if tj >= m0 + 4 { saved } else { 0.0 }).max(0.0);
                    let hi = chij + (p[0] + p[1]) + (p[2] + p[3]) + rest;
                    let lo = chji + (q[0] + q[1]) + (q[2] + q[3]);
                    if hi / (hi + lo) < p_need - 1e-9 {
                        hopeless = true;
                        break;
                    }
                }
            }
            if hopeless {
                wz[tj] = saved;
                continue;
            }
            chij += (p[0] + p[1]) + (p[2] + p[3]);
            chji += (q[0] + q[1]) + (q[2] + q[3]);
            for m in n4..n {
                let vn = third_party(wz[m], uni_all[m], bsu(col_j[m], rim_p[m]), ci0, cj0);
                chij += vn.max(0.0);
                chji += (-vn).max(0.0);
            }
            wz[tj] = saved;
            let phij = chij / (chij + chji);
            let phji = chji / (chij + chji);
            let eu_cntst = phij * uhkij + phji * uhkji;
            let eu_chlg = (1.0 - sj) * uhkij + sj * eu_cntst;
            let edu = eu_chlg - eu_sq;
            let better = best_eu < edu || (best_eu == edu && best.is_some_and(|b| j < b.0));
            if MIN_SIG_EDU < edu && better {
                best = Some((j, phij, edu));
                best_eu = edu;
            }
        }
        best
    }

    fn interp(
        &self,
        i: usize,
        j: usize,
        pi: &[f64],
        pj: &[f64],
        prb_i: f64,
        prb_j: f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let mut bi = Vec::with_capacity(pi.len());
        let mut bj = Vec::with_capacity(pi.len());
        for k in 0..pi.len() {
            let (tik, sik) = (pi[k], self.sal[i][k]);
            let (tjk, sjk) = (pj[k], self.sal[j][k]);
            let wik = sik.powi(2) * prb_i.powi(2);
            let wjk = sjk.powi(2) * prb_j.powi(2);
            let den = wik + MIN_W_INTERP + wjk;
            bi.push(round4(((wik + MIN_W_INTERP) * tik + wjk * tjk) / den));
            bj.push(round4((wik * tik + (MIN_W_INTERP + wjk) * tjk) / den));
        }
        (bi, bj)
    }

    fn pos_util(&self, an: &Analysis, pos: &[Vec<f64>], a: usize, p: &[f64]) -> f64 {
        bs_util(bv_diff(&pos[a], p, &self.sal[a]), an.nra[a])
    }

    /// One turn: challenges, bargains, each actor's choice (KTAB `doBCN`).
    fn step(&self, pos: &[Vec<f64>], an: &Analysis) -> Vec<Vec<f64>> {
        use rayon::prelude::*;
        let n = self.n;
        // (initiator, receiver, initiator's new position, receiver's); status quo: i == j.
        type Bargain = (usize, usize, Vec<f64>, Vec<f64>);
        let challenges: Vec<Option<(usize, f64, f64)>> = (0..n)
            .into_par_iter()
            .map(|i| self.best_challenge(an, i))
            .collect();
        let mut brgns: Vec<Vec<Bargain>> = (0..n)
            .map(|i| vec![(i, i, pos[i].clone(), pos[i].clone())])
            .collect();
        for (i, ch) in challenges.into_iter().enumerate() {
            if let Some((j, pij, edu)) = ch {
                if edu > 0.0 {
                    let (bi, bj) = self.interp(i, j, &pos[i], &pos[j], pij, 1.0 - pij);
                    let b = (i, j, bi, bj);
                    brgns[i].push(b.clone());
                    brgns[j].push(b);
                }
            }
        }
        // Each actor's own utility of everyone's current position, summed.
        let own_sum: Vec<f64> = (0..n)
            .map(|a| {
                let mut s = 0.0;
                for m in 0..n {
                    s += self.autil(an, a, a, m);
                }
                s
            })
            .collect();
        (0..n)
            .into_par_iter()
            .map(|k| {
                let bs = &brgns[k];
                let nb = bs.len();
                let u_im: Vec<Vec<f64>> = (0..n)
                    .map(|a| {
                        bs.iter()
                            .map(|b| {
                                // Σ over everyone's position, with the two
                                // bargainers' positions replaced (KTAB sums in
                                // actor order; this differs in the last bits).
                                let s = if b.0 == b.1 {
                                    own_sum[a]
                                } else {
                                    self.pos_util(an, pos, a, &b.2)
                                        + self.pos_util(an, pos, a, &b.3)
                                        + (own_sum[a]
                                            - self.autil(an, a, a, b.0)
                                            - self.autil(an, a, a, b.1))
                                };
                                s / n as f64
                            })
                            .collect()
                    })
                    .collect();
                let c = coalitions(n, nb, |a, x, y| self.cap[a] * (u_im[a][x] - u_im[a][y]));
                let p = pce(&vprob_linear(&c), self.pce);
                let (mut mmax, mut best) = (0, -1.0);
                for (m, &x) in p.iter().enumerate() {
                    if best < x.abs() {
                        mmax = m;
                        best = x.abs();
                    }
                }
                let b = &bs[mmax];
                if b.0 == b.1 {
                    pos[k].clone()
                } else if b.0 == k {
                    b.2.clone()
                } else {
                    b.3.clone()
                }
            })
            .collect()
    }
}

fn state_dist(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    let mut s = 0.0;
    for (x, y) in a.iter().zip(b) {
        s += x
            .iter()
            .zip(y)
            .map(|(p, q)| (p - q) * (p - q))
            .sum::<f64>()
            .sqrt();
    }
    s
}

/// Runs the SMP with the default (conditional) election.
pub fn run(a: &Actors, rounds: Option<usize>) -> Forecast {
    run_with(a, rounds, Pce::Conditional)
}

/// Runs the SMP. Positions are rescaled to \[0,1\] by each dimension's range
/// (KTAB's 0–100 scale divides by 100) and back for the output; saliences
/// are used as given (KTAB's 0–100 saliences are read as fractions). Stops
/// after `rounds` turns if given, else when the last turn moved the actors
/// less than 2% of the first turn's movement (at least 2, at most 100 turns).
/// The forecast is the mean of the final positions weighted by their
/// probabilities of winning.
pub fn run_with(a: &Actors, rounds: Option<usize>, kind: Pce) -> Forecast {
    let n = a.n();
    let scale = |d: usize| {
        let (lo, hi) = a.range[d];
        (lo, if hi > lo { hi - lo } else { 1.0 })
    };
    let to01 = |p: &[Vec<f64>]| -> Vec<Vec<f64>> {
        p.iter()
            .map(|x| {
                x.iter()
                    .enumerate()
                    .map(|(d, v)| (v - scale(d).0) / scale(d).1)
                    .collect()
            })
            .collect()
    };
    let back = |p: &[Vec<f64>]| -> Vec<Vec<f64>> {
        p.iter()
            .map(|x| {
                x.iter()
                    .enumerate()
                    .map(|(d, v)| scale(d).0 + v * scale(d).1)
                    .collect()
            })
            .collect()
    };
    let salsum: Vec<f64> = a.salience.iter().map(|s| s.iter().sum()).collect();
    let mut ord: Vec<usize> = (0..n).collect();
    ord.sort_by(|&x, &y| {
        (salsum[y] * a.capability[y])
            .total_cmp(&(salsum[x] * a.capability[x]))
            .then(x.cmp(&y))
    });
    let mut at = vec![0; n];
    for (t, &m) in ord.iter().enumerate() {
        at[m] = t;
    }
    let m = Smp {
        n,
        cap: &a.capability,
        sal: &a.salience,
        salsum,
        pce: kind,
        ord,
        at,
    };
    let mut history = vec![to01(&a.position)];
    let mut current = m.analyse(&history[0]);
    // Per state: (win probabilities, risk attitudes).
    let mut reports = vec![(m.win_probs(&history[0], &current), current.nra.clone())];
    let limit = rounds.unwrap_or(MAX_ITER);
    let mut it = 0;
    while it < limit && n >= 2 {
        it += 1;
        let next = m.step(&history[it - 1], &current);
        current = m.analyse(&next);
        reports.push((m.win_probs(&next, &current), current.nra.clone()));
        history.push(next);
        if rounds.is_none() {
            let d01 = state_dist(&history[0], &history[1]) + MIN_SIG_DELTA;
            let dxy = state_dist(&history[it], &history[it - 1]);
            if MAX_ITER <= it || (MIN_ITER <= it && dxy / d01 < MIN_DELTA_RATIO) {
                break;
            }
        }
    }
    let rounds: Vec<Round> = history
        .iter()
        .zip(reports)
        .map(|(p, (probs, risk))| Round {
            positions: back(p),
            probabilities: Some(probs),
            risk: Some(risk),
        })
        .collect();
    let last = rounds.last().expect("round 0");
    let probs = last.probabilities.as_ref().expect("SMP probabilities");
    // Actors sharing a position report the same probability: count each
    // distinct position once.
    let mut seen: Vec<usize> = Vec::new();
    let (mut wsum, mut outcome) = (0.0, vec![0.0; a.dims()]);
    for i in 0..n {
        if seen
            .iter()
            .any(|&k| Smp::equiv(history.last().expect("a state"), i, k))
        {
            continue;
        }
        seen.push(i);
        wsum += probs[i];
        for (d, o) in outcome.iter_mut().enumerate() {
            *o += probs[i] * last.positions[i][d];
        }
    }
    if wsum > 0.0 {
        for o in &mut outcome {
            *o /= wsum;
        }
    }
    Forecast {
        model: Model::Smp,
        outcome,
        rounds,
    }
}
