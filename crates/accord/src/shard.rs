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

/// What every part file says of the run it belongs to.
trait Part {
    fn format(&self) -> u32;
    fn command(&self) -> &str;
    fn shard(&self) -> Shard;
    /// Whether `other` is a part of the same run (scenarios, overrides,
    /// question; the number of shards is checked apart).
    fn same_run(&self, other: &Self) -> bool;
}

macro_rules! part {
    ($t:ty, $scenario:ident) => {
        impl Part for $t {
            fn format(&self) -> u32 {
                self.accord_shard
            }
            fn command(&self) -> &str {
                &self.command
            }
            fn shard(&self) -> Shard {
                self.shard
            }
            fn same_run(&self, other: &Self) -> bool {
                self.$scenario == other.$scenario
                    && self.set == other.set
                    && self.request == other.request
            }
        }

        impl $t {
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
            /// A usage error located in the file (line and column) when it
            /// is not a part file of this command.
            pub fn from_json(text: &str, name: &str) -> Result<Self, Error> {
                serde_json::from_str(text).map_err(|e| {
                    Error::usage(
                        format!(
                            "{name}:{}:{}: not an accord part file of this command: {e}",
                            e.line(),
                            e.column()
                        ),
                        Some(
                            "give the part files that `accord … --shard K/N` wrote, unchanged"
                                .into(),
                        ),
                    )
                })
            }
        }
    };
}

/// Checks that `parts` are every shard of one run of `command` exactly
/// once, and puts them in shard order.
fn check_parts<P: Part>(parts: &mut [P], command: &str) -> Result<(), Error> {
    let hint = || {
        Some(format!(
            "give every part of one run once: accord {command} --merge part-1.json … part-N.json"
        ))
    };
    let Some(first) = parts.first() else {
        return Err(Error::usage("--merge needs the parts of a run", hint()));
    };
    if let Some(p) = parts
        .iter()
        .find(|p| p.format() != FORMAT || p.command() != command)
    {
        return Err(Error::usage(
            format!(
                "a part is of format {} for `{}`; this merges format {FORMAT} parts of `{command}`",
                p.format(),
                p.command()
            ),
            hint(),
        ));
    }
    let n = first.shard().n;
    if !parts.iter().all(|p| p.shard().n == n && p.same_run(first)) {
        return Err(Error::usage(
            "the parts come from different runs (another scenario, --set, question or number of shards)",
            hint(),
        ));
    }
    if let Some(p) = parts.iter().find(|p| p.shard().k == 0 || p.shard().k > n) {
        return Err(Error::usage(
            format!(
                "a part says it is shard {}/{n}, which does not exist",
                p.shard().k
            ),
            hint(),
        ));
    }
    parts.sort_by_key(|p| p.shard().k);
    if let Some(w) = parts.windows(2).find(|w| w[0].shard().k == w[1].shard().k) {
        return Err(Error::usage(
            format!("shard {}/{n} is given twice", w[0].shard().k),
            hint(),
        ));
    }
    if let Some(k) = (1..=n).find(|k| !parts.iter().any(|p| p.shard().k == *k)) {
        return Err(Error::usage(format!("shard {k}/{n} is missing"), hint()));
    }
    Ok(())
}

part!(RobustPart, scenario);
part!(SweepPart, scenario);
part!(TournamentPart, scenarios);

/// A part file: shard K of N of a `tournament` (its matches ⌊(K−1)·M/N⌋ …
/// ⌊K·M/N⌋ − 1 of M, each an assignment of strategies on one scenario over
/// every seed, in counting order).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TournamentPart {
    /// [`FORMAT`].
    pub accord_shard: u32,
    /// `tournament`.
    pub command: String,
    /// Which shard.
    pub shard: Shard,
    /// The scenarios, in the order given.
    pub scenarios: Vec<PartScenario>,
    /// The `--set` overrides (applied to every scenario).
    pub set: Vec<String>,
    /// The tournament's settings.
    pub request: crate::TournamentRequest,
    /// The shard's matches, in counting order.
    pub matches: Vec<crate::report::tournament::MatchReport>,
    /// Negotiations the shard ran.
    pub negotiations: u64,
    /// Seconds they took (a measurement).
    pub seconds: f64,
}

/// A part file: shard K of N of a `sweep` (its grid points ⌊(K−1)·P/N⌋ …
/// ⌊K·P/N⌋ − 1, in grid order).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepPart {
    /// [`FORMAT`].
    pub accord_shard: u32,
    /// `sweep`.
    pub command: String,
    /// Which shard.
    pub shard: Shard,
    /// The scenario.
    pub scenario: PartScenario,
    /// The `--set` overrides.
    pub set: Vec<String>,
    /// The request (the same in every part).
    pub request: Request,
    /// The shard's rows, in grid order.
    pub rows: Vec<crate::report::sweep::SweepRow>,
}

/// The scenario as a part carries it.
fn part_scenario(scenario: &Editable, source: &str) -> PartScenario {
    PartScenario {
        source: source.to_string(),
        name: scenario.name.clone(),
        text: scenario.text.clone(),
    }
}

