//! What the ZOPA counter returns, how it got there, and its limits.

use num_bigint::BigUint;

use crate::compile::Compiled;

/// How the count was obtained.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// Exact, by bounded depth-first search.
    Search,
    /// Exact, by meet in the middle.
    MeetInTheMiddle,
    /// Estimated from uniform samples.
    Sampled {
        /// Number of packages sampled.
        samples: u64,
        /// Seed of the sampler.
        seed: u64,
        /// 95% interval for the count (Wilson score interval, scaled).
        low: BigUint,
        /// Upper end of the interval.
        high: BigUint,
    },
}

impl Method {
    /// Whether the numbers are exact.
    pub fn exact(&self) -> bool {
        !matches!(self, Method::Sampled { .. })
    }

    /// A short name for output.
    pub fn name(&self) -> &'static str {
        match self {
            Method::Search => "search",
            Method::MeetInTheMiddle => "meet-in-the-middle",
            Method::Sampled { .. } => "sampled",
        }
    }
}

/// Limits for the counter.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest number of search nodes before the search gives up.
    pub search_nodes: u64,
    /// Largest number of partial vectors listed per half in meet in the middle.
    pub half_size: u64,
    /// Number of samples when both exact methods are out of reach.
    pub samples: u64,
    /// Seed of the sampler.
    pub seed: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            search_nodes: 20_000_000,
            half_size: 4_000_000,
            samples: 250_000,
            seed: 1,
        }
    }
}

/// The ZOPA counted: total and per group option.
#[derive(Debug, Clone)]
pub struct ZopaCount {
    /// Number of packages acceptable to every veto party (an estimate when sampled).
    pub count: BigUint,
    /// `per_option[g][o]`: number of ZOPA packages using option o of group g.
    pub per_option: Vec<Vec<BigUint>>,
    /// How the numbers were obtained.
    pub method: Method,
}

impl ZopaCount {
    /// Number of ZOPA packages using each option of issue `i`.
    pub fn per_issue_option(&self, c: &Compiled, i: usize) -> Vec<BigUint> {
        let (g, k) = c.issue_group[i];
        let grp = &c.groups[g];
        let mut out = vec![BigUint::default(); grp.radices[k]];
        for (combo, n) in self.per_option[g].iter().enumerate() {
            out[grp.digit(combo, k)] += n;
        }
        out
    }
}
