//! Genius XML and GeniusWeb JSON import, Genius XML export.
//!
//! The reference for the semantics is Genius 10.4 (and GeniusWeb for the JSON
//! profiles); `docs/genius.md` ("Genius interop") states them in full. In short:
//!
//! - one party per profile file: id = the file stem sanitised to
//!   `[A-Za-z0-9_.-]`, name = the stem, role principal with a veto;
//! - a discrete issue's evaluations are divided by that issue's largest
//!   evaluation in the profile (all values are 0 when it is below 0.00001, as in
//!   Genius); only the `item` elements directly under an `issue` count;
//! - integer issue with a linear evaluator: `offset + slope·(x − lowerbound)`,
//!   clamped to \[0,1\]; one option per integer;
//! - real issue: cut into [`ImportOptions::real_steps`] equal intervals; linear
//!   evaluator `parameter0 + parameter1·x`, clamped to \[0,1\];
//! - weights matched to issues by their `index` attribute and divided by their sum;
//! - `<reservation value>` is the reservation value (0 when absent),
//!   `<discount_factor value>` is kept in the party's metadata;
//! - nonlinear utility spaces (Genius's `hyperRectangle` constraints, summed and
//!   divided by `maxutility`) become interactions on a zero additive part;
//! - GeniusWeb `LinearAdditiveUtilitySpace`: value utilities used as given
//!   (clamped to \[0,1\], never renormalised, as GeniusWeb does), weights divided
//!   by their sum, the reservation *bid*'s utility is the reservation value.
//!
//! NegMAS 0.16 differs from Genius on the first two of these rules (the
//! division by the largest evaluation, and `x − lowerbound`); accord follows Genius.

use std::collections::HashSet;
use std::fmt;

use accord_core::model::{
    Condition, Interaction, Issue, IssueKind, OptionDef, Party, Preferences, Role, Scenario,
    DEFAULT_TOLERANCE,
};
use accord_core::ModelError;
use quick_xml::escape::{partial_escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde_json::{Map, Value};

/// Largest number of options an imported numeric issue may have.
pub const MAX_NUMERIC_OPTIONS: usize = 100_000;

/// Deepest element nesting accepted in an XML file.
const MAX_DEPTH: usize = 256;

/// Genius treats a discrete issue whose largest evaluation is below this as all zeros.
const GENIUS_EVAL_EPS: f64 = 0.00001;

/// Options for importing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Number of equal intervals a real issue is cut into (so `real_steps + 1`
    /// grid points); the CLI exposes it as `--real-steps`. Default 10.
    pub real_steps: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { real_steps: 10 }
    }
}

/// A file given to the importer: its display name (for errors), its stem (for party ids), and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// Display name used in error messages (usually the path).
    pub name: &'a str,
    /// File stem: the party id and name are made from it (and the scenario
    /// name, for a domain file without a usable name).
    pub stem: &'a str,
    /// The file's contents.
    pub text: &'a str,
}

/// A 1-based line and column (in characters) in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

fn at(loc: &Option<Location>) -> String {
    match loc {
        Some(l) => format!(":{l}"),
        None => String::new(),
    }
}

/// An import or export error. Every variant that concerns a file names it,
/// with `line:column` where one exists, says what was expected and gives a hint.
#[derive(Debug, thiserror::Error)]
pub enum GeniusError {
    /// The file is not well-formed XML.
    #[error("{file}:{location}: malformed XML: {message}\n  hint: Genius domain and utility-space files must be well-formed XML; check the tags around this position")]
    Xml {
        /// The file.
        file: String,
        /// Where the parser stopped.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// The file is not valid JSON.
    #[error("{file}:{location}: malformed JSON: {message}\n  hint: GeniusWeb profiles must be valid JSON; check the text around this position")]
    Json {
        /// The file.
        file: String,
        /// Where the parser stopped.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// Something is missing or has a wrong value.
    #[error("{file}{}: expected {expected}, found {found}\n  hint: {hint}", at(.location))]
    Invalid {
        /// The file.
        file: String,
        /// The element or key concerned, where known.
        location: Option<Location>,
        /// What was expected.
        expected: String,
        /// What was found instead.
        found: String,
        /// How to fix it.
        hint: &'static str,
    },
    /// A profile does not match the domain (or, for GeniusWeb, the first profile).
    #[error("{file}{}: the profile does not match the domain {domain}: {message}\n  hint: {hint}", at(.location))]
    Mismatch {
        /// The profile file.
        file: String,
        /// The element or key concerned, where known.
        location: Option<Location>,
        /// The domain it was checked against.
        domain: String,
        /// What differs.
        message: String,
        /// How to fix it.
        hint: &'static str,
    },
    /// A Genius feature accord cannot represent.
    #[error("{file}{}: expected a supported Genius construct, found {feature}, which is not supported\n  hint: {hint}", at(.location))]
    Unsupported {
        /// The file.
        file: String,
        /// The element or key concerned, where known.
        location: Option<Location>,
        /// The construct.
        feature: String,
        /// What to do instead.
        hint: &'static str,
    },
    /// A numeric issue with too many values.
    #[error("{file}{}: expected at most {limit} values for issue `{issue}`, found {count}\n  hint: narrow the issue's bounds, or for a real issue lower --real-steps", at(.location))]
    TooLarge {
        /// The file.
        file: String,
        /// The issue element, where known.
        location: Option<Location>,
        /// The issue name.
        issue: String,
        /// Number of values it would have (saturating).
        count: u64,
        /// The limit ([`MAX_NUMERIC_OPTIONS`]).
        limit: usize,
    },
    /// Bad [`ImportOptions`].
    #[error("invalid import options: expected {expected}, found {found}\n  hint: pass --real-steps with a value between 1 and {MAX_NUMERIC_OPTIONS}")]
    Options {
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
    /// No profile was given.
    #[error("expected at least one profile file, found none\n  hint: pass one utility-space (profile) file per party")]
    NoProfiles,
    /// The imported scenario breaks an invariant of the model.
    #[error("{files}: the imported scenario is invalid: {source}\n  hint: check the profiles' weights, evaluations and reservation values")]
    Scenario {
        /// The files imported.
        files: String,
        /// The violated invariant.
        source: Box<ModelError>,
    },
    /// The scenario cannot be exported.
    #[error("cannot export to Genius: expected a valid scenario, found {message}\n  hint: run `accord check` on the scenario first")]
    Export {
        /// Why.
        message: String,
    },
}

impl GeniusError {
    /// The file the error concerns, if any.
    pub fn file(&self) -> Option<&str> {
        match self {
            GeniusError::Xml { file, .. }
            | GeniusError::Json { file, .. }
            | GeniusError::Invalid { file, .. }
            | GeniusError::Mismatch { file, .. }
            | GeniusError::Unsupported { file, .. }
            | GeniusError::TooLarge { file, .. } => Some(file),
            GeniusError::Scenario { files, .. } => Some(files),
            GeniusError::Options { .. } | GeniusError::NoProfiles | GeniusError::Export { .. } => {
                None
            }
        }
    }

    /// The line and column the error points at, if any.
    pub fn location(&self) -> Option<Location> {
        match self {
            GeniusError::Xml { location, .. } | GeniusError::Json { location, .. } => {
                Some(*location)
            }
            GeniusError::Invalid { location, .. }
            | GeniusError::Mismatch { location, .. }
            | GeniusError::Unsupported { location, .. }
            | GeniusError::TooLarge { location, .. } => *location,
            _ => None,
        }
    }
}

/// Genius XML for a scenario: the domain file and one utility-space file per party (party id, xml text).
#[derive(Debug, Clone, PartialEq)]
pub struct GeniusExport {
    /// The domain (`negotiation_template`) XML.
    pub domain: String,
    /// One utility-space XML per party: (party id, XML text), in party order.
    pub profiles: Vec<(String, String)>,
    /// What could not be expressed exactly (dropped red lines and interactions,
    /// rescaled utilities, roles).
    pub warnings: Vec<String>,
}

// ---------------------------------------------------------------------------
// Positions

/// Line and column of byte offset `pos` in `text`.
fn location_of(text: &str, pos: usize) -> Location {
    let mut end = pos.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Location { line, column }
}

/// A file being read, with its text (byte-order mark removed).
struct Src<'a> {
    name: &'a str,
    text: &'a str,
}

impl<'a> Src<'a> {
    fn new(f: &SourceFile<'a>) -> Src<'a> {
        Src {
            name: f.name,
            text: f.text.strip_prefix('\u{feff}').unwrap_or(f.text),
        }
    }

    fn loc(&self, pos: usize) -> Location {
        location_of(self.text, pos)
    }

    fn invalid(
        &self,
        pos: Option<usize>,
        expected: impl Into<String>,
        found: impl Into<String>,
        hint: &'static str,
    ) -> GeniusError {
        GeniusError::Invalid {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            expected: expected.into(),
            found: found.into(),
            hint,
        }
    }

    fn unsupported(
        &self,
        pos: Option<usize>,
        feature: impl Into<String>,
        hint: &'static str,
    ) -> GeniusError {
        GeniusError::Unsupported {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            feature: feature.into(),
            hint,
        }
    }

    fn mismatch(
        &self,
        pos: Option<usize>,
        domain: &str,
        message: impl Into<String>,
        hint: &'static str,
    ) -> GeniusError {
        GeniusError::Mismatch {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            domain: domain.to_string(),
            message: message.into(),
            hint,
        }
    }

    fn too_large(&self, pos: Option<usize>, issue: &str, count: u128) -> GeniusError {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        GeniusError::TooLarge {
            file: self.name.to_string(),
            location: pos.map(|p| self.loc(p)),
            issue: issue.to_string(),
            count,
            limit: MAX_NUMERIC_OPTIONS,
        }
    }
}

// ---------------------------------------------------------------------------
// A small XML tree

#[derive(Debug)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Elem>,
    text: String,
    /// Byte offset of the element's `<`.
    pos: usize,
}

impl Elem {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn children_named<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Elem> + 'e {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child(&self, name: &str) -> Option<&Elem> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn xml_error(src: &Src, pos: usize, message: String) -> GeniusError {
    GeniusError::Xml {
        file: src.name.to_string(),
        location: src.loc(pos),
        message,
    }
}

fn make_elem(src: &Src, e: &BytesStart, pos: usize) -> Result<Elem, GeniusError> {
    let name = e.name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| xml_error(src, pos, err.to_string()))?;
        let key = a.key.as_ref().to_string();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| xml_error(src, pos, err.to_string()))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Elem {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
        pos,
    })
}

