//! Deals: in the scenario (`[[deals]]`), in deal files, and given as `--deal`
//! (a deal id, a deal file, or an inline package).

use std::ops::Range;
use std::path::{Path, PathBuf};

use accord_core::model::{Deal, Scenario};

use super::files::FileAccess;
use super::format::{parse_tree, read, Format};
use super::hint::did_you_mean;
use super::reader::{Index, Reader};
use crate::diagnostic::{InputError, SourceText};
use crate::error::Error;
use crate::tree::Node;

/// Deal files listed by a scenario, with where they are listed.
pub(super) type DealFiles = Vec<(String, Range<usize>)>;

/// Reads a deal file for a scenario. The file may be anywhere: the caller
/// (the user, with `--deal`) named it. Deal files a scenario lists are read
/// under its [`FileAccess`] instead.
///
/// # Errors
///
/// As [`load_scenario`](super::load_scenario).
pub fn load_deal(path: &Path, s: &Scenario) -> Result<Deal, Error> {
    read_deal(path, path, s)
}

/// Reads the deal file at `real`, named `shown` in messages.
fn read_deal(real: &Path, shown: &Path, s: &Scenario) -> Result<Deal, Error> {
    let text = read(real)?;
    let src = SourceText::new(shown.display().to_string(), text);
    let root = parse_tree(&src, Format::of(shown))?;
    let mut reader = Reader::new(src);
    let deal = reader.deal(&root, &Index::of(s), s, "deal file");
    match deal {
        Some(d) if reader.errors.is_empty() => Ok(d),
        _ => Err(Error::Input(reader.errors)),
    }
}

/// Adds the deal files a scenario lists (`files`, located in `src`) to it,
/// under the `access` policy; every problem is pushed to `errors`.
pub(super) fn add_deal_files(
    scenario: &mut Scenario,
    files: DealFiles,
    access: &FileAccess,
    src: &SourceText,
    errors: &mut Vec<InputError>,
) {
    for (entry, span) in files {
        let at = |message: String, label: &str, help: Option<&str>| InputError {
            source: src.clone(),
            span: span.clone(),
            message,
            label: label.into(),
            help: help.map(str::to_string),
        };
        let file = match access.deal_file(&entry) {
            Ok(f) => f,
            Err(r) => {
                errors.push(at(r.message, r.label, Some(r.help)));
                continue;
            }
        };
        match read_deal(&file.real, &file.shown, scenario) {
            Ok(d) if scenario.deals.iter().any(|x| x.id == d.id) => errors.push(at(
                format!(
                    "deal `{}` from {} is defined twice",
                    d.id,
                    file.shown.display()
                ),
                "second definition",
                Some("give every deal a distinct id"),
            )),
            Ok(d) => scenario.deals.push(d),
            Err(Error::Input(mut v)) => errors.append(&mut v),
            Err(Error::Io { source, .. }) => errors.push(at(
                format!("cannot read deal file {}: {source}", file.shown.display()),
                "listed here",
                Some("paths in `deal_files` are relative to the scenario file"),
            )),
            Err(e) => errors.push(at(e.to_string(), "listed here", None)),
        }
    }
}

/// Resolves a `--deal` argument: a deal id from the scenario, a deal file, or
/// an inline package `issue=option,issue=option,...`.
///
/// # Errors
///
/// [`Error::Input`] located in the argument text (shown as `--deal`), or
/// the deal file's own errors.
pub fn resolve_deal(arg: &str, s: &Scenario) -> Result<Deal, Error> {
    if let Some(d) = s.deals.iter().find(|d| d.id == arg) {
        return Ok(d.clone());
    }
    if !arg.contains('=') {
        let path = PathBuf::from(arg);
        if path.exists() {
            return load_deal(&path, s);
        }
        let known: Vec<&str> = s.deals.iter().map(|d| d.id.as_str()).collect();
        return Err(Error::Input(vec![InputError {
            source: SourceText::new("--deal", arg.to_string()),
            span: 0..arg.len(),
            message: format!("`{arg}` is neither a deal of the scenario nor a file"),
            label: "unknown deal".into(),
            help: Some(if known.is_empty() {
                "give a deal file or an inline package `issue=option,...`".to_string()
            } else {
                format!(
                    "the scenario's deals are: {}; or give a deal file or an inline package `issue=option,...`",
                    known.join(", ")
                )
            }),
        }]));
    }
    parse_inline_deal(arg, s)
}

