//! A format-neutral document tree with byte spans, built from TOML, YAML or
//! JSON, so that every later error can point at the exact place in the file.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// A map key with its span.
#[derive(Debug, Clone)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Where the key is.
    pub span: Range<usize>,
}

/// A value of the document.
#[derive(Debug, Clone)]
pub enum Value {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// Null (YAML `~`, JSON `null`).
    Null,
    /// An array.
    Seq(Vec<Node>),
    /// A table / mapping / object, in document order.
    Map(Vec<(Key, Node)>),
    /// Anything else (e.g. a TOML date), by type name.
    Other(&'static str),
}

/// A value with its span (byte offsets into the source text).
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it is.
    pub span: Range<usize>,
}

impl Node {
    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
            Value::Seq(_) => "an array",
            Value::Map(_) => "a table",
            Value::Other(t) => t,
        }
    }

    /// The number held, for integers and floats.
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// A syntax error: message and span.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// What the parser said.
    pub message: String,
    /// Where.
    pub span: Range<usize>,
}

/// Parses TOML.
pub fn from_toml(src: &str) -> Result<Node, SyntaxError> {
    let doc = toml::de::DeTable::parse(src).map_err(|e| SyntaxError {
        message: e.message().trim().to_string(),
        span: e.span().unwrap_or(0..0),
    })?;
    let span = doc.span();
    Ok(Node {
        value: toml_table(doc.get_ref()),
        span,
    })
}

fn toml_table(t: &toml::de::DeTable<'_>) -> Value {
    Value::Map(
        t.iter()
            .map(|(k, v)| {
                (
                    Key {
                        name: k.get_ref().to_string(),
                        span: k.span(),
                    },
                    toml_node(v),
                )
            })
            .collect(),
    )
}

fn toml_node(v: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let value = match v.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(x) => Value::Int(x),
            Err(_) => Value::Other("an integer out of range"),
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(x) => Value::Float(x),
            Err(_) => Value::Other("a malformed number"),
        },
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(_) => Value::Other("a date"),
        DeValue::Array(a) => Value::Seq(a.iter().map(toml_node).collect()),
        DeValue::Table(t) => toml_table(t),
    };
    Node {
        value,
        span: v.span(),
    }
}

/// Byte offset of a 1-based line and 0-based character column.
/// The byte offset of a (1-based line, 0-based column in characters)
/// position as the YAML parser counts them: lines end at LF, CRLF or a lone
/// CR.
fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let b = src.as_bytes();
    let mut start = 0;
    let mut current = 1;
    let mut i = 0;
    while current < line && i < b.len() {
        match b[i] {
            b'\n' => {
                current += 1;
                start = i + 1;
            }
            b'\r' if b.get(i + 1) != Some(&b'\n') => {
                current += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if current < line {
        return src.len();
    }
    src[start..]
        .char_indices()
        .nth(col)
        .map_or(src.len(), |(k, _)| start + k)
}

/// Parses YAML (and, being a superset, JSON).
pub fn from_yaml(src: &str) -> Result<Node, SyntaxError> {
    let docs = MarkedYaml::load_from_str(src).map_err(|e| {
        let m = e.marker();
        let at = offset_of(src, m.line(), m.col());
        SyntaxError {
            message: e.info().to_string(),
            span: at..at,
        }
    })?;
    match docs.into_iter().next() {
        Some(d) => Ok(yaml_node(src, &d)),
        None => Ok(Node {
            value: Value::Map(Vec::new()),
            span: 0..0,
        }),
    }
}

fn yaml_span(src: &str, y: &MarkedYaml<'_>) -> Range<usize> {
    let a = offset_of(src, y.span.start.line(), y.span.start.col());
    let b = offset_of(src, y.span.end.line(), y.span.end.col()).max(a);
    a..b
}

fn yaml_node(src: &str, y: &MarkedYaml<'_>) -> Node {
    let value = match &y.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(s, _, _) => Value::Str(s.to_string()),
        YamlData::Sequence(items) => Value::Seq(items.iter().map(|i| yaml_node(src, i)).collect()),
        YamlData::Mapping(m) => Value::Map(
            m.iter()
                .map(|(k, v)| {
                    let kn = yaml_node(src, k);
                    let name = match kn.value {
                        Value::Str(s) => s,
                        Value::Int(i) => i.to_string(),
                        Value::Float(f) => f.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => String::from("?"),
                    };
                    (
                        Key {
                            name,
                            span: kn.span,
                        },
                        yaml_node(src, v),
                    )
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => return yaml_node(src, inner),
        YamlData::Alias(_) => Value::Other("an alias"),
        YamlData::BadValue => Value::Other("an invalid value"),
    };
    Node {
        value,
        span: yaml_span(src, y),
    }
}

fn scalar(s: &Scalar<'_>) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Int(*i),
        Scalar::FloatingPoint(f) => Value::Float(f.into_inner()),
        Scalar::String(s) => Value::Str(s.to_string()),
    }
}

/// Parses JSON: syntax is checked by serde_json (exact line and column),
/// the spanned tree comes from the YAML parser (JSON is YAML 1.2).
pub fn from_json(src: &str) -> Result<Node, SyntaxError> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(src) {
        // serde_json counts columns in bytes, lines at LF.
        let line_start: usize = src
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let mut at = (line_start + e.column().saturating_sub(1)).min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        let msg = e.to_string();
        let msg = match msg.find(" at line ") {
            Some(k) => msg[..k].to_string(),
            None => msg,
        };
        return Err(SyntaxError {
            message: msg,
            span: at..at,
        });
    }
    from_yaml(src)
}
