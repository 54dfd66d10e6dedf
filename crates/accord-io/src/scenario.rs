//! Reading scenario and deal files (TOML, YAML, JSON) into a validated
//! [`Scenario`], with a located error for every problem found.
//!
//! The format is documented in `docs/scenario-format.md`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use accord_core::compile::Compiled;
use accord_core::model::{
    Condition, Deal, Interaction, Issue, IssueKind, OptionDef, Party, Preferences, Pressure,
    RedLine, Role, Scenario, DEFAULT_TOLERANCE,
};
use accord_core::uncertainty::{Input, Target, Uncertainty};
use accord_core::ModelError;

use crate::diagnostic::{InputError, LoadError, SourceText};
use crate::tree::{self, Key, Node, Value};

/// The file formats, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.toml` (and any unknown extension).
    Toml,
    /// `.yaml`, `.yml`.
    Yaml,
    /// `.json`.
    Json,
}

impl Format {
    /// The format of a path, by extension.
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("yaml" | "yml") => Format::Yaml,
            Some("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Largest number of grid points of a numeric issue.
pub const MAX_NUMERIC_POINTS: usize = 100_000;

/// Reads and validates a scenario file (and the deal files it lists).
///
/// # Errors
///
/// [`LoadError::Io`] when a file cannot be read, [`LoadError::Input`] with
/// every problem found (file, span, message, hint).
pub fn load_scenario(path: &Path) -> Result<Scenario, LoadError> {
    let text = read(path)?;
    let src = SourceText::new(path.display().to_string(), text);
    parse_scenario(&src, Format::of(path), path.parent())
}

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_tree(src: &SourceText, format: Format) -> Result<Node, LoadError> {
    let r = match format {
        Format::Toml => tree::from_toml(&src.text),
        Format::Yaml => tree::from_yaml(&src.text),
        Format::Json => tree::from_json(&src.text),
    };
    r.map_err(|e| {
        let what = match format {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        };
        LoadError::Input(vec![InputError {
            source: src.clone(),
            span: e.span,
            message: format!("this is not valid {what}: {}", e.message),
            label: "here".into(),
            help: Some(format!(
                "fix the {what} syntax; the format is chosen by the file extension (.toml, .yaml/.yml, .json)"
            )),
        }])
    })
}

/// Parses and validates a scenario from text. `base_dir` resolves `deal_files`.
///
/// # Errors
///
/// As [`load_scenario`].
pub fn parse_scenario(
    src: &SourceText,
    format: Format,
    base_dir: Option<&Path>,
) -> Result<Scenario, LoadError> {
    let root = parse_tree(src, format)?;
    let mut cx = Cx {
        src: src.clone(),
        errors: Vec::new(),
        inputs: Vec::new(),
        raw_weights: Vec::new(),
    };
    let built = cx.scenario(&root);
    let mut errors = cx.errors;
    let Some((mut scenario, deal_files)) = built else {
        return Err(LoadError::Input(errors));
    };
    if !errors.is_empty() {
        return Err(LoadError::Input(errors));
    }
    // Deal files, relative to the scenario.
    for (rel, span) in deal_files {
        let path = base_dir.unwrap_or(Path::new(".")).join(&rel);
        match load_deal(&path, &scenario) {
            Ok(d) => {
                if scenario.deals.iter().any(|x| x.id == d.id) {
                    errors.push(InputError {
                        source: src.clone(),
                        span,
                        message: format!(
                            "deal `{}` from {} is defined twice",
                            d.id,
                            path.display()
                        ),
                        label: "second definition".into(),
                        help: Some("give every deal a distinct id".into()),
                    });
                } else {
                    scenario.deals.push(d);
                }
            }
            Err(LoadError::Io { path, source }) => errors.push(InputError {
                source: src.clone(),
                span,
                message: format!("cannot read deal file {}: {source}", path.display()),
                label: "listed here".into(),
                help: Some("paths in `deal_files` are relative to the scenario file".into()),
            }),
            Err(LoadError::Input(mut v)) => errors.append(&mut v),
            Err(e @ LoadError::Other { .. }) => errors.push(InputError {
                source: src.clone(),
                span,
                message: e.to_string(),
                label: "listed here".into(),
                help: None,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(LoadError::Input(errors));
    }
    // The engine's own checks: compound sizes and the 0–1 scale.
    if let Err(e) = Compiled::new(&scenario) {
        let span = match &e {
            ModelError::OutOfScale { party, .. } => cx_find_pref(&root, party),
            _ => None,
        }
        .unwrap_or(0..0);
        let help = match &e {
            ModelError::OutOfScale { .. } => Some(
                "interaction bonuses are added to the weighted sum; lower the bonus or the weights of the issues involved so every package stays within [0,1]".to_string(),
            ),
            ModelError::CompoundTooLarge { .. } => Some(
                "red lines and interactions that name several issues tie them together; split them or reduce the options".to_string(),
            ),
            _ => None,
        };
        return Err(LoadError::Input(vec![InputError {
            source: src.clone(),
            span,
            message: e.to_string(),
            label: "here".into(),
            help,
        }]));
    }
    Ok(scenario)
}

fn cx_find_pref(root: &Node, party: &str) -> Option<Range<usize>> {
    let Value::Map(m) = &root.value else {
        return None;
    };
    let (_, prefs) = m.iter().find(|(k, _)| k.name == "preferences")?;
    let Value::Map(pm) = &prefs.value else {
        return None;
    };
    pm.iter()
        .find(|(k, _)| k.name == party)
        .map(|(k, _)| k.span.clone())
}

/// Reads a deal file for a scenario.
///
/// # Errors
///
/// As [`load_scenario`].
pub fn load_deal(path: &Path, s: &Scenario) -> Result<Deal, LoadError> {
    let text = read(path)?;
    let src = SourceText::new(path.display().to_string(), text);
    let root = parse_tree(&src, Format::of(path))?;
    let mut cx = Cx {
        src,
        errors: Vec::new(),
        inputs: Vec::new(),
        raw_weights: Vec::new(),
    };
    let deal = cx.deal(&root, &Index::of(s), s, "deal file");
    match deal {
        Some(d) if cx.errors.is_empty() => Ok(d),
        _ => Err(LoadError::Input(cx.errors)),
    }
}

/// Resolves a `--deal` argument: a deal id from the scenario, a deal file, or
/// an inline package `issue=option,issue=option,...`.
///
/// # Errors
///
/// [`LoadError::Input`] located in the argument text (shown as `--deal`), or
/// the deal file's own errors.
pub fn resolve_deal(arg: &str, s: &Scenario) -> Result<Deal, LoadError> {
    if let Some(d) = s.deals.iter().find(|d| d.id == arg) {
        return Ok(d.clone());
    }
    if !arg.contains('=') {
        let path = PathBuf::from(arg);
        if path.exists() {
            return load_deal(&path, s);
        }
        let known: Vec<&str> = s.deals.iter().map(|d| d.id.as_str()).collect();
        return Err(LoadError::Input(vec![InputError {
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

/// Parses an inline package `issue=option,issue=option,...` that sets every issue.
///
/// # Errors
///
/// [`LoadError::Input`] located in the text.
pub fn parse_inline_deal(arg: &str, s: &Scenario) -> Result<Deal, LoadError> {
    let src = SourceText::new("--deal", arg.to_string());
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
        return Err(LoadError::Input(errors));
    }
    Ok(Deal {
        id: "inline".into(),
        name: "Inline package".into(),
        description: None,
        package: package.into_iter().map(|o| o.unwrap_or(0)).collect(),
    })
}

fn list_ids(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
    if quoted.len() == 1 {
        format!("issue {}", quoted[0])
    } else {
        format!("issues {}", quoted.join(", "))
    }
}

/// A hint naming the closest known id, or listing them.
pub(crate) fn did_you_mean<'a>(
    got: &str,
    known: impl Iterator<Item = &'a str>,
    what: &str,
) -> String {
    let known: Vec<&str> = known.collect();
    let best = known
        .iter()
        .map(|k| (strsim(got, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None if known.len() <= 12 => format!("known {what}: {}", known.join(", ")),
        None => format!("see the scenario's {what}"),
    }
}

/// Levenshtein distance.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Ids by name, for lookups with hints.
struct Index {
    issues: HashMap<String, usize>,
}

impl Index {
    fn of(s: &Scenario) -> Index {
        Index {
            issues: s
                .issues
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect(),
        }
    }
}

struct Cx {
    src: SourceText,
    errors: Vec<InputError>,
    /// Uncertain inputs found so far.
    inputs: Vec<Input>,
    /// Raw weights of the parties that have an uncertain weight.
    raw_weights: Vec<(usize, Vec<f64>)>,
}

/// What a value table sets: a party's values of an issue, or the mediator's costs.
#[derive(Clone, Copy)]
enum Vf<'a> {
    Value(usize, usize, &'a str),
    Cost(usize),
}

type Entries = [(Key, Node)];

/// Deal files listed by a scenario, with where they are listed.
type DealFiles = Vec<(String, Range<usize>)>;

fn get<'a>(m: &'a Entries, key: &str) -> Option<&'a Node> {
    m.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

impl Cx {
    fn err(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: impl Into<String>,
    ) {
        let help: String = help.into();
        self.errors.push(InputError {
            source: self.src.clone(),
            span,
            message: message.into(),
            label: label.into(),
            help: if help.is_empty() { None } else { Some(help) },
        });
    }

    fn map<'a>(&mut self, n: &'a Node, what: &str) -> Option<&'a Entries> {
        match &n.value {
            Value::Map(m) => Some(m),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected a table for {what}, found {}", n.type_name()),
                    "not a table",
                    format!("write {what} as a table (`key = value` pairs)"),
                );
                None
            }
        }
    }

    fn seq<'a>(&mut self, n: &'a Node, what: &str) -> Option<&'a [Node]> {
        match &n.value {
            Value::Seq(v) => Some(v),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected an array for {what}, found {}", n.type_name()),
                    "not an array",
                    format!("write {what} as an array `[...]` (in TOML, `[[{what}]]` tables)"),
                );
                None
            }
        }
    }

    fn keys(&mut self, m: &Entries, allowed: &[&str], what: &str) {
        for (k, _) in m {
            if !allowed.contains(&k.name.as_str()) {
                let hint = did_you_mean(&k.name, allowed.iter().copied(), "keys");
                self.err(
                    k.span.clone(),
                    format!("unknown key `{}` in {what}", k.name),
                    "unknown key",
                    hint,
                );
            }
        }
    }

    fn string(&mut self, n: &Node, what: &str) -> Option<String> {
        match &n.value {
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected a string for {what}, found {}", n.type_name()),
                    "not a string",
                    "put the text in double quotes",
                );
                None
            }
        }
    }