/// The points `issue=option,issue=option,...` of an argument named `flag`:
/// the option set per issue, and the errors, located in the argument.
fn parse_points(arg: &str, s: &Scenario, flag: &str) -> (Vec<Option<usize>>, Vec<InputError>) {
    let src = SourceText::new(flag, arg.to_string());
    let mut errors = Vec::new();
    let mut package: Vec<Option<usize>> = vec![None; s.issues.len()];
    let mut pos = 0;
    for part in arg.split(',') {
        let start = pos;
        pos += part.len() + 1;
        let trimmed = part.trim();
        if trimmed.is_empty() {
            continue;
        }
        let err = |span: Range<usize>, message: String, help: String| InputError {
            source: src.clone(),
            span,
            message,
            label: "here".into(),
            help: Some(help),
        };
        let Some((k, v)) = part.split_once('=') else {
            errors.push(err(
                start..start + part.len(),
                format!("`{trimmed}` is not of the form issue=option"),
                "write each point as issue=option, separated by commas".into(),
            ));
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        let kspan = start..start + part.find('=').unwrap_or(0);
        let vspan = start + part.find('=').unwrap_or(0) + 1..start + part.len();
        let Some(i) = s.issue_index(k) else {
            errors.push(err(
                kspan,
                format!("unknown issue `{k}`"),
                did_you_mean(k, s.issues.iter().map(|i| i.id.as_str()), "issues"),
            ));
            continue;
        };
        match s.issues[i].option_index(v) {
            Some(o) => {
                if package[i].is_some() {
                    errors.push(err(
                        kspan,
                        format!("issue `{k}` is set twice"),
                        "set each issue once".into(),
                    ));
                }
                package[i] = Some(o);
            }
            None => errors.push(err(
                vspan,
                format!("issue `{k}` has no option `{v}`"),
                did_you_mean(
                    v,
                    s.issues[i].options.iter().map(|o| o.id.as_str()),
                    "options",
                ),
            )),
        }
    }
    (package, errors)
}

/// Parses an inline package `issue=option,issue=option,...` that sets every issue.
///
/// # Errors
///
/// [`Error::Input`] located in the text.
pub fn parse_inline_deal(arg: &str, s: &Scenario) -> Result<Deal, Error> {
    let src = SourceText::new("--deal", arg.to_string());
    let (package, mut errors) = parse_points(arg, s, "--deal");

    let missing: Vec<&str> = package
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_none())
        .map(|(i, _)| s.issues[i].id.as_str())
        .collect();
    if errors.is_empty() && !missing.is_empty() {
        errors.push(InputError {
            source: src.clone(),
            span: 0..arg.len(),
            message: format!("the package leaves {} unset", list_ids(&missing)),
            label: "incomplete package".into(),
            help: Some("a deal sets one option for every issue".into()),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    Ok(Deal {
        id: "inline".into(),
        name: "Inline package".into(),
        description: None,
        package: package.into_iter().map(|o| o.unwrap_or(0)).collect(),
    })
}

/// Parses a change to a deal, `issue=option[,issue=option…]` (the
/// `--change` argument): the issues it sets and their new options, in the
/// order given.
///
/// # Errors
///
/// [`Error::Input`] located in the argument: unknown issues or options
/// (with "did you mean"), an issue set twice, or no point at all.
pub fn parse_change(arg: &str, s: &Scenario) -> Result<Vec<(usize, usize)>, Error> {
    let (points, errors) = parse_points(arg, s, "--change");
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    let mut order: Vec<(usize, usize)> = Vec::new();
    for part in arg.split(',') {
        if let Some((k, _)) = part.split_once('=') {
            if let Some(i) = s.issue_index(k.trim()) {
                if let Some(o) = points[i] {
                    if !order.iter().any(|&(j, _)| j == i) {
                        order.push((i, o));
                    }
                }
            }
        }
    }
    if order.is_empty() {
        return Err(Error::Input(vec![InputError {
            source: SourceText::new("--change", arg.to_string()),
            span: 0..arg.len(),
            message: "the change sets no issue".into(),
            label: "empty change".into(),
            help: Some(
                "write issue=option[,issue=option…], e.g. --change guarantees=article5_like_15y"
                    .into(),
            ),
        }]));
    }
    Ok(order)
}

fn list_ids(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
    if quoted.len() == 1 {
        format!("issue {}", quoted[0])
    } else {
        format!("issues {}", quoted.join(", "))
    }
}

impl Reader {
    pub(super) fn deal(
        &mut self,
        n: &Node,
        index: &Index,
        s: &Scenario,
        what: &str,
    ) -> Option<Deal> {
        let m = self.map(n, what)?;
        self.keys(m, &["id", "name", "description", "source", "package"], what);
        let (id, _) = self.id(m, &n.span, what)?;
        let name = self
            .opt_string(m, "name", what)
            .unwrap_or_else(|| id.clone());
        let description = self.opt_string(m, "description", what);
        let _source = self.opt_string(m, "source", what);
        let pn = self.req(m, "package", &n.span, &format!("deal `{id}`"))?;
        let package = self.package(pn, index, s, &format!("deal `{id}`"));
        package.map(|package| Deal {
            id,
            name,
            description,
            package,
        })
    }

    /// A package written as a table `{issue = option, …}` that sets every
    /// issue (`what` names it in messages, e.g. "deal `x`").
    pub(super) fn package(
        &mut self,
        pn: &Node,
        index: &Index,
        s: &Scenario,
        what: &str,
    ) -> Option<Vec<usize>> {
        let pm = self.map(pn, &format!("the package of {what}"))?;
        let mut package: Vec<Option<usize>> = vec![None; s.issues.len()];
        let mut ok = true;
        for (k, v) in pm {
            let Some(i) = self.issue_key(k, s, index, &format!("{what} sets unknown issue "))
            else {
                ok = false;
                continue;
            };
            match self.option_ref(v, &s.issues[i]) {
                Some(o) => package[i] = Some(o),
                None => ok = false,
            }
        }
        let missing: Vec<&str> = package
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_none())
            .map(|(i, _)| s.issues[i].id.as_str())
            .collect();
        if ok && !missing.is_empty() {
            self.err(
                pn.span.clone(),
                format!("{what} leaves {} unset", list_ids(&missing)),
                "incomplete package",
                if what.starts_with("deal") {
                    "a deal sets one option for every issue"
                } else {
                    "a package sets one option for every issue"
                },
            );
            ok = false;
        }
        ok.then(|| package.into_iter().map(|o| o.unwrap_or(0)).collect())
    }
}