fn parse_xml(src: &Src) -> Result<Elem, GeniusError> {
    let mut reader = Reader::from_str(src.text);
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    fn attach(
        src: &Src,
        stack: &mut [Elem],
        root: &mut Option<Elem>,
        el: Elem,
    ) -> Result<(), GeniusError> {
        if let Some(top) = stack.last_mut() {
            top.children.push(el);
            Ok(())
        } else if root.is_some() {
            Err(xml_error(
                src,
                el.pos,
                format!("a second root element <{}>", el.name),
            ))
        } else {
            *root = Some(el);
            Ok(())
        }
    }
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let epos = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                return Err(xml_error(src, epos, e.to_string()));
            }
        };
        match ev {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(xml_error(
                        src,
                        pos,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let el = make_elem(src, &e, pos)?;
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = make_elem(src, &e, pos)?;
                attach(src, &mut stack, &mut root, el)?;
            }
            Event::End(_) => match stack.pop() {
                Some(el) => attach(src, &mut stack, &mut root, el)?,
                None => return Err(xml_error(src, pos, "an unmatched end tag".into())),
            },
            Event::Text(t) => {
                let content = t.xml10_content();
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&content);
                } else if !content.trim().is_empty() {
                    return Err(xml_error(src, pos, "text outside the root element".into()));
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => match resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(xml_error(src, pos, format!("unknown entity `&{};`", &*r)))
                        }
                    },
                    Err(e) => return Err(xml_error(src, pos, e.to_string())),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(xml_error(
            src,
            open.pos,
            format!("element <{}> is never closed", open.name),
        ));
    }
    root.ok_or_else(|| xml_error(src, 0, "no root element".into()))
}

// ---------------------------------------------------------------------------
// Numbers and ids

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Parses an integer bound, accepting integral decimals such as `10.0`.
fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i64>() {
        return Some(v);
    }
    let x = parse_f64(t)?;
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Some(x as i64)
    } else {
        None
    }
}

/// `x` rounded to 12 significant digits (and -0 turned into 0).
fn round12(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x + 0.0;
    }
    format!("{x:.11e}").parse::<f64>().unwrap_or(x) + 0.0
}

/// Compact decimal form of a grid value.
fn fmt_num(x: f64) -> String {
    format!("{}", x + 0.0)
}

/// `s` with every character outside `[A-Za-z0-9_.-]` replaced by `_`.
fn sanitize(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".to_string()
    } else {
        out
    }
}

/// `id`, or `id_2`, `id_3`, ... : the first not yet in `used` (which it joins).
fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 2usize;
    loop {
        let candidate = format!("{id}_{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0)
    }
}

// ---------------------------------------------------------------------------
// Domain

/// The kind of a domain issue, as read from the file.
#[derive(Debug, Clone)]
enum DomKind {
    Discrete { labels: Vec<String> },
    Integer { lb: i64, ub: i64 },
    Real { lb: f64, ub: f64 },
}

/// A domain issue with its accord form.
#[derive(Debug, Clone)]
struct DomIssue {
    /// Genius `index` attribute (or position from 1).
    index: i64,
    name: String,
    kind: DomKind,
    issue: Issue,
}

fn issue_bounds(el: &Elem) -> Option<(&str, &str, usize)> {
    if let (Some(l), Some(u)) = (el.attr("lowerbound"), el.attr("upperbound")) {
        return Some((l, u, el.pos));
    }
    let r = el.child("range")?;
    match (r.attr("lowerbound"), r.attr("upperbound")) {
        (Some(l), Some(u)) => Some((l, u, r.pos)),
        _ => None,
    }
}

fn utility_space<'e>(src: &Src, root: &'e Elem) -> Result<&'e Elem, GeniusError> {
    if root.name == "utility_space" {
        return Ok(root);
    }
    root.child("utility_space").ok_or_else(|| {
        src.invalid(
            Some(root.pos),
            "a <utility_space> element",
            format!("<{}> without one", root.name),
            "a Genius domain is <negotiation_template><utility_space><objective>…; a profile is <utility_space><objective>…",
        )
    })
}

fn objective<'e>(src: &Src, us: &'e Elem) -> Result<&'e Elem, GeniusError> {
    let obj = us.child("objective").ok_or_else(|| {
        src.invalid(
            Some(us.pos),
            "an <objective> element inside <utility_space>",
            "none",
            "the issues of a Genius file are listed inside <objective index=\"0\" …>",
        )
    })?;
    if let Some(nested) = obj.child("objective") {
        return Err(src.unsupported(
            Some(nested.pos),
            "a nested <objective>",
            "flatten the objective tree so every issue is directly under the root objective",
        ));
    }
    Ok(obj)
}

fn issue_index(src: &Src, el: &Elem, position: usize) -> Result<i64, GeniusError> {
    match el.attr("index") {
        None => Ok(position as i64 + 1),
        Some(s) => s.trim().parse::<i64>().map_err(|_| {
            src.invalid(
                Some(el.pos),
                "an integer `index` attribute",
                format!("index=\"{s}\""),
                "issue indices are the integers 1, 2, …",
            )
        }),
    }
}

fn issue_type(el: &Elem) -> Option<String> {
    ["type", "vtype", "etype"]
        .iter()
        .find_map(|k| el.attr(k))
        .map(|s| s.trim().to_ascii_lowercase())
}

fn read_domain_issue(
    src: &Src,
    el: &Elem,
    position: usize,
    opts: &ImportOptions,
) -> Result<(i64, String, DomKind), GeniusError> {
    let index = issue_index(src, el, position)?;
    let name = el
        .attr("name")
        .ok_or_else(|| {
            src.invalid(
                Some(el.pos),
                "a `name` attribute on <issue>",
                "none",
                "every Genius issue has a name",
            )
        })?
        .to_string();
    let has_items = el.child("item").is_some();
    let bounds = issue_bounds(el);
    let ty = issue_type(el);
    let kind_word = match ty.as_deref() {
        Some(t @ ("discrete" | "integer" | "real")) => t.to_string(),
        Some(other) => {
            return Err(src.unsupported(
                Some(el.pos),
                format!("issue type `{other}` (issue `{name}`)"),
                "accord imports discrete, integer and real issues",
            ))
        }
        // Legacy files without type attributes.
        None if has_items => "discrete".to_string(),
        None => match bounds {
            Some((l, u, _)) if l.trim().parse::<i64>().is_ok() && u.trim().parse::<i64>().is_ok() => {
                "integer".to_string()
            }
            Some(_) => "real".to_string(),
            None => {
                return Err(src.invalid(
                    Some(el.pos),
                    format!("<item> children or lowerbound/upperbound for issue `{name}`"),
                    "neither",
                    "a discrete issue lists <item value=…/>; a numeric one has lowerbound and upperbound",
                ))
            }
        },
    };
    let kind = match kind_word.as_str() {
        "discrete" => {
            let mut labels = Vec::new();
            for item in el.children_named("item") {
                let v = item.attr("value").ok_or_else(|| {
                    src.invalid(
                        Some(item.pos),
                        "a `value` attribute on <item>",
                        "none",
                        "each option of a discrete issue is <item index=… value=…/>",
                    )
                })?;
                labels.push(v.to_string());
            }
            if labels.is_empty() {
                return Err(src.invalid(
                    Some(el.pos),
                    format!("at least one <item> in discrete issue `{name}`"),
                    "none",
                    "list the issue's options as <item index=\"1\" value=\"…\"/>",
                ));
            }
            DomKind::Discrete { labels }
        }
        "integer" => {
            let (l, u, bpos) = bounds.ok_or_else(|| {
                src.invalid(
                    Some(el.pos),
                    format!("lowerbound and upperbound for integer issue `{name}`"),
                    "none",
                    "write <issue … type=\"integer\" lowerbound=\"0\" upperbound=\"10\">",
                )
            })?;
            let (Some(lb), Some(ub)) = (parse_int(l), parse_int(u)) else {
                return Err(src.invalid(
                    Some(bpos),
                    format!("integer bounds for issue `{name}`"),
                    format!("lowerbound=\"{l}\" upperbound=\"{u}\""),
                    "integer issue bounds are whole numbers",
                ));
            };
            if lb > ub {
                return Err(src.invalid(
                    Some(bpos),
                    format!("lowerbound ≤ upperbound for issue `{name}`"),
                    format!("{lb} > {ub}"),
                    "swap the bounds",
                ));
            }
            let count = (ub as i128 - lb as i128 + 1) as u128;
            if count > MAX_NUMERIC_OPTIONS as u128 {
                return Err(src.too_large(Some(el.pos), &name, count));
            }
            DomKind::Integer { lb, ub }
        }
        _ => {
            let (l, u, bpos) = bounds.ok_or_else(|| {
                src.invalid(
                    Some(el.pos),
                    format!("a <range lowerbound upperbound> for real issue `{name}`"),
                    "none",
                    "write <range lowerbound=\"10.0\" upperbound=\"40.0\"/> inside the issue",
                )
            })?;
            let (Some(lb), Some(ub)) = (parse_f64(l), parse_f64(u)) else {
                return Err(src.invalid(
                    Some(bpos),
                    format!("numeric bounds for issue `{name}`"),
                    format!("lowerbound=\"{l}\" upperbound=\"{u}\""),
                    "real issue bounds are decimal numbers",
                ));
            };
            if lb > ub {
                return Err(src.invalid(
                    Some(bpos),
                    format!("lowerbound ≤ upperbound for issue `{name}`"),
                    format!("{lb} > {ub}"),
                    "swap the bounds",
                ));
            }
            if opts.real_steps as u128 + 1 > MAX_NUMERIC_OPTIONS as u128 {
                return Err(src.too_large(Some(el.pos), &name, opts.real_steps as u128 + 1));
            }
            DomKind::Real { lb, ub }
        }
    };
    Ok((index, name, kind))
}