/// Computes shard `shard` of the `sweep` `request` on `scenario`.
///
/// # Errors
///
/// The scenario's or the request's errors, as for the one run; a request
/// other than `sweep`.
pub fn sweep_shard(
    scenario: &Editable,
    source: &str,
    set: &[String],
    request: &Request,
    shard: Shard,
    observer: &dyn Observer,
) -> Result<SweepPart, Error> {
    let part_scenario = part_scenario(scenario, source);
    let session = session_of(&part_scenario, set)?;
    let a = crate::report::sweep::args_of(request)?;
    let p = crate::report::sweep::prepare(session.input(), &a)?;
    let rows = crate::report::sweep::rows(
        session.input(),
        &p,
        &a,
        shard.range(p.points as u64),
        observer,
    )?;
    Ok(SweepPart {
        accord_shard: FORMAT,
        command: "sweep".into(),
        shard,
        scenario: part_scenario,
        set: set.to_vec(),
        request: request.clone(),
        rows,
    })
}

/// Finishes a `sweep` from all its parts (in any order): the session it ran
/// on, its name, and the report, the same as the one run's.
///
/// # Errors
///
/// As [`robust_merge`].
pub fn sweep_merge(mut parts: Vec<SweepPart>) -> Result<(Session, String, Report), Error> {
    check_parts(&mut parts, "sweep")?;
    let first = &parts[0];
    let session = session_of(&first.scenario, &first.set)?;
    let source = first.scenario.source.clone();
    let request = first.request.clone();
    let a = crate::report::sweep::args_of(&request)?;
    let p = crate::report::sweep::prepare(session.input(), &a)?;
    let n = parts.len();
    let mut rows = Vec::with_capacity(p.points);
    for part in parts {
        let want = part.shard.range(p.points as u64);
        if part.rows.len() as u64 != want.end - want.start {
            return Err(Error::usage(
                format!(
                    "part {}/{n} does not hold the grid points of its shard",
                    part.shard.k
                ),
                Some("the part was changed after it was written: compute it again".into()),
            ));
        }
        rows.extend(part.rows);
    }
    let report = crate::report::sweep::finish(session.input(), &p, &a, rows);
    Ok((session, source, Report::Sweep(report)))
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
    let part_scenario = part_scenario(scenario, source);
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
    check_parts(&mut parts, "robust")?;
    let n = parts.len();
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

/// Computes shard `shard` of a tournament over `scenarios` (each as its text
/// and the name the run gives it).
///
/// # Errors
///
/// The scenarios' or the settings' errors, as for the one run.
pub fn tournament_shard(
    scenarios: &[(Editable, String)],
    set: &[String],
    request: &crate::TournamentRequest,
    shard: Shard,
    observer: &dyn Observer,
) -> Result<TournamentPart, Error> {
    let parts: Vec<PartScenario> = scenarios
        .iter()
        .map(|(e, source)| part_scenario(e, source))
        .collect();
    let sessions = parts
        .iter()
        .map(|p| Ok((p.source.clone(), session_of(p, set)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    let (report, _) = crate::report::tournament::answer_range(
        &sessions,
        request,
        Some(&|total| shard.range(total)),
        observer,
    )?;
    Ok(TournamentPart {
        accord_shard: FORMAT,
        command: "tournament".into(),
        shard,
        scenarios: parts,
        set: set.to_vec(),
        request: request.clone(),
        negotiations: report.negotiations,
        seconds: report.seconds,
        matches: report.matches,
    })
}

/// The number of matches of a tournament (no negotiation is run).
fn tournament_matches(
    sessions: &[(String, Session)],
    request: &crate::TournamentRequest,
) -> Result<u64, Error> {
    crate::report::tournament::answer_range(
        sessions,
        request,
        Some(&|_| 0..0),
        &crate::observe::Silent,
    )
    .map(|(_, total)| total)
}

/// Finishes a tournament from all its parts (in any order): the same report
/// as one run, except the measurements (`seconds`, `negotiations_per_second`:
/// the parts' seconds summed).
///
/// # Errors
///
/// As [`robust_merge`].
pub fn tournament_merge(mut parts: Vec<TournamentPart>) -> Result<Report, Error> {
    check_parts(&mut parts, "tournament")?;
    let n = parts.len();
    let first = &parts[0];
    let request = first.request.clone();
    let sessions = first
        .scenarios
        .iter()
        .map(|p| Ok((p.source.clone(), session_of(p, &first.set)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    let total = tournament_matches(&sessions, &request)?;
    let (mut matches, mut negotiations, mut seconds) = (Vec::new(), 0u64, 0.0);
    for part in parts {
        let want = part.shard.range(total);
        if part.matches.len() as u64 != want.end - want.start {
            return Err(Error::usage(
                format!(
                    "part {}/{n} does not hold the matches of its shard",
                    part.shard.k
                ),
                Some("the part was changed after it was written: compute it again".into()),
            ));
        }
        matches.extend(part.matches);
        negotiations += part.negotiations;
        seconds += part.seconds;
    }
    Ok(Report::Tournament(crate::report::tournament::assemble(
        &request,
        matches,
        negotiations,
        seconds,
    )?))
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
