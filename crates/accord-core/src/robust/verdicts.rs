//! What one sample says of each deal, compactly: whether the deal lies in
//! the ZOPA and whether each party accepts it, as bits (a run keeps one
//! such set per sample, a hundred thousand or more).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Per deal: in the ZOPA, then one flag per party; bit `d·(parties+1)`
/// is deal d's ZOPA flag, the next `parties` bits its parties' verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdicts {
    parties: u32,
    deals: u32,
    /// The first 64 bits in place (no allocation for a few deals), the
    /// rest in `more`.
    bits: u64,
    more: Vec<u64>,
}

impl Verdicts {
    /// No deal yet, for `parties` parties.
    pub fn new(parties: usize) -> Verdicts {
        Verdicts {
            parties: parties as u32,
            ..Verdicts::default()
        }
    }

    /// Number of deals.
    pub fn len(&self) -> usize {
        self.deals as usize
    }

    /// Whether there is no deal.
    pub fn is_empty(&self) -> bool {
        self.deals == 0
    }

    fn get(&self, i: usize) -> bool {
        if i < 64 {
            self.bits >> i & 1 == 1
        } else {
            let j = i - 64;
            self.more[j / 64] >> (j % 64) & 1 == 1
        }
    }

    fn set(&mut self, i: usize, on: bool) {
        if i < 64 {
            self.bits |= u64::from(on) << i;
        } else {
            let j = i - 64;
            if self.more.len() <= j / 64 {
                self.more.resize(j / 64 + 1, 0);
            }
            self.more[j / 64] |= u64::from(on) << (j % 64);
        }
    }

    /// Adds a deal: in the ZOPA, and each party's verdict (one per party).
    pub fn push(&mut self, zopa: bool, per: impl IntoIterator<Item = bool>) {
        let w = self.parties as usize + 1;
        let at = self.len() * w;
        self.set(at, zopa);
        let mut n = 0;
        for (p, ok) in per.into_iter().enumerate() {
            self.set(at + 1 + p, ok);
            n += 1;
        }
        debug_assert_eq!(n, self.parties as usize);
        self.deals += 1;
    }

    /// Whether deal d lies in the ZOPA.
    pub fn zopa(&self, d: usize) -> bool {
        self.get(d * (self.parties as usize + 1))
    }

    /// Whether party p accepts deal d.
    pub fn accepts(&self, d: usize, p: usize) -> bool {
        self.get(d * (self.parties as usize + 1) + 1 + p)
    }

    /// Deal d as (in the ZOPA, each party's verdict).
    pub fn deal(&self, d: usize) -> (bool, Vec<bool>) {
        (
            self.zopa(d),
            (0..self.parties as usize)
                .map(|p| self.accepts(d, p))
                .collect(),
        )
    }
}

/// Written as one string of `0`/`1`, deal by deal (in the ZOPA, then each
/// party), `;` between deals (part files hold millions of them).
impl Serialize for Verdicts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bit = |b: bool| if b { '1' } else { '0' };
        let text: Vec<String> = (0..self.len())
            .map(|d| {
                let (z, ps) = self.deal(d);
                std::iter::once(bit(z))
                    .chain(ps.into_iter().map(bit))
                    .collect()
            })
            .collect();
        s.serialize_str(&text.join(";"))
    }
}

impl<'de> Deserialize<'de> for Verdicts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Verdicts, D::Error> {
        let text = String::deserialize(d)?;
        if text.is_empty() {
            return Ok(Verdicts::default());
        }
        let mut out: Option<Verdicts> = None;
        for c in text.split(';') {
            let bits: Vec<bool> = c
                .chars()
                .map(|ch| match ch {
                    '0' => Ok(false),
                    '1' => Ok(true),
                    _ => Err(serde::de::Error::custom(format!("`{ch}` is not 0 or 1"))),
                })
                .collect::<Result<_, _>>()?;
            let Some((z, ps)) = bits.split_first() else {
                return Err(serde::de::Error::custom("an empty candidate"));
            };
            let v = out.get_or_insert_with(|| Verdicts::new(ps.len()));
            if ps.len() != v.parties as usize {
                return Err(serde::de::Error::custom(
                    "candidates with different numbers of parties",
                ));
            }
            v.push(*z, ps.iter().copied());
        }
        Ok(out.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_past_the_first_word_and_the_text_round_trip() {
        // 5 parties, 30 deals: 180 bits, three words.
        let mut v = Verdicts::new(5);
        let flag = |d: usize, k: usize| (d * 7 + k * 3) % 5 < 2;
        for d in 0..30 {
            v.push(flag(d, 0), (1..=5).map(|k| flag(d, k)));
        }
        assert_eq!(v.len(), 30);
        for d in 0..30 {
            assert_eq!(v.zopa(d), flag(d, 0));
            for p in 0..5 {
                assert_eq!(v.accepts(d, p), flag(d, p + 1));
            }
        }
        let text = serde_json::to_string(&v).expect("serialises");
        assert_eq!(text.matches(';').count(), 29);
        let back: Verdicts = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, v);
        let empty: Verdicts = serde_json::from_str("\"\"").expect("parses");
        assert!(empty.is_empty());
        assert!(serde_json::from_str::<Verdicts>("\"10;1\"").is_err());
        assert!(serde_json::from_str::<Verdicts>("\"1x\"").is_err());
    }
}