/// The accord issue for a domain issue (id filled in by the caller).
fn build_issue(name: &str, kind: &DomKind, steps: usize, used_ids: &mut HashSet<String>) -> Issue {
    let id = unique(sanitize(name), used_ids);
    match kind {
        DomKind::Discrete { labels } => {
            let mut used = HashSet::new();
            let options = labels
                .iter()
                .map(|l| OptionDef {
                    id: unique(sanitize(l), &mut used),
                    label: l.clone(),
                    description: None,
                    position: None,
                    value: None,
                })
                .collect();
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind: IssueKind::Discrete,
                options,
                cost: None,
            }
        }
        DomKind::Integer { lb, ub } => Issue {
            id,
            name: name.to_string(),
            description: None,
            kind: IssueKind::Integer {
                min: *lb,
                max: *ub,
                step: 1,
                unit: None,
            },
            options: (*lb..=*ub)
                .map(|x| OptionDef {
                    id: x.to_string(),
                    label: x.to_string(),
                    description: None,
                    position: None,
                    value: Some(x as f64),
                })
                .collect(),
            cost: None,
        },
        DomKind::Real { lb, ub } => {
            let grid = real_grid(*lb, *ub, steps);
            let mut used = HashSet::new();
            let options = grid
                .iter()
                .map(|&x| {
                    let s = fmt_num(x);
                    OptionDef {
                        id: unique(s.clone(), &mut used),
                        label: s,
                        description: None,
                        position: None,
                        value: Some(x),
                    }
                })
                .collect();
            let step = if ub > lb {
                (ub - lb) / steps as f64
            } else {
                1.0
            };
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind: IssueKind::Real {
                    min: *lb,
                    max: *ub,
                    step,
                    unit: None,
                },
                options,
                cost: None,
            }
        }
    }
}

/// `steps + 1` equally spaced points from `lb` to `ub` (one point when they are
/// equal), rounded to 12 significant digits.
fn real_grid(lb: f64, ub: f64, steps: usize) -> Vec<f64> {
    if ub <= lb || steps == 0 {
        return vec![round12(lb)];
    }
    (0..=steps)
        .map(|k| {
            if k == steps {
                round12(ub)
            } else {
                round12(lb + (ub - lb) * (k as f64) / (steps as f64))
            }
        })
        .collect()
}

fn check_opts(opts: &ImportOptions) -> Result<(), GeniusError> {
    if opts.real_steps == 0 || opts.real_steps >= MAX_NUMERIC_OPTIONS {
        return Err(GeniusError::Options {
            expected: format!("real_steps between 1 and {}", MAX_NUMERIC_OPTIONS - 1),
            found: opts.real_steps.to_string(),
        });
    }
    Ok(())
}

struct Domain {
    /// Objective name (None when absent or the placeholder `root`).
    name: Option<String>,
    issues: Vec<DomIssue>,
}

fn parse_domain(src: &Src, opts: &ImportOptions) -> Result<Domain, GeniusError> {
    let root = parse_xml(src)?;
    let us = utility_space(src, &root)?;
    let obj = objective(src, us)?;
    let mut issues: Vec<DomIssue> = Vec::new();
    let mut used_ids = HashSet::new();
    for (k, el) in obj.children_named("issue").enumerate() {
        let (index, name, kind) = read_domain_issue(src, el, k, opts)?;
        if issues.iter().any(|i| i.index == index) {
            return Err(src.invalid(
                Some(el.pos),
                "distinct issue indices",
                format!("index {index} twice"),
                "number the issues 1, 2, …",
            ));
        }
        let issue = build_issue(&name, &kind, opts.real_steps, &mut used_ids);
        issues.push(DomIssue {
            index,
            name,
            kind,
            issue,
        });
    }
    if issues.is_empty() {
        return Err(src.invalid(
            Some(obj.pos),
            "at least one <issue> in the domain's objective",
            "none",
            "is this a domain file? Give the domain first, then the profiles",
        ));
    }
    let name = obj
        .attr("name")
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "root")
        .map(str::to_string);
    Ok(Domain { name, issues })
}

// ---------------------------------------------------------------------------
// Genius XML profiles

/// A parsed profile: values per issue and option, raw weights, reservation, metadata.
struct ProfileData {
    values: Vec<Vec<f64>>,
    weights: Vec<f64>,
    interactions: Vec<Interaction>,
    reservation: f64,
    discount: Option<String>,
}

/// A number given as `value` attribute or as the element's text.
fn value_of(src: &Src, el: &Elem, what: &str) -> Result<(f64, String), GeniusError> {
    let raw = el
        .attr("value")
        .map(str::to_string)
        .unwrap_or_else(|| el.text.trim().to_string());
    match parse_f64(&raw) {
        Some(x) => Ok((x, raw.trim().to_string())),
        None => Err(src.invalid(
            Some(el.pos),
            format!("a number for <{}> (the {what})", el.name),
            if raw.is_empty() {
                "none".to_string()
            } else {
                format!("`{raw}`")
            },
            "write the number as a `value` attribute, e.g. <reservation value=\"0.5\"/>",
        )),
    }
}

fn find_top<'e>(us: &'e Elem, obj: &'e Elem, name: &str) -> Option<&'e Elem> {
    us.child(name).or_else(|| obj.child(name))
}

/// Matches the profile's issues to the domain's, by index and name.
fn match_issues<'e>(
    src: &Src,
    obj: &'e Elem,
    dom: &Domain,
    domain_file: &str,
) -> Result<Vec<&'e Elem>, GeniusError> {
    let pels: Vec<&Elem> = obj.children_named("issue").collect();
    let mut indexed = Vec::with_capacity(pels.len());
    for (k, el) in pels.iter().enumerate() {
        indexed.push((issue_index(src, el, k)?, *el));
    }
    let mut out = Vec::with_capacity(dom.issues.len());
    for di in &dom.issues {
        let Some((_, el)) = indexed.iter().find(|(ix, _)| *ix == di.index) else {
            return Err(src.mismatch(
                Some(obj.pos),
                domain_file,
                format!("no issue with index {} (`{}`)", di.index, di.name),
                "give the profile that belongs to this domain, or fix the issue indices",
            ));
        };
        let pname = el.attr("name").unwrap_or("");
        if pname != di.name {
            return Err(src.mismatch(
                Some(el.pos),
                domain_file,
                format!(
                    "issue {} is `{}` in the domain but `{pname}` in the profile",
                    di.index, di.name
                ),
                "give the profile that belongs to this domain; issues are matched by index and name",
            ));
        }
        out.push(*el);
    }
    if indexed.len() != dom.issues.len() {
        return Err(src.mismatch(
            Some(obj.pos),
            domain_file,
            format!(
                "the profile has {} issues, the domain {}",
                indexed.len(),
                dom.issues.len()
            ),
            "give the profile that belongs to this domain",
        ));
    }
    Ok(out)
}

