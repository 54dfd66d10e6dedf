//! Indices to ids: the one place where the engine's index-level results
//! become the id-level values of a report.

use std::sync::Arc;

use accord_core::model::Scenario;

use crate::report::value::{ByParty, Count, Id, Keyed, OptionValue, Package};

/// Turns a scenario's indices into report values, sharing the id strings.
pub(crate) struct Ids<'a> {
    pub(crate) s: &'a Scenario,
    parties: Vec<Id>,
    issues: Vec<Id>,
    options: Vec<Vec<OptionValue>>,
}

impl<'a> Ids<'a> {
    pub(crate) fn new(s: &'a Scenario) -> Ids<'a> {
        let options = s
            .issues
            .iter()
            .map(|issue| {
                issue
                    .options
                    .iter()
                    .map(|opt| match opt.value {
                        Some(x) if issue.kind.is_numeric() => {
                            if x.fract() == 0.0 && x.abs() < 9e15 {
                                OptionValue::Integer(x as i64)
                            } else {
                                OptionValue::Number(x)
                            }
                        }
                        _ => OptionValue::Id(Arc::from(opt.id.as_str())),
                    })
                    .collect()
            })
            .collect();
        Ids {
            s,
            parties: s.parties.iter().map(|p| Arc::from(p.id.as_str())).collect(),
            issues: s.issues.iter().map(|i| Arc::from(i.id.as_str())).collect(),
            options,
        }
    }

    pub(crate) fn party(&self, p: usize) -> Id {
        self.parties[p].clone()
    }

    pub(crate) fn parties(&self, ps: &[usize]) -> Vec<Id> {
        ps.iter().map(|&p| self.party(p)).collect()
    }

    pub(crate) fn issue(&self, i: usize) -> Id {
        self.issues[i].clone()
    }

    pub(crate) fn issues(&self, is: &[usize]) -> Vec<Id> {
        is.iter().map(|&i| self.issue(i)).collect()
    }

    pub(crate) fn option(&self, i: usize, o: usize) -> OptionValue {
        self.options[i][o].clone()
    }

    pub(crate) fn package(&self, p: &[usize]) -> Package {
        Keyed(
            p.iter()
                .enumerate()
                .map(|(i, &o)| (self.issue(i), self.option(i, o)))
                .collect(),
        )
    }

    /// Values indexed by party (in party order).
    pub(crate) fn by_party<T: Clone>(&self, xs: &[T]) -> ByParty<T> {
        Keyed(
            xs.iter()
                .enumerate()
                .map(|(p, x)| (self.party(p), x.clone()))
                .collect(),
        )
    }

    /// Values for some parties: (party index, value).
    pub(crate) fn some_parties<T: Clone>(&self, xs: &[(usize, T)]) -> ByParty<T> {
        Keyed(
            xs.iter()
                .map(|(p, x)| (self.party(*p), x.clone()))
                .collect(),
        )
    }

    /// Every party's utility of a package.
    pub(crate) fn utilities(&self, p: &[usize]) -> ByParty {
        Keyed(
            (0..self.s.parties.len())
                .map(|q| (self.party(q), self.s.utility(q, p)))
                .collect(),
        )
    }

    /// Every party's margin (utility − reservation) for a package.
    pub(crate) fn margins(&self, p: &[usize]) -> ByParty {
        Keyed(
            (0..self.s.parties.len())
                .map(|q| {
                    (
                        self.party(q),
                        self.s.utility(q, p) - self.s.parties[q].reservation,
                    )
                })
                .collect(),
        )
    }
}

pub(crate) fn count(n: &num_bigint::BigUint) -> Count {
    Count(n.clone())
}

/// The index of the party `id`; an unknown id is a usage error that lists
/// the scenario's parties.
/// The index of a party named in the argument `flag` (e.g. `--press`): an
/// unknown id is a usage error (a bad request, not a bad scenario) that
/// names the argument, with "did you mean".
pub(crate) fn party_arg(s: &Scenario, flag: &str, id: &str) -> Result<usize, crate::error::Error> {
    party_index(s, id.trim()).map_err(|e| match e {
        crate::error::Error::Usage { message, hint } => crate::error::Error::Usage {
            message: format!("{flag}: {message}"),
            hint,
        },
        e => e,
    })
}

pub(crate) fn party_index(s: &Scenario, id: &str) -> Result<usize, crate::error::Error> {
    s.party_index(id).ok_or_else(|| {
        let known = s
            .parties
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let hint = accord_io::scenario::hint::did_you_mean(
            id,
            s.parties.iter().map(|p| p.id.as_str()),
            "parties",
        );
        crate::error::Error::usage(
            format!("unknown party `{id}`"),
            Some(if hint.starts_with("did you mean") {
                format!("{hint} (the parties are: {known})")
            } else {
                format!("the parties are: {known}")
            }),
        )
    })
}
