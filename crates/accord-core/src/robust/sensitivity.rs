//! First-order sensitivity of an outcome to each source of uncertainty.

/// How much one source of uncertainty moves the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The input (or `@factor`).
    pub input: String,
    /// First-order index: the share of the outcome's variance explained by
    /// this source alone, estimated by binning its quantile into 10 bins
    /// (ε², the correlation ratio η² corrected for finite-sample bias).
    pub index: f64,
    /// The outcome's frequency when the source is in its lowest fifth.
    pub low: f64,
    /// The outcome's frequency when the source is in its highest fifth.
    pub high: f64,
}

const BINS: usize = 10;

/// The sensitivity of outcome `y` to each source (quantiles
/// `u[k * names.len() + j]` of sample k, source j), most sensitive first.
pub(crate) fn sensitivity(names: &[String], u: &[f64], y: &[f64]) -> Vec<Sensitivity> {
    let stride = names.len();
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n.max(1.0);
    let var = y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n.max(1.0);
    let mut out: Vec<Sensitivity> = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let mut sum = [0.0; BINS];
            let mut cnt = [0.0; BINS];
            let (mut lo, mut lo_n, mut hi, mut hi_n) = (0.0, 0.0, 0.0, 0.0);
            for (k, &v) in y.iter().enumerate() {
                let x = u[k * stride + j];
                let b = ((x * BINS as f64) as usize).min(BINS - 1);
                sum[b] += v;
                cnt[b] += 1.0;
                if x < 0.2 {
                    lo += v;
                    lo_n += 1.0;
                } else if x >= 0.8 {
                    hi += v;
                    hi_n += 1.0;
                }
            }
            // ε² (the correlation ratio η² corrected for the bias of
            // estimating bin means from finite samples): (SS_between −
            // (bins − 1)·MS_within) / SS_total, floored at 0.
            let used = (0..BINS).filter(|&b| cnt[b] > 0.0).count() as f64;
            let ss_between: f64 = (0..BINS)
                .filter(|&b| cnt[b] > 0.0)
                .map(|b| cnt[b] * (sum[b] / cnt[b] - mean).powi(2))
                .sum();
            let ss_total = var * n;
            let ms_within = if n > used {
                (ss_total - ss_between).max(0.0) / (n - used)
            } else {
                0.0
            };
            // With fewer than 10 samples per bin the estimate means nothing.
            let index = if n < 10.0 * BINS as f64 {
                f64::NAN
            } else if ss_total > 0.0 {
                ((ss_between - (used - 1.0) * ms_within) / ss_total).clamp(0.0, 1.0)
            } else {
                0.0
            };
            Sensitivity {
                input: name.clone(),
                index,
                low: if lo_n > 0.0 { lo / lo_n } else { mean },
                high: if hi_n > 0.0 { hi / hi_n } else { mean },
            }
        })
        .collect();
    out.sort_by(|a, b| b.index.total_cmp(&a.index).then(a.input.cmp(&b.input)));
    out
}