fn discrete_values(
    src: &Src,
    el: &Elem,
    labels: &[String],
    name: &str,
    domain_file: &str,
) -> Result<Vec<f64>, GeniusError> {
    // Only the items directly under the issue; items nested elsewhere
    // (similarity_function, …) do not carry evaluations.
    let items: Vec<&Elem> = el.children_named("item").collect();
    let mut taken = vec![false; items.len()];
    let mut evals = Vec::with_capacity(labels.len());
    for (k, label) in labels.iter().enumerate() {
        let occurrence = labels[..k].iter().filter(|l| *l == label).count();
        let by_value = items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.attr("value") == Some(label.as_str()))
            .map(|(j, _)| j)
            .nth(occurrence);
        let j = match by_value {
            Some(j) => Some(j),
            None => {
                // Fall back to the item with the same index, when counts agree.
                let by_index = items.iter().position(|it| {
                    it.attr("index")
                        .and_then(|s| s.trim().parse::<usize>().ok())
                        == Some(k + 1)
                });
                match by_index {
                    Some(j) if items.len() == labels.len() && !taken[j] => Some(j),
                    _ if items.len() == labels.len() && !taken[k] => Some(k),
                    _ => None,
                }
            }
        };
        let Some(j) = j else {
            return Err(src.mismatch(
                Some(el.pos),
                domain_file,
                format!("issue `{name}` has no <item> for the value `{label}`"),
                "every value of a discrete issue needs <item value=… evaluation=…/>",
            ));
        };
        taken[j] = true;
        let item = items[j];
        let Some(raw) = item.attr("evaluation") else {
            return Err(src.invalid(
                Some(item.pos),
                format!("an `evaluation` attribute (issue `{name}`, value `{label}`)"),
                "none",
                "write <item … evaluation=\"…\"/> with a number ≥ 0",
            ));
        };
        let e = parse_f64(raw).filter(|e| *e >= 0.0).ok_or_else(|| {
            src.invalid(
                Some(item.pos),
                format!("a number ≥ 0 as evaluation (issue `{name}`, value `{label}`)"),
                format!("`{raw}`"),
                "Genius evaluations are non-negative numbers, divided by the issue's largest",
            )
        })?;
        evals.push(e);
    }
    let max = evals.iter().copied().fold(0.0f64, f64::max);
    if max < GENIUS_EVAL_EPS {
        return Ok(vec![0.0; evals.len()]);
    }
    Ok(evals.iter().map(|e| e / max).collect())
}

/// A linear evaluator: `offset + slope·(x − lb)` (integer style) or `p0 + p1·x` (real style).
enum Linear {
    SlopeOffset { slope: f64, offset: f64 },
    Params { p0: f64, p1: f64 },
    Constant(f64),
}

fn read_evaluator(src: &Src, ev: &Elem, name: &str) -> Result<Linear, GeniusError> {
    let num = |k: &str| -> Result<Option<f64>, GeniusError> {
        match ev.attr(k) {
            None => Ok(None),
            Some(s) => parse_f64(s).map(Some).ok_or_else(|| {
                src.invalid(
                    Some(ev.pos),
                    format!("a number for `{k}` (issue `{name}`)"),
                    format!("`{s}`"),
                    "evaluator parameters are decimal numbers",
                )
            }),
        }
    };
    let ftype = ev.attr("ftype").map(|s| s.trim().to_ascii_lowercase());
    if let Some(f) = ftype.as_deref() {
        if !matches!(f, "linear" | "constant") {
            return Err(src.unsupported(
                Some(ev.pos),
                format!("evaluator ftype `{f}` (issue `{name}`)"),
                "accord imports linear and constant evaluators; convert the issue to a discrete one",
            ));
        }
    }
    let (slope, offset) = (num("slope")?, num("offset")?);
    let (p0, p1) = (num("parameter0")?, num("parameter1")?);
    if ftype.as_deref() == Some("constant") {
        return match p0.or(offset) {
            Some(c) => Ok(Linear::Constant(c)),
            None => Err(src.invalid(
                Some(ev.pos),
                format!("`parameter0` on the constant evaluator of issue `{name}`"),
                "none",
                "a constant evaluator is <evaluator ftype=\"constant\" parameter0=\"…\"/>",
            )),
        };
    }
    match (slope, offset, p0, p1) {
        (Some(slope), Some(offset), _, _) => Ok(Linear::SlopeOffset { slope, offset }),
        (_, _, Some(p0), Some(p1)) => Ok(Linear::Params { p0, p1 }),
        _ => Err(src.invalid(
            Some(ev.pos),
            format!("slope and offset (integer issue) or parameter0 and parameter1 (real issue) on the evaluator of `{name}`"),
            "an incomplete evaluator",
            "write <evaluator ftype=\"linear\" slope=\"…\" offset=\"…\"/> or <evaluator ftype=\"linear\" parameter0=\"…\" parameter1=\"…\"/>",
        )),
    }
}

fn linear_values(lin: &Linear, lb: f64, xs: impl Iterator<Item = f64>) -> Vec<f64> {
    xs.map(|x| {
        clamp01(match lin {
            Linear::SlopeOffset { slope, offset } => offset + slope * (x - lb),
            Linear::Params { p0, p1 } => p0 + p1 * x,
            Linear::Constant(c) => *c,
        })
    })
    .collect()
}

fn numeric_values(
    src: &Src,
    el: &Elem,
    di: &DomIssue,
    domain_file: &str,
) -> Result<Vec<f64>, GeniusError> {
    // The profile's bounds (Genius reads the evaluator's bounds from the profile) must be the domain's.
    if let Some((l, u, bpos)) = issue_bounds(el) {
        let same = match di.kind {
            DomKind::Integer { lb, ub } => parse_int(l) == Some(lb) && parse_int(u) == Some(ub),
            DomKind::Real { lb, ub } => parse_f64(l) == Some(lb) && parse_f64(u) == Some(ub),
            DomKind::Discrete { .. } => true,
        };
        if !same {
            return Err(src.mismatch(
                Some(bpos),
                domain_file,
                format!(
                    "issue `{}` has bounds [{l}, {u}] in the profile, not the domain's",
                    di.name
                ),
                "give the profile that belongs to this domain",
            ));
        }
    }
    let xs: Vec<f64> = di
        .issue
        .options
        .iter()
        .map(|o| o.value.unwrap_or(0.0))
        .collect();
    let Some(ev) = el.child("evaluator") else {
        // No evaluator: Genius's integer evaluator is then 0 everywhere.
        return Ok(vec![0.0; xs.len()]);
    };
    let lin = read_evaluator(src, ev, &di.name)?;
    let lb = match di.kind {
        DomKind::Integer { lb, .. } => lb as f64,
        DomKind::Real { lb, .. } => lb,
        DomKind::Discrete { .. } => 0.0,
    };
    Ok(linear_values(&lin, lb, xs.into_iter()))
}

fn read_weights(src: &Src, obj: &Elem, dom: &Domain) -> Result<Vec<f64>, GeniusError> {
    let mut weights: Vec<Option<f64>> = vec![None; dom.issues.len()];
    for w in obj.children_named("weight") {
        let Some(ix) = w.attr("index") else {
            return Err(src.invalid(
                Some(w.pos),
                "an `index` attribute on <weight>",
                "none",
                "weights are <weight index=\"issue index\" value=\"…\"/>",
            ));
        };
        let Ok(ix) = ix.trim().parse::<i64>() else {
            return Err(src.invalid(
                Some(w.pos),
                "an integer `index` on <weight>",
                format!("index=\"{ix}\""),
                "weights are matched to issues by their index attribute",
            ));
        };
        let (value, raw) = value_of(src, w, "issue weight")?;
        if value < 0.0 {
            return Err(src.invalid(
                Some(w.pos),
                "a weight ≥ 0",
                raw,
                "Genius weights are non-negative",
            ));
        }
        let Some(k) = dom.issues.iter().position(|i| i.index == ix) else {
            if ix == 0 {
                // A weight on the root objective carries no meaning for utilities.
                continue;
            }
            return Err(src.invalid(
                Some(w.pos),
                "a weight for an issue of the domain",
                format!("a weight for index {ix}, which no issue has"),
                "weights are matched to issues by their index attribute",
            ));
        };
        if weights[k].is_some() {
            return Err(src.invalid(
                Some(w.pos),
                "one weight per issue",
                format!("two weights for index {ix}"),
                "remove the duplicate <weight>",
            ));
        }
        weights[k] = Some(value);
    }
    let weights: Vec<f64> = weights.into_iter().map(|w| w.unwrap_or(0.0)).collect();
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        return Err(src.invalid(
            Some(obj.pos),
            "issue weights with a positive sum",
            if obj.child("weight").is_none() {
                "no <weight> element".to_string()
            } else {
                format!("weights summing to {sum}")
            },
            "an additive Genius profile has <weight index=\"i\" value=\"…\"/> for its issues inside <objective>",
        ));
    }
    Ok(weights.iter().map(|w| w / sum).collect())
}

