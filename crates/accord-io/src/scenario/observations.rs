//! `[[observations]]`: what a party said of a package (a deal on file, by
//! id, or a package written in), with its source and date.

use std::ops::Range;

use accord_core::model::{Observation, Response, Scenario};

use super::hint::did_you_mean;
use super::reader::{Index, Reader};
use crate::diagnostic::{InputError, SourceText};
use crate::tree::{Node, Value};

/// What an observation responds to, before deal files are read.
#[derive(Debug, Clone)]
pub(super) enum Target {
    /// A deal id (it may come from a deal file), and where it is written.
    Deal(String, Range<usize>),
    /// A package written in.
    Package(Vec<usize>),
}

/// An observation read, its deal not yet resolved.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    party: usize,
    target: Target,
    response: Response,
    source: Option<String>,
    date: Option<String>,
}

const KEYS: [&str; 5] = ["party", "deal", "response", "source", "date"];

impl Reader {
    /// Reads `[[observations]]`.
    pub(super) fn observations(&mut self, n: &Node, s: &Scenario, index: &Index) -> Vec<Pending> {
        let mut out = Vec::new();
        let Some(items) = self.seq(n, "observations") else {
            return out;
        };
        for (k, item) in items.iter().enumerate() {
            let what = format!("observation {}", k + 1);
            let Some(m) = self.map(item, &what) else {
                continue;
            };
            self.keys(m, &KEYS, &what);
            let party = self.req(m, "party", &item.span, &what).and_then(|v| {
                let id = self.string(v, "a party id")?;
                match s.party_index(&id) {
                    Some(p) => Some(p),
                    None => {
                        let hint =
                            did_you_mean(&id, s.parties.iter().map(|p| p.id.as_str()), "parties");
                        self.err(
                            v.span.clone(),
                            format!("unknown party `{id}`"),
                            "unknown party",
                            hint,
                        );
                        None
                    }
                }
            });
            let target = self.req(m, "deal", &item.span, &what).and_then(|v| match &v.value {
                Value::Str(id) => Some(Target::Deal(id.clone(), v.span.clone())),
                Value::Map(_) => self.package(v, index, s, &what).map(Target::Package),
                _ => {
                    self.err(
                        v.span.clone(),
                        format!("expected a deal id or a package for `deal` of {what}, found {}", v.type_name()),
                        "not a deal",
                        "name a deal on file (`deal = \"us_28_point\"`) or write the package (`deal = { issue = \"option\", … }`)",
                    );
                    None
                }
            });
            let response = self.req(m, "response", &item.span, &what).and_then(|v| {
                let r = self.string(v, "a response")?;
                match r.as_str() {
                    "accepts" => Some(Response::Accepts),
                    "rejects" => Some(Response::Rejects),
                    _ => {
                        let hint =
                            did_you_mean(&r, ["accepts", "rejects"].into_iter(), "responses");
                        let hint = if hint.is_empty() {
                            "write `accepts` or `rejects`".to_string()
                        } else {
                            hint
                        };
                        self.err(
                            v.span.clone(),
                            format!("unknown response `{r}`"),
                            "expected accepts or rejects",
                            hint,
                        );
                        None
                    }
                }
            });
            let source = self.opt_string(m, "source", &what);
            let date = self.opt_string(m, "date", &what);
            if let (Some(party), Some(target), Some(response)) = (party, target, response) {
                out.push(Pending {
                    party,
                    target,
                    response,
                    source,
                    date,
                });
            }
        }
        out
    }
}

/// Resolves the observations' deal ids against the scenario's deals (its
/// deal files read) and adds them; every unknown id is a located error.
pub(super) fn add_observations(
    s: &mut Scenario,
    pending: Vec<Pending>,
    src: &SourceText,
    errors: &mut Vec<InputError>,
) {
    for p in pending {
        let (package, deal) = match p.target {
            Target::Package(pk) => (pk, None),
            Target::Deal(id, span) => match s.deals.iter().find(|d| d.id == id) {
                Some(d) => (d.package.clone(), Some(id)),
                None => {
                    let hint = did_you_mean(&id, s.deals.iter().map(|d| d.id.as_str()), "deals");
                    errors.push(InputError {
                        source: src.clone(),
                        span,
                        message: format!("unknown deal `{id}`"),
                        label: "no deal has this id".into(),
                        help: Some(if hint.is_empty() {
                            "name a deal of [[deals]] or of a deal file, or write the package: deal = { issue = \"option\", … }".into()
                        } else {
                            hint
                        }),
                    });
                    continue;
                }
            },
        };
        s.observations.push(Observation {
            party: p.party,
            package,
            deal,
            response: p.response,
            source: p.source,
            date: p.date,
        });
    }
}
