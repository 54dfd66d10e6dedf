//! Genius XML export.

use std::collections::HashSet;

use accord_core::model::{Issue, Role, Scenario};
use quick_xml::escape::partial_escape;

use super::source::invalid;
use crate::error::Error;

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
/// [`Error::Invalid`] when the scenario fails [`Scenario::validate`].
pub fn export_genius(s: &Scenario) -> Result<GeniusExport, Error> {
    s.validate().map_err(|e| {
        invalid(
            format!("cannot export to Genius: expected a valid scenario, found {e}"),
            "run `accord check` on the scenario first",
        )
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