/// A nonlinear (hyperRectangle) profile as interactions on a zero additive part.
fn nonlinear_profile(
    src: &Src,
    utility: &Elem,
    dom: &Domain,
) -> Result<Vec<Interaction>, GeniusError> {
    let max = match utility.attr("maxutility").and_then(parse_f64) {
        Some(m) if m > 0.0 => m,
        _ => {
            return Err(src.invalid(
                Some(utility.pos),
                "a positive `maxutility` attribute on <utility>",
                utility
                    .attr("maxutility")
                    .map_or("none".to_string(), |s| format!("`{s}`")),
                "Genius divides the summed rectangle utilities by maxutility",
            ))
        }
    };
    let ufuns: Vec<&Elem> = utility.children_named("ufun").collect();
    let [ufun] = ufuns.as_slice() else {
        return Err(src.unsupported(
            Some(utility.pos),
            format!("{} <ufun> elements in <utility>", ufuns.len()),
            "accord imports a nonlinear profile with exactly one <ufun aggregation=\"sum\">",
        ));
    };
    let agg = ufun.attr("aggregation").unwrap_or("sum").trim();
    let weight = ufun.attr("weight").map_or(Some(1.0), parse_f64);
    if !agg.eq_ignore_ascii_case("sum") || weight != Some(1.0) || ufun.child("ufun").is_some() {
        return Err(src.unsupported(
            Some(ufun.pos),
            "a <ufun> that is not a plain sum (aggregation other than sum, a weight other than 1, or nested ufuns)",
            "accord imports nonlinear profiles whose utility is a plain sum of hyperRectangles",
        ));
    }
    let mut out = Vec::new();
    for rect in ufun.children_named("hyperRectangle") {
        if let Some(ex) = rect.child("EXCLUDES") {
            return Err(src.unsupported(
                Some(ex.pos),
                "an EXCLUDES hyperRectangle",
                "only INCLUDES rectangles can be imported",
            ));
        }
        let u = rect.attr("utility").and_then(parse_f64).ok_or_else(|| {
            src.invalid(
                Some(rect.pos),
                "a numeric `utility` on <hyperRectangle>",
                rect.attr("utility").unwrap_or("none"),
                "each rectangle adds its utility when the bid lies inside it",
            )
        })?;
        let w = match rect.attr("weight") {
            None => 1.0,
            Some(s) => parse_f64(s).ok_or_else(|| {
                src.invalid(
                    Some(rect.pos),
                    "a numeric `weight` on <hyperRectangle>",
                    format!("`{s}`"),
                    "remove the weight or make it a number",
                )
            })?,
        };
        let mut clauses: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut empty = false;
        for inc in rect.children_named("INCLUDES") {
            let bad = |what: &str| {
                src.invalid(
                    Some(inc.pos),
                    "INCLUDES with integer index, min and max",
                    what.to_string(),
                    "write <INCLUDES index=\"issue index\" min=\"…\" max=\"…\"/>",
                )
            };
            let ix = inc
                .attr("index")
                .and_then(|s| s.trim().parse::<i64>().ok())
                .ok_or_else(|| bad("a missing or non-integer index"))?;
            let lo = inc
                .attr("min")
                .and_then(parse_int)
                .ok_or_else(|| bad("a missing or non-integer min"))?;
            let hi = inc
                .attr("max")
                .and_then(parse_int)
                .ok_or_else(|| bad("a missing or non-integer max"))?;
            let Some(k) = dom.issues.iter().position(|i| i.index == ix) else {
                return Err(bad(&format!("index {ix}, which no issue has")));
            };
            if !matches!(dom.issues[k].kind, DomKind::Integer { .. }) {
                return Err(src.unsupported(
                    Some(inc.pos),
                    format!(
                        "a hyperRectangle bound on the non-integer issue `{}`",
                        dom.issues[k].name
                    ),
                    "Genius's hyperRectangles apply to integer issues only",
                ));
            }
            let allowed: Vec<usize> = dom.issues[k]
                .issue
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.value.is_some_and(|v| v >= lo as f64 && v <= hi as f64))
                .map(|(j, _)| j)
                .collect();
            if allowed.is_empty() {
                empty = true;
            }
            if let Some(c) = clauses.iter_mut().find(|(i, _)| *i == k) {
                c.1.retain(|j| allowed.contains(j));
                if c.1.is_empty() {
                    empty = true;
                }
            } else {
                clauses.push((k, allowed));
            }
        }
        if empty {
            // A rectangle no bid lies in adds nothing.
            continue;
        }
        if clauses.is_empty() {
            // No bound: every bid lies inside.
            clauses.push((0, (0..dom.issues[0].issue.options.len()).collect()));
        }
        clauses.sort_by_key(|(i, _)| *i);
        out.push(Interaction {
            condition: Condition { clauses },
            bonus: u * w / max,
            reason: Some(format!("Genius hyperRectangle (utility {u})")),
        });
    }
    Ok(out)
}

fn parse_profile(src: &Src, dom: &Domain, domain_file: &str) -> Result<ProfileData, GeniusError> {
    let root = parse_xml(src)?;
    let us = utility_space(src, &root)?;
    let obj = objective(src, us)?;
    let pels = match_issues(src, obj, dom, domain_file)?;

    let reservation = match find_top(us, obj, "reservation") {
        None => 0.0,
        Some(el) => {
            let (r, raw) = value_of(src, el, "reservation value")?;
            if !(0.0..=1.0).contains(&r) {
                return Err(src.invalid(
                    Some(el.pos),
                    "a reservation value in [0,1]",
                    raw,
                    "the reservation value is the utility of no agreement, on the 0–1 scale",
                ));
            }
            r
        }
    };
    let discount = match find_top(us, obj, "discount_factor") {
        None => None,
        Some(el) => Some(value_of(src, el, "discount factor")?.1),
    };

    let nonlinear = obj.child("utility");
    if let Some(utility) = nonlinear {
        let interactions = nonlinear_profile(src, utility, dom)?;
        let n = dom.issues.len();
        return Ok(ProfileData {
            values: dom
                .issues
                .iter()
                .map(|i| vec![0.0; i.issue.options.len()])
                .collect(),
            weights: vec![1.0 / n as f64; n],
            interactions,
            reservation,
            discount,
        });
    }
    if us
        .attr("type")
        .map(|t| t.trim().eq_ignore_ascii_case("nonlinear"))
        == Some(true)
    {
        return Err(src.invalid(
            Some(obj.pos),
            "a <utility maxutility=…> element in a nonlinear utility space",
            "none",
            "a nonlinear Genius profile lists its hyperRectangles inside <utility><ufun>",
        ));
    }

    let mut values = Vec::with_capacity(dom.issues.len());
    for (di, el) in dom.issues.iter().zip(&pels) {
        let v = match &di.kind {
            DomKind::Discrete { labels } => {
                discrete_values(src, el, labels, &di.name, domain_file)?
            }
            DomKind::Integer { .. } | DomKind::Real { .. } => {
                numeric_values(src, el, di, domain_file)?
            }
        };
        values.push(v);
    }
    let weights = read_weights(src, obj, dom)?;
    Ok(ProfileData {
        values,
        weights,
        interactions: Vec::new(),
        reservation,
        discount,
    })
}

fn make_party(stem: &str, used: &mut HashSet<String>, data: &ProfileData) -> Party {
    let mut metadata = Vec::new();
    if let Some(d) = &data.discount {
        metadata.push(("discount_factor".to_string(), d.clone()));
    }
    Party {
        id: unique(sanitize(stem), used),
        name: stem.to_string(),
        role: Role::Principal,
        veto: true,
        reservation: data.reservation,
        notes: None,
        metadata,
        pressure: None,
        ratification: None,
    }
}

fn finish(
    name: String,
    description: String,
    files: String,
    issues: Vec<Issue>,
    parties: Vec<Party>,
    preferences: Vec<Preferences>,
) -> Result<Scenario, GeniusError> {
    let s = Scenario {
        name,
        description: Some(description),
        tolerance: DEFAULT_TOLERANCE,
        parties,
        issues,
        preferences,
        deals: Vec::new(),
        budget: None,
        cost_unit: None,
        uncertainty: Default::default(),
    };
    s.validate().map_err(|source| GeniusError::Scenario {
        files,
        source: Box::new(source),
    })?;
    Ok(s)
}

/// Imports a Genius XML domain and its utility-space (profile) files, one party per profile.
///
/// See the module documentation and `docs/genius.md` for the semantics.
///
/// # Errors
///
/// [`GeniusError`] for malformed XML (with line and column), missing or
/// invalid elements, a profile that does not match the domain, unsupported
/// constructs, numeric issues over [`MAX_NUMERIC_OPTIONS`] values, bad options,
/// or an imported scenario that fails [`Scenario::validate`].
pub fn import_genius(
    domain: &SourceFile,
    profiles: &[SourceFile],
    opts: &ImportOptions,
) -> Result<Scenario, GeniusError> {
    check_opts(opts)?;
    if profiles.is_empty() {
        return Err(GeniusError::NoProfiles);
    }
    let dsrc = Src::new(domain);
    let dom = parse_domain(&dsrc, opts)?;
    let mut parties = Vec::with_capacity(profiles.len());
    let mut preferences = Vec::with_capacity(profiles.len());
    let mut used = HashSet::new();
    for pf in profiles {
        let src = Src::new(pf);
        let data = parse_profile(&src, &dom, domain.name)?;
        parties.push(make_party(pf.stem, &mut used, &data));
        preferences.push(Preferences {
            weights: data.weights,
            values: data.values,
            red_lines: Vec::new(),
            interactions: data.interactions,
        });
    }
    let files = std::iter::once(domain.name)
        .chain(profiles.iter().map(|p| p.name))
        .collect::<Vec<_>>()
        .join(", ");
    let name = dom.name.clone().unwrap_or_else(|| domain.stem.to_string());
    let issues = dom.issues.into_iter().map(|d| d.issue).collect();
    finish(
        name,
        format!("Imported from Genius: {files}"),
        files,
        issues,
        parties,
        preferences,
    )
}

