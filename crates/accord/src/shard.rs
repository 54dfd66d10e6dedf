//! One run over many machines: `robust --shard K/N` computes shard K of N
//! (the samples ⌊(K−1)·S/N⌋ … ⌊K·S/N⌋ − 1, each drawn from (seed, k)
//! alone) into a part file, and `robust --merge PART…` finishes the run from
//! the parts. The merged answer is byte for byte the one run's, for any N:
//! the parts hold each sample's first-pass result, and the merge does what
//! the one run does after its first pass (the second pass over the most
//! frequent Nash deals, the statistics) on the same records in the same
//! order. A part carries the scenario's text (its deal files written in),
//! the overrides and the request, so the merge needs nothing else and reads
//! no other file. (`docs/cli.md`, "Shards".)

use serde::{Deserialize, Serialize};

use crate::editable::Editable;
use crate::error::Error;
use crate::observe::Observer;
use crate::report::robust::{engine_error, prepare, report};
use crate::resolve::Ids;
use crate::{Report, Request, Session};

/// The part files' format version.
pub const FORMAT: u32 = 1;
/// The most shards a run can be split into.
pub const MAX_SHARDS: u64 = 100_000;

/// Shard K of N (K from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, from 1.
    pub k: u64,
    /// Of how many.
    pub n: u64,
}

impl Shard {
    /// Reads `K/N` (1 ≤ K ≤ N ≤ [`MAX_SHARDS`]).
    ///
    /// # Errors
    ///
    /// A usage error naming `--shard`.
    pub fn parse(arg: &str) -> Result<Shard, Error> {
        let bad = || {
            Error::usage(
                format!("--shard {arg}: expected K/N, shard K of N, with 1 ≤ K ≤ N ≤ {MAX_SHARDS}"),
                Some(
                    "e.g. --shard 2/8 for the second of eight shards; merge the parts with --merge"
                        .into(),
                ),
            )
        };
        let (k, n) = arg.split_once('/').ok_or_else(bad)?;
        let k: u64 = k.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || k > n || n > MAX_SHARDS {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }

    /// The items of this shard among `total`: a contiguous range, the
    /// shards in order covering `0..total` exactly once.
    pub fn range(&self, total: u64) -> std::ops::Range<u64> {
        let at = |k: u64| ((k as u128 * total as u128) / self.n as u128) as u64;
        at(self.k - 1)..at(self.k)
    }
}

/// The scenario a part was computed on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartScenario {
    /// How the run named it (the file as given on the command line).
    pub source: String,
    /// The name its text is read under (its extension gives the format).
    pub name: String,
    /// The text, its deal files written in.
    pub text: String,
}

/// A part file: shard K of N of a `robust` run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RobustPart {
    /// [`FORMAT`].
    pub accord_shard: u32,
    /// `robust`.
    pub command: String,
    /// Which shard.
    pub shard: Shard,
    /// The scenario.
    pub scenario: PartScenario,
    /// The `--set` overrides.
    pub set: Vec<String>,
    /// The request (the same in every part).
    pub request: Request,
    /// The first-pass record of each sample of the shard, in order.
    pub samples: Vec<accord_core::robust::SampleRecord>,
}

impl RobustPart {
    /// The part as one line of JSON (a part file).
    ///
    /// # Errors
    ///
    /// An `Output` error if it cannot be written (it can: a bug).
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string(self)
            .map(|s| s + "\n")
            .map_err(|e| Error::output(format!("cannot write the part: {e}")))
    }

    /// Reads a part file's text (`name` names it in errors).
    ///
    /// # Errors
    ///
    /// A usage error located in the file (line and column) when it is not
    /// a part file.
    pub fn from_json(text: &str, name: &str) -> Result<RobustPart, Error> {
        serde_json::from_str(text).map_err(|e| {
            Error::usage(
                format!(
                    "{name}:{}:{}: not an accord part file: {e}",
                    e.line(),
                    e.column()
                ),
                Some(
                    "give the part files that `accord robust … --shard K/N` wrote, unchanged"
                        .into(),
                ),
            )
        })
    }
}

fn session_of(scenario: &PartScenario, set: &[String]) -> Result<Session, Error> {
    Session::from_text(&scenario.text, &scenario.name, set)
}