    fn opt_string(&mut self, m: &Entries, key: &str, what: &str) -> Option<String> {
        get(m, key).and_then(|n| self.string(n, &format!("`{key}` of {what}")))
    }

    fn req<'a>(
        &mut self,
        m: &'a Entries,
        key: &str,
        at: &Range<usize>,
        what: &str,
    ) -> Option<&'a Node> {
        let n = get(m, key);
        if n.is_none() {
            self.err(
                at.clone(),
                format!("{what} has no `{key}`"),
                &format!("`{key}` missing"),
                format!("add `{key} = ...` to {what}"),
            );
        }
        n
    }

    fn id(&mut self, m: &Entries, at: &Range<usize>, what: &str) -> Option<(String, Range<usize>)> {
        let n = self.req(m, "id", at, what)?;
        let s = self.string(n, &format!("the id of {what}"))?;
        if !valid_id(&s) {
            self.err(
                n.span.clone(),
                format!("`{s}` is not a valid id"),
                "invalid id",
                "ids use letters, digits, `_`, `-` and `.` only",
            );
            return None;
        }
        Some((s, n.span.clone()))
    }

    /// The `id` of a party or issue (valid and not yet `taken`) and its
    /// `name` (the id when absent).
    fn entity(
        &mut self,
        m: &Entries,
        at: &Range<usize>,
        kind: &str,
        taken: impl Fn(&str) -> bool,
    ) -> Option<(String, Range<usize>, String)> {
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let what = format!("{article} {kind}");
        let (id, span) = self.id(m, at, &what)?;
        if taken(&id) {
            self.err(
                span,
                format!("{kind} id `{id}` is used twice"),
                "duplicate id",
                format!("give every {kind} a distinct id"),
            );
            return None;
        }
        let name = self
            .opt_string(m, "name", &what)
            .unwrap_or_else(|| id.clone());
        Some((id, span, name))
    }

    /// The issue a map key names, or a located "unknown issue" error (the
    /// message is `what` followed by the key).
    fn issue_key(&mut self, k: &Key, s: &Scenario, index: &Index, what: &str) -> Option<usize> {
        if let Some(&i) = index.issues.get(&k.name) {
            return Some(i);
        }
        let hint = did_you_mean(&k.name, s.issues.iter().map(|i| i.id.as_str()), "issues");
        self.err(
            k.span.clone(),
            format!("{what}`{}`", k.name),
            "unknown issue",
            hint,
        );
        None
    }

    fn number(&mut self, n: &Node, what: &str) -> Option<f64> {
        match n.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected a number for {what}, found {}", n.type_name()),
                    "not a number",
                    "write a plain number such as 0.5",
                );
                None
            }
        }
    }

    fn unit_number(&mut self, n: &Node, what: &str) -> Option<f64> {
        let x = self.number(n, what)?;
        if !(0.0..=1.0).contains(&x) {
            self.err(
                n.span.clone(),
                format!("{what} is {x}, outside [0, 1]"),
                "out of range",
                "utilities and reservation values live on each party's 0–1 scale",
            );
            return None;
        }
        Some(x)
    }

    fn cost_number(&mut self, n: &Node, what: &str) -> Option<f64> {
        let x = self.number(n, what)?;
        if x < 0.0 {
            self.err(
                n.span.clone(),
                format!("{what} is {x}, below 0"),
                "negative cost",
                "costs are what the mediator spends, in the scenario's cost unit: 0 or more",
            );
            return None;
        }
        Some(x)
    }

    /// A number, or a distribution string (recorded as an uncertain input;
    /// its mean is returned), allowed in [lo, hi].
    fn uncertain(
        &mut self,
        n: &Node,
        what: &str,
        (lo, hi): (f64, f64),
        target: Target,
        label: String,
    ) -> Option<f64> {
        if let Value::Str(text) = &n.value {
            if text.contains('(') && !crate::dist::looks_like(text) {
                self.err(
                    n.span.clone(),
                    format!("{what}: `{text}` is not a known distribution"),
                    "unknown distribution",
                    "the distributions are uniform, triangular, normal, beta and choice (lower case), e.g. \"uniform(0.3, 0.5)\"",
                );
                return None;
            }
            if crate::dist::looks_like(text) {
                // Weights are checked for sign separately; their distributions stay ≥ 0.
                let dlo = if lo == f64::NEG_INFINITY { 0.0 } else { lo };
                return match crate::dist::parse(text, dlo, hi) {
                    Ok((dist, factor)) => {
                        let m = dist.mean();
                        self.inputs.push(Input {
                            target,
                            dist,
                            factor,
                            label,
                        });
                        Some(m)
                    }
                    Err(msg) => {
                        self.err(
                            n.span.clone(),
                            format!("{what}: {msg}"),
                            "bad distribution",
                            "e.g. \"uniform(0.3, 0.5)\", \"triangular(0.4, 0.55, 0.7) @factor\" (docs/scenario-format.md, \"Uncertainty\")",
                        );
                        None
                    }
                };
            }
        }
        if (lo, hi) == (0.0, 1.0) {
            self.unit_number(n, what)
        } else if lo == 0.0 && hi == f64::INFINITY {
            self.cost_number(n, what)
        } else {
            self.number(n, what)
        }
    }

    /// A number on a party's 0–1 scale (`unit`) or a cost (≥ 0).
    fn scaled_number(&mut self, n: &Node, what: &str, unit: bool) -> Option<f64> {
        if unit {
            self.unit_number(n, what)
        } else {
            self.cost_number(n, what)
        }
    }

    fn bool(&mut self, n: &Node, what: &str) -> Option<bool> {
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.err(
                    n.span.clone(),
                    format!("expected true or false for {what}, found {}", n.type_name()),
                    "not a boolean",
                    "write true or false (without quotes)",
                );
                None
            }
        }
    }

    fn scenario(&mut self, root: &Node) -> Option<(Scenario, DealFiles)> {
        let top = self.map(root, "the scenario file")?;
        self.keys(
            top,
            &[
                "scenario",
                "parties",
                "issues",
                "preferences",
                "deals",
                "deal_files",
                "mediation",
            ],
            "the scenario file",
        );
        let whole = root.span.clone();
        // [scenario]
        let (mut name, mut description, mut tolerance) = (String::new(), None, DEFAULT_TOLERANCE);
        if let Some(n) = self.req(top, "scenario", &(0..0), "the scenario file") {
            if let Some(m) = self.map(n, "[scenario]") {
                self.keys(m, &["name", "description", "tolerance"], "[scenario]");
                if let Some(v) = self.req(m, "name", &n.span, "[scenario]") {
                    name = self.string(v, "the scenario name").unwrap_or_default();
                }
                description = self.opt_string(m, "description", "[scenario]");
                if let Some(v) = get(m, "tolerance") {
                    if let Some(t) = self.number(v, "`tolerance`") {
                        if (0.0..0.01).contains(&t) {
                            tolerance = t;
                        } else {
                            self.err(v.span.clone(), format!("tolerance {t} is outside [0, 0.01)"), "out of range", "the tolerance absorbs floating-point rounding; 1e-9 is the default");
                        }
                    }
                }
            }
        }
        let parties = match self.req(top, "parties", &whole, "the scenario file") {
            Some(n) => self.parties(n),
            None => Vec::new(),
        };
        let issues = match self.req(top, "issues", &whole, "the scenario file") {
            Some(n) => self.issues(n),
            None => Vec::new(),
        };
        let (mut budget, mut cost_unit) = (None, None);
        if let Some(n) = get(top, "mediation") {
            if let Some(m) = self.map(n, "[mediation]") {
                self.keys(m, &["budget", "unit"], "[mediation]");
                if let Some(v) = get(m, "budget") {
                    budget = self.uncertain(
                        v,
                        "the mediator's budget",
                        (0.0, f64::INFINITY),
                        Target::Budget,
                        "mediation.budget".into(),
                    );
                }
                cost_unit = self.opt_string(m, "unit", "[mediation]");
            }
        }
        if parties.is_empty() || issues.is_empty() {
            return None;
        }
        let s0 = Scenario {
            name,
            description,
            tolerance,
            parties: parties.iter().map(|(p, _)| p.clone()).collect(),
            issues: issues.iter().map(|(i, _)| i.clone()).collect(),
            preferences: Vec::new(),
            deals: Vec::new(),
            budget,
            cost_unit,
            uncertainty: Default::default(),
        };
        let index = Index::of(&s0);
        let mut prefs: Vec<Option<Preferences>> = vec![None; s0.parties.len()];
        if let Some(n) = self.req(top, "preferences", &whole, "the scenario file") {
            if let Some(m) = self.map(n, "[preferences]") {
                for (k, v) in m {
                    match s0.party_index(&k.name) {
                        Some(p) => {
                            if prefs[p].is_some() {
                                self.err(
                                    k.span.clone(),
                                    format!("preferences of `{}` given twice", k.name),
                                    "duplicate",
                                    "give each party's preferences once",
                                );
                            }
                            prefs[p] = self.preferences(v, &k.name, p, &s0, &index);
                        }
                        None => {
                            let hint = did_you_mean(
                                &k.name,
                                s0.parties.iter().map(|p| p.id.as_str()),
                                "parties",
                            );
                            self.err(
                                k.span.clone(),
                                format!("preferences for unknown party `{}`", k.name),
                                "unknown party",
                                hint,
                            );
                        }
                    }
                }
                for (p, pr) in prefs.iter().enumerate() {
                    if pr.is_none() && !m.iter().any(|(k, _)| k.name == s0.parties[p].id) {
                        let span = parties[p].1.clone();
                        self.err(
                            span,
                            format!("party `{}` has no preferences", s0.parties[p].id),
                            "no [preferences] for this party",
                            format!(
                                "add a [preferences.{}] table with weights and values",
                                s0.parties[p].id
                            ),
                        );
                    }
                }
            }
        }
        let mut s = s0;
        if prefs.iter().any(Option::is_none) {
            return None;
        }
        s.preferences = prefs.into_iter().flatten().collect();
        let mut raw_weights = vec![None; s.parties.len()];
        for (p, raw) in std::mem::take(&mut self.raw_weights) {
            raw_weights[p] = Some(raw);
        }
        s.uncertainty = Uncertainty {
            inputs: std::mem::take(&mut self.inputs),
            raw_weights,
        };
        if let Some(n) = get(top, "deals") {
            if let Some(items) = self.seq(n, "deals") {
                for item in items {
                    if let Some(d) = self.deal(item, &index, &s, "a deal") {
                        if s.deals.iter().any(|x| x.id == d.id) {
                            self.err(
                                item.span.clone(),
                                format!("deal id `{}` is used twice", d.id),
                                "duplicate id",
                                "give every deal a distinct id",
                            );
                        } else {
                            s.deals.push(d);
                        }
                    }
                }
            }
        }
        let mut files = Vec::new();
        if let Some(n) = get(top, "deal_files") {
            if let Some(items) = self.seq(n, "deal_files") {
                for item in items {
                    if let Some(f) = self.string(item, "a deal file path") {
                        files.push((f, item.span.clone()));
                    }
                }
            }
        }
        if let Err(e) = s.validate() {
            // Should not happen after the checks above; report it plainly.
            self.err(0..0, e.to_string(), "here", "");
        }
        Some((s, files))
    }

    fn parties(&mut self, n: &Node) -> Vec<(Party, Range<usize>)> {
        let Some(items) = self.seq(n, "parties") else {
            return Vec::new();
        };
        let mut out: Vec<(Party, Range<usize>)> = Vec::new();
        let mut mediator: Option<String> = None;
        for item in items {
            let Some(m) = self.map(item, "a party") else {
                continue;
            };
            self.keys(
                m,
                &[
                    "id",
                    "name",
                    "role",
                    "veto",
                    "reservation",
                    "notes",
                    "metadata",
                    "pressure",
                    "ratification",
                ],
                "a party",
            );
            let Some((id, id_span, name)) = self.entity(m, &item.span, "party", |id| {
                out.iter().any(|(p, _)| p.id == id)
            }) else {
                continue;
            };
            let role = match self.req(m, "role", &item.span, &format!("party `{id}`")) {
                Some(r) => {
                    match self.string(r, "the role") {
                        Some(rs) => {
                            match Role::parse(&rs) {
                                Some(role) => role,
                                None => {
                                    self.err(r.span.clone(), format!("unknown role `{rs}`"), "unknown role", "the roles are principal, mediator, guarantor and stakeholder");
                                    continue;
                                }
                            }
                        }
                        None => continue,
                    }
                }
                None => continue,
            };
            if role == Role::Mediator {
                if let Some(other) = &mediator {
                    self.err(item.span.clone(), format!("`{id}` is a second mediator (after `{other}`)"), "second mediator", "a scenario has at most one mediator; make the other a stakeholder or guarantor");
                }
                mediator = Some(id.clone());
            }
            let veto = match get(m, "veto") {
                Some(v) => self.bool(v, "`veto`").unwrap_or(role.default_veto()),
                None => role.default_veto(),
            };
            let reservation = match self.req(m, "reservation", &item.span, &format!("party `{id}`"))
            {
                Some(v) => self
                    .uncertain(
                        v,
                        &format!("the reservation value of `{id}`"),
                        (0.0, 1.0),
                        Target::Reservation(out.len()),
                        format!("{id}.reservation"),
                    )
                    .unwrap_or(0.0),
                None => 0.0,
            };
            let ratification = get(m, "ratification").and_then(|v| {
                self.uncertain(
                    v,
                    &format!("the ratification threshold of `{id}`"),
                    (0.0, 1.0),
                    Target::Ratification(out.len()),
                    format!("{id}.ratification"),
                )
            });
            let pressure = get(m, "pressure").and_then(|v| self.pressure(v, &id, out.len()));
            let notes = self.opt_string(m, "notes", "a party");
            let mut metadata = Vec::new();
            if let Some(md) = get(m, "metadata") {
                if let Some(mm) = self.map(md, "`metadata`") {
                    for (k, v) in mm {
                        let val = match &v.value {
                            Value::Str(s) => s.clone(),
                            Value::Int(i) => i.to_string(),
                            Value::Float(f) => f.to_string(),
                            Value::Bool(b) => b.to_string(),
                            _ => {
                                self.err(
                                    v.span.clone(),
                                    "metadata values are strings, numbers or booleans",
                                    "unsupported value",
                                    "",
                                );
                                continue;
                            }
                        };
                        metadata.push((k.name.clone(), val));
                    }
                }
            }
            out.push((
                Party {
                    id,
                    name,
                    role,
                    veto,
                    reservation,
                    notes,
                    metadata,
                    pressure,
                    ratification,
                },
                id_span,
            ));
        }
        if items.is_empty() {
            self.err(
                n.span.clone(),
                "the scenario has no parties",
                "empty",
                "add at least one [[parties]] table",
            );
        }
        out
    }

    fn issues(&mut self, n: &Node) -> Vec<(Issue, Range<usize>)> {
        let Some(items) = self.seq(n, "issues") else {
            return Vec::new();
        };
        let mut out: Vec<(Issue, Range<usize>)> = Vec::new();
        for item in items {
            let Some(m) = self.map(item, "an issue") else {
                continue;
            };
            self.keys(
                m,
                &[
                    "id",
                    "name",
                    "description",
                    "type",
                    "options",
                    "min",
                    "max",
                    "step",
                    "unit",
                    "cost",
                ],
                "an issue",
            );
            let Some((id, id_span, name)) = self.entity(m, &item.span, "issue", |id| {
                out.iter().any(|(i, _)| i.id == id)
            }) else {
                continue;
            };
            let description = self.opt_string(m, "description", "an issue");
            let ty = match get(m, "type") {
                Some(t) => match self.string(t, "the issue type") {
                    Some(s) if ["discrete", "integer", "real"].contains(&s.as_str()) => s,
                    Some(s) => {
                        self.err(
                            t.span.clone(),
                            format!("unknown issue type `{s}`"),
                            "unknown type",
                            "the types are discrete, integer and real",
                        );
                        continue;
                    }
                    None => continue,
                },
                None => "discrete".to_string(),
            };
            let issue = if ty == "discrete" {
                for k in ["min", "max", "step", "unit"] {
                    if let Some(v) = get(m, k) {
                        self.err(
                            v.span.clone(),
                            format!(
                                "`{k}` applies to integer and real issues, but `{id}` is discrete"
                            ),
                            "not for discrete issues",
                            "add `type = \"integer\"` or `type = \"real\"`, or remove the key",
                        );
                    }
                }
                let Some(on) =
                    self.req(m, "options", &item.span, &format!("discrete issue `{id}`"))
                else {
                    continue;
                };
                let Some(opts) = self.seq(on, "options") else {
                    continue;
                };
                if opts.is_empty() {
                    self.err(
                        on.span.clone(),
                        format!("issue `{id}` has no options"),
                        "empty",
                        "list at least one option",
                    );
                    continue;
                }
                let mut options: Vec<OptionDef> = Vec::new();
                for o in opts {
                    let Some(om) = self.map(o, "an option") else {
                        continue;
                    };
                    self.keys(om, &["id", "label", "description", "position"], "an option");
                    let Some((oid, ospan)) = self.id(om, &o.span, "an option") else {
                        continue;
                    };
                    if options.iter().any(|x| x.id == oid) {
                        self.err(
                            ospan,
                            format!("option `{oid}` appears twice in issue `{id}`"),
                            "duplicate option",
                            "option ids are unique within an issue",
                        );
                        continue;
                    }
                    let label = self
                        .opt_string(om, "label", "an option")
                        .unwrap_or_else(|| oid.clone());
                    let description = self.opt_string(om, "description", "an option");
                    let position = get(om, "position").and_then(|p| self.number(p, "`position`"));
                    options.push(OptionDef {
                        id: oid,
                        label,
                        description,
                        position,
                        value: None,
                    });
                }
                Issue {
                    id,
                    name,
                    description,
                    kind: IssueKind::Discrete,
                    options,
                    cost: None,
                }
            } else {
                if let Some(v) = get(m, "options") {
                    self.err(
                        v.span.clone(),
                        format!("issue `{id}` is {ty}: its options come from min, max and step"),
                        "not for numeric issues",
                        "remove `options`, or make the issue discrete",
                    );
                }
                let what = format!("{ty} issue `{id}`");
                let min = self
                    .req(m, "min", &item.span, &what)
                    .and_then(|v| self.number(v, "`min`"));
                let max = self
                    .req(m, "max", &item.span, &what)
                    .and_then(|v| self.number(v, "`max`"));
                let step_node = get(m, "step");
                let step = match step_node {
                    Some(v) => self.number(v, "`step`"),
                    None if ty == "integer" => Some(1.0),
                    None => {
                        self.err(item.span.clone(), format!("real issue `{id}` has no `step`"), "`step` missing", "a real issue is discretised for exact analysis: give the grid step, e.g. `step = 0.1`");
                        None
                    }
                };
                let unit = self.opt_string(m, "unit", "an issue");
                let (Some(min), Some(max), Some(step)) = (min, max, step) else {
                    continue;
                };
                let at = step_node.map_or(item.span.clone(), |n| n.span.clone());
                if max < min {
                    self.err(
                        item.span.clone(),
                        format!("issue `{id}` has max {max} below min {min}"),
                        "empty range",
                        "swap min and max",
                    );
                    continue;
                }
                if step <= 0.0 {
                    self.err(
                        at,
                        format!("the step of `{id}` must be positive, not {step}"),
                        "bad step",
                        "",
                    );
                    continue;
                }
                if ty == "integer"
                    && (min.fract() != 0.0 || max.fract() != 0.0 || step.fract() != 0.0)
                {
                    self.err(
                        item.span.clone(),
                        format!("integer issue `{id}` needs whole-number min, max and step"),
                        "not whole numbers",
                        "use `type = \"real\"` for fractional values",
                    );
                    continue;
                }
                let n_steps = (max - min) / step;
                if !n_steps.is_finite() || n_steps > MAX_NUMERIC_POINTS as f64 {
                    self.err(
                        at,
                        format!(
                            "issue `{id}` would have more than {MAX_NUMERIC_POINTS} grid points"
                        ),
                        "too many points",
                        "use a larger step or a narrower range",
                    );
                    continue;
                }
                if (n_steps - n_steps.round()).abs() > 1e-9 * n_steps.max(1.0) {
                    self.err(
                        at,
                        format!("(max − min)/step = {n_steps} is not a whole number for `{id}`"),
                        "grid does not reach max",
                        "choose a step that divides max − min",
                    );
                    continue;
                }
                let count = n_steps.round() as usize + 1;
                if count > MAX_NUMERIC_POINTS {
                    self.err(at, format!("issue `{id}` would have {count} grid points (limit {MAX_NUMERIC_POINTS})"), "too many points", "use a larger step");
                    continue;
                }
                let options = (0..count)
                    .map(|k| {
                        let x = if k + 1 == count {
                            max
                        } else {
                            min + step * k as f64
                        };
                        let x = if ty == "integer" { x.round() } else { x };
                        let oid = format_number(x);
                        OptionDef {
                            id: oid.clone(),
                            label: oid,
                            description: None,
                            position: Some(x),
                            value: Some(x),
                        }
                    })
                    .collect();
                let kind = if ty == "integer" {
                    IssueKind::Integer {
                        min: min as i64,
                        max: max as i64,
                        step: step as i64,
                        unit,
                    }
                } else {
                    IssueKind::Real {
                        min,
                        max,
                        step,
                        unit,
                    }
                };
                Issue {
                    id,
                    name,
                    description,
                    kind,
                    options,
                    cost: None,
                }
            };
            let mut issue = issue;
            if let Some(v) = get(m, "cost") {
                let what = format!("the mediator's cost of issue `{}`", issue.id);
                issue.cost = self.value_function(v, &issue, &what, Vf::Cost(out.len()));
            }
            out.push((issue, id_span));
        }
        if items.is_empty() {
            self.err(
                n.span.clone(),
                "the scenario has no issues",
                "empty",
                "add at least one [[issues]] table",
            );
        }
        out
    }

    fn pressure(&mut self, n: &Node, id: &str, p: usize) -> Option<Pressure> {
        let m = self.map(n, &format!("the pressure on `{id}`"))?;
        self.keys(m, &["max", "cost"], "`pressure`");
        let what = format!("the pressure on `{id}`");
        let max = self.req(m, "max", &n.span, &what).and_then(|v| {
            self.uncertain(
                v,
                &format!("the largest pressure on `{id}`"),
                (0.0, 1.0),
                Target::PressureMax(p),
                format!("{id}.pressure.max"),
            )
        });
        let cost = self.req(m, "cost", &n.span, &what).and_then(|v| {
            self.uncertain(
                v,
                &format!("the cost of pressing `{id}`"),
                (0.0, f64::INFINITY),
                Target::PressureCost(p),
                format!("{id}.pressure.cost"),
            )
        });
        Some(Pressure {
            max: max?,
            cost: cost?,
        })
    }

    fn preferences(
        &mut self,
        n: &Node,
        pid: &str,
        p: usize,
        s: &Scenario,
        index: &Index,
    ) -> Option<Preferences> {
        let m = self.map(n, &format!("[preferences.{pid}]"))?;
        let what = format!("[preferences.{pid}]");
        self.keys(
            m,
            &["weights", "values", "red_lines", "interactions"],
            &what,
        );
        let n_issues = s.issues.len();
        let mut raw = vec![0.0; n_issues];
        let mut ok = true;
        let wn = self.req(m, "weights", &n.span, &what)?;
        let wm = self.map(wn, &format!("the weights of `{pid}`"))?;
        for (k, v) in wm {
            let Some(i) = self.issue_key(k, s, index, "weight for unknown issue ") else {
                ok = false;
                continue;
            };
            match self.uncertain(
                v,
                &format!("the weight of `{}`", k.name),
                (f64::NEG_INFINITY, f64::INFINITY),
                Target::Weight(p, i),
                format!("{pid}.raw_weights.{}", k.name),
            ) {
                Some(w) if w >= 0.0 => raw[i] = w,
                Some(w) => {
                    self.err(
                        v.span.clone(),
                        format!("the weight of `{}` is negative ({w})", k.name),
                        "negative weight",
                        "weights are non-negative; they are divided by their sum",
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        let sum: f64 = raw.iter().sum();
        if ok && sum <= 0.0 {
            self.err(
                wn.span.clone(),
                format!("the weights of `{pid}` cannot be normalised: they sum to 0"),
                "all zero",
                "give at least one issue a positive weight; weights are divided by their sum",
            );
            ok = false;
        }
        let weights: Vec<f64> = raw
            .iter()
            .map(|w| if sum > 0.0 { w / sum } else { 0.0 })
            .collect();
        if self
            .inputs
            .iter()
            .any(|x| matches!(x.target, Target::Weight(q, _) if q == p))
        {
            self.raw_weights.push((p, raw.clone()));
        }
        let mut values: Vec<Option<Vec<f64>>> = vec![None; n_issues];
        let vn = self.req(m, "values", &n.span, &what);
        let vm = match vn {
            Some(v) => self.map(v, &format!("the values of `{pid}`")),
            None => None,
        };
        if let Some(vm) = vm {
            for (k, v) in vm {
                let Some(i) = self.issue_key(k, s, index, "values for unknown issue ") else {
                    ok = false;
                    continue;
                };
                let what = format!("`{pid}`'s value of issue `{}`", s.issues[i].id);
                match self.value_function(v, &s.issues[i], &what, Vf::Value(p, i, pid)) {
                    Some(vals) => values[i] = Some(vals),
                    None => ok = false,
                }
            }
        }
        for i in 0..n_issues {
            if values[i].is_none() && raw[i] > 0.0 && vm.is_some() {
                let span = wm
                    .iter()
                    .find(|(k, _)| k.name == s.issues[i].id)
                    .map_or(wn.span.clone(), |(k, _)| k.span.clone());
                self.err(span, format!("`{pid}` weighs issue `{}` but gives no values for its options", s.issues[i].id), "no values for this issue", format!("add `{} = {{ ... }}` under [preferences.{pid}.values], or give the issue weight 0", s.issues[i].id));
                ok = false;
            }
        }
        let mut red_lines = Vec::new();
        if let Some(rn) = get(m, "red_lines") {
            if let Some(items) = self.seq(rn, "red_lines") {
                for item in items {
                    let Some(im) = self.map(item, "a red line") else {
                        ok = false;
                        continue;
                    };
                    self.keys(im, &["when", "reason"], "a red line");
                    let reason = self.opt_string(im, "reason", "a red line");
                    match self
                        .req(im, "when", &item.span, "a red line")
                        .and_then(|w| self.condition(w, s, index))
                    {
                        Some(condition) => red_lines.push(RedLine { condition, reason }),
                        None => ok = false,
                    }
                }
            }
        }
        let mut interactions = Vec::new();
        if let Some(rn) = get(m, "interactions") {
            if let Some(items) = self.seq(rn, "interactions") {
                for item in items {
                    let Some(im) = self.map(item, "an interaction") else {
                        ok = false;
                        continue;
                    };
                    self.keys(im, &["when", "bonus", "reason"], "an interaction");
                    let reason = self.opt_string(im, "reason", "an interaction");
                    let k = interactions.len();
                    let bonus = self
                        .req(im, "bonus", &item.span, "an interaction")
                        .and_then(|b| {
                            self.uncertain(
                                b,
                                "`bonus`",
                                (-1.0, 1.0),
                                Target::Bonus(p, k),
                                format!("{pid}.interactions.{k}.bonus"),
                            )
                        });
                    let cond = self
                        .req(im, "when", &item.span, "an interaction")
                        .and_then(|w| self.condition(w, s, index));
                    match (cond, bonus) {
                        (Some(condition), Some(bonus)) => interactions.push(Interaction {
                            condition,
                            bonus,
                            reason,
                        }),
                        _ => ok = false,
                    }
                }
            }
        }
        if !ok {
            return None;
        }
        let values = values
            .into_iter()
            .enumerate()
            .map(|(i, v)| v.unwrap_or_else(|| vec![0.0; s.issues[i].options.len()]))
            .collect();
        Some(Preferences {
            weights,
            values,
            red_lines,
            interactions,
        })
    }

    /// A value table (`unit`: values on the 0–1 scale) or a cost table
    /// (costs ≥ 0) over an issue's options.
    fn value_function(&mut self, n: &Node, issue: &Issue, what: &str, vf: Vf) -> Option<Vec<f64>> {
        let unit = matches!(vf, Vf::Value(..));
        let noun = if unit { "value" } else { "cost" };
        match &n.value {
            Value::Map(m) => {
                let mut vals: Vec<Option<f64>> = vec![None; issue.options.len()];
                let mut ok = true;
                for (k, v) in m {
                    match issue.option_index(&k.name) {
                        Some(o) => {
                            let (target, label, range) = match vf {
                                Vf::Value(p, i, pid) => (
                                    Target::Value(p, i, o),
                                    format!("{pid}.values.{}.{}", issue.id, k.name),
                                    (0.0, 1.0),
                                ),
                                Vf::Cost(i) => (
                                    Target::Cost(i, o),
                                    format!("{}.cost.{}", issue.id, k.name),
                                    (0.0, f64::INFINITY),
                                ),
                            };
                            match self.uncertain(
                                v,
                                &format!("{what}, option `{}`", k.name),
                                range,
                                target,
                                label,
                            ) {
                                Some(x) => vals[o] = Some(x),
                                None => ok = false,
                            }
                        }
                        None => {
                            let hint = did_you_mean(
                                &k.name,
                                issue.options.iter().map(|o| o.id.as_str()),
                                "options",
                            );
                            self.err(
                                k.span.clone(),
                                format!("issue `{}` has no option `{}`", issue.id, k.name),
                                "unknown option",
                                hint,
                            );
                            ok = false;
                        }
                    }
                }
                let missing: Vec<&str> = vals
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_none())
                    .map(|(o, _)| issue.options[o].id.as_str())
                    .collect();
                if ok && !missing.is_empty() {
                    self.err(
                        n.span.clone(),
                        format!(
                            "{what} gives no {noun} for option{} {}",
                            if missing.len() > 1 { "s" } else { "" },
                            missing
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        if unit {
                            "incomplete value table"
                        } else {
                            "incomplete cost table"
                        },
                        if unit {
                            "give every option a value in [0,1]"
                        } else {
                            "give every option a cost (0 for a free option)"
                        },
                    );
                    ok = false;
                }
                if issue.kind.is_numeric() && ok && m.len() != issue.options.len() {
                    ok = false;
                }
                ok.then(|| vals.into_iter().map(|v| v.unwrap_or(0.0)).collect())
            }
            Value::Seq(points) if issue.kind.is_numeric() => {
                let (lo, hi) = match &issue.kind {
                    IssueKind::Integer { min, max, .. } => (*min as f64, *max as f64),
                    IssueKind::Real { min, max, .. } => (*min, *max),
                    IssueKind::Discrete => (0.0, 0.0),
                };
                let mut pts: Vec<(f64, f64)> = Vec::new();
                let mut ok = true;
                for p in points {
                    let pair = match &p.value {
                        Value::Seq(xy) if xy.len() == 2 => Some((&xy[0], &xy[1])),
                        _ => None,
                    };
                    let Some((xn, vn)) = pair else {
                        self.err(
                            p.span.clone(),
                            format!("each point of {what} is a pair [x, {noun}]"),
                            "not a pair",
                            "write points as [[x1, v1], [x2, v2], ...]",
                        );
                        ok = false;
                        continue;
                    };
                    let (Some(x), Some(v)) = (
                        self.number(xn, "a point's x"),
                        self.scaled_number(vn, &format!("{what} at a point"), unit),
                    ) else {
                        ok = false;
                        continue;
                    };
                    if x < lo - 1e-12 || x > hi + 1e-12 {
                        self.err(
                            xn.span.clone(),
                            format!(
                                "point x = {x} is outside issue `{}`'s range [{lo}, {hi}]",
                                issue.id
                            ),
                            "outside the range",
                            "points lie within the issue's min and max",
                        );
                        ok = false;
                        continue;
                    }
                    if let Some(&(px, _)) = pts.last() {
                        if x <= px {
                            self.err(
                                xn.span.clone(),
                                format!("point x = {x} does not increase (previous x = {px})"),
                                "not increasing",
                                "list points in strictly increasing x",
                            );
                            ok = false;
                            continue;
                        }
                    }
                    pts.push((x, v));
                }
                if pts.is_empty() && ok {
                    self.err(
                        n.span.clone(),
                        format!("{what} has no points"),
                        "empty",
                        "give at least one point [x, value]",
                    );
                    ok = false;
                }
                ok.then(|| {
                    issue
                        .options
                        .iter()
                        .map(|o| piecewise(&pts, o.value.unwrap_or(0.0)))
                        .collect()
                })
            }
            _ => {
                let help = if issue.kind.is_numeric() {
                    "write piecewise-linear points [[x, value], ...] or a table of every grid value"
                } else {
                    "write a table option = value, e.g. { yes = 1.0, no = 0.0 }"
                };
                self.err(
                    n.span.clone(),
                    format!("expected a value table for {what}, found {}", n.type_name()),
                    "not a value function",
                    help,
                );
                None
            }
        }
    }

    fn condition(&mut self, n: &Node, s: &Scenario, index: &Index) -> Option<Condition> {
        let m = self.map(n, "a condition (`when`)")?;
        if m.is_empty() {
            self.err(
                n.span.clone(),
                "the condition names no issue",
                "empty condition",
                "write e.g. when = { nato = \"membership\" }",
            );
            return None;
        }
        let mut clauses = Vec::new();
        let mut ok = true;
        for (k, v) in m {
            let Some(i) = self.issue_key(k, s, index, "condition on unknown issue ") else {
                ok = false;
                continue;
            };
            let issue = &s.issues[i];
            let mut opts = Vec::new();
            let mut one = |cx: &mut Cx, node: &Node| match cx.option_ref(node, issue) {
                Some(o) => opts.push(o),
                None => ok = false,
            };
            match &v.value {
                Value::Seq(items) => {
                    for it in items {
                        one(self, it);
                    }
                }
                Value::Map(r) if issue.kind.is_numeric() => {
                    self.keys(r, &["min", "max"], "a range");
                    let lo = get(r, "min")
                        .and_then(|x| self.number(x, "`min`"))
                        .unwrap_or(f64::NEG_INFINITY);
                    let hi = get(r, "max")
                        .and_then(|x| self.number(x, "`max`"))
                        .unwrap_or(f64::INFINITY);
                    for (o, od) in issue.options.iter().enumerate() {
                        let x = od.value.unwrap_or(0.0);
                        if x >= lo - 1e-9 && x <= hi + 1e-9 {
                            opts.push(o);
                        }
                    }
                    if opts.is_empty() {
                        self.err(
                            v.span.clone(),
                            format!("the range selects no value of issue `{}`", issue.id),
                            "empty range",
                            "widen the range",
                        );
                        ok = false;
                    }
                }
                _ => one(self, v),
            }
            opts.sort_unstable();
            opts.dedup();
            if !opts.is_empty() {
                clauses.push((i, opts));
            }
        }
        (ok && !clauses.is_empty()).then_some(Condition { clauses })
    }

    fn option_ref(&mut self, n: &Node, issue: &Issue) -> Option<usize> {
        let text = match &n.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) if issue.kind.is_numeric() => i.to_string(),
            Value::Float(f) if issue.kind.is_numeric() => f.to_string(),
            _ => {
                self.err(
                    n.span.clone(),
                    format!(
                        "expected an option of issue `{}`, found {}",
                        issue.id,
                        n.type_name()
                    ),
                    "not an option",
                    if issue.kind.is_numeric() {
                        "write a number on the issue's grid"
                    } else {
                        "write the option id in quotes"
                    },
                );
                return None;
            }
        };
        match issue.option_index(&text) {
            Some(o) => Some(o),
            None => {
                let hint = if issue.kind.is_numeric() {
                    format!(
                        "the values of `{}` run from {} to {} on its grid",
                        issue.id,
                        issue.options[0].id,
                        issue.options[issue.options.len() - 1].id
                    )
                } else {
                    did_you_mean(
                        &text,
                        issue.options.iter().map(|o| o.id.as_str()),
                        "options",
                    )
                };
                self.err(
                    n.span.clone(),
                    format!("issue `{}` has no option `{text}`", issue.id),
                    "unknown option",
                    hint,
                );
                None
            }
        }
    }

    fn deal(&mut self, n: &Node, index: &Index, s: &Scenario, what: &str) -> Option<Deal> {
        let m = self.map(n, what)?;
        self.keys(m, &["id", "name", "description", "source", "package"], what);
        let (id, _) = self.id(m, &n.span, what)?;
        let name = self
            .opt_string(m, "name", what)
            .unwrap_or_else(|| id.clone());
        let description = self.opt_string(m, "description", what);
        let _source = self.opt_string(m, "source", what);
        let pn = self.req(m, "package", &n.span, &format!("deal `{id}`"))?;
        let pm = self.map(pn, &format!("the package of `{id}`"))?;
        let mut package: Vec<Option<usize>> = vec![None; s.issues.len()];
        let mut ok = true;
        for (k, v) in pm {
            let Some(i) = self.issue_key(k, s, index, &format!("deal `{id}` sets unknown issue "))
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
                format!("deal `{id}` leaves {} unset", list_ids(&missing)),
                "incomplete package",
                "a deal sets one option for every issue",
            );
            ok = false;
        }
        ok.then(|| Deal {
            id,
            name,
            description,
            package: package.into_iter().map(|o| o.unwrap_or(0)).collect(),
        })
    }
}

/// Piecewise-linear interpolation, flat beyond the end points.
fn piecewise(pts: &[(f64, f64)], x: f64) -> f64 {
    let Some(&(x0, v0)) = pts.first() else {
        return 0.0;
    };
    if x <= x0 {
        return v0;
    }
    for w in pts.windows(2) {
        let ((a, va), (b, vb)) = (w[0], w[1]);
        if x <= b {
            return va + (vb - va) * (x - a) / (b - a);
        }
    }
    pts[pts.len() - 1].1
}

/// A number as accord writes option ids: integers without a fraction, others
/// with up to 12 significant digits.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{:.12}", x);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}