// ---------------------------------------------------------------------------
// GeniusWeb JSON

/// Approximate location of a JSON key path: each key is searched (as `"key"`)
/// after the previous one.
fn json_locate(text: &str, path: &[&str]) -> Option<usize> {
    let mut from = 0usize;
    let mut found = None;
    for key in path {
        let needle = format!("\"{key}\"");
        let rest = text.get(from..)?;
        let i = rest.find(&needle)?;
        found = Some(from + i);
        from += i + needle.len();
    }
    found
}

fn json_num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        Value::String(s) => parse_f64(s),
        _ => None,
    }
}

/// A JSON value for a message, cut to about 60 characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn json_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A GeniusWeb issue's value set.
enum GwValues {
    Discrete(Vec<String>),
    Number(Vec<f64>),
}

/// How one issue is evaluated in a GeniusWeb profile.
enum GwUtil {
    Discrete(Map<String, Value>),
    Number {
        low_v: f64,
        low_u: f64,
        high_v: f64,
        high_u: f64,
    },
}

impl GwUtil {
    fn eval_discrete(&self, label: &str) -> f64 {
        match self {
            GwUtil::Discrete(m) => clamp01(m.get(label).and_then(json_num).unwrap_or(0.0)),
            GwUtil::Number { .. } => label
                .trim()
                .parse::<f64>()
                .map_or(0.0, |x| self.eval_number(x)),
        }
    }

    fn eval_number(&self, x: f64) -> f64 {
        match self {
            GwUtil::Number {
                low_v,
                low_u,
                high_v,
                high_u,
            } => {
                if x < *low_v || x > *high_v {
                    0.0
                } else {
                    clamp01(low_u + (high_u - low_u) * (x - low_v) / (high_v - low_v))
                }
            }
            GwUtil::Discrete(m) => {
                // A number looked up among discrete values, by its text.
                clamp01(m.get(&fmt_num(x)).and_then(json_num).unwrap_or(0.0))
            }
        }
    }

    fn eval(&self, v: &Value) -> f64 {
        match (self, v) {
            (GwUtil::Number { .. }, _) => json_num(v).map_or(0.0, |x| self.eval_number(x)),
            (GwUtil::Discrete(_), _) => json_str(v).map_or(0.0, |s| self.eval_discrete(&s)),
        }
    }
}

fn gw_domain_issues(
    src: &Src,
    domain: &Map<String, Value>,
) -> Result<Vec<(String, GwValues, usize)>, GeniusError> {
    let Some(Value::Object(iv)) = domain.get("issuesValues") else {
        return Err(src.invalid(
            json_locate(src.text, &["domain"]),
            "an object `issuesValues` in `domain`",
            "none",
            "a GeniusWeb domain is {\"name\": …, \"issuesValues\": {\"issue\": {\"values\": […]}}}",
        ));
    };
    let mut out = Vec::new();
    for (name, set) in iv {
        let pos = json_locate(src.text, &["issuesValues", name]);
        let values = match set {
            Value::Object(o) if o.contains_key("values") => {
                let Some(Value::Array(vals)) = o.get("values") else {
                    return Err(src.invalid(
                        pos,
                        format!("an array `values` for issue `{name}`"),
                        "something else",
                        "discrete value sets are {\"values\": [\"a\", \"b\"]}",
                    ));
                };
                let mut labels = Vec::with_capacity(vals.len());
                for v in vals {
                    labels.push(json_str(v).ok_or_else(|| {
                        src.invalid(
                            pos,
                            format!("string values for issue `{name}`"),
                            short(v),
                            "discrete values are strings",
                        )
                    })?);
                }
                if labels.is_empty() {
                    return Err(src.invalid(
                        pos,
                        format!("at least one value for issue `{name}`"),
                        "none",
                        "list the issue's values",
                    ));
                }
                GwValues::Discrete(labels)
            }
            Value::Object(o) if o.contains_key("range") => {
                let r = o.get("range").and_then(Value::as_object);
                let get = |k: &str| r.and_then(|r| r.get(k)).and_then(json_num);
                let (Some(low), Some(high), Some(step)) = (get("low"), get("high"), get("step"))
                else {
                    return Err(src.invalid(
                        pos,
                        format!("numbers low, high and step in the range of issue `{name}`"),
                        "an incomplete range",
                        "number value sets are {\"range\": {\"low\": 0, \"high\": 10, \"step\": 1}}",
                    ));
                };
                if step <= 0.0 || high < low {
                    return Err(src.invalid(
                        pos,
                        format!("a range with low ≤ high and step > 0 for issue `{name}`"),
                        format!("low {low}, high {high}, step {step}"),
                        "fix the range",
                    ));
                }
                let n = ((high - low) / step + 1e-9).floor() + 1.0;
                if n > MAX_NUMERIC_OPTIONS as f64 {
                    return Err(src.too_large(pos, name, n as u128));
                }
                let n = n as usize;
                GwValues::Number((0..n).map(|k| round12(low + step * k as f64)).collect())
            }
            other => {
                return Err(src.invalid(
                    pos,
                    format!(
                        "a value set {{\"values\": […]}} or {{\"range\": …}} for issue `{name}`"
                    ),
                    short(other),
                    "see the GeniusWeb domain format",
                ))
            }
        };
        out.push((name.clone(), values, pos.unwrap_or(0)));
    }
    if out.is_empty() {
        return Err(src.invalid(
            json_locate(src.text, &["issuesValues"]),
            "at least one issue in `issuesValues`",
            "none",
            "a domain needs issues",
        ));
    }
    Ok(out)
}

fn gw_issue(name: &str, values: &GwValues, used_ids: &mut HashSet<String>) -> Issue {
    let id = unique(sanitize(name), used_ids);
    match values {
        GwValues::Discrete(labels) => {
            let mut used = HashSet::new();
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind: IssueKind::Discrete,
                options: labels
                    .iter()
                    .map(|l| OptionDef {
                        id: unique(sanitize(l), &mut used),
                        label: l.clone(),
                        description: None,
                        position: None,
                        value: None,
                    })
                    .collect(),
                cost: None,
            }
        }
        GwValues::Number(xs) => {
            let integral = xs.iter().all(|x| x.fract() == 0.0 && x.abs() < 9.0e15);
            let first = xs.first().copied().unwrap_or(0.0);
            let last = xs.last().copied().unwrap_or(first);
            let step = if xs.len() > 1 { xs[1] - xs[0] } else { 1.0 };
            let kind = if integral && step.fract() == 0.0 {
                IssueKind::Integer {
                    min: first as i64,
                    max: last as i64,
                    step: (step as i64).max(1),
                    unit: None,
                }
            } else {
                IssueKind::Real {
                    min: first,
                    max: last,
                    step,
                    unit: None,
                }
            };
            let mut used = HashSet::new();
            Issue {
                id,
                name: name.to_string(),
                description: None,
                kind,
                options: xs
                    .iter()
                    .map(|&x| {
                        let s = fmt_num(x);
                        OptionDef {
                            id: unique(s.clone(), &mut used),
                            label: s,
                            description: None,
                            position: None,
                            value: Some(x),
                        }
                    })
                    .collect(),
                cost: None,
            }
        }
    }
}

fn gw_util(src: &Src, issue: &str, v: &Value) -> Result<GwUtil, GeniusError> {
    let pos = json_locate(src.text, &["issueUtilities", issue]);
    let obj = v.as_object();
    let get = |k: &str| obj.and_then(|o| o.get(k)).and_then(Value::as_object);
    if let Some(d) = get("discreteutils").or_else(|| get("DiscreteValueSetUtilities")) {
        let Some(Value::Object(vu)) = d.get("valueUtilities") else {
            return Err(src.invalid(
                pos,
                format!("an object `valueUtilities` for issue `{issue}`"),
                "none",
                "discrete utilities are {\"discreteutils\": {\"valueUtilities\": {\"value\": 0.5}}}",
            ));
        };
        for (k, u) in vu {
            if json_num(u).is_none() {
                return Err(src.invalid(
                    json_locate(src.text, &["issueUtilities", issue, k]),
                    format!("a number as utility of `{k}` (issue `{issue}`)"),
                    short(u),
                    "value utilities are numbers in [0,1]",
                ));
            }
        }
        return Ok(GwUtil::Discrete(vu.clone()));
    }
    if let Some(n) = get("numberutils").or_else(|| get("NumberValueSetUtilities")) {
        let g = |k: &str| n.get(k).and_then(json_num);
        let (Some(low_v), Some(low_u), Some(high_v), Some(high_u)) = (
            g("lowValue"),
            g("lowUtility"),
            g("highValue"),
            g("highUtility"),
        ) else {
            return Err(src.invalid(
                pos,
                format!("lowValue, lowUtility, highValue and highUtility for issue `{issue}`"),
                "an incomplete numberutils",
                "number utilities interpolate linearly between (lowValue, lowUtility) and (highValue, highUtility)",
            ));
        };
        if high_v <= low_v {
            return Err(src.invalid(
                pos,
                format!("highValue > lowValue for issue `{issue}`"),
                format!("lowValue {low_v}, highValue {high_v}"),
                "fix the numberutils bounds",
            ));
        }
        return Ok(GwUtil::Number {
            low_v,
            low_u,
            high_v,
            high_u,
        });
    }
    Err(src.unsupported(
        pos,
        format!("the utilities of issue `{issue}` ({})", short(v)),
        "accord imports discreteutils and numberutils value-set utilities",
    ))
}

