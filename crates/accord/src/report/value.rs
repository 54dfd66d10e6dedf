//! The values reports are made of: ids (never indices), options as their id
//! or number, exact counts, and maps keyed by id in scenario order.

use std::sync::Arc;

use num_bigint::BigUint;
use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// An id of a party, issue, option or deal (cheap to clone: frontiers repeat
/// the same ids many times).
pub type Id = Arc<str>;

/// An option as reports show it: its id, or its number for numeric issues
/// (whole numbers as integers).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OptionValue {
    /// A whole number (numeric issues).
    Integer(i64),
    /// A number (numeric issues).
    Number(f64),
    /// An option id (discrete issues).
    Id(Id),
}

impl std::fmt::Display for OptionValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionValue::Integer(x) => write!(f, "{x}"),
            OptionValue::Number(x) => write!(f, "{x}"),
            OptionValue::Id(x) => f.write_str(x),
        }
    }
}

/// Values keyed by id, in scenario order, written as a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T>(pub Vec<(Id, T)>);

impl<T> Keyed<T> {
    /// The value for `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| &**k == id).map(|(_, v)| v)
    }

    /// Entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}

/// A package: one option per issue, keyed by issue id.
pub type Package = Keyed<OptionValue>;

/// A number per party, keyed by party id.
pub type ByParty<T = f64> = Keyed<T>;

/// An exact count of packages (any size), written as a JSON integer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Count(pub BigUint);

impl Count {
    /// The count as a float (infinite past f64's range).
    pub fn to_f64(&self) -> f64 {
        self.0.to_string().parse::<f64>().unwrap_or(f64::INFINITY)
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        // Exact in JSON whatever the size: serde_json's arbitrary precision.
        match self.0.to_string().parse::<serde_json::Number>() {
            Ok(n) => n.serialize(ser),
            Err(_) => ser.serialize_str(&self.0.to_string()),
        }
    }
}

// Reading reports back (the part files of a sharded run). serde_json's
// arbitrary precision (exact counts) rules out serde's buffered forms
// (untagged and internally tagged enums): those read a `serde_json::Value`
// first and decide from it.

impl<'de> Deserialize<'de> for OptionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(OptionValue::Id(Id::from(s.as_str()))),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Ok(OptionValue::Integer(i)),
                None => n
                    .as_f64()
                    .map(OptionValue::Number)
                    .ok_or_else(|| D::Error::custom(format!("option number {n} out of range"))),
            },
            other => Err(D::Error::custom(format!(
                "expected an option id or number, found {other}"
            ))),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = Keyed<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object keyed by id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Keyed<T>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, T>()? {
                    out.push((Id::from(k.as_str()), v));
                }
                Ok(Keyed(out))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s,
            other => return Err(D::Error::custom(format!("expected a count, found {other}"))),
        };
        text.parse::<BigUint>()
            .map(Count)
            .map_err(|_| D::Error::custom(format!("`{text}` is not a count")))
    }
}