/// Computes shard `shard` of the `robust` `request` on `scenario`.
///
/// # Errors
///
/// The scenario's or the request's errors, as for the one run; a request
/// other than `robust`, or a `--deal` given as a file (a part carries no
/// file but the scenario: give the deal's id or an inline package).
pub fn robust_shard(
    scenario: &Editable,
    source: &str,
    set: &[String],
    request: &Request,
    shard: Shard,
    observer: &dyn Observer,
) -> Result<RobustPart, Error> {
    let part_scenario = PartScenario {
        source: source.to_string(),
        name: scenario.name.clone(),
        text: scenario.text.clone(),
    };
    let session = session_of(&part_scenario, set)?;
    let p = prepare(session.input(), request)?;
    let records = accord_core::robust::robust_samples(
        session.scenario(),
        &p.opts,
        shard.range(p.opts.samples),
        observer,
    )
    .map_err(engine_error)?;
    Ok(RobustPart {
        accord_shard: FORMAT,
        command: "robust".into(),
        shard,
        scenario: part_scenario,
        set: set.to_vec(),
        request: request.clone(),
        samples: records,
    })
}

/// Finishes a `robust` run from all its parts (in any order): the session
/// it ran on (for rendering, named as the run named it) and the report,
/// the same as the one run's.
///
/// # Errors
///
/// A usage error when the parts are not every shard of one run exactly
/// once (a shard missing or given twice, parts of different runs or
/// formats); the scenario's errors as for the one run.
pub fn robust_merge(
    mut parts: Vec<RobustPart>,
    observer: &dyn Observer,
) -> Result<(Session, String, Report), Error> {
    let hint = || {
        Some(
            "give every part of one run once: accord robust --merge part-1.json … part-N.json"
                .to_string(),
        )
    };
    let Some(first) = parts.first() else {
        return Err(Error::usage("--merge needs the parts of a run", hint()));
    };
    if let Some(p) = parts
        .iter()
        .find(|p| p.accord_shard != FORMAT || p.command != "robust")
    {
        return Err(Error::usage(
            format!(
                "a part is of format {} for `{}`; this accord merges format {FORMAT} parts of `robust`",
                p.accord_shard, p.command
            ),
            hint(),
        ));
    }
    let n = first.shard.n;
    let same_run = |p: &RobustPart| {
        p.shard.n == n
            && p.scenario == first.scenario
            && p.set == first.set
            && p.request == first.request
    };
    if !parts.iter().all(same_run) {
        return Err(Error::usage(
            "the parts come from different runs (another scenario, --set, question or number of shards)",
            hint(),
        ));
    }
    parts.sort_by_key(|p| p.shard.k);
    for (i, p) in parts.iter().enumerate() {
        if p.shard.k != i as u64 + 1 {
            let missing = (1..=n).find(|k| !parts.iter().any(|p| p.shard.k == *k));
            return Err(Error::usage(
                match missing {
                    Some(k) => format!("shard {k}/{n} is missing"),
                    None => format!("shard {}/{n} is given twice", p.shard.k),
                },
                hint(),
            ));
        }
    }
    if parts.len() as u64 != n {
        return Err(Error::usage(
            format!("{} of {n} shards given", parts.len()),
            hint(),
        ));
    }
    let first = &parts[0];
    let session = session_of(&first.scenario, &first.set)?;
    let source = first.scenario.source.clone();
    let p = prepare(session.input(), &first.request)?;
    let samples = p.opts.samples;
    let mut records = Vec::with_capacity(samples as usize);
    for part in parts {
        let want = part.shard.range(samples);
        let ok = part.samples.len() as u64 == want.end - want.start
            && part.samples.iter().zip(want).all(|(r, k)| r.k == k);
        if !ok {
            return Err(Error::usage(
                format!(
                    "part {}/{n} does not hold the samples of its shard",
                    part.shard.k
                ),
                Some("the part was changed after it was written: compute it again".into()),
            ));
        }
        records.extend(part.samples);
    }
    let r = accord_core::robust::robust_finish(session.scenario(), &p.opts, records, observer)
        .map_err(engine_error)?;
    let report = report(session.scenario(), &Ids::new(session.scenario()), p, r);
    Ok((session, source, Report::Robust(report)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_item_once_in_order() {
        for total in [0u64, 1, 7, 100, 1001] {
            for n in 1..=9 {
                let mut next = 0;
                for k in 1..=n {
                    let r = Shard { k, n }.range(total);
                    assert_eq!(r.start, next);
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert!(Shard::parse("2/x").is_err());
        assert_eq!(Shard::parse("2/3").unwrap(), Shard { k: 2, n: 3 });
    }
}