/// Imports GeniusWeb `LinearAdditiveUtilitySpace` profiles (JSON), one party per profile.
///
/// The domain is the one embedded in the first profile; the others must embed
/// the same. Discrete value utilities are used as given, clamped to \[0,1\] and
/// not renormalised: GeniusWeb's `DiscreteValueSetUtilities` requires them in
/// \[0,1\] and uses them as they are (its utility is Σ weight·utility), so no
/// division by the maximum is done, unlike Genius XML. A value without a
/// utility counts 0, as in GeniusWeb. `numberutils` interpolate linearly between
/// (lowValue, lowUtility) and (highValue, highUtility), 0 outside, clamped.
/// Weights are divided by their sum (GeniusWeb requires them to sum to 1).
/// Numeric value sets (`range` with `low`, `high`, `step`) use their own step,
/// not [`ImportOptions::real_steps`]. The reservation bid's utility under the
/// profile is the reservation value (0 without a reservation bid).
///
/// # Errors
///
/// [`GeniusError::Json`] with line and column for malformed JSON, and the
/// other variants for a missing or invalid part, a domain that differs from
/// the first profile's, or an imported scenario that fails [`Scenario::validate`].
pub fn import_geniusweb(
    profiles: &[SourceFile],
    opts: &ImportOptions,
) -> Result<Scenario, GeniusError> {
    check_opts(opts)?;
    let Some(first) = profiles.first() else {
        return Err(GeniusError::NoProfiles);
    };
    let mut first_domain: Option<Value> = None;
    let mut domain_name = String::new();
    let mut issues: Vec<Issue> = Vec::new();
    let mut parties = Vec::with_capacity(profiles.len());
    let mut preferences = Vec::with_capacity(profiles.len());
    let mut used = HashSet::new();
    for pf in profiles {
        let src = Src::new(pf);
        let root: Value = serde_json::from_str(src.text).map_err(|e| GeniusError::Json {
            file: src.name.to_string(),
            location: Location {
                line: e.line().max(1),
                column: e.column().max(1),
            },
            message: e.to_string(),
        })?;
        let Some(root) = root.as_object() else {
            return Err(src.invalid(
                Some(0),
                "a JSON object {\"LinearAdditiveUtilitySpace\": …}",
                "another JSON value",
                "give a GeniusWeb profile file",
            ));
        };
        let Some(Value::Object(las)) = root.get("LinearAdditiveUtilitySpace") else {
            let found = root
                .keys()
                .next()
                .cloned()
                .unwrap_or_else(|| "an empty object".into());
            return Err(src.unsupported(
                Some(0),
                format!("a profile of type `{found}`"),
                "accord imports GeniusWeb LinearAdditiveUtilitySpace profiles",
            ));
        };
        let Some(Value::Object(domain)) = las.get("domain") else {
            return Err(src.invalid(
                Some(0),
                "an object `domain` in the profile",
                "none",
                "GeniusWeb profiles embed their domain",
            ));
        };
        let dom_issues = gw_domain_issues(&src, domain)?;
        match &first_domain {
            None => {
                first_domain = Some(Value::Object(domain.clone()));
                domain_name = domain
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| first.stem.to_string());
                let mut used_ids = HashSet::new();
                issues = dom_issues
                    .iter()
                    .map(|(n, v, _)| gw_issue(n, v, &mut used_ids))
                    .collect();
            }
            Some(fd) => {
                let same_values = fd.get("issuesValues") == domain.get("issuesValues");
                let same_order = fd
                    .get("issuesValues")
                    .and_then(Value::as_object)
                    .map(|m| m.keys().eq(dom_issues.iter().map(|(n, _, _)| n)))
                    .unwrap_or(false);
                if !(same_values && same_order) {
                    return Err(src.mismatch(
                        json_locate(src.text, &["domain"]),
                        first.name,
                        "its embedded domain has other issues or values",
                        "give profiles of the same domain",
                    ));
                }
            }
        }
        // Utilities per issue, in domain order.
        let Some(Value::Object(iu)) = las.get("issueUtilities") else {
            return Err(src.invalid(
                Some(0),
                "an object `issueUtilities`",
                "none",
                "a LinearAdditiveUtilitySpace has issueUtilities, issueWeights and domain",
            ));
        };
        let Some(Value::Object(iw)) = las.get("issueWeights") else {
            return Err(src.invalid(
                Some(0),
                "an object `issueWeights`",
                "none",
                "a LinearAdditiveUtilitySpace has issueUtilities, issueWeights and domain",
            ));
        };
        let extra = iu
            .keys()
            .map(|k| (k, "issueUtilities", "utilities"))
            .chain(iw.keys().map(|k| (k, "issueWeights", "a weight")));
        for (k, map, what) in extra {
            if !issues.iter().any(|i| &i.name == k) {
                return Err(src.mismatch(
                    json_locate(src.text, &[map, k]),
                    first.name,
                    format!("{what} for `{k}`, which is not an issue of the domain"),
                    "remove the entry or fix the issue name",
                ));
            }
        }
        let mut utils = Vec::with_capacity(issues.len());
        let mut raw_w = Vec::with_capacity(issues.len());
        for issue in &issues {
            let Some(u) = iu.get(&issue.name) else {
                return Err(src.invalid(
                    json_locate(src.text, &["issueUtilities"]),
                    format!("utilities for issue `{}`", issue.name),
                    "none",
                    "every issue of the domain needs an entry in issueUtilities",
                ));
            };
            utils.push(gw_util(&src, &issue.name, u)?);
            let w = iw.get(&issue.name).and_then(json_num);
            match w {
                Some(w) if w >= 0.0 => raw_w.push(w),
                _ => {
                    return Err(src.invalid(
                        json_locate(src.text, &["issueWeights"]),
                        format!("a weight ≥ 0 for issue `{}`", issue.name),
                        iw.get(&issue.name)
                            .map_or("none".to_string(), |v| v.to_string()),
                        "every issue of the domain needs a weight in issueWeights",
                    ))
                }
            }
        }
        let sum: f64 = raw_w.iter().sum();
        if sum <= 0.0 || !sum.is_finite() {
            return Err(src.invalid(
                json_locate(src.text, &["issueWeights"]),
                "issue weights with a positive sum",
                format!("weights summing to {sum}"),
                "GeniusWeb weights sum to 1",
            ));
        }
        let weights: Vec<f64> = raw_w.iter().map(|w| w / sum).collect();
        let values: Vec<Vec<f64>> = issues
            .iter()
            .zip(&utils)
            .map(|(issue, u)| {
                issue
                    .options
                    .iter()
                    .map(|o| match o.value {
                        Some(x) => u.eval_number(x),
                        None => u.eval_discrete(&o.label),
                    })
                    .collect()
            })
            .collect();
        let reservation = match las.get("reservationBid") {
            None | Some(Value::Null) => 0.0,
            Some(Value::Object(bid)) => {
                let iv = match bid.get("issuevalues") {
                    Some(Value::Object(iv)) => iv,
                    _ => {
                        return Err(src.invalid(
                            json_locate(src.text, &["reservationBid"]),
                            "an object `issuevalues` in `reservationBid`",
                            "none",
                            "a bid is {\"issuevalues\": {\"issue\": value}}",
                        ))
                    }
                };
                for k in iv.keys() {
                    if !issues.iter().any(|i| &i.name == k) {
                        return Err(src.mismatch(
                            json_locate(src.text, &["reservationBid", k]),
                            first.name,
                            format!("the reservation bid sets `{k}`, which is not an issue"),
                            "fix the reservation bid",
                        ));
                    }
                }
                let u: f64 = issues
                    .iter()
                    .zip(&utils)
                    .zip(&weights)
                    .map(|((issue, ut), w)| iv.get(&issue.name).map_or(0.0, |v| w * ut.eval(v)))
                    .sum();
                clamp01(u)
            }
            Some(other) => {
                return Err(src.invalid(
                    json_locate(src.text, &["reservationBid"]),
                    "a bid object or null as `reservationBid`",
                    short(other),
                    "a bid is {\"issuevalues\": {\"issue\": value}}",
                ))
            }
        };
        let data = ProfileData {
            values,
            weights,
            interactions: Vec::new(),
            reservation,
            discount: None,
        };
        parties.push(make_party(pf.stem, &mut used, &data));
        preferences.push(Preferences {
            weights: data.weights,
            values: data.values,
            red_lines: Vec::new(),
            interactions: Vec::new(),
        });
    }
    let files = profiles
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ");
    finish(
        domain_name,
        format!("Imported from Genius: {files}"),
        files,
        issues,
        parties,
        preferences,
    )
}

// ---------------------------------------------------------------------------
// Export

/// `s` escaped for a double-quoted XML attribute: `<`, `>`, `&` by quick-xml,
/// then `"` and the whitespace characters an XML parser would otherwise turn
/// into spaces. Apostrophes are left as they are (Genius files write them raw).
fn attr_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in partial_escape(s).chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// Exports a scenario as Genius XML: a domain file and one additive utility-space file per party.
///
/// Every issue is written as a discrete issue (numeric issues list their option
/// ids as values). For each party and issue the evaluations are value / (largest
/// value) and the weight is weight·(largest value), so that Genius's division by
/// the largest evaluation gives back the same utilities; when those weights do
/// not sum to 1 (some weighted issue has no option valued 1) they are scaled to
/// sum to 1, which multiplies the party's utilities (and its reservation value,
/// to keep acceptability) by a factor that is reported in a warning. Red lines
/// and interactions are dropped with a warning per party; parties that are not
/// principals are exported anyway, with a warning.
///
/// # Errors
///
/// [`GeniusError::Export`] when the scenario fails [`Scenario::validate`].
pub fn export_genius(s: &Scenario) -> Result<GeniusExport, GeniusError> {
    s.validate().map_err(|e| GeniusError::Export {
        message: e.to_string(),
    })?;
    let mut warnings = Vec::new();

    // Item values per issue: labels (discrete) or ids (numeric), made unique.
    let mut item_values: Vec<Vec<String>> = Vec::with_capacity(s.issues.len());
    for issue in &s.issues {
        let mut used = HashSet::new();
        let mut renamed = false;
        let vals: Vec<String> = issue
            .options
            .iter()
            .map(|o| {
                let base = if issue.kind.is_numeric() {
                    o.id.clone()
                } else {
                    o.label.clone()
                };
                if used.insert(base.clone()) {
                    return base;
                }
                renamed = true;
                let mut n = 2usize;
                loop {
                    let c = format!("{base} ({n})");
                    if used.insert(c.clone()) {
                        return c;
                    }
                    n += 1;
                }
            })
            .collect();
        if renamed {
            warnings.push(format!(
                "issue `{}`: some options share a label; the duplicates are exported with a numbered suffix",
                issue.id
            ));
        }
        item_values.push(vals);
    }

    let n = s.issues.len();
    let name = attr_escape(&s.name);
    let issue_open = |i: usize, issue: &Issue| {
        format!(
            "    <issue index=\"{}\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" name=\"{}\">\n",
            i + 1,
            attr_escape(&issue.name)
        )
    };

    let mut domain = String::new();
    domain.push_str("<negotiation_template>\n");
    domain.push_str(&format!("<utility_space number_of_issues=\"{n}\">\n"));
    domain.push_str(&format!(
        "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"{name}\">\n"
    ));
    for (i, issue) in s.issues.iter().enumerate() {
        domain.push_str(&issue_open(i, issue));
        for (k, v) in item_values[i].iter().enumerate() {
            domain.push_str(&format!(
                "      <item index=\"{}\" value=\"{}\"/>\n",
                k + 1,
                attr_escape(v)
            ));
        }
        domain.push_str("    </issue>\n");
    }
    domain.push_str("  </objective>\n</utility_space>\n</negotiation_template>\n");

    let mut profiles = Vec::with_capacity(s.parties.len());
    for (p, party) in s.parties.iter().enumerate() {
        let prefs = &s.preferences[p];
        let maxes: Vec<f64> = prefs
            .values
            .iter()
            .map(|vs| vs.iter().copied().fold(0.0f64, f64::max))
            .collect();
        let mut raw: Vec<f64> = prefs
            .weights
            .iter()
            .zip(&maxes)
            .map(|(w, m)| w * m)
            .collect();
        // Issues whose values are all 0 contribute nothing whatever their
        // weight: they take up the slack so that the weights sum to 1.
        let zero_issues = maxes.iter().filter(|m| **m <= 0.0).count();
        let sum: f64 = raw.iter().sum();
        if zero_issues > 0 && sum < 1.0 {
            let share = (1.0 - sum) / zero_issues as f64;
            for (w, m) in raw.iter_mut().zip(&maxes) {
                if *m <= 0.0 {
                    *w = share;
                }
            }
        }
        let sum: f64 = raw.iter().sum();
        let mut reservation = party.reservation;
        let weights = if (sum - 1.0).abs() > 1e-12 {
            let factor = 1.0 / sum;
            let scaled = party.reservation * factor;
            reservation = scaled.min(1.0);
            warnings.push(format!(
                "party `{}`: no option of some weighted issue is valued 1, so Genius's normalisation rescales this party's utilities (and reservation value) by factor {factor}{}",
                party.id,
                if scaled > 1.0 {
                    format!("; the rescaled reservation value {scaled} is capped at 1")
                } else {
                    String::new()
                }
            ));
            raw.iter().map(|w| w / sum).collect()
        } else {
            raw
        };
        let evals: Vec<Vec<f64>> = prefs
            .values
            .iter()
            .zip(&maxes)
            .map(|(vs, m)| {
                if *m > 0.0 {
                    vs.iter().map(|v| v / m).collect()
                } else {
                    vec![0.0; vs.len()]
                }
            })
            .collect();
        if !prefs.red_lines.is_empty() || !prefs.interactions.is_empty() {
            warnings.push(format!(
                "party `{}`: dropped {} red line(s) and {} interaction(s), which Genius cannot express",
                party.id,
                prefs.red_lines.len(),
                prefs.interactions.len()
            ));
        }
        if party.role != Role::Principal || !party.veto {
            warnings.push(format!(
                "party `{}`: Genius has no roles or veto flags; it is exported as an ordinary profile (re-imported as a principal with a veto)",
                party.id
            ));
        }
        let mut x = String::new();
        x.push_str(&format!(
            "<utility_space type=\"additive\" number_of_issues=\"{n}\">\n"
        ));
        x.push_str(&format!(
            "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"{name}\">\n"
        ));
        for (i, issue) in s.issues.iter().enumerate() {
            x.push_str(&issue_open(i, issue));
            for (k, v) in item_values[i].iter().enumerate() {
                x.push_str(&format!(
                    "      <item index=\"{}\" value=\"{}\" evaluation=\"{}\"/>\n",
                    k + 1,
                    attr_escape(v),
                    evals[i][k]
                ));
            }
            x.push_str("    </issue>\n");
        }
        for (i, w) in weights.iter().enumerate() {
            x.push_str(&format!(
                "    <weight index=\"{}\" value=\"{w}\"/>\n",
                i + 1
            ));
        }
        x.push_str("  </objective>\n");
        x.push_str(&format!("  <reservation value=\"{reservation}\"/>\n"));
        if let Some((_, d)) = party.metadata.iter().find(|(k, _)| k == "discount_factor") {
            x.push_str(&format!(
                "  <discount_factor value=\"{}\"/>\n",
                attr_escape(d)
            ));
        }
        x.push_str("</utility_space>\n");
        profiles.push((party.id.clone(), x));
    }
    Ok(GeniusExport {
        domain,
        profiles,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_chars() {
        let t = "ab\ncdé\nx";
        assert_eq!(location_of(t, 0), Location { line: 1, column: 1 });
        assert_eq!(location_of(t, 3), Location { line: 2, column: 1 });
        assert_eq!(location_of(t, 7), Location { line: 2, column: 4 });
        // inside the two-byte é: moved back to its start
        assert_eq!(location_of(t, 6), Location { line: 2, column: 3 });
        assert_eq!(location_of(t, 100), Location { line: 3, column: 2 });
    }

    #[test]
    fn sanitize_and_unique() {
        assert_eq!(sanitize("60 Gb"), "60_Gb");
        assert_eq!(sanitize("a.b-c_d"), "a.b-c_d");
        assert_eq!(sanitize(""), "_");
        assert_eq!(sanitize("é"), "_");
        let mut used = HashSet::new();
        assert_eq!(unique("x".into(), &mut used), "x");
        assert_eq!(unique("x".into(), &mut used), "x_2");
        assert_eq!(unique("x".into(), &mut used), "x_3");
    }

    #[test]
    fn grid_and_formatting() {
        assert_eq!(real_grid(10.0, 40.0, 3), vec![10.0, 20.0, 30.0, 40.0]);
        assert_eq!(fmt_num(round12(1.0 / 3.0)), "0.333333333333");
        assert_eq!(fmt_num(round12(0.1 + 0.2)), "0.3");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(real_grid(5.0, 5.0, 10), vec![5.0]);
    }
}
